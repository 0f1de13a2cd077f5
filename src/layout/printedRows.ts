/** The indicator table as the official forms print it: its rows in order and its merged class cells. Pure. */
import type { TargetDocument } from '../core/document.ts';

/** One printed row: an indicator (by its index), or a second-level group printed empty (index null). */
export interface PrintedRow {
  readonly index: number | null;
  readonly level1: string;
  readonly level2: string;
}

/**
 * The rows in printed order: grouped by first-level class, and within it by second-level class, in
 * the order each class first appears (rows of one class that stand apart in the data are printed
 * together, so the table never shows a class twice; the checker's class-split says so); each empty
 * second-level group after the last row of its first-level class.
 */
export function printedIndicatorRows(content: Pick<TargetDocument, 'indicators' | 'emptyLevel2'>): PrintedRow[] {
  const all: PrintedRow[] = content.indicators.map((indicator, index) => ({ index, level1: indicator.level1 ?? '', level2: indicator.level2 ?? '' }));
  const level1Order = new Map<string, number>();
  const level2Order = new Map<string, number>();
  for (const row of all) {
    if (!level1Order.has(row.level1)) level1Order.set(row.level1, level1Order.size);
    const key = `${row.level1}\u0000${row.level2}`;
    if (!level2Order.has(key)) level2Order.set(key, level2Order.size);
  }
  // A stable sort: rows of one class keep their order.
  const rows = all
    .map((row, order) => ({ row, order }))
    .sort((a, b) => (level1Order.get(a.row.level1) ?? 0) - (level1Order.get(b.row.level1) ?? 0) || (level2Order.get(`${a.row.level1}\u0000${a.row.level2}`) ?? 0) - (level2Order.get(`${b.row.level1}\u0000${b.row.level2}`) ?? 0) || a.order - b.order)
    .map(({ row }) => row);
  for (const [level1, level2] of content.emptyLevel2) {
    const lastOfClass = rows.map((r) => r.level1).lastIndexOf(level1 ?? '');
    const row = { index: null, level1: level1 ?? '', level2 };
    if (lastOfClass < 0) rows.push(row);
    else rows.splice(lastOfClass + 1, 0, row);
  }
  return rows;
}
