/**
 * The three-level indicator table (绩效指标) as extracted.
 *
 * 一级 and 二级 labels stand on lines of their own (or at the start of a row's line) and apply to
 * the rows that follow them, as printed: a row is never moved to where it "should" be. A row is
 * `name period annual` on one line, or its cells wrapped: the name's lines, then the targets.
 */
import { LEVEL1, LEVEL2_LABELS } from '../../core/indicatorFramework.ts';
import { compact, displayWidth, fillsColumn, tokenize, type SourceLine, type Token } from './sourceText.ts';
import type { Ledger } from './ledger.ts';

/** One indicator row as spans of the source. */
export interface IndicatorRecord {
  readonly level1: string | null;
  readonly level2: string | null;
  readonly name: Token[];
  /** One list of spans per target column (period, annual), or just annual for one-column tables. */
  readonly targets: Token[][];
}

const COLUMN_HEADERS = new Set([
  '一级指标',
  '二级指标',
  '三级指标',
  '实施周期指标值',
  '年度指标值',
  '指标值',
  '指标内容',
  '绩效指标',
  '中期指标值',
  '长期指标值',
]);
const TABLE_HEADINGS = new Set(['绩效指标', '年度绩效指标', '一级指标', '部门整体绩效指标']);
const LEVEL1_SET = new Set<string>(LEVEL1);
const LEVEL2_SET = new Set<string>(LEVEL2_LABELS);
const COST_LEVEL2 = new Set(['经济成本指标', '社会成本指标', '生态环境成本指标']);

/** True for a heading or column-header line of the indicator table. */
export function isIndicatorHeading(line: SourceLine): boolean {
  const key = compact(line.text);
  if (TABLE_HEADINGS.has(key)) return true;
  const tokens = tokenize(line);
  return tokens.length >= 2 && tokens.every((t) => COLUMN_HEADERS.has(t.text));
}

/** True when a line starts with a 一级 or 二级 label. */
export function startsWithLevelLabel(line: SourceLine): boolean {
  const first = tokenize(line)[0];
  return first !== undefined && (LEVEL1_SET.has(first.text) || LEVEL2_SET.has(first.text));
}

/** Reads indicator rows across the table's segments, keeping the current labels between them. */
export class IndicatorTableReader {
  private level1: string | null = null;
  private level2: string | null = null;
  private buffer: Token[] = [];
  private readonly records: IndicatorRecord[] = [];
  private readonly labelsSeen: Array<[string | null, string]> = [];
  /** Number of target columns, from the column header (实施周期指标值 + 年度指标值 = 2). */
  private targetColumns = 2;

  constructor(
    private readonly ledger: Ledger,
    /** Width of the name column; learned from the rows printed on one line. */
    private nameColumn = 30,
  ) {}

  /** Learns the name column's width from rows that fit on one line. */
  learnNameColumn(lines: readonly SourceLine[]): void {
    const widths: number[] = [];
    for (const line of lines) {
      const tokens = tokenize(line);
      if (tokens.length >= this.targetColumns + 1 && !startsWithLevelLabel(line)) {
        widths.push(displayWidth(tokens.slice(0, tokens.length - this.targetColumns).map((t) => t.text).join('')));
      }
    }
    if (widths.length > 0) this.nameColumn = Math.max(...widths);
  }

  /** Reads the lines of one segment of the table. */
  read(lines: readonly SourceLine[]): void {
    lines.forEach((line, index) => this.readLine(line, lines[index + 1]));
    this.flush();
  }

  /** Sets the target column count from a column header line. */
  readHeading(line: SourceLine): void {
    this.flush();
    const tokens = tokenize(line);
    const texts = tokens.map((t) => t.text);
    if (texts.includes('年度指标值') || texts.includes('指标值')) {
      const targetHeaders = texts.filter((t) => /指标值$/.test(t)).length;
      if (targetHeaders > 0) this.targetColumns = Math.min(targetHeaders, 2);
    }
    for (const token of tokens) this.ledger.label(token);
  }

  /** The rows read so far. */
  rows(): readonly IndicatorRecord[] {
    return this.records;
  }

  /** Second-level labels in printed order, each once, with the first-level label above them. */
  seenLevel2(): ReadonlyArray<[string | null, string]> {
    return this.labelsSeen;
  }

  private readLine(line: SourceLine, next: SourceLine | undefined): void {
    if (isIndicatorHeading(line)) {
      this.readHeading(line);
      return;
    }
    const tokens = tokenize(line);
    let used = 0;
    while (used < tokens.length) {
      const token = tokens[used];
      if (!token) break;
      const isLevel1 = LEVEL1_SET.has(token.text);
      const isLevel2 = LEVEL2_SET.has(token.text);
      if (!isLevel1 && !isLevel2) break;
      this.flush();
      this.ledger.label(token);
      const following = tokens[used + 1] ?? (next ? tokenize(next)[0] : undefined);
      if (isLevel1 && !this.isLegacyCostGroup(token.text, following)) {
        this.level1 = token.text;
        this.level2 = null;
      } else {
        this.level2 = token.text;
        this.noteLevel2();
      }
      used++;
    }
    const rest = tokens.slice(used);
    if (rest.length > 0) this.readRowMaterial(rest);
  }

  /** 成本指标 followed straight by rows while under 产出指标 is the older layout's second level. */
  private isLegacyCostGroup(label: string, following: Token | undefined): boolean {
    if (label !== '成本指标' || this.level1 !== '产出指标' || following === undefined) return false;
    return !COST_LEVEL2.has(following.text) && !LEVEL1_SET.has(following.text) && !LEVEL2_SET.has(following.text);
  }

  private noteLevel2(): void {
    const level2 = this.level2;
    if (level2 === null) return;
    if (!this.labelsSeen.some(([l1, l2]) => l1 === this.level1 && l2 === level2)) {
      this.labelsSeen.push([this.level1, level2]);
    }
  }

  private readRowMaterial(tokens: Token[]): void {
    const n = this.targetColumns;
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    if (!first || !last) return;
    if (tokens.length >= n + 1) {
      const nameTokens = tokens.slice(0, tokens.length - n);
      const nameEnd = nameTokens[nameTokens.length - 1] ?? first;
      const name: Token = { line: first.line, start: first.start, end: nameEnd.end, text: first.line.text.slice(first.start, nameEnd.end) };
      const prefix = this.takeNamePrefix();
      this.flush();
      this.addRow([...prefix, name], tokens.slice(tokens.length - n).map((t) => [t]));
      return;
    }
    const span: Token = { line: first.line, start: first.start, end: last.end, text: first.line.text.slice(first.start, last.end) };
    if (tokens.length === n && this.buffer.length > 0) {
      const name = this.takeNameTail();
      this.flush();
      if (name.length > 0) this.addRow(name, tokens.map((t) => [t]));
      return;
    }
    this.buffer.push(span);
  }

  /** The buffered lines that begin the next row's name: trailing lines that fill the name column. */
  private takeNamePrefix(): Token[] {
    let start = this.buffer.length;
    while (start > 0) {
      const candidate = this.buffer[start - 1];
      if (!candidate) break;
      const width = displayWidth(candidate.text);
      if (!fillsColumn(width, this.nameColumn) || width > this.nameColumn + 1) break;
      start--;
    }
    return this.buffer.splice(start);
  }

  /** The buffered lines that form the name of a row whose targets came on the next line. */
  private takeNameTail(): Token[] {
    let start = this.buffer.length - 1;
    if (start < 0) return [];
    const lastWidth = displayWidth(this.buffer[start]?.text ?? '');
    if (lastWidth > this.nameColumn + 1) return [];
    while (start > 0) {
      const candidate = this.buffer[start - 1];
      if (!candidate) break;
      const width = displayWidth(candidate.text);
      if (!fillsColumn(width, this.nameColumn) || width > this.nameColumn + 1) break;
      start--;
    }
    return this.buffer.splice(start);
  }

  /** Reads what is left in the buffer as one row with wrapped targets; leaves it unclaimed if it is not one. */
  private flush(): void {
    const lines = this.buffer;
    this.buffer = [];
    if (lines.length === 0) return;
    const row = splitWrappedRow(lines, this.nameColumn, this.targetColumns);
    if (row) this.addRow(row.name, row.targets);
  }

  private addRow(name: Token[], targets: Token[][]): void {
    this.records.push({ level1: this.level1, level2: this.level2, name, targets });
  }
}

/** Columns a non-last line of a wrapped target cell may fall short of the cell's widest line. */
const CELL_SLACK = 4;

/**
 * Splits `name, target lines…` into the name and `columns` target cells, choosing the split where
 * every cell's lines but its last fill the cell (least total shortfall). Null when no split reads so.
 */
export function splitWrappedRow(lines: readonly Token[], nameColumn: number, columns: number): { name: Token[]; targets: Token[][] } | null {
  const first = lines[0];
  if (!first || displayWidth(first.text) > nameColumn + 1) return null;
  let index = 1;
  while (index < lines.length - columns) {
    const previous = lines[index - 1];
    const line = lines[index];
    if (!previous || !line) break;
    if (!fillsColumn(displayWidth(previous.text), nameColumn) || displayWidth(line.text) > nameColumn + 1) break;
    index++;
  }
  const name = lines.slice(0, index);
  const rest = lines.slice(index);
  if (rest.length < columns) return null;
  if (columns === 1) return cellShortfall(rest) === null ? null : { name, targets: [rest] };
  if (columns !== 2) return null;
  let best: { cost: number; k: number } | null = null;
  for (let k = 1; k < rest.length; k++) {
    const a = cellShortfall(rest.slice(0, k));
    const b = cellShortfall(rest.slice(k));
    if (a === null || b === null) continue;
    if (!best || a + b < best.cost) best = { cost: a + b, k };
  }
  if (!best) return null;
  return { name, targets: [rest.slice(0, best.k), rest.slice(best.k)] };
}

/** Total shortfall of a cell's non-last lines against its widest line; null when one falls short by too much. */
function cellShortfall(lines: readonly Token[]): number | null {
  const widths = lines.map((line) => displayWidth(line.text));
  const max = Math.max(...widths);
  let total = 0;
  for (let i = 0; i < widths.length - 1; i++) {
    const shortfall = max - (widths[i] ?? 0);
    if (shortfall > CELL_SLACK) return null;
    total += shortfall;
  }
  return total;
}
