/**
 * A block copied from Excel or WPS (tab-separated cells, one row a line, quoted cells holding line
 * breaks) spread over the editor's grid from the cell it is pasted into, as a spreadsheet would.
 */

/** The cells of pasted text; null when it is one cell only (a plain paste into the box). */
export function pastedCells(text: string): string[][] | null {
  if (!text.includes('\t') && !/\r?\n./.test(text.replace(/\r?\n$/, ''))) return null;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/\r\n/g, '\n').replace(/\n$/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  rows.push(row);
  return rows.map((r) => r.map((c) => c.trim()));
}

/** Writes pasted cells into rows from (row, column), growing the list as needed; the columns are the fields in grid order. */
export function spreadCells<T>(rows: readonly T[], at: { row: number; column: number }, cells: string[][], columns: readonly string[], set: (row: T, field: string, value: string) => T, blank: () => T): T[] {
  const out = [...rows];
  cells.forEach((line, r) => {
    const index = at.row + r;
    let target = out[index] ?? blank();
    line.forEach((value, c) => {
      const field = columns[at.column + c];
      if (field !== undefined) target = set(target, field, value);
    });
    out[index] = target;
  });
  return out;
}
