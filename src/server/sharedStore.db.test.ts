/**
 * Two server processes on one PostgreSQL database: what one changes, the other shows at once,
 * although both cache declaration heads — every write announces itself on commit (NOTIFY), and a
 * process that may have missed an announcement (its listening connection lost) stops caching.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/openStore.ts';
import { buildApp } from './app.ts';
import { seedDemo } from './demo.ts';
import { ApiClient } from './testing/apiClient.ts';
import { dropTestSchemas, STORE_KINDS, TEST_DATABASE_URL, testSchema } from './testing/testStores.ts';

const PASSWORD = 'shared-store-password';
const postgresReachable = STORE_KINDS.some(([name]) => name === 'PostgreSQL server');

describe.skipIf(!postgresReachable)('two servers sharing one PostgreSQL database', () => {
  const schema = testSchema();
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];
  let first: string;
  let second: string;
  let id: string;

  const start = async (): Promise<string> => {
    const store = await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
    stores.push(store);
    await store.migrate();
    const app = await buildApp(store, { loginsPerMinute: 10_000, demoMode: true });
    apps.push(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  };
  const stateOn = async (base: string, client: ApiClient) => (await client.get<{ state: string; reviewGrade: string | null }>(`/api/v1/declarations/${id}`)).body;

  beforeAll(async () => {
    first = await start();
    const [store] = stores;
    if (!store) throw new Error('no store');
    await seedDemo(store, PASSWORD);
    second = await start();
    id = (await store.db.selectFrom('documents').select('id').executeTakeFirstOrThrow()).id;
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const store of stores) await store.close();
    await dropTestSchemas();
  });

  it('shows on one server, at once, the workflow step taken on the other', async () => {
    const onFirst = await new ApiClient(first).login('haizhu-approver', PASSWORD);
    const onSecond = await new ApiClient(second).login('haizhu-approver', PASSWORD);
    expect((await stateOn(first, onFirst)).state).toBe('draft'); // now cached by the first server
    expect((await stateOn(first, onFirst)).state).toBe('draft');
    expect((await onSecond.post(`/api/v1/declarations/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    await expect.poll(async () => (await stateOn(first, onFirst)).state, { timeout: 2000, interval: 20 }).toBe('submitted');
  });

  it('answers from memory: a change made behind its back shows only once announced', async () => {
    const onFirst = await new ApiClient(first).login('haizhu-approver', PASSWORD);
    expect((await stateOn(first, onFirst)).reviewGrade).toBeNull();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`update "${schema}".documents set review_grade = '优' where id = $1`, [id]);
      expect((await stateOn(first, onFirst)).reviewGrade).toBeNull();
      await admin.query('select pg_notify($1, $2)', ['jixiao_document_changed', id]);
      await expect.poll(async () => (await stateOn(first, onFirst)).reviewGrade, { timeout: 2000, interval: 20 }).toBe('优');
      await admin.query(`update "${schema}".documents set review_grade = null where id = $1`, [id]);
      await admin.query('select pg_notify($1, $2)', ['jixiao_document_changed', id]);
      await expect.poll(async () => (await stateOn(first, onFirst)).reviewGrade, { timeout: 2000, interval: 20 }).toBeNull();
    } finally {
      await admin.end();
    }
  });

  it('stops caching when its listening connection is lost, and reads the database instead', async () => {
    const onFirst = await new ApiClient(first).login('haizhu-approver', PASSWORD);
    expect((await stateOn(first, onFirst)).reviewGrade).toBeNull(); // cached
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%jixiao_document_changed%'");
      // A change nobody announces (as if its notification were lost with the connection).
      await admin.query(`update "${schema}".documents set review_grade = '良' where id = $1`, [id]);
    } finally {
      await admin.end();
    }
    await expect.poll(async () => (await stateOn(first, onFirst)).reviewGrade, { timeout: 3000, interval: 20 }).toBe('良');
  });
});
