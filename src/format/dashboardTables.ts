/**
 * Each dashboard chart's data as a table: the same columns for the table under the chart in the web
 * app and for its sheet in the Excel download, so what is drawn, shown and downloaded agree.
 */
import { BUDGET_LINE_NAMES } from '../core/documentFacts.ts';
import { LIGHT_NAMES, type Light } from '../core/monitoringReport.ts';
import { FAMILY_NAMES, type RuleFamily } from '../core/rules/rule.ts';
import { STATE_NAMES } from '../core/workflow.ts';
import type { RegionDashboard } from './apiTypes.ts';

type Bilingual = { readonly zh: string; readonly en: string };

export interface DashboardColumn<T> {
  readonly header: Bilingual;
  readonly width: number;
  readonly value: (row: T, lang: 'zh' | 'en') => string | number | null;
  readonly amount?: boolean;
}

export interface DashboardTable<T> {
  readonly title: Bilingual;
  readonly columns: readonly DashboardColumn<T>[];
  readonly rows: (dashboard: RegionDashboard) => readonly T[];
}


const KIND_NAMES: Record<string, Bilingual> = { 'department-target': { zh: '部门整体', en: 'Department-wide' }, 'project-target': { zh: '项目', en: 'Project' } };
const SEVERITY_NAMES: Record<string, Bilingual> = { error: { zh: '错误', en: 'Error' }, warning: { zh: '警告', en: 'Warning' }, info: { zh: '提示', en: 'Note' } };

/** The name of a budget line: a split of the department form, or a project category. */
export function budgetLineName(line: string, lang: 'zh' | 'en'): string {
  if (line.startsWith('category:')) return `${lang === 'zh' ? '项目类别：' : 'Project category: '}${line.slice('category:'.length)}`;
  return BUDGET_LINE_NAMES[line as keyof typeof BUDGET_LINE_NAMES]?.[lang] ?? line;
}

export function lightName(light: Light | 'none', lang: 'zh' | 'en'): string {
  return light === 'none' ? (lang === 'zh' ? '未报送' : 'Not submitted') : LIGHT_NAMES[light][lang];
}

export function familyName(family: string, lang: 'zh' | 'en'): string {
  return FAMILY_NAMES[family as RuleFamily]?.[lang] ?? family;
}

type Row<K extends keyof RegionDashboard> = RegionDashboard[K] extends ReadonlyArray<infer R> ? R : never;
const table = <T,>(t: DashboardTable<T>): DashboardTable<T> => t;

export const DASHBOARD_TABLES = {
  forms: table<Row<'formsByState'>>({
    title: { zh: '申报表状态', en: 'Forms by state' },
    columns: [
      { header: { zh: '种类', en: 'Kind' }, width: 12, value: (r, l) => KIND_NAMES[r.kind]?.[l] ?? r.kind },
      { header: { zh: '状态', en: 'State' }, width: 10, value: (r, l) => STATE_NAMES[r.state][l] },
      { header: { zh: '份数', en: 'Forms' }, width: 8, value: (r) => r.n },
    ],
    rows: (d) => d.formsByState,
  }),
  findings: table<Row<'findingsByFamily'>>({
    title: { zh: '检查问题（按规则类别）', en: 'Findings by rule family' },
    columns: [
      { header: { zh: '规则类别', en: 'Rule family' }, width: 14, value: (r, l) => familyName(r.family, l) },
      { header: { zh: '级别', en: 'Severity' }, width: 8, value: (r, l) => SEVERITY_NAMES[r.severity]?.[l] ?? r.severity },
      { header: { zh: '问题数', en: 'Findings' }, width: 10, value: (r) => r.n },
      { header: { zh: '涉及表数', en: 'Forms' }, width: 10, value: (r) => r.forms },
    ],
    rows: (d) => d.findingsByFamily,
  }),
  budget: table<Row<'budgetByDepartment'>>({
    title: { zh: '部门预算', en: 'Budget by department' },
    columns: [
      { header: { zh: '部门', en: 'Department' }, width: 34, value: (r) => r.departmentName },
      { header: { zh: '基本支出（万元）', en: 'Basic (10k yuan)' }, width: 16, value: (r) => r.basic, amount: true },
      { header: { zh: '项目支出（万元）', en: 'Projects (10k yuan)' }, width: 16, value: (r) => r.project, amount: true },
      { header: { zh: '项目表资金（万元）', en: 'Project forms (10k yuan)' }, width: 18, value: (r) => r.projectForms, amount: true },
    ],
    rows: (d) => d.budgetByDepartment,
  }),
  lines: table<Row<'budgetByLine'>>({
    title: { zh: '资金按类别', en: 'Money by line and category' },
    columns: [
      { header: { zh: '类别', en: 'Line' }, width: 28, value: (r, l) => budgetLineName(r.line, l) },
      { header: { zh: '金额（万元）', en: 'Amount (10k yuan)' }, width: 16, value: (r) => r.amount, amount: true },
    ],
    rows: (d) => d.budgetByLine,
  }),
  lights: table<RegionDashboard['lights']['counts'][number]>({
    title: { zh: '运行监控预警', en: 'Monitoring lights' },
    columns: [
      { header: { zh: '灯色', en: 'Light' }, width: 12, value: (r, l) => lightName(r.light, l) },
      { header: { zh: '报告数', en: 'Reports' }, width: 10, value: (r) => r.n },
    ],
    rows: (d) => d.lights.counts,
  }),
  grades: table<Row<'grades'>>({
    title: { zh: '自评等级', en: 'Self-evaluation grades' },
    columns: [
      { header: { zh: '等级', en: 'Grade' }, width: 10, value: (r, l) => (r.grade === 'none' ? (l === 'zh' ? '未提交' : 'Not submitted') : r.grade) },
      { header: { zh: '份数', en: 'Evaluations' }, width: 10, value: (r) => r.n },
    ],
    rows: (d) => d.grades,
  }),
  scores: table<Row<'scores'>>({
    title: { zh: '自评得分分布', en: 'Self-evaluation scores' },
    columns: [
      { header: { zh: '得分段', en: 'Score band' }, width: 10, value: (r) => r.band },
      { header: { zh: '份数', en: 'Evaluations' }, width: 10, value: (r) => r.n },
    ],
    rows: (d) => d.scores,
  }),
  execution: table<Row<'execution'>>({
    title: { zh: '预算执行率', en: 'Budget execution' },
    columns: [
      { header: { zh: '部门', en: 'Department' }, width: 34, value: (r) => r.departmentName },
      { header: { zh: '监控执行率（%）', en: 'Monitoring (%)' }, width: 16, value: (r) => r.monitoring, amount: true },
      { header: { zh: '年末执行率（%）', en: 'Year-end (%)' }, width: 16, value: (r) => r.evaluation, amount: true },
    ],
    rows: (d) => d.execution,
  }),
  children: table<Row<'children'>>({
    title: { zh: '下级区划与部门', en: 'Regions and departments below' },
    columns: [
      { header: { zh: '名称', en: 'Name' }, width: 34, value: (r) => r.name },
      { header: { zh: '部门数', en: 'Departments' }, width: 10, value: (r) => r.departments },
      { header: { zh: '申报表', en: 'Forms' }, width: 8, value: (r) => r.forms },
      { header: { zh: '已报送', en: 'Submitted' }, width: 8, value: (r) => r.submitted },
      { header: { zh: '错误', en: 'Errors' }, width: 8, value: (r) => r.errors },
      { header: { zh: '部门预算（万元）', en: 'Budget (10k yuan)' }, width: 16, value: (r) => r.budget, amount: true },
      { header: { zh: '平均自评得分', en: 'Average score' }, width: 12, value: (r) => r.averageScore, amount: true },
      { header: { zh: '红灯', en: 'Red lights' }, width: 8, value: (r) => r.redLights },
    ],
    rows: (d) => d.children,
  }),
  trends: table<Row<'trends'>>({
    title: { zh: '历年趋势', en: 'Over the years' },
    columns: [
      { header: { zh: '年度', en: 'Year' }, width: 8, value: (r) => r.year },
      { header: { zh: '申报表', en: 'Forms' }, width: 8, value: (r) => r.forms },
      { header: { zh: '已公开', en: 'Published' }, width: 8, value: (r) => r.published },
      { header: { zh: '部门预算（万元）', en: 'Budget (10k yuan)' }, width: 16, value: (r) => r.budget, amount: true },
      { header: { zh: '每表错误', en: 'Errors per form' }, width: 10, value: (r) => r.errorsPerForm, amount: true },
      { header: { zh: '平均自评得分', en: 'Average score' }, width: 12, value: (r) => r.averageScore, amount: true },
    ],
    rows: (d) => d.trends,
  }),
};

export type DashboardTableKey = keyof typeof DASHBOARD_TABLES;
export const DASHBOARD_TABLE_KEYS = Object.keys(DASHBOARD_TABLES) as DashboardTableKey[];

/** A table's cells, ready to show or write: its title, its columns and a row of cells per item. */
export interface MaterialisedTable {
  readonly title: string;
  readonly columns: ReadonlyArray<{ readonly header: string; readonly width: number; readonly amount: boolean }>;
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

/** One chart's table, its cells worked out in a language. */
export function materialiseTable(key: DashboardTableKey, dashboard: RegionDashboard, lang: 'zh' | 'en'): MaterialisedTable {
  const t = DASHBOARD_TABLES[key] as DashboardTable<unknown>;
  return {
    title: t.title[lang],
    columns: t.columns.map((c) => ({ header: c.header[lang], width: c.width, amount: c.amount ?? false })),
    rows: t.rows(dashboard).map((row) => t.columns.map((c) => c.value(row, lang))),
  };
}
