// Writes docs/schema/department-target.schema.json from the zod schema (npm run schema).
import { writeFileSync } from 'node:fs';
import { declarationJsonSchema } from '../src/format/declarationSchema.ts';

const target = new URL('../docs/schema/department-target.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(declarationJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
