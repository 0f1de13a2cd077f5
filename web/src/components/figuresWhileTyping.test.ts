import { describe, expect, it } from 'vitest';
import { exampleEvaluation } from '../../../src/core/evaluation/exampleEvaluation.ts';
import { scoreEvaluation } from '../../../src/core/evaluation/scoring.ts';
import { exampleReport } from '../../../src/core/monitoring/exampleReport.ts';
import { reportLights } from '../../../src/core/monitoring/lights.ts';
import { evaluationScoreWhileTyping, reportLightsWhileTyping } from './figuresWhileTyping.ts';

describe('figures derived from an amount while its box holds something else', () => {
  const lights = reportLights(exampleReport());
  const score = scoreEvaluation(exampleEvaluation());

  it('shows a report’s budget figures as computed while every amount box is valid', () => {
    expect(lights.executionRate).not.toBeNull();
    expect(reportLightsWhileTyping(lights, new Map())).toEqual({ ...lights, budgetUnknown: false });
    // A box elsewhere being invalid says nothing about the budget.
    expect(reportLightsWhileTyping(lights, new Map([['/indicators/0/actualToDate', 'x']])).budgetUnknown).toBe(false);
  });

  it('makes the budget’s rate, progress and light unknown while the amount spent is not an amount, not those of the last valid one', () => {
    const shown = reportLightsWhileTyping(lights, new Map([['/budget/executedToDate', 'the amount spent is not an amount']]));
    expect(shown).toMatchObject({ budgetUnknown: true, executionRate: null, budgetProgress: null, budget: null, budgetBasis: null });
    expect(shown.perIndicator).toEqual(lights.perIndicator);
    expect(shown.overall).toBe(lights.indicators === 'red' ? 'red' : null);
    expect(reportLightsWhileTyping(lights, new Map([['/budget/projectedAnnual', 'x']])).budgetUnknown).toBe(true);
  });

  it('keeps a red overall light that the indicators alone decide', () => {
    const red = { ...lights, indicators: 'red' as const, overall: 'red' as const };
    expect(reportLightsWhileTyping(red, new Map([['/budget/executedToDate', 'x']])).overall).toBe('red');
    expect(reportLightsWhileTyping({ ...lights, indicators: 'green', overall: 'yellow' }, new Map([['/budget/executedToDate', 'x']])).overall).toBeNull();
  });

  it('makes a self-evaluation’s funds rate and score, total and grade unknown while the amount executed is not an amount', () => {
    expect(score.total).not.toBeNull();
    expect(score.grade).not.toBeNull();
    expect(evaluationScoreWhileTyping(score, new Map())).toEqual({ ...score, fundsUnknown: false });
    const shown = evaluationScoreWhileTyping(score, new Map([['/funds/executed', 'the amount executed is not an amount']]));
    expect(shown).toMatchObject({ fundsUnknown: true, total: null, grade: null, funds: { rate: null, score: null, points: score.funds.points } });
    expect(shown.indicators).toEqual(score.indicators);
  });
});
