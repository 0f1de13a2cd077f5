/**
 * Writes the served OpenAPI document (`/api/v1/openapi.json`) to a file, without a server or a data
 * directory: `npm run openapi -- out.json` (default openapi.json).
 */
import { writeFile } from 'node:fs/promises';
import { servedOpenApi } from '../src/server/contract/servedDocument.ts';

const out = process.argv[2] ?? 'openapi.json';
await writeFile(out, `${JSON.stringify(await servedOpenApi(), null, 2)}\n`);
console.log(`wrote ${out}`);
