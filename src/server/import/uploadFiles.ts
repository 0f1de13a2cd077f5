/**
 * The files of a bulk import as the job's items: each file a form, each .zip opened into its files —
 * within limits, on a worker thread (the caller's), counting the bytes each entry really inflates to.
 * A 1.8 MB zip of six 300 MB entries, or a 2 MB zip of 20,000, is refused with the entry and the
 * limit named, before it is inflated or stored. Entries that are not imported are listed with why
 * (a path out of the zip, a hidden file, a password), never dropped without a trace.
 */
import { MAX_SOURCE_BYTES, ReaderError } from '../../readers/readerError.ts';
import { eachZipEntry, type ZipLimits } from '../../readers/zipLimits.ts';

const MIB = 1024 * 1024;

/** How much one bulk import may hold: its files, and every zip's entries inflated. */
export const UPLOAD_LIMITS = {
  /** One form (a file or a zip's entry): the largest file any reader opens. */
  maxEntryBytes: MAX_SOURCE_BYTES,
  /** Every file and entry together: what one job stores (a larger folder goes as several jobs). */
  maxTotalBytes: 256 * MIB,
  /** The most forms (and zip entries) in one job. */
  maxEntries: 5000,
} as const satisfies ZipLimits;

/** Why an entry was not imported, in both languages. */
export interface Refusal {
  readonly zh: string;
  readonly en: string;
}

/** One file of an upload: a form to import with its bytes, or an entry not imported with why. */
export type UploadEntry = { readonly label: string; readonly name: string } & ({ readonly bytes: Uint8Array; readonly refused?: undefined } | { readonly bytes?: undefined; readonly refused: Refusal });

export interface UploadExpansion {
  /**
   * The files in the order given, each zip's entries by path: the label says where each was
   * (`folder.zip/a/b.xlsx`), the name is the file's own.
   */
  readonly entries: UploadEntry[];
}

const OUTSIDE: Refusal = { zh: '路径指向 zip 文件之外（含 ..、绝对路径或盘符），未导入', en: 'the path leads outside the zip (a .. segment, an absolute path or a drive), not imported' };
const HIDDEN: Refusal = { zh: '隐藏文件或文件夹（名称以 . 开头），未导入', en: 'a hidden file or folder (its name starts with .), not imported' };
const ENCRYPTED: Refusal = { zh: '该文件在 zip 中有密码保护，未导入', en: 'the file is password-protected in the zip, not imported' };

/** Why a zip entry's path is not imported, or null. Backslashes count as separators (zips made on Windows). */
export function entryRefusal(path: string): Refusal | null {
  const segments = path.replace(/\\/g, '/').split('/');
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-z]:/i.test(path) || segments.some((s) => s === '..')) return OUTSIDE;
  if (segments.some((s) => s.startsWith('.'))) return HIDDEN;
  return null;
}

const mb = (bytes: number) => `${Math.round(bytes / MIB)} MB`;

/** A refusal of the whole upload, naming the file or entry and the limit. */
function over(label: string, limit: number, total: boolean): ReaderError {
  return total
    ? new ReaderError('too-large', `上传的文件合计超过 ${mb(limit)} 上限（到 ${label} 时）：请分成几次导入`, `the files uploaded come to more than the limit of ${mb(limit)} (reached at ${label}): import them in several jobs`)
    : new ReaderError('too-large', `${label} 超过 ${mb(limit)} 上限：这不是一份表格`, `${label} is larger than the limit of ${mb(limit)}: this is not a form`);
}

function isZip(file: { name: string; bytes: Uint8Array }): boolean {
  return file.bytes[0] === 0x50 && file.bytes[1] === 0x4b && /\.zip$/i.test(file.name);
}

/**
 * Opens the files of an upload within the limits. Throws a ReaderError naming the file or entry when
 * one is too large, the whole too large or too many, or a zip cannot be read.
 */
export function expandUpload(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>, limits: ZipLimits = UPLOAD_LIMITS): UploadExpansion {
  const entries: UploadEntry[] = [];
  let total = 0;
  const count = (label: string, more = 0) => {
    if (entries.length + more >= limits.maxEntries) {
      throw new ReaderError('too-large', `一次导入最多 ${limits.maxEntries.toLocaleString('en-US')} 个文件，到 ${label} 时已超过：请分成几次导入`, `one import takes at most ${limits.maxEntries.toLocaleString('en-US')} files, passed at ${label}: import them in several jobs`);
    }
  };
  for (const file of files) {
    if (!isZip(file)) {
      count(file.name);
      if (file.bytes.length > limits.maxEntryBytes) throw over(file.name, limits.maxEntryBytes, false);
      total += file.bytes.length;
      if (total > limits.maxTotalBytes) throw over(file.name, limits.maxTotalBytes, true);
      entries.push({ label: file.name, name: file.name, bytes: file.bytes });
      continue;
    }
    const inZip: UploadEntry[] = [];
    const label = { zh: `zip 文件 ${file.name}`, en: `the zip ${file.name}` };
    try {
      // The bytes of the files before this zip count against the same total.
      eachZipEntry(file.bytes, label, limits, (entry) => {
        const path = entry.name;
        // Folders are not files; Apple's metadata folder holds a copy of every file's attributes.
        if (path.endsWith('/') || path.replace(/\\/g, '/').startsWith('__MACOSX/')) return null;
        const where = `${file.name}/${path}`;
        count(where, inZip.length);
        const name = path.replace(/\\/g, '/').split('/').pop() ?? path;
        const refused = entryRefusal(path) ?? (entry.encrypted ? ENCRYPTED : null);
        if (refused) {
          inZip.push({ label: where, name, refused });
          return null;
        }
        return (bytes) => {
          total += bytes.length;
          inZip.push({ label: where, name, bytes });
        };
      }, total);
      entries.push(...inZip.sort((a, b) => a.label.localeCompare(b.label)));
    } catch (error) {
      if (error instanceof ReaderError && error.problem === 'too-large') throw error;
      if (error instanceof ReaderError) throw new ReaderError(error.problem, `${file.name}：不是完好的 zip 文件（${error.zh}）`, `${file.name}: not a readable zip file (${error.en})`);
      throw error;
    }
  }
  return { entries };
}
