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

/** Where each column of a pasted block goes: a field of the grid, or nowhere (beyond the grid's last column). */
export interface PastePlan {
  /** The block's rows to write (a header row of column names taken off). */
  readonly rows: string[][];
  /** For each column of the block, the field it is written to, or null when it falls beyond the grid. */
  readonly fields: ReadonlyArray<string | null>;
  /** How the block was placed: by its header row, by its first column holding classes, or from the focused column. */
  readonly by: 'header' | 'classes' | 'position';
  /** How many of the block's columns are left out. */
  readonly dropped: number;
}

/**
 * How a block pasted into the grid is placed: a block with a header row (一级指标 / 三级指标 …) by
 * its headers; a block too wide for the columns right of the focused one whose first column holds
 * first-level classes from the first column (a whole copied row); otherwise from the focused
 * column, as a spreadsheet would. Columns beyond the grid are counted as dropped, never shifted.
 */
export function planPaste(cells: string[][], focused: number, columns: readonly string[], headers: Readonly<Record<string, readonly string[]>>, isClass: (text: string) => boolean): PastePlan {
  const width = Math.max(0, ...cells.map((row) => row.length));
  const key = (text: string) => text.replace(/[\s\u3000]/g, '');
  const first = cells[0] ?? [];
  const byHeader = first.map((text) => columns.find((column) => (headers[column] ?? []).some((h) => key(h) === key(text))) ?? null);
  if (first.length > 0 && byHeader.filter((f) => f !== null).length >= Math.min(2, first.length)) {
    return { rows: cells.slice(1), fields: byHeader, by: 'header', dropped: byHeader.filter((f) => f === null).length };
  }
  const body = cells.filter((row) => row.some((c) => c !== ''));
  const start = width > columns.length - focused && width <= columns.length && body.length > 0 && body.every((row) => isClass(row[0] ?? '')) ? 0 : focused;
  const fields = Array.from({ length: width }, (_, c) => columns[start + c] ?? null);
  return { rows: cells, fields, by: start === focused ? 'position' : 'classes', dropped: fields.filter((f) => f === null).length };
}

/** Writes a planned block into rows from `row`, growing the list as needed. */
export function spreadPlanned<T>(rows: readonly T[], row: number, plan: PastePlan, set: (row: T, field: string, value: string) => T, blank: () => T): T[] {
  const out = [...rows];
  plan.rows.forEach((line, r) => {
    const index = row + r;
    let target = out[index] ?? blank();
    line.forEach((value, c) => {
      const field = plan.fields[c];
      if (field) target = set(target, field, value);
    });
    out[index] = target;
  });
  return out;
}
