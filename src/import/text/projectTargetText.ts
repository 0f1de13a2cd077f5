/**
 * Reads the text of a project target form (项目支出绩效目标申报表) into its canonical JSON.
 *
 * Header fields are found by their labels (the vocabulary of every region seen, see
 * docs/format-project.md), a label's value being the cells up to the next label. The indicator
 * table's columns come from its header row, not from fixed positions; rows are lines of several
 * cells, or cells a line that fill the columns in order. Every character ends up in a field, in a
 * label, or in `unparsed` (the ledger), and nothing is guessed: a fused number stays as printed.
 */
import { LEVEL1, LEVEL2_LABELS, NATIONAL_FRAMEWORK } from '../../core/indicatorFramework.ts';
import { formatMoney, parseMoney } from '../../core/money.ts';
import { emptyProjectTarget, type ProjectIndicator, type ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { parseTargetValue } from '../../core/targetValue.ts';
import { lineCells, subCell, type Cell } from './cells.ts';
import { indicatorColumnOf, type IndicatorColumn } from './indicatorColumns.ts';
import { Ledger, type Claim } from './ledger.ts';
import { claimPageFurniture } from './pageFurniture.ts';
import type { SourceLine } from './sourceText.ts';

/** What the caller knows that the text may not say. */
export interface ProjectTargetTextOptions {
  readonly year?: number | null;
  readonly department?: string | null;
}

type HeaderField = 'name' | 'code' | 'department' | 'implementer' | 'category' | 'nature' | 'period' | 'basis' | 'content' | 'funds' | 'periodGoal' | 'annualGoal' | 'extra' | 'review';

// Longest first within each field, so that 项目实施单位 wins over 实施单位's shorter cousins.
const HEADER_LABELS: ReadonlyArray<readonly [HeaderField, readonly string[]]> = [
  ['name', ['项目名称', '项目全称']],
  ['code', ['项目编码', '项目代码', '项目编号', '项目ID']],
  ['department', ['主管部门（单位）', '主管部门(单位)', '业务主管部门', '预算部门', '主管部门', '主管单位', '部门名称', '预算单位', '批复单位']],
  ['implementer', ['项目实施单位', '实施单位', '项目单位', '用款单位', '执行单位']],
  ['category', ['项目类型', '项目类别', '项目分类']],
  ['nature', ['项目属性', '项目性质', '是否新增']],
  ['period', ['项目起止时间', '项目计划实施时间', '项目实施期', '实施期限', '实施周期', '建设周期', '起止时间', '项目期限', '实施期']],
  ['basis', ['项目立项的依据', '立项依据', '政策依据', '设立依据', '项目设立依据', '项目审批', '项目审批依据']],
  ['content', ['项目总体概况', '项目概况', '项目主要内容', '项目实施内容', '项目内容', '资金用途']],
  ['funds', ['项目资金申请（万元）', '项目资金申请(万元)', '项目资金（万元）', '项目资金(万元)', '资金情况（万元）', '资金情况(万元)', '项目预算（万元）', '项目预算(万元)', '资金总额及构成', '项目资金申请', '项目资金', '资金情况', '项目预算', '资金来源（万元）', '资金来源(万元)']],
  ['periodGoal', ['实施期绩效目标', '实施期目标', '长期绩效目标', '长期目标', '总体目标', '总目标', '项目总体绩效目标', '中长期目标', '项目绩效目标描述总目标']],
  ['annualGoal', ['年度绩效目标', '本年度绩效目标', '本年度目标', '年度目标', '年度总体目标', '项目年度绩效目标', '年度主要目标和成果', '年度主要目标']],
  ['extra', ['填报单位（盖章）', '填报单位(盖章)', '编制单位（盖章）', '编制单位(盖章)', '填报单位', '编制单位', '项目负责人及电话', '项目负责人', '联系电话', '联系人', '填报人', '填报日期', '单位负责人', '财务负责人', '单位职能概述', '项目申报的可行性', '项目申报的必要性', '项目立项情况', '支出功能分类', '功能科目编码', '功能科目名称', '上年度预算安排资金（万元）', '其他说明的问题', '保障绩效目标实现的措施', '主管部门编码']],
  ['review', ['主管部门审核意见', '第三方机构审核意见', '财政部门审核意见', '市财政局审核意见', '财政局审核意见', '审核意见', '业务科室', '绩效科', '审核人', '单位公章', '日期']],
];

/** Section headings: wording of the form that ends the field before it. */
const SECTION_HEADINGS = new Set(['项目预算成本构成', '预算成本构成', '成本构成', '项目支出内容及明细预算', '项目支出明细', '项目绩效目标', '项目基本情况', '项目基本信息', '绩效目标情况', '项目实施进度计划', '审核意见', '项目绩效目标描述', '绩效目标', '资金来源']);

const FUNDS_TOTAL = ['年度资金总额', '资金总额', '总额', '合计', '项目总额', '预算金额', '项目总金额', '项目总预算', '当年年度预算'];
/** Labels inside the funds block whose value is no amount (a class, a code, a rate, points): one cell each, kept in `extra`. */
const FUNDS_EXTRA = /^(财政资金预算分类|财政资金科目代码|支出功能分类科目|功能科目代码|资金性质|年度预算执行率|预算执行率|分值)$/;
/** The funds block's own heading for its points: 预算执行 10分. */
const FUNDS_POINTS = /^(预算执行|预算执行率)?[（(]?\d{1,3}分[)）]?$|^预算执行$|^(金额|预算数|资金|预算金额)?[（(]万元[)）]$/;

// The framework's classes, and the names older and local forms print for them.
const LEVEL1_BASE: readonly string[] = [...LEVEL1, '投入指标', '项目完成指标', '项目效益指标'];
const LEVEL2_NAMES: readonly string[] = [...LEVEL2_LABELS, '社会公众或服务对象满意度指标', '满意度指标', '投入指标'];
const COST_LEVEL2: ReadonlySet<string> = new Set(NATIONAL_FRAMEWORK['成本指标']);

type Column = IndicatorColumn;

const TABLE_HEADINGS: ReadonlyArray<readonly [RegExp, 'period' | 'annual' | null]> = [
  [/^(长期绩效指标|总目标绩效指标|实施期绩效指标|总体绩效指标|中长期绩效指标)$/, 'period'],
  [/^(年度绩效指标|本年度绩效指标|当年绩效指标|年度绩效目标[（(]\d{1,3}分[)）])$/, 'annual'],
  [/^(绩效指标|绩效指标表|项目绩效指标)$/, null],
];

const TITLE = /^(?:.{0,30}?)(?:项目(?:支出)?|财政支出项目?|预算项目)绩效目标(?:申报|申请|审批)?表/;
const YEAR = /[（(]?\s*((?:19|20)\d{2})\s*年度?\s*[)）]?/;
const OPERATOR = /^(≥|≤|=|>|<|＞|＜|＝|﹦|≧|≦|>=|<=|大于等于|小于等于|等于|大于|小于|不低于|不高于|不少于|不超过|定性|定量|正向|反向|正向指标|反向指标)$/;
const STANDARD = /^(计划标准|行业标准|历史标准|其他标准|预算支出标准|其他)$/;
const WEIGHT = /^\d{1,3}(?:\.\d+)?分?$/;
const TICK = /[√☑■✓✔▇●]/;
const FILLER = /^[.…·。]+$|^…+$/;
const PLAIN_UNIT = /^(%|‰|百分比|万元|元|万|个|次|辆|天|人|人次|台|套|篇|份|项|户|家|场|场次|件|期|本|条|册|间|所|座|处|平方米|亩|公顷|公里|米|千米|吨|月|日|年|工作日|小时|分|分钟|元\/[^\d\s]{1,6}|[^\d\s%]{1,2}\/[^\d\s]{1,3}|[A-Za-z]{1,5}(?:\/[A-Za-z]{1,3})?)$/;

/** Every header label as printed, alone or with its colon, to its field: one look-up per cell. */
const LABELS_BY_TEXT: ReadonlyMap<string, { field: HeaderField; label: string }> = new Map(
  HEADER_LABELS.flatMap(([field, labels]) => labels.flatMap((label) => [label, `${label}：`, `${label}:`].map((text) => [text, { field, label }] as const))).reverse(),
);

/** Labels a fused line is cut at: header labels, table headings, column headers, 一级 and 二级 names. */
const FUSED_CUTS: readonly string[] = [
  '项目实施进度计划', '项目基本情况', '绩效目标情况', '项目预算成本构成', '项目支出内容及明细预算', '保障绩效目标实现措施',
  ...HEADER_LABELS.filter(([field]) => field !== 'review').flatMap(([, labels]) => labels),
  '长期绩效指标', '年度绩效指标', '本年度绩效指标', '一级指标', '二级指标', '三级指标', '指标内容', '指标值', '备注', '分值',
  '绩效标准', '当年预期实现值', '年度指标值', '实施期指标值', '计量单位', '指标解释', '指标性质', '指标值类型', '评（扣）分标准', '评(扣)分标准',
  ...LEVEL1_BASE,
  ...LEVEL2_NAMES,
];

// Cells are looked up many times against a dozen patterns; the answer for a text is kept (the
// vocabulary of a form is small, so the memo stays small; it is dropped when it grows past a bound).
const headingMemo = new Map<string, 'period' | 'annual' | null | undefined>();

/** The column a header cell names, or null. */
const columnOf = indicatorColumnOf;

/** The table a heading cell opens (period, annual, or either: null), or undefined for no heading. */
function headingOf(text: string): 'period' | 'annual' | null | undefined {
  if (headingMemo.has(text)) return headingMemo.get(text);
  const found = TABLE_HEADINGS.find(([pattern]) => pattern.test(text));
  const value = found ? found[1] : undefined;
  if (headingMemo.size > 10_000) headingMemo.clear();
  headingMemo.set(text, value);
  return value;
}

const FUSED_PATTERN = new RegExp([...new Set(FUSED_CUTS)].sort((a, b) => b.length - a.length).map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

function isTableWord(text: string): boolean {
  return columnOf(text) !== null || headingOf(text) !== undefined;
}

/** Reads a project target form's lines. */
export function readProjectTargetText(lines: readonly SourceLine[], options: ProjectTargetTextOptions = {}): { declaration: ProjectTargetDeclaration; claims: readonly Claim[] } {
  const reader = new ProjectTargetReader(lines);
  claimPageFurniture(lines, reader.ledger);
  reader.read();
  const declaration = reader.declaration;
  if (declaration.year === null && options.year !== undefined) declaration.year = options.year;
  if (declaration.department === null && options.department) declaration.department = options.department;
  // A page's headline that repeats the project's name is wording.
  const name = declaration.project.name?.replace(/\s/g, '');
  if (name) for (const line of lines) if (line.key === name && line.span && !reader.ledger.isClaimed(line.span)) reader.ledger.label(line.span);
  declaration.unparsed = reader.ledger.unclaimed();
  return { declaration, claims: reader.ledger.allClaims() };
}

interface PendingRow {
  level1: string | null;
  level2: string | null;
  name: Cell[];
  values: Map<Column, Cell[]>;
  /** Index into the table's value columns of the next column to fill. */
  next: number;
  core: boolean;
}

class ProjectTargetReader {
  readonly declaration: ProjectTargetDeclaration = { ...emptyProjectTarget(), title: null, implementer: null };
  readonly ledger: Ledger;
  private field: HeaderField | null = null;
  private fieldLabel = '';
  private fieldCells: Cell[] = [];
  private inFundsBlock = false;
  private fundsLabel: Cell | null = null;
  private fundsLabelText = '';
  private columns: Column[] | null = null;
  private tableMode: 'period' | 'annual' | null = null;
  private level1: string | null = null;
  private level2: string | null = null;
  private level2HasRow = true;
  private row: PendingRow | null = null;
  private headerBuffer: Cell[] = [];
  private yuan = false;

  constructor(private readonly lines: readonly SourceLine[]) {
    this.ledger = new Ledger(lines);
  }

  /** True once the indicator table's rows have come as `|` rows. */
  private framedTable = false;

  read(): void {
    const lines = this.lines.filter((line) => !line.blank);
    let skip = -1;
    lines.forEach((line, index) => {
      if (index === skip) return;
      this.claimDelimiters(line);
      // 年度资金总额 | 财政拨款 | 其他资金 over a row of their amounts: each label takes the amount below it.
      const below = lines[index + 1];
      const pairs = below ? this.fundsColumns(line, below) : null;
      if (pairs && below) {
        this.claimDelimiters(below);
        for (const cell of pairs.before) this.readCell(cell);
        for (const [label, amount] of pairs.pairs) {
          this.readCell(label);
          this.readCell(amount);
        }
        skip = index + 1;
        return;
      }
      const framed = line.text.includes('|') || line.text.includes('｜');
      // A line of text after a table of `|` rows (a page footer, a note) is not one of its cells.
      if (this.columns && this.framedTable && !framed) {
        this.flushRow();
        this.columns = null;
        this.framedTable = false;
      }
      // （   2023年度）: a year spaced out inside its brackets is one cell.
      const cells = /^[（(]\d{4}年度?[)）]$/.test(line.key) && line.span ? [line.span] : this.split(lineCells(line));
      const nonEmpty = cells.filter((c) => c.text !== '');
      // A `|` row after the header rows is the table's first row: the header ends before it is read.
      if (framed && this.columns === null && this.headerBuffer.length > 0 && !this.headerContinues(nonEmpty)) this.endHeader();
      if (this.columns && framed) this.framedTable = true;
      if (this.columns && nonEmpty.length >= 2 && !this.isHeaderRow(nonEmpty) && !nonEmpty.some((c) => this.headerLabel(c))) {
        this.flushRow();
        this.readRowLine(cells);
        return;
      }
      const following = lines[index + 1];
      const nextLineFirst = following ? lineCells(following).find((c) => c.text !== '')?.text : undefined;
      nonEmpty.forEach((cell, i) => this.readCell(cell, nonEmpty[i + 1]?.text ?? nextLineFirst));
      if (this.columns === null && this.headerBuffer.length > 0 && !this.headerContinues(nonEmpty)) this.endHeader();
    });
    if (this.held) this.releaseHeld();
    this.flushRow();
    this.endHeader();
    this.flushField();
    if (this.level2 && !this.level2HasRow) this.declaration.emptyLevel2.push([this.level1, this.level2]);
  }

  /**
   * A row of funds labels over a row of amounts, position by position (`|` rows of a workbook or a
   * web page); null unless every amount has a label above it and there are two pairs or more.
   */
  private fundsColumns(line: SourceLine, below: SourceLine): { before: Cell[]; pairs: [Cell, Cell][] } | null {
    const framed = (l: SourceLine) => l.text.includes('|') || l.text.includes('｜');
    if (this.columns !== null || !framed(line) || !framed(below)) return null;
    const labels = lineCells(line);
    const amounts = lineCells(below);
    if (labels.length !== amounts.length) return null;
    const pairs: [Cell, Cell][] = [];
    const before: Cell[] = [];
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i] as Cell;
      const amount = amounts[i] as Cell;
      const isAmount = amount.text !== '' && readAmount(amount.text, this.yuan) !== undefined;
      if (amount.text !== '' && !isAmount) return null;
      if (label.text !== '' && readAmount(label.text, this.yuan) !== undefined) return null;
      if (isAmount) {
        if (label.text === '') return null;
        pairs.push([label, amount]);
      } else if (label.text !== '') {
        if (pairs.length > 0) return null;
        before.push(label);
      }
    }
    const fundsLabel = (text: string) => FUNDS_TOTAL.includes(text.replace(/[（(]?万元[)）]?|[:：]/g, '')) || /资金|拨款|结转|补助|财政|收入|预算|其他/.test(text);
    if (pairs.length < 2 || !pairs.every(([label]) => fundsLabel(label.text))) return null;
    return { before, pairs };
  }

  /** The | between cells are the table's ruling, not text. */
  private claimDelimiters(line: SourceLine): void {
    const text = line.text;
    if (!text.includes('|') && !text.includes('｜')) return;
    for (const match of text.matchAll(/[|｜]/g)) this.ledger.label({ line, start: match.index, end: match.index + 1, text: match[0] });
  }

  /** Splits cells where labels fused with their values or with each other (no delimiters in the source). */
  private split(cells: Cell[]): Cell[] {
    const out: Cell[] = [];
    const single = cells.filter((c) => c.text !== '').length === 1;
    for (const cell of cells) {
      // Only a line that is one long run of text has fused cells (no delimiters in the source).
      if ((!single && cell.text.length < 60) || cell.text.length <= 8 || isTableWord(cell.text)) {
        out.push(cell);
        continue;
      }
      // One scan for every label at once: the alternation is longest first, so at each position the
      // longest label wins (实施期绩效目标, not 实施期), and matches do not overlap.
      const found = [...cell.text.matchAll(FUSED_PATTERN)].map((m) => ({ at: m.index, end: m.index + m[0].length }));
      // Prose that happens to name one label (a goal mentioning 实施单位) is no fused row of cells; a long
      // run beside another cell (填报单位：… 项目名称…属性…) is one when it holds several labels.
      if (found.length < (single ? 2 : 3)) {
        out.push(cell);
        continue;
      }
      const cuts = new Set<number>();
      for (const { at, end } of found) {
        cuts.add(at);
        cuts.add(end);
      }
      const points = [...cuts].filter((p) => p > 0 && p < cell.text.length).sort((a, b) => a - b);
      let from = 0;
      for (const point of [...points, cell.text.length]) {
        const part = subCell(cell, from, point);
        if (part.text !== '') {
          out.push(part);
          this.fusedCells.add(part);
        }
        from = point;
      }
    }
    return out;
  }

  /** Cells cut out of a run with no separators: a name there may carry its value (道路改造长度3公里). */
  private readonly fusedCells = new Set<Cell>();

  /** The first part of a label wrapped over two cells (项目完成 / 指标, 总体 / 目标, 年度主要目标 / 和成果). */
  private held: Cell | null = null;

  /** A label split over two cells: the first held until the second comes, then both read as one. */
  private joinsLabel(text: string, next: string | undefined): boolean {
    if (next === undefined || text.length > 8 || next.length > 4) return false;
    const joined = `${text}${next}`.replace(/\s/g, '');
    return LABELS_BY_TEXT.has(joined) || headingOf(joined) !== undefined || (levelOf(joined, this.level1, this.columns ?? []) !== null && levelOf(text, this.level1, this.columns ?? []) === null);
  }

  /** True when a cell completes the held first part of a label. */
  private continuesHeld(text: string): boolean {
    const held = this.held;
    if (!held) return false;
    return this.joinsLabel(held.text, text);
  }

  /** A held part that nothing completed reads as itself. */
  private releaseHeld(): void {
    const held = this.held;
    this.held = null;
    if (held) {
      if (this.columns) this.readTableCell(held);
      else this.readCell(held);
    }
  }

  private readCell(cell: Cell, next?: string): void {
    if (this.held && !this.continuesHeld(cell.text)) this.releaseHeld();
    if (this.held) {
      const held = this.held;
      this.held = null;
      this.ledger.label(cell);
      const joined: Cell = { line: held.line, start: held.start, end: held.end, text: `${held.text}${cell.text}`.replace(/\s/g, '') };
      if (this.columns && levelOf(joined.text, this.level1, this.columns)) this.readTableCell(joined, next);
      else this.readCell(joined, next);
      return;
    }
    if (this.joinsLabel(cell.text, next)) {
      this.held = cell;
      return;
    }
    const text = cell.text;
    // The title again with the year beside it: 项目绩效目标表(2021年度).
    if (this.declaration.title !== null && this.declaration.year === null && TITLE.test(text.replace(/\s/g, '')) && YEAR.test(text)) {
      this.declaration.year = Number(YEAR.exec(text)?.[1]);
      this.ledger.field(cell, '/year');
      return;
    }
    // The title printed again (a page's headline, a running head) is wording.
    if (this.declaration.title !== null && text.replace(/\s/g, '') === this.declaration.title.replace(/\s/g, '')) {
      this.ledger.label(cell);
      return;
    }
    if (this.declaration.title === null && TITLE.test(text.replace(/\s/g, ''))) {
      const match = TITLE.exec(text.replace(/\s/g, ''));
      this.declaration.title = match?.[0] ?? text;
      this.ledger.field(cell, '/title');
      const year = YEAR.exec(text);
      if (year?.[1]) this.declaration.year = Number(year[1]);
      return;
    }
    if (this.field === null && /^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$/.test(text)) {
      const year = Number(YEAR.exec(text)?.[1]);
      if (this.declaration.year === null) {
        this.declaration.year = year;
        this.ledger.field(cell, '/year');
        return;
      }
      // The year under a title that gave it already.
      if (this.declaration.year === year) {
        this.ledger.label(cell);
        return;
      }
    }
    if (/单位[:：]\s*元$/.test(text)) this.yuan = true;
    if (/单位[:：]\s*(万元|元)$/.test(text)) {
      this.ledger.label(cell);
      return;
    }
    const heading = headingOf(text);
    // 绩效指标 down the table's first column (a merged cell beside its rows) heads no new table.
    if (heading === null && this.columns !== null) {
      this.ledger.label(cell);
      return;
    }
    if (heading !== undefined) {
      this.flushField();
      this.flushRow();
      this.tableMode = heading ?? this.tableMode;
      this.columns = null;
      this.ledger.label(cell);
      return;
    }
    const columnHeader = columnOf(text);
    if (columnHeader !== null && (this.headerBuffer.length > 0 || text === '一级指标' || text === '二级指标' || text === '三级指标')) {
      this.flushField();
      this.flushRow();
      if (this.columns) {
        this.columns = null;
        this.level1 = null;
        this.level2 = null;
      }
      this.headerBuffer.push(cell);
      return;
    }
    if (this.headerBuffer.length > 0) this.endHeader();
    if (SECTION_HEADINGS.has(text.replace(/[:：]$/, ''))) {
      this.flushField();
      this.flushRow();
      this.columns = null;
      this.ledger.label(cell);
      return;
    }
    const label = this.headerLabel(cell);
    if (label) {
      this.flushRow();
      this.columns = null;
      this.startField(label.field, label.label, cell, label.length);
      return;
    }
    if (this.columns) {
      this.readTableCell(cell, next);
      return;
    }
    if (this.inFundsBlock) {
      this.readFundsCell(cell);
      return;
    }
    if (this.field) this.fieldCells.push(cell);
  }

  private headerLabel(cell: Cell): { field: HeaderField; label: string; length: number } | null {
    const text = cell.text;
    const exact = LABELS_BY_TEXT.get(text);
    if (exact) return { field: exact.field, label: exact.label, length: text.length };
    // 项目名称：政务信息化运维 — a label and its value in one cell (the colon is the label's).
    const colon = text.search(/[:：]/);
    if (colon <= 0) return null;
    const prefixed = LABELS_BY_TEXT.get(text.slice(0, colon));
    if (!prefixed || prefixed.field === 'review') return null;
    return { field: prefixed.field, label: prefixed.label, length: colon + 1 };
  }

  private startField(field: HeaderField, label: string, cell: Cell, length: number): void {
    this.flushField();
    this.ledger.label(subCell(cell, 0, length));
    this.field = field;
    this.fieldLabel = label;
    this.fieldCells = [];
    this.inFundsBlock = field === 'funds';
    const rest = subCell(cell, length);
    if (rest.text !== '') this.readCell(rest);
  }

  private flushField(): void {
    const field = this.field;
    const cells = this.fieldCells;
    this.field = null;
    this.fieldCells = [];
    if (field === null || field === 'funds') {
      this.inFundsBlock = false;
      this.flushFundsLabel();
      return;
    }
    const text = cells.map((c) => c.text).join('');
    const d = this.declaration;
    const path = FIELD_PATHS[field];
    if (field === 'extra' || field === 'review') {
      if (cells.length === 0) return;
      d.extra.push({ label: this.fieldLabel, value: text });
      this.ledger.fields(cells, `/extra/${d.extra.length - 1}/value`);
      return;
    }
    if (cells.length === 0) return;
    // A field printed twice (预算单位 then 业务主管部门; 项目概况 then a schedule's 项目实施内容): the first
    // fills it, the other is kept in extra under its own label — never one overwriting the other.
    const taken: Partial<Record<HeaderField, unknown>> = { department: d.department, implementer: d.implementer, name: d.project.name, code: d.project.code, basis: d.project.basis, content: d.project.content, period: d.project.period.text };
    if (taken[field] !== null && taken[field] !== undefined && field !== 'periodGoal' && field !== 'annualGoal') {
      d.extra.push({ label: this.fieldLabel, value: text });
      this.ledger.fields(cells, `/extra/${d.extra.length - 1}/value`);
      return;
    }
    if (field === 'nature' || field === 'category') {
      d.project[field] = this.tickedOption(cells, path);
      return;
    }
    this.ledger.fields(cells, path);
    if (field === 'name') d.project.name = text;
    else if (field === 'code') d.project.code = text;
    else if (field === 'department') d.department = text;
    else if (field === 'implementer') d.implementer = text;
    else if (field === 'basis') d.project.basis = text;
    else if (field === 'content') d.project.content = text;
    else if (field === 'period') d.project.period = readPeriod(text);
    else if (field === 'periodGoal' || field === 'annualGoal') d[field] = readGoal(cells.map((c) => c.text));
  }

  /** 新增项目□ 延续项目√: the ticked option; the printed text when nothing is ticked. */
  private tickedOption(cells: Cell[], path: string): string {
    const text = cells.map((c) => c.text).join(' ');
    if (!/[□☐√☑■✓✔]/.test(text)) {
      this.ledger.fields(cells, path);
      return cells.map((c) => c.text).join('');
    }
    const options = text.split(/(?<=[□☐√☑■✓✔])\s*|\s+/).filter((o) => o.replace(/[□☐\s]/g, '') !== '');
    const ticked = options.filter((o) => TICK.test(o)).map((o) => o.replace(/[□☐√☑■✓✔▇●\s]/g, '').replace(/^\d+[.、]/, ''));
    this.ledger.fields(cells, path);
    return ticked.join('、') || '';
  }

  /** A funds label whose value is no amount (财政资金科目代码 21305): the next cell is its value, kept in extra. */
  private fundsExtra: Cell | null = null;

  private readFundsCell(cell: Cell): void {
    const bare = cell.text.replace(/\s/g, '').replace(/[:：]$/, '');
    if (this.fundsExtra) {
      const label = this.fundsExtra;
      this.fundsExtra = null;
      this.declaration.extra.push({ label: label.text.replace(/\s/g, '').replace(/[:：]$/, ''), value: cell.text });
      this.ledger.label(label);
      this.ledger.field(cell, `/extra/${this.declaration.extra.length - 1}/value`);
      return;
    }
    if (FUNDS_EXTRA.test(bare)) {
      this.flushFundsLabel();
      this.fundsExtra = cell;
      return;
    }
    // 金额（万元）: a column's heading, whatever label waits for its amount.
    if (/^(金额|预算数|资金|预算金额)[（(]万元[)）]$/.test(bare)) {
      this.ledger.label(cell);
      return;
    }
    if (FUNDS_POINTS.test(bare) && this.fundsLabel === null) {
      this.ledger.label(cell);
      return;
    }
    const amount = readAmount(cell.text, this.yuan);
    if (amount === undefined) {
      // 总额1060.75万元财政拨款：692.34万元 — labels and amounts fused in one cell.
      const pairs = [...cell.text.matchAll(/([^\d\s:：,，.]+)[:：]?\s*(-?\d[\d,]*(?:\.\d+)?\s*(?:万元|万|元)?)/g)];
      if (pairs.length > 0 && pairs.every((m) => readAmount(m[2] ?? '', this.yuan) !== undefined)) {
        let at = 0;
        for (const pair of pairs) {
          const start = pair.index ?? 0;
          const amountStart = start + (pair[0].length - (pair[2]?.length ?? 0));
          if (start > at) this.setFundsLabel(subCell(cell, at, start));
          this.setFundsLabel(subCell(cell, start, amountStart));
          this.readFundsCell(subCell(cell, amountStart, start + pair[0].length));
          at = start + pair[0].length;
        }
        if (at < cell.text.length) this.setFundsLabel(subCell(cell, at));
        return;
      }
      this.flushFundsLabel();
      this.setFundsLabel(cell);
      return;
    }
    const label = this.fundsLabelText.replace(/^(其中|一、|二、|三、|\d+[.、])[:：]?/, '').replace(/^[（(][一二三四五六七八九十\d]+[)）]|^[一二三四五六七八九十]+、|^\d+[、.．]/, '').replace(/[:：（(]|万元|[)）]/g, '');
    const funds = this.declaration.funds;
    const value = amount === null ? null : amount;
    if (this.fundsLabel === null || FUNDS_TOTAL.includes(label)) {
      if (funds.total === null) {
        funds.total = value;
        this.ledger.field(cell, '/funds/total');
        if (this.fundsLabel) this.ledger.label(this.fundsLabel);
        this.fundsLabel = null;
        this.fundsLabelText = '';
        return;
      }
    }
    const itemLabel = label.replace(/^[\s;；,，(（)）]+|[\s;；,，(（)）]+$/g, '') || this.fundsLabelText || '其他';
    funds.items.push({ label: itemLabel, amount: value });
    const index = funds.items.length - 1;
    if (this.fundsLabel) this.ledger.field(this.fundsLabel, `/funds/items/${index}/label`);
    this.ledger.field(cell, `/funds/items/${index}/amount`);
    if (funds.fiscal === null && /^(本年)?财政(拨款|资金)(小计)?$|^财政拨款资金$|^一般公共预算(拨款|资金)?$/.test(itemLabel)) funds.fiscal = value;
    if (funds.other === null && /^其[他它](资金|收入)?$/.test(itemLabel)) funds.other = value;
    this.fundsLabel = null;
    this.fundsLabelText = '';
  }

  private setFundsLabel(cell: Cell): void {
    if (this.fundsLabel) this.flushFundsLabel();
    this.fundsLabel = cell;
    this.fundsLabelText = cell.text.replace(/\s/g, '');
  }

  /** A funds label with no amount after it: an item printed blank. */
  private flushFundsLabel(): void {
    const cell = this.fundsLabel;
    this.fundsLabel = null;
    this.fundsLabelText = '';
    if (!cell) return;
    const label = cell.text.replace(/^[\s;；,，(（)）]+/, '').replace(/^(其中|一、|二、|三、|\d+[.、])[:：]?/, '').replace(/[\s;；,，:：(（]+$/, '');
    if (FUNDS_TOTAL.includes(label.replace(/[（(]?万元[)）]?/, '')) || label === '' || label === '其中') {
      this.ledger.label(cell);
      return;
    }
    const funds = this.declaration.funds;
    funds.items.push({ label, amount: null });
    this.ledger.field(cell, `/funds/items/${funds.items.length - 1}/label`);
  }

  // ---- the indicator table ----

  private isHeaderRow(cells: readonly Cell[]): boolean {
    return cells.filter((c) => columnOf(c.text) !== null).length >= 2 && cells.some((c) => /^(一级指标|二级指标|三级指标|指标名称|指标内容)$/.test(c.text));
  }

  private headerContinues(cells: readonly Cell[]): boolean {
    return cells.length > 0 && cells.every((c) => columnOf(c.text) !== null);
  }

  private endHeader(): void {
    if (this.headerBuffer.length === 0) return;
    const columns: Column[] = [];
    for (const cell of this.headerBuffer) {
      let column: Column = columnOf(cell.text) ?? 'note';
      if (column === 'name' && columns.includes('name')) column = 'explanation';
      if (column === 'annual' && this.tableMode === 'period' && cell.text === '指标值') column = 'period';
      if (column === 'annual' && columns.includes('annual') && !columns.includes('period')) column = 'period';
      columns.push(column);
      this.ledger.label(cell);
    }
    this.headerBuffer = [];
    if (!columns.includes('name')) columns.splice(columns.includes('level2') ? columns.indexOf('level2') + 1 : 0, 0, 'name');
    this.columns = columns;
    this.level1 = null;
    this.level2 = null;
    this.level2HasRow = true;
  }

  private valueColumns(): Column[] {
    return (this.columns ?? []).filter((c) => c !== 'level1' && c !== 'level2' && c !== 'name');
  }

  /** A row printed on one line: positions where every cell is there, shapes where some are lost. */
  private readRowLine(cells: Cell[]): void {
    const columns = this.columns ?? [];
    // A `|` row as wide as the header is read by position, whatever order its columns are in.
    const framed = cells[0]?.line.text.includes('|') === true || cells[0]?.line.text.includes('｜') === true;
    if (cells.length === columns.length && (framed || cells.some((c) => c.text === ''))) {
      cells.forEach((cell, i) => {
        if (cell.text === '') return;
        const column = columns[i] as Column;
        if (column === 'level1' || column === 'level2') this.readLevelLabel(cell, column);
        else this.addToRow(cell, column);
      });
      this.flushRow();
      return;
    }
    // 绩效指标 down the first column is wording; a class wrapped at the line's end (项目完成 / 指标) waits for its end.
    const present = cells.filter((c) => {
      if (c.text.replace(/\s/g, '') !== '绩效指标') return c.text !== '';
      this.ledger.label(c);
      return false;
    });
    const last = present[present.length - 1];
    if (last && present.length > 1 && this.joinsLabel(last.text, '指标') && levelOf(last.text, this.level1, columns) === null) {
      present.pop();
      present.forEach((cell, i) => this.readTableCell(cell, present[i + 1]?.text));
      this.flushRow();
      this.held = last;
      return;
    }
    let first = 0;
    while (first < present.length && levelOf(present[first]?.text ?? '', this.level1, columns, present[first + 1]?.text)) first++;
    const rest = present.slice(first);
    const valueColumns = this.valueColumns();
    // Every cell after the labels there: one a column, by position, whatever its text looks like.
    if (rest.length === valueColumns.length + 1 && rest.length > 1) {
      present.slice(0, first).forEach((cell, i) => this.readTableCell(cell, present[i + 1]?.text));
      this.addToRow(rest[0] as Cell, 'name');
      rest.slice(1).forEach((cell, i) => this.addToRow(cell, valueColumns[i] as Column));
      this.flushRow();
      return;
    }
    present.forEach((cell, i) => this.readTableCell(cell, present[i + 1]?.text));
    this.flushRow();
  }

  private readTableCell(cell: Cell, next: string | undefined = undefined): void {
    if (this.held) {
      this.readCell(cell, next);
      return;
    }
    const text = cell.text;
    // 项目完成 at a line's end, 指标 on the next: a class wrapped in its merged cell.
    if ((next === undefined || next === '指标') && this.joinsLabel(text, '指标')) {
      this.held = cell;
      return;
    }
    if (text.replace(/\s/g, '') === '绩效指标') {
      this.ledger.label(cell);
      return;
    }
    // (40-50)分 under its 一级 label: the class's points.
    const points = /^[（(]\s*\d{1,3}(?:\s*[-—~]\s*\d{1,3})?\s*[)）]\s*分?$/.exec(text.replace(/\s/g, ''));
    if (points && this.level1 && (this.row === null || this.row.name.length === 0)) {
      this.ledger.label(cell);
      this.declaration.extra.push({ label: `${this.level1}分值`, value: points[0].replace(/^[（(]|[)）]分?$/g, '') });
      return;
    }
    const level = levelOf(text, this.level1, this.columns ?? [], next);
    if (level) {
      this.readLevelLabel(cell, level);
      return;
    }
    if (FILLER.test(text)) {
      this.ledger.label(cell);
      return;
    }
    const row = this.row;
    if (row === null || row.name.length === 0) {
      // A bare number where a name should be: cells fused (value and score run together), kept whole
      // as the target for the checker to flag, never split by guess.
      const first = this.valueColumns()[0];
      if (/^\d+(?:\.\d+)?$/.test(text) && first && (row === null || row.values.size === 0)) {
        this.addToRow(cell, first);
        this.flushRow();
        return;
      }
      this.addToRow(cell, 'name');
      return;
    }
    const columns = this.valueColumns();
    for (let i = row.next; i < columns.length; i++) {
      const column = columns[i] as Column;
      if (fits(column, text)) {
        this.addToRow(cell, column, i + 1);
        return;
      }
    }
    this.flushRow();
    this.addToRow(cell, 'name');
  }

  private readLevelLabel(cell: Cell, level: 'level1' | 'level2'): void {
    this.flushRow();
    const text = cell.text.replace(/\s/g, '');
    const base = text.replace(/[（(][^)）]*[)）]分?$/, '');
    const points = text.slice(base.length);
    if (level === 'level1') {
      if (this.level2 && !this.level2HasRow) this.declaration.emptyLevel2.push([this.level1, this.level2]);
      this.level1 = base;
      this.level2 = null;
      this.level2HasRow = true;
      this.ledger.label(cell);
      if (points) this.declaration.extra.push({ label: `${base}分值`, value: points.replace(/^[（(]|[)）]分?$/g, '') });
    } else {
      if (this.level2 && !this.level2HasRow) this.declaration.emptyLevel2.push([this.level1, this.level2]);
      this.level2 = base;
      this.level2HasRow = false;
      this.ledger.label(cell);
    }
  }

  private addToRow(cell: Cell, column: Column, next?: number): void {
    if (this.row === null) {
      this.row = { level1: this.level1, level2: this.level2, name: [], values: new Map(), next: 0, core: false };
    }
    const row = this.row;
    if (column === 'name') {
      let nameCell = cell;
      if (/^[★☆]/.test(nameCell.text)) {
        row.core = true;
        this.ledger.label(subCell(nameCell, 0, 1));
        nameCell = subCell(nameCell, 1);
      }
      const prefix = /^指标\d+[:：]/.exec(nameCell.text);
      if (prefix) {
        this.ledger.label(subCell(nameCell, 0, prefix[0].length));
        nameCell = subCell(nameCell, prefix[0].length);
      }
      // A name fused with its value (道路改造长度3公里, 验收合格率100%): the figure at its end is the target.
      const valueColumn = this.valueColumns().find((c) => c === 'annual' || c === 'period');
      const fusedValue = this.fusedCells.has(cell) && valueColumn && row.name.length === 0 ? /^(.*?[\u4e00-\u9fff)）])([≥≤><=＞＜]?\d[\d.,]*(?:%|[\u4e00-\u9fff]{1,3}(?:\/[\u4e00-\u9fff]{1,2})?)?)$/.exec(nameCell.text) : null;
      if (fusedValue && valueColumn && fusedValue[1] && fusedValue[2]) {
        row.name.push(subCell(nameCell, 0, fusedValue[1].length));
        this.addToRow(subCell(nameCell, fusedValue[1].length), valueColumn);
        return;
      }
      row.name.push(nameCell);
      return;
    }
    const cells = row.values.get(column) ?? [];
    cells.push(cell);
    row.values.set(column, cells);
    if (next !== undefined) row.next = next;
    else row.next = Math.max(row.next, this.valueColumns().indexOf(column) + 1);
  }

  private flushRow(): void {
    const row = this.row;
    this.row = null;
    if (row === null) return;
    const d = this.declaration;
    const text = (column: Column): string | null => {
      const cells = row.values.get(column);
      return cells ? cells.map((c) => c.text).join('') : this.columns?.includes(column) ? '' : null;
    };
    const name = row.name.map((c) => c.text).join('');
    const operator = text('operator');
    const unit = text('unit');
    const withOperator = (value: string | null): string | null => {
      if (value === null) return null;
      if (operator && OPERATOR.test(operator) && !/^(定性|定量|正向|反向|正向指标|反向指标)$/.test(operator)) return `${operator}${value}`;
      return value;
    };
    const annualPrinted = withOperator(text('annual'));
    const periodPrinted = withOperator(text('period'));
    const parse = (printed: string | null) => parseTargetValue(printed === null || printed === '' ? (printed ?? '') : `${printed}${unit && !printed.endsWith(unit) ? unit : ''}`);
    const existing = this.tableMode === 'annual' || this.tableMode === 'period' ? d.indicators.find((i) => i.name === name && i.level1 === row.level1 && i.level2 === row.level2) : undefined;
    const index = existing ? d.indicators.indexOf(existing) : d.indicators.length;
    const claim = (column: Column, field: string) => {
      const cells = row.values.get(column);
      if (cells) this.ledger.fields(cells, `/indicators/${index}/${field}`);
    };
    this.ledger.fields(row.name, `/indicators/${index}/name`);
    if (existing) {
      // The second table of a form printing 长期 and 年度 separately: same row, other period.
      if (this.tableMode === 'period' && periodPrinted !== null) {
        existing.periodTarget = periodPrinted ?? annualPrinted;
        existing.periodTargetValue = parse(existing.periodTarget);
      } else if (annualPrinted !== null) {
        existing.annualTarget = annualPrinted;
        existing.annualTargetValue = parse(annualPrinted);
      }
      for (const [column, field] of EXTRA_COLUMNS) {
        const value = text(column);
        if (value && existing[field] === null) existing[field] = value;
      }
    } else {
      const period = this.tableMode === 'period' && !this.columns?.includes('period') ? annualPrinted : periodPrinted;
      const annual = this.tableMode === 'period' && !this.columns?.includes('period') ? '' : (annualPrinted ?? '');
      const indicator: ProjectIndicator = {
        level1: row.level1,
        level2: row.level2,
        name,
        periodTarget: period,
        annualTarget: annual,
        periodTargetValue: parse(period),
        annualTargetValue: parse(annual),
        unit: unit,
        standard: text('standard'),
        explanation: text('explanation'),
        scoringRule: text('scoringRule'),
        weight: text('weight'),
        note: text('note'),
        core: row.core,
      };
      d.indicators.push(indicator);
    }
    claim('annual', this.tableMode === 'period' && !this.columns?.includes('period') ? 'periodTarget' : 'annualTarget');
    claim('period', 'periodTarget');
    claim('operator', this.tableMode === 'period' ? 'periodTarget' : 'annualTarget');
    for (const [column, field] of EXTRA_COLUMNS) claim(column, field);
    this.level2HasRow = true;
  }
}

const EXTRA_COLUMNS: ReadonlyArray<readonly [Column, 'unit' | 'standard' | 'explanation' | 'scoringRule' | 'weight' | 'note']> = [
  ['unit', 'unit'],
  ['standard', 'standard'],
  ['explanation', 'explanation'],
  ['scoringRule', 'scoringRule'],
  ['weight', 'weight'],
  ['note', 'note'],
];

const FIELD_PATHS: Record<HeaderField, string> = {
  name: '/project/name',
  code: '/project/code',
  department: '/department',
  implementer: '/implementer',
  category: '/project/category',
  nature: '/project/nature',
  period: '/project/period/text',
  basis: '/project/basis',
  content: '/project/content',
  funds: '/funds',
  periodGoal: '/periodGoal',
  annualGoal: '/annualGoal',
  extra: '/extra',
  review: '/extra',
};

/** Which level a cell names, if it is a 一级 or 二级 label (with points, spaced out, or legacy). */
function levelOf(text: string, currentLevel1: string | null, columns: readonly Column[], next?: string): 'level1' | 'level2' | null {
  // Most cells are no label: the cheap test first (every label ends in 指标, points or not).
  if (!text.includes('指标')) return null;
  const key = text.replace(/\s/g, '').replace(/[（(][^)）]*[)）]分?$/, '');
  const nextKey = next?.replace(/\s/g, '');
  // 成本指标 and 满意度指标 are 一级 in the national layout and 二级 in older ones: a 二级 label after
  // them, when there is one, says which.
  const nextIsLevel2 = nextKey !== undefined && (LEVEL2_NAMES.includes(nextKey) || COST_LEVEL2.has(nextKey)) && nextKey !== key;
  if (key === '成本指标') return nextIsLevel2 || !((currentLevel1 === '产出指标' || currentLevel1 === '项目完成指标') && columns.includes('level2')) ? 'level1' : 'level2';
  if (key === '满意度指标') return nextIsLevel2 || !(currentLevel1 === '满意度指标' || currentLevel1 === '效益指标') ? 'level1' : 'level2';
  if (LEVEL1_BASE.includes(key)) return 'level1';
  if (LEVEL2_NAMES.includes(key) || COST_LEVEL2.has(key)) return 'level2';
  return null;
}

/** Whether a cell's text can be the content of a column (cells a line: which column comes next). */
function fits(column: Column, text: string): boolean {
  switch (column) {
    case 'operator':
      return OPERATOR.test(text);
    case 'unit':
      return PLAIN_UNIT.test(text);
    case 'standard':
      return STANDARD.test(text);
    case 'weight':
      return WEIGHT.test(text);
    default:
      return true;
  }
}

/** An amount in 万元 from a printed cell: `120.00`, `250万`, `67.56万元`, `1,200,000元`; undefined when none. */
export function readAmount(text: string, yuan = false): string | null | undefined {
  const cleaned = text.replace(/\s/g, '').replace(/，/g, ',');
  if (/^[—–\-/／*]+$/.test(cleaned)) return null;
  const match = /^(-?[\d,]+(?:\.\d+)?)(万元|万|元)?$/.exec(cleaned);
  if (!match?.[1]) return undefined;
  const parsed = parseMoney(match[1]);
  if (!parsed.ok) return undefined;
  if (match[2] === '元' || (yuan && match[2] === undefined)) {
    // 元 to 万元: four places to the left, exactly.
    const units = parsed.value.units;
    // Finer than one 分 in 元 is a misread, not an amount.
    if (units % 10000n !== 0n) return undefined;
    return formatMoney({ units: units / 10000n });
  }
  return formatMoney(parsed.value);
}

/** 2025年1月-2025年12月, 2025.01-2025.12, 2025-2027年, 2025年: start and end where readable. */
export function readPeriod(text: string): { start: string | null; end: string | null; text: string } {
  const dates = [...text.matchAll(/((?:19|20)\d{2})\s*(?:[年.\-/]\s*(\d{1,2})\s*月?)?/g)].map((m) => (m[2] ? `${m[1]}-${m[2].padStart(2, '0')}` : (m[1] as string)));
  const valid = dates.filter((d) => !/-(\d{2})$/.test(d) || (Number(d.slice(5)) >= 1 && Number(d.slice(5)) <= 12));
  return { start: valid[0] ?? null, end: valid[1] ?? valid[0] ?? null, text };
}

/** Goals as printed: numbered (目标1：… / 1. …) as a list, else one text. */
export function readGoal(parts: readonly string[]): string | string[] {
  const text = parts.join('');
  const pieces = text.split(/(?=目标\s*\d+\s*[:：、.])|(?=(?:^|(?<=[。；;]))\s*\d+[.、．]\s*)/).map((p) => p.trim()).filter((p) => p !== '');
  if (pieces.length >= 2 && pieces.every((p) => /^(目标\s*\d+\s*[:：、.]|\d+[.、．])/.test(p))) {
    return pieces.map((p) => p.replace(/^(目标\s*\d+\s*[:：、.]|\d+[.、．])\s*/, ''));
  }
  return text;
}
