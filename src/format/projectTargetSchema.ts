/**
 * The project target form's canonical JSON as a zod schema (docs/format-project.md): validation,
 * the type check against the core model, and docs/schema/project-target.schema.json.
 */
import { z } from 'zod';
import { SCHEMA_VERSION } from '../core/document.ts';
import type { ProjectTargetDeclaration } from '../core/projectTarget.ts';
import { amountSchema, emptyLevel2Schema, indicatorRowShape, unparsedSchema, yearSchema } from './declarationSchema.ts';

const text = z.string().nullable();
const goal = z.union([z.string(), z.array(z.string())]).describe('one text, or the numbered goals as a list where printed so');

export const projectIndicatorSchema = z.object({
  ...indicatorRowShape,
  unit: text.describe('计量单位 / 度量单位 column; null where the form has none'),
  standard: text.describe('绩效标准 / 取值依据 column'),
  explanation: text.describe('指标解释 / 指标内容 / 计算公式 column'),
  scoringRule: text.describe('评（扣）分标准 column'),
  weight: text.describe('分值 / 权重 column, as printed'),
  note: text.describe('备注 column'),
  core: z.boolean().describe('true when the row is marked as a core indicator (★)'),
});

/** The project target declaration (项目支出绩效目标申报表). */
export const projectTargetSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    kind: z.literal('project-target'),
    title: text,
    year: yearSchema,
    department: text.describe('预算部门 / 主管部门'),
    implementer: text.describe('实施单位 / 项目单位'),
    unit: z.literal('万元'),
    project: z
      .object({
        name: text.describe('项目名称'),
        code: text.describe('项目编码'),
        category: text.describe('项目类型 / 类别 / 分类'),
        nature: text.describe('项目属性 / 性质: 新增 / 延续, 常年性 / 一次性'),
        period: z.object({ start: text.describe('YYYY-MM or YYYY'), end: text.describe('YYYY-MM or YYYY'), text: text.describe('实施期 as printed') }).strict(),
        basis: text.describe('立项依据'),
        content: text.describe('项目概况 / 主要内容'),
      })
      .strict(),
    funds: z
      .object({
        total: amountSchema.describe('资金总额'),
        fiscal: amountSchema.describe('财政拨款'),
        other: amountSchema.describe('其他资金'),
        items: z.array(z.object({ label: z.string(), amount: amountSchema }).strict()).describe('every printed split, in order'),
      })
      .strict(),
    periodGoal: goal.describe('实施期 / 长期 / 总体目标'),
    annualGoal: goal.describe('年度目标'),
    indicators: z.array(projectIndicatorSchema.strict()),
    emptyLevel2: emptyLevel2Schema,
    extra: z.array(z.object({ label: z.string(), value: z.string() }).strict()).describe('header fields the model has no place for'),
    unparsed: unparsedSchema,
    exAnte: z
      .object({
        assessment: z.string().max(100),
        decision: z.enum(['support', 'support-after-adjustment', 'reject']).describe('予以支持 / 调整后予以支持 / 不予支持'),
        grade: z.string().max(10).nullable(),
        total: z.string().max(20).nullable(),
        supported: amountSchema.describe('万元 supported'),
        cut: amountSchema.describe('万元 cut (核减)'),
        concludedAt: z.string().max(40).nullable(),
      })
      .strict()
      .nullable()
      .optional()
      .describe("the finance bureau's ex-ante assessment, written by Jixiao when it concludes (what is sent here is replaced)"),
  })
  .strict()
  .describe('Jixiao canonical JSON: a project target form');

// Compile-time proof that the schema and the core model describe the same data.
type SchemaType = z.infer<typeof projectTargetSchema>;
export const projectSchemaMatchesModel: [SchemaType] extends [ProjectTargetDeclaration] ? ([ProjectTargetDeclaration] extends [SchemaType] ? true : false) : false = true;

/** The JSON Schema (draft 2020-12) of the project form. */
export function projectTargetJsonSchema(): Record<string, unknown> {
  return { $id: 'urn:jixiao:schema:project-target:1', ...z.toJSONSchema(projectTargetSchema, { target: 'draft-2020-12' }) };
}
