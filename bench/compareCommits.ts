/**
 * `npm run bench:compare -- [--base COMMIT] [--head COMMIT] [--rounds N] [part…]`: runs the same
 * benchmark parts on two commits side by side, in alternating rounds so that both see the same machine,
 * and writes each figure's before and after (medians over the rounds) into BENCHMARKS.md.
 *
 * Each commit is checked out into a temporary worktree with its own `npm ci`, and runs its own
 * `bench/run.ts` — the benchmark as that commit wrote it — so a figure compares like with like.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { change, figuresOf, sectionOf, type Figure } from './benchTables.ts';
import { machine, median } from './harness.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const FILE = join(ROOT, 'BENCHMARKS.md');
/** The API and page parts: what users wait for. */
const DEFAULT_PARTS = ['server', 'monitoring-round', 'evaluation-overview', 'web'];
const ALLOWED_LOSS = 0.1;
const PART_TIMEOUT_MS = 40 * 60_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    // The commit before the one store of issue 24 (the merge of the kinds branch).
    base: { type: 'string', default: '0ebfe67^1' },
    head: { type: 'string', default: 'HEAD' },
    rounds: { type: 'string', default: '2' },
    // A fix to an older commit's benchmark (bench/ only), applied where it applies: see bench/patches/README.md.
    patch: { type: 'string', multiple: true, default: [] },
  },
});
const parts = positionals.length > 0 ? positionals : DEFAULT_PARTS;
const rounds = Math.max(1, Number(values.rounds));

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** The patches applied to each checkout, for the section's record. */
const applied = new Map<string, string[]>();

/** A worktree of the commit with its dependencies installed, and the bench patches that apply to it. */
function checkout(commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-compare-'));
  git('worktree', 'add', '--detach', dir, commit);
  for (const patch of values.patch) {
    const file = join(ROOT, patch);
    const check = spawnSync('git', ['apply', '--check', file], { cwd: dir, encoding: 'utf8' });
    if (check.status !== 0) continue;
    execFileSync('git', ['apply', file], { cwd: dir });
    // Only the benchmark may change: a patch that touches the product would compare something else.
    const touched = execFileSync('git', ['diff', '--name-only'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
    if (touched.some((path) => !path.startsWith('bench/'))) throw new Error(`${patch} changes more than bench/ in ${commit}: ${touched.join(', ')}`);
    applied.set(commit, [...(applied.get(commit) ?? []), patch]);
    process.stdout.write(`${commit}: applied ${patch}\n`);
  }
  process.stdout.write(`${commit} → ${dir}: npm ci…\n`);
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  if (install.status !== 0) throw new Error(`npm ci failed in ${dir}`);
  return dir;
}

/** Runs one part in a checkout and reads its figures back from that checkout's BENCHMARKS.md. */
function runPart(dir: string, part: string): Figure[] {
  // A part that hangs (a child left running after a failure) fails the comparison instead of stalling it.
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', part], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: process.env, timeout: PART_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (run.error) throw new Error(`${part} in ${dir}: ${run.error.message}`);
  // A goal not met exits 1 but still writes its figures; only missing figures are a failure here.
  const section = existsSync(join(dir, 'BENCHMARKS.md')) ? sectionOf(readFileSync(join(dir, 'BENCHMARKS.md'), 'utf8'), part) : null;
  if (section === null) throw new Error(`${part} wrote no figures in ${dir} (exit ${String(run.status)})`);
  return figuresOf(section);
}

function medianFigures(runs: Figure[][]): Map<string, Figure> {
  const byKey = new Map<string, Figure[]>();
  for (const run of runs) for (const figure of run) byKey.set(figure.key, [...(byKey.get(figure.key) ?? []), figure]);
  return new Map([...byKey].map(([key, figures]) => [key, { ...(figures[0] as Figure), value: median(figures.map((f) => f.value)) }]));
}

function formatValue(figure: Figure): string {
  const digits = figure.value >= 100 ? 0 : 1;
  return `${figure.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}${figure.unit && figure.unit !== '%' ? ` ${figure.unit}` : figure.unit}`;
}

async function main(): Promise<void> {
  const baseCommit = git('rev-parse', '--short', values.base);
  const headCommit = git('rev-parse', '--short', values.head);
  const base = checkout(baseCommit);
  const head = checkout(headCommit);
  const lines: string[] = [];
  let worse = 0;
  let compared = 0;
  try {
    for (const part of parts) {
      const before: Figure[][] = [];
      const after: Figure[][] = [];
      for (let round = 0; round < rounds; round++) {
        // Alternate who goes first, so that neither always meets a warmer or a busier machine.
        const order = round % 2 === 0 ? ([[base, before], [head, after]] as const) : ([[head, after], [base, before]] as const);
        for (const [dir, into] of order) {
          process.stdout.write(`${part}, round ${round + 1}: ${dir === base ? baseCommit : headCommit}…\n`);
          into.push(runPart(dir, part));
        }
      }
      const was = medianFigures(before);
      const now = medianFigures(after);
      lines.push(`| \`${part}\` | | | | |`);
      for (const key of new Set([...was.keys(), ...now.keys()])) {
        const old = was.get(key);
        const current = now.get(key);
        if (!old || !current) {
          lines.push(`| ${key} | ${old ? formatValue(old) : 'not measured'} | ${current ? formatValue(current) : 'not measured'} | | not compared |`);
          continue;
        }
        const moved = change(old, current);
        compared += 1;
        const flagged = moved < -ALLOWED_LOSS;
        if (flagged) worse += 1;
        lines.push(`| ${key} | ${formatValue(old)} | ${formatValue(current)} | ${moved >= 0 ? '+' : ''}${(moved * 100).toFixed(0)}% | ${flagged ? '**worse**' : 'ok'} |`);
      }
    }
  } finally {
    for (const dir of [base, head]) {
      git('worktree', 'remove', '--force', dir);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const section = [
    '<!-- bench:compare -->',
    '## Before and after: the same parts on two commits, side by side',
    '',
    `Command: \`npm run bench:compare -- --base ${values.base} --rounds ${rounds}${values.patch.map((p) => ` --patch ${p}`).join('')} ${parts.join(' ')}\` · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${machine()}`,
    '',
    `Before: ${baseCommit} (${git('log', '-1', '--format=%s', baseCommit).slice(0, 90)}…). After: ${headCommit}.${[...applied].map(([commit, patches]) => ` ${commit} ran with ${patches.map((p) => `\`${p}\``).join(', ')} (its benchmark's own fix; nothing outside bench/).`).join('')} Each commit ran its own benchmarks in its own worktree, in ${rounds} alternating rounds; the figures are the medians. "Change" is signed so that worse is negative, whichever way a figure is better; a figure more than ${ALLOWED_LOSS * 100}% worse is marked.`,
    '',
    '| figure | before | after | change | |',
    '| --- | ---: | ---: | ---: | --- |',
    ...lines,
    '',
    `${compared} figures compared; ${worse} more than ${ALLOWED_LOSS * 100}% worse — goal (none) **${worse === 0 ? 'met' : 'not met'}**.`,
    '<!-- /bench:compare -->',
  ].join('\n');
  const document = readFileSync(FILE, 'utf8');
  const pattern = /<!-- bench:compare -->[\s\S]*?<!-- \/bench:compare -->/;
  writeFileSync(FILE, pattern.test(document) ? document.replace(pattern, section) : `${document.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`${section}\n`);
  if (worse > 0) process.exitCode = 1;
}

await main();
