/**
 * A year's indicators and goals for a provincial 预算管理一体化 system (src/import/ythpm): the two
 * tables as a workbook (a sheet each, named after its table; every cell text, so an id keeps its
 * zeros) or as CSV files (UTF-8 with a BOM, which Excel and WPS need to read Chinese).
 */
import { writeSheetsWorkbook, type ListColumn } from './listWorkbook.ts';
import { GOAL_COLUMNS, GOAL_TABLE, INDICATOR_COLUMNS, INDICATOR_TABLE, type YthpmTables } from '../import/ythpm/ythpm.ts';

/**
 * A text cell a spreadsheet would not run as a formula: one starting with = + - @, a tab or a carriage
 * return gets a leading `'` (OWASP's CSV injection advice); the importer takes it off again
 * (`undefused`). Kept to this one function so that the shared CSV-escaping helper can replace it.
 */
export function defuseCsvCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: defused, then quoted where it holds a comma, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  const safe = defuseCsvCell(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A table as CSV text, its columns in the system's order, a BOM first. */
export function ythpmCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<Record<C, string>>): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c] ?? '')).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Both tables as CSV files, by their file names. */
export function ythpmCsvFiles(tables: YthpmTables): { name: string; text: string }[] {
  return [
    { name: `${INDICATOR_TABLE}.csv`, text: ythpmCsv(INDICATOR_COLUMNS, tables.indicators) },
    { name: `${GOAL_TABLE}.csv`, text: ythpmCsv(GOAL_COLUMNS, tables.goals) },
  ];
}

/** Both tables as one workbook, a sheet each. */
export async function writeYthpmWorkbook(tables: YthpmTables): Promise<Buffer> {
  const columns = <C extends string>(names: readonly C[]): ListColumn<Record<C, string>>[] => names.map((name) => ({ header: name, width: Math.max(12, name.length + 4), value: (row: Record<C, string>) => row[name] ?? '' }));
  // One row type for both sheets: a record of text cells.
  const indicatorSheet = { name: INDICATOR_TABLE, columns: columns(INDICATOR_COLUMNS) as ListColumn<Record<string, string>>[], items: tables.indicators as Record<string, string>[] };
  const goalSheet = { name: GOAL_TABLE, columns: columns(GOAL_COLUMNS) as ListColumn<Record<string, string>>[], items: tables.goals as Record<string, string>[] };
  return writeSheetsWorkbook([indicatorSheet, goalSheet]);
}
