/**
 * Backups keep every table: a table the schema gains is backed up or named as left out, with why; a
 * job queued at backup time comes back with its files and runs again; deliveries waiting are not
 * sent twice.
 */
import { Readable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../server/demo.ts';
import { expandUpload } from '../server/import/uploadFiles.ts';
import { closeImportPool } from '../server/import/importPool.ts';
import { createJob, orphanedJobs, runJob, uploadItems } from '../server/jobs/jobs.ts';
import { actorOf, presentUser } from '../server/services/accounts.ts';
import { dropTestSchemas, STORE_KINDS } from '../server/testing/testStores.ts';
import { NOT_BACKED_UP, restoreBackup, TABLES, writeBackup } from './backup.ts';
import type { Store } from './openStore.ts';

const seed = new Uint8Array(readFileSync(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url)));

async function backupOf(store: Store): Promise<string> {
  let text = '';
  await writeBackup(store.db, (chunk) => {
    text += chunk;
  });
  return text;
}

describe.each(STORE_KINDS)('backups on the %s store', (_name, open) => {
  const stores: Store[] = [];
  const fresh = async () => {
    const store = await open();
    stores.push(store);
    await store.migrate();
    return store;
  };

  afterAll(async () => {
    await closeImportPool();
    for (const store of stores) await store.close();
    await dropTestSchemas();
  });

  it('back up every table of the schema, or name it as left out with why', async () => {
    const store = await fresh();
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(store.db);
    const named = new Set<string>([...TABLES, ...Object.keys(NOT_BACKED_UP)]);
    expect(tables.rows.map((t) => t.name).filter((name) => !named.has(name))).toEqual([]);
    // And nothing listed that is not a table.
    expect([...named].filter((name) => !tables.rows.some((t) => t.name === name))).toEqual([]);
  }, 120_000);

  it('keep a job queued or running at backup time, with its files as bytes, and run it again after the restore', async () => {
    const store = await fresh();
    await seedDemo(store, 'Quiet-Harbour-Lantern-58');
    const user = await store.db.selectFrom('users').selectAll().where('username', '=', 'haizhu-editor').executeTakeFirstOrThrow();
    const actor = actorOf(presentUser(user));
    const jobId = await createJob(store.db, actor, { kind: 'import-forms', year: 2031, departmentId: actor.departmentId, regionId: null }, uploadItems(expandUpload([{ name: 'forms.zip', bytes: zipSync({ 'seed.txt': seed, '../escape.txt': seed }) }])));
    // A runner was half-way through it when the backup was made: its lease still runs.
    await store.db.updateTable('jobs').set({ state: 'running', locked_by: 'old-process', locked_until: new Date(Date.now() + 60_000).toISOString() }).where('id', '=', jobId).execute();
    // A finished export with its zip, and a delivery still waiting to go out.
    const exportId = await createJob(store.db, actor, { kind: 'export-forms', year: 2025, regionId: null }, [{ label: 'x', payload: { declarationId: 'x' } }]);
    await store.db.updateTable('jobs').set({ state: 'done', output: new Uint8Array([0x50, 0x4b, 5, 6, 0, 255]) }).where('id', '=', exportId).execute();
    await store.db.insertInto('notifications').values({ id: 'n1', user_id: user.id, kind: 'returned', title_zh: '退回', title_en: 'returned', body: 'b', link: '/', created_at: new Date().toISOString(), read_at: null, fanned_out: true }).execute();
    await store.db.insertInto('notification_deliveries').values({ id: 'd1', notification_id: 'n1', channel: 'email', state: 'pending', attempts: 0, next_at: new Date().toISOString(), locked_until: null, last_error: null, sent_at: null }).execute();

    const backup = await backupOf(store);
    const other = await fresh();
    const counts = await restoreBackup(other.db, Readable.from([backup]));
    expect(counts.jobs).toBe(2);
    expect(counts.job_items).toBe(3);
    const items = await other.db.selectFrom('job_items').select(['seq', 'label', 'state', 'data']).where('job_id', '=', jobId).orderBy('seq').execute();
    expect(items.map((i) => [i.label, i.state])).toEqual([['forms.zip/../escape.txt', 'failed'], ['forms.zip/seed.txt', 'pending']]);
    expect(Buffer.from(items[1]?.data ?? new Uint8Array()).equals(Buffer.from(seed))).toBe(true);
    const output = (await other.db.selectFrom('jobs').select('output').where('id', '=', exportId).executeTakeFirstOrThrow()).output;
    expect([...(output ?? [])]).toEqual([0x50, 0x4b, 5, 6, 0, 255]);
    expect((await other.db.selectFrom('notification_deliveries').select('state').where('id', '=', 'd1').executeTakeFirstOrThrow()).state).toBe('skipped');

    // Nobody of the restored store holds it: the look for jobs nobody runs finds it now, and it runs.
    expect(await orphanedJobs(other.db)).toEqual([jobId]);
    expect(await runJob(other.db, jobId, { id: 'restored' })).toBe('done');
    const done = await other.db.selectFrom('jobs').select(['done', 'failed']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(done).toEqual({ done: 1, failed: 1 });
  }, 180_000);
});
