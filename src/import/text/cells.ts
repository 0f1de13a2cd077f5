/**
 * Lines of an extracted table as cells, whichever way the text reached the user: rows joined with
 * `|` (empty cells kept, since their position is the column), whitespace columns, one cell a line,
 * or letter-spaced labels (项 目 名 称) that are one cell. Each cell is a span of its line, so the
 * ledger can claim it.
 */
import { tokenize, type SourceLine, type Token } from './sourceText.ts';

/** A cell: a span of a source line, its text trimmed; `text` is "" for an empty `|` cell. */
export type Cell = Token;

const CJK = /^[\u3400-\u9fff（）()：:]$/u;

/** The cells of one line. */
export function lineCells(line: SourceLine): Cell[] {
  if (line.text.includes('|') || line.text.includes('｜')) return pipeCells(line);
  const tokens = tokenize(line);
  // 项 目 名 称: every token one CJK character is one letter-spaced cell, not four.
  if (tokens.length >= 2 && tokens.every((t) => t.text.length === 1 && CJK.test(t.text))) {
    const first = tokens[0] as Token;
    const last = tokens[tokens.length - 1] as Token;
    return [{ line, start: first.start, end: last.end, text: tokens.map((t) => t.text).join('') }];
  }
  return [...tokens];
}

function pipeCells(line: SourceLine): Cell[] {
  const cells: Cell[] = [];
  const text = line.text;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '|' && text[i] !== '｜') continue;
    let from = start;
    let to = i;
    while (from < to && /\s/.test(text[from] ?? '')) from++;
    while (to > from && /\s/.test(text[to - 1] ?? '')) to--;
    cells.push({ line, start: from, end: to, text: text.slice(from, to) });
    start = i + 1;
  }
  // A leading and a trailing "|" frame the row; they do not make cells.
  if (cells[0]?.text === '' && /^\s*[|｜]/.test(text)) cells.shift();
  if (cells.length > 0 && cells[cells.length - 1]?.text === '' && /[|｜]\s*$/.test(text)) cells.pop();
  return cells;
}

/** The part of a cell from `from` to `to` (offsets into the cell's text), trimmed. */
export function subCell(cell: Cell, from: number, to = cell.text.length): Cell {
  let a = from;
  let b = to;
  while (a < b && /[\s:：]/.test(cell.text[a] ?? '')) a++;
  while (b > a && /\s/.test(cell.text[b - 1] ?? '')) b--;
  return { line: cell.line, start: cell.start + a, end: cell.start + b, text: cell.text.slice(a, b) };
}
