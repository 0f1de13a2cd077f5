/**
 * The re-score part of a sampling review, made from the self-evaluation it re-checks: budget execution
 * (its points, computed from the execution rate) and each first-level class of indicators (产出, 效益,
 * 满意度 …) weighted as the self-evaluation counted them, with the department's own scores beside as
 * the self-score. Pure and exact: class weights are the self-evaluation's counted points rounded
 * once, the last class taking what is left so that the part weighs 100.
 */
import { scoreEvaluation, type ScoringConfig } from '../evaluation/scoring.ts';
import type { SelfEvaluation } from '../selfEvaluation.ts';
import type { Criterion } from './assessment.ts';
import { formatCents, parseCents, roundDiv } from './decimal.ts';

export interface RescorePart {
  readonly criteria: Criterion[];
  /** The self-evaluation's own score of each criterion (hundredths as decimals). */
  readonly selfScores: Array<{ criterion: string; score: string }>;
}

const cents = (text: string | null | undefined): bigint => (text ? (parseCents(text.trim()) ?? 0n) : 0n);

export function rescorePart(evaluation: SelfEvaluation, config?: ScoringConfig): RescorePart {
  const score = scoreEvaluation(evaluation, config);
  const fundsPoints = parseCents(score.funds.points) ?? 1000n;
  const classes = new Map<string, { points: bigint; counted: bigint; names: string[] }>();
  evaluation.indicators.forEach((indicator, i) => {
    const s = score.indicators[i];
    if (!indicator.applicable || s?.formula === 'not-applicable') return;
    const name = indicator.level1?.trim() || '其他指标';
    const entry = classes.get(name) ?? { points: 0n, counted: 0n, names: [] };
    entry.points += parseCents(indicator.points ?? '') ?? 0n;
    entry.counted += s?.counted ? (parseCents(s.counted) ?? 0n) : 0n;
    entry.names.push(`${indicator.name}（目标 ${indicator.annualTarget || '—'}，实际 ${indicator.actual || '—'}）`);
    classes.set(name, entry);
  });
  const rest = 10_000n - fundsPoints;
  const totalPoints = [...classes.values()].reduce((sum, c) => sum + c.points, 0n);
  const criteria: Criterion[] = [
    { id: 'r0', parent: 'rescore', name: '预算执行', weight: formatCents(fundsPoints), guidance: '预算执行率 = 全年执行数 ÷ 全年预算数', standard: { type: 'formula', text: '分值 × 预算执行率（不超过100%）', measure: 'execution-rate', full: '100' } },
  ];
  const selfScores: Array<{ criterion: string; score: string }> = [];
  if (score.funds.score !== null) selfScores.push({ criterion: 'r0', score: formatCents(minOf(cents(score.funds.score), fundsPoints)) });
  let given = 0n;
  const entries = [...classes.entries()];
  entries.forEach(([name, c], k) => {
    const weight = k === entries.length - 1 ? rest - given : totalPoints === 0n ? 0n : roundDiv(c.points * rest, totalPoints);
    given += weight;
    const id = `r${k + 1}`;
    criteria.push({ id, parent: 'rescore', name, weight: formatCents(weight), guidance: c.names.join('；'), standard: { type: 'judgement', text: '按指标实际完成情况和佐证材料重新评分' } });
    selfScores.push({ criterion: id, score: formatCents(minOf(c.counted, weight)) });
  });
  return { criteria, selfScores };
}

const minOf = (a: bigint, b: bigint) => (a < b ? a : b);
