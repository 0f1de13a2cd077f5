/** The indicator table as the official form prints it: rows in order, with merged class cells. */
import type { DepartmentTargetDeclaration, Indicator } from '../../../src/core/declaration.ts';

/** One row of the printed indicator table: an indicator, or a second-level group printed empty. */
export interface IndicatorRow {
  readonly index: number | null;
  readonly level1: string;
  readonly level2: string;
  readonly indicator: Indicator | null;
}

/** Indicator rows in printed order with the empty second-level groups placed after their first-level class. */
export function indicatorRows(content: DepartmentTargetDeclaration): IndicatorRow[] {
  const rows: IndicatorRow[] = content.indicators.map((indicator, index) => ({ index, level1: indicator.level1 ?? '', level2: indicator.level2 ?? '', indicator }));
  for (const [level1, level2] of content.emptyLevel2) {
    const lastOfClass = rows.map((r) => r.level1).lastIndexOf(level1 ?? '');
    const row = { index: null, level1: level1 ?? '', level2, indicator: null };
    if (lastOfClass < 0) rows.push(row);
    else rows.splice(lastOfClass + 1, 0, row);
  }
  return rows;
}

/** How many rows, from each row on, share the same value (0 for rows inside a span): the table's merged cells. */
export function spans(values: readonly string[]): number[] {
  const result = values.map(() => 0);
  for (let start = 0; start < values.length; ) {
    let end = start + 1;
    while (end < values.length && values[end] === values[start]) end++;
    result[start] = end - start;
    start = end;
  }
  return result;
}
