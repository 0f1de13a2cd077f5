/**
 * Hostile zips for tests, made at test time and never committed: zip bombs (a part that inflates to
 * hundreds of megabytes), workbooks and Word documents carrying one, zips whose headers lie about
 * their sizes, zips of many entries and of entries named to climb out of a folder.
 *
 * A bomb never exists inflated, here or on disk: a raw deflate stream of N MiB of one byte is one
 * compressed MiB (flushed to a byte boundary with no reference before it, so copies of it follow
 * each other as blocks of one stream) repeated N times, then an empty final block — about 1 KB per
 * MiB, made in milliseconds.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const MIB = 1024 * 1024;

/** A raw deflate stream of `prefix`, then `mib` MiB of `fill`, then `suffix`. */
export function deflatedBomb(mib: number, options: { fill?: number; prefix?: string; suffix?: string } = {}): Uint8Array {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const parts: Uint8Array[] = [];
  if (options.prefix) parts.push(deflateRawSync(Buffer.from(options.prefix), flush));
  const block = deflateRawSync(Buffer.alloc(MIB, options.fill ?? 0x20), flush);
  for (let i = 0; i < mib; i++) parts.push(block);
  // The final block: the suffix, or nothing.
  parts.push(deflateRawSync(Buffer.from(options.suffix ?? '')));
  return Buffer.concat(parts);
}

/** One entry of a zip: its bytes as stored (deflated or not) and what its headers say. */
export interface RawEntry {
  readonly name: string;
  /** 8: deflated; 0: stored. */
  readonly method: 0 | 8;
  readonly data: Uint8Array;
  /** The uncompressed size the headers claim. */
  readonly size: number;
  readonly crc?: number;
}

/** A deflated entry of some text (its sizes and checksum true). */
export function textEntry(name: string, text: string): RawEntry {
  const bytes = Buffer.from(text);
  return { name, method: 8, data: deflateRawSync(bytes), size: bytes.length, crc: crc32(bytes) };
}

/** A zip of entries as given (no data descriptors, no zip64): the sizes are whatever the entries claim. */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc ?? 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt32LE(entry.crc ?? 0, 16);
    record.writeUInt32LE(entry.data.length, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    central.push(record, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
const SHEET = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>';

/**
 * An .xlsx whose shared strings (or first sheet) inflate to `mib` MiB of blanks inside valid XML —
 * the 308–410 KB workbook that inflated to 300–400 MB. `lie` makes the headers claim 1 KB.
 */
export function xlsxBomb(mib: number, options: { part?: 'xl/sharedStrings.xml' | 'xl/worksheets/sheet1.xml'; lie?: boolean } = {}): Uint8Array {
  const part = options.part ?? 'xl/sharedStrings.xml';
  const bomb = part === 'xl/sharedStrings.xml'
    ? deflatedBomb(mib, { prefix: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>', suffix: '</t></si></sst>' })
    : deflatedBomb(mib, { prefix: SHEET.replace('</sheetData>', ''), suffix: '</sheetData></worksheet>' });
  const entries = [textEntry('[Content_Types].xml', CONTENT_TYPES), textEntry('xl/workbook.xml', WORKBOOK), textEntry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS)];
  const bombEntry: RawEntry = { name: part, method: 8, data: bomb, size: options.lie ? 1024 : mib * MIB };
  if (part === 'xl/sharedStrings.xml') entries.push(textEntry('xl/worksheets/sheet1.xml', SHEET), bombEntry);
  else entries.push(bombEntry, textEntry('xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>x</t></si></sst>'));
  return rawZip(entries);
}

/** A .docx whose word/document.xml inflates to `mib` MiB. */
export function docxBomb(mib: number, options: { lie?: boolean } = {}): Uint8Array {
  const bomb = deflatedBomb(mib, { prefix: '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>', suffix: '</w:t></w:r></w:p></w:body></w:document>' });
  return rawZip([
    textEntry('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    { name: 'word/document.xml', method: 8, data: bomb, size: options.lie ? 1024 : mib * MIB },
  ]);
}

/** A zip of `count` tiny entries (the 2 MB zip of 20,000 entries that became a 20,000-item job). */
export function manyEntriesZip(count: number): Uint8Array {
  const entries: RawEntry[] = [];
  for (let i = 0; i < count; i++) entries.push(textEntry(`form-${i}.txt`, 'x'));
  return rawZip(entries);
}

/** A zip of several entries each inflating to `mib` MiB of zeros (the 1.8 MB zip of 6 × 300 MB). */
export function zerosZip(count: number, mib: number, options: { lie?: boolean } = {}): Uint8Array {
  const bomb = deflatedBomb(mib, { fill: 0 });
  return rawZip(Array.from({ length: count }, (_, i) => ({ name: `form-${i + 1}.xlsx`, method: 8 as const, data: bomb, size: options.lie ? 1024 : mib * MIB })));
}
