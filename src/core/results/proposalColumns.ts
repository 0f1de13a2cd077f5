/**
 * The proposals' table as printed — CSV (`jixiao propose --format csv`), Excel and PDF — one column
 * list, so every export shows the same figures with the rule beside each.
 */
import { ruleName } from './rules.ts';
import type { ProposalRow } from './proposal.ts';

export interface ProposalColumn {
  readonly zh: string;
  readonly en: string;
  readonly width: number;
  readonly amount?: boolean;
  readonly value: (row: ProposalRow, lang: 'zh' | 'en') => string | null;
}

const GRADE_SOURCE = { 'self-evaluation': { zh: '自评', en: 'self-evaluation' }, 'sampling-review': { zh: '抽评', en: 'sampling review' }, 'key-evaluation': { zh: '重点评价', en: 'key evaluation' } } as const;

/** What the results of a row were, in words: 「抽评 差；监控红灯未整改」. */
export function resultsText(row: ProposalRow, lang: 'zh' | 'en'): string {
  return row.fired.map((f) => f[lang]).join(lang === 'zh' ? '；' : '; ');
}

export const PROPOSAL_COLUMNS: readonly ProposalColumn[] = [
  { zh: '部门', en: 'Department', width: 22, value: (r) => r.department },
  { zh: '项目名称', en: 'Project', width: 30, value: (r) => r.project },
  { zh: '项目编码', en: 'Code', width: 16, value: (r) => r.code },
  { zh: '上年金额（万元）', en: 'Last year (万元)', width: 14, amount: true, value: (r) => r.lastAmount },
  { zh: '评价等级', en: 'Grade', width: 14, value: (r, lang) => (r.grade ? `${GRADE_SOURCE[r.grade.source][lang]} ${r.grade.grade}` : null) },
  { zh: '适用结果', en: 'Results applied', width: 40, value: (r, lang) => resultsText(r, lang) || null },
  { zh: '规则测算（万元）', en: 'By the rules (万元)', width: 14, amount: true, value: (r) => r.computed },
  { zh: '建议安排（万元）', en: 'Proposed (万元)', width: 14, amount: true, value: (r) => r.proposed },
  { zh: '依据规则', en: 'Rule', width: 20, value: (r, lang) => `${r.rule} ${ruleName(r.rule)[lang]}` },
  { zh: '例外理由', en: 'Exception reason', width: 30, value: (r) => r.exception?.reason ?? null },
  { zh: '部门申请（万元）', en: 'Requested (万元)', width: 14, amount: true, value: (r) => r.request },
  { zh: '申请超出建议', en: 'Request above proposal', width: 12, value: (r, lang) => (r.overRequest ? (lang === 'zh' ? '是' : 'yes') : null) },
];
