/**
 * What the forms list's search finds, on both stores: every form that holds what was typed (as the
 * substring search found it), a word wherever it stands, the words of a longer term apart; the
 * text itself for one character and for letters and digits; forms stored before the search's
 * index (migration 9's backfill); the public list's search of published forms.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/policy.ts';
import { emptyProjectTarget, projectIndicator } from '../../core/projectTarget.ts';
import { migrateToLatest } from '../../store/migrations.ts';
import type { Store } from '../../store/openStore.ts';
import { dropTestSchemas, STORE_KINDS } from '../testing/testStores.ts';
import { actorOf, createUser } from './accounts.ts';
import { createDeclaration, listDeclarations, visibleDeclarations } from './declarations.ts';
import { countFound, filterDocuments } from './documents.ts';

/** The project forms, by a short key: their project name and one goal. */
const FORMS: Record<string, { name: string; goal: string }> = {
  egov: { name: '推进政务信息化建设', goal: '完成电子政务平台升级' },
  // 信息化 inside words a segmenter cuts otherwise (信息/化学…): found by its characters.
  chem: { name: '电子信息化学品检测', goal: '检测样品不少于200批次' },
  ops: { name: '信息系统运维保障', goal: '保障系统全年稳定运行' },
  apart: { name: '政务服务大厅改造', goal: '提升信息化水平，加快基础设施建设' },
  code: { name: 'IT设备购置（2025年）', goal: "保障 O'Brien\\实验室 设备更新" },
  other: { name: '道路养护', goal: '养护里程达到120公里' },
};

describe.each(STORE_KINDS)("the forms list's search on the %s store", (_name, open) => {
  let store: Store;
  let actor: Actor;
  let editor: Actor;
  const ids: Record<string, string> = {};
  const found = async (q: string, who: Actor | null = actor) => {
    const { items } = await listDeclarations(store.db, who, { q, page: 1, pageSize: 100, sort: 'updated' });
    return items.map((item) => Object.keys(ids).find((key) => ids[key] === item.id) ?? item.id).sort();
  };

  beforeAll(async () => {
    store = await open();
    // Forms stored before the search's index: the migration's backfill gives them their terms.
    await migrateToLatest(store.db, 7);
    const region = randomUUID();
    const department = randomUUID();
    await store.db.insertInto('regions').values({ id: region, name: '示例区', level: 'district', parent_id: null, settings: '{}' }).execute();
    await store.db.insertInto('departments').values({ id: department, region_id: region, name: '示例区财政局', archived_at: null }).execute();
    const now = new Date().toISOString();
    ids.old = randomUUID();
    // The table as version 7 named it (migration 10 renames it documents).
    await (store.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto('declarations')
      .values({ id: ids.old, department_id: department, year: 2025, kind: 'project-target', state: 'draft', current_version: 0, title: null, search_text: '示例区财政局\n智慧城市信息化平台', budget_total: null, review_grade: null, error_count: 0, warning_count: 0, created_at: now, updated_at: now, submitted_at: null, published_at: null, project_name: '旧表', project_code: null, project_row: null })
      .execute();
    expect(await store.migrate()).toContain(9);
    const admin = await store.db.transaction().execute((trx) => createUser(trx, null, { username: 'search-admin', displayName: '管理员', password: 'Quiet-Harbour-Lantern-58', role: 'admin', departmentId: null, regionId: null }));
    actor = actorOf(admin);
    editor = actorOf(await store.db.transaction().execute((trx) => createUser(trx, null, { username: 'search-editor', displayName: '填报人', password: 'Quiet-Harbour-Lantern-58', role: 'editor', departmentId: department, regionId: null })));
    // The others through the write path, which keeps their terms.
    for (const [key, form] of Object.entries(FORMS)) {
      const content = { ...emptyProjectTarget('示例区财政局', 2025), project: { ...emptyProjectTarget().project, name: form.name }, annualGoal: form.goal, indicators: [projectIndicator('产出指标', '数量指标', `${form.name}完成数量`, '≥1个')] };
      ids[key] = await store.db.transaction().execute((trx) => createDeclaration(trx, actor, { departmentId: department, year: 2025, source: { kind: 'content', content, note: '' } }));
    }
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await dropTestSchemas();
  });

  it('finds every form holding a substring such as 信息化, whatever words a segmenter sees around it', async () => {
    expect(await found('信息化')).toEqual(['apart', 'chem', 'egov', 'old']);
  });

  it('finds a two-character word wherever it stands', async () => {
    expect(await found('运维')).toEqual(['ops']);
    expect(await found('保障')).toEqual(['code', 'ops']);
    expect(await found('政务')).toEqual(['apart', 'egov']);
  });

  it('finds the words of a longer term apart as well as together, and every term of several', async () => {
    expect(await found('政务信息化建设')).toEqual(['apart', 'egov']);
    expect(await found('政务 平台')).toEqual(['egov']);
    expect(await found('信息化 检测')).toEqual(['chem']);
  });

  it('finds one character, and letters and digits, in the text itself', async () => {
    expect(await found('局')).toHaveLength(Object.keys(ids).length);
    expect(await found('2025年')).toEqual(['code']);
    expect(await found('IT设备')).toEqual(['code']);
    expect(await found('200批次')).toEqual(['chem']);
    // Two terms, each found on its own.
    expect(await found('2025 年')).toEqual(['code']);
    expect(await found('120公里')).toEqual(['other']);
    expect(await found('20公里')).toEqual(['other']);
  });

  it('counts a search up to a limit and then says there are more; a list not searched is counted exactly', async () => {
    const all = Object.keys(ids).length;
    const searched = await filterDocuments(store.db, await visibleDeclarations(store.db, actor), { q: '局' });
    expect(await countFound(store.db, searched, all - 1)).toEqual({ total: all - 1, totalAtLeast: true });
    expect(await countFound(store.db, searched, all)).toEqual({ total: all, totalAtLeast: false });
    const byTerms = await filterDocuments(store.db, await visibleDeclarations(store.db, actor), { q: '信息化' });
    expect(await countFound(store.db, byTerms, 2)).toEqual({ total: 2, totalAtLeast: true });
    const unsearched = await filterDocuments(store.db, await visibleDeclarations(store.db, actor), { year: 2025 });
    expect(await countFound(store.db, unsearched, 1)).toEqual({ total: all, totalAtLeast: false });
    expect(await listDeclarations(store.db, actor, { q: '运维', page: 1, pageSize: 10, sort: 'updated' })).toMatchObject({ total: 1, totalAtLeast: false });
  });

  it('pages a search with digits in the list order, each form once, found in the text as typed', async () => {
    const all = await listDeclarations(store.db, actor, { q: '20', page: 1, pageSize: 100, sort: 'department' });
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    for (let page = 1; page <= all.items.length + 1; page++) paged.push(...(await listDeclarations(store.db, actor, { q: '20', page, pageSize: 1, sort: 'department' })).items.map((item) => item.id));
    expect(paged).toEqual(all.items.map((item) => item.id));
    expect(all.total).toBe(all.items.length);
    // 200批次 holds 00 and 批次 but not 00批次 as typed.
    expect(await found('00批次')).toEqual(['chem']);
    expect(await found('0批次')).toEqual(['chem']);
    expect(await found('300批次')).toEqual([]);
  });

  it('takes quotes and backslashes as text', async () => {
    expect(await found("O'Brien\\实验室")).toEqual(['code']);
    expect(await found("'")).toEqual(['code']);
    expect(await found('\\')).toEqual(['code']);
  });

  it('finds nothing for words no form holds', async () => {
    expect(await found('养老服务')).toEqual([]);
    expect(await found('信息化 养护')).toEqual([]);
  });

  it('keeps the terms of a form saved again', async () => {
    const content = { ...emptyProjectTarget('示例区财政局', 2025), project: { ...emptyProjectTarget().project, name: '道路养护' }, annualGoal: '完成桥梁检测与加固' };
    const { updateDeclaration } = await import('./declarations.ts');
    const before = await store.db.selectFrom('documents').select('current_version').where('id', '=', ids.other as string).executeTakeFirstOrThrow();
    await store.db.transaction().execute((trx) => updateDeclaration(trx, editor, ids.other as string, { baseVersion: before.current_version, content }));
    expect(await found('桥梁')).toEqual(['other']);
    expect(await found('120公里')).toEqual([]);
  });

  it('searches the public list of published forms', async () => {
    await store.db.updateTable('documents').set({ state: 'published' }).where('id', '=', ids.egov as string).execute();
    expect(await found('信息化', null)).toEqual(['egov']);
  });
});
