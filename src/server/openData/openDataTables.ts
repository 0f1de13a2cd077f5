/**
 * The open-data tables of published documents: one row per document with its budget, one per
 * indicator, one per project — pure functions from a document to CSV rows, and the Frictionless
 * Table Schema of each, so the CSV and its datapackage.json cannot drift apart.
 */
import type { TargetDocument } from '../../core/document.ts';
import type { TargetValue } from '../../core/targetValue.ts';
import { csvLine } from '../../format/csv.ts';

/** A published document with the keys that identify it. */
export interface PublishedDocument {
  readonly id: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly regionName: string;
  readonly year: number;
  readonly version: number;
  readonly publishedAt: string | null;
  readonly document: TargetDocument;
}

type FieldType = 'string' | 'integer' | 'number' | 'datetime' | 'boolean';

interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly title: string;
  readonly description?: string;
}

export type OpenDataTable = 'documents' | 'indicators' | 'projects';

const KEYS: readonly Field[] = [
  { name: 'document_id', type: 'string', title: '文档编号', description: 'Jixiao id of the published document' },
  { name: 'kind', type: 'string', title: '类型', description: 'department-target | project-target' },
  { name: 'year', type: 'integer', title: '年度' },
  { name: 'region', type: 'string', title: '地区' },
  { name: 'department', type: 'string', title: '部门' },
  { name: 'project_name', type: 'string', title: '项目名称', description: 'project forms only' },
];

/** The fields of each table, in column order (Frictionless Table Schema). */
export const TABLE_FIELDS: Record<OpenDataTable, readonly Field[]> = {
  documents: [
    ...KEYS,
    { name: 'version', type: 'integer', title: '版本' },
    { name: 'published_at', type: 'datetime', title: '公开时间' },
    { name: 'title', type: 'string', title: '表名' },
    { name: 'total', type: 'number', title: '合计（万元）', description: '部门预算合计 or 项目资金总额, exact decimal in 万元' },
    { name: 'basic', type: 'number', title: '基本支出（万元）' },
    { name: 'project', type: 'number', title: '项目支出（万元）' },
    { name: 'fiscal', type: 'number', title: '财政拨款（万元）' },
    { name: 'other', type: 'number', title: '其他资金（万元）' },
    { name: 'indicators', type: 'integer', title: '指标数' },
    { name: 'unparsed', type: 'integer', title: '未识别条目数' },
  ],
  indicators: [
    ...KEYS,
    { name: 'row', type: 'integer', title: '行号', description: '0-based index in the document' },
    { name: 'level1', type: 'string', title: '一级指标' },
    { name: 'level2', type: 'string', title: '二级指标' },
    { name: 'name', type: 'string', title: '三级指标' },
    { name: 'period_target', type: 'string', title: '实施期指标值', description: 'as printed' },
    { name: 'annual_target', type: 'string', title: '年度指标值', description: 'as printed' },
    { name: 'annual_kind', type: 'string', title: '指标值类型', description: 'quantity | deadline | qualitative | placeholder | not-applicable | empty | unreadable' },
    { name: 'annual_operator', type: 'string', title: '比较符', description: '≥ ≤ > < = or empty' },
    { name: 'annual_value', type: 'number', title: '年度指标数值', description: 'exact decimal' },
    { name: 'annual_unit', type: 'string', title: '计量单位' },
  ],
  projects: [
    ...KEYS,
    { name: 'row', type: 'integer', title: '行号', description: '0-based; a project form is one row' },
    { name: 'name', type: 'string', title: '项目名称' },
    { name: 'content', type: 'string', title: '主要实施内容' },
    { name: 'amount', type: 'number', title: '金额（万元）' },
    { name: 'goal', type: 'string', title: '目标', description: '期望达到的目标 / 年度目标' },
  ],
};

type Cell = string | number | null;

function keys(p: PublishedDocument): Cell[] {
  const d = p.document;
  return [p.id, d.kind, p.year, p.regionName, p.departmentName, d.kind === 'project-target' ? d.project.name : null];
}

function parsed(value: TargetValue): [string, string | null, string | null, string | null] {
  if (value.kind === 'quantity') return [value.kind, value.operator, value.value, value.unit];
  return [value.kind, null, null, null];
}

/** The rows a document gives in a table. */
export function tableRows(table: OpenDataTable, p: PublishedDocument): Cell[][] {
  const d = p.document;
  if (table === 'documents') {
    const money = d.kind === 'project-target' ? [d.funds.total, null, null, d.funds.fiscal, d.funds.other] : [d.budget.total, d.budget.basic, d.budget.project, d.budget.income.fiscal, d.budget.income.other];
    return [[...keys(p), p.version, p.publishedAt, d.title, ...money, d.indicators.length, d.unparsed.length]];
  }
  if (table === 'indicators') {
    return d.indicators.map((indicator, i) => [...keys(p), i, indicator.level1, indicator.level2, indicator.name, indicator.periodTarget, indicator.annualTarget, ...parsed(indicator.annualTargetValue)]);
  }
  if (d.kind === 'project-target') {
    const goal = Array.isArray(d.annualGoal) ? d.annualGoal.join('；') : d.annualGoal;
    return [[...keys(p), 0, d.project.name, d.project.content, d.funds.total, goal]];
  }
  return d.projects.map((project, i) => [...keys(p), i, project.name, project.content, project.amount, project.expectedOutcome]);
}

/**
 * A row of a table as a CSV line: text defused for spreadsheets (format/csv.ts), the number and
 * integer columns kept as the exact decimals they are.
 */
export function csvRow(table: OpenDataTable, values: readonly Cell[]): string {
  return csvLine(values, TABLE_FIELDS[table].map((f) => (f.type === 'number' || f.type === 'integer' ? 'number' : 'text')));
}

/** The header line of a table. */
export function csvHeader(table: OpenDataTable): string {
  return csvLine(TABLE_FIELDS[table].map((f) => f.name));
}

/** The Frictionless Data Package describing the three tables at their URLs. */
export function dataPackage(urls: Record<OpenDataTable, string>, filter: { year?: number; region?: string }): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: `jixiao-published${filter.year ? `-${filter.year}` : ''}`,
    title: `绩效目标公开数据${filter.year ? `（${filter.year}年度）` : ''}`,
    description: 'Published performance-target forms (部门整体 and 项目支出绩效目标申报表) as tables; the canonical JSON of each document is in the JSON Lines export (docs/format.md).',
    licenses: [{ name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    resources: (Object.keys(TABLE_FIELDS) as OpenDataTable[]).map((table) => ({
      name: table,
      path: urls[table],
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
      schema: {
        fields: TABLE_FIELDS[table].map((f) => ({ name: f.name, type: f.type, title: f.title, ...(f.description ? { description: f.description } : {}) })),
        primaryKey: table === 'documents' ? ['document_id'] : ['document_id', 'row'],
        ...(table === 'documents' ? {} : { foreignKeys: [{ fields: ['document_id'], reference: { resource: 'documents', fields: ['document_id'] } }] }),
      },
    })),
  };
}
