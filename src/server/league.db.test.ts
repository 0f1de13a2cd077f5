/**
 * The league table of budget management (预算管理综合考核) over real HTTP on both stores: each
 * department's measures counted from what the store holds, ranked by the region's settings, exported —
 * and who sees what: a department its own row, a bureau its region, experts nothing.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './services/accounts.ts';
import { createDepartment } from './services/organisations.ts';
import type { ApiClient } from './testing/apiClient.ts';
import { insertResultRows } from './testing/resultRows.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

type Measure = { measure: string; figure: string | null; points: string | null; weight: number };
type Row = { rank: number | null; departmentId: string; departmentName: string; total: string | null; measures: Measure[] };
type League = { rows: Row[]; config: { weights: Record<string, number> }; scope: { department: { id: string } | null } };

describe.each(STORE_KINDS)('the league table on the %s store', (_name, open) => {
  let t: TestApp;
  let reviewer: ApiClient;
  let editor: ApiClient;
  let admin: ApiClient;
  let expert: ApiClient;
  let yuexiuAdmin: ApiClient;
  let haizhu = '';
  let own = '';
  let other = '';

  beforeAll(async () => {
    t = await startTestApp(open);
    const db = t.store.db;
    const regions = await db.selectFrom('regions').select(['id', 'name']).execute();
    haizhu = regions.find((r) => r.name === '海珠区')?.id ?? '';
    const yuexiu = regions.find((r) => r.name === '越秀区')?.id ?? '';
    editor = await t.as('haizhu-editor');
    own = (await editor.get<{ user: { departmentId: string } }>('/api/v1/session')).body.user.departmentId;
    await db.transaction().execute(async (trx) => {
      other = await createDepartment(trx, 'system', { name: '广州市海珠区甲甲局', regionId: haizhu });
      for (const [username, role, regionId] of [['l-expert', 'expert', haizhu], ['l-yuexiu-admin', 'admin', yuexiu]] as const) {
        await createUser(trx, null, { username, displayName: username, password: TEST_PASSWORD, role, departmentId: null, regionId });
      }
    });
    const round = randomUUID();
    await db.insertInto('monitoring_rounds').values({ id: round, region_id: haizhu, year: 2024, name: '1–7月', through: '2024-07-31', due: '2024-08-10', created_by: 'system', created_at: '2024-08-01T00:00:00Z' }).execute();
    const [selfEvaluation = ''] = await insertResultRows(db, [{ kind: 'self-evaluation', departmentId: own, year: 2024, state: 'accepted', score: '95.00', grade: '优' }]);
    await insertResultRows(db, [
      // 2.5 errors a form sent to the bureau; a draft's errors do not count.
      { kind: 'project-target', departmentId: own, year: 2024, state: 'submitted', projectName: '甲', errors: 1 },
      { kind: 'project-target', departmentId: own, year: 2024, state: 'returned', projectName: '乙', errors: 4 },
      { kind: 'project-target', departmentId: own, year: 2024, state: 'draft', projectName: '丙', errors: 100 },
      { kind: 'project-target', departmentId: other, year: 2024, state: 'submitted', projectName: '丁', errors: 0 },
      // One report by the due day, one after it.
      { kind: 'monitoring-report', departmentId: own, year: 2024, state: 'accepted', parentId: round, submittedAt: '2024-08-09T10:00:00Z' },
      { kind: 'monitoring-report', departmentId: own, year: 2024, state: 'accepted', parentId: round, submittedAt: '2024-08-15T10:00:00Z' },
      // A sampling review 15 points below the self-evaluation.
      { kind: 'assessment', departmentId: own, year: 2024, state: 'concluded', targetId: selfEvaluation, score: '80.00', grade: '良', facts: { purpose: 'sampling-review' } },
      // One item left open past its deadline, one accepted.
      { kind: 'rectification', departmentId: own, year: 2024, state: 'open', facts: { deadline: '2024-03-01' } },
      { kind: 'rectification', departmentId: own, year: 2024, state: 'accepted', facts: { deadline: '2024-03-01' } },
    ]);
    reviewer = await t.as('haizhu-reviewer');
    admin = await t.as('haizhu-admin');
    expert = await t.as('l-expert');
    yuexiuAdmin = await t.as('l-yuexiu-admin');
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it("ranks a bureau's departments on the composite, each with its breakdown", async () => {
    const league = await reviewer.get<League>(`/api/v1/results/league?year=2024&regionId=${haizhu}`);
    expect(league.status).toBe(200);
    const ours = league.body.rows.find((r) => r.departmentId === own);
    expect(ours?.measures.map((m) => [m.measure, m.figure, m.points])).toEqual([
      ['targetFindings', '2.50', '10.00'],
      ['monitoringOnTime', '50.00%', '10.00'],
      ['evaluationAccuracy', '15.00', '5.00'],
      ['rectificationOnTime', '50.00%', '10.00'],
      ['disclosureOnTime', null, null],
    ]);
    // 35 of the 80 points that apply, on a scale of 100.
    expect(ours?.total).toBe('43.75');
    const theirs = league.body.rows.find((r) => r.departmentId === other);
    expect(theirs).toMatchObject({ total: '100.00', rank: 1 });
    expect(ours?.rank).toBeGreaterThan(1);
  });

  it('follows the weights the region sets', async () => {
    const saved = await admin.patch(`/api/v1/organisations/regions/${haizhu}`, { settings: { league: { weights: { targetFindings: 40, monitoringOnTime: 30, evaluationAccuracy: 10, rectificationOnTime: 20, disclosureOnTime: 0 }, errorsForZero: 5, gapForZero: 20 } } });
    expect(saved.status).toBe(200);
    const league = await reviewer.get<League>(`/api/v1/results/league?year=2024&regionId=${haizhu}`);
    // 20 + 15 + 2.5 + 10 = 47.5 of 100 points that apply.
    expect(league.body.rows.find((r) => r.departmentId === own)?.total).toBe('47.50');
    const refused = await admin.patch(`/api/v1/organisations/regions/${haizhu}`, { settings: { league: { weights: { targetFindings: -1, monitoringOnTime: 0, evaluationAccuracy: 0, rectificationOnTime: 0, disclosureOnTime: 0 }, errorsForZero: 5, gapForZero: 20 } } });
    expect(refused.status).toBe(400);
  });

  it('shows a department its own row only, ranked among its region', async () => {
    const league = await editor.get<League>('/api/v1/results/league?year=2024');
    expect(league.status).toBe(200);
    expect(league.body.rows.map((r) => r.departmentId)).toEqual([own]);
    expect(league.body.rows[0]?.rank).toBeGreaterThan(1);
    expect((await editor.get(`/api/v1/results/league?year=2024&departmentId=${other}`)).status).toBe(404);
  });

  it('shows experts nothing and keeps a bureau to its region', async () => {
    expect((await expert.get(`/api/v1/results/league?year=2024&regionId=${haizhu}`)).status).toBe(403);
    expect((await yuexiuAdmin.get(`/api/v1/results/league?year=2024&regionId=${haizhu}`)).status).toBe(404);
  });

  it('exports the table as Excel with the figures and points beside each department', async () => {
    const response = await reviewer.bytes(`/api/v1/results/league.xlsx?year=2024&regionId=${haizhu}`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.bytes.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet?.getRow(1).values as unknown[]).map(String);
    expect(header).toContain('名次');
    expect(header.some((h) => h.startsWith('监控按时报送'))).toBe(true);
    const values: string[] = [];
    sheet?.eachRow((row) => values.push((row.values as unknown[]).map(String).join('|')));
    expect(values.some((v) => v.includes('广州市海珠区甲甲局') && v.includes('100'))).toBe(true);
  });
});
