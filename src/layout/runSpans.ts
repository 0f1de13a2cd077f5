/** The official table's merged cells (apart from printedRows.ts, whose rows the web editor's chunk holds; only the printed and shown tables merge cells). */

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
