/**
 * Arithmetic of the budget overview (金额勾稽): the sums a reviewer adds up by hand. Exact decimal,
 * no tolerance: amounts are printed to the 分 of 万元 and must add up to it.
 */
import type { Amount, DepartmentTargetDeclaration } from '../declaration.ts';
import { addMoney, compareMoney, formatMoneyGrouped, parseMoney, subtractMoney, sumMoney, type Money } from '../money.ts';
import { pointer, type FindingDraft } from './finding.ts';
import type { Rule } from './rule.ts';

/** An amount of the form as money; null when absent or not an amount. */
export function amountOf(value: Amount): Money | null {
  if (value === null) return null;
  const parsed = parseMoney(value);
  return parsed.ok ? parsed.value : null;
}

// Amounts in messages are written as forms print them, grouped by thousands: 4,417.50.
export const show = (m: Money): string => formatMoneyGrouped(m);

/** A sum rule: `parts` add up to `whole`, each a labelled amount. */
function sumCheck(
  whole: { path: string; label: string; value: Amount },
  parts: ReadonlyArray<{ label: string; value: Amount }>,
): FindingDraft[] {
  const total = amountOf(whole.value);
  const values = parts.map((part) => amountOf(part.value));
  if (total === null || values.some((v) => v === null)) return [];
  const sum = sumMoney(values as Money[]);
  if (compareMoney(sum, total) === 0) return [];
  const names = parts.map((p) => p.label).join(' + ');
  const figures = values.map((v) => show(v as Money)).join(' + ');
  return [
    {
      path: whole.path,
      message: {
        zh: `${names} = ${figures} = ${show(sum)} 万元，与${whole.label} ${show(total)} 万元不符（相差 ${show(subtractMoney(total, sum))} 万元）`,
        en: `${names} = ${figures} = ${show(sum)} 万元, but ${whole.label} is ${show(total)} 万元 (difference ${show(subtractMoney(total, sum))} 万元)`,
      },
      suggestion: { zh: `核对${names}与${whole.label}`, en: `check ${names} against ${whole.label}` },
    },
  ];
}

export const budgetTotalSum: Rule = {
  id: 'budget-total-sum',
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '基本支出 + 项目支出 = 部门预算合计', en: 'Basic plus project spending equals the printed total' },
  source: '部门整体支出绩效目标申报表 收支构成（domain.md B2）',
  examples: {
    bad: { shows: '合计 1000.00，基本支出 600.00，项目支出 300.00', edit: (d) => void (d.budget.project = '300.00') },
    good: { shows: '合计 1000.00，基本支出 600.00，项目支出 400.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    if (d.budget.totalDerived) return;
    yield* sumCheck({ path: '/budget/total', label: '部门预算合计', value: d.budget.total }, [
      { label: '基本支出', value: d.budget.basic },
      { label: '项目支出', value: d.budget.project },
    ]);
  },
};

export const budgetIncomeSum: Rule = {
  id: 'budget-income-sum',
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '收入来源（财政拨款 + 其他资金）= 预算合计', en: 'Income sources (fiscal + other funds) add up to the total' },
  source: '湖北 部门整体支出绩效目标申报表：资金来源合计 = 支出合计（domain.md B1, B3）',
  examples: {
    bad: { shows: '财政拨款 900.00 + 其他资金 0.00 ≠ 合计 1000.00', edit: (d) => void (d.budget.income.fiscal = '900.00') },
    good: { shows: '财政拨款 1000.00 + 其他资金 0.00 = 合计 1000.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    yield* sumCheck({ path: '/budget/income/fiscal', label: '预算合计', value: d.budget.total }, [
      { label: '财政拨款', value: d.budget.income.fiscal },
      { label: '其他资金', value: d.budget.income.other },
    ]);
  },
};

export const budgetLevelSum: Rule = {
  id: 'budget-level-sum',
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '按预算级次划分（本级使用 + 对下转移支付）= 预算合计', en: 'Own-level use plus transfers down add up to the total' },
  source: '广东 部门整体预算绩效目标申报表 按预算级次划分（domain.md B6, inferred）',
  examples: {
    bad: { shows: '区本级使用资金 800.00 + 对下转移支付 0.00 ≠ 合计 1000.00', edit: (d) => void (d.budget.byLevel.ownLevel = '800.00') },
    good: { shows: '区本级使用资金 1000.00 + 对下转移支付 0.00 = 合计 1000.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    yield* sumCheck({ path: '/budget/byLevel/ownLevel', label: '预算合计', value: d.budget.total }, [
      { label: '区本级使用资金', value: d.budget.byLevel.ownLevel },
      { label: '拟用于对下转移支付资金', value: d.budget.byLevel.transferDown },
    ]);
  },
};

export const budgetDevelopmentalWithinProject: Rule = {
  id: 'budget-developmental-within-project',
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '事业发展性支出（财政专项资金 + 其他）不超过项目支出', en: 'Development spending does not exceed project spending' },
  source: '广东 事业发展性支出口径（domain.md B5, inferred）',
  examples: {
    bad: { shows: '财政专项资金 400.00 + 其他 50.00 > 项目支出 400.00', edit: (d) => void (d.budget.developmental.specialFiscal = '400.00') },
    good: { shows: '财政专项资金 100.00 + 其他 50.00 ≤ 项目支出 400.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    const project = amountOf(d.budget.project);
    const special = amountOf(d.budget.developmental.specialFiscal);
    const other = amountOf(d.budget.developmental.other);
    if (!project || !special || !other) return;
    const developmental = addMoney(special, other);
    if (compareMoney(developmental, project) <= 0) return;
    yield {
      path: '/budget/developmental/specialFiscal',
      message: {
        zh: `事业发展性支出 ${show(special)} + ${show(other)} = ${show(developmental)} 万元，超过项目支出 ${show(project)} 万元`,
        en: `development spending ${show(special)} + ${show(other)} = ${show(developmental)} 万元 exceeds project spending ${show(project)} 万元`,
      },
    };
  },
};

export const budgetProjectsWithinProject: Rule = {
  id: 'budget-projects-within-project',
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '各重点项目拟投入资金之和不超过项目支出', en: 'The key projects together do not exceed project spending' },
  source: 'logic (domain.md B4)',
  examples: {
    bad: { shows: '项目 300.00 + 200.00 > 项目支出 400.00', edit: (d) => void ((d.projects[1] as { amount: string }).amount = '200.00') },
    good: { shows: '项目 300.00 + 100.00 = 项目支出 400.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    const project = amountOf(d.budget.project);
    const amounts = d.projects.map((p) => amountOf(p.amount));
    if (!project || d.projects.length === 0 || amounts.some((a) => a === null)) return;
    const sum = sumMoney(amounts as Money[]);
    if (compareMoney(sum, project) <= 0) return;
    yield {
      path: '/budget/project',
      message: {
        zh: `${d.projects.length} 个重点项目合计 ${show(sum)} 万元，超过项目支出 ${show(project)} 万元（超出 ${show(subtractMoney(sum, project))} 万元）`,
        en: `the ${d.projects.length} key projects total ${show(sum)} 万元, more than project spending of ${show(project)} 万元 (by ${show(subtractMoney(sum, project))} 万元)`,
      },
    };
  },
};

export const budgetProjectsItemised: Rule = {
  id: 'budget-projects-itemised',
  family: 'arithmetic',
  severity: 'info',
  description: { zh: '说明项目支出中未列入重点项目的金额', en: 'Notes how much project spending is not itemised as key projects' },
  source: 'logic (domain.md B4: = when the department declares all its projects)',
  examples: {
    bad: { shows: '项目支出 400.00，重点项目合计 300.00（100.00 未列明）', edit: (d) => void (d.projects = d.projects.slice(0, 1)) },
    good: { shows: '项目支出 400.00，重点项目合计 400.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    const project = amountOf(d.budget.project);
    const amounts = d.projects.map((p) => amountOf(p.amount));
    if (!project || d.projects.length === 0 || amounts.some((a) => a === null)) return;
    const sum = sumMoney(amounts as Money[]);
    if (compareMoney(sum, project) >= 0) return;
    const rest = subtractMoney(project, sum);
    yield {
      path: '/projects',
      message: {
        zh: `重点项目合计 ${show(sum)} 万元，项目支出 ${show(project)} 万元中有 ${show(rest)} 万元未列为重点项目`,
        en: `key projects total ${show(sum)} 万元; ${show(rest)} 万元 of project spending (${show(project)} 万元) is not itemised`,
      },
    };
  },
};

/** The amount fields of the budget overview with their pointers. */
export const AMOUNT_FIELDS: ReadonlyArray<readonly [string, (d: DepartmentTargetDeclaration) => Amount]> = [
  ['/budget/total', (d) => d.budget.total],
  ['/budget/basic', (d) => d.budget.basic],
  ['/budget/project', (d) => d.budget.project],
  ['/budget/income/fiscal', (d) => d.budget.income.fiscal],
  ['/budget/income/other', (d) => d.budget.income.other],
  ['/budget/developmental/specialFiscal', (d) => d.budget.developmental.specialFiscal],
  ['/budget/developmental/other', (d) => d.budget.developmental.other],
  ['/budget/byLevel/ownLevel', (d) => d.budget.byLevel.ownLevel],
  ['/budget/byLevel/transferDown', (d) => d.budget.byLevel.transferDown],
];

export const amountsNonNegative: Rule = {
  id: 'amounts-non-negative',
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '所有金额不得为负数', en: 'No amount is negative' },
  source: 'logic (domain.md B7)',
  examples: {
    bad: { shows: '其他资金 -5.00', edit: (d) => void (d.budget.income.other = '-5.00') },
    good: { shows: '其他资金 0.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'department-target') return;
    for (const [path, read] of AMOUNT_FIELDS) {
      const value = amountOf(read(d));
      if (value && value.units < 0n) yield { path, message: { zh: `金额为负数：${show(value)} 万元`, en: `negative amount: ${show(value)} 万元` } };
    }
    for (const [i, project] of d.projects.entries()) {
      const value = amountOf(project.amount);
      if (value && value.units < 0n) {
        yield { path: pointer('projects', i, 'amount'), message: { zh: `「${project.name}」金额为负数：${show(value)} 万元`, en: `${project.name}: negative amount ${show(value)} 万元` } };
      }
    }
  },
};

export const ARITHMETIC_RULES: readonly Rule[] = [
  budgetTotalSum,
  budgetIncomeSum,
  budgetLevelSum,
  budgetDevelopmentalWithinProject,
  budgetProjectsWithinProject,
  budgetProjectsItemised,
  amountsNonNegative,
];
