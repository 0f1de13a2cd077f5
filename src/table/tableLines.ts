/**
 * A table as the `|`-joined lines the text importer's mapper reads, with where each cell's text sits
 * in its line — so a claim or an unclaimed span of a line is traced back to its cell.
 *
 * Every grid position of a row gets a cell in its line (an empty one where a merged cell from a row
 * above covers it), so a column keeps its position; a row with one cell is a plain line, as a title
 * or a paragraph is in extracted text.
 */
import { coveringGrid, type SourceSheet, type SourceTables, type TableCell } from './sourceTable.ts';

/** Where one cell's text is in a line: characters `start` to `end`. */
export interface CellSpan {
  readonly cell: TableCell;
  readonly start: number;
  readonly end: number;
}

/** One line of the text, with the cells it was made from. */
export interface TableLine {
  readonly text: string;
  readonly cells: readonly CellSpan[];
  readonly sheet: string;
}

const CJK_BOUNDARY = /([\u3000-\u9fff\uff00-\uffef])\s*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])/gu;

/** A cell's text on one line: a break inside Chinese text vanishes (it was a wrap), others are a space. */
export function cellLineText(text: string): string {
  return text.replace(CJK_BOUNDARY, '$1').replace(/\s*[\r\n]+\s*/g, ' ').replaceAll('|', '｜').trim();
}

/** The lines of every sheet, in order, blank rows dropped. */
export function tableLines(tables: SourceTables): TableLine[] {
  const lines: TableLine[] = [];
  for (const sheet of tables.sheets) lines.push(...sheetLines(sheet));
  return lines;
}

function sheetLines(sheet: SourceSheet): TableLine[] {
  const grid = coveringGrid(sheet);
  const lines: TableLine[] = [];
  // Every row as wide as the sheet: a trailing empty cell is a position too (备注 left blank).
  const width = Math.max(0, ...grid.map((positions) => positions.length));
  grid.forEach((positions, r) => {
    const parts: { text: string; cell: TableCell | null }[] = [];
    for (let c = 0; c < width; c++) {
      const cell = positions[c];
      if (cell && cell.col !== c) continue; // covered by a merged cell to the left
      if (cell && cell.row === r) parts.push({ text: cellLineText(cell.text), cell });
      else parts.push({ text: '', cell: null }); // empty, or covered from a row above
    }
    const filled = parts.filter((p) => p.text !== '');
    if (filled.length === 0) return;
    const cells: CellSpan[] = [];
    // A row of one cell at its start is a line of text (a title, a paragraph); elsewhere its
    // position names its column (an empty 二级 group under a merged 一级 cell).
    if (filled.length === 1 && parts[0]?.text !== '') {
      const only = filled[0] as { text: string; cell: TableCell };
      lines.push({ text: only.text, cells: [{ cell: only.cell, start: 0, end: only.text.length }], sheet: sheet.name });
      return;
    }
    // Framed (`| a |  | b |`), so that an empty first cell is a cell and not the frame.
    let text = '| ';
    parts.forEach((part, i) => {
      if (i > 0) text += ' | ';
      if (part.cell && part.text) cells.push({ cell: part.cell, start: text.length, end: text.length + part.text.length });
      text += part.text;
    });
    text += ' |';
    lines.push({ text, cells, sheet: sheet.name });
  });
  return lines;
}
