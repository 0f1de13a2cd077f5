/**
 * Every CSV Jixiao writes — the open-data tables, the audit log, a job export's index.csv — writes
 * its fields here: RFC 4180 quoting, and text a spreadsheet would run as a formula defused.
 *
 * Excel, WPS and LibreOffice run a cell that starts with = + - or @ (a tab or line break before it
 * counts too, and WPS reads the full-width ＝＋－＠ the same way) as a formula: a project named
 * `=HYPERLINK("http://…","y")` would be a live link in the sheet of anyone who downloads the open
 * data. Such text gets a leading apostrophe, as OWASP recommends (`'=HYPERLINK(…)`), so it shows as
 * the text it is. Numbers are not text: a number column's `-2.50` stays a number (a number column
 * holds exact decimals only; anything else in one is defused like text).
 */

/** A field: text, a number column's exact decimal, a JavaScript number, or nothing. */
export type CsvCell = string | number | null;

/** What a column holds: text (defused) or numbers (kept as they are when they are numbers). */
export type CsvKind = 'text' | 'number';

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** One CSV field, defused and quoted as it must be. */
export function csvField(value: CsvCell, kind: CsvKind = 'text'): string {
  if (value === null) return '';
  let text = String(value);
  const isNumber = typeof value === 'number' ? Number.isFinite(value) : kind === 'number' && DECIMAL.test(text);
  if (!isNumber && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (`\r\n` ended); `kinds` says which columns hold numbers (text when not given). */
export function csvLine(values: readonly CsvCell[], kinds: readonly CsvKind[] = []): string {
  return `${values.map((value, i) => csvField(value, kinds[i] ?? 'text')).join(',')}\r\n`;
}
