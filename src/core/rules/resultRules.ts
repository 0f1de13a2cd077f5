/**
 * Results that feed next year (中发〔2018〕34号: results shape the next budget): a form read with last
 * year's self-evaluation of the same form. A target set below what was actually achieved last year,
 * and a project graded 差 or spent below 60% continued with its money unchanged, are what a reviewer
 * sends back.
 */
import { scoreEvaluation } from '../evaluation/scoring.ts';
import { compare, ratio, ratioOf } from '../monitoring/ratio.ts';
import type { IndicatorRow } from '../document.ts';
import type { SelfEvaluation } from '../selfEvaluation.ts';
import { parseTargetValue } from '../targetValue.ts';
import { namedIndicator, pointer } from './finding.ts';
import type { RelatedDocuments, Rule } from './rule.ts';

/** Last year's self-evaluation of the example project form: 接入单位数量 reached 130, 网络可用率 99.95%. */
function lastYearEvaluation(grade: '良' | '差', executed: string): RelatedDocuments {
  const indicator = (name: string, annualTarget: string, actual: string) => ({ level1: '产出指标', level2: '数量指标', name, annualTarget, actual, points: '45', score: null, applicable: true, deviation: { reason: '', measures: '' } });
  const evaluation: SelfEvaluation = {
    schemaVersion: 1,
    kind: 'self-evaluation',
    title: '项目支出绩效自评表',
    year: 2024,
    department: null,
    implementer: null,
    projectName: '政务外网运维',
    target: { id: null, kind: 'project-target', version: 1 },
    funds: { initialBudget: '300.00', annualBudget: '300.00', executed, points: '10', score: null, items: [], reason: '' },
    goals: [],
    indicators: grade === '差' ? [indicator('接入单位数量', '≥120个', '30个'), indicator('网络可用率', '≥99.9%', '50%')] : [indicator('接入单位数量', '≥100个', '130个'), indicator('网络可用率', '≥99.9%', '99.95%')],
    total: null,
    grade,
    conclusion: '',
    problems: '',
    improvements: '',
    unparsed: [],
  };
  return { lastYearEvaluation: evaluation };
}

/** A quantity with its direction, or null when it has none. */
function directed(text: string): { up: boolean; value: string; unit: string | null } | null {
  const v = parseTargetValue(text);
  if (v.kind !== 'quantity') return null;
  return { up: v.operator !== '≤' && v.operator !== '<', value: v.value, unit: v.unit };
}

export const targetBelowLastActual: Rule = {
  id: 'target-below-last-actual',
  kinds: ['department-target', 'project-target'],
  family: 'target',
  severity: 'warning',
  description: { zh: '指标值不低于上年度的实际完成值', en: "A target is not below what was achieved last year" },
  source: '绩效目标应与上年度实际完成情况相衔接，评价结果用于下年预算（中发〔2018〕34号；88号 art. 24 合理性）',
  examples: {
    bad: { on: 'project-target', shows: '接入单位数量 今年 ≥120个，上年实际完成 130个', edit: () => undefined, related: () => lastYearEvaluation('良', '290.00') },
    good: { on: 'project-target', shows: '接入单位数量 今年 ≥140个', edit: (d) => { (d.indicators[0] as IndicatorRow).annualTarget = '≥140个'; (d.indicators[0] as IndicatorRow).annualTargetValue = parseTargetValue('≥140个'); (d.indicators[1] as IndicatorRow).annualTarget = '≥99.95%'; (d.indicators[1] as IndicatorRow).annualTargetValue = parseTargetValue('≥99.95%'); }, related: () => lastYearEvaluation('良', '290.00') },
  },
  *check({ declaration: d, related }) {
    const last = related.lastYearEvaluation;
    if (!last) return;
    const actuals = new Map<string, string>();
    for (const indicator of last.indicators) if (indicator.applicable && indicator.actual.trim() !== '') actuals.set(indicator.name.trim(), indicator.actual.trim());
    for (const [i, indicator] of (d.indicators as readonly IndicatorRow[]).entries()) {
      const actual = actuals.get(indicator.name.trim());
      if (actual === undefined) continue;
      const now = directed(indicator.annualTarget);
      const achieved = parseTargetValue(actual);
      if (!now || achieved.kind !== 'quantity' || (achieved.unit !== null && now.unit !== null && achieved.unit !== now.unit)) continue;
      const target = ratioOf(now.value);
      const reached = ratioOf(achieved.value);
      if (target === null || reached === null) continue;
      // Only "at least" targets: a limit (≤) is usually met well below it, and flagging every one would drown the real cases.
      if (!now.up || compare(target, reached) >= 0) continue;
      yield {
        path: pointer('indicators', i, 'annualTarget'),
        message: {
          zh: `${namedIndicator(indicator, i).zh}的年度指标值「${indicator.annualTarget}」低于上年度实际完成值「${actual}」`,
          en: `${namedIndicator(indicator, i).en}: the target "${indicator.annualTarget}" is below last year's actual "${actual}"`,
        },
        suggestion: { zh: '以上年度实际完成值为基础设定目标，或说明降低的理由', en: "set the target from last year's actual, or explain why it is lower" },
      };
    }
  },
};

export const poorResultContinued: Rule = {
  id: 'poor-result-continued',
  kinds: ['project-target'],
  family: 'target',
  severity: 'warning',
  description: { zh: '上年自评为“差”或预算执行率低于 60% 的延续项目，本年度须调整资金或目标', en: 'A continued project graded 差, or spent below 60%, last year has its money or targets changed' },
  source: '评价结果应用：低效无效资金一律削减或取消（中发〔2018〕34号）；domain.md §4.6',
  examples: {
    bad: { on: 'project-target', shows: '上年自评“差”，本年资金仍为 300 万元', edit: () => undefined, related: () => lastYearEvaluation('差', '150.00') },
    good: { on: 'project-target', shows: '上年自评“良”，执行率 97%', edit: () => undefined, related: () => lastYearEvaluation('良', '290.00') },
  },
  *check({ declaration: d, related }) {
    const last = related.lastYearEvaluation;
    if (d.kind !== 'project-target' || !last) return;
    const score = scoreEvaluation(last);
    const grade = last.grade ?? score.grade;
    const rate = score.funds.rate;
    const rateValue = rate === null ? null : ratioOf(rate);
    const lowRate = rateValue !== null && compare(rateValue, ratio(60n)) < 0;
    if (grade !== '差' && !lowRate) return;
    const now = d.funds.total === null ? null : ratioOf(d.funds.total);
    const before = last.funds.annualBudget === null ? null : ratioOf(last.funds.annualBudget);
    if (now === null || before === null || compare(now, before) < 0) return;
    const why = grade === '差' ? { zh: '上年度自评等级为“差”', en: 'was graded 差 last year' } : { zh: `上年度预算执行率仅 ${rate}%`, en: `spent only ${rate}% of its budget last year` };
    yield {
      path: '/funds/total',
      message: { zh: `本项目${why.zh}，本年度资金 ${d.funds.total} 万元未调减（上年 ${last.funds.annualBudget} 万元）`, en: `the project ${why.en}, yet its money (${d.funds.total}) is not reduced from last year's ${last.funds.annualBudget}` },
      suggestion: { zh: '按评价结果削减资金或调整实施方案，并在申报中说明', en: 'reduce the money or change the plan as the evaluation advises, and say so' },
    };
  },
};

const proposal = (proposed: string): RelatedDocuments => ({ proposal: { project: 'p2024', lastAmount: '300.00', proposed, rule: 'grades.中', rulesVersion: 1, because: { zh: '评价等级“中”：核减 10%', en: 'grade 中: cut 10%' }, source: 'e2024' } });

export const requestAboveProposal: Rule = {
  id: 'request-above-proposal',
  kinds: ['project-target'],
  family: 'arithmetic',
  severity: 'warning',
  description: { zh: '延续项目的申请金额不超过预算安排建议', en: "A continuing project asks for no more than its budget proposal" },
  source: '中发〔2018〕34号：低效无效资金一律削减或取消；财预〔2020〕10号 评价结果与预算安排挂钩；本地区结果应用规则（预算安排建议）',
  examples: {
    bad: { on: 'project-target', shows: '申请 300.00 万元，预算安排建议 270.00 万元（上年自评“中”，核减 10%）', edit: () => undefined, related: () => proposal('270.00') },
    good: { on: 'project-target', shows: '申请 300.00 万元，预算安排建议 300.00 万元', edit: () => undefined, related: () => proposal('300.00') },
  },
  *check({ declaration: d, related }) {
    const p = related.proposal;
    if (d.kind !== 'project-target' || !p || d.funds.total === null) return;
    const asked = ratioOf(d.funds.total);
    const proposed = ratioOf(p.proposed);
    if (asked === null || proposed === null || compare(asked, proposed) <= 0) return;
    yield {
      path: '/funds/total',
      message: {
        zh: `申请 ${d.funds.total} 万元，超过预算安排建议 ${p.proposed} 万元（上年 ${p.lastAmount} 万元；${p.because.zh}）`,
        en: `asks for ${d.funds.total} 万元, above the budget proposal of ${p.proposed} 万元 (last year ${p.lastAmount}; ${p.because.en})`,
      },
      suggestion: { zh: '按预算安排建议调整申请金额，或说明超出的理由', en: 'ask for no more than the proposal, or explain why' },
    };
  },
};

export const RESULT_RULES: readonly Rule[] = [targetBelowLastActual, poorResultContinued, requestAboveProposal];
