/**
 * A document laid out as its official form: a grid of cells with their spans and roles, the one
 * layout the Excel and PDF writers draw (and that the readers read back to the same document).
 * Pure: plain data in, plain data out.
 */
import type { DepartmentTargetDeclaration } from '../core/declaration.ts';
import type { TargetDocument } from '../core/document.ts';
import { goalList, type ProjectIndicator, type ProjectTargetDeclaration } from '../core/projectTarget.ts';
import { reportLights } from '../core/monitoring/lights.ts';
import { LIGHT_NAMES, LIKELIHOOD_NAMES, type Light, type MonitoringReport } from '../core/monitoringReport.ts';
import { scoreEvaluation } from '../core/evaluation/scoring.ts';
import type { SelfEvaluation } from '../core/selfEvaluation.ts';
import { sheetRef, type TableCell } from '../table/sourceTable.ts';
import { printedIndicatorRows } from './printedRows.ts';
import { runSpans } from './runSpans.ts';

/** What a cell is, which decides how a writer draws it. */
export type CellRole = 'title' | 'subtitle' | 'label' | 'header' | 'text' | 'amount' | 'percent' | 'class';

export interface LayoutCell extends TableCell {
  readonly role: CellRole;
}

/** The official form of one document. */
export interface FormLayout {
  /** Sheet name and running head. */
  readonly sheetName: string;
  readonly runningHead: string;
  readonly columns: number;
  /** Relative column widths (characters), one per column. */
  readonly widths: readonly number[];
  readonly rows: readonly (readonly LayoutCell[])[];
  /** Rows (0-based, inclusive) of the indicator table's header, repeated on every page. */
  readonly header: { readonly from: number; readonly to: number };
  /** Column of the 一级 class, to repeat its label on continuation pages. */
  readonly classColumn: number;
}

/** Rows built one at a time, each cell placed at a column with its spans. */
class Grid {
  readonly rows: LayoutCell[][] = [];
  constructor(private readonly sheet: string) {}

  /** Starts a new row and returns its index. */
  row(): number {
    this.rows.push([]);
    return this.rows.length - 1;
  }

  put(row: number, col: number, text: string, role: CellRole, span: { rowSpan?: number; colSpan?: number } = {}): void {
    (this.rows[row] as LayoutCell[]).push({ text, row, col, rowSpan: span.rowSpan ?? 1, colSpan: span.colSpan ?? 1, ref: sheetRef(this.sheet, row, col), role });
  }
}

/** Every document the writers draw: the target forms, the monitoring report and the self-evaluation. */
export type PrintableDocument = TargetDocument | MonitoringReport | SelfEvaluation;

/** The official layout of any document of the family. */
export function officialLayout(document: PrintableDocument): FormLayout {
  if (document.kind === 'monitoring-report') return monitoringLayout(document);
  if (document.kind === 'self-evaluation') return evaluationLayout(document);
  return document.kind === 'project-target' ? projectLayout(document) : departmentLayout(document);
}

/** An amount as the form prints it: two decimals, no grouping (a reader must take it back as is). */
function amountText(amount: string | null): string {
  return amount ?? '';
}

function yearLine(year: number | null, title: string | null): string | null {
  return year !== null && !/\d{4}\s*年/.test(title ?? '') ? `（${year}年度）` : null;
}

function departmentLayout(d: DepartmentTargetDeclaration): FormLayout {
  const title = d.title ?? '部门整体预算绩效目标申报表';
  const sheetName = '部门整体绩效目标';
  const g = new Grid(sheetName);
  const b = d.budget;
  g.put(g.row(), 0, title, 'title', { colSpan: 6 });
  const year = yearLine(d.year, d.title);
  if (year) g.put(g.row(), 0, year, 'subtitle', { colSpan: 6 });
  let r = g.row();
  g.put(r, 0, '部门名称', 'label');
  g.put(r, 1, d.department ?? '', 'text', { colSpan: 3 });
  g.put(r, 4, '单位', 'label');
  g.put(r, 5, '万元', 'text');
  // The seed's own wording: each block's heading row names its columns.
  r = g.row();
  g.put(r, 0, '部门预算支出', 'label', { colSpan: 2 });
  g.put(r, 2, '预算金额（万元）', 'label');
  g.put(r, 3, '收入来源', 'label', { colSpan: 2 });
  g.put(r, 5, '预算金额（万元）', 'label');
  const pairs: [string, string | null, string, string | null][] = [
    ['基本支出', b.basic, '财政拨款', b.income.fiscal],
    ['项目支出', b.project, '其他资金', b.income.other],
  ];
  if (!b.totalDerived) pairs.push(['合计', b.total, '', null]);
  for (const [left, leftAmount, right, rightAmount] of pairs) {
    r = g.row();
    g.put(r, 0, left, 'label', { colSpan: 2 });
    g.put(r, 2, amountText(leftAmount), 'amount');
    if (right) {
      g.put(r, 3, right, 'label', { colSpan: 2 });
      g.put(r, 5, amountText(rightAmount), 'amount');
    }
  }
  r = g.row();
  g.put(r, 0, '事业发展性支出', 'label', { colSpan: 2 });
  g.put(r, 2, '预算金额（万元）', 'label');
  g.put(r, 3, '按预算级次划分', 'label', { colSpan: 2 });
  g.put(r, 5, '预算金额（万元）', 'label');
  for (const [left, leftAmount, right, rightAmount] of [
    ['财政专项资金', b.developmental.specialFiscal, '区本级使用资金', b.byLevel.ownLevel],
    ['其他事业发展性支出', b.developmental.other, '拟用于对下转移支付资金', b.byLevel.transferDown],
  ] as const) {
    r = g.row();
    g.put(r, 0, left, 'label', { colSpan: 2 });
    g.put(r, 2, amountText(leftAmount), 'amount');
    g.put(r, 3, right, 'label', { colSpan: 2 });
    g.put(r, 5, amountText(rightAmount), 'amount');
  }
  r = g.row();
  g.put(r, 0, '名称', 'header', { colSpan: 2 });
  g.put(r, 2, '主要实施内容', 'header', { colSpan: 3 });
  g.put(r, 5, '拟投入的资金（万元）', 'header');
  for (const project of d.projects) {
    r = g.row();
    g.put(r, 0, project.name, 'text', { colSpan: 2 });
    g.put(r, 2, project.content, 'text', { colSpan: 3 });
    g.put(r, 5, amountText(project.amount), 'amount');
  }
  const goalsStart = g.rows.length;
  d.goals.forEach((goal, i) => {
    r = g.row();
    g.put(r, 1, `目标${i + 1}：${goal}`, 'text', { colSpan: 5 });
  });
  if (d.goals.length === 0) g.row();
  g.put(goalsStart, 0, '总体绩效目标', 'label', { rowSpan: Math.max(1, d.goals.length) });
  r = g.row();
  g.put(r, 0, '年度重点工作任务', 'header', { colSpan: 2 });
  g.put(r, 2, '期望达到的目标（概述）', 'header', { colSpan: 4 });
  for (const project of d.projects) {
    if (project.expectedOutcome.trim() === '') continue;
    r = g.row();
    g.put(r, 0, project.name, 'text', { colSpan: 2 });
    g.put(r, 2, project.expectedOutcome, 'text', { colSpan: 4 });
  }
  if (d.otherTasks.length > 0) {
    const start = g.rows.length;
    d.otherTasks.forEach((task) => g.put(g.row(), 1, task, 'text', { colSpan: 5 }));
    g.put(start, 0, '其他需完成的任务', 'label', { rowSpan: d.otherTasks.length });
  }
  const headerRow = g.row();
  g.put(headerRow, 0, '一级指标', 'header');
  g.put(headerRow, 1, '二级指标', 'header');
  g.put(headerRow, 2, '三级指标', 'header', { colSpan: 2 });
  g.put(headerRow, 4, '实施周期指标值', 'header');
  g.put(headerRow, 5, '年度指标值', 'header');
  const rows = printedIndicatorRows(d);
  const first = g.rows.length;
  rows.forEach((row) => {
    const at = g.row();
    const indicator = row.index === null ? null : d.indicators[row.index];
    g.put(at, 2, indicator?.name ?? '', 'text', { colSpan: 2 });
    g.put(at, 4, indicator?.periodTarget ?? '', 'text');
    g.put(at, 5, indicator?.annualTarget ?? '', 'text');
  });
  placeClassSpans(g, first, rows.map((x) => x.level1), rows.map((x) => `${x.level1}\u0000${x.level2}`), rows.map((x) => x.level2));
  return { sheetName, runningHead: `${d.department ?? ''} ${year ? `${d.year}年度` : ''}${title}`.trim(), columns: 6, widths: [12, 14, 14, 26, 22, 22], rows: sortRows(g.rows), header: { from: headerRow, to: headerRow }, classColumn: 0 };
}

/** The 一级 and 二级 cells of an indicator table as merged cells over their rows. */
function placeClassSpans(g: Grid, first: number, level1: readonly string[], level2Keys: readonly string[], level2: readonly string[]): void {
  runSpans(level1).forEach((span, i) => {
    if (span > 0) g.put(first + i, 0, level1[i] ?? '', 'class', { rowSpan: span });
  });
  runSpans(level2Keys).forEach((span, i) => {
    if (span > 0) g.put(first + i, 1, level2[i] ?? '', 'class', { rowSpan: span });
  });
}

function sortRows(rows: LayoutCell[][]): LayoutCell[][] {
  return rows.map((row) => [...row].sort((a, b) => a.col - b.col));
}

const PROJECT_COLUMNS: readonly [keyof ProjectIndicator & ('unit' | 'standard' | 'explanation' | 'scoringRule' | 'weight' | 'note'), string][] = [
  ['unit', '计量单位'],
  ['standard', '绩效标准'],
  ['explanation', '指标解释'],
  ['scoringRule', '评（扣）分标准'],
  ['weight', '分值'],
  ['note', '备注'],
];

function projectLayout(d: ProjectTargetDeclaration): FormLayout {
  const title = d.title ?? '项目支出绩效目标申报表';
  const sheetName = (d.project.name ?? '项目支出绩效目标').replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  const g = new Grid(sheetName);
  const hasPeriod = d.indicators.some((i) => i.periodTarget !== null);
  const extraColumns = PROJECT_COLUMNS.filter(([key]) => d.indicators.some((i) => i[key] !== null));
  const columns = Math.max(6, 3 + (hasPeriod ? 1 : 0) + 1 + extraColumns.length);
  const half = Math.floor(columns / 2);
  g.put(g.row(), 0, title, 'title', { colSpan: columns });
  const year = yearLine(d.year, d.title);
  if (year) g.put(g.row(), 0, year, 'subtitle', { colSpan: columns });
  const whole = (label: string, value: string) => {
    const r = g.row();
    g.put(r, 0, label, 'label');
    g.put(r, 1, value, 'text', { colSpan: columns - 1 });
  };
  const pair = (left: string, leftValue: string, right: string, rightValue: string) => {
    const r = g.row();
    g.put(r, 0, left, 'label');
    g.put(r, 1, leftValue, 'text', { colSpan: half - 1 });
    g.put(r, half, right, 'label');
    g.put(r, half + 1, rightValue, 'text', { colSpan: columns - half - 1 });
  };
  const p = d.project;
  whole('项目名称', p.name ?? '');
  if (p.code !== null || p.nature !== null) pair('项目编码', p.code ?? '', '项目属性', p.nature ?? '');
  pair('主管部门', d.department ?? '', '实施单位', d.implementer ?? '');
  if (p.category !== null || p.period.text !== null || p.period.start !== null) pair('项目类型', p.category ?? '', '实施期', p.period.text ?? [p.period.start, p.period.end].filter(Boolean).join('-'));
  if (p.basis !== null) whole('立项依据', p.basis);
  if (p.content !== null) whole('项目概况', p.content);
  const fundsStart = g.rows.length;
  const fundsRows: [string, string | null][] = [['年度资金总额', d.funds.total], ...d.funds.items.map((item): [string, string | null] => [item.label, item.amount])];
  fundsRows.forEach(([label, amount]) => {
    const r = g.row();
    g.put(r, 1, label, 'label', { colSpan: half - 1 });
    g.put(r, half, amountText(amount), 'amount', { colSpan: columns - half });
  });
  g.put(fundsStart, 0, '项目资金（万元）', 'label', { rowSpan: fundsRows.length });
  const goal = (label: string, value: string | string[]) => {
    const list = goalList(value);
    whole(label, list.length > 1 ? list.map((x, i) => `${i + 1}.${x}`).join('\n') : (list[0] ?? ''));
  };
  goal('实施期目标', d.periodGoal);
  goal('年度目标', d.annualGoal);
  for (const e of d.extra) whole(e.label, e.value);
  const headerRow = g.row();
  const headers: [string, (i: ProjectIndicator) => string][] = [
    ['三级指标', (i) => `${i.core ? '★' : ''}${i.name}`],
    ...(hasPeriod ? [['实施期指标值', (i: ProjectIndicator) => i.periodTarget ?? ''] as [string, (i: ProjectIndicator) => string]] : []),
    ['年度指标值', (i) => i.annualTarget],
    ...extraColumns.map(([key, label]): [string, (i: ProjectIndicator) => string] => [label, (i) => i[key] ?? '']),
  ];
  g.put(headerRow, 0, '一级指标', 'header');
  g.put(headerRow, 1, '二级指标', 'header');
  // The last column takes what is left of the width, so the table is as wide as the header part.
  headers.forEach(([label], i) => g.put(headerRow, 2 + i, label, 'header', { colSpan: i === headers.length - 1 ? columns - 2 - i : 1 }));
  const first = g.rows.length;
  const rows = printedIndicatorRows(d);
  rows.forEach((row) => {
    const r = g.row();
    const indicator = row.index === null ? null : d.indicators[row.index];
    headers.forEach(([, value], i) => g.put(r, 2 + i, indicator ? value(indicator) : '', 'text', { colSpan: i === headers.length - 1 ? columns - 2 - i : 1 }));
  });
  placeClassSpans(g, first, rows.map((x) => x.level1), rows.map((x) => `${x.level1}\u0000${x.level2}`), rows.map((x) => x.level2));
  const widths = Array.from({ length: columns }, (_, i) => (i < 2 ? 12 : i === 2 ? 24 : 16));
  return { sheetName, runningHead: `${d.department ?? ''} ${p.name ?? ''} ${title}`.trim(), columns, widths, rows: sortRows(g.rows), header: { from: headerRow, to: headerRow }, classColumn: 0 };
}

const lightWords = (light: Light | null) => (light ? LIGHT_NAMES[light].zh : '—');

/**
 * The monitoring report's table (绩效运行监控表, after the 136号 annex): the header, the budget's
 * execution with its light, every indicator with its target, stage target, actual, projection,
 * likelihood, reasons, measures and light, and the rectification. Lights are recomputed.
 */
function monitoringLayout(r: MonitoringReport): FormLayout {
  const title = r.title ?? '绩效运行监控表';
  const sheetName = (r.projectName ?? r.department ?? '绩效运行监控').replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  const g = new Grid(sheetName);
  const columns = 12;
  const lights = reportLights(r);
  g.put(g.row(), 0, title, 'title', { colSpan: columns });
  let row = g.row();
  g.put(row, 0, r.projectName ? '项目名称' : '部门名称', 'label', { colSpan: 2 });
  g.put(row, 2, r.projectName ?? r.department ?? '', 'text', { colSpan: 4 });
  g.put(row, 6, '监控轮次', 'label');
  g.put(row, 7, r.round.name, 'text', { colSpan: 2 });
  g.put(row, 9, '数据截止日期', 'label');
  g.put(row, 10, r.round.through, 'text', { colSpan: 2 });
  if (r.projectName) {
    row = g.row();
    g.put(row, 0, '主管部门', 'label', { colSpan: 2 });
    g.put(row, 2, r.department ?? '', 'text', { colSpan: 4 });
    g.put(row, 6, '填报日期', 'label');
    g.put(row, 7, r.reportDate ?? '', 'text', { colSpan: 5 });
  }
  row = g.row();
  for (const [col, label, span] of [[0, '全年预算数（万元）', 2], [2, '截至目前执行数（万元）', 2], [4, '执行率', 2], [6, '全年预计执行数（万元）', 2], [8, '预算执行预警', 1], [9, '原因说明', 3]] as const) g.put(row, col, label, 'header', { colSpan: span });
  row = g.row();
  g.put(row, 0, amountText(r.budget.annual), 'amount', { colSpan: 2 });
  g.put(row, 2, amountText(r.budget.executedToDate), 'amount', { colSpan: 2 });
  g.put(row, 4, lights.executionRate ? `${lights.executionRate}%` : '', 'percent', { colSpan: 2 });
  g.put(row, 6, amountText(r.budget.projectedAnnual), 'amount', { colSpan: 2 });
  g.put(row, 8, lightWords(lights.budget), 'text');
  g.put(row, 9, r.budget.reason, 'text', { colSpan: 3 });
  const headerRow = g.row();
  const headers = ['一级指标', '二级指标', '三级指标', '年度指标值', '阶段性目标', '截至目前完成值', '全年预计完成值', '完成目标可能性', '偏差原因类别', '偏差原因分析', '纠偏措施', '预警'];
  headers.forEach((label, col) => g.put(headerRow, col, label, 'header'));
  const first = g.rows.length;
  r.indicators.forEach((indicator, i) => {
    const at = g.row();
    const values = [indicator.name, indicator.annualTarget, indicator.stageTarget ?? '', indicator.actualToDate, indicator.projectedAnnual, indicator.likelihood ? LIKELIHOOD_NAMES[indicator.likelihood].zh : '', indicator.deviation.categories.join('、'), indicator.deviation.reason, indicator.deviation.measures, lightWords(lights.perIndicator[i]?.light ?? null)];
    values.forEach((text, k) => g.put(at, 2 + k, text, 'text'));
  });
  placeClassSpans(g, first, r.indicators.map((i) => i.level1 ?? ''), r.indicators.map((i) => `${i.level1 ?? ''}\u0000${i.level2 ?? ''}`), r.indicators.map((i) => i.level2 ?? ''));
  row = g.row();
  g.put(row, 0, '总体预警', 'label', { colSpan: 2 });
  g.put(row, 2, lightWords(lights.overall), 'text', { colSpan: 2 });
  g.put(row, 4, '是否需要整改', 'label', { colSpan: 2 });
  g.put(row, 6, r.rectification.needed ? '是' : '否', 'text');
  g.put(row, 7, '整改意见', 'label');
  g.put(row, 8, r.rectification.advice, 'text', { colSpan: 4 });
  if (r.rectification.result) {
    row = g.row();
    g.put(row, 0, '整改结果', 'label', { colSpan: 2 });
    g.put(row, 2, r.rectification.result, 'text', { colSpan: 10 });
  }
  const widths = [9, 10, 16, 10, 9, 10, 10, 8, 10, 18, 18, 9];
  return { sheetName, runningHead: `${r.department ?? ''} ${r.projectName ?? ''} ${r.round.name} ${title}`.replace(/\s+/g, ' ').trim(), columns, widths, rows: sortRows(g.rows), header: { from: headerRow, to: headerRow }, classColumn: 0 };
}

/** 偏差原因分析及改进措施 as one cell: the cause, then the measures when they say something else. */
function causeAndMeasures(deviation: { reason: string; measures: string }): string {
  const reason = deviation.reason.trim();
  const measures = deviation.measures.trim();
  if (measures === '' || measures === reason) return reason;
  return reason === '' ? `改进措施：${measures}` : `${reason}；改进措施：${measures}`;
}

/**
 * The self-evaluation table in the national layout (财预〔2020〕10号 annex): the header, the funds
 * block with its sources, 分值, 执行率 and 得分, the goals, every indicator with its target, actual,
 * points, score and cause, the total and grade, and the closing texts. Scores are Jixiao's.
 */
function evaluationLayout(e: SelfEvaluation): FormLayout {
  const title = e.title ?? (e.target.kind === 'department-target' ? '部门整体支出绩效自评表' : '项目支出绩效自评表');
  const sheetName = (e.projectName ?? e.department ?? '绩效自评').replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  const g = new Grid(sheetName);
  const columns = 9;
  const score = scoreEvaluation(e);
  g.put(g.row(), 0, title, 'title', { colSpan: columns });
  const year = yearLine(e.year, title);
  if (year) g.put(g.row(), 0, year, 'subtitle', { colSpan: columns });
  let row = g.row();
  g.put(row, 0, e.projectName !== null ? '项目名称' : '部门名称', 'label', { colSpan: 2 });
  g.put(row, 2, e.projectName ?? e.department ?? '', 'text', { colSpan: 7 });
  row = g.row();
  g.put(row, 0, '主管部门', 'label', { colSpan: 2 });
  g.put(row, 2, e.department ?? '', 'text', { colSpan: 3 });
  g.put(row, 5, '实施单位', 'label');
  g.put(row, 6, e.implementer ?? '', 'text', { colSpan: 3 });
  row = g.row();
  g.put(row, 0, '项目资金（万元）', 'header', { colSpan: 2 });
  ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '原因'].forEach((label, k) => g.put(row, 2 + k, label, 'header'));
  // The total row prints the evaluation's own figures: they are what is scored.
  const total = { label: e.funds.items[0]?.label ?? '年度资金总额', initialBudget: e.funds.initialBudget, annualBudget: e.funds.annualBudget, executed: e.funds.executed };
  const items = [total, ...e.funds.items.slice(1)];
  items.forEach((item, k) => {
    const at = g.row();
    const total = k === 0;
    g.put(at, 0, total ? item.label : `${k === 1 && !item.label.startsWith('其中') ? '其中：' : ''}${item.label}`, 'label', { colSpan: 2 });
    g.put(at, 2, amountText(item.initialBudget), 'amount');
    g.put(at, 3, amountText(item.annualBudget), 'amount');
    g.put(at, 4, amountText(item.executed), 'amount');
    g.put(at, 5, total ? score.funds.points.replace(/\.00$/, '') : '—', 'text');
    g.put(at, 6, total ? (score.funds.rate ? `${score.funds.rate}%` : '') : '—', total && score.funds.rate ? 'percent' : 'text');
    g.put(at, 7, total ? (score.funds.score ?? '') : '—', 'text');
    g.put(at, 8, total ? e.funds.reason : '', 'text');
  });
  row = g.row();
  g.put(row, 0, '年度总体目标', 'header', { colSpan: 2 });
  g.put(row, 2, '预期目标', 'header', { colSpan: 3 });
  g.put(row, 5, '实际完成情况', 'header', { colSpan: 4 });
  for (const goal of e.goals) {
    const at = g.row();
    g.put(at, 2, goal.expected, 'text', { colSpan: 3 });
    g.put(at, 5, goal.achieved, 'text', { colSpan: 4 });
  }
  const headerRow = g.row();
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'].forEach((label, col) => g.put(headerRow, col, label, 'header'));
  g.put(headerRow, 7, '偏差原因分析及改进措施', 'header', { colSpan: 2 });
  const first = g.rows.length;
  e.indicators.forEach((indicator, i) => {
    const at = g.row();
    const computed = score.indicators[i];
    const shown = indicator.applicable ? (computed?.counted ?? indicator.score ?? '') : '/';
    g.put(at, 2, indicator.name, 'text');
    g.put(at, 3, indicator.annualTarget, 'text');
    g.put(at, 4, indicator.applicable ? indicator.actual : '/', 'text');
    g.put(at, 5, indicator.points ?? '', 'text');
    g.put(at, 6, shown, 'text');
    g.put(at, 7, causeAndMeasures(indicator.deviation), 'text', { colSpan: 2 });
  });
  placeClassSpans(g, first, e.indicators.map((i) => i.level1 ?? ''), e.indicators.map((i) => `${i.level1 ?? ''}\u0000${i.level2 ?? ''}`), e.indicators.map((i) => i.level2 ?? ''));
  row = g.row();
  g.put(row, 0, '总分', 'label', { colSpan: 5 });
  g.put(row, 5, '100', 'text');
  g.put(row, 6, score.total ?? '', 'text');
  g.put(row, 7, '评价等级', 'label');
  g.put(row, 8, score.grade ?? '', 'text');
  for (const [label, text] of [['评价结论', e.conclusion], ['存在问题', e.problems], ['改进措施', e.improvements]] as const) {
    row = g.row();
    g.put(row, 0, label, 'label', { colSpan: 2 });
    g.put(row, 2, text, 'text', { colSpan: 7 });
  }
  const widths = [10, 11, 18, 12, 12, 7, 8, 16, 16];
  return { sheetName, runningHead: `${e.department ?? ''} ${e.projectName ?? ''} ${e.year ?? ''} ${title}`.replace(/\s+/g, ' ').trim(), columns, widths, rows: sortRows(g.rows), header: { from: headerRow, to: headerRow }, classColumn: 0 };
}
