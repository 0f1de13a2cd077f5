/**
 * Three server processes behind nginx on one PostgreSQL server (issue 15): GET of one form under 100
 * connections (autocannon) through nginx, against one process alone in the same run; then the same
 * load while a writer posts comments and one process is killed — the requests that failed, and
 * whether every acknowledged write is in the store.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openStore } from '../src/store/openStore.ts';
import { seedDemo } from '../src/server/demo.ts';
import { ApiClient } from '../src/server/testing/apiClient.ts';
import { nginxMissing, startCluster, startServerProcess } from '../src/server/testing/cluster.ts';

const PASSWORD = 'cluster-bench-password';
const DURATION = 10;

async function load(url: string, token: string, connections = 100, duration = DURATION) {
  const result = await autocannon({ url, connections, duration, headers: { authorization: `Bearer ${token}` } });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts };
}

export async function clusterBench(): Promise<{ markdown: string; ok: boolean }> {
  const missing = nginxMissing();
  if (missing) return { markdown: `Not run: ${missing} (apt-get install nginx-light).`, ok: false };
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `jixiao_bench_${randomUUID().slice(0, 8)}`;
  const store = await openStore({ kind: 'postgres', url, schema });
  try {
    await store.migrate();
    await seedDemo(store, PASSWORD, { family: true });
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema, JIXIAO_DEMO_PASSWORD: PASSWORD };
    const editor = await (async () => {
      const single = await startServerProcess(env, ['--demo']);
      try {
        const client = await new ApiClient(single.url).login('haizhu-editor', PASSWORD);
        const token = (await client.post<{ token: string }>('/api/v1/tokens', { name: 'bench', expiresInDays: 1 })).body.token;
        const form = (await client.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?year=2025&kind=department-target')).body.items[0]?.id ?? '';
        const one = await load(`${single.url}/api/v1/declarations/${form}`, token);
        return { token, form, one };
      } finally {
        single.child.kill('SIGTERM');
      }
    })();
    const cluster = await startCluster({ url, schema, processes: 3, args: ['--demo'], env: { JIXIAO_DEMO_PASSWORD: PASSWORD } });
    try {
      const formUrl = `${cluster.url}/api/v1/declarations/${editor.form}`;
      const three = await load(formUrl, editor.token);
      // The same load with a writer, and one process killed after 3 s.
      const writer = new ApiClient(cluster.url).useToken(editor.token);
      const acknowledged: string[] = [];
      let refused = 0;
      let writing = true;
      const writes = (async () => {
        for (let n = 0; writing; n++) {
          const body = `压测批注 ${n}`;
          const response = await writer.post(`/api/v1/declarations/${editor.form}/comments`, { path: '/goals/0', body }).catch(() => ({ status: 0 }));
          if (response.status === 201) acknowledged.push(body);
          else refused++;
        }
      })();
      const killer = setTimeout(() => cluster.kill(2), 3000);
      const killed = await load(formUrl, editor.token);
      clearTimeout(killer);
      writing = false;
      await writes;
      const stored = new Set((await store.db.selectFrom('document_comments').select('body').where('body', 'like', '压测批注%').execute()).map((r) => r.body));
      const lost = acknowledged.filter((b) => !stored.has(b)).length;
      const row = (label: string, r: { rps: number; p50: number; p99: number; failed: number }) => `| ${label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.failed} |`;
      const markdown = [
        `\`GET /api/v1/declarations/:id\` (the demo's department form, ~40 KB of JSON) with an API token, autocannon with 100 connections for ${DURATION} s on this same 2-core machine; every server process, nginx (Debian's nginx-light, one worker, keep-alive to the upstreams), PostgreSQL and the load generator share the two cores.`,
        '',
        '| set-up | requests/s | p50 ms | p99 ms | failed requests |',
        '| --- | ---: | ---: | ---: | ---: |',
        row('baseline: one process, directly', editor.one),
        row('3 processes behind nginx', three),
        row('3 processes behind nginx, one killed after 3 s', killed),
        '',
        `During the last load a writer posted comments one after another: ${acknowledged.length} acknowledged (201), ${refused} refused or cut off; **${lost} acknowledged writes missing** from the store afterwards.`,
        '',
        `On two cores three processes cannot serve twice one process's rate (the issue says so): the total is ${(three.rps / editor.one.rps).toFixed(2)}× one process's here. What several processes give is staying up: with one killed, nginx sends the requests to the other two (idempotent ones are retried on the next upstream; a POST cut off is refused, never sent twice).`,
      ].join('\n');
      return { markdown, ok: lost === 0 };
    } finally {
      await cluster.stop();
    }
  } finally {
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(store.db).catch(() => undefined);
    await sql.raw(`drop schema if exists ${schema}_queue cascade`).execute(store.db).catch(() => undefined);
    await store.close();
  }
}
