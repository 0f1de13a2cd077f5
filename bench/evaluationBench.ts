/**
 * Self-evaluation scoring (issue 14): the scores, total and grade of 10,000 self-evaluations on one
 * core, against parsing their targets and actuals alone (what any scoring must do) in the same run.
 */
import { exampleEvaluation } from '../src/core/evaluation/exampleEvaluation.ts';
import { checkSelfEvaluation } from '../src/core/evaluation/evaluationRules.ts';
import { scoreEvaluation } from '../src/core/evaluation/scoring.ts';
import type { SelfEvaluation } from '../src/core/selfEvaluation.ts';
import { parseTargetValue } from '../src/core/targetValue.ts';
import { compare, formatRate } from './harness.ts';

const EVALUATIONS = 10_000;

/** 10,000 evaluations: the example varied — 5–12 indicators, targets met and missed, reverse and qualitative rows, executions. */
function evaluations(): SelfEvaluation[] {
  return Array.from({ length: EVALUATIONS }, (_, i) => {
    const e = exampleEvaluation();
    e.funds.executed = `${60 + (i % 45)}.00`;
    const base = e.indicators;
    e.indicators = Array.from({ length: 5 + (i % 8) }, (_, k) => ({ ...(base[k % base.length] as SelfEvaluation['indicators'][number]), deviation: { reason: '', measures: '' } }));
    e.indicators.forEach((indicator, k) => {
      if (k % 3 === 0) indicator.actual = `${(i * 13 + k * 37) % 700}人次`;
      if (k % 5 === 4) Object.assign(indicator, { annualTarget: '≤5次', actual: `${(i + k) % 12}次` });
      if (k % 7 === 6) indicator.applicable = false;
    });
    return e;
  });
}

export function evaluationBench(): { markdown: string; ok: boolean } {
  const all = evaluations();
  let sink = 0;
  let at = 0;
  const baseline = (): void => {
    const e = all[at++ % all.length] as SelfEvaluation;
    for (const indicator of e.indicators) sink += parseTargetValue(indicator.annualTarget).kind.length + parseTargetValue(indicator.actual).kind.length;
  };
  const scoring = (): void => {
    sink += scoreEvaluation(all[at++ % all.length] as SelfEvaluation).indicators.length;
  };
  const checking = (): void => {
    sink += checkSelfEvaluation(all[at++ % all.length] as SelfEvaluation).findings.length;
  };
  const scored = compare(scoring, baseline);
  const checked = compare(checking, baseline);
  if (sink < 0) throw new Error('unreachable');
  const ok = scored.subject.opsPerSecond >= 50_000;
  const markdown = [
    `${EVALUATIONS.toLocaleString('en-US')} generated self-evaluations (the example varied: 5–12 indicators, targets met and missed, reverse rows, rows not applicable). Median of 5 alternating rounds of 0.4 s, one core.`,
    '',
    '| work | evaluations/s | baseline: parse the targets and actuals (evaluations/s) | relative |',
    '| --- | ---: | ---: | ---: |',
    `| \`scoreEvaluation\` (execution, every row, rescaling, total, grade) | ${formatRate(scored.subject.opsPerSecond)} | ${formatRate(scored.baseline.opsPerSecond)} | ${(scored.baseline.opsPerSecond / scored.subject.opsPerSecond).toFixed(1)}× |`,
    `| \`checkSelfEvaluation\` (the scores and rules E1–E10) | ${formatRate(checked.subject.opsPerSecond)} | ${formatRate(checked.baseline.opsPerSecond)} | ${(checked.baseline.opsPerSecond / checked.subject.opsPerSecond).toFixed(1)}× |`,
    '',
    `Goal: scoring ≥ 50,000 self-evaluations/s on one core — **${ok ? 'met' : 'NOT met'}**.`,
  ].join('\n');
  return { markdown, ok };
}
