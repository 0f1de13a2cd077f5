/** A self-evaluation prefilled from the year: the approved targets, the last monitoring round, the funds. */
import { documentTotal, type TargetDocument } from '../document.ts';
import type { MonitoringReport } from '../monitoringReport.ts';
import { goalList } from '../projectTarget.ts';
import { emptySelfEvaluation, type EvaluationIndicator, type SelfEvaluation } from '../selfEvaluation.ts';
import { DEFAULT_SCORING_CONFIG, defaultPoints, scoreEvaluation, type ScoringConfig } from './scoring.ts';

const key = (name: string) => name.replace(/[\s\u3000:：（）()]/g, '');

/** The annual target as the table prints it: a project form's separate unit column joined to the value. */
function printedTarget(annualTarget: string, unit: string | null): string {
  return annualTarget !== '' && unit && !annualTarget.endsWith(unit) ? `${annualTarget}${unit}` : annualTarget;
}

/**
 * The self-evaluation of a target form (at a version): its indicators with their default points, the
 * last monitoring round's projections (else values to date) as first actuals, its funds, its goals.
 */
export function prefillEvaluation(target: TargetDocument, ref: { id: string; version: number }, lastReport: MonitoringReport | null, config: ScoringConfig = DEFAULT_SCORING_CONFIG): SelfEvaluation {
  const evaluation = emptySelfEvaluation({ id: ref.id, kind: target.kind, version: ref.version }, target.year);
  const monitored = new Map((lastReport?.indicators ?? []).map((i) => [key(i.name), i]));
  // The form's own 分值 when it gives every indicator one and they make the indicators' points; else shared by class.
  const own = target.indicators.map((i) => ('weight' in i && i.weight !== null && /^\d+(\.\d+)?$/.test(i.weight.trim()) ? i.weight.trim() : null));
  const ownTotal = own.reduce((sum, w) => sum + (w === null ? Number.NaN : Math.round(Number(w) * 100)), 0);
  const points = own.every((w) => w !== null) && ownTotal === Math.round((100 - config.executionPoints) * 100) ? own : defaultPoints(target.indicators, config);
  const indicators: EvaluationIndicator[] = target.indicators.map((indicator, i) => {
    const report = monitored.get(key(indicator.name));
    return {
      level1: indicator.level1,
      level2: indicator.level2,
      name: indicator.name,
      annualTarget: printedTarget(indicator.annualTarget, 'core' in indicator ? indicator.unit : null),
      actual: report ? report.projectedAnnual || report.actualToDate : '',
      points: points[i] ?? null,
      score: null,
      applicable: true,
      deviation: { reason: '', measures: '' },
    };
  });
  const total = documentTotal(target);
  const executed = lastReport?.budget.projectedAnnual ?? lastReport?.budget.executedToDate ?? null;
  const project = target.kind === 'project-target';
  const expected = project ? goalList(target.annualGoal) : target.goals;
  return {
    ...evaluation,
    department: target.department,
    implementer: project ? target.implementer : null,
    projectName: project ? target.project.name : null,
    funds: { ...evaluation.funds, points: String(config.executionPoints), initialBudget: total, annualBudget: total, executed, items: [{ label: '年度资金总额', initialBudget: total, annualBudget: total, executed }] },
    goals: expected.filter((g) => g.trim() !== '').map((goal) => ({ expected: goal, achieved: '' })),
    indicators,
  };
}

/**
 * The evaluation with its computed scores written in, as stored: quantitative scores, the execution
 * score, the total and the grade are Jixiao's; a qualitative score stays the evaluator's choice.
 */
export function withScores(evaluation: SelfEvaluation, config: ScoringConfig = DEFAULT_SCORING_CONFIG): SelfEvaluation {
  const score = scoreEvaluation(evaluation, config);
  return {
    ...evaluation,
    funds: { ...evaluation.funds, score: score.funds.score },
    indicators: evaluation.indicators.map((indicator, i) => {
      const s = score.indicators[i];
      if (!s || s.formula === 'qualitative' || s.formula === 'not-applicable') return indicator;
      return { ...indicator, score: s.score };
    }),
    total: score.total,
    grade: score.grade,
  };
}

/** The evaluation with the parts from its target put back: names, targets and points are the target's. */
export function lockEvaluationParts(submitted: SelfEvaluation, stored: SelfEvaluation): SelfEvaluation {
  const indicators = stored.indicators.map((locked, i) => {
    const given = submitted.indicators[i];
    if (!given || given.name !== locked.name) return locked;
    return { ...given, level1: locked.level1, level2: locked.level2, name: locked.name, annualTarget: locked.annualTarget };
  });
  return { ...submitted, kind: 'self-evaluation', schemaVersion: stored.schemaVersion, target: stored.target, year: stored.year, department: stored.department, projectName: stored.projectName, indicators };
}

/**
 * The values of a self-evaluation table filled elsewhere (the department's Excel sheet) put into the
 * evaluation Jixiao made: indicators matched by name, the rest named so nothing is dropped silently.
 */
export function fillEvaluationFrom(evaluation: SelfEvaluation, filled: SelfEvaluation): { evaluation: SelfEvaluation; matched: number; unmatched: string[] } {
  const given = new Map<string, EvaluationIndicator>();
  for (const indicator of filled.indicators) if (!given.has(key(indicator.name))) given.set(key(indicator.name), indicator);
  const used = new Set<string>();
  const indicators = evaluation.indicators.map((indicator) => {
    const match = given.get(key(indicator.name));
    if (!match) return indicator;
    used.add(key(indicator.name));
    return { ...indicator, actual: match.actual, applicable: match.applicable, points: match.points ?? indicator.points, score: match.score, deviation: match.deviation };
  });
  const goals = evaluation.goals.map((goal, k) => ({ ...goal, achieved: filled.goals[k]?.achieved || goal.achieved }));
  return {
    evaluation: {
      ...evaluation,
      funds: { ...evaluation.funds, executed: filled.funds.executed ?? evaluation.funds.executed, reason: filled.funds.reason || evaluation.funds.reason, items: evaluation.funds.items.map((item, k) => (k === 0 ? { ...item, executed: filled.funds.executed ?? item.executed } : item)) },
      goals,
      indicators,
      conclusion: filled.conclusion || evaluation.conclusion,
      problems: filled.problems || evaluation.problems,
      improvements: filled.improvements || evaluation.improvements,
    },
    matched: used.size,
    unmatched: filled.indicators.filter((i) => !used.has(key(i.name))).map((i) => i.name),
  };
}
