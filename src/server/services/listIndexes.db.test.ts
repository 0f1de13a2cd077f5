/**
 * The forms list right after many forms were stored, on both stores (issue 24: as fast as before the
 * one store): a search by index terms reads the search's GIN index, not every form's terms (its
 * pending list stays short, so the planner never costs it past reading every form); a page read at
 * the same time as its count is the page one sort of every form gives.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/policy.ts';
import { documentRow } from '../../store/documentRow.ts';
import type { Store } from '../../store/openStore.ts';
import type { Database } from '../../store/schema.ts';
import { searchTokens } from '../../store/searchTokens.ts';
import { dropTestSchemas, STORE_KINDS } from '../testing/testStores.ts';
import { searchQuery } from './declarationSearch.ts';
import { listDeclarations } from './declarations.ts';

const ADMIN: Actor = { id: 'list-admin', role: 'admin', departmentId: null, regionId: null };
const DEPARTMENTS = 200;
const YEARS = 10;

/** The plan the store makes for a query, as text, with sequential scans off (as the search runs). */
async function planOf(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe.each(STORE_KINDS)('the forms list on the %s store, right after 2,000 forms were stored', (_name, open) => {
  let store: Store;

  beforeAll(async () => {
    store = await open();
    await store.migrate();
    const region = randomUUID();
    await store.db.insertInto('regions').values({ id: region, name: '示例区', level: 'district', parent_id: null, settings: '{}' }).execute();
    const now = Date.parse('2026-01-01T00:00:00Z');
    // Stored as a bulk load does (the bench's way): one statement a batch, no vacuum after.
    for (let d = 0; d < DEPARTMENTS; d += 50) {
      const departments = Array.from({ length: 50 }, (_, i) => ({ id: randomUUID(), region_id: region, name: `示例区第${d + i}局`, archived_at: null }));
      await store.db.insertInto('departments').values(departments).execute();
      const text = (name: string) => `${name}\n保障政务服务\n信息化运维`;
      await store.db
        .insertInto('documents')
        .values(
          departments.flatMap((department, i) =>
            Array.from({ length: YEARS }, (_, y) =>
              documentRow({ id: randomUUID(), department_id: department.id, year: 2016 + y, kind: 'department-target', state: 'draft', current_version: 1, title: '部门整体预算绩效目标申报表', search_text: text(department.name), search_tokens: searchTokens(text(department.name)), error_count: (i + y) % 4, created_at: new Date(now).toISOString(), updated_at: new Date(now - (d * YEARS + i * YEARS + y) * 1000).toISOString() }),
            ),
          ),
        )
        .execute();
    }
    await sql`analyze documents`.execute(store.db);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await dropTestSchemas();
  });

  it("searches a term with digits from the search's index, not from every form's terms", async () => {
    const { tsquery } = await searchQuery('第42');
    const plan = await planOf(store.db, sql`select count(*) from documents where kind in ('department-target', 'project-target') and search_tokens @@ ${tsquery}::tsquery`);
    expect(plan).toContain('declarations_search_tokens');
    const found = await listDeclarations(store.db, ADMIN, { q: '第42', page: 1, pageSize: 20, sort: 'updated' });
    expect(found).toMatchObject({ total: 10, totalAtLeast: false });
    expect(found.items.every((item) => item.departmentName === '示例区第42局')).toBe(true);
  });

  it('pages the list sorted by errors, its count read at the same time, as one sort of every form would', async () => {
    const all = await store.db.selectFrom('documents').select(['id', 'error_count']).orderBy('error_count', 'desc').orderBy('id').execute();
    const pages = [1, 2].map((page) => listDeclarations(store.db, ADMIN, { page, pageSize: 50, sort: 'errors' }));
    const [first, second] = await Promise.all(pages);
    expect(first?.total).toBe(DEPARTMENTS * YEARS);
    expect([...(first?.items ?? []), ...(second?.items ?? [])].map((item) => item.id)).toEqual(all.slice(0, 100).map((row) => row.id));
  });
});
