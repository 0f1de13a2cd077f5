// Writes docs/rules.md from the checker's rules (npm run docs:rules).
import { writeFileSync } from 'node:fs';
import { rulesDocument } from '../src/format/rulesDocument.ts';

const target = new URL('../docs/rules.md', import.meta.url);
writeFileSync(target, rulesDocument());
process.stdout.write(`wrote ${target.pathname}\n`);
