/**
 * The monitoring rules M1–M7 (domain.md, "Monitoring rules"): what a finance bureau sends a
 * monitoring report back for. Pure, like the target rules, with sources, examples and bilingual texts.
 */
import { DEVIATION_CATEGORIES, LIGHT_NAMES, LIKELIHOOD_NAMES, type MonitoringReport } from '../monitoringReport.ts';
import { parseTargetValue } from '../targetValue.ts';
import type { RuleSetting } from '../rules/checkConfig.ts';
import { namedIndicator, pointer, type Bilingual, type Finding, type FindingDraft, type Severity } from '../rules/finding.ts';
import { compare, ratioOf } from './ratio.ts';
import { DEFAULT_MONITORING_CONFIG, monthsElapsed, needsExplanation, reportLights, type MonitoringConfig, type ReportLights } from './lights.ts';

export interface MonitoringContext {
  readonly report: MonitoringReport;
  readonly config: MonitoringConfig;
  readonly lights: ReportLights;
}

/** An example of a rule: an edit of the clean example report (exampleReport.ts). */
export interface MonitoringRuleExample {
  readonly shows: string;
  readonly edit: (report: MonitoringReport) => void;
}

export interface MonitoringRule {
  readonly id: string;
  /** M1 … M7 in domain.md. */
  readonly code: string;
  readonly severity: Severity;
  readonly description: Bilingual;
  readonly source: string;
  readonly examples: { readonly bad: MonitoringRuleExample; readonly good: MonitoringRuleExample };
  readonly check: (context: MonitoringContext) => Iterable<FindingDraft>;
}

const amount = (text: string | null) => (text === null ? null : ratioOf(text));

export const cutoffValid: MonitoringRule = {
  id: 'monitoring-cutoff-invalid',
  code: 'M1',
  severity: 'error',
  description: { zh: '数据截止日期须在预算年度内，且不晚于填报日期', en: 'The data cutoff lies in the budget year and not after the report date' },
  source: '财预〔2019〕136号 (1–7月 data, reported in August); local notices (1–6月, 1–9月): domain.md §3.2',
  examples: {
    bad: { shows: '2025 年度的报告，数据截止 2026-07-31', edit: (r) => void (r.round.through = '2026-07-31') },
    good: { shows: '数据截止 2025-07-31，填报 2025-08-05', edit: () => undefined },
  },
  *check({ report }) {
    const through = report.round.through;
    if (monthsElapsed(through) === null) {
      yield { path: '/round/through', message: { zh: `数据截止日期「${through}」不是有效日期（应为 YYYY-MM-DD）`, en: `the data cutoff "${through}" is not a date (YYYY-MM-DD)` } };
      return;
    }
    if (report.year !== null && Number(through.slice(0, 4)) !== report.year) {
      yield { path: '/round/through', message: { zh: `数据截止 ${through} 不在 ${report.year} 预算年度内`, en: `the cutoff ${through} is outside the budget year ${report.year}` } };
    }
    if (report.reportDate !== null && report.reportDate < through) {
      yield { path: '/reportDate', message: { zh: `填报日期 ${report.reportDate} 早于数据截止日期 ${through}`, en: `the report date ${report.reportDate} is before the cutoff ${through}` } };
    }
  },
};

export const budgetExecutionConsistent: MonitoringRule = {
  id: 'monitoring-budget-inconsistent',
  code: 'M2',
  severity: 'error',
  description: { zh: '已执行数不超过全年预算数；全年预计执行数不低于已执行数、不超过全年预算数', en: 'Spent to date ≤ annual budget ≤ …; the projection lies between the spent amount and the budget' },
  source: 'logic of the 预算管理一体化 monitoring table (项目预算执行情况, 全年预计执行情况): domain.md §3.3',
  examples: {
    bad: { shows: '全年预算 100.00 万元，已执行 120.00 万元', edit: (r) => void (r.budget.executedToDate = '120.00') },
    good: { shows: '全年预算 100.00，已执行 60.00，预计 98.00', edit: () => undefined },
  },
  *check({ report }) {
    const annual = amount(report.budget.annual);
    const executed = amount(report.budget.executedToDate);
    const projected = amount(report.budget.projectedAnnual);
    if (annual === null || executed === null) {
      yield { path: annual === null ? '/budget/annual' : '/budget/executedToDate', message: { zh: '未填写全年预算数或截至目前的执行数', en: 'the annual budget or the amount spent to date is missing' } };
      return;
    }
    if (compare(executed, annual) > 0) {
      yield { path: '/budget/executedToDate', message: { zh: `已执行 ${report.budget.executedToDate} 万元，超过全年预算 ${report.budget.annual} 万元`, en: `${report.budget.executedToDate} spent exceeds the annual budget of ${report.budget.annual}` } };
    }
    if (projected !== null && compare(projected, executed) < 0) {
      yield { path: '/budget/projectedAnnual', message: { zh: `全年预计执行 ${report.budget.projectedAnnual} 万元，低于已执行的 ${report.budget.executedToDate} 万元`, en: `the projection ${report.budget.projectedAnnual} is below the ${report.budget.executedToDate} already spent` } };
    }
    if (projected !== null && compare(projected, annual) > 0) {
      yield { path: '/budget/projectedAnnual', message: { zh: `全年预计执行 ${report.budget.projectedAnnual} 万元，超过全年预算 ${report.budget.annual} 万元`, en: `the projection ${report.budget.projectedAnnual} exceeds the annual budget of ${report.budget.annual}` } };
    }
    if (projected === null) yield { path: '/budget/projectedAnnual', message: { zh: '未填写全年预计执行数', en: 'the projected spending for the year is missing' } };
  },
};

export const actualsFilled: MonitoringRule = {
  id: 'monitoring-actual-missing',
  code: 'M3',
  severity: 'error',
  description: { zh: '每项指标须填写截至目前的完成值和全年预计完成值', en: 'Every indicator has its value to date and its projection for the year' },
  source: '预算管理一体化 monitoring table (绩效指标完成情况, 全年预计完成情况): domain.md §3.3',
  examples: {
    bad: { shows: '「培训人次」未填完成值', edit: (r) => void ((r.indicators[0] as { actualToDate: string }).actualToDate = '') },
    good: { shows: '每项指标都有完成值和预计值', edit: () => undefined },
  },
  *check({ report }) {
    for (const [i, indicator] of report.indicators.entries()) {
      const name = namedIndicator(indicator, i);
      if (indicator.actualToDate.trim() === '') yield { path: pointer('indicators', i, 'actualToDate'), message: { zh: `指标${name.zh}未填写截至目前的完成值`, en: `indicator ${name.en} has no value to date` } };
      else if (['placeholder', 'not-applicable'].includes(parseTargetValue(indicator.actualToDate).kind)) {
        yield { path: pointer('indicators', i, 'actualToDate'), message: { zh: `指标${name.zh}的完成值「${indicator.actualToDate}」不是一个值`, en: `indicator ${name.en}: "${indicator.actualToDate}" is not a value` } };
      }
      if (indicator.projectedAnnual.trim() === '') yield { path: pointer('indicators', i, 'projectedAnnual'), message: { zh: `指标${name.zh}未填写全年预计完成值`, en: `indicator ${name.en} has no projection for the year` } };
    }
  },
};

export const deviationExplained: MonitoringRule = {
  id: 'monitoring-deviation-unexplained',
  code: 'M4',
  severity: 'error',
  description: {
    zh: '预计完不成、阶段偏差超过阈值（默认 30%）、红灯或未执行的，须填写偏差原因类别和纠偏措施',
    en: 'A projection that misses, a stage deviation above the threshold (30%), a red light or nothing spent needs a reason category and measures',
  },
  source: 'Jilin 2024 monitoring notice (deviation > 30% or execution 0 must be explained); 136号 annex reason categories: domain.md §3.3, formula 13',
  examples: {
    bad: { shows: '「培训人次」完成 100 人次（应达 292），未说明原因', edit: (r) => void ((r.indicators[0] as { actualToDate: string }).actualToDate = '100人次') },
    good: { shows: '偏差的指标写明「人员保障」及措施', edit: () => undefined },
  },
  *check({ report, config, lights }) {
    for (const [i, indicator] of report.indicators.entries()) {
      if (!needsExplanation(indicator, report.round.through, config, lights.perIndicator[i])) continue;
      const name = namedIndicator(indicator, i);
      const d = indicator.deviation;
      const bad = d.categories.filter((c) => !(DEVIATION_CATEGORIES as readonly string[]).includes(c));
      if (d.categories.length === 0 || bad.length > 0) {
        yield {
          path: pointer('indicators', i, 'deviation', 'categories'),
          message: { zh: `指标${name.zh}偏离目标，须选择偏差原因类别（${DEVIATION_CATEGORIES.join('、')}）`, en: `indicator ${name.en} deviates: choose a reason category (${DEVIATION_CATEGORIES.join(', ')})` },
        };
      }
      if (d.reason.trim() === '') yield { path: pointer('indicators', i, 'deviation', 'reason'), message: { zh: `指标${name.zh}偏离目标，须填写偏差原因分析`, en: `indicator ${name.en} deviates: give the reason` } };
      if (d.measures.trim() === '') yield { path: pointer('indicators', i, 'deviation', 'measures'), message: { zh: `指标${name.zh}偏离目标，须填写纠偏措施`, en: `indicator ${name.en} deviates: give the measures` } };
    }
    const executed = amount(report.budget.executedToDate);
    if ((lights.budget === 'red' || (executed !== null && executed.num === 0n)) && report.budget.reason.trim() === '') {
      yield { path: '/budget/reason', message: { zh: `预算执行进度${lights.budget === 'red' ? '为红灯' : '为零'}，须说明原因`, en: `budget execution is ${lights.budget === 'red' ? 'red' : 'zero'}: give the reason` } };
    }
  },
};

export const likelihoodGiven: MonitoringRule = {
  id: 'monitoring-likelihood',
  code: 'M5',
  severity: 'error',
  description: { zh: '须填写完成目标可能性（确定能 / 有可能 / 完全不可能）；"完全不可能"的须提出整改意见', en: 'Each indicator says how likely its target is (certain / possible / impossible); "impossible" needs rectification advice' },
  source: '预算管理一体化 monitoring table (完成目标可能性, 是否需要整改): domain.md §3.3',
  examples: {
    bad: { shows: '「培训人次」完全不可能完成，未提出整改意见', edit: (r) => void ((r.indicators[0] as { likelihood: string }).likelihood = 'impossible') },
    good: { shows: '可能性已填，完全不可能的有整改意见', edit: () => undefined },
  },
  *check({ report }) {
    let impossible = false;
    for (const [i, indicator] of report.indicators.entries()) {
      const name = namedIndicator(indicator, i);
      if (indicator.likelihood === null) yield { path: pointer('indicators', i, 'likelihood'), message: { zh: `指标${name.zh}未填写完成目标可能性`, en: `indicator ${name.en}: how likely is the target?` } };
      if (indicator.likelihood === 'impossible') impossible = true;
    }
    if (impossible && report.rectification.advice.trim() === '') {
      yield { path: '/rectification/advice', message: { zh: `有指标「${LIKELIHOOD_NAMES.impossible.zh}」完成，须提出整改意见`, en: 'an indicator is impossible to meet: give rectification advice' } };
    }
  },
};

export const lightsComputed: MonitoringRule = {
  id: 'monitoring-light',
  code: 'M6',
  severity: 'warning',
  description: { zh: '按公式计算的预警灯：预算执行按时间进度、指标按阶段目标；总灯取最差', en: 'The lights as the formulas give them: budget by time elapsed, indicators by stage; the overall light is the worst' },
  source: 'formulas 11–12 (vendor practice, 一体化 warnings): domain.md §3.4',
  examples: {
    bad: { shows: '报告自报绿灯，按公式为红灯', edit: (r) => void ((r.indicators[0] as { actualToDate: string; light: string }).actualToDate = '10人次') },
    good: { shows: '预警灯与公式一致', edit: () => undefined },
  },
  *check({ report, lights }) {
    for (const [i, indicator] of report.indicators.entries()) {
      const computed = lights.perIndicator[i]?.light ?? null;
      if (indicator.light !== null && computed !== null && indicator.light !== computed) {
        const name = namedIndicator(indicator, i);
        yield { path: pointer('indicators', i, 'light'), message: { zh: `指标${name.zh}自报${LIGHT_NAMES[indicator.light].zh}，按公式应为${LIGHT_NAMES[computed].zh}`, en: `indicator ${name.en} reports ${LIGHT_NAMES[indicator.light].en}; the formula gives ${LIGHT_NAMES[computed].en}` } };
      }
    }
    for (const key of ['budget', 'indicators', 'overall'] as const) {
      const reported = report.lights[key];
      const computed = lights[key];
      if (reported !== null && computed !== null && reported !== computed) {
        yield { path: pointer('lights', key), message: { zh: `自报${LIGHT_NAMES[reported].zh}，按公式应为${LIGHT_NAMES[computed].zh}`, en: `reports ${LIGHT_NAMES[reported].en}; the formula gives ${LIGHT_NAMES[computed].en}` } };
      }
    }
    if (lights.overall === 'red' || lights.overall === 'yellow') {
      yield { path: '/lights/overall', severity: 'info', message: { zh: `总体预警：${LIGHT_NAMES[lights.overall].zh}`, en: `overall: ${LIGHT_NAMES[lights.overall].en}` } };
    }
  },
};

export const actualWithinProjection: MonitoringRule = {
  id: 'monitoring-actual-above-projection',
  code: 'M7',
  severity: 'warning',
  description: { zh: '累计完成值不应超过全年预计完成值', en: 'A cumulative value to date does not exceed the projection for the year' },
  source: 'logic: a quantity that accumulates cannot fall by the year’s end: domain.md, monitoring rules',
  examples: {
    bad: { shows: '「培训人次」已完成 450，全年预计 400', edit: (r) => void Object.assign(r.indicators[0] as object, { actualToDate: '450人次', projectedAnnual: '400人次' }) },
    good: { shows: '已完成 300，全年预计 520', edit: () => undefined },
  },
  *check({ report }) {
    for (const [i, indicator] of report.indicators.entries()) {
      const target = parseTargetValue(indicator.annualTarget);
      // Only what accumulates: a positive count, not a rate, a limit or a date.
      if (target.kind !== 'quantity' || target.operator === '≤' || target.operator === '<' || ['%', '‰'].includes(target.unit ?? '')) continue;
      const actual = parseTargetValue(indicator.actualToDate);
      const projected = parseTargetValue(indicator.projectedAnnual);
      if (actual.kind !== 'quantity' || projected.kind !== 'quantity') continue;
      const a = ratioOf(actual.value);
      const p = ratioOf(projected.value);
      if (a && p && compare(a, p) > 0) {
        const name = namedIndicator(indicator, i);
        yield { path: pointer('indicators', i, 'projectedAnnual'), message: { zh: `指标${name.zh}已完成 ${indicator.actualToDate}，全年预计却只有 ${indicator.projectedAnnual}`, en: `indicator ${name.en}: ${indicator.actualToDate} done, but only ${indicator.projectedAnnual} projected for the year` } };
      }
    }
  },
};

export const MONITORING_RULES: readonly MonitoringRule[] = [cutoffValid, budgetExecutionConsistent, actualsFilled, deviationExplained, likelihoodGiven, lightsComputed, actualWithinProjection];

/** The findings of a report: every monitoring rule, at its configured severity, in rule order. */
export function checkMonitoringReport(report: MonitoringReport, config: MonitoringConfig = DEFAULT_MONITORING_CONFIG, settings: Readonly<Record<string, RuleSetting>> = {}): { findings: Finding[]; lights: ReportLights } {
  const lights = reportLights(report, config);
  const findings: Finding[] = [];
  for (const rule of MONITORING_RULES) {
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    for (const draft of rule.check({ report, config, lights })) {
      findings.push({ rule: rule.id, severity: setting ?? draft.severity ?? rule.severity, path: draft.path, message: draft.message, ...(draft.suggestion ? { suggestion: draft.suggestion } : {}) });
    }
  }
  return { findings, lights };
}
