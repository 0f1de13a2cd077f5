/**
 * The table model every reader produces and every writer consumes: a source (a workbook, a PDF, a
 * web page, a text) as sheets of rows of cells, each cell with its spans and where it sits in the
 * source, so that whatever a mapper does not place can be reported as `Sheet1!C12` or `第2页`.
 */

/** Where a cell sits on a PDF page, in points from the page's top-left corner. */
export interface CellBox {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One cell: its text as the source shows it, the grid position it starts at, and its spans. */
export interface TableCell {
  readonly text: string;
  /** 0-based row and column of the cell's top-left grid position in its sheet. */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Human reference: `Sheet1!C12`, `第2页 第5行第3列`, `表1 第3行第2列`. */
  readonly ref: string;
  readonly box?: CellBox;
}

/** A sheet, a PDF's run of pages, or a web page: rows of the cells that start in each row. */
export interface SourceSheet {
  readonly name: string;
  /** Rows in order; a row holds the cells that start in it, left to right. A row may be empty. */
  readonly rows: readonly (readonly TableCell[])[];
  /** Page sizes in points, for a PDF (so a viewer can draw the page with its cells). */
  readonly pages?: readonly { readonly width: number; readonly height: number }[];
}

/** What a reader gives: its format and the sheets it found. */
export interface SourceTables {
  readonly format: SourceFormat;
  readonly sheets: readonly SourceSheet[];
}

export type SourceFormat = 'xlsx' | 'xls' | 'csv' | 'docx' | 'pdf' | 'html' | 'text';

/** A column number as spreadsheet letters: 0 → A, 26 → AA. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A cell reference in spreadsheet notation, quoting sheet names that need it: `'封面 1'!B3`. */
export function sheetRef(sheet: string, row: number, col: number): string {
  const name = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return `${name}!${columnLetters(col)}${row + 1}`;
}

/** A table cell made from its parts, spans defaulting to one. */
export function tableCell(text: string, row: number, col: number, ref: string, spans: { rowSpan?: number; colSpan?: number; box?: CellBox } = {}): TableCell {
  const cell: TableCell = { text, row, col, rowSpan: spans.rowSpan ?? 1, colSpan: spans.colSpan ?? 1, ref };
  return spans.box ? { ...cell, box: spans.box } : cell;
}

/** The grid of a sheet: for each position, the cell covering it (merged cells cover several). */
export function coveringGrid(sheet: SourceSheet): (TableCell | undefined)[][] {
  const grid: (TableCell | undefined)[][] = sheet.rows.map(() => []);
  for (const row of sheet.rows) {
    for (const cell of row) {
      for (let r = cell.row; r < cell.row + cell.rowSpan && r < grid.length; r++) {
        const line = grid[r] as (TableCell | undefined)[];
        for (let c = cell.col; c < cell.col + cell.colSpan; c++) line[c] = cell;
      }
    }
  }
  return grid;
}
