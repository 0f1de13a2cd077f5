/** Why a file could not be read at all, with the file named in both languages' messages. */
export class ReaderError extends Error {
  constructor(
    readonly problem: 'corrupt' | 'encrypted' | 'too-large' | 'scanned' | 'no-table' | 'empty' | 'unsupported',
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ReaderError';
  }
}

/** The largest file any reader opens: a form is rarely over 2 MB, a workbook of many forms a few MB. */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

/** The most rows of one sheet or the most pages of one PDF a reader reads (a form has a few hundred). */
export const MAX_SOURCE_ROWS = 20_000;
export const MAX_SOURCE_PAGES = 500;

/** Refuses a file larger than any form before a reader parses it. */
export function checkSourceSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_SOURCE_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new ReaderError('too-large', `文件过大（${mb} MB），上限 ${MAX_SOURCE_BYTES / 1024 / 1024} MB`, `the file is too large (${mb} MB); the limit is ${MAX_SOURCE_BYTES / 1024 / 1024} MB`);
  }
}
