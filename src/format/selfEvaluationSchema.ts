/**
 * The self-evaluation's canonical JSON as a zod schema (validation, types, JSON Schema), checked at
 * compile time against the model in core/selfEvaluation.ts.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../core/document.ts';
import { EVALUATION_GRADES, type SelfEvaluation } from '../core/selfEvaluation.ts';
import { amountSchema, unparsedSchema, yearSchema } from './declarationSchema.ts';

const text = z.string().max(20_000);
const points = z.string().regex(/^\d{1,4}(\.\d{1,4})?$/, 'points as a decimal such as "20" or "22.5"').nullable();

export const evaluationIndicatorSchema = z.object({
  level1: z.string().max(200).nullable(),
  level2: z.string().max(200).nullable(),
  name: z.string().max(2000),
  annualTarget: text.describe('年度指标值, as the target form printed it'),
  actual: text.describe('实际完成值, typed like a target (number with unit, date, 达成 / 部分达成 / 未达成)'),
  points: points.describe('分值 / 权重'),
  score: points.describe('得分 as printed or chosen (qualitative); Jixiao recomputes the quantitative ones'),
  applicable: z.boolean().describe('false: not applicable this year, dropped and the rest rescaled'),
  deviation: z.object({ reason: text.describe('偏差原因分析'), measures: text.describe('改进措施') }),
});

const fundsItem = z.object({ label: z.string().max(200), initialBudget: amountSchema, annualBudget: amountSchema, executed: amountSchema });

export const selfEvaluationSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('self-evaluation'),
    title: z.string().max(500).nullable(),
    year: yearSchema,
    department: z.string().max(500).nullable(),
    implementer: z.string().max(500).nullable(),
    projectName: z.string().max(500).nullable(),
    target: z.object({ id: z.string().max(100).nullable(), kind: z.enum(DOCUMENT_KINDS), version: z.number().int().min(1).nullable() }).describe('the target form evaluated'),
    funds: z
      .object({
        initialBudget: amountSchema.describe('年初预算数'),
        annualBudget: amountSchema.describe('全年预算数 / 调整后预算数'),
        executed: amountSchema.describe('全年执行数 / 预算执行数'),
        points: points.describe('分值 of execution (10)'),
        score: points.describe('得分 as printed'),
        items: z.array(fundsItem).max(50),
        reason: text.describe('why execution fell short'),
      })
      .describe('万元, exact decimals'),
    goals: z.array(z.object({ expected: text.describe('预期目标'), achieved: text.describe('实际完成情况') })).max(100),
    indicators: z.array(evaluationIndicatorSchema).max(2000),
    total: points.describe('总分 as printed'),
    grade: z.enum(EVALUATION_GRADES as ['优', '良', '中', '差']).nullable().describe('评价等级 as printed'),
    conclusion: text,
    problems: text,
    improvements: text,
    unparsed: unparsedSchema,
  })
  .strict();

// The schema and the model describe the same data.
type Parsed = z.infer<typeof selfEvaluationSchema>;
const modelIsParsed: (e: SelfEvaluation) => Parsed = (e) => e;
const parsedIsModel: (e: Parsed) => SelfEvaluation = (e) => e;
void modelIsParsed;
void parsedIsModel;

/**
 * A self-evaluation as `jixiao score` takes it: what Jixiao computes — the scores of the rows and of
 * execution, the total, the grade — may be left out (they are computed whatever is there; a score
 * given is compared with it, and a qualitative row's score is the evaluator's choice, full points for
 * 达成 when none is given), and `unparsed` defaults to none. What is stored and served stays
 * `selfEvaluationSchema`, every field given.
 */
export const selfEvaluationInputSchema = selfEvaluationSchema
  .extend({
    funds: selfEvaluationSchema.shape.funds.extend({ score: points.default(null).describe('得分 as printed; left out or null: not printed') }),
    indicators: z.array(evaluationIndicatorSchema.extend({ score: points.default(null).describe('得分 as printed or chosen (qualitative); left out or null: none') })).max(2000),
    total: points.default(null).describe('总分 as printed; left out or null: not printed'),
    grade: selfEvaluationSchema.shape.grade.default(null).describe('评价等级 as printed; left out or null: not printed'),
    unparsed: unparsedSchema.default([]),
  })
  .strict();

// What the input schema gives is a whole self-evaluation.
const inputIsModel: (e: z.output<typeof selfEvaluationInputSchema>) => SelfEvaluation = (e) => e;
void inputIsModel;

/** The JSON Schema of the self-evaluation (docs/schema/self-evaluation.schema.json). */
export function selfEvaluationJsonSchema(): Record<string, unknown> {
  return { $id: 'urn:jixiao:schema:self-evaluation:1', ...z.toJSONSchema(selfEvaluationSchema, { target: 'draft-2020-12' }) };
}

/** The JSON Schema of a self-evaluation as `jixiao score` reads it (docs/schema/self-evaluation.input.schema.json). */
export function selfEvaluationInputJsonSchema(): Record<string, unknown> {
  return { $id: 'urn:jixiao:schema:self-evaluation-input:1', ...z.toJSONSchema(selfEvaluationInputSchema, { target: 'draft-2020-12', io: 'input' }) };
}
