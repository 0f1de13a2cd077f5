/**
 * Import benchmark: seed-sized forms imported per second on one core, against reading and
 * splitting the same bytes into lines (the least any importer must do).
 */
import { readFileSync } from 'node:fs';
import { importFormBytes } from '../src/import/text/importFormText.ts';
import { compare, formatRate } from './harness.ts';

const SEED = new URL('../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url);

export function importBench(): { markdown: string; ok: boolean } {
  const bytes = readFileSync(SEED);
  let sink = 0;
  const decoder = new TextDecoder('utf-8');
  const baseline = (): void => {
    sink += decoder.decode(bytes).split(/\r?\n/).length;
  };
  const subject = (): void => {
    const outcome = importFormBytes(bytes);
    sink += outcome.ok ? outcome.declaration.indicators.length : 0;
  };
  const heapBefore = process.memoryUsage().heapUsed;
  const { subject: s, baseline: b } = compare(subject, baseline);
  const heapAfter = process.memoryUsage().heapUsed;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const ratio = b.opsPerSecond / s.opsPerSecond;
  const ok = s.opsPerSecond >= 2000 && ratio <= 20;
  if (sink < 0) throw new Error('unreachable: keeps the work from being optimised away');
  const markdown = [
    `Seed document: ${bytes.length.toLocaleString('en-US')} bytes, 568 lines, 14 projects, 32 indicators. Median of 5 alternating rounds of 0.4 s.`,
    '',
    '| what | documents per second | relative |',
    '| --- | ---: | ---: |',
    `| baseline: decode UTF-8 and split into lines | ${formatRate(b.opsPerSecond)} | 1× |`,
    `| \`importFormBytes\` (decode, detect kind, read every section, account for every character) | ${formatRate(s.opsPerSecond)} | ${ratio.toFixed(1)}× slower |`,
    '',
    `Goal: ≥ 2,000 documents/s and within 20× the baseline — **${ok ? 'met' : 'NOT met'}** (${formatRate(s.opsPerSecond)}/s, ${ratio.toFixed(1)}×).`,
    `Peak memory: process max RSS ${maxRssMiB.toFixed(0)} MiB; heap ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB higher after the run than before it (garbage not yet collected included).`,
  ].join('\n');
  return { markdown, ok };
}
