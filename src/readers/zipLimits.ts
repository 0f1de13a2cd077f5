/**
 * Zips opened within limits. An .xlsx or .docx is a zip, and a bulk import takes zips of forms; a
 * few hundred kilobytes of deflated zeros inflate to hundreds of megabytes, and SheetJS inflates
 * every part of a workbook without a limit. So before anything inflates a zip, its central directory
 * is read here and every entry's size checked — the sizes its headers declare (cheap: an honest bomb
 * is refused without inflating a byte), then the bytes it really inflates to, counted by zlib
 * (`maxOutputLength`), since a header can lie. A refusal names the entry and the limit.
 *
 * The entries are found as SheetJS finds them (the central directory, each entry's data after its
 * local header, inflated from there to the end of its deflate stream), so what is counted here is
 * what a reader would inflate.
 */
import { inflateRawSync } from 'node:zlib';
import { ReaderError } from './readerError.ts';

const MIB = 1024 * 1024;

/** How much a zip may hold. */
export interface ZipLimits {
  /** The most bytes one entry may inflate to. */
  readonly maxEntryBytes: number;
  /** The most bytes all entries together may inflate to. */
  readonly maxTotalBytes: number;
  /** The most entries (files and folders) the zip may list. */
  readonly maxEntries: number;
}

/**
 * A workbook's or Word document's parts. A form's largest part (the sheet or the shared strings) is a
 * few megabytes: 20,000 rows of 20 cells (MAX_SOURCE_ROWS) are about 16 MB of sheet XML.
 */
export const DOCUMENT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: 50 * MIB, maxTotalBytes: 100 * MIB, maxEntries: 5000 };

/** One entry of a zip's central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  readonly method: number;
  readonly encrypted: boolean;
  /** The larger of the sizes its two headers declare (either may lie). */
  readonly declaredSize: number;
  readonly compressedSize: number;
  /** Where its data starts (after its local header). */
  readonly dataOffset: number;
}

/** What the zip is, for messages: 「工作簿」 / "the workbook". */
export interface ZipLabel {
  readonly zh: string;
  readonly en: string;
}

const mb = (bytes: number) => `${Math.round(bytes / MIB)} MB`;

function corrupt(label: ZipLabel, zh: string, en: string): ReaderError {
  return new ReaderError('corrupt', `${label.zh}无法读取：${zh}`, `${label.en} cannot be read: ${en}`);
}

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

/** The ZIP64 extended sizes in an extra field, for the fields the header set to 0xFFFFFFFF. */
function zip64Sizes(extra: Uint8Array, size: number, compressed: number, offset: number): { size: number; compressed: number; offset: number } {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = u16(extra, at);
    const length = u16(extra, at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const next = () => {
        const value = u32(extra, p) + u32(extra, p + 4) * 2 ** 32;
        p += 8;
        return value;
      };
      if (size === 0xffffffff && p + 8 <= at + 4 + length) size = next();
      if (compressed === 0xffffffff && p + 8 <= at + 4 + length) compressed = next();
      if (offset === 0xffffffff && p + 8 <= at + 4 + length) offset = next();
    }
    at += 4 + length;
  }
  return { size, compressed, offset };
}

/**
 * The entries a zip lists, with their declared sizes; nothing is inflated. Throws a ReaderError when
 * the directory cannot be read or lists more entries than the limit.
 */
export function zipDirectory(bytes: Uint8Array, label: ZipLabel, maxEntries = DOCUMENT_ZIP_LIMITS.maxEntries): ZipEntry[] {
  // The end of the central directory, searched from the end as SheetJS does.
  let end = bytes.length - 22;
  while (end >= 0 && !(bytes[end] === 0x50 && bytes[end + 1] === 0x4b && bytes[end + 2] === 0x05 && bytes[end + 3] === 0x06)) end--;
  if (end < 0) throw corrupt(label, '找不到 zip 目录', 'no zip directory found');
  const count = u16(bytes, end + 8);
  const start = u32(bytes, end + 16);
  if (count === 0xffff || start === 0xffffffff) throw new ReaderError('too-large', `${label.zh}是 ZIP64 格式（条目或大小超出普通 zip）：不是一份表格`, `${label.en} is a ZIP64 file (more entries or bytes than a plain zip holds): not a form`);
  if (count > maxEntries) throw new ReaderError('too-large', `${label.zh}有 ${count.toLocaleString('en-US')} 个条目，超过上限 ${maxEntries.toLocaleString('en-US')} 个`, `${label.en} lists ${count.toLocaleString('en-US')} entries, more than the limit of ${maxEntries.toLocaleString('en-US')}`);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw corrupt(label, `zip 目录第 ${i + 1} 项已损坏`, `entry ${i + 1} of the zip directory is damaged`);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const sizes = zip64Sizes(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), u32(bytes, at + 24), u32(bytes, at + 20), u32(bytes, at + 42));
    const centralFlags = u16(bytes, at + 8);
    at += 46 + nameLength + extraLength + commentLength;
    // The local header: readers take the method, flags and data position from here.
    const local = sizes.offset;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) throw corrupt(label, `条目 ${name} 的文件头已损坏`, `the header of entry ${name} is damaged`);
    const localName = u16(bytes, local + 26);
    const localExtra = u16(bytes, local + 28);
    const localSizes = zip64Sizes(bytes.subarray(local + 30 + localName, local + 30 + localName + localExtra), u32(bytes, local + 22), u32(bytes, local + 18), 0);
    entries.push({
      name,
      method: u16(bytes, local + 8),
      encrypted: ((u16(bytes, local + 6) | centralFlags) & 0x41) !== 0,
      declaredSize: Math.max(sizes.size, localSizes.size),
      // A data descriptor (flag 8) leaves the local sizes 0: the directory's count then.
      compressedSize: localSizes.compressed || sizes.compressed,
      dataOffset: local + 30 + localName + localExtra,
    });
  }
  return entries;
}

/** Does the zip list an entry of this name (case as Office ignores it)? False for anything that is not a readable zip. */
export function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  try {
    const wanted = name.toLowerCase();
    return zipDirectory(bytes, { zh: '', en: '' }, Number.MAX_SAFE_INTEGER).some((e) => e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase() === wanted);
  } catch {
    return false;
  }
}

/** Refuses an entry (or the zip, reached at an entry) over a size limit, naming the entry. */
function tooLarge(label: ZipLabel, entry: string, limit: number, total: boolean): ReaderError {
  return total
    ? new ReaderError('too-large', `${label.zh}解压后超过 ${mb(limit)} 上限（到条目 ${entry} 时）：这不是一份表格`, `${label.en} inflates to more than the limit of ${mb(limit)} (reached at entry ${entry}): this is not a form`)
    : new ReaderError('too-large', `${label.zh}中的 ${entry} 解压后超过 ${mb(limit)} 上限：这不是一份表格`, `${entry} in ${label.en} inflates to more than the limit of ${mb(limit)}: this is not a form`);
}

/**
 * An entry's bytes, inflated up to `max` bytes and no further — zlib counts what it really writes
 * and stops past the limit, whatever the headers say; null when the entry holds more. Throws a
 * ReaderError naming the entry when it cannot be inflated.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, label: ZipLabel, max: number): Uint8Array | null {
  if (entry.encrypted) throw new ReaderError('encrypted', `${label.zh}中的 ${entry.name} 有密码保护`, `${entry.name} in ${label.en} is password-protected`);
  if (entry.method === 0) {
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    return data.length > max ? null : data;
  }
  if (entry.method !== 8) throw corrupt(label, `条目 ${entry.name} 的压缩方式（${entry.method}）不受支持`, `entry ${entry.name} uses an unsupported compression method (${entry.method})`);
  try {
    // From the data to the end of the file, as SheetJS inflates it: the deflate stream ends itself.
    return inflateRawSync(bytes.subarray(entry.dataOffset), { maxOutputLength: max + 1 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    const message = error instanceof Error ? error.message : String(error);
    throw corrupt(label, `条目 ${entry.name} 无法解压（${message}）`, `entry ${entry.name} cannot be inflated (${message})`);
  }
}

/**
 * Inflates a zip's entries within the limits, one at a time: the sizes the headers declare are
 * checked first (an honest bomb is refused before a byte is inflated), then each entry's real bytes
 * are counted as it inflates. `use` gets each entry that passes (null: the entry is not inflated);
 * `counted` bytes are already spent of the total (other files of the same upload). Throws a
 * ReaderError naming the entry and the limit.
 */
export function eachZipEntry(bytes: Uint8Array, label: ZipLabel, limits: ZipLimits, use: (entry: ZipEntry) => ((data: Uint8Array) => void) | null, counted = 0): ZipEntry[] {
  const entries = zipDirectory(bytes, label, limits.maxEntries);
  let declared = counted;
  for (const entry of entries) {
    if (entry.declaredSize > limits.maxEntryBytes) throw tooLarge(label, entry.name, limits.maxEntryBytes, false);
    declared += entry.declaredSize;
    if (declared > limits.maxTotalBytes) throw tooLarge(label, entry.name, limits.maxTotalBytes, true);
  }
  let total = counted;
  for (const entry of entries) {
    const sink = use(entry);
    if (!sink) continue;
    const remaining = limits.maxTotalBytes - total;
    const data = inflateEntry(bytes, entry, label, Math.min(limits.maxEntryBytes, remaining));
    if (data === null) throw remaining < limits.maxEntryBytes ? tooLarge(label, entry.name, limits.maxTotalBytes, true) : tooLarge(label, entry.name, limits.maxEntryBytes, false);
    total += data.length;
    sink(data);
  }
  return entries;
}

const skipNothing = (entry: ZipEntry) => (entry.encrypted || entry.name.endsWith('/') ? null : () => undefined);

/**
 * Checks every entry of a workbook or Word document against the limits before a reader inflates it
 * (counted, not kept). Folders and encrypted entries are not inflated (a reader refuses the latter).
 */
export function checkZip(bytes: Uint8Array, label: ZipLabel, limits: ZipLimits = DOCUMENT_ZIP_LIMITS): ZipEntry[] {
  return eachZipEntry(bytes, label, limits, skipNothing);
}
