/**
 * The monitoring report's canonical JSON as a zod schema (validation, types, JSON Schema), checked
 * at compile time against the model in core/monitoringReport.ts.
 */
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../core/document.ts';
import { DEVIATION_CATEGORIES, LIGHTS, type MonitoringReport } from '../core/monitoringReport.ts';
import { amountSchema, unparsedSchema, yearSchema } from './declarationSchema.ts';

const light = z.enum(LIGHTS as [string, ...string[]] as ['red', 'yellow', 'green', 'blue']).nullable();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const text = z.string().max(20_000);

export const monitoringIndicatorSchema = z.object({
  level1: z.string().max(200).nullable(),
  level2: z.string().max(200).nullable(),
  name: z.string().max(2000),
  annualTarget: text.describe('年度指标值, as the target form printed it'),
  actualToDate: text.describe('截至数据截止日期的完成值, typed like a target (number with unit, date, 达成 / 部分达成 / 未达成)'),
  stageTarget: text.nullable().describe('阶段性目标 at the cutoff (milestones, rates); null: the time share of the annual target'),
  projectedAnnual: text.describe('全年预计完成值'),
  likelihood: z.enum(['certain', 'possible', 'impossible']).nullable().describe('完成目标可能性: 确定能 / 有可能 / 完全不可能'),
  deviation: z.object({
    categories: z.array(z.enum(DEVIATION_CATEGORIES)).max(5).describe('偏差原因类别'),
    reason: text.describe('偏差原因分析'),
    measures: text.describe('纠偏措施'),
  }),
  light,
});

export const monitoringReportSchema = z
  .object({
    schemaVersion: z.literal(1),
    kind: z.literal('monitoring-report'),
    title: z.string().max(500).nullable(),
    year: yearSchema,
    department: z.string().max(500).nullable(),
    projectName: z.string().max(500).nullable(),
    target: z.object({ id: z.string().max(100).nullable(), kind: z.enum(DOCUMENT_KINDS), version: z.number().int().min(1).nullable() }).describe('the target form measured'),
    round: z.object({ name: z.string().max(100), through: z.string().max(20).describe('data cutoff, YYYY-MM-DD') }),
    reportDate: date.nullable(),
    budget: z.object({ annual: amountSchema, executedToDate: amountSchema, projectedAnnual: amountSchema, reason: text }).describe('万元, exact decimals'),
    indicators: z.array(monitoringIndicatorSchema).max(2000),
    lights: z.object({ budget: light, indicators: light, overall: light }),
    rectification: z.object({ needed: z.boolean(), advice: text, result: text }),
    unparsed: unparsedSchema,
  })
  .strict();

// The schema and the model describe the same data.
type Parsed = z.infer<typeof monitoringReportSchema>;
const modelIsParsed: (r: MonitoringReport) => Parsed = (r) => r;
const parsedIsModel: (r: Parsed) => MonitoringReport = (r) => r;
void modelIsParsed;
void parsedIsModel;

/**
 * A report as `jixiao monitor` takes it: what Jixiao computes — each indicator's light and the
 * report's lights — may be left out (it is computed whatever is there; a light given is compared with
 * it), and `unparsed` defaults to none, so a bureau can check a report made elsewhere without first
 * inventing the answers. What is stored and served stays `monitoringReportSchema`, every field given.
 */
export const monitoringReportInputSchema = monitoringReportSchema
  .extend({
    indicators: z.array(monitoringIndicatorSchema.extend({ light: light.default(null).describe('as reported; left out or null: not reported') })).max(2000),
    lights: z
      .object({ budget: light.default(null), indicators: light.default(null), overall: light.default(null) })
      .default({ budget: null, indicators: null, overall: null })
      .describe('as reported; left out or null: not reported'),
    unparsed: unparsedSchema.default([]),
  })
  .strict();

// What the input schema gives is a whole report.
const inputIsModel: (r: z.output<typeof monitoringReportInputSchema>) => MonitoringReport = (r) => r;
void inputIsModel;

/** The JSON Schema of the monitoring report (docs/schema/monitoring-report.schema.json). */
export function monitoringReportJsonSchema(): Record<string, unknown> {
  return { $id: 'urn:jixiao:schema:monitoring-report:1', ...z.toJSONSchema(monitoringReportSchema, { target: 'draft-2020-12' }) };
}

/** The JSON Schema of a report as `jixiao monitor` reads it (docs/schema/monitoring-report.input.schema.json). */
export function monitoringReportInputJsonSchema(): Record<string, unknown> {
  return { $id: 'urn:jixiao:schema:monitoring-report-input:1', ...z.toJSONSchema(monitoringReportInputSchema, { target: 'draft-2020-12', io: 'input' }) };
}
