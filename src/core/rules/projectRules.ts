/**
 * Rules of the project target form, and of a form read with the documents beside it: its
 * department form's row, its department's project forms, last year's form.
 */
import type { IndicatorRow } from '../document.ts';
import { moneyEquals, subtractMoney, sumMoney, type Money } from '../money.ts';
import { amountOf, show } from './arithmeticRules.ts';
import { goalList, type ExAnteRecord, type ProjectTargetDeclaration } from '../projectTarget.ts';
import { parseTargetValue as parseLike, type TargetValue } from '../targetValue.ts';
import { wordingPairs } from './coverage.ts';
import { namedIndicator, pointer } from './finding.ts';
import { exampleDeclaration, indicatorRow } from './exampleDeclaration.ts';
import { exampleProject } from './exampleProject.ts';
import type { RelatedDocuments, Rule } from './rule.ts';

/** The example project as row 0 of a department form whose row says 300.00. */
function withDepartmentRow(): RelatedDocuments {
  const department = exampleDeclaration();
  department.projects[0] = { name: '电子政务外网运维', content: '', amount: '300.00', expectedOutcome: '' };
  return { departmentForm: { document: department, row: 0 } };
}

function withProjectForms(): RelatedDocuments {
  return { projectForms: [{ id: 'p', document: exampleProject(), row: 0 }] };
}

const PROJECT = ['project-target'] as const;

export const projectNameMissing: Rule = {
  id: 'project-name-missing',
  kinds: PROJECT,
  family: 'completeness',
  severity: 'error',
  description: { zh: '填写项目名称', en: 'The project has a name' },
  source: '项目支出绩效目标申报表 项目基本情况（domain.md §1）',
  examples: {
    bad: { on: 'project-target', shows: '项目名称（空）', edit: (d) => void (d.project.name = null) },
    good: { on: 'project-target', shows: '项目名称 电子政务外网运维', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'project-target') return;
    if (!d.project.name?.trim()) yield { path: '/project/name', message: { zh: '未填写项目名称', en: 'the project has no name' } };
  },
};

export const projectFundsMissing: Rule = {
  id: 'project-funds-missing',
  kinds: PROJECT,
  family: 'completeness',
  severity: 'error',
  description: { zh: '填写项目资金总额', en: "The project's total funds are given" },
  source: '项目支出绩效目标申报表 项目资金（domain.md §6）',
  examples: {
    bad: { on: 'project-target', shows: '资金总额（空）', edit: (d) => void (d.funds.total = null) },
    good: { on: 'project-target', shows: '资金总额 300.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'project-target') return;
    if (d.funds.total === null) yield { path: '/funds/total', message: { zh: '未填写项目资金总额', en: 'no total funds' } };
  },
};

export const projectFundsSum: Rule = {
  id: 'project-funds-sum',
  kinds: PROJECT,
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '资金来源各项之和 = 资金总额', en: 'The funding sources add up to the total' },
  source: '项目支出绩效目标申报表 项目资金（domain.md A1, B1）',
  examples: {
    bad: { on: 'project-target', shows: '总额 300.00，财政拨款 250.00，其他资金 0.00', edit: (d) => void (d.funds.items[0] = { label: '财政拨款', amount: '250.00' }) },
    good: { on: 'project-target', shows: '总额 300.00，财政拨款 300.00，其他资金 0.00', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'project-target') return;
    const total = amountOf(d.funds.total);
    const amounts = d.funds.items.map((item) => amountOf(item.amount));
    if (!total || amounts.length === 0 || amounts.every((a) => a === null)) return;
    for (const [i, amount] of amounts.entries()) {
      // A part larger than the whole (domain.md B9) says more than a wrong sum.
      if (amount && amount.units > total.units) {
        yield { path: pointer('funds', 'items', i, 'amount'), message: { zh: `「${d.funds.items[i]?.label}」${show(amount)} 万元大于资金总额 ${show(total)} 万元`, en: `${d.funds.items[i]?.label}: ${show(amount)} 万元 is more than the total ${show(total)} 万元` } };
        return;
      }
    }
    const sum = sumMoney(amounts.filter((a): a is Money => a !== null));
    if (moneyEquals(sum, total)) return;
    const labels = d.funds.items.map((item) => item.label).join(' + ');
    yield {
      path: '/funds/total',
      message: {
        zh: `资金来源之和 ${show(sum)} 万元（${labels}）与资金总额 ${show(total)} 万元相差 ${show(subtractMoney(total, sum))} 万元`,
        en: `the sources add up to ${show(sum)} 万元 (${labels}), the total is ${show(total)} 万元 (difference ${show(subtractMoney(total, sum))})`,
      },
    };
  },
};

export const projectPeriodInvalid: Rule = {
  id: 'project-period-invalid',
  kinds: PROJECT,
  family: 'completeness',
  severity: 'error',
  description: { zh: '实施期起止有效，且覆盖预算年度', en: 'The implementation period is valid and covers the budget year' },
  source: 'logic（domain.md S16）',
  examples: {
    bad: { on: 'project-target', shows: '实施期 2026年1月-2026年12月，预算年度 2025', edit: (d) => void (d.project.period = { start: '2026-01', end: '2026-12', text: '2026年1月-2026年12月' }) },
    good: { on: 'project-target', shows: '实施期 2025年1月-2025年12月', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'project-target') return;
    const { start, end } = d.project.period;
    if (start === null || end === null) return;
    if (start > end) {
      yield { path: '/project/period/text', message: { zh: `实施期起点 ${start} 晚于终点 ${end}`, en: `the period starts (${start}) after it ends (${end})` } };
      return;
    }
    if (d.year !== null && (Number(start.slice(0, 4)) > d.year || Number(end.slice(0, 4)) < d.year)) {
      yield { path: '/project/period/text', message: { zh: `实施期 ${start} 至 ${end} 不含预算年度 ${d.year} 年`, en: `the period ${start} to ${end} does not include the budget year ${d.year}` } };
    }
  },
};

export const projectAnnualGoalMissing: Rule = {
  id: 'project-annual-goal-missing',
  kinds: PROJECT,
  family: 'completeness',
  severity: 'error',
  description: { zh: '填写年度绩效目标', en: 'The annual goal is given' },
  source: '财预〔2015〕88号 申报表（domain.md S21）',
  examples: {
    bad: { on: 'project-target', shows: '年度目标（空）', edit: (d) => void (d.annualGoal = '') },
    good: { on: 'project-target', shows: '年度目标 全年网络可用率不低于99.9%', edit: () => undefined },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'project-target') return;
    if (goalList(d.annualGoal).every((g) => g.trim() === '')) yield { path: '/annualGoal', message: { zh: '未填写年度绩效目标', en: 'no annual goal' } };
  },
};

export const projectFundsMatchDepartment: Rule = {
  id: 'project-funds-match-department',
  kinds: PROJECT,
  family: 'arithmetic',
  severity: 'error',
  description: { zh: '项目资金总额 = 部门整体申报表中该项目的金额', en: "The project's total equals its row in the department form" },
  source: '财政部门对项目与部门整体目标的联审（domain.md B4）',
  examples: {
    bad: { on: 'project-target', shows: '项目表 300.00，部门表该行 280.00', edit: (d) => void (d.funds.total = '320.00'), related: withDepartmentRow },
    good: { on: 'project-target', shows: '项目表 300.00，部门表该行 300.00', edit: () => undefined, related: withDepartmentRow },
  },
  *check({ declaration: d, related }) {
    if (d.kind !== 'project-target') return;
    const link = related.departmentForm;
    if (!link || link.row === null) return;
    const row = link.document.projects[link.row];
    const mine = amountOf(d.funds.total);
    const theirs = amountOf(row?.amount ?? null);
    if (!row || !mine || !theirs || moneyEquals(mine, theirs)) return;
    yield {
      path: '/funds/total',
      message: {
        zh: `项目资金总额 ${show(mine)} 万元与部门整体申报表第 ${link.row + 1} 项「${row.name}」的 ${show(theirs)} 万元不一致`,
        en: `the total ${show(mine)} 万元 differs from row ${link.row + 1} (${row.name}) of the department form: ${show(theirs)} 万元`,
      },
      suggestion: { zh: '核对两张表的金额，改正错误的一方', en: 'check both forms and correct the wrong one' },
    };
  },
};

export const continuingWithoutLastYear: Rule = {
  id: 'continuing-without-last-year',
  kinds: PROJECT,
  family: 'completeness',
  severity: 'warning',
  description: { zh: '延续项目应有上年度的项目绩效目标', en: "A continuing project has last year's form" },
  source: '项目属性：延续项目是以前年度已批准的项目（填报说明）',
  examples: {
    bad: { on: 'project-target', shows: '项目属性 延续，无上年申报表', edit: (d) => void (d.project.nature = '延续项目'), related: () => ({ lastYear: null }) },
    good: { on: 'project-target', shows: '项目属性 新增', edit: (d) => void (d.project.nature = '新增项目'), related: () => ({ lastYear: null }) },
  },
  *check({ declaration: d, related }) {
    if (d.kind !== 'project-target' || !d.project.nature?.includes('延续')) return;
    // Only a caller that looked for last year's form (null: none found) can say there is none.
    if (related.lastYear !== null) return;
    yield {
      path: '/project/nature',
      message: { zh: `延续项目「${d.project.name ?? ''}」没有上年度的项目绩效目标申报表`, en: `continuing project ${d.project.name ?? ''} has no form for last year` },
      suggestion: { zh: '用“新建 → 从上年复制”接续上年的目标，或把项目属性改为新增', en: 'copy last year’s form (New → copy from last year), or mark the project as new' },
    };
  },
};

/** Positive (≥ >) or reverse (≤ <) direction of a quantity target, with its value and unit. */
function directed(v: TargetValue): { dir: 'up' | 'down'; value: number; unit: string | null } | null {
  if (v.kind !== 'quantity' || v.operator === null || v.operator === '=') return null;
  return { dir: v.operator === '≥' || v.operator === '>' ? 'up' : 'down', value: Number(v.value), unit: v.unit };
}

export const targetBelowLastYear: Rule = {
  id: 'target-below-last-year',
  kinds: ['department-target', 'project-target'],
  family: 'target',
  severity: 'warning',
  description: { zh: '指标值不低于上年度的目标', en: "A target is not lower than last year's" },
  source: '绩效目标应与上年度实际水平相比有所提升（88号 art. 24 合理性）',
  examples: {
    bad: { on: 'project-target', shows: '网络可用率 今年 ≥99%，上年 ≥99.9%', edit: (d) => void ((d.indicators[1] as IndicatorRow).carriedOver = '≥99.95%') },
    good: { on: 'project-target', shows: '网络可用率 今年 ≥99.9%，上年 ≥99.9%', edit: () => undefined },
  },
  *check({ declaration: d, related }) {
    const last = related.lastYear;
    const lastByName = new Map<string, string>();
    for (const indicator of last?.indicators ?? []) lastByName.set(indicator.name.trim(), indicator.annualTarget);
    for (const [i, indicator] of (d.indicators as readonly IndicatorRow[]).entries()) {
      const previous = indicator.carriedOver ?? lastByName.get(indicator.name.trim());
      if (previous === undefined) continue;
      const now = directed(indicator.annualTargetValue);
      const before = directed(parseLike(previous));
      if (!now || !before || now.dir !== before.dir || now.unit !== before.unit) continue;
      const lower = now.dir === 'up' ? now.value < before.value : now.value > before.value;
      if (!lower) continue;
      yield {
        path: pointer('indicators', i, 'annualTarget'),
        message: {
          zh: `${namedIndicator(indicator, i).zh}的年度指标值「${indicator.annualTarget}」低于上年度的「${previous}」`,
          en: `${namedIndicator(indicator, i).en}: the target "${indicator.annualTarget}" is lower than last year's "${previous}"`,
        },
        suggestion: { zh: '说明降低的原因，或维持上年度的水平', en: 'explain why it is lower, or keep last year’s level' },
      };
    }
  },
};

export const departmentIndicatorNotCarried: Rule = {
  id: 'department-indicator-not-carried',
  family: 'coverage',
  severity: 'info',
  description: { zh: '部门整体指标由项目指标支撑', en: "The department's indicators are carried by its projects'" },
  source: '部门整体绩效目标与项目绩效目标相衔接（domain.md §5.1）',
  examples: {
    bad: { shows: '部门指标「档案数字化完成率」，各项目表无相应指标', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '质量指标', '档案数字化完成率', '≥95%')), related: withProjectForms },
    good: { shows: '部门的每项指标在项目表中都有相应指标', edit: () => undefined, related: () => ({ projectForms: [{ id: 'p', document: exampleDeclaration(), row: null }] }) },
  },
  *check({ declaration: d, related }) {
    if (d.kind !== 'department-target') return;
    const projects = related.projectForms ?? [];
    if (projects.length === 0) return;
    const carried = new Set<number>();
    for (const p of projects) for (const indicator of p.document.indicators) for (const pair of wordingPairs(indicator.name)) carried.add(pair);
    for (const [i, indicator] of d.indicators.entries()) {
      const pairs = [...wordingPairs(indicator.name)];
      if (pairs.length === 0 || pairs.some((pair) => carried.has(pair))) continue;
      yield {
        path: pointer('indicators', i, 'name'),
        message: { zh: `${namedIndicator(indicator, i).zh}在本部门的 ${projects.length} 张项目表中都找不到相应的指标`, en: `${namedIndicator(indicator, i).en} appears in none of the department's ${projects.length} project forms` },
      };
    }
  },
};

export const targetFusedCells: Rule = {
  id: 'target-fused-cells',
  kinds: ['department-target', 'project-target'],
  family: 'target',
  severity: 'warning',
  description: { zh: '指标值不与相邻单元格（分值、备注）粘连', en: 'A target has not run into the next cell (score, note)' },
  source: '无分隔符的文本中相邻单元格会粘连（published-layouts.md (d)）',
  examples: {
    bad: { on: 'project-target', shows: '指标值「88100」（88 与分值 100 粘连）', edit: (d) => void Object.assign(d.indicators[0] as IndicatorRow, { annualTarget: '88100', annualTargetValue: parseLike('88100') }) },
    good: { on: 'project-target', shows: '指标值「≥120个」', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of (d.indicators as readonly IndicatorRow[]).entries()) {
      for (const field of ['periodTarget', 'annualTarget'] as const) {
        const raw = (indicator[field] ?? '').trim();
        if (!/^\d{5,}$/.test(raw)) continue;
        yield {
          path: pointer('indicators', i, field),
          message: { zh: `${namedIndicator(indicator, i).zh}的指标值「${raw}」是一串没有单位的数字，可能与分值或其他单元格粘连`, en: `${namedIndicator(indicator, i).en}: the target "${raw}" is a run of digits with no unit; cells may have run together` },
          suggestion: { zh: '对照原表，分开指标值与分值后重新填写', en: 'check the original form and separate the target from the score' },
        };
      }
    }
  },
};

const STANDARDS = new Set(['计划标准', '行业标准', '历史标准', '预算支出标准', '其他标准', '其他']);

export const standardMissing: Rule = {
  id: 'standard-missing',
  kinds: PROJECT,
  family: 'completeness',
  severity: 'warning',
  description: { zh: '有绩效标准列时，每项指标写明取值依据', en: 'Where the form has a standard column, every indicator names its standard' },
  source: '财预〔2021〕101号：指标值的取值依据为计划、行业、历史或其他标准（domain.md S18）',
  examples: {
    bad: { on: 'project-target', shows: '网络可用率 | 绩效标准（空）', edit: (d) => void d.indicators.forEach((i, n) => (i.standard = n === 1 ? '' : '计划标准')) },
    good: { on: 'project-target', shows: '网络可用率 | 行业标准', edit: (d) => void d.indicators.forEach((i) => (i.standard = '行业标准')) },
  },
  *check({ declaration: d }) {
    if (d.kind !== 'project-target' || !d.indicators.some((i) => i.standard !== null)) return;
    for (const [i, indicator] of d.indicators.entries()) {
      const standard = (indicator.standard ?? '').trim();
      if (standard === '') {
        yield { path: pointer('indicators', i, 'standard'), message: { zh: `${namedIndicator(indicator, i).zh}未写明绩效标准（计划、行业、历史或其他标准）`, en: `${namedIndicator(indicator, i).en}: no standard (plan, industry, history or other)` } };
      } else if (!STANDARDS.has(standard)) {
        yield { path: pointer('indicators', i, 'standard'), message: { zh: `${namedIndicator(indicator, i).zh}的绩效标准「${standard}」不是计划、行业、历史或其他标准`, en: `${namedIndicator(indicator, i).en}: "${standard}" is not one of the standards (plan, industry, history, other)` } };
      }
    }
  },
};

const exAnte = (decision: ExAnteRecord['decision']): RelatedDocuments => ({ exAnte: { assessment: 'a', decision, grade: decision === 'reject' ? '差' : '良', total: decision === 'reject' ? '55.00' : '84.50', supported: decision === 'reject' ? '0.00' : '300.00', cut: '0.00', concludedAt: '2025-03-01T00:00:00.000Z' } });

/** Continuing and recurring projects (延续, 常年) are not new: their ex-ante assessment is not required by amount. */
const CONTINUING = /延续|常年|经常|持续/;

export const projectExAnte: Rule = {
  id: 'project-ex-ante',
  kinds: PROJECT,
  family: 'completeness',
  severity: 'error',
  description: { zh: '新增项目经事前绩效评估且未被评为不予支持', en: 'A new project has an ex-ante assessment that does not reject it' },
  source: '中发〔2018〕34号（事前绩效评估）；各地事前评估办法：未评估或评估未通过的不安排预算（domain-evaluation.md §1）；须评估的金额为地区设置 exAnteRequiredFrom',
  examples: {
    bad: { on: 'project-target', shows: '事前绩效评估结论：不予支持', edit: () => undefined, related: () => exAnte('reject') },
    good: { on: 'project-target', shows: '事前绩效评估结论：调整后予以支持', edit: () => undefined, related: () => exAnte('support-after-adjustment') },
  },
  *check({ declaration: d, related, config }) {
    // Only where the server looked the assessment up; a file checked alone says nothing of it.
    if (d.kind !== 'project-target' || related.exAnte === undefined) return;
    if (related.exAnte?.decision === 'reject') {
      yield { path: '/exAnte/decision', message: { zh: '事前绩效评估结论为“不予支持”，不应安排预算', en: 'the ex-ante assessment rejects the project: no budget should be arranged' } };
      return;
    }
    const floor = config.thresholds.exAnteRequiredFrom;
    const total = amountOf(d.funds.total);
    const limit = floor === null ? null : amountOf(floor);
    if (related.exAnte !== null || limit === null || total === null || total.units < limit.units || CONTINUING.test(d.project.nature ?? '')) return;
    yield { severity: 'warning', path: '/funds/total', message: { zh: `新增项目资金 ${show(total)} 万元，达到事前绩效评估起点 ${show(limit)} 万元，尚无事前绩效评估结论`, en: `a new project of ${show(total)} (万元), at or above the ${show(limit)} that requires an ex-ante assessment, has none concluded` } };
  },
};

export const PROJECT_RULES: readonly Rule[] = [
  standardMissing,
  targetFusedCells,
  projectNameMissing,
  projectFundsMissing,
  projectFundsSum,
  projectFundsMatchDepartment,
  projectPeriodInvalid,
  projectAnnualGoalMissing,
  continuingWithoutLastYear,
  targetBelowLastYear,
  departmentIndicatorNotCarried,
  projectExAnte,
];

export type { ProjectTargetDeclaration };
