/**
 * The server under benchmark, in its own process: a store (embedded in a temporary directory, or a
 * PostgreSQL schema) with the demo and 10,000 more declarations, the real app listening, and the
 * event-loop delay recorded. Prints one JSON line when ready; prints the delay when told to stop.
 */
import { mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { documentRow } from '../src/store/documentRow.ts';
import { emptyDeclaration } from '../src/core/declaration.ts';
import { buildApp } from '../src/server/app.ts';
import { seedDemo } from '../src/server/demo.ts';
import { createApiToken } from '../src/server/services/accounts.ts';
import { openStore } from '../src/store/openStore.ts';
import { searchTokens } from '../src/store/searchTokens.ts';

const kind = process.argv[2] === 'postgres' ? 'postgres' : 'embedded';
const schema = `jixiao_bench_${randomUUID().slice(0, 8)}`;
const store = await openStore(
  kind === 'postgres'
    ? { kind: 'postgres', url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema }
    : { kind: 'embedded', dataDir: mkdtempSync(join(tmpdir(), 'jixiao-bench-')) },
);
await store.migrate();
await seedDemo(store, 'bench-password-1');

// 10,000 more declarations: 1,000 departments × 10 years, small content each.
const region = await store.db.selectFrom('regions').select('id').where('name', '=', '越秀区').executeTakeFirstOrThrow();
const admin = await store.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
const states = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
const now = new Date().toISOString();
for (let d = 0; d < 1000; d += 50) {
  await store.db.transaction().execute(async (trx) => {
    const departments = Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), region_id: region.id, name: `越秀区第${d + i}局` }));
    await trx.insertInto('departments').values(departments).execute();
    const declarations = departments.flatMap((dept, i) =>
      Array.from({ length: 10 }, (_, y) =>
        documentRow({
        id: randomUUID(),
        department_id: dept.id,
        year: 2016 + y,
        kind: 'department-target',
        project_name: null,
        project_code: null,
        project_row: null,
        state: states[(d + i + y) % states.length] ?? 'draft',
        current_version: 1,
        title: '部门整体预算绩效目标申报表',
        search_text: `${dept.name}\n保障政务服务\n信息化运维`,
        search_tokens: searchTokens(`${dept.name}\n保障政务服务\n信息化运维`),
        budget_total: `${1000 + i}.50`,
        review_grade: null,
        error_count: (i + y) % 4,
        warning_count: (i * y) % 9,
        created_at: now,
        updated_at: new Date(Date.parse(now) - (d * 10 + i * 10 + y) * 1000).toISOString(),
      })),
    );
    await trx.insertInto('documents').values(declarations).execute();
    await trx
      .insertInto('document_versions')
      .values(declarations.map((x) => ({ document_id: x.id, version: 1, content: JSON.stringify(emptyDeclaration(null, x.year)), findings: '[]', author_id: admin.id, created_at: now, note: null, autosave: false })))
      .execute();
  });
}
await store.maintain();
const count = await sql<{ n: string }>`select count(*) as n from documents`.execute(store.db);
// The bench's admin is a real account: a demo account's token is refused outside demo mode (src/server/context.ts).
await store.db.updateTable('users').set({ demo: false }).where('id', '=', admin.id).execute();
const token = await store.db.transaction().execute((trx) =>
  createApiToken(trx, { id: admin.id, username: 'admin', displayName: '', role: 'admin', departmentId: null, regionId: null, disabled: false, demo: false, email: null }, 'bench'),
);
const seedId = (await store.db.selectFrom('documents').select('id').where('year', '=', 2025).where('title', 'is not', null).orderBy('created_at').executeTakeFirstOrThrow()).id;

const app = await buildApp(store, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port, token: token.token, seedId, declarations: Number(count.rows[0]?.n) })}\n`);

process.on('message', async (message) => {
  if (message === 'reset-delay') {
    delay.reset();
    process.send?.('ok');
  }
  if (message === 'stop') {
    delay.disable();
    process.send?.({ eventLoopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } });
    await app.close();
    if (kind === 'postgres') await sql`drop schema ${sql.id(schema)} cascade`.execute(store.db).catch(() => undefined);
    await store.close();
    process.exit(0);
  }
});
