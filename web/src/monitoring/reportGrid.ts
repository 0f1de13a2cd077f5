/**
 * The monitoring grid's cells as data: which fields a department types, in grid order, how a typed
 * or pasted text becomes a value, and a block pasted from Excel spread down and across the rows.
 */
import { DEVIATION_CATEGORIES, type DeviationCategory, type Likelihood, type MonitoringIndicator } from '../../../src/core/monitoringReport.ts';

/** The editable columns, left to right. */
export const GRID_COLUMNS = ['stageTarget', 'actualToDate', 'projectedAnnual', 'likelihood', 'categories', 'reason', 'measures'] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

/** 确定能 / 有可能 / 完全不可能 (or the English words, or blank) as a likelihood; undefined when it is none of them. */
export function likelihoodOf(text: string): Likelihood | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (['确定能', '确定', '能', 'certain', 'yes'].includes(t)) return 'certain';
  if (['有可能', '可能', 'possible', 'maybe'].includes(t)) return 'possible';
  if (['完全不可能', '不可能', 'impossible', 'no'].includes(t)) return 'impossible';
  return undefined;
}

/** Reason categories from text such as `人员保障、经费保障`; unknown words are dropped. */
export function categoriesOf(text: string): DeviationCategory[] {
  return DEVIATION_CATEGORIES.filter((c) => text.includes(c) || (c === '硬件条件保障' && text.includes('硬件')));
}

/** The row with one cell set from text. */
export function setCell(row: MonitoringIndicator, column: GridColumn, text: string): MonitoringIndicator {
  switch (column) {
    case 'stageTarget':
      return { ...row, stageTarget: text.trim() === '' ? null : text };
    case 'actualToDate':
      return { ...row, actualToDate: text };
    case 'projectedAnnual':
      return { ...row, projectedAnnual: text };
    case 'likelihood': {
      const likelihood = likelihoodOf(text);
      return likelihood === undefined ? row : { ...row, likelihood };
    }
    case 'categories':
      return { ...row, deviation: { ...row.deviation, categories: categoriesOf(text) } };
    case 'reason':
      return { ...row, deviation: { ...row.deviation, reason: text } };
    case 'measures':
      return { ...row, deviation: { ...row.deviation, measures: text } };
  }
}

/**
 * Cells pasted at (row, column) written into the rows below and the columns to the right, as a
 * spreadsheet would; rows and columns beyond the grid are left out (the targets fix the rows).
 */
export function pasteCells(rows: readonly MonitoringIndicator[], at: { row: number; column: GridColumn }, cells: readonly (readonly string[])[]): { rows: MonitoringIndicator[]; written: number; dropped: number } {
  const out = [...rows];
  const first = GRID_COLUMNS.indexOf(at.column);
  let written = 0;
  let dropped = 0;
  cells.forEach((line, r) => {
    line.forEach((text, c) => {
      const row = out[at.row + r];
      const column = GRID_COLUMNS[first + c];
      if (!row || !column) {
        dropped++;
        return;
      }
      out[at.row + r] = setCell(row, column, text);
      written++;
    });
  });
  return { rows: out, written, dropped };
}
