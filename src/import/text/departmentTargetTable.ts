/**
 * Reads a department-wide target form that reaches Jixiao as a table — a workbook, a web page, a
 * PDF rebuilt into cells, or text whose rows are `|`-joined — by the vocabulary of its cells: a
 * label names the amount beside it, a header row names its columns (一级指标 / 三级指标 / 年度指标值
 * …, in whatever order and number a region prints them), and a merged class cell covers the rows
 * below it. Every cell is claimed as a field or a label, or stays in `unparsed`.
 */
import { emptyDeclaration, type DepartmentTargetDeclaration, type Indicator, type Project } from '../../core/declaration.ts';
import { parseTargetValue } from '../../core/targetValue.ts';
import { budgetFieldOf, budgetPointer, getBudgetField, isAmountColumnHeader, isBudgetHeader, setBudgetField } from './budgetLabels.ts';
import { lineCells, subCell, type Cell } from './cells.ts';
import { claimPageFurniture } from './pageFurniture.ts';
import { DEPARTMENT_LABEL, departmentOfTitle, deriveTotal, GOAL_PREFIX, GOALS_HEADINGS, PAGE_MARKER, TITLE, type DepartmentTargetImport, type DepartmentTargetTextOptions } from './departmentTargetText.ts';
import { indicatorColumnOf, type IndicatorColumn } from './indicatorColumns.ts';
import { Ledger } from './ledger.ts';
import { readAmount } from './projectTargetText.ts';
import type { SourceLine } from './sourceText.ts';

const NUMBER_PREFIX = /^\s*\d{1,2}\s*[.、．]\s*/;
const YEAR_ROW = /^[（(]?((?:19|20)\d{2})年度?[)）]?$/;
const PROJECT_NAME = /^(名称|项目名称|支出项目名称|重点项目名称|项目|重点项目)$/;
const PROJECT_CONTENT = /^(主要实施内容|实施内容|年度目标任务|主要内容|项目内容|项目概况)$/;
const PROJECT_AMOUNT = /^(拟投入的?资金|预算金额|金额|资金|拟投入资金|预算数|资金总额)([（(]万元[)）])?$/;
const TASK_NAME = /^(年度重点工作任务|重点工作任务|年度重点工作|项目名称|名称|任务|任务名称|年度主要任务)$/;
const TASK_OUTCOME = /^期望达到的目标/;
const OTHER_TASKS = /^其他需完成的任务/;
const DUTIES = /^(部门|单位|部门[（(]单位[)）])?(职责|职能|主要职责|主要职能|职能职责|职能概述|职责概述)$/;
const UNIT_LABEL = /^单位[:：]?(万元)?$|^万元$|^金额单位[:：]?万元$|^单位[:：]万元$/;
const YUAN_LABEL = /^(金额)?单位[:：]元$/;
const SHARE = /^占比$|^比例$|^\d+(?:\.\d+)?%$/;
const COMPARATOR = /^(≥|≤|=|>|<|＞|＜|＝|﹦|≧|≦|>=|<=|大于等于|小于等于|等于|大于|小于|不低于|不高于|不少于|不超过)/;
const DIRECTION: Record<string, string> = { 反向: '≤', 反向指标: '≤' };

// A class cell (产出指标, 社会效益指标 …) starts a row at its own column, however short the row.
const CLASS_LIKE = /^(产出|效益|满意度|成本|投入|项目完成|数量|质量|时效|经济|社会|生态|环境|可持续|服务对象|社会公众)[^，。；]{0,16}指标(?:[（(][^）)]*[)）])?$/;

type Section = 'none' | 'budget' | 'projects' | 'goals' | 'tasks' | 'other' | 'indicators';

// A cell's text as a label reads: no blanks, no mark of a required field (*指标值, ＊年度总体绩效目标).
const key = (text: string) => text.replace(/\s/g, '').replace(/^[*＊]+/, '');

/** What a second-row heading under a merged 指标值 names: a column, or null for no heading. */
function subHeading(text: string): IndicatorColumn | null {
  const column = indicatorColumnOf(text);
  if (column) return column;
  if (/^(实施周期|实施期|长期|中长期|总体|整体|中期)(指标值|目标值?|值)?$/.test(text)) return 'period';
  if (/^(年度|本年度|当年|本年)(指标值|目标值?|值)?$/.test(text)) return 'annual';
  return null;
}

/** Reads the lines of a department form laid out as a table. Total: never throws on any input. */
export function readDepartmentTargetTable(lines: readonly SourceLine[], options: DepartmentTargetTextOptions = {}): DepartmentTargetImport {
  const ledger = new Ledger(lines);
  const declaration = emptyDeclaration();
  claimPageFurniture(lines, ledger);
  const reader = new TableReader(ledger, declaration);
  for (const line of lines) {
    if (line.blank) continue;
    // A line without delimiters is one cell (a title, a goal): its spaces are part of its text.
    const framed = line.text.includes('|') || line.text.includes('｜');
    // The | between cells are the table's ruling, not text.
    if (framed) for (const match of line.text.matchAll(/[|｜]/g)) ledger.label({ line, start: match.index, end: match.index + 1, text: match[0] });
    const cells = framed ? lineCells(line) : line.span ? [line.span] : [];
    reader.row(cells, framed);
  }
  reader.finish();
  if (declaration.department === null && reader.titleDepartment) declaration.department = reader.titleDepartment.department;
  if (declaration.year === null && options.year !== undefined) declaration.year = options.year ?? null;
  deriveTotal(declaration);
  declaration.unparsed = ledger.unclaimed();
  return { declaration, claims: ledger.allClaims() };
}

/** True when a form's lines are a table's rows: several `|` rows, the indicator header among them. */
export function looksLikeTableRows(lines: readonly SourceLine[]): boolean {
  let rows = 0;
  let header = false;
  for (const line of lines) {
    if (!line.text.includes('|') && !line.text.includes('｜')) continue;
    rows++;
    if (!header) {
      const columns = lineCells(line).map((cell) => indicatorColumnOf(key(cell.text)));
      header = columns.includes('level1') && (columns.includes('name') || columns.includes('level2'));
    }
  }
  return rows >= 3 && header;
}

const UNIT_CELL = /^(%|‰|百分比|万元|元|万|个|次|辆|天|人|人次|台|套|篇|份|项|户|家|场|件|期|本|条|所|座|处|平方米|亩|公里|米|吨|月|日|年|小时|分|元\/[^\d\s]{1,6}|[^\d\s%]{1,2}\/[^\d\s]{1,3})$/;
const OPERATOR_CELL = /^(定量|定性|正向|反向|正向指标|反向指标|≥|≤|=|>|<|＞|＜|＝|﹦|≧|≦|>=|<=|大于等于|小于等于|等于|大于|小于)$/;
const SCORING_WORDS = /(扣分|得分|酌情|不得分|计分)/;

/** Cells whose places were lost, each to the first column after the last one filled that it can be. */
function fitIndicatorCells(columns: readonly (IndicatorColumn | null)[], cells: readonly Cell[]): Map<IndicatorColumn, Cell> {
  const result = new Map<IndicatorColumn, Cell>();
  const first = cells[0];
  if (!first) return result;
  // Where the row starts: its 一级 label, else its 二级 label, else its name (the merged cells left out).
  const k0 = key(first.text);
  const level1Like = /^(产出|效益|满意度|成本|投入|项目完成)指标/.test(k0) && !/^(成本指标)$/.test(k0);
  let at = level1Like ? columns.indexOf('level1') : CLASS_LIKE.test(k0) ? columns.indexOf('level2') : columns.indexOf('name');
  if (at < 0) at = 0;
  for (const cell of cells) {
    const text = key(cell.text);
    while (at < columns.length) {
      const column = columns[at];
      at++;
      if (column === null || column === undefined) continue;
      const fits =
        column === 'operator' ? OPERATOR_CELL.test(text) : column === 'unit' ? UNIT_CELL.test(text) : column === 'name' ? !SCORING_WORDS.test(text) : column === 'annual' || column === 'period' ? text.length <= 30 && !SCORING_WORDS.test(text) : true;
      if (fits) {
        result.set(column, cell);
        break;
      }
    }
  }
  return result;
}

class TableReader {
  private section: Section = 'none';
  private indicatorColumns: (IndicatorColumn | null)[] | null = null;
  /** The row before was the indicator header: the next may be its second row. */
  private headerJustRead = false;
  private projectColumns: ('name' | 'content' | 'amount' | null)[] = [];
  private taskColumns: ('name' | 'outcome' | null)[] = [];
  private level1: string | null = null;
  private level2: string | null = null;
  private readonly outcomes: { name: string; cells: Cell[]; outcome: Cell[] }[] = [];
  /** 单位：元 — amounts printed in 元, read into 万元. */
  private yuan = false;
  /** The department a title names, for a form with no 部门名称 row. */
  titleDepartment: { department: string } | null = null;

  constructor(
    private readonly ledger: Ledger,
    private readonly d: DepartmentTargetDeclaration,
  ) {}

  /** One row; `framed` when it is a row of cells, not a line of text (a title, a note below the table). */
  row(cells: readonly Cell[], framed = true): void {
    const filled = cells.filter((cell) => cell.text !== '');
    const first = filled[0];
    if (!first) return;
    if (filled.length === 1 && this.readLoneCell(first)) return;
    if (this.readIndicatorHeader(cells, filled)) return;
    this.headerJustRead = false;
    if (this.readProjectHeader(cells, filled)) return;
    if (this.readTaskHeader(cells, filled)) return;
    if (this.readBudget(cells)) return;
    if (this.readIdentity(cells)) return;
    const k = key(first.text);
    if (GOALS_HEADINGS.has(k) || OTHER_TASKS.test(k)) {
      this.ledger.label(first);
      this.section = GOALS_HEADINGS.has(k) ? 'goals' : 'other';
      this.content(filled.slice(1), cells.slice(cells.indexOf(first) + 1));
      return;
    }
    if (DUTIES.test(k) && this.d.duties === undefined) {
      const value = filled[1];
      this.ledger.label(first);
      if (value) {
        this.d.duties = value.text;
        this.ledger.field(value, '/duties');
      }
      return;
    }
    if (k === '重点项目' || k === '绩效指标' || k === '年度绩效指标') {
      this.ledger.label(first);
      this.content(filled.slice(1), cells.slice(cells.indexOf(first) + 1));
      return;
    }
    // A line of text below a table (a page footer, a note) is not one of its rows: it ends the table.
    if (!framed && (this.section === 'indicators' || this.section === 'projects' || this.section === 'tasks' || this.section === 'budget')) {
      this.section = 'none';
      return;
    }
    this.content(filled, cells);
  }

  finish(): void {
    // Outcomes belong to the projects of the same name; those with none become projects of their own.
    const unmatched: typeof this.outcomes = [];
    for (const outcome of this.outcomes) {
      const index = this.d.projects.findIndex((p) => key(p.name) === key(outcome.name) && p.expectedOutcome === '');
      if (index < 0) {
        unmatched.push(outcome);
        continue;
      }
      this.setOutcome(index, outcome);
    }
    for (const outcome of unmatched) {
      const index = this.d.projects.length;
      this.d.projects.push({ name: outcome.name, content: '', amount: null, expectedOutcome: '' });
      this.ledger.fields(outcome.cells, `/projects/${index}/name`);
      this.setOutcome(index, outcome);
    }
  }

  private setOutcome(index: number, outcome: { cells: Cell[]; outcome: Cell[] }): void {
    const project = this.d.projects[index] as Project;
    project.expectedOutcome = outcome.outcome.map((c) => c.text).join('');
    this.ledger.fields(outcome.outcome, `/projects/${index}/expectedOutcome`);
    // The name printed again beside its outcome is the form's wording, not a second field.
    for (const cell of outcome.cells) if (!this.ledger.isClaimed(cell)) this.ledger.label(cell);
  }

  /** A row of one cell: the title, the year, a page marker. */
  private readLoneCell(cell: Cell): boolean {
    const k = key(cell.text);
    const title = k.endsWith('表') ? TITLE.exec(k) : null;
    if (title) {
      if (this.d.title === null) {
        this.d.title = cell.text;
        this.ledger.field(cell, '/title');
        // The year may stand first (2025年部门整体…) or after the department (XX局2025年度部门整体…).
        const year = title[1] ?? /((?:19|20)\d{2})\s*年/.exec(k)?.[1];
        if (year) this.d.year = Number(year);
        this.titleDepartment ??= departmentOfTitle(cell.text);
      } else {
        this.ledger.label(cell);
      }
      return true;
    }
    const year = YEAR_ROW.exec(k);
    if (year && this.section === 'none') {
      this.d.year = Number(year[1]);
      this.ledger.field(cell, '/year');
      return true;
    }
    if (PAGE_MARKER.test(k) || UNIT_LABEL.test(k) || YUAN_LABEL.test(k)) {
      if (YUAN_LABEL.test(k)) this.yuan = true;
      this.ledger.label(cell);
      return true;
    }
    return false;
  }

  private readIndicatorHeader(cells: readonly Cell[], filled: readonly Cell[]): boolean {
    if (this.readSubHeader(cells, filled)) return true;
    this.headerJustRead = false;
    const columns = cells.map((cell) => indicatorColumnOf(key(cell.text)));
    if (!columns.includes('level1') || !(columns.includes('name') || columns.includes('level2'))) return false;
    if (!columns.includes('annual') && !columns.includes('period')) return false;
    // A header repeated on a continuation page is wording; the columns stay.
    for (const cell of filled) this.ledger.label(cell);
    this.indicatorColumns = columns;
    this.section = 'indicators';
    this.headerJustRead = true;
    return true;
  }

  /**
   * A second header row under the first: 指标值 merged over 实施周期 | 年度 (or 指标性质 | 指标值 | 计量单位).
   * The merged heading's one position becomes as many columns as it has sub-headings.
   */
  private readSubHeader(cells: readonly Cell[], filled: readonly Cell[]): boolean {
    const columns = this.indicatorColumns;
    if (!this.headerJustRead || !columns || filled.length === 0) return false;
    const subs = cells.map((cell) => (cell.text === '' ? undefined : subHeading(key(cell.text))));
    if (subs.some((sub, i) => cells[i]?.text !== '' && sub === null)) return false;
    const first = subs.findIndex((sub) => sub !== undefined);
    // The merged heading is the header's position the first sub-heading is under.
    const merged = columns[first];
    if (first < 0 || merged === undefined) return false;
    const expanded = [...columns.slice(0, first), ...subs.slice(first).filter((sub): sub is IndicatorColumn => sub !== undefined && sub !== null)];
    const rest = columns.slice(first + 1);
    this.indicatorColumns = [...expanded, ...rest];
    for (const cell of filled) this.ledger.label(cell);
    this.headerJustRead = false;
    return true;
  }

  private readProjectHeader(cells: readonly Cell[], filled: readonly Cell[]): boolean {
    if (!filled.some((c) => PROJECT_CONTENT.test(key(c.text))) || !filled.some((c) => PROJECT_AMOUNT.test(key(c.text)))) return false;
    this.projectColumns = cells.map((cell) => {
      const k = key(cell.text);
      return PROJECT_NAME.test(k) ? 'name' : PROJECT_CONTENT.test(k) ? 'content' : PROJECT_AMOUNT.test(k) ? 'amount' : null;
    });
    if (!this.projectColumns.includes('name')) {
      // 部门职能 | 年度目标任务 | 支出项目名称 …: without a name header the first column names the row.
      this.projectColumns[cells.indexOf(filled[0] as Cell)] ??= 'name';
    }
    for (const cell of filled) this.ledger.label(cell);
    this.section = 'projects';
    return true;
  }

  private readTaskHeader(cells: readonly Cell[], filled: readonly Cell[]): boolean {
    const outcome = cells.findIndex((c) => TASK_OUTCOME.test(key(c.text)));
    if (outcome < 0) return false;
    this.taskColumns = cells.map((cell, i) => (i === outcome ? 'outcome' : TASK_NAME.test(key(cell.text)) ? 'name' : null));
    if (!this.taskColumns.includes('name')) this.taskColumns[cells.indexOf(filled[0] as Cell)] = 'name';
    for (const cell of filled) this.ledger.label(cell);
    this.section = 'tasks';
    return true;
  }

  /** Budget labels with the amounts beside them; headings of the block are wording. */
  private readBudget(cells: readonly Cell[]): boolean {
    let seen = false;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as Cell;
      const k = key(cell.text);
      if (k === '') continue;
      const field = budgetFieldOf(k);
      if (field) {
        seen = true;
        this.ledger.label(cell);
        const j = cells.findIndex((c, at) => at > i && c.text !== '');
        const next = cells[j];
        const amount = next ? readAmount(next.text, this.yuan) : undefined;
        if (next && amount !== undefined) {
          // A second 合计 (the spending side of 收入构成 / 支出构成) repeats the first.
          if (getBudgetField(this.d.budget, field) === null && amount !== null) {
            setBudgetField(this.d.budget, field, amount);
            this.ledger.field(next, budgetPointer(field));
          } else if (getBudgetField(this.d.budget, field) === amount) {
            this.ledger.label(next);
          }
          i = j;
        }
      } else if (isBudgetHeader(k) || isAmountColumnHeader(k) || k === '预算金额' || (seen && (k === '金额' || SHARE.test(k)))) {
        seen = true;
        this.ledger.label(cell);
      }
    }
    if (seen) this.section = 'budget';
    return seen;
  }

  /** 部门名称 with its value beside it or after its colon; 单位：万元. */
  private readIdentity(cells: readonly Cell[]): boolean {
    let found = false;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as Cell;
      if (cell.text === '') continue;
      if (UNIT_LABEL.test(key(cell.text)) || YUAN_LABEL.test(key(cell.text))) {
        if (YUAN_LABEL.test(key(cell.text))) this.yuan = true;
        this.ledger.label(cell);
        continue;
      }
      const label = DEPARTMENT_LABEL.exec(cell.text);
      if (!label) continue;
      found = true;
      this.ledger.label(subCell(cell, 0, label[0].length));
      const rest = subCell(cell, label[0].length);
      const value = rest.text !== '' ? rest : cells.slice(i + 1).find((c) => c.text !== '');
      if (value && this.d.department === null) {
        this.d.department = value.text;
        this.ledger.field(value, '/department');
        if (value !== rest) i = cells.indexOf(value);
      }
    }
    return found;
  }

  private content(filled: readonly Cell[], cells: readonly Cell[]): void {
    switch (this.section) {
      case 'goals':
        for (const cell of filled) this.addGoal(cell);
        return;
      case 'other':
        for (const cell of filled) {
          this.ledger.field(cell, `/otherTasks/${this.d.otherTasks.length}`);
          this.d.otherTasks.push(cell.text);
        }
        return;
      case 'projects':
        this.projectRow(cells);
        return;
      case 'tasks':
        this.taskRow(cells);
        return;
      case 'indicators':
        this.indicatorRow(cells);
        return;
      default:
        return;
    }
  }

  /**
   * One goal, or several in one cell (目标1：… 目标2：…, or 1.… 2.… each after a sentence's end),
   * each without its prefix.
   */
  private addGoal(cell: Cell): void {
    let starts = [...cell.text.matchAll(/目标\s*\d+\s*[：:、.．]/g)].map((m) => m.index ?? 0);
    if (starts.length === 0) {
      const numbered = [...cell.text.matchAll(/(?:^|(?<=[。；;!！?？]\s*))(\d{1,2})\s*[.、．]\s*(?!\d)/g)];
      // A list only when it counts 1, 2, 3 …: "1-2个" or a year inside a goal is no numbering.
      if (numbered.length >= 2 && numbered.every((m, i) => Number(m[1]) === i + 1)) starts = numbered.map((m) => m.index ?? 0);
    }
    if (starts[0] !== 0) starts.unshift(0);
    starts.forEach((start, n) => {
      const part = subCell(cell, start, starts[n + 1] ?? cell.text.length);
      if (part.text === '') return;
      const prefix = GOAL_PREFIX.exec(part.text) ?? (starts.length > 1 ? NUMBER_PREFIX.exec(part.text) : null);
      const body = prefix ? subCell(part, prefix[0].length) : part;
      if (prefix) this.ledger.label(subCell(part, 0, prefix[0].length));
      if (body.text === '') return;
      this.ledger.field(body, `/goals/${this.d.goals.length}`);
      this.d.goals.push(body.text);
    });
  }

  /**
   * Cells under a header: by position, or aligned to the right when a row is short, starts and
   * ends with content (its merged cells left out altogether, as some copies of a table do).
   */
  private aligned<T>(columns: readonly (T | null)[], cells: readonly Cell[]): Map<T, Cell> {
    const head = cells[0]?.text ?? '';
    const tail = cells[cells.length - 1]?.text ?? '';
    const short = head !== '' && tail !== '' && !CLASS_LIKE.test(key(head));
    const offset = short ? Math.max(0, columns.length - cells.length) : 0;
    const result = new Map<T, Cell>();
    cells.forEach((cell, i) => {
      const column = columns[i + (cells.length < columns.length ? offset : 0)];
      if (column !== undefined && column !== null && cell.text !== '' && !result.has(column)) result.set(column, cell);
    });
    return result;
  }

  private projectRow(cells: readonly Cell[]): void {
    const at = this.aligned(this.projectColumns, cells);
    const name = at.get('name');
    const content = at.get('content');
    const amountCell = at.get('amount');
    const amount = amountCell ? readAmount(amountCell.text, this.yuan) : undefined;
    if (!name && !content) return;
    const index = this.d.projects.length;
    const project: Project = { name: name?.text ?? '', content: content?.text ?? '', amount: amount ?? null, expectedOutcome: '' };
    if (name) this.ledger.field(name, `/projects/${index}/name`);
    if (content) this.ledger.field(content, `/projects/${index}/content`);
    if (amountCell && amount !== undefined) this.ledger.field(amountCell, `/projects/${index}/amount`);
    this.d.projects.push(project);
  }

  private taskRow(cells: readonly Cell[]): void {
    const at = this.aligned(this.taskColumns, cells);
    const name = at.get('name');
    const outcome = at.get('outcome');
    if (!name || !outcome) return;
    this.outcomes.push({ name: name.text, cells: [name], outcome: [outcome] });
  }

  private indicatorRow(cells: readonly Cell[]): void {
    const columns = this.indicatorColumns;
    if (!columns) return;
    // A web page copied with its empty cells moved to the row's end (`… | 未达指标值酌情扣分 | ||`): the
    // cells' places are lost, so each goes to the first column after the one before that it can be.
    const compacted = /\|\s*\|\s*$/.test(cells[0]?.line.text ?? '') && /\|\|/.test(cells[0]?.line.text ?? '');
    // A row shorter than the header that starts with a class or a name (its merged cells left out) is placed the same way.
    const short = cells.length < columns.length && cells[0]?.text !== '' && columns[0] === 'level1' && !/^(产出|效益|满意度|成本|投入|项目完成)指标/.test(key(cells[0]?.text ?? ''));
    const at = compacted || short ? fitIndicatorCells(columns, cells.filter((c) => c.text !== '')) : this.aligned(columns, cells);
    const level1 = at.get('level1');
    const level2 = at.get('level2');
    if (level1) {
      this.level1 = level1.text;
      this.level2 = null;
    }
    if (level2) this.level2 = level2.text;
    const name = at.get('name');
    const annualParts = this.targetParts(at, 'annual');
    const periodParts = this.targetParts(at, 'period');
    const index = this.d.indicators.length;
    if (!name && annualParts.length === 0 && periodParts.length === 0) {
      if (!level2) return;
      const group = this.d.emptyLevel2.length;
      this.d.emptyLevel2.push([this.level1, level2.text]);
      if (level1) this.ledger.field(level1, `/emptyLevel2/${group}/0`);
      this.ledger.field(level2, `/emptyLevel2/${group}/1`);
      return;
    }
    const annualTarget = this.targetText(annualParts);
    const periodTarget = this.targetText(periodParts);
    const indicator: Indicator = {
      level1: this.level1,
      level2: this.level2,
      name: name?.text ?? '',
      periodTarget,
      annualTarget,
      periodTargetValue: parseTargetValue(periodTarget),
      annualTargetValue: parseTargetValue(annualTarget),
    };
    if (level1) this.ledger.field(level1, `/indicators/${index}/level1`);
    if (level2) this.ledger.field(level2, `/indicators/${index}/level2`);
    if (name) this.ledger.field(name, `/indicators/${index}/name`);
    for (const part of annualParts) if (part.text) this.ledger.field(part.cell, `/indicators/${index}/annualTarget`);
    for (const part of periodParts) if (part.text) this.ledger.field(part.cell, `/indicators/${index}/periodTarget`);
    for (const part of [...annualParts, ...periodParts]) if (!part.text && !this.ledger.isClaimed(part.cell)) this.ledger.label(part.cell);
    // The columns some regions print beside the targets (计量单位, 指标解释, 评（扣）分标准, 备注): kept where the form has them.
    for (const column of ['unit', 'explanation', 'scoringRule', 'note'] as const) {
      if (!columns.includes(column)) continue;
      const cell = at.get(column);
      indicator[column] = cell?.text ?? '';
      if (cell) this.ledger.field(cell, `/indicators/${index}/${column}`);
    }
    this.d.indicators.push(indicator);
  }

  /**
   * A target's cells: the value, with the operator and unit columns where the form splits them
   * (指标性质 ≥ | 指标值 85 | 计量单位 分 → ≥85分). A direction word (正向, 定量) that is not an
   * operator is wording; 反向 bounds the value from above.
   */
  private targetParts(at: Map<IndicatorColumn, Cell>, column: 'annual' | 'period'): { cell: Cell; text: string }[] {
    const value = at.get(column);
    if (!value) return [];
    const parts: { cell: Cell; text: string }[] = [];
    const operator = at.get('operator');
    if (operator && column === 'annual' && !COMPARATOR.test(value.text)) {
      const op = key(operator.text);
      parts.push({ cell: operator, text: COMPARATOR.test(op) ? op : (DIRECTION[op] ?? '') });
    }
    parts.push({ cell: value, text: value.text });
    const unit = at.get('unit');
    // The unit joins a bare figure (85 | 分 → 85分); a value with a unit or words of its own keeps it (28.8万元, 应保尽保).
    if (unit && !value.text.endsWith(unit.text) && /\d$/.test(key(value.text))) parts.push({ cell: unit, text: unit.text });
    return parts;
  }

  private targetText(parts: readonly { text: string }[]): string {
    return parts.map((p) => p.text).join('');
  }
}
