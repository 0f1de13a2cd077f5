// `npm run corpus`: what Jixiao reads from every real published document of the development corpus
// (`shared/corpus`, beside the repository; JIXIAO_CORPUS names another folder). Per file: the kind
// found, the fields and rows read, the share of Han characters accounted for (in a field or a
// recognised label rather than in `unparsed`), and for self-evaluations the printed total beside
// the rows' sum and the computed total. A measure to improve, not a test: nothing here is pinned.
// The corpus is third-party text and stays out of the repository; without it the report says so.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureDocument, type CorpusMeasure } from './corpusMeasure.ts';

function corpusFolder(): string | null {
  if (process.env.JIXIAO_CORPUS) return existsSync(process.env.JIXIAO_CORPUS) ? process.env.JIXIAO_CORPUS : null;
  // `../shared/corpus` from the repository, or from any folder above it (a worktree sits deeper).
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  for (let up = 0; up < 4; up++) {
    const candidate = join(dir, '..', 'shared', 'corpus');
    if (existsSync(candidate)) return candidate;
    dir = join(dir, '..');
  }
  return null;
}

/** The corpus file's text below its `# ---` header (the header describes the file; it is not the document). */
function bodyOf(text: string): { body: string; declared: string } {
  const declared = /^# kind:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '';
  const end = text.indexOf('\n# ---');
  if (!text.startsWith('# ') || end < 0) return { body: text, declared };
  return { body: text.slice(text.indexOf('\n', end + 1) + 1), declared };
}

const folder = corpusFolder();
if (folder === null) {
  process.stdout.write('skipped: no corpus (../shared/corpus not found beside the repository; set JIXIAO_CORPUS)\n');
  process.exit(0);
}
const files = readdirSync(folder).filter((f) => /\.(txt|html?|csv)$/i.test(f)).sort();
const rows: CorpusMeasure[] = [];
for (const file of files) {
  const { body, declared } = bodyOf(readFileSync(join(folder, file), 'utf8'));
  rows.push(await measureDocument(file, body, declared));
}
const cell = (s: string) => s.replaceAll('|', '\\|');
const lines = [
  `corpus: ${folder} (${files.length} files)`,
  '',
  '| file | declared | kind found | fields and rows read | Han accounted | printed total / rows sum / computed |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows.map((r) => `| ${cell(r.file.replace(/\.txt$/, '').slice(0, 40))} | ${r.declared} | ${cell(r.kind)} | ${cell(r.fields)} | ${r.share ?? '—'} | ${cell(r.totals ?? '—')} |`),
];
const imported = rows.filter((r) => r.share !== null);
const shares = imported.map((r) => Number.parseFloat(r.share ?? '0'));
lines.push('', `imported ${imported.length} of ${rows.length}; Han accounted: lowest ${shares.length ? Math.min(...shares).toFixed(1) : '—'}%, ≥ 98% in ${shares.filter((s) => s >= 98).length}`);
process.stdout.write(`${lines.join('\n')}\n`);
