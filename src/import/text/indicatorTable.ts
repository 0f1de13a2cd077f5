/**
 * The three-level indicator table (绩效指标) as extracted.
 *
 * 一级 and 二级 labels stand on lines of their own (or at the start of a row's line) and apply to
 * the rows that follow them, as printed: a row is never moved to where it "should" be. A row is
 * `name period annual` on one line, or its cells wrapped: the name's lines, then the targets.
 */
import { LEVEL1, LEVEL2_LABELS } from '../../core/indicatorFramework.ts';
import { displayWidth, fillsColumn, maxOf, tokenize, type SourceLine, type Token } from './sourceText.ts';
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
  const key = line.key;
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

  /**
   * Learns the name column's width: from rows printed on one line (their names fit), and from the
   * first line of names wrapped above a line holding only the targets (it fills the column).
   */
  learnNameColumn(lines: readonly SourceLine[]): void {
    const widths: number[] = [];
    const tokenCounts = lines.map((line) => (startsWithLevelLabel(line) || isIndicatorHeading(line) ? -1 : tokenize(line).length));
    lines.forEach((line, i) => {
      const tokens = tokenize(line);
      if (tokenCounts[i] !== undefined && tokenCounts[i] >= this.targetColumns + 1) {
        widths.push(displayWidth(tokens.slice(0, tokens.length - this.targetColumns).map((t) => t.text).join('')));
      }
      const above = lines[i - 2];
      if (tokenCounts[i] === this.targetColumns && tokenCounts[i - 1] === 1 && tokenCounts[i - 2] === 1 && above) {
        widths.push(displayWidth(above.text.trim()));
      }
    });
    if (widths.length > 0) this.nameColumn = maxOf(widths);
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
    const targets = tokens.slice(tokens.length - n);
    if (tokens.length >= n + 1 && isPlausibleName(tokens.slice(0, tokens.length - n).map((t) => t.text).join('')) && targets.every((t) => isPlausibleTarget(t.text))) {
      const nameTokens = tokens.slice(0, tokens.length - n);
      const nameEnd = nameTokens[nameTokens.length - 1] ?? first;
      const name: Token = { line: first.line, start: first.start, end: nameEnd.end, text: first.line.text.slice(first.start, nameEnd.end) };
      const prefix = this.takeNamePrefix();
      this.flush();
      this.addRow([...prefix, name], targets.map((t) => [t]));
      return;
    }
    const span: Token = { line: first.line, start: first.start, end: last.end, text: first.line.text.slice(first.start, last.end) };
    if (tokens.length === n && this.buffer.length > 0 && targets.every((t) => isPlausibleTarget(t.text))) {
      const name = this.takeNameTail();
      this.flush();
      if (name.length > 0) this.addRow(name, tokens.map((t) => [t]));
      return;
    }
    this.buffer.push(span);
  }

  /**
   * The buffered lines that begin the next row's name: trailing lines that fill the name column,
   * unless the buffer reads at least as well as one wrapped row without them.
   */
  private takeNamePrefix(): Token[] {
    let start = this.buffer.length;
    while (start > 0) {
      const candidate = this.buffer[start - 1];
      if (!candidate) break;
      const width = displayWidth(candidate.text);
      if (!fillsColumn(width, this.nameColumn) || !fitsNameColumn(candidate, this.nameColumn)) break;
      start--;
    }
    if (start === this.buffer.length) return [];
    const whole = splitWrappedRow(this.buffer, this.nameColumn, this.targetColumns);
    const rest = this.buffer.slice(0, start);
    const withoutPrefix = rest.length === 0 ? null : splitWrappedRow(rest, this.nameColumn, this.targetColumns);
    if (whole && (rest.length > 0 ? !withoutPrefix || whole.similarity >= withoutPrefix.similarity : true)) return [];
    return this.buffer.splice(start);
  }

  /** The buffered lines that form the name of a row whose targets came on the next line. */
  private takeNameTail(): Token[] {
    let start = this.buffer.length - 1;
    if (start < 0) return [];
    const last = this.buffer[start];
    if (!last || !fitsNameColumn(last, this.nameColumn) || !isPlausibleName(last.text)) return [];
    while (start > 0) {
      const candidate = this.buffer[start - 1];
      if (!candidate) break;
      const width = displayWidth(candidate.text);
      if (!fillsColumn(width, this.nameColumn) || !fitsNameColumn(candidate, this.nameColumn)) break;
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
 * Columns a name line may exceed the name column learned from one-line rows (that width is only a
 * lower bound of the real column).
 */
const NAME_OVERFLOW = 3;

/** True when a line can be part of a name in a column of this width. */
export function fitsNameColumn(token: Token, nameColumn: number): boolean {
  return displayWidth(token.text) <= nameColumn + NAME_OVERFLOW;
}

/** True when `lines` read as one wrapped name: every line fits, every line but the last fills the column. */
function isWrappedName(lines: readonly Token[], nameColumn: number): boolean {
  return lines.every((line, i) => fitsNameColumn(line, nameColumn) && (i === lines.length - 1 || fillsColumn(displayWidth(line.text), nameColumn)));
}

/** A row read from wrapped lines, with how well it read. */
export interface WrappedRow {
  readonly name: Token[];
  readonly targets: Token[][];
  /** Characters the two targets share at both ends (period and annual targets usually repeat). */
  readonly similarity: number;
  /** Total shortfall of the non-last lines of the cells. */
  readonly cost: number;
}

/**
 * Splits `name lines, target lines…` into the name and `columns` target cells.
 *
 * Several splits can read as well-wrapped cells. Period and annual targets nearly always repeat
 * each other (≥85分 / ≥85分), so among the splits whose cells are well wrapped the one whose two
 * targets share the longest beginning and end wins; then the least total shortfall of non-last
 * lines. Null when no split reads as wrapped cells, so the lines stay unparsed.
 */
export function splitWrappedRow(lines: readonly Token[], nameColumn: number, columns: number): WrappedRow | null {
  if (columns !== 1 && columns !== 2) return null;
  let best: WrappedRow | null = null;
  for (let j = 1; j <= lines.length - columns; j++) {
    const name = lines.slice(0, j);
    if (!isWrappedName(name, nameColumn)) break;
    if (!isPlausibleName(name.map((t) => t.text).join(''))) continue;
    const rest = lines.slice(j);
    const splits = columns === 1 ? [rest.length] : Array.from({ length: rest.length - 1 }, (_, i) => i + 1);
    for (const k of splits) {
      const cells = columns === 1 ? [rest] : [rest.slice(0, k), rest.slice(k)];
      const costs = cells.map(cellShortfall);
      if (costs.some((c) => c === null)) continue;
      const texts = cells.map((cell) => cell.map((t) => t.text).join(''));
      if (!texts.every(isPlausibleTarget)) continue;
      const similarity = columns === 2 ? sharedEnds(texts[0] ?? '', texts[1] ?? '') : 0;
      const cost = costs.reduce<number>((a, c) => a + (c ?? 0), 0);
      if (!best || similarity > best.similarity || (similarity === best.similarity && cost < best.cost)) {
        best = { similarity, cost, name, targets: cells };
      }
    }
  }
  return best;
}

/** Total shortfall of a cell's non-last lines against its widest line; null when one falls short by too much. */
function cellShortfall(lines: readonly Token[]): number | null {
  const widths = lines.map((line) => displayWidth(line.text));
  const max = maxOf(widths);
  let total = 0;
  for (let i = 0; i < widths.length - 1; i++) {
    const shortfall = max - (widths[i] ?? 0);
    if (shortfall > CELL_SLACK) return null;
    total += shortfall;
  }
  return total;
}

/** Characters two strings share at their start plus at their end (not overlapping). */
function sharedEnds(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const limit = Math.min(x.length, y.length);
  let prefix = 0;
  while (prefix < limit && x[prefix] === y[prefix]) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && x[x.length - 1 - suffix] === y[y.length - 1 - suffix]) suffix++;
  return prefix + suffix;
}

/** An indicator's name is words: it has a CJK character or a letter. */
export function isPlausibleName(text: string): boolean {
  return /[\u3400-\u9fffA-Za-z]/.test(text);
}

/** A target has a digit, a CJK character, or is a placeholder or not-applicable mark (XX, **, /, —). */
export function isPlausibleTarget(text: string): boolean {
  return /[\d\u3400-\u9fff\uff10-\uff19]/.test(text) || /^(?:[xX]+|[*＊]+|[/／]|[—–-]+|－+)$/.test(text);
}
