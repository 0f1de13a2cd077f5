/**
 * The wording of the budget overview (预算整体情况) and where each printed amount goes.
 */
import type { BudgetOverview } from '../../core/declaration.ts';

/** A settable amount of the budget overview, as a path of keys. */
export type BudgetField =
  | 'total'
  | 'basic'
  | 'project'
  | 'income.fiscal'
  | 'income.other'
  | 'developmental.specialFiscal'
  | 'developmental.other'
  | 'byLevel.ownLevel'
  | 'byLevel.transferDown';

const VALUE_LABELS: ReadonlyArray<readonly [RegExp, BudgetField]> = [
  [/^(?:部门预算)?(?:支出)?合计$|^预算合计$|^部门预算总额$|^(?:年度)?资金总额$|^预算总额$|^部门(?:整体)?支出(?:预算)?总额$|^收入合计$|^支出总计$|^收支总计$|^部门预算总计$|^年度预算总额$/, 'total'],
  [/^基本支出(?:预算)?$/, 'basic'],
  [/^项目支出(?:预算)?$/, 'project'],
  [/^(?:本年)?财政拨款(?:收入)?$|^财政资金$|^一般公共预算(?:财政)?拨款(?:收入)?$|^财政补助收入$/, 'income.fiscal'],
  [/^其[他它]资金$|^其[他它]收入$/, 'income.other'],
  [/^财政专项资金$/, 'developmental.specialFiscal'],
  [/^其他事业发展性支出$/, 'developmental.other'],
  [/^[区县市省]?本级使用资金$/, 'byLevel.ownLevel'],
  [/^(?:拟用于)?对下转移支付资金$/, 'byLevel.transferDown'],
];

const HEADER_LABELS = new Set([
  '部门预算支出',
  '预算金额（万元）',
  '预算金额(万元)',
  '金额（万元）',
  '收入来源',
  '事业发展性支出',
  '按预算级次划分',
  '预算整体情况',
  '部门预算',
  '支出构成',
  '收入构成',
]);

/** The budget field a printed label stands for, or null. */
export function budgetFieldOf(printed: string): BudgetField | null {
  let label = printed;
  // Every label ends in 支出, 合计, 总额, 拨款, 收入 or 资金: reject the rest before the patterns.
  // 资金总额（万元）: the unit after a label does not change it.
  label = label.replace(/[（(]万元[)）]$/, '');
  if (label.length > 12 || !/(?:支出|合计|总额|拨款|收入|资金|总计|预算)$/.test(label)) return null;
  for (const [pattern, field] of VALUE_LABELS) if (pattern.test(label)) return field;
  return null;
}

/** True for headings of the budget block that carry no amount of their own. */
export function isBudgetHeader(label: string): boolean {
  return HEADER_LABELS.has(label);
}

/** True for the column heading after which a list of amounts follows (预算金额（万元）). */
export function isAmountColumnHeader(label: string): boolean {
  return /^(?:预算)?金额[（(]万元[)）]$/.test(label);
}

/** Reads a budget field. */
export function getBudgetField(budget: BudgetOverview, field: BudgetField): string | null {
  switch (field) {
    case 'total':
    case 'basic':
    case 'project':
      return budget[field];
    case 'income.fiscal':
      return budget.income.fiscal;
    case 'income.other':
      return budget.income.other;
    case 'developmental.specialFiscal':
      return budget.developmental.specialFiscal;
    case 'developmental.other':
      return budget.developmental.other;
    case 'byLevel.ownLevel':
      return budget.byLevel.ownLevel;
    case 'byLevel.transferDown':
      return budget.byLevel.transferDown;
  }
}

/** Writes a budget field. */
export function setBudgetField(budget: BudgetOverview, field: BudgetField, value: string): void {
  switch (field) {
    case 'total':
    case 'basic':
    case 'project':
      budget[field] = value;
      return;
    case 'income.fiscal':
      budget.income.fiscal = value;
      return;
    case 'income.other':
      budget.income.other = value;
      return;
    case 'developmental.specialFiscal':
      budget.developmental.specialFiscal = value;
      return;
    case 'developmental.other':
      budget.developmental.other = value;
      return;
    case 'byLevel.ownLevel':
      budget.byLevel.ownLevel = value;
      return;
    case 'byLevel.transferDown':
      budget.byLevel.transferDown = value;
      return;
  }
}

/** JSON Pointer of a budget field in the canonical JSON. */
export function budgetPointer(field: BudgetField): string {
  return `/budget/${field.replace('.', '/')}`;
}
