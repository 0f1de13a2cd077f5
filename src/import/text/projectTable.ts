/**
 * The key-project table (名称 | 主要实施内容 | 拟投入的资金（万元）) as extracted: for each row, the
 * name's lines, then the content's lines, then the amount on a line of its own.
 */
import { fillsColumn, lineSpan, type SourceLine, type Token } from './sourceText.ts';
import { widthOf } from './paragraphs.ts';

/** One row of the project table, as spans of the source. */
export interface ProjectRecord {
  readonly name: Token[];
  readonly content: Token[];
  readonly amount: Token;
}

/** The widths of the name and content columns. */
export interface ProjectColumns {
  readonly name: number;
  readonly content: number;
}

/** True for a line holding one amount of money and nothing else. */
export function isAmountLine(line: SourceLine): boolean {
  return line.isAmount;
}

/** The candidate rows of a block: the lines before each amount line, and the amount line. */
export function rowsByAmount(lines: readonly SourceLine[]): Array<{ lines: SourceLine[]; amount: SourceLine }> {
  const rows: Array<{ lines: SourceLine[]; amount: SourceLine }> = [];
  let current: SourceLine[] = [];
  for (const line of lines) {
    if (isAmountLine(line)) {
      rows.push({ lines: current, amount: line });
      current = [];
    } else {
      current.push(line);
    }
  }
  return rows;
}

/** Columns a name line may exceed the learned name column (learned from names, a lower bound). */
const NAME_OVERFLOW = 3;
const BREAK_PUNCTUATION = /[。；;，,：:、！？!?）)」』》]$/;
const ENUMERATOR = /^[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]/;

/**
 * Reads one row: the name is its first line and the lines that continue it (the line before fills
 * the name column and this one fits in it); the rest is the content, whose lines must each fill the
 * content column or end at a visible break (punctuation, the next item of a list). A row that does
 * not read so is refused (null), so that shuffled or foreign lines end up unparsed, not misfiled.
 */
export function readProjectRow(lines: readonly SourceLine[], amount: SourceLine, columns: ProjectColumns): ProjectRecord | null {
  const first = lines[0];
  const amountSpan = lineSpan(amount);
  if (!first || !amountSpan || widthOf(first) > columns.name + NAME_OVERFLOW) return null;
  let index = 1;
  while (index < lines.length) {
    const previous = lines[index - 1];
    const line = lines[index];
    if (!previous || !line) break;
    if (!fillsColumn(widthOf(previous), columns.name) || widthOf(line) > columns.name + NAME_OVERFLOW) break;
    index++;
  }
  const nameLines = lines.slice(0, index);
  const contentLines = lines.slice(index);
  for (let i = 0; i < contentLines.length - 1; i++) {
    const line = contentLines[i];
    const next = contentLines[i + 1];
    if (!line || !next) continue;
    const text = line.text.trim();
    const full = fillsColumn(widthOf(line), columns.content);
    if (!full && !BREAK_PUNCTUATION.test(text) && !ENUMERATOR.test(next.text.trim())) return null;
  }
  const spans = (group: SourceLine[]): Token[] => group.map((l) => lineSpan(l)).filter((t): t is Token => t !== null);
  return { name: spans(nameLines), content: spans(contentLines), amount: amountSpan };
}

/**
 * Reads every row of a block. A row that does not read is a null slot: its lines stay unclaimed,
 * and the slot keeps the rows after it aligned with their expected outcomes.
 */
export function readProjectRows(lines: readonly SourceLine[], columns: ProjectColumns): Array<ProjectRecord | null> {
  return rowsByAmount(lines).map((row) => readProjectRow(row.lines, row.amount, columns));
}
