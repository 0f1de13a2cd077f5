import { readFileSync } from 'node:fs';
import { importSource } from '../src/readers/importSource.ts';
const o = await importSource(new Uint8Array(readFileSync('fixtures/forms/000_168cd24c06a0f893.txt')), {});
if (o.ok) console.log(o.documents.length, o.documents[0]?.document.year, (o.documents[0]?.document as { department: string }).department);
