/**
 * How long a `jixiao` process takes (issue 22): users and scripts call the CLI in loops, and each
 * call pays the process's start. Each command is a fresh process, as a shell runs it, against the
 * baseline of the same machine in the same run — `node -e 0`, a Node process that does nothing —
 * in alternating rounds, so all see the same load. Also each one's peak memory (RSS) once, read
 * by GNU time where it is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build, staleness } from '../scripts/nodeBuild.mjs';
import { median, percentile } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = 'bin/jixiao.js';
const SEED = 'fixtures/forms/000_168cd24c06a0f893.txt';
const ROUNDS = 25;
const GNU_TIME = '/usr/bin/time';

interface Subject {
  readonly name: string;
  readonly args: readonly string[];
}

const BASELINE: Subject = { name: '`node -e 0`', args: ['-e', '0'] };
const SUBJECTS: readonly Subject[] = [
  { name: '`jixiao --version`', args: [BIN, '--version'] },
  { name: '`jixiao help`', args: [BIN, 'help'] },
  { name: `\`jixiao import ${SEED}\``, args: [BIN, 'import', SEED] },
];

/** Wall time of one process, ms; fails the benchmark if the command fails. */
function once(subject: Subject): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, subject.args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${subject.name} exited with ${result.status}: ${result.stderr.toString('utf8')}`);
  return elapsed;
}

/** Peak resident memory of one run, MB, or null without GNU time. */
function peakMemory(subject: Subject): number | null {
  if (!existsSync(GNU_TIME)) return null;
  const result = spawnSync(GNU_TIME, ['-f', '%M', process.execPath, ...subject.args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(/(\d+)\s*$/.exec(result.stderr.toString('utf8'))?.[1]);
  return Number.isFinite(kb) ? kb / 1024 : null;
}

export async function cliStartBench(): Promise<{ markdown: string; ok: boolean }> {
  // Measured as installed: dist/ current (a build out of date would be compiled by the first run).
  if (staleness() !== null) await build();
  const all = [BASELINE, ...SUBJECTS];
  // Warm-up: the file system cache and V8's compile cache, as on a machine that ran jixiao before.
  for (let i = 0; i < 3; i++) for (const subject of all) once(subject);
  const times = new Map<Subject, number[]>(all.map((s) => [s, []]));
  for (let round = 0; round < ROUNDS; round++) for (const subject of all) times.get(subject)?.push(once(subject));
  const base = median(times.get(BASELINE) ?? []);
  const rows = all.map((subject) => {
    const t = times.get(subject) ?? [];
    const memory = peakMemory(subject);
    return { subject, median: median(t), p90: percentile(t, 90), memory };
  });
  const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const [versionRow, helpRow, importRow] = rows.slice(1);
  const withinThree = [versionRow, helpRow].every((row) => row !== undefined && row.median <= 3 * base);
  const importFast = importRow !== undefined && importRow.median < 300;
  const table = [
    '| command | wall time, median | p90 | × `node -e 0` | peak memory (RSS) |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.subject.name} | ${r.median.toFixed(0)} ms | ${r.p90.toFixed(0)} ms | ${(r.median / base).toFixed(2)} | ${r.memory === null ? '–' : `${r.memory.toFixed(0)} MB`} |`),
  ];
  const markdown = [
    `Each command a new process (\`node bin/jixiao.js …\`, jixiao ${version.version}, the compiled JavaScript in dist/), ${ROUNDS} rounds after 3 warm-up rounds, the commands in turn within each round; output discarded. Load average at the start: ${loadavg()[0]?.toFixed(1)} (the machine is shared).`,
    '',
    ...table,
    '',
    `Before (issue 22): every start transpiled the TypeScript through tsx and loaded every command's packages — \`jixiao help\` took 1.8–2.2 s and 230 MB here (5–12 s on this machine under a load of 6–9). Now the sources are compiled once (at \`npm install\`, again when one changes) and each command loads its own modules only.`,
    '',
    `Goal: \`jixiao --version\` and \`jixiao help\` within 3× of \`node -e 0\` — **${withinThree ? 'met' : 'not met'}**; \`jixiao import\` of the seed's text under 300 ms — **${importFast ? 'met' : 'not met'}**.`,
  ].join('\n');
  return { markdown, ok: withinThree && importFast };
}
