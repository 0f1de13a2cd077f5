/**
 * maintain() on a PostgreSQL schema refreshes the planner's statistics of that store's tables and
 * leaves other stores on the same server alone (a bare ANALYZE read every schema of the database).
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestSchemas, STORE_KINDS, TEST_DATABASE_URL, testSchema } from '../server/testing/testStores.ts';
import { openStore } from './openStore.ts';

const postgres = STORE_KINDS.some(([name]) => name.startsWith('PostgreSQL'));

describe.skipIf(!postgres)('maintain() on a PostgreSQL schema', () => {
  afterAll(() => dropTestSchemas());

  it("analyzes the store's own tables, and not those of another store on the server", async () => {
    const [mine, other] = [testSchema(), testSchema()];
    const [store, neighbour] = await Promise.all([mine, other].map((schema) => openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema })));
    if (!store || !neighbour) throw new Error('two stores were asked for');
    try {
      await store.migrate();
      await neighbour.migrate();
      await store.maintain();
      const { rows } = await sql<{ schema: string; tables: number; analyzed: number }>`
        select schemaname as schema, count(*)::int as tables, count(last_analyze)::int as analyzed
        from pg_stat_user_tables where schemaname in (${mine}, ${other}) group by schemaname`.execute(store.db);
      const bySchema = Object.fromEntries(rows.map((r) => [r.schema, r]));
      expect(bySchema[mine]?.tables).toBeGreaterThan(10);
      expect(bySchema[mine]?.analyzed).toBe(bySchema[mine]?.tables);
      expect(bySchema[other]?.analyzed).toBe(0);
    } finally {
      await Promise.all([store.close(), neighbour.close()]);
    }
  });
});
