/**
 * The few numbers of a stored target document that dashboards add up across departments: its
 * findings counted by rule family and severity, and its money split into named budget lines. The
 * write path stores them beside each form's current version, so a region's dashboard sums small
 * rows instead of reading every form's JSON.
 */
import type { TargetDocument } from './document.ts';
import { isMoneyText } from './money.ts';
import { ALL_RULES } from './rules/allRules.ts';
import type { Finding, Severity } from './rules/finding.ts';
import type { RuleFamily } from './rules/rule.ts';

/** A rule family's findings of one severity in one document. */
export interface FindingCount {
  readonly family: RuleFamily;
  readonly severity: Severity;
  readonly n: number;
}

/**
 * The budget lines a dashboard adds up. Department forms split their total by kind of spending
 * (基本支出 / 项目支出), by source (财政拨款 / 其他资金) and by level (本级 / 对下转移支付); project
 * forms by source and under their 项目类别 — the nearest the published forms come to a functional
 * classification (they print no 功能分类 code).
 */
export type BudgetLine = 'basic' | 'project' | 'fiscal' | 'other' | 'own-level' | 'transfer-down' | `category:${string}`;

export const BUDGET_LINE_NAMES: Record<'basic' | 'project' | 'fiscal' | 'other' | 'own-level' | 'transfer-down', { zh: string; en: string }> = {
  basic: { zh: '基本支出', en: 'Basic spending' },
  project: { zh: '项目支出', en: 'Project spending' },
  fiscal: { zh: '财政拨款', en: 'Fiscal appropriation' },
  other: { zh: '其他资金', en: 'Other funds' },
  'own-level': { zh: '本级使用', en: 'Own level' },
  'transfer-down': { zh: '对下转移支付', en: 'Transfers down' },
};

/** The category of a project form that names none. */
export const UNCATEGORISED = '未分类';

const FAMILY_OF = new Map<string, RuleFamily>(ALL_RULES.map((rule) => [rule.id, rule.family]));

/** Findings counted by the family of the rule that found them (a rule no longer known is left out). */
export function countFindingsByFamily(findings: readonly Finding[]): FindingCount[] {
  const counts = new Map<string, FindingCount>();
  for (const finding of findings) {
    const family = FAMILY_OF.get(finding.rule);
    if (!family) continue;
    const key = `${family}\u0000${finding.severity}`;
    const seen = counts.get(key);
    counts.set(key, { family, severity: finding.severity, n: (seen?.n ?? 0) + 1 });
  }
  return [...counts.values()];
}

/** A document's money by budget line, as exact decimal strings in 万元 (lines the form leaves blank are absent). */
export function budgetLines(document: TargetDocument): Array<{ line: BudgetLine; amount: string }> {
  const lines: Array<{ line: BudgetLine; amount: string | null }> =
    document.kind === 'project-target'
      ? [
          { line: `category:${document.project.category?.trim() || UNCATEGORISED}`, amount: document.funds.total },
          { line: 'fiscal', amount: document.funds.fiscal },
          { line: 'other', amount: document.funds.other },
        ]
      : [
          { line: 'basic', amount: document.budget.basic },
          { line: 'project', amount: document.budget.project },
          { line: 'fiscal', amount: document.budget.income.fiscal },
          { line: 'other', amount: document.budget.income.other },
          { line: 'own-level', amount: document.budget.byLevel.ownLevel },
          { line: 'transfer-down', amount: document.budget.byLevel.transferDown },
        ];
  // Only amounts that are exact decimals are added up; a malformed one is the checker's to report.
  return lines.flatMap(({ line, amount }) => (amount !== null && isMoneyText(amount) ? [{ line, amount }] : []));
}
