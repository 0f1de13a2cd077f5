/**
 * Workbooks in (.xlsx and legacy .xls) as the table model: every sheet with its merged cells, each
 * cell's text as Excel shows it — a formula's cached value, a number in its number format, a date
 * serial as a date.
 *
 * SheetJS (the maintained `@e965/xlsx` build) reads both formats with one cell model, which keeps
 * one code path for the two files finance staff actually hold; exceljs writes (see workbookWriter),
 * as it keeps styles, and reads .xlsx only. Measured in BENCHMARKS.md (`xlsx-import`).
 */
import * as XLSX from '@e965/xlsx';
import { sheetRef, tableCell, type SourceSheet, type SourceTables, type TableCell } from '../table/sourceTable.ts';
import { checkSourceSize, MAX_SOURCE_ROWS, ReaderError } from './readerError.ts';
import { checkZip, zipHasEntry } from './zipLimits.ts';

/** True for the bytes of a zip (an .xlsx) or an OLE compound file (an .xls, or an encrypted .xlsx). */
export function isWorkbook(bytes: Uint8Array): 'xlsx' | 'xls' | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (ole.every((b, i) => bytes[i] === b)) return 'xls';
  return null;
}

/** Reads a workbook's sheets; throws a ReaderError naming what is wrong. */
export function readWorkbook(bytes: Uint8Array): SourceTables {
  checkSourceSize(bytes);
  const format = isWorkbook(bytes) ?? 'xlsx';
  // Excel saves a workbook with an opening password as an OLE container of its encrypted package.
  if (format === 'xls' && isEncryptedPackage(bytes)) throw encrypted();
  const other = format === 'xlsx' ? otherOfficeDocument(bytes) : null;
  if (other) {
    throw new ReaderError(
      'unsupported',
      `这是 ${other.zh}，不是 Excel 工作簿：请另存为 PDF 后导入，或选中表格复制粘贴到导入页`,
      `this is ${other.en}, not an Excel workbook: save it as PDF and import that, or copy the table and paste it into the import page`,
    );
  }
  if (format === 'xlsx') {
    // Every part's size before SheetJS inflates it (it inflates without a limit).
    const parts = new Set(checkZip(bytes, { zh: '工作簿', en: 'the workbook' }).map((e) => e.name.toLowerCase()));
    // Only Office Open XML and OpenDocument: SheetJS opens an Apple Numbers file's zip inside the zip
    // (Index.zip), past the limits checked here.
    if (!parts.has('[content_types].xml') && !parts.has('meta-inf/manifest.xml')) {
      throw new ReaderError('unsupported', '这个 zip 文件不是 Excel 工作簿（.xlsx）：请在 Excel 或 WPS 中另存为 .xlsx', 'this zip is not an Excel workbook (.xlsx): save it as .xlsx in Excel or WPS');
    }
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellNF: true, cellText: true, sheetRows: MAX_SOURCE_ROWS + 1, WTF: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error) ?? 'unknown';
    if (/password/i.test(message)) throw encrypted();
    throw new ReaderError('corrupt', `无法读取工作簿：文件已损坏或不是 Excel 文件（${message}）`, `the workbook cannot be read: it is damaged or not an Excel file (${message})`);
  }
  const sheets: SourceSheet[] = [];
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    if (!sheet) continue;
    if (sheet['!fullref']) {
      const full = XLSX.utils.decode_range(sheet['!fullref']);
      if (full.e.r + 1 > MAX_SOURCE_ROWS) {
        throw new ReaderError('too-large', `工作表「${name}」有 ${(full.e.r + 1).toLocaleString('en-US')} 行，超过上限 ${MAX_SOURCE_ROWS.toLocaleString('en-US')} 行：这不是一份申报表`, `sheet "${name}" has ${(full.e.r + 1).toLocaleString('en-US')} rows, more than the limit of ${MAX_SOURCE_ROWS.toLocaleString('en-US')}: this is not a form`);
      }
    }
    sheets.push(readSheet(name, sheet));
  }
  return { format, sheets };
}

function encrypted(): ReaderError {
  return new ReaderError('encrypted', '工作簿有密码保护，请先在 Excel/WPS 中取消密码后再导入', 'the workbook is password-protected: remove the password in Excel or WPS first');
}

/** Reads CSV text (a sheet saved as CSV: merged cells lost, their text in the first of them) as one sheet. */
export function readCsv(text: string): SourceTables {
  let workbook: XLSX.WorkBook;
  try {
    // raw: every field as the text it is (2507.50 keeps its zeros, 001 its leading ones).
    workbook = XLSX.read(text, { type: 'string', raw: true, sheetRows: MAX_SOURCE_ROWS + 1 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ReaderError('corrupt', `无法读取 CSV：${message}`, `the CSV cannot be read: ${message}`);
  }
  const name = workbook.SheetNames[0] ?? 'CSV';
  const sheet = workbook.Sheets[name];
  if (sheet?.['!fullref'] && XLSX.utils.decode_range(sheet['!fullref']).e.r + 1 > MAX_SOURCE_ROWS) {
    throw new ReaderError('too-large', `CSV 超过 ${MAX_SOURCE_ROWS.toLocaleString('en-US')} 行：这不是一份申报表`, `the CSV has more than ${MAX_SOURCE_ROWS.toLocaleString('en-US')} rows: this is not a form`);
  }
  return { format: 'csv', sheets: sheet ? [readSheet('CSV', sheet)] : [] };
}

/** A presentation in the same zip container as a workbook: named, not misread (Word documents have their reader). Read from the zip's directory, nothing inflated. */
function otherOfficeDocument(bytes: Uint8Array): { zh: string; en: string } | null {
  return zipHasEntry(bytes, 'ppt/presentation.xml') ? { zh: 'PowerPoint 演示文稿（.pptx）', en: 'a PowerPoint presentation (.pptx)' } : null;
}

function isEncryptedPackage(bytes: Uint8Array): boolean {
  try {
    const container = XLSX.CFB.read(bytes, { type: 'array' });
    return XLSX.CFB.find(container, 'EncryptedPackage') !== null || XLSX.CFB.find(container, 'EncryptionInfo') !== null;
  } catch {
    return false;
  }
}

function readSheet(name: string, sheet: XLSX.WorkSheet): SourceSheet {
  const ref = sheet['!ref'];
  if (!ref) return { name, rows: [] };
  const range = XLSX.utils.decode_range(ref);
  const merges = new Map<string, XLSX.Range>();
  const covered = new Set<string>();
  for (const merge of sheet['!merges'] ?? []) {
    merges.set(`${merge.s.r},${merge.s.c}`, merge);
    for (let r = merge.s.r; r <= merge.e.r; r++) for (let c = merge.s.c; c <= merge.e.c; c++) if (r !== merge.s.r || c !== merge.s.c) covered.add(`${r},${c}`);
  }
  const rows: TableCell[][] = Array.from({ length: range.e.r + 1 }, () => []);
  const dense = (sheet as { '!data'?: XLSX.CellObject[][] })['!data'];
  for (let r = range.s.r; r <= range.e.r; r++) {
    for (let c = range.s.c; c <= range.e.c; c++) {
      const cell = dense ? dense[r]?.[c] : (sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined);
      if (!cell || covered.has(`${r},${c}`)) continue;
      const text = cellText(cell);
      if (text === '') continue;
      const merge = merges.get(`${r},${c}`);
      const spans = merge ? { rowSpan: merge.e.r - merge.s.r + 1, colSpan: merge.e.c - merge.s.c + 1 } : {};
      (rows[r] as TableCell[]).push(tableCell(text, r, c, sheetRef(name, r, c), spans));
    }
  }
  return { name, rows };
}

/** A cell's text as Excel shows it. */
export function cellText(cell: XLSX.CellObject): string {
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '').trim();
    case 'n': {
      const format = typeof cell.z === 'string' ? cell.z : '';
      if (format && XLSX.SSF.is_date(format) && typeof cell.v === 'number') return XLSX.SSF.format('yyyy-mm-dd', cell.v);
      // The formatted text (0.00 → 2507.50) is what the user sees; a General number shows its shortest form.
      if (cell.w !== undefined && cell.w !== '' && !/E\+|#/.test(cell.w)) return cell.w.trim();
      return typeof cell.v === 'number' ? shortestDecimal(cell.v) : String(cell.v ?? '');
    }
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v ?? '');
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    default:
      return String(cell.w ?? cell.v ?? '').trim();
  }
}

/** A binary float as the decimal a person typed (4417.499999999999 → 4417.5): 15 significant digits. */
function shortestDecimal(value: number): string {
  return String(Number(value.toPrecision(15)));
}
