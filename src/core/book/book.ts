/**
 * 绩效报告汇编 — the book a people's congress budget committee or an auditor reads: for a department or a
 * whole region and year, the targets, monitoring, self-evaluations, assessments (key evaluations,
 * sampling reviews), rectification and disclosure, each a section. A section is a pure function from
 * the gathered data to printable blocks (for the PDF) and one table (for the Excel sheet); the book is
 * the list of sections, so adding one is one line in `BOOK_SECTIONS`.
 */
import type { ReportBlock, ReportModel } from '../../kinds/assessment/report.ts';
import { formatMoney, parseMoney, sumMoney, type Money } from '../money.ts';

/** One document as the book lists it: its summary columns (the documents table's), never its content. */
export interface BookRow {
  readonly id: string;
  readonly kind: string;
  readonly departmentName: string;
  readonly projectName: string | null;
  readonly title: string | null;
  readonly state: string;
  /** 万元, exact decimal text. */
  readonly amount: string | null;
  readonly executed: string | null;
  readonly rate: string | null;
  readonly light: string | null;
  readonly score: string | null;
  readonly grade: string | null;
  readonly reviewGrade: string | null;
  readonly publishedAt: string | null;
  readonly facts: Readonly<Record<string, unknown>>;
}

/** A department's disclosure counts, as core/disclosure gives them. */
export interface BookDisclosure {
  readonly departmentName: string;
  readonly forms: number;
  readonly published: number;
  readonly late: number;
  readonly reasonsMissing: number;
  readonly share: string | null;
  readonly meetsGoal: boolean;
}

/** What the book is made from, gathered by the store. */
export interface BookData {
  /** 海珠区财政局 or a department's name. */
  readonly scopeName: string;
  readonly scope: 'department' | 'region';
  readonly year: number;
  /** YYYY-MM-DD, the day it was made. */
  readonly today: string;
  readonly rows: readonly BookRow[];
  readonly disclosure: readonly BookDisclosure[];
  /** Next year's budget proposals from this year's results (预算安排建议), each with the rule that decided it. */
  readonly proposals?: readonly BookProposal[];
}

/** A row of next year's budget proposals as the book prints it. */
export interface BookProposal {
  readonly department: string;
  readonly project: string;
  readonly lastAmount: string;
  readonly proposed: string;
  /** The rule that decided the figure, in words. */
  readonly rule: string;
  readonly request: string | null;
  readonly overRequest: boolean;
}

/** A section's table, the same in the PDF and as the Excel sheet. */
export interface BookTable {
  readonly columns: readonly string[];
  readonly widths: readonly number[];
  /** Columns holding 万元 (written as numbers in Excel). */
  readonly amounts?: readonly number[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface BookSection {
  readonly key: string;
  /** Its heading and sheet name. */
  readonly title: string;
  /** What the PDF prints under the heading: a summary paragraph or two, then the table. */
  readonly render: (data: BookData) => { readonly summary: readonly string[]; readonly table: BookTable };
}

const STATES: Record<string, string> = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已审核', published: '已公开', accepted: '已审核', scoring: '评分中', concluded: '已出结论', released: '已发布', open: '待整改', reported: '已报整改', reopened: '整改未通过' };
const LIGHTS: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯' };
const PURPOSES: Record<string, string> = { 'ex-ante-project': '项目事前评估', 'ex-ante-policy': '政策事前评估', 'key-evaluation': '重点评价', 'department-evaluation': '部门整体评价', 'sampling-review': '抽评' };
const DECISIONS: Record<string, string> = { support: '予以支持', 'support-after-adjustment': '调整后予以支持', reject: '不予支持' };
const RECTIFICATION_STATES: Record<string, string> = { open: '待整改', reported: '已报整改情况', accepted: '整改已验收', reopened: '整改未通过' };
const SOURCES: Record<string, string> = { 'target-return': '目标审核', 'monitoring-report': '运行监控', assessment: '评估评价', 'sampling-review': '抽评', manual: '手工登记' };

const s = (v: string | null | undefined) => v ?? '';
const state = (v: string) => STATES[v] ?? v;
const of = (data: BookData, ...kinds: string[]) => data.rows.filter((r) => kinds.includes(r.kind));

/** The exact sum of amounts (万元), as text with two decimals. */
export function sumAmounts(values: ReadonlyArray<string | null>): string {
  const amounts: Money[] = [];
  for (const v of values) {
    const parsed = v === null ? null : parseMoney(v);
    if (parsed?.ok) amounts.push(parsed.value);
  }
  return formatMoney(sumMoney(amounts));
}

/** Counts by a key, as "红灯 2、绿灯 5". */
function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].map(([k, n]) => `${k} ${n}`).join('、') || '无';
}

const targets: BookSection = {
  key: 'targets',
  title: '绩效目标',
  render: (data) => {
    const rows = of(data, 'department-target', 'project-target');
    const projects = rows.filter((r) => r.kind === 'project-target');
    return {
      summary: [`${data.year}年共有绩效目标申报表 ${rows.length} 份，其中项目支出 ${projects.length} 份，涉及资金 ${sumAmounts(projects.map((r) => r.amount))} 万元；状态：${tally(rows.map((r) => state(r.state)))}。`],
      table: { columns: ['部门', '项目', '资金（万元）', '审核等级', '状态'], widths: [24, 34, 14, 10, 12], amounts: [2], rows: rows.map((r) => [r.departmentName, r.kind === 'department-target' ? '部门整体' : s(r.projectName), s(r.amount), s(r.reviewGrade), state(r.state)]) },
    };
  },
};

const monitoring: BookSection = {
  key: 'monitoring',
  title: '绩效运行监控',
  render: (data) => {
    const rows = of(data, 'monitoring-report');
    return {
      summary: [`监控表 ${rows.length} 份：${tally(rows.map((r) => (r.light ? (LIGHTS[r.light] ?? r.light) : '未亮灯')))}；预算 ${sumAmounts(rows.map((r) => r.amount))} 万元，已执行 ${sumAmounts(rows.map((r) => r.executed))} 万元。`],
      table: { columns: ['部门', '项目', '预算（万元）', '已执行（万元）', '执行率%', '灯', '状态'], widths: [22, 30, 12, 12, 9, 7, 10], amounts: [2, 3], rows: rows.map((r) => [r.departmentName, r.projectName ?? '部门整体', s(r.amount), s(r.executed), s(r.rate), r.light ? (LIGHTS[r.light] ?? r.light) : '', state(r.state)]) },
    };
  },
};

const selfEvaluations: BookSection = {
  key: 'self-evaluations',
  title: '绩效自评',
  render: (data) => {
    const rows = of(data, 'self-evaluation');
    return {
      summary: [`绩效自评表 ${rows.length} 份，自评等级：${tally(rows.map((r) => r.grade ?? '未评'))}。`],
      table: { columns: ['部门', '项目', '预算（万元）', '执行（万元）', '自评得分', '等级', '状态'], widths: [22, 30, 12, 12, 9, 7, 10], amounts: [2, 3], rows: rows.map((r) => [r.departmentName, r.projectName ?? '部门整体', s(r.amount), s(r.executed), s(r.score), s(r.grade), state(r.state)]) },
    };
  },
};

const assessments: BookSection = {
  key: 'assessments',
  title: '评估评价（事前评估、重点评价、抽评）',
  render: (data) => {
    const rows = of(data, 'assessment');
    const purpose = (r: BookRow) => PURPOSES[String(r.facts.purpose ?? '')] ?? String(r.facts.purpose ?? '');
    return {
      summary: [`财政评估评价 ${rows.length} 项：${tally(rows.map(purpose))}。`],
      table: {
        columns: ['类型', '部门', '对象', '得分', '等级', '结论', '核减（万元）', '状态'],
        widths: [12, 18, 26, 8, 7, 14, 10, 9],
        amounts: [6],
        rows: rows.map((r) => [purpose(r), r.departmentName, s(r.projectName ?? r.title), s(r.score), s(r.grade), DECISIONS[String(r.facts.decision ?? '')] ?? '', typeof r.facts.cut === 'string' ? r.facts.cut : '', state(r.state)]),
      },
    };
  },
};

const rectification: BookSection = {
  key: 'rectification',
  title: '问题整改',
  render: (data) => {
    const rows = of(data, 'rectification');
    const deadline = (r: BookRow) => String(r.facts.deadline ?? '');
    const overdue = rows.filter((r) => (r.state === 'open' || r.state === 'reopened') && deadline(r) < data.today);
    return {
      summary: [`整改事项 ${rows.length} 项：${tally(rows.map((r) => RECTIFICATION_STATES[r.state] ?? r.state))}；逾期未整改 ${overdue.length} 项。`],
      table: {
        columns: ['部门', '问题', '项目', '来源', '整改期限', '状态', '逾期'],
        widths: [18, 30, 18, 10, 14, 12, 6],
        rows: rows.map((r) => [r.departmentName, s(r.title), s(r.projectName), SOURCES[String((r.facts.source as { type?: string } | undefined)?.type ?? '')] ?? '', deadline(r), RECTIFICATION_STATES[r.state] ?? r.state, overdue.includes(r) ? '是' : '']),
      },
    };
  },
};

const disclosure: BookSection = {
  key: 'disclosure',
  title: '信息公开',
  render: (data) => ({
    summary: [`${data.disclosure.length} 个部门应公开 ${data.disclosure.reduce((n, d) => n + d.forms, 0)} 份，已公开 ${data.disclosure.reduce((n, d) => n + d.published, 0)} 份，逾期 ${data.disclosure.reduce((n, d) => n + d.late, 0)} 份。`],
    table: { columns: ['部门', '应公开', '已公开', '逾期', '缺非公开原因', '项目公开率%', '达标'], widths: [30, 10, 10, 10, 14, 14, 8], rows: data.disclosure.map((d) => [d.departmentName, String(d.forms), String(d.published), String(d.late), String(d.reasonsMissing), s(d.share), d.meetsGoal ? '是' : '否']) },
  }),
};

const proposals: BookSection = {
  key: 'proposals',
  title: '预算安排建议',
  render: (data) => {
    const rows = data.proposals ?? [];
    return {
      summary: [
        `据${data.year}年绩效结果提出${data.year + 1}年预算安排建议：持续项目 ${rows.length} 个，上年预算 ${sumAmounts(rows.map((r) => r.lastAmount))} 万元，建议安排 ${sumAmounts(rows.map((r) => r.proposed))} 万元；申请数超出建议的 ${rows.filter((r) => r.overRequest).length} 个。`,
      ],
      table: {
        columns: ['部门', '项目', '上年预算（万元）', '建议安排（万元）', '依据', '申请数（万元）'],
        widths: [20, 28, 14, 14, 20, 14],
        amounts: [2, 3, 5],
        rows: rows.map((r) => [r.department, r.project, r.lastAmount, r.proposed, r.rule, `${s(r.request)}${r.overRequest ? '（超出建议）' : ''}`]),
      },
    };
  },
};

/** The book's sections, in order. */
export const BOOK_SECTIONS: readonly BookSection[] = [targets, monitoring, selfEvaluations, assessments, rectification, proposals, disclosure];

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** The book's title. */
export function bookTitle(data: Pick<BookData, 'scopeName' | 'year'>): string {
  return `${data.scopeName}${data.year}年度预算绩效管理情况报告`;
}

/** The book as a report model: a cover, then each section's heading, summary and table (the PDF writer adds the contents and page numbers). */
export function bookModel(data: BookData, sections: readonly BookSection[] = BOOK_SECTIONS): ReportModel {
  const blocks: ReportBlock[] = [];
  sections.forEach((section, i) => {
    const { summary, table } = section.render(data);
    blocks.push({ type: 'heading', level: 1, text: `${CHINESE_NUMBERS[i] ?? String(i + 1)}、${section.title}` });
    for (const text of summary) blocks.push({ type: 'paragraph', text });
    if (table.rows.length > 0) blocks.push({ type: 'table', columns: table.columns, widths: table.widths, rows: table.rows });
  });
  return { title: bookTitle(data), contents: true, cover: [[data.scope === 'department' ? '部门' : '区划', data.scopeName], ['年度', `${data.year}年`], ['编制日期', data.today]], blocks };
}

/** The book as sheets: a contents sheet, then one per section. */
export function bookSheets(data: BookData, sections: readonly BookSection[] = BOOK_SECTIONS): Array<{ name: string; table: BookTable }> {
  const rendered = sections.map((section, i) => ({ name: `${i + 1} ${section.title.replace(/（.*）/, '')}`, table: section.render(data).table, summary: section.render(data).summary }));
  const contents: BookTable = { columns: ['序号', '部分', '行数', '概况'], widths: [6, 24, 8, 80], rows: rendered.map((r, i) => [String(i + 1), r.name, String(r.table.rows.length), r.summary.join(' ')]) };
  return [{ name: '目录', table: contents }, ...rendered.map((r) => ({ name: r.name, table: r.table }))];
}
