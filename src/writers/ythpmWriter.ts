/**
 * A year's indicators and goals for a provincial 预算管理一体化 system (src/import/ythpm): the two
 * tables as a workbook (a sheet each, named after its table; every cell text, so an id keeps its
 * zeros) or as CSV files (UTF-8 with a BOM, which Excel and WPS need to read Chinese).
 */
import { csvField } from '../format/csv.ts';
import { writeSheetsWorkbook, type ListColumn } from './listWorkbook.ts';
import { GOAL_COLUMNS, GOAL_TABLE, INDICATOR_COLUMNS, INDICATOR_TABLE, type YthpmTables } from '../import/ythpm/ythpm.ts';

/**
 * A table as CSV text, its columns in the system's order, a BOM first. Every cell is text: one a
 * spreadsheet would run as a formula is defused as in every CSV Jixiao writes (src/format/csv.ts), and
 * the importer takes the apostrophe off again (`undefused`).
 */
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
