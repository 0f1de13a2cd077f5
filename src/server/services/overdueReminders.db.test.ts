/**
 * Reminding once of overdue documents, on both stores: a batch of OVERDUE_BATCH a tick and the rest
 * on the next, each document once, none of an archived department, and nothing stamped when a notice
 * fails (the next tick sends them all).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentRow } from '../../store/documentRow.ts';
import type { Store } from '../../store/openStore.ts';
import { dropTestSchemas, STORE_KINDS } from '../testing/testStores.ts';
import { OVERDUE_BATCH, remindOverdueOnce, type OverdueReminder } from './overdueReminders.ts';

describe.each(STORE_KINDS)('overdue reminders on the %s store', (_name, open) => {
  let store: Store;
  const reminded: string[] = [];
  /** The reminder of open documents; it records whom it told. */
  const openOnes: OverdueReminder<{ id: string; title: string | null }> = {
    overdue: (candidates) => candidates.select(['documents.id', 'documents.title']).where('documents.state', '=', 'open'),
    remind: async (_trx, row) => reminded.push(row.title ?? ''),
  };
  const insert = async (departmentId: string, state: string, titles: readonly string[]) => {
    const now = new Date().toISOString();
    await store.db
      .insertInto('documents')
      .values(titles.map((title) => documentRow({ id: randomUUID(), kind: 'rectification', department_id: departmentId, year: 2025, state, created_at: now, updated_at: now, title })))
      .execute();
  };
  let active: string;

  beforeAll(async () => {
    store = await open();
    await store.migrate();
    const region = randomUUID();
    active = randomUUID();
    const archived = randomUUID();
    await store.db.insertInto('regions').values({ id: region, name: '示例区', level: 'district', parent_id: null, settings: '{}' }).execute();
    await store.db
      .insertInto('departments')
      .values([
        { id: active, region_id: region, name: '示例区卫生健康局', archived_at: null },
        { id: archived, region_id: region, name: '已撤销的局', archived_at: '2025-01-01T00:00:00.000Z' },
      ])
      .execute();
    await insert(active, 'open', Array.from({ length: OVERDUE_BATCH + 1 }, (_, i) => `open ${i}`));
    await insert(active, 'accepted', ['accepted']);
    await insert(archived, 'open', ['archived']);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await dropTestSchemas();
  });

  it('sends nothing and stamps nothing when a notice fails: the next tick tells them all', async () => {
    const failing: typeof openOnes = { ...openOnes, remind: async () => Promise.reject(new Error('the notice could not be written')) };
    await expect(remindOverdueOnce(store.db, failing)).rejects.toThrow('the notice could not be written');
    const stamped = await store.db.selectFrom('documents').select('id').where('reminded_at', 'is not', null).execute();
    expect(stamped).toEqual([]);
  });

  it('tells of each overdue document once, a batch a tick, none of an archived department', async () => {
    expect(await remindOverdueOnce(store.db, openOnes)).toBe(OVERDUE_BATCH);
    expect(await remindOverdueOnce(store.db, openOnes)).toBe(1);
    expect(await remindOverdueOnce(store.db, openOnes)).toBe(0);
    expect(reminded.length).toBe(OVERDUE_BATCH + 1);
    expect(new Set(reminded).size).toBe(OVERDUE_BATCH + 1);
    expect(reminded).not.toContain('archived');
    expect(reminded).not.toContain('accepted');
    const stamped = await store.db.selectFrom('documents').select('title').where('reminded_at', 'is not', null).where('department_id', '=', active).execute();
    expect(stamped.length).toBe(OVERDUE_BATCH + 1);
  });
});
