/**
 * A monitoring table (绩效运行监控表) filled in Excel — Jixiao's own export, or a bureau's template —
 * read from the table model into a monitoring report, by the vocabulary of its labels and headers:
 * the header fields (项目名称, 监控轮次, 数据截止日期 …), the budget block (全年预算数 | 截至目前执行数 |
 * 全年预计执行数 … over a row of amounts), the indicator table (一级 … 年度指标值 | 阶段性目标 |
 * 截至目前完成值 | 全年预计完成值 | 完成目标可能性 | 偏差原因类别 | 偏差原因分析 | 纠偏措施 | 预警) and
 * the rectification. Every cell is a field, a label, or `unparsed` with its reference.
 */
import type { UnparsedText } from '../core/document.ts';
import { DEVIATION_CATEGORIES, emptyMonitoringReport, noDeviation, type DeviationCategory, type Light, type Likelihood, type MonitoringIndicator, type MonitoringReport } from '../core/monitoringReport.ts';
import { coveringGrid, type SourceTables, type TableCell } from '../table/sourceTable.ts';
import { indicatorColumnOf } from './text/indicatorColumns.ts';
import { readAmount } from './text/projectTargetText.ts';

type Column = 'level1' | 'level2' | 'name' | 'annual' | 'stage' | 'actual' | 'projected' | 'likelihood' | 'categories' | 'reason' | 'measures' | 'light';

const key = (text: string) => text.replace(/\s/g, '');

const COLUMN_WORDS: ReadonlyArray<readonly [Column, RegExp]> = [
  ['stage', /^(阶段性目标|阶段目标|阶段目标值|阶段性目标值|序时进度目标)$/],
  ['actual', /^(截至目前完成值|截至目前完成情况|实际完成值|完成值|1[-—–~至]\d{1,2}月(执行|完成)情况|\d{1,2}月底完成值|累计完成值|目前完成情况|执行情况)$/],
  ['projected', /^(全年预计完成值|全年预计完成情况|预计全年完成情况|全年预计完成|预计完成值|预计全年完成值)$/],
  ['likelihood', /^(完成目标可能性|完成可能性|目标完成可能性)$/],
  ['categories', /^(偏差原因类别|原因类别|偏差原因类型|原因类型)$/],
  ['reason', /^(偏差原因分析|偏差原因|原因分析|偏差原因说明)$/],
  ['measures', /^(纠偏措施|整改措施|改进措施|下一步措施|拟采取的措施)$/],
  ['light', /^(预警|预警灯|预警结果|监控结果|预警等级)$/],
];

function columnOf(text: string): Column | null {
  const k = key(text);
  const found = COLUMN_WORDS.find(([, pattern]) => pattern.test(k));
  if (found) return found[0];
  const base = indicatorColumnOf(k);
  if (base === 'level1' || base === 'level2' || base === 'name') return base;
  if (base === 'annual') return 'annual';
  return null;
}

const LIKELIHOOD: ReadonlyArray<readonly [RegExp, Likelihood]> = [
  [/^(完全不可能|不可能|无法完成)/, 'impossible'],
  [/^(有可能|可能)/, 'possible'],
  [/^(确定能|确定|能|肯定能)/, 'certain'],
];
const LIGHT_WORDS: ReadonlyArray<readonly [RegExp, Light]> = [
  [/^红/, 'red'],
  [/^黄/, 'yellow'],
  [/^绿/, 'green'],
  [/^蓝/, 'blue'],
];

function lightOf(text: string): Light | null {
  return LIGHT_WORDS.find(([p]) => p.test(key(text)))?.[1] ?? null;
}

const BUDGET: ReadonlyArray<readonly [RegExp, 'annual' | 'executedToDate' | 'projectedAnnual' | 'rate' | 'light' | 'reason']> = [
  [/^(全年预算数|年度预算数|预算数|全年预算)([（(]万元[)）])?$/, 'annual'],
  [/^(截至目前执行数|已执行数|执行数|1[-—–~至]\d{1,2}月执行数|累计执行数|实际执行数)([（(]万元[)）])?$/, 'executedToDate'],
  [/^(全年预计执行数|预计全年执行数|全年预计执行)([（(]万元[)）])?$/, 'projectedAnnual'],
  [/^(执行率|预算执行率)$/, 'rate'],
  [/^(预算执行预警|执行预警|预算预警)$/, 'light'],
  [/^(原因说明|执行偏差原因|预算执行偏差原因)$/, 'reason'],
];

const HEADER: ReadonlyArray<readonly [RegExp, 'projectName' | 'department' | 'round' | 'through' | 'reportDate' | 'overall' | 'needed' | 'advice' | 'result']> = [
  [/^项目名称$/, 'projectName'],
  [/^(部门名称|单位名称|主管部门|预算部门)$/, 'department'],
  [/^(监控轮次|监控期间|监控时段)$/, 'round'],
  [/^(数据截止日期|截止日期|数据截至)$/, 'through'],
  [/^填报日期$/, 'reportDate'],
  [/^(总体预警|综合预警|总体监控结果)$/, 'overall'],
  [/^是否需要整改$/, 'needed'],
  [/^(整改意见|整改建议)$/, 'advice'],
  [/^整改结果$/, 'result'],
];

const TITLE = /(运行监控|绩效监控|监控情况)(表|报告)?$/;

/** True when the tables hold a monitoring table: its title, or its indicator header. */
export function isMonitoringTable(tables: SourceTables): boolean {
  return tables.sheets.some((sheet) => sheet.rows.some((row) => row.some((cell) => TITLE.test(key(cell.text)) || columnOf(cell.text) === 'actual')));
}

/** Reads a monitoring report from tables. Total: never throws; what it cannot place is unparsed. */
export function readMonitoringTables(tables: SourceTables, through: string | null = null): MonitoringReport {
  const report = emptyMonitoringReport({ id: null, kind: 'project-target', version: null }, { name: '', through: through ?? '' });
  report.title = null;
  report.year = null;
  const used = new Set<TableCell>();
  const take = (cell: TableCell | undefined) => {
    if (cell) used.add(cell);
    return cell?.text.trim() ?? '';
  };
  for (const sheet of tables.sheets) {
    const grid = coveringGrid(sheet);
    let columns: Map<number, Column> | null = null;
    let level1: string | null = null;
    let level2: string | null = null;
    let budgetColumns: Map<number, (typeof BUDGET)[number][1]> | null = null;
    sheet.rows.forEach((row, r) => {
      const cells = [...row].sort((a, b) => a.col - b.col);
      if (cells.length === 0) return;
      // The title.
      if (report.title === null && cells.length === 1 && TITLE.test(key(cells[0]?.text ?? ''))) {
        report.title = take(cells[0]);
        return;
      }
      // A row of budget headings, and the row of amounts under it.
      if (budgetColumns) {
        const mapped = budgetColumns;
        budgetColumns = null;
        if (cells.some((c) => mapped.has(c.col))) {
          for (const cell of cells) {
            const field = mapped.get(cell.col);
            if (!field) continue;
            if (field === 'annual' || field === 'executedToDate' || field === 'projectedAnnual') {
              const amount = readAmount(cell.text);
              if (amount !== undefined) report.budget[field] = (take(cell), amount);
            } else if (field === 'light') report.lights.budget = lightOf(take(cell));
            else if (field === 'reason') report.budget.reason = take(cell);
            else take(cell); // the rate: computed, not stored
          }
          return;
        }
      }
      const budgetHeads = cells.map((c) => [c, BUDGET.find(([p]) => p.test(key(c.text)))?.[1]] as const);
      if (budgetHeads.filter(([, f]) => f).length >= 2) {
        budgetColumns = new Map(budgetHeads.flatMap(([c, f]) => (f ? [[c.col, f] as const] : [])));
        for (const [c, f] of budgetHeads) if (f) take(c);
        return;
      }
      // The indicator header.
      const heads = cells.map((c) => [c, columnOf(c.text)] as const);
      if (heads.filter(([, col]) => col !== null).length >= 4 && heads.some(([, col]) => col === 'actual' || col === 'name')) {
        columns = new Map();
        for (const [c, col] of heads) {
          if (!col) continue;
          take(c);
          for (let k = c.col; k < c.col + c.colSpan; k++) if (!columns.has(k)) columns.set(k, col);
        }
        level1 = null;
        level2 = null;
        return;
      }
      // Header fields: a label, and its value in the next cell.
      let labelled = false;
      cells.forEach((cell, i) => {
        const field = HEADER.find(([p]) => p.test(key(cell.text)))?.[1];
        if (!field) return;
        labelled = true;
        take(cell);
        const value = cells[i + 1];
        if (!value || HEADER.some(([p]) => p.test(key(value.text)))) return;
        const text = take(value);
        if (field === 'projectName') report.projectName = text;
        else if (field === 'department') report.department ??= text;
        else if (field === 'round') report.round.name = text;
        else if (field === 'through') report.round.through = text;
        else if (field === 'reportDate') report.reportDate = text;
        else if (field === 'overall') report.lights.overall = lightOf(text);
        else if (field === 'needed') report.rectification.needed = /^(是|需要|√)/.test(key(text));
        else if (field === 'advice') report.rectification.advice = text;
        else report.rectification.result = text;
      });
      if (labelled) {
        columns = null;
        return;
      }
      if (!columns) return;
      // An indicator row: every column by its grid position; merged class cells cover the rows below.
      const at = (col: Column): TableCell | undefined => {
        for (const [k, c] of columns ?? []) if (c === col) return grid[r]?.[k];
        return undefined;
      };
      const ownOrCovered = (col: Column) => {
        const cell = at(col);
        return cell && cell.row === r ? cell : undefined;
      };
      const l1 = at('level1');
      const l2 = at('level2');
      if (l1) level1 = take(l1) || null;
      if (l2) level2 = take(l2) || null;
      const name = ownOrCovered('name');
      if (!name) return;
      const text = (col: Column) => take(ownOrCovered(col));
      const categories = text('categories')
        .split(/[、,，/；;\s]+/)
        .filter((c): c is DeviationCategory => (DEVIATION_CATEGORIES as readonly string[]).includes(c));
      const likelihoodText = key(text('likelihood'));
      const stage = ownOrCovered('stage');
      const indicator: MonitoringIndicator = {
        level1,
        level2,
        name: take(name),
        annualTarget: text('annual'),
        actualToDate: text('actual'),
        stageTarget: stage ? take(stage) || null : null,
        projectedAnnual: text('projected'),
        likelihood: LIKELIHOOD.find(([p]) => p.test(likelihoodText))?.[1] ?? null,
        deviation: { ...noDeviation(), categories, reason: text('reason'), measures: text('measures') },
        light: lightOf(text('light')),
      };
      report.indicators.push(indicator);
    });
  }
  if (report.round.through && /^\d{4}/.test(report.round.through)) report.year = Number(report.round.through.slice(0, 4));
  report.title ??= '绩效运行监控表';
  // Lossless: every cell not taken is reported with its reference.
  const unparsed: UnparsedText[] = [];
  let line = 0;
  for (const sheet of tables.sheets) {
    for (const row of sheet.rows) {
      line++;
      for (const cell of row) if (!used.has(cell) && cell.text.trim() !== '' && !/^[—–\-/]+$/.test(key(cell.text))) unparsed.push({ line, text: cell.text, at: cell.ref });
    }
  }
  report.unparsed = unparsed;
  report.target = { id: null, kind: report.projectName ? 'project-target' : 'department-target', version: null };
  return report;
}
