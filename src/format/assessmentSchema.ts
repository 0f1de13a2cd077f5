/**
 * The assessment's canonical JSON as a zod schema (validation, types, JSON Schema), checked at compile
 * time against the model in core/assessment/assessment.ts. `assessmentSchema` also refuses what
 * breaks the sheet (a score outside its criterion's range or bands, on a criterion that does not
 * exist, a scorer not on the panel), naming the field and the criterion; `assessmentShapeSchema`
 * checks the shape alone (the CLI reports the rest as errors).
 */
import { z } from 'zod';
import { AGGREGATION_METHODS, ASSESSMENT_PURPOSES, DECISIONS, EVIDENCE_STATUSES, SCORER_ROLES, SUBJECT_KINDS, type Assessment } from '../core/assessment/assessment.ts';
import { validateAssessment } from '../core/assessment/scoring.ts';
import { yearSchema } from './declarationSchema.ts';

const text = z.string().max(20_000);
const shortText = z.string().max(500);
const id = z.string().max(100);
const points = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'points as a decimal of at most two places, such as "5" or "4.50"');
const percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage such as "90" or "87.5"');
const weight4 = z.string().regex(/^\d{1,6}(\.\d{1,4})?$/, 'a decimal of at most four places, such as "0.4"');
const signed = z.string().regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'a decimal such as "92.50" or "-3.2"');
const amount = z.string().regex(/^\d{1,12}\.\d{2,6}$/, 'an exact amount in 万元 with at least two decimals, such as "120.00"').nullable();
const scoreText = z.string().regex(/^\d{1,9}\.\d{2}$/).nullable();

export const standardSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('judgement'), text: text.describe('评分标准 in words') }).strict(),
    z.object({ type: z.literal('bands'), text, bands: z.array(z.object({ name: z.string().min(1).max(20), from: percent, to: percent }).strict()).min(1).max(10).describe('each band a range in percent of the weight: from inclusive, to exclusive except the highest') }).strict(),
    z
      .object({
        type: z.literal('deduction'),
        text,
        measure: z.string().max(60).nullable().describe('the figure read (staff-control-rate …); null: a deduction the scorer applies'),
        limit: signed.nullable().describe('where deductions start (100 for a rate of 100%)'),
        per: weight4.nullable().describe('points deducted per unit beyond the limit'),
        direction: z.enum(['above', 'below']).describe('deduct for values above (or below) the limit'),
      })
      .strict(),
    z.object({ type: z.literal('formula'), text, measure: z.string().min(1).max(60), full: signed.describe('the value that earns full points (100 for a rate)') }).strict(),
  ])
  .describe('how the criterion is scored');

export const criterionSchema = z
  .object({
    id: id.min(1),
    parent: id.nullable().describe('the criterion above; null for a first-level criterion'),
    name: shortText,
    weight: points.describe('分值'),
    guidance: text.describe('评分要点'),
    standard: standardSchema,
    evidence: z.array(shortText).max(50).optional().describe('the documents asked for'),
  })
  .strict();

const criterionResult = z
  .object({
    id,
    name: shortText,
    parent: id.nullable(),
    level: z.number().int().min(1),
    weight: points,
    leaf: z.boolean(),
    score: scoreText,
    source: z.enum(['scorers', 'data', 'children']),
    expression: z.string().max(500).nullable(),
    band: z.string().max(20).nullable(),
    scores: z.array(z.object({ scorer: id, score: points }).strict()),
    self: scoreText,
    min: scoreText,
    max: scoreText,
    spread: scoreText,
    outliers: z.array(id),
  })
  .strict();

const signedScore = z.string().regex(/^-?\d{1,9}\.\d{2}$/).nullable();

export const assessmentResultSchema = z
  .object({
    criteria: z.array(criterionResult),
    levels: z.array(z.object({ id, name: shortText, weight: points, score: scoreText }).strict()),
    scorers: z.array(z.object({ id, name: shortText, role: z.enum(SCORER_ROLES), total: scoreText, levels: z.array(z.object({ id, score: scoreText }).strict()), complete: z.boolean(), deviation: signedScore, flagged: z.boolean() }).strict()),
    total: scoreText,
    grade: z.string().max(10).nullable(),
    complete: z.boolean(),
    suggestedDecision: z.enum(DECISIONS).nullable(),
    sampling: z
      .object({ quality: scoreText, rescore: scoreText, blend: z.object({ quality: weight4, rescore: weight4 }).strict(), self: z.object({ score: scoreText, grade: z.string().max(10).nullable() }).strict(), difference: signedScore })
      .strict()
      .nullable(),
  })
  .strict()
  .describe('computed on every save: per criterion the aggregate and the scorers beside it, the first level, each scorer, the total and grade');

export const assessmentShapeSchema = z
  .object({
    kind: z.literal('assessment'),
    schemaVersion: z.literal(1),
    title: shortText,
    year: yearSchema,
    purpose: z.enum(ASSESSMENT_PURPOSES),
    subject: z
      .object({
        kind: z.enum(SUBJECT_KINDS),
        id: id.nullable(),
        name: shortText,
        department: shortText.nullable(),
        amount: amount.describe('万元 asked for or spent'),
        description: text.optional(),
      })
      .strict(),
    template: z.object({ name: shortText, version: z.number().int().min(1).max(100_000), criteria: z.array(criterionSchema).max(500) }).strict(),
    scorers: z.array(z.object({ id: id.min(1), name: shortText, role: z.enum(SCORER_ROLES), weight: weight4.nullable() }).strict()).max(100),
    scores: z.array(z.object({ scorer: id, criterion: id, score: z.string().max(20), reason: text }).strict()).max(50_000),
    aggregation: z.object({ method: z.enum(AGGREGATION_METHODS), drop: z.number().int().min(0).max(10) }).strict(),
    evidence: z.array(z.object({ criterion: id.nullable(), name: shortText, status: z.enum(EVIDENCE_STATUSES), file: id.nullable() }).strict()).max(500),
    findings: z
      .array(
        z
          .object({ criterion: id.nullable(), fact: text.describe('事实依据'), problem: text.describe('发现的问题'), analysis: text.describe('分析判断'), conclusion: text.describe('结论'), advice: text.optional().describe('建议'), by: id.nullable().optional().describe('the scorer who wrote it') })
          .strict(),
      )
      .max(500),
    conclusion: z.object({ grade: z.string().max(10).nullable(), decision: z.enum(DECISIONS).nullable(), supported: amount, cut: amount, advice: text }).strict(),
    data: z.record(z.string().max(60), z.object({ value: signed.nullable(), source: shortText }).strict()).describe('figures formulas read, by measure id'),
    blend: z.object({ quality: weight4, rescore: weight4 }).strict().nullable(),
    result: assessmentResultSchema.nullable(),
  })
  .strict();

/** The assessment, refused when a score breaks its sheet (the message names the criterion). */
export const assessmentSchema = assessmentShapeSchema.superRefine((value, context) => {
  for (const problem of validateAssessment(value as Assessment)) {
    context.addIssue({ code: 'custom', path: problem.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message: `${problem.message.zh}（${problem.message.en}）` });
  }
});

// The schema and the model describe the same data.
type Parsed = z.infer<typeof assessmentShapeSchema>;
const modelIsParsed: (e: Assessment) => Parsed = (e) => e;
const parsedIsModel: (e: Parsed) => Assessment = (e) => e;
void modelIsParsed;
void parsedIsModel;

/** The JSON Schema of the assessment (docs/schema/assessment.schema.json). */
export function assessmentJsonSchema(): Record<string, unknown> {
  return { $id: 'urn:jixiao:schema:assessment:1', ...z.toJSONSchema(assessmentShapeSchema, { target: 'draft-2020-12' }) };
}
