/**
 * Writes scripts/testDurations.json, the order of the test files on a clean clone
 * (longestFirstSequencer.ts), from the JSON report of a full run:
 * `npx vitest run --reporter=json --outputFile=report.json && npx tsx scripts/recordTestDurations.ts report.json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECORDED_DURATIONS_FILE } from './longestFirstSequencer.ts';

const reportPath = process.argv[2];
if (!reportPath) throw new Error('usage: tsx scripts/recordTestDurations.ts <vitest JSON report>');
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { testResults: Array<{ name: string; startTime: number; endTime: number }> };
const root = fileURLToPath(new URL('..', import.meta.url));
const seconds = Object.fromEntries(
  report.testResults
    .map((file) => [relative(root, file.name).split('\\').join('/'), Math.round((file.endTime - file.startTime) / 100) / 10] as const)
    .sort(([, a], [, b]) => b - a),
);
writeFileSync(RECORDED_DURATIONS_FILE, `${JSON.stringify(seconds, null, 2)}\n`);
console.log(`recorded the durations of ${Object.keys(seconds).length} test files`);
