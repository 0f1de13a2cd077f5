/** A bulk upload opened within its limits: sizes counted as inflated, entries capped, paths out of the zip listed. */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ReaderError } from '../../readers/readerError.ts';
import { deflatedBomb, manyEntriesZip, rawZip, textEntry, zerosZip } from '../../readers/testing/hostileZips.ts';
import { entryRefusal, expandUpload, UPLOAD_LIMITS } from './uploadFiles.ts';

const text = (s: string) => new TextEncoder().encode(s);
const refusal = (f: () => unknown): ReaderError => {
  try {
    f();
  } catch (error) {
    if (error instanceof ReaderError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('a bulk upload', () => {
  it('opens zips into their files, folders flattened, and keeps other files as they are', () => {
    const zip = zipSync({ 'forms/a.txt': text('A'), 'forms/deeper/b.txt': text('BB') });
    const { entries } = expandUpload([{ name: 'forms.zip', bytes: zip }, { name: 'c.txt', bytes: text('C') }]);
    expect(entries.map((i) => [i.label, i.name, new TextDecoder().decode(i.bytes), i.refused])).toEqual([
      ['forms.zip/forms/a.txt', 'a.txt', 'A', undefined],
      ['forms.zip/forms/deeper/b.txt', 'b.txt', 'BB', undefined],
      ['c.txt', 'c.txt', 'C', undefined],
    ]);
  });

  it('lists each entry whose path leaves the zip, or is hidden, with why; never drops one without a trace', () => {
    const zip = rawZip([textEntry('../../x.txt', 'x'), textEntry('..\\win.txt', 'x'), textEntry('a/../../b.txt', 'x'), textEntry('/etc/passwd', 'x'), textEntry('C:/boot.ini', 'x'), textEntry('.hidden/form.txt', 'x'), textEntry('ok/form.txt', 'x'), textEntry('__MACOSX/ok/._form.txt', 'x')]);
    const { entries } = expandUpload([{ name: 'slip.zip', bytes: zip }]);
    expect(entries.filter((e) => !e.refused).map((e) => e.label)).toEqual(['slip.zip/ok/form.txt']);
    expect(Object.fromEntries(entries.map((e) => [e.label, e.refused?.en.split(' (')[0] ?? 'imported']))).toEqual({
      'slip.zip/../../x.txt': 'the path leads outside the zip',
      'slip.zip/..\\win.txt': 'the path leads outside the zip',
      'slip.zip/a/../../b.txt': 'the path leads outside the zip',
      'slip.zip//etc/passwd': 'the path leads outside the zip',
      'slip.zip/C:/boot.ini': 'the path leads outside the zip',
      'slip.zip/.hidden/form.txt': 'a hidden file or folder',
      'slip.zip/ok/form.txt': 'imported',
    });
    expect(entryRefusal('folder\\form.xlsx')).toBeNull();
  });

  it('refuses a zip of six 300 MB entries at the first, naming it and the limit, honest headers or lying ones', () => {
    for (const lie of [false, true]) {
      const error = refusal(() => expandUpload([{ name: 'zeros.zip', bytes: zerosZip(6, 300, { lie }) }]));
      expect(error.problem).toBe('too-large');
      expect(error.en).toBe('form-1.xlsx in the zip zeros.zip inflates to more than the limit of 20 MB: this is not a form');
    }
  });

  it('refuses a zip of 20,000 entries from its directory, before opening one', () => {
    const error = refusal(() => expandUpload([{ name: 'many.zip', bytes: manyEntriesZip(20_000) }]));
    expect(error.en).toBe(`the zip many.zip lists 20,000 entries, more than the limit of ${UPLOAD_LIMITS.maxEntries.toLocaleString('en-US')}`);
  });

  it('counts files and entries together against the total and the number of forms', () => {
    const limits = { maxEntryBytes: 3 * 1024 * 1024, maxTotalBytes: 5 * 1024 * 1024, maxEntries: 4 };
    const zip = rawZip(['a.txt', 'b.txt'].map((name) => ({ name, method: 8 as const, data: deflatedBomb(2), size: 1 })));
    const plain = { name: 'first.txt', bytes: new Uint8Array(2 * 1024 * 1024) };
    expect(refusal(() => expandUpload([plain, { name: 'lying.zip', bytes: zip }], limits)).en).toBe('the zip lying.zip inflates to more than the limit of 5 MB (reached at entry b.txt): this is not a form');
    const many = [1, 2, 3, 4, 5].map((n) => ({ name: `${n}.txt`, bytes: text('x') }));
    expect(refusal(() => expandUpload(many, limits)).en).toBe('one import takes at most 4 files, passed at 5.txt: import them in several jobs');
    expect(refusal(() => expandUpload([{ name: 'big.pdf', bytes: new Uint8Array(4 * 1024 * 1024) }], limits)).en).toBe('big.pdf is larger than the limit of 3 MB: this is not a form');
  });

  it('names a zip that cannot be read', () => {
    const error = refusal(() => expandUpload([{ name: 'broken.zip', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]) }]));
    expect(error.problem).toBe('corrupt');
    expect(error.zh).toContain('broken.zip：不是完好的 zip 文件');
  });
});
