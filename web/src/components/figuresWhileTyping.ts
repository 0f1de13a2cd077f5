/**
 * The figures a sheet derives from an amount, as the page shows them while an amount box holds text
 * that is not an amount: unknown, not those of the last valid amount (which the box no longer shows).
 * The document keeps the last valid amount until the box is valid again; the page must not pretend
 * the rate, light or score it computed from that amount belong to what is typed now.
 */
import type { EvaluationScore } from '../../../src/core/evaluation/scoring.ts';
import type { ReportLights } from '../../../src/core/monitoring/lights.ts';

/** The amount boxes of a monitoring report whose text feeds the budget's rate and light. */
export const REPORT_AMOUNT_PATHS = ['/budget/executedToDate', '/budget/projectedAnnual'] as const;

/** The amount box of a self-evaluation whose text feeds the funds' rate and score (and so the total and grade). */
export const EVALUATION_AMOUNT_PATHS = ['/funds/executed'] as const;

const anyInvalid = (invalid: ReadonlyMap<string, string>, paths: readonly string[]) => paths.some((path) => invalid.has(path));

/**
 * A report's lights with the budget's unknown while a budget amount box is invalid (`invalid`: the
 * editor's invalid boxes by path); the overall light is unknown too unless the indicators alone make
 * it red (the worst light, whatever the budget's turns out to be).
 */
export function reportLightsWhileTyping(lights: ReportLights, invalid: ReadonlyMap<string, string>): ReportLights & { readonly budgetUnknown: boolean } {
  if (!anyInvalid(invalid, REPORT_AMOUNT_PATHS)) return { ...lights, budgetUnknown: false };
  return { ...lights, budget: null, budgetBasis: null, budgetProgress: null, executionRate: null, overall: lights.indicators === 'red' ? 'red' : null, budgetUnknown: true };
}

/**
 * A self-evaluation's score with the funds' rate and score, the total and the grade unknown while the
 * amount executed is invalid; each indicator's score does not depend on it and stays.
 */
export function evaluationScoreWhileTyping(score: EvaluationScore, invalid: ReadonlyMap<string, string>): EvaluationScore & { readonly fundsUnknown: boolean } {
  if (!anyInvalid(invalid, EVALUATION_AMOUNT_PATHS)) return { ...score, fundsUnknown: false };
  return { ...score, funds: { ...score.funds, rate: null, score: null }, total: null, grade: null, fundsUnknown: true };
}
