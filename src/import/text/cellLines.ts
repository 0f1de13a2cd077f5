/**
 * A table copied one cell a line (`项目名称 |`, a lone `|` an empty cell) with a run of `|||` ending each
 * row — what some sites give when a table is copied — rebuilt as one `|` row a line, so the table
 * mappers read it by its cells like any other. Null for a text of any other shape. Pure.
 */

const ROW_END = /^\s*\|{2,}\s*$/;
const CELL = /^([^|]*?)\s*\|\s*$/;

/** The rows of a cell-a-line text, or null when the text is not one (too few rows end in `|||`). */
export function rowsFromCellLines(text: string): string | null {
  // A row's end is a run of `||`: a text without one is no such table (most texts: one scan).
  if (!text.includes('||')) return null;
  const lines = text.split('\n');
  const content = lines.filter((l) => l.trim() !== '');
  const ends = content.filter((l) => ROW_END.test(l)).length;
  const cells = content.filter((l) => CELL.test(l) && !ROW_END.test(l)).length;
  if (ends < 3 || ends + cells < content.length * 0.9) return null;
  const out: string[] = [];
  let row: string[] = [];
  const flush = () => {
    const filled = row.filter((c) => c !== '');
    if (filled.length === 1 && row[0] !== '') out.push(row[0] as string);
    else if (filled.length > 0) out.push(`| ${row.join(' | ')} |`);
    row = [];
  };
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (ROW_END.test(line)) {
      flush();
      continue;
    }
    const cell = CELL.exec(line);
    if (cell) row.push((cell[1] ?? '').trim());
    else {
      // A line of text among the cells (a title, a note): a row of its own.
      flush();
      out.push(line.trim());
    }
  }
  flush();
  return out.join('\n');
}
