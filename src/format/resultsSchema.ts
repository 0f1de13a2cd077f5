/**
 * The canonical forms of 结果应用 (docs/format-results.md): a region's rules from results to money
 * (`jixiao propose --config RULES.json`, `PUT /api/v1/results/rules`), one line of results per
 * continuing project (JSON Lines), and an exception the bureau records.
 */
import { z } from 'zod';
import { DECISIONS } from '../core/assessment/assessment.ts';
import { LIGHTS } from '../core/monitoringReport.ts';
import { EVALUATION_GRADES, type EvaluationGrade } from '../core/selfEvaluation.ts';
import type { ResultRules } from '../core/results/rules.ts';

const percent = z.string().regex(/^\d{1,4}(\.\d{1,2})?$/, 'a percentage of at most two places, such as "10" or "2.5"');
/** A non-negative amount in 万元, exact. */
export const amountSchema = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'an amount in 万元 (at most six places), such as "120.50"');

export const effectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('keep') }).strict(),
  z.object({ type: z.literal('raise'), percent: percent.refine((p) => Number(p) <= 1000, 'at most 1000%') }).strict(),
  z.object({ type: z.literal('cut'), percent: percent.refine((p) => Number(p) <= 100, 'at most 100%') }).strict(),
  z.object({ type: z.literal('suspend') }).strict(),
  z.object({ type: z.literal('cancel') }).strict(),
]);

const grades = z.object({ 优: effectSchema, 良: effectSchema, 中: effectSchema, 差: effectSchema }).strict();

export const resultRulesSchema: z.ZodType<ResultRules> = z
  .object({
    grades: grades.describe('the grade that counts (a sampling review replaces the self-evaluation) → its effect'),
    keyEvaluation: grades.nullable().describe("a key evaluation's grade, when treated differently (null: as grades)"),
    exAnte: z.object({ reject: effectSchema, applyCut: z.boolean() }).strict().describe('an ex-ante assessment 不予支持, and whether its 核减 is taken off'),
    redLight: effectSchema.describe('a red monitoring light left unrectified'),
  })
  .strict();

const grade = z.enum(EVALUATION_GRADES as [EvaluationGrade, ...EvaluationGrade[]]);
const ref = z.string().min(1).max(200).nullable().optional();
const gradeResult = z.object({ grade, id: ref }).strict().nullable().optional();

/** One line of canonical results: a continuing project and what its year found. */
export const projectResultsSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    department: z.string().trim().min(1).max(200),
    departmentId: ref,
    project: z.string().trim().min(1).max(500),
    code: z.string().max(200).nullable().optional(),
    projectId: ref,
    amount: amountSchema,
    selfEvaluation: gradeResult,
    samplingReview: gradeResult,
    keyEvaluation: gradeResult,
    exAnte: z.object({ decision: z.enum(DECISIONS), cut: amountSchema.nullable().optional(), id: ref }).strict().nullable().optional(),
    monitoring: z.object({ light: z.enum(LIGHTS as [(typeof LIGHTS)[number], ...(typeof LIGHTS)[number][]]), rectified: z.boolean(), id: ref }).strict().nullable().optional(),
    request: z.object({ amount: amountSchema, id: ref }).strict().nullable().optional(),
  })
  .strict();

/** The bureau's exception for one project: an amount and the reason, both required. */
export const exceptionInputSchema = z
  .object({
    amount: amountSchema,
    reason: z.string().trim().min(1, '例外调整须写明理由 (a reason is required)').max(2000),
  })
  .strict();

/** The league table's settings a region gives (`settings.league`): each measure's points and where a measure reaches zero. */
export const leagueConfigSchema = z
  .object({
    weights: z
      .object({
        targetFindings: z.number().int().min(0).max(100),
        monitoringOnTime: z.number().int().min(0).max(100),
        evaluationAccuracy: z.number().int().min(0).max(100),
        rectificationOnTime: z.number().int().min(0).max(100),
        disclosureOnTime: z.number().int().min(0).max(100),
      })
      .strict()
      .refine((w) => Object.values(w).reduce((a, b) => a + b, 0) > 0, 'at least one measure must carry points')
      .describe('points per measure; their sum is the scale'),
    errorsForZero: z.number().int().min(1).max(100).describe('errors per target form at which that measure gives nothing'),
    gapForZero: z.number().int().min(1).max(100).describe('the mean gap in points between self-evaluation and sampling review at which accuracy gives nothing'),
  })
  .strict();
