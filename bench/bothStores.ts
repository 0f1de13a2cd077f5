/** Runs a measurement on a fresh embedded store and on a fresh schema of the PostgreSQL server, in turn. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../src/store/openStore.ts';

export async function onBothStores<T>(name: string, measure: (store: Store) => Promise<T>): Promise<Array<[string, T]>> {
  const results: Array<[string, T]> = [];
  const embedded = await openStore({ kind: 'embedded', dataDir: mkdtempSync(join(tmpdir(), `jixiao-${name}-bench-`)) });
  try {
    results.push(['embedded (PGlite)', await measure(embedded)]);
  } finally {
    await embedded.close();
  }
  const schema = `jixiao_bench_${randomUUID().slice(0, 8)}`;
  const postgres = await openStore({ kind: 'postgres', url: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', schema });
  try {
    results.push(['PostgreSQL 15', await measure(postgres)]);
    await sql.raw(`drop schema if exists ${schema} cascade`).execute(postgres.db);
  } finally {
    await postgres.close();
  }
  return results;
}
