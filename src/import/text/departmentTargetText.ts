/**
 * Reads the text extraction of a published department-wide target form (部门整体预算绩效目标申报表)
 * into the canonical declaration.
 *
 * The extraction tears the form apart: the key-project table comes before the title, the expected
 * outcomes of the projects come after the goals, page 2 continues the project table without its
 * header, and the budget amounts of the right-hand columns come apart from their labels. The reader
 * therefore works in two passes:
 *   1. every line is either a recognised anchor of the form (a heading; claimed as a label and
 *      opening a section), a budget line (read on the spot), or content of the current section;
 *   2. each section's content is read by its own reader, and outcomes are aligned to projects.
 * Everything is accounted for in a {@link Ledger}: what no reader claimed becomes `unparsed`.
 */
import { emptyDeclaration, type DepartmentTargetDeclaration, type Indicator, type Project } from '../../core/declaration.ts';
import { addMoney, formatMoney, money, parseMoney } from '../../core/money.ts';
import { LEVEL1, LEVEL2_LABELS } from '../../core/indicatorFramework.ts';
import { parseTargetValue } from '../../core/targetValue.ts';
import {
  budgetFieldOf,
  budgetPointer,
  getBudgetField,
  isAmountColumnHeader,
  isBudgetHeader,
  setBudgetField,
  type BudgetField,
} from './budgetLabels.ts';
import { IndicatorTableReader, isIndicatorHeading, startsWithLevelLabel } from './indicatorTable.ts';
import { Ledger, type Claim } from './ledger.ts';
import { claimPageFurniture } from './pageFurniture.ts';
import { blockWidth, sharedWording, splitToCount, widthOf, wrappedParagraphs } from './paragraphs.ts';
import { isAmountLine, readProjectRow, readProjectRows, rowsByAmount, type ProjectColumns, type ProjectRecord } from './projectTable.ts';
import { fillsColumn, joinWrapped, lineSpan, tokenize, type SourceLine, type Token } from './sourceText.ts';

/** Options of an import. */
export interface DepartmentTargetTextOptions {
  /** Budget year, when the form itself does not print one. */
  readonly year?: number | null;
}

/** The declaration and the account of where each claimed piece of the source went. */
export interface DepartmentTargetImport {
  readonly declaration: DepartmentTargetDeclaration;
  readonly claims: readonly Claim[];
}

type Section = 'none' | 'projects' | 'goals' | 'tasks' | 'other-tasks' | 'indicators';

interface Segment {
  readonly section: Section;
  readonly lines: SourceLine[];
}

export const TITLE = /^(?:(\d{4})年度?)?(?:.{0,40}?)(?:部门|单位)?整体(?:预算|支出)?绩效(?:目标)?(?:申报|申请|批复|审批)?表$/;

/**
 * The department a title names before its year (岳阳楼区价格认证鉴定中心2023年度整体绩效目标表), or null
 * when the title starts with the year or names none.
 */
export function departmentOfTitle(title: string): { department: string; start: number; end: number } | null {
  const match = /^(?:附件\s*\d*\s*[:：]?\s*)?(.{2,40}?)(?:(?:19|20)\d{2})\s*年度?/.exec(title);
  const name = match?.[1]?.trim();
  if (!match || !name || /^(关于|附件|附表|表\d)/.test(name) || !/(局|委|办|院|所|中心|站|馆|队|部|会|处|厅|室|政府|学校|医院|社|园|公司|镇|乡|街道|区|县|市)$/.test(name)) return null;
  const start = title.indexOf(name);
  return { department: name, start, end: start + name.length };
}
export const DEPARTMENT_LABEL = /^[\s\u3000]*((?:预算|主管)?(?:部|单)[\s\u3000]*(?:门|位)[\s\u3000]*(?:[（(]单位[)）])?[\s\u3000]*名[\s\u3000]*称|批复单位|预算单位|预算部门|填报单位|申报单位|编制单位|部门[（(]单位[)）])[\s\u3000]*(?:[（(]盖章[)）])?[\s\u3000]*[:：]?/;
export const GOALS_HEADINGS = new Set(['总体绩效目标', '年度总体目标', '部门整体绩效目标', '整体绩效目标', '年度总体绩效目标', '年度绩效目标', '部门年度总体绩效目标', '单位整体绩效目标', '年度整体绩效目标', '部门整体支出绩效目标', '总体目标']);
const TASK_HEADINGS = new Set(['年度重点工作', '年度重点工作任务', '期望达到的目标（概述）', '期望达到的目标(概述)', '期望达到的目标', '年度主要任务']);
const OTHER_TASKS_HEADING = '其他需完成的任务（可选填）';
const PROJECT_HEADER = /主要实施内容/;
export const GOAL_PREFIX = /^[\s\u3000]*(目标[\s\u3000]*\d+[\s\u3000]*[：:、.．]?)/;
const SENTENCE_END = /[。；;！？!?]$/;
export const PAGE_MARKER = /^(?:第\d+页(?:[,，/]?共\d+页)?|-\d+-|—\d+—|\d+\/\d+)$/;

/** Reads the lines of a department-wide target form. Total: never throws on any input. */
export function readDepartmentTargetText(lines: readonly SourceLine[], options: DepartmentTargetTextOptions = {}): DepartmentTargetImport {
  const ledger = new Ledger(lines);
  const declaration = emptyDeclaration();
  claimPageFurniture(lines, ledger);
  const reader = new FormReader(lines, ledger, declaration);
  reader.read();
  if (declaration.department === null && reader.titleDepartment) declaration.department = reader.titleDepartment.department;
  if (declaration.year === null && options.year !== undefined) declaration.year = options.year;
  deriveTotal(declaration);
  declaration.unparsed = ledger.unclaimed();
  return { declaration, claims: ledger.allClaims() };
}

/** A printed total wins; otherwise the total is basic + project spending, marked as derived. */
export function deriveTotal(declaration: DepartmentTargetDeclaration): void {
  const { budget } = declaration;
  if (budget.total !== null || budget.basic === null || budget.project === null) return;
  budget.total = formatMoney(addMoney(money(budget.basic), money(budget.project)));
  budget.totalDerived = true;
}

class FormReader {
  private readonly segments: Segment[] = [];
  private section: Section = 'none';
  private pendingBudget: Array<{ field: BudgetField }> = [];
  private readingAmountColumn = false;
  private awaitingDepartment = false;
  /** The department a title names, for a form with no 部门名称 row. */
  titleDepartment: { department: string } | null = null;
  private readonly indicators: IndicatorTableReader;

  constructor(
    private readonly lines: readonly SourceLine[],
    private readonly ledger: Ledger,
    private readonly declaration: DepartmentTargetDeclaration,
  ) {
    this.indicators = new IndicatorTableReader(ledger);
    this.segments.push({ section: 'none', lines: [] });
  }

  read(): void {
    for (let index = 0; index < this.lines.length; index++) {
      const line = this.lines[index];
      if (!line || line.blank) continue;
      index += this.readLine(line, index);
    }
    this.readSections();
  }

  /** Handles one line of pass 1; returns how many following lines it consumed too. */
  private readLine(line: SourceLine, index: number): number {
    const key = line.key;
    if (this.readingAmountColumn) {
      if (isAmountLine(line) && this.pendingBudget.length > 0) {
        const pending = this.pendingBudget.shift();
        const span = lineSpan(line);
        if (pending && span) this.setBudget(pending.field, span);
        return 0;
      }
      this.readingAmountColumn = false;
    }
    if (this.awaitingDepartment) {
      this.awaitingDepartment = false;
      if (!this.isAnchor(line, key)) {
        const span = lineSpan(line);
        if (span) this.setDepartment(span);
        return 0;
      }
    }
    if (!mayBeAnchor(line)) {
      this.currentSegment().lines.push(line);
      return 0;
    }

    const title = key.endsWith('表') ? TITLE.exec(key) : null;
    if (title) {
      const span = lineSpan(line);
      if (span && this.declaration.title === null) {
        this.declaration.title = span.text;
        this.ledger.field(span, '/title');
        const year = title[1] ?? /((?:19|20)\d{2})\s*年/.exec(key)?.[1];
        if (year) this.declaration.year = Number(year);
        this.titleDepartment ??= departmentOfTitle(span.text);
      } else if (span) {
        this.ledger.label(span);
      }
      this.open('none');
      return 0;
    }
    const department = DEPARTMENT_LABEL.exec(line.text);
    if (department && department[1]) {
      const start = line.text.indexOf(department[1]);
      const end = department[0].length;
      this.ledger.label({ line, start, end, text: line.text.slice(start, end) });
      const rest = lineSpan(line, department[0].length);
      if (rest) this.setDepartment(rest);
      else this.awaitingDepartment = true;
      this.open('none');
      return 0;
    }
    if (this.readBudgetLine(line)) return 0;
    if (PROJECT_HEADER.test(key) && key.length <= 20) {
      this.labelLine(line);
      this.open('projects');
      return 0;
    }
    if (GOALS_HEADINGS.has(key)) {
      this.labelLine(line);
      this.open('goals');
      return 0;
    }
    if (TASK_HEADINGS.has(key) || (key === '任务' && this.section === 'tasks' && this.currentSegment().lines.length === 0)) {
      this.labelLine(line);
      this.open('tasks');
      return 0;
    }
    const otherTasks = this.otherTasksHeading(index);
    if (otherTasks > 0) {
      for (let i = 0; i < otherTasks; i++) {
        const headingLine = this.lines[index + i];
        if (headingLine && !headingLine.blank) this.labelLine(headingLine);
      }
      this.open('other-tasks');
      return otherTasks - 1;
    }
    if (PAGE_MARKER.test(key)) {
      this.labelLine(line);
      return 0;
    }
    if (isIndicatorHeading(line) || startsWithLevelLabel(line)) {
      this.open('indicators');
      this.currentSegment().lines.push(line);
      return 0;
    }
    if (GOAL_PREFIX.test(line.text) && this.section !== 'goals') this.open('goals');
    this.currentSegment().lines.push(line);
    return 0;
  }

  private isAnchor(line: SourceLine, key: string): boolean {
    return (
      TITLE.test(key) ||
      GOALS_HEADINGS.has(key) ||
      TASK_HEADINGS.has(key) ||
      isIndicatorHeading(line) ||
      startsWithLevelLabel(line) ||
      budgetFieldOf(tokenize(line)[0]?.text ?? '') !== null ||
      isBudgetHeader(key)
    );
  }

  /** How many lines (blank ones included) spell 其他需完成的任务（可选填）, or 0. */
  private otherTasksHeading(index: number): number {
    let text = '';
    for (let i = index; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (!line) break;
      if (line.blank) continue;
      const next = text + line.key;
      if (!OTHER_TASKS_HEADING.startsWith(next)) break;
      text = next;
      if (text.length >= '其他需完成的任务'.length && (text === OTHER_TASKS_HEADING || !this.continuesHeading(i + 1, text))) {
        return i - index + 1;
      }
    }
    return 0;
  }

  private continuesHeading(from: number, text: string): boolean {
    for (let i = from; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (!line) return false;
      if (line.blank) continue;
      return OTHER_TASKS_HEADING.startsWith(text + line.key);
    }
    return false;
  }

  /** Reads a line of the budget block (labels and amounts); false when the line is no such line. */
  private readBudgetLine(line: SourceLine): boolean {
    const tokens = tokenize(line);
    const first = tokens[0];
    if (!first) return false;
    const key = line.key;
    if (isAmountColumnHeader(key)) {
      this.labelLine(line);
      this.readingAmountColumn = true;
      return true;
    }
    if (budgetFieldOf(first.text) === null && !isBudgetHeader(first.text)) return false;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      const field = budgetFieldOf(token.text);
      if (field) {
        this.ledger.label(token);
        const next = tokens[i + 1];
        if (next && parseMoney(next.text).ok) {
          this.setBudget(field, next);
          i++;
        } else {
          this.pendingBudget.push({ field });
        }
      } else if (isBudgetHeader(token.text) || isAmountColumnHeader(token.text)) {
        this.ledger.label(token);
      }
    }
    this.open('none');
    return true;
  }

  private setBudget(field: BudgetField, span: Token): void {
    const parsed = parseMoney(span.text);
    if (!parsed.ok || getBudgetField(this.declaration.budget, field) !== null) return;
    setBudgetField(this.declaration.budget, field, formatMoney(parsed.value));
    this.ledger.field(span, budgetPointer(field));
  }

  private setDepartment(span: Token): void {
    if (this.declaration.department !== null) return;
    this.declaration.department = span.text;
    this.ledger.field(span, '/department');
  }

  private labelLine(line: SourceLine): void {
    const span = lineSpan(line);
    if (span) this.ledger.label(span);
  }

  private currentSegment(): Segment {
    const last = this.segments[this.segments.length - 1];
    if (last) return last;
    const segment: Segment = { section: 'none', lines: [] };
    this.segments.push(segment);
    return segment;
  }

  /** Opens a section; consecutive headings of one section (年度重点工作 / 任务 / …) share one segment. */
  private open(section: Section): void {
    const current = this.currentSegment();
    if (current.section === section && current.lines.length === 0) return;
    this.section = section;
    this.segments.push({ section, lines: [] });
  }

  // ---- pass 2 -------------------------------------------------------------------------------

  private readSections(): void {
    const projectGroups = this.readProjectSegments();
    const columns = this.projectColumns();
    const outcomeGroups: Array<{ first: number; paragraphs: SourceLine[][]; column: number }> = [];
    for (const segment of this.segments) {
      if (segment.section !== 'tasks') continue;
      const { outcomes, records } = this.splitTasksSegment(segment.lines, columns);
      if (records.length > 0) projectGroups.push({ first: records[0]?.amount.line.no ?? 0, slots: records });
      if (outcomes.length > 0) {
        const column = blockWidth(outcomes, 54);
        outcomeGroups.push({ first: outcomes[0]?.no ?? 0, paragraphs: wrappedParagraphs(outcomes, column), column });
      }
    }
    projectGroups.sort((a, b) => a.first - b.first);
    outcomeGroups.sort((a, b) => a.first - b.first);
    const indices = this.storeProjects(projectGroups.flatMap((group) => group.slots));
    this.alignOutcomes(indices, projectGroups.map((g) => g.slots.length), outcomeGroups);
    for (const segment of this.segments) {
      if (segment.section === 'goals') this.readGoals(segment.lines);
      if (segment.section === 'other-tasks') this.readOtherTasks(segment.lines);
    }
    this.readIndicators();
  }

  private projectSegmentLines(): SourceLine[][] {
    return this.segments.filter((s) => s.section === 'projects').map((s) => s.lines);
  }

  private projectColumnsCache: ProjectColumns | null = null;

  /**
   * Widths of the project table's name and content columns, learned from its rows: those of the
   * table itself, and those a tasks section continues it with (after its first amount line, so that
   * no outcome paragraph is counted).
   */
  private projectColumns(): ProjectColumns {
    if (this.projectColumnsCache) return this.projectColumnsCache;
    const continued = this.segments.filter((s) => s.section === 'tasks').flatMap((s) => rowsByAmount(s.lines).slice(1));
    const rows = [...this.projectSegmentLines().flatMap((lines) => rowsByAmount(lines)), ...continued];
    const content = blockWidth(rows.flatMap((row) => row.lines), 44);
    const firstLines = rows.map((row) => row.lines[0]).filter((line): line is SourceLine => line !== undefined && widthOf(line) < content * 0.75);
    this.projectColumnsCache = { name: blockWidth(firstLines, 20), content };
    return this.projectColumnsCache;
  }

  /** Project rows by table segment; a refused row is a null slot. */
  private readProjectSegments(): Array<{ first: number; slots: Array<ProjectRecord | null> }> {
    const columns = this.projectColumns();
    return this.projectSegmentLines()
      .map((lines) => ({ first: lines[0]?.no ?? 0, slots: readProjectRows(lines, columns) }))
      .filter((group) => group.slots.length > 0);
  }

  /**
   * A tasks section may hold the project table's continuation (page 2 prints the remaining rows
   * before their outcomes). Those rows are the narrow lines that end in the section's last amount
   * and start at a paragraph boundary; the rest are outcome paragraphs.
   */
  private splitTasksSegment(lines: SourceLine[], columns: ProjectColumns): { outcomes: SourceLine[]; records: ProjectRecord[] } {
    let lastAmount = -1;
    lines.forEach((line, index) => {
      if (isAmountLine(line)) lastAmount = index;
    });
    if (lastAmount < 0) return { outcomes: lines, records: [] };
    let narrowStart = lastAmount;
    while (narrowStart > 0 && widthOf(lines[narrowStart - 1] as SourceLine) <= columns.content + 1) narrowStart--;
    const outside = [...lines.slice(0, narrowStart), ...lines.slice(lastAmount + 1)];
    const outcomeColumn = blockWidth(outside, 54);
    for (let start = narrowStart; start < lastAmount; start++) {
      // A row starts where the outcome before it has ended: after a line that does not fill the
      // column, or that fills it and ends a sentence (an outcome ends with 。).
      const before = lines[start - 1];
      if (before && fillsColumn(widthOf(before), outcomeColumn) && !SENTENCE_END.test(before.text.trim())) continue;
      const rows = rowsByAmount(lines.slice(start, lastAmount + 1));
      const records = rows.map((row) => readProjectRow(row.lines, row.amount, columns));
      if (records.length > 0 && records.every((r): r is ProjectRecord => r !== null)) {
        return { outcomes: [...lines.slice(0, start), ...lines.slice(lastAmount + 1)], records };
      }
    }
    return { outcomes: lines.filter((line) => !isAmountLine(line)), records: [] };
  }

  /** Stores the rows that were read; returns, per slot, the project's index or null for a refused row. */
  private storeProjects(slots: ReadonlyArray<ProjectRecord | null>): Array<number | null> {
    return slots.map((record) => {
      if (record === null) return null;
      const index = this.declaration.projects.length;
      const project: Project = {
        name: joinWrapped(record.name),
        content: joinWrapped(record.content),
        amount: formatMoney(money(record.amount.text)),
        expectedOutcome: '',
      };
      this.declaration.projects.push(project);
      this.ledger.fields(record.name, `/projects/${index}/name`);
      this.ledger.fields(record.content, `/projects/${index}/content`);
      this.ledger.field(record.amount, `/projects/${index}/amount`);
      return index;
    });
  }

  /**
   * Gives each project its expected outcome. Outcome groups pair with project groups in order when
   * there are as many of each (the seed: 8 + 6 rows, 8 + 6 outcomes); otherwise all are paired in order.
   * Outcomes left over, and those of refused rows, stay unclaimed rather than go to the wrong project.
   */
  private alignOutcomes(
    slotIndices: ReadonlyArray<number | null>,
    projectCounts: number[],
    outcomeGroups: ReadonlyArray<{ paragraphs: SourceLine[][]; column: number }>,
  ): void {
    const pairs: Array<{ offset: number; count: number; paragraphs: SourceLine[][]; column: number }> = [];
    if (projectCounts.length === outcomeGroups.length) {
      let offset = 0;
      projectCounts.forEach((count, index) => {
        const group = outcomeGroups[index];
        pairs.push({ offset, count, paragraphs: group?.paragraphs ?? [], column: group?.column ?? 54 });
        offset += count;
      });
    } else {
      const column = Math.max(54, ...outcomeGroups.map((g) => g.column));
      pairs.push({ offset: 0, count: projectCounts.reduce((a, b) => a + b, 0), paragraphs: outcomeGroups.flatMap((g) => g.paragraphs), column });
    }
    for (const pair of pairs) {
      // When outcomes ran together, cut where the outcomes best echo their projects' wording.
      const fit = (paragraphs: readonly SourceLine[][]): number =>
        paragraphs.reduce((total, paragraph, i) => {
          const index = slotIndices[pair.offset + i];
          const project = index === null || index === undefined ? undefined : this.declaration.projects[index];
          return project ? total + sharedWording(paragraph.map((l) => l.text).join(''), `${project.name}${project.content}`) : total;
        }, 0);
      const paragraphs = splitToCount(pair.paragraphs, pair.count, pair.column, fit);
      const n = Math.min(paragraphs.length, pair.count);
      for (let i = 0; i < n; i++) {
        const index = slotIndices[pair.offset + i];
        const project = index === null || index === undefined ? undefined : this.declaration.projects[index];
        if (!project) continue;
        const spans = (paragraphs[i] ?? []).map((line) => lineSpan(line)).filter(isToken);
        project.expectedOutcome = joinWrapped(spans);
        this.ledger.fields(spans, `/projects/${index}/expectedOutcome`);
      }
    }
  }

  private readGoals(lines: SourceLine[]): void {
    const column = blockWidth(lines, 80);
    const numbered = lines.some((line) => GOAL_PREFIX.test(line.text));
    if (!numbered) {
      for (const paragraph of wrappedParagraphs(lines, column)) this.addGoal(paragraph.map((line) => lineSpan(line)).filter(isToken));
      return;
    }
    let current: Token[] | null = null;
    let previous: SourceLine | null = null;
    const finish = (): void => {
      if (current && current.length > 0) this.addGoal(current);
      current = null;
    };
    for (const line of lines) {
      const prefix = GOAL_PREFIX.exec(line.text);
      if (prefix && prefix[1]) {
        finish();
        const start = line.text.indexOf(prefix[1]);
        this.ledger.label({ line, start, end: start + prefix[1].length, text: prefix[1] });
        const rest = lineSpan(line, prefix[0].length);
        current = rest ? [rest] : [];
      } else if (current && previous && widthOf(previous) >= column - 3) {
        const span = lineSpan(line);
        if (span) current.push(span);
      } else {
        finish();
      }
      previous = line;
    }
    finish();
  }

  private addGoal(spans: Token[]): void {
    const index = this.declaration.goals.length;
    this.declaration.goals.push(joinWrapped(spans));
    this.ledger.fields(spans, `/goals/${index}`);
  }

  private readOtherTasks(lines: SourceLine[]): void {
    for (const paragraph of wrappedParagraphs(lines, blockWidth(lines, 54))) {
      const spans = paragraph.map((line) => lineSpan(line)).filter(isToken);
      const index = this.declaration.otherTasks.length;
      this.declaration.otherTasks.push(joinWrapped(spans));
      this.ledger.fields(spans, `/otherTasks/${index}`);
    }
  }

  private readIndicators(): void {
    const segments = this.segments.filter((s) => s.section === 'indicators');
    this.indicators.learnNameColumn(segments.flatMap((s) => s.lines));
    for (const segment of segments) this.indicators.read(segment.lines);
    for (const row of this.indicators.rows()) {
      const index = this.declaration.indicators.length;
      const [first = [], second] = row.targets;
      const periodSpans = second === undefined ? [] : first;
      const annualSpans = second === undefined ? first : second;
      const periodTarget = joinWrapped(periodSpans);
      const annualTarget = joinWrapped(annualSpans);
      const periodTargetValue = parseTargetValue(periodTarget);
      const indicator: Indicator = {
        level1: row.level1,
        level2: row.level2,
        name: joinWrapped(row.name),
        periodTarget,
        annualTarget,
        periodTargetValue,
        // Most rows repeat the period target as the annual one: parse once, keep two objects.
        annualTargetValue: annualTarget === periodTarget ? { ...periodTargetValue } : parseTargetValue(annualTarget),
      };
      this.declaration.indicators.push(indicator);
      this.ledger.fields(row.name, `/indicators/${index}/name`);
      this.ledger.fields(periodSpans, `/indicators/${index}/periodTarget`);
      this.ledger.fields(annualSpans, `/indicators/${index}/annualTarget`);
    }
    for (const [level1, level2] of this.indicators.seenLevel2()) {
      if (!this.declaration.indicators.some((i) => i.level1 === level1 && i.level2 === level2)) {
        this.declaration.emptyLevel2.push([level1, level2]);
      }
    }
  }
}

// The budget block's words (budgetLabels.ts), for their first characters.
// Labels of other regions' splits whose first characters start many content lines too: looked at by their whole word.
const OTHER_BUDGET_WORDS = ['资金总额', '年度资金总额', '预算总额', '收入合计', '财政资金', '本年财政拨款', '一般公共预算拨款', '其它资金'];
const OTHER_BUDGET_HEADS = new Set(OTHER_BUDGET_WORDS.map((word) => word.charCodeAt(0)));
const BUDGET_LABEL_WORDS = ['基本支出', '项目支出', '合计', '支出合计', '部门预算合计', '预算合计', '部门预算总额', '财政拨款', '其他资金', '其他收入', '财政专项资金', '其他事业发展性支出', '区本级使用资金', '县本级使用资金', '市本级使用资金', '省本级使用资金', '本级使用资金', '拟用于对下转移支付资金', '对下转移支付资金', '部门预算支出', '预算金额（万元）', '金额（万元）', '收入来源', '事业发展性支出', '按预算级次划分', '预算整体情况', '部门预算', '支出构成', '收入构成'];
// 部门名称 / 单位名称, 目标N：, 其他需完成的任务, 名称 主要实施内容.
const ANCHOR_FIRST_CHARS = new Set(['部', '单', '目', '其', '名']);
// 批复单位, 预算单位, 填报单位 …: their first characters start many lines, so the whole label is looked for.
const OTHER_DEPARTMENT_LABELS = ['批复单位', '预算单位', '预算部门', '填报单位', '申报单位', '编制单位'];
const EXACT_ANCHOR_KEYS = new Set<string>([
  ...GOALS_HEADINGS,
  ...TASK_HEADINGS,
  '任务',
  '预算整体情况',
  '预算金额（万元）',
  '预算金额(万元)',
  '金额（万元）',
  '绩效指标',
  '年度绩效指标',
  '部门整体绩效指标',
]);
const ANCHOR_FIRST_TOKENS = new Set<string>([...LEVEL1, ...LEVEL2_LABELS, '一级指标', '二级指标', '三级指标']);

// Every character an anchor line can start with: headings, labels, budget items, page markers.
const ANCHOR_HEAD_CODES = new Set<number>(
  [
    ...ANCHOR_FIRST_CHARS,
    ...EXACT_ANCHOR_KEYS,
    ...ANCHOR_FIRST_TOKENS,
    ...BUDGET_LABEL_WORDS,
    '第',
    '-',
    '—',
    ...'0123456789',
  ].map((word) => word.charCodeAt(0)),
);

/**
 * A cheap test that rules out most content lines before the full anchor tests: a heading is one of
 * a few exact texts, a title ends in 表, and the other anchors start with a known word (a level
 * label, a budget item, 目标N, 部门名称, 名称 主要实施内容, 其他需完成的任务).
 */
function mayBeAnchor(line: SourceLine): boolean {
  // The first character rules out most lines before any string is hashed for a set lookup.
  const key = line.key;
  if (!ANCHOR_HEAD_CODES.has(key.charCodeAt(0)) && !key.endsWith('表')) {
    return (OTHER_BUDGET_HEADS.has(key.charCodeAt(0)) && OTHER_BUDGET_WORDS.some((word) => key.startsWith(word))) || OTHER_DEPARTMENT_LABELS.some((word) => key.startsWith(word));
  }
  const head = key.charAt(0);
  if (ANCHOR_FIRST_CHARS.has(head) || key.endsWith('表') || (key.length <= 13 && EXACT_ANCHOR_KEYS.has(key))) return true;
  if ((head === '第' || head === '-' || head === '—' || (head >= '0' && head <= '9')) && PAGE_MARKER.test(key)) return true;
  const first = line.tokens[0]?.text ?? '';
  if (first.length > 12) return false;
  return ANCHOR_FIRST_TOKENS.has(first) || budgetFieldOf(first) !== null || isBudgetHeader(first) || isAmountColumnHeader(first);
}

function isToken(token: Token | null): token is Token {
  return token !== null;
}
