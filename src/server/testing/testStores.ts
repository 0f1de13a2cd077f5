/**
 * The stores every store and API test runs against: the embedded default and a real PostgreSQL
 * server (TEST_DATABASE_URL, default the local one). Without PostgreSQL the server cases are
 * skipped with a notice on a developer's machine, and fail under CI=true.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../store/openStore.ts';
import { embeddedTemplate, type StoreTemplate } from './storeTemplates.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await postgresReachable();
if (unreachable !== null) {
  if (process.env.CI === 'true') throw new Error(`PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${unreachable}); CI requires it`);
  console.warn(`\n⚠ PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${unreachable}): the PostgreSQL store tests are SKIPPED. Set TEST_DATABASE_URL or start PostgreSQL.\n`);
}

/**
 * Opens a new, empty test store; given a template, one holding what the template puts in (the
 * embedded store starts from a copy of the run's template instead of filling it again).
 */
export type OpenTestStore = (template?: StoreTemplate) => Promise<Store>;

async function filled(store: Store, template: StoreTemplate | undefined): Promise<Store> {
  if (template) await template.fill(store);
  return store;
}

/** The store kinds to run, as [name, open] pairs for describe.each. */
export const STORE_KINDS: Array<[string, OpenTestStore]> = [
  ['embedded (PGlite)', async (template) => filled(await openStore({ kind: 'embedded', dataDir: 'memory://', from: await embeddedTemplate(template) }), template)],
  ...(unreachable === null ? [['PostgreSQL server', async (template) => filled(await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema: testSchema() }), template)] as [string, OpenTestStore]] : []),
];

/**
 * A fresh schema name per test store, dropped by `dropTestSchemas`. The name carries this process's
 * id, so that test files and whole test runs sharing one server drop only their own schemas.
 */
export function testSchema(): string {
  return `jixiao_test_p${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** Is the process that made a test schema gone (its schemas are then left over from a killed run)? */
function ownerGone(schema: string): boolean {
  const pid = /^jixiao_test_p(\d+)_/.exec(schema)?.[1];
  if (pid === undefined) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Drops this process's test schemas and those of processes that no longer run (call in afterAll of
 * PostgreSQL suites). Never another live run's: test files run in parallel on one server.
 */
export async function dropTestSchemas(): Promise<void> {
  if (unreachable !== null) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>("select nspname from pg_namespace where nspname like 'jixiao\\_test\\_p%'");
    const mine = `jixiao_test_p${process.pid}_`;
    for (const { nspname } of rows) {
      if (nspname.startsWith(mine) || ownerGone(nspname)) await client.query(`drop schema if exists "${nspname}" cascade`);
    }
  } finally {
    await client.end();
  }
}
