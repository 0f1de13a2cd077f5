// Writes docs/schema/<kind>.schema.json from the zod schemas (npm run schema), and <kind>.input.schema.json
// for the documents whose computed fields the CLI takes left out (jixiao monitor, jixiao score).
import { writeFileSync } from 'node:fs';
import { assessmentJsonSchema } from '../src/format/assessmentSchema.ts';
import { declarationJsonSchema } from '../src/format/declarationSchema.ts';
import { monitoringReportInputJsonSchema, monitoringReportJsonSchema } from '../src/format/monitoringReportSchema.ts';
import { projectTargetJsonSchema } from '../src/format/projectTargetSchema.ts';
import { selfEvaluationInputJsonSchema, selfEvaluationJsonSchema } from '../src/format/selfEvaluationSchema.ts';

for (const [name, schema] of [['department-target', declarationJsonSchema()], ['project-target', projectTargetJsonSchema()], ['monitoring-report', monitoringReportJsonSchema()], ['self-evaluation', selfEvaluationJsonSchema()], ['monitoring-report.input', monitoringReportInputJsonSchema()], ['self-evaluation.input', selfEvaluationInputJsonSchema()], ['assessment', assessmentJsonSchema()]] as const) {
  const target = new URL(`../docs/schema/${name}.schema.json`, import.meta.url);
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
