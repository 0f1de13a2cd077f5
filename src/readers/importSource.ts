/**
 * One front door for every format: the bytes of a file (or pasted text or HTML) in, the documents of
 * the family out. The reader is picked by content — a Word document, a zip or OLE workbook, a PDF, an
 * HTML page, else text — not by the file's extension, which users get wrong (a .xls that is an HTML table, a .txt
 * copied from a page).
 */
import { importFormBytes, importFormText, type ImportProblem } from '../import/text/importFormText.ts';
import type { DepartmentTargetTextOptions } from '../import/text/departmentTargetText.ts';
import { decodeText } from '../import/text/decodeText.ts';
import { importTables, type TableImportOutcome } from '../table/importTables.ts';
import { fromYthpm, ythpmTablesOf, type YthpmTables } from '../import/ythpm/ythpm.ts';
import type { SourceFormat, SourceTables } from '../table/sourceTable.ts';
import { isHtml, readHtml } from './htmlReader.ts';
import { isPdf, readPdf } from './pdfReader.ts';
import { checkSourceSize, ReaderError } from './readerError.ts';
import { isWordDocument, readWordDocument } from './wordReader.ts';
import { looksLikeCsv } from './csvSniff.ts';
import { isWorkbook, readCsv, readWorkbook } from './workbookReader.ts';

/** What an import of any format gives: the documents, the format read, and the source's tables. */
export type SourceImportOutcome =
  | (Extract<TableImportOutcome, { ok: true }> & { readonly format: SourceFormat; readonly source: SourceTables | null })
  | (Extract<TableImportOutcome, { ok: false }> & { readonly format: SourceFormat | null });

/** The format of some bytes, by their content. */
export function sniffFormat(bytes: Uint8Array): SourceFormat {
  if (isWordDocument(bytes)) return 'docx';
  const workbook = isWorkbook(bytes);
  if (workbook) return workbook;
  if (isPdf(bytes)) return 'pdf';
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 256 * 1024)));
  if (head.ok && isHtml(head.text)) return 'html';
  if (head.ok && looksLikeCsv(head.text)) return 'csv';
  return 'text';
}

/** Reads the tables of a binary or HTML source (not plain text). */
export async function readSourceTables(bytes: Uint8Array, format: Exclude<SourceFormat, 'text'>): Promise<SourceTables> {
  if (format === 'pdf') return readPdf(bytes);
  if (format === 'docx') return readWordDocument(bytes);
  if (format === 'csv') {
    const decoded = decodeText(bytes);
    if (!decoded.ok) throw new ReaderError('corrupt', `CSV 文件无法解码：${decoded.message}`, `the CSV cannot be decoded: ${decoded.message}`);
    return readCsv(decoded.text);
  }
  if (format === 'html') {
    const decoded = decodeText(bytes);
    if (!decoded.ok) throw new ReaderError('corrupt', `网页文件无法解码：${decoded.message}`, `the web page cannot be decoded: ${decoded.message}`);
    return readHtml(decoded.text);
  }
  return readWorkbook(bytes);
}

/** Imports a file's bytes, whatever its format. Never throws. */
export async function importSource(bytes: Uint8Array, options: DepartmentTargetTextOptions = {}): Promise<SourceImportOutcome> {
  let format: SourceFormat | null = null;
  try {
    checkSourceSize(bytes);
    format = sniffFormat(bytes);
    if (format === 'text') {
      const outcome = importFormBytes(bytes, options);
      return outcome.ok ? { ...outcome, format, source: null } : { ...outcome, format };
    }
    const source = await readSourceTables(bytes, format);
    // A provincial system's tables (pm_perf_indicator, pm_perf_goal_info): a year's forms by their columns.
    const ythpm = ythpmTablesOf(source);
    if (ythpm) {
      const outcome = ythpmOutcome(ythpm, options);
      return outcome.ok ? { ...outcome, format, source } : { ...outcome, format };
    }
    const outcome = importTables(source, options);
    return outcome.ok ? { ...outcome, format, source } : { ...outcome, format };
  } catch (error) {
    return { ok: false, format, ...problemOf(error) };
  }
}

/** Imports pasted text: HTML (a table copied from a page) as a table, anything else as text. Never throws. */
export async function importPasted(text: string, options: DepartmentTargetTextOptions = {}): Promise<SourceImportOutcome> {
  if (!isHtml(text)) {
    const outcome = importFormText(text, options);
    return outcome.ok ? { ...outcome, format: 'text', source: null } : { ...outcome, format: 'text' };
  }
  try {
    const source = readHtml(text);
    const outcome = importTables(source, options);
    return outcome.ok ? { ...outcome, format: 'html', source } : { ...outcome, format: 'html' };
  } catch (error) {
    return { ok: false, format: 'html', ...problemOf(error) };
  }
}

/** The documents of a provincial system's tables, as an import's outcome (one row of the source per document's lines). */
export function ythpmOutcome(tables: YthpmTables, options: DepartmentTargetTextOptions = {}): TableImportOutcome {
  const documents = fromYthpm(tables).map((document, i) => ({ document: options.year && document.year === null ? { ...document, year: options.year } : document, claims: [], lines: { from: i + 1, to: i + 1 } }));
  const first = documents[0];
  if (!first) return { ok: false, problem: 'empty', message: { zh: '一体化系统的表（pm_perf_indicator / pm_perf_goal_info）中没有数据行', en: 'the provincial tables (pm_perf_indicator / pm_perf_goal_info) hold no rows' }, evidence: [] };
  return { ok: true, documents, declaration: first.document, claims: [], encoding: 'utf-8' };
}

function problemOf(error: unknown): ImportProblem {
  if (error instanceof ReaderError) return { problem: error.problem, message: { zh: error.zh, en: error.en }, evidence: [] };
  // A reader's own bug must not pass for a bad file: name it as such.
  const message = error instanceof Error ? error.message : String(error);
  return { problem: 'corrupt', message: { zh: `文件无法读取：${message}`, en: `the file cannot be read: ${message}` }, evidence: [] };
}
