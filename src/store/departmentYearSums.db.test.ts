/**
 * Each department-year's sums (the dashboards' and the year overview's) are replaced by the write
 * that touched it. Two writes of one department-year at once, on a PostgreSQL server, must both
 * land: the second waits for the first's turn and sums what both wrote. Only the server's store runs
 * writes at once (the embedded store has one connection, so its transactions take turns anyway).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../server/testing/testStores.ts';
import { refreshYearOverview } from './departmentYearOverview.ts';
import { refreshDepartmentYears } from './departmentYearSummary.ts';
import { documentRow } from './documentRow.ts';
import type { Store } from './openStore.ts';

const SERVER_STORES = STORE_KINDS.filter(([name]) => name.startsWith('PostgreSQL'));
const TOUCHED = [{ departmentId: 'dept-1', year: 2024 }];

describe.each(SERVER_STORES)('department-year sums on the %s store', (_name, open) => {
  let store: Store;

  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await store.db.insertInto('regions').values({ id: 'region-1', name: '示例区', level: 'district', parent_id: null, settings: '{}' }).execute();
    await store.db.insertInto('departments').values({ id: 'dept-1', region_id: 'region-1', name: '示例局', archived_at: null }).execute();
    const now = '2025-01-01T00:00:00.000Z';
    const stored = (id: string, kind: 'department-target' | 'self-evaluation', state: string) =>
      documentRow({ id, kind, department_id: 'dept-1', year: 2024, state, current_version: 1, budget_total: '100.00', budget_executed: kind === 'self-evaluation' ? '90.00' : null, created_at: now, updated_at: now, target_kind: kind === 'self-evaluation' ? 'department-target' : null, grade: kind === 'self-evaluation' ? '良' : null });
    await store.db.insertInto('documents').values([stored('form-1', 'department-target', 'draft'), stored('evaluation-1', 'self-evaluation', 'draft')]).execute();
  }, 120_000);

  afterAll(async () => {
    await store?.close();
  });

  /** Is a transaction of another connection waiting for a lock while it refreshes the sums? */
  async function secondIsWaiting(): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and (query like '%pg_advisory_xact_lock%' or query like '%department_year%')`.execute(store.db);
    return (rows[0]?.n ?? 0) > 0;
  }

  it('lets two writes of one department-year at once both land, the second summing what both wrote', async () => {
    let firstHasRefreshed: () => void = () => undefined;
    const refreshed = new Promise<void>((resolve) => (firstHasRefreshed = resolve));
    let letFirstCommit: () => void = () => undefined;
    const mayCommit = new Promise<void>((resolve) => (letFirstCommit = resolve));
    const first = store.db.transaction().execute(async (trx) => {
      await trx.updateTable('documents').set({ state: 'submitted' }).where('id', '=', 'form-1').execute();
      await refreshDepartmentYears(trx, TOUCHED);
      await refreshYearOverview(trx, 'self-evaluation', TOUCHED);
      firstHasRefreshed();
      await mayCommit;
    });
    await refreshed;
    const second = store.db.transaction().execute(async (trx) => {
      await trx.updateTable('documents').set({ state: 'submitted' }).where('id', '=', 'evaluation-1').execute();
      await refreshDepartmentYears(trx, TOUCHED);
      await refreshYearOverview(trx, 'self-evaluation', TOUCHED);
    });
    await expect.poll(secondIsWaiting).toBe(true);
    letFirstCommit();
    await first;
    await second;
    const forms = await store.db.selectFrom('department_year_forms').select(['kind', 'state', 'forms']).where('department_id', '=', 'dept-1').execute();
    expect(forms).toEqual([{ kind: 'department-target', state: 'submitted', forms: 1 }]);
    const overview = await store.db.selectFrom('department_year_overview').selectAll().where('department_id', '=', 'dept-1').execute();
    expect(overview).toEqual([{ kind: 'self-evaluation', department_id: 'dept-1', year: 2024, cells: [['submitted', '良', null, 1]], shown: 1, annual: '100.00', executed: '90.00' }]);
  });
});
