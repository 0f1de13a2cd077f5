/**
 * Server benchmark: GET of one declaration and a filtered list under 50 concurrent connections
 * (autocannon), against a bare node:http server returning the same JSON from memory, in the same
 * run; list queries over 10,000 stored declarations one at a time; the event-loop delay meanwhile.
 * Both stores.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { formatRate } from './harness.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 6);

function startChild(script: string, args: string[]): Promise<{ child: ChildProcess; info: Record<string, unknown> }> {
  const child = fork(new URL(script, import.meta.url), args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, info: JSON.parse(line) as Record<string, unknown> });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function ask(child: ChildProcess, message: string): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}

interface Load {
  requestsPerSecond: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Load> {
  const result = await autocannon({ url, connections: 50, duration: DURATION, headers });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

async function timeSequential(url: string, headers: Record<string, string>, times = 50): Promise<{ median: number; p99: number; total: number }> {
  const durations: number[] = [];
  let total = 0;
  // Three warm-up requests: the first plans the query and fills the caches.
  for (let i = 0; i < 3; i++) await (await fetch(url, { headers })).text();
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { total: number };
    durations.push(performance.now() - start);
    total = body.total;
  }
  durations.sort((a, b) => a - b);
  return { median: durations[Math.floor(times / 2)] ?? 0, p99: durations[Math.min(times - 1, Math.ceil(times * 0.99) - 1)] ?? 0, total };
}

/** Reads a URL the bench is about to load, refusing an answer that is not a success (an expired token, a moved route). */
async function bodyOf(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

async function benchStore(kind: 'embedded' | 'postgres'): Promise<{ rows: string[]; ok: boolean }> {
  const { child, info } = await startChild('./serverProcess.ts', [kind]);
  // A failed measurement must not leave the server running: the bench's process would never end.
  try {
    return await measureStore(kind, child, info);
  } finally {
    child.kill();
  }
}

async function measureStore(kind: 'embedded' | 'postgres', child: ChildProcess, info: Record<string, unknown>): Promise<{ rows: string[]; ok: boolean }> {
  const base = `http://127.0.0.1:${String(info.port)}`;
  const auth = { authorization: `Bearer ${String(info.token)}` };
  const getUrl = `${base}/api/v1/declarations/${String(info.seedId)}`;
  const listUrl = `${base}/api/v1/declarations?year=2020&state=published&sort=updated&pageSize=20`;
  const declaration = await bodyOf(getUrl, auth);
  const list = await bodyOf(listUrl, auth);

  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bare-'));
  const results: Record<string, { real: Load; bare: Load }> = {};
  for (const [name, url, body] of [
    ['GET one declaration (the seed, ~' + Math.round(declaration.length / 1024) + ' KB)', getUrl, declaration],
    ['GET filtered list (year + state, 20 of 10,000+)', listUrl, list],
  ] as const) {
    const file = join(dir, 'body.json');
    writeFileSync(file, body);
    const bare = await startChild('./bareServer.ts', [file]);
    const bareLoad = await load(`http://127.0.0.1:${String(bare.info.port)}/`);
    bare.child.send('stop');
    await ask(child, 'reset-delay');
    const realLoad = await load(url, auth);
    results[name] = { real: realLoad, bare: bareLoad };
  }
  const filters = [
    ['year + state', `${base}/api/v1/declarations?year=2020&state=published`],
    ['all, sorted by errors, 50 a page', `${base}/api/v1/declarations?sort=errors&pageSize=50`],
    ['full-text search', `${base}/api/v1/declarations?q=${encodeURIComponent('第42')}`],
  ] as const;
  const sequential: string[] = [];
  let listOk = true;
  for (const [name, url] of filters) {
    const timing = await timeSequential(url, auth);
    listOk &&= timing.p99 < 50;
    sequential.push(`| ${kind} | ${name} | ${timing.total.toLocaleString('en-US')} | ${timing.median.toFixed(1)} ms | ${timing.p99.toFixed(1)} ms |`);
  }
  const delay = (await ask(child, 'stop')) as { eventLoopDelayMs: { p50: number; p99: number; max: number } };

  const rows: string[] = [];
  let ok = listOk;
  for (const [name, { real, bare }] of Object.entries(results)) {
    const share = real.requestsPerSecond / bare.requestsPerSecond;
    if (name.startsWith('GET one')) ok &&= share >= 0.4 && real.p99 < 50;
    rows.push(`| ${kind} | ${name} | ${formatRate(real.requestsPerSecond)} | ${real.p99} ms | ${formatRate(bare.requestsPerSecond)} | ${(share * 100).toFixed(0)}% | ${real.non2xx} |`);
  }
  return {
    rows: [
      ...rows,
      '',
      `Event-loop delay of the ${kind} server during its GET loads: p50 ${delay.eventLoopDelayMs.p50.toFixed(1)} ms, p99 ${delay.eventLoopDelayMs.p99.toFixed(1)} ms, max ${delay.eventLoopDelayMs.max.toFixed(1)} ms (goal: under 100 ms).`,
      '',
      '| store | list query, one at a time over 10,000+ declarations (50 requests after 3 warm-up) | declarations matched | median | p99 |',
      '| --- | --- | ---: | ---: | ---: |',
      ...sequential,
      '',
    ],
    ok: ok && delay.eventLoopDelayMs.max < 100,
  };
}

export async function serverBench(): Promise<{ markdown: string; ok: boolean }> {
  const parts: string[] = [
    `autocannon, 50 connections, ${DURATION} s per load, server and baseline each in their own process on this machine (the load generator shares its 2 cores). Authenticated with an API token, as a script would (a token lookup is reused for 2 s, as in production).`,
    '',
  ];
  let ok = true;
  for (const kind of ['embedded', 'postgres'] as const) {
    const header = ['| store | request | requests/s | p99 | bare node:http, same JSON | share of bare | non-2xx |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
    try {
      const result = await benchStore(kind);
      parts.push(...header, ...result.rows);
      ok &&= result.ok;
    } catch (error) {
      parts.push(`${kind}: not measured (${error instanceof Error ? error.message : String(error)})`, '');
      ok = false;
    }
  }
  parts.push(
    `Goals: GET of one declaration at ≥ 40% of the bare server with p99 < 50 ms; filtered lists over 10,000 declarations in < 50 ms; event-loop delay < 100 ms — **${ok ? 'all met' : 'not all met'}** (each row above shows its own figure).`,
    '',
    'The embedded store: PGlite runs PostgreSQL compiled to WebAssembly on the server’s own event loop, so every query blocks it',
    'while it runs. The store yields to the event loop before each query (src/store/openStore.ts), which keeps the delay low',
    '(before that change it reached ~190 ms). A GET of one declaration answers from memory on both stores: the version’s JSON',
    'never changes, and the head row (state, current version) is cached where no change can be missed',
    '(src/server/services/documentHeads.ts): the embedded store is locked to one process; with PostgreSQL every write sends a',
    'NOTIFY on commit that every server process listens to, and a process whose listening connection is lost stops caching until',
    'it is back. The body a reader was sent is kept with the version and sent again while their head (state, actions) is the same:',
    'copying the 30 KB per request was a tenth of its CPU, and building Helmet’s headers on each request (as @fastify/helmet does)',
    'another tenth; both are gone. The lists answer in milliseconds one at a time; under load their cost is the two queries per',
    'page (rows and total).',
  );
  return { markdown: parts.join('\n'), ok };
}
