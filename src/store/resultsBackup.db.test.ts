/**
 * A backup keeps 结果应用: every version of a region's rules, the bureau's exceptions with their reasons
 * and exact amounts, and its approvals come back from a restore as they were, and the restored store
 * proposes the same table.
 */
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '../core/policy.ts';
import { seedDemo } from '../server/demo.ts';
import { addException, approveProposals, proposals, saveRules } from '../server/services/results.ts';
import { insertResultRows } from '../server/testing/resultRows.ts';
import { dropTestSchemas, STORE_KINDS } from '../server/testing/testStores.ts';
import { DEFAULT_RESULT_RULES } from '../core/results/rules.ts';
import { restoreBackup, writeBackup } from './backup.ts';
import type { Store } from './openStore.ts';

describe.each(STORE_KINDS)('results in a backup on the %s store', (_name, open) => {
  const stores: Store[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
    await dropTestSchemas();
  });

  it('restore the rules’ versions, the exceptions and the approvals, and the same proposals', async () => {
    const store = await open();
    stores.push(store);
    await store.migrate();
    await seedDemo(store, 'Quiet-Harbour-Lantern-58');
    const haizhu = (await store.db.selectFrom('regions').select('id').where('name', '=', '海珠区').executeTakeFirstOrThrow()).id;
    const department = (await store.db.selectFrom('departments').select('id').where('region_id', '=', haizhu).executeTakeFirstOrThrow()).id;
    const adminId = (await store.db.selectFrom('users').select('id').where('username', '=', 'haizhu-admin').executeTakeFirstOrThrow()).id;
    const admin: Actor = { id: adminId, role: 'admin', departmentId: null, regionId: haizhu };
    const [project = ''] = await insertResultRows(store.db, [{ kind: 'project-target', departmentId: department, year: 2024, state: 'published', projectName: '政务云运维', amount: '123.456789' }]);
    await insertResultRows(store.db, [{ kind: 'self-evaluation', departmentId: department, year: 2024, state: 'accepted', targetId: project, grade: '中' }]);
    await store.db.transaction().execute(async (trx) => {
      await saveRules(trx, admin, { regionId: haizhu, year: 2025, rules: DEFAULT_RESULT_RULES });
      await saveRules(trx, admin, { regionId: haizhu, year: 2025, rules: { ...DEFAULT_RESULT_RULES, grades: { ...DEFAULT_RESULT_RULES.grades, 中: { type: 'cut', percent: '12.5' } } } });
      await addException(trx, admin, { year: 2025, projectId: project, amount: '60.123456', reason: '民生兜底' });
      await approveProposals(trx, admin, { year: 2025, regionId: haizhu });
    });
    const before = await proposals(store.db, admin, { year: 2025 });

    let text = '';
    await writeBackup(store.db, (chunk) => {
      text += chunk;
    });
    const other = await open();
    stores.push(other);
    await other.migrate();
    const counts = await restoreBackup(other.db, Readable.from([text]));
    expect([counts.result_rules, counts.result_exceptions, counts.result_approvals]).toEqual([2, 1, 1]);
    const tables = ['result_rules', 'result_exceptions', 'result_approvals'] as const;
    for (const table of tables) {
      expect(await other.db.selectFrom(table).selectAll().orderBy('id').execute()).toEqual(await store.db.selectFrom(table).selectAll().orderBy('id').execute());
    }
    const after = await proposals(other.db, admin, { year: 2025 });
    expect(after.rows).toEqual(before.rows);
    expect(after.rows[0]).toMatchObject({ computed: '108.026789', proposed: '60.123456', rule: 'exception', rulesVersion: 2, exception: { reason: '民生兜底' } });
    expect(after.approval).toEqual(before.approval);
  }, 180_000);
});
