/** The indicator table as the official forms print it: its rows in order and its merged class cells. Pure. */
import type { TargetDocument } from '../core/document.ts';

/** One printed row: an indicator (by its index), or a second-level group printed empty (index null). */
export interface PrintedRow {
  readonly index: number | null;
  readonly level1: string;
  readonly level2: string;
}

/** The rows in printed order, each empty second-level group after the last row of its first-level class. */
export function printedIndicatorRows(content: Pick<TargetDocument, 'indicators' | 'emptyLevel2'>): PrintedRow[] {
  const rows: PrintedRow[] = content.indicators.map((indicator, index) => ({ index, level1: indicator.level1 ?? '', level2: indicator.level2 ?? '' }));
  for (const [level1, level2] of content.emptyLevel2) {
    const lastOfClass = rows.map((r) => r.level1).lastIndexOf(level1 ?? '');
    const row = { index: null, level1: level1 ?? '', level2 };
    if (lastOfClass < 0) rows.push(row);
    else rows.splice(lastOfClass + 1, 0, row);
  }
  return rows;
}

/** How many rows, from each row on, share the same value (0 for rows inside a span): the table's merged cells. */
export function runSpans(values: readonly string[]): number[] {
  const result = values.map(() => 0);
  for (let start = 0; start < values.length; ) {
    let end = start + 1;
    while (end < values.length && values[end] === values[start]) end++;
    result[start] = end - start;
    start = end;
  }
  return result;
}
