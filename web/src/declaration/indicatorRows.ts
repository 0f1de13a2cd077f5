/** The indicator table as the official form prints it: rows in order, with merged class cells. */
import type { DepartmentTargetDeclaration, Indicator } from '../../../src/core/declaration.ts';
import { printedIndicatorRows, type PrintedRow } from '../../../src/layout/printedRows.ts';
import { runSpans } from '../../../src/layout/runSpans.ts';

/** One row of the printed indicator table: an indicator, or a second-level group printed empty. */
export interface IndicatorRow extends PrintedRow {
  readonly indicator: Indicator | null;
}

/** Indicator rows in printed order with the empty second-level groups placed after their first-level class. */
export function indicatorRows(content: DepartmentTargetDeclaration): IndicatorRow[] {
  return printedIndicatorRows(content).map((row) => ({ ...row, indicator: row.index === null ? null : (content.indicators[row.index] ?? null) }));
}

/** How many rows, from each row on, share the same value (0 for rows inside a span): the table's merged cells. */
export const spans = runSpans;
