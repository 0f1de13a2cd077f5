/**
 * The dashboards across departments over real HTTP, on both stores, with the demo's district: a
 * city's sub-regions, a district's departments, one department's forms; the figures agree with the
 * forms they sum; each chart's table downloads; who may look where.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionDashboard } from '../format/apiTypes.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';

describe.each(STORE_KINDS)('dashboards on the %s store', (_name, open) => {
  let t: TestApp;
  let ids: { guangzhou: string; haizhu: string; yuexiu: string };

  beforeAll(async () => {
    t = await startTestApp(open, { district: true });
    const tree = (await (await t.as('admin')).get<{ regions: Array<{ children: Array<{ id: string; children: Array<{ id: string; name: string }> }> }> }>('/api/v1/organisations')).body;
    const city = tree.regions[0]?.children[0];
    ids = { guangzhou: city?.id ?? '', haizhu: city?.children.find((c) => c.name === '海珠区')?.id ?? '', yuexiu: city?.children.find((c) => c.name === '越秀区')?.id ?? '' };
  }, 900_000);

  afterAll(async () => {
    await t?.close();
  });

  it("shows a city's districts, and sums what the forms say", async () => {
    const admin = await t.as('admin');
    const { status, body } = await admin.get<RegionDashboard>(`/api/v1/dashboard?year=2025&regionId=${ids.guangzhou}`);
    expect(status).toBe(200);
    expect(body.scope.region.name).toBe('广州市');
    expect(body.children.map((c) => [c.kind, c.name])).toEqual([
      ['region', '海珠区'],
      ['region', '越秀区'],
    ]);
    const haizhu = body.children.find((c) => c.name === '海珠区');
    expect(haizhu?.departments).toBe(31);
    // The drill-down row and the forms agree: the forms list counts the same.
    const list = await admin.get<{ total: number }>(`/api/v1/declarations?year=2025&regionId=${ids.haizhu}&pageSize=1`);
    expect(haizhu?.forms).toBe(list.body.total);
    const byState = body.formsByState.reduce((n, r) => n + r.n, 0);
    expect(byState).toBe(body.children.reduce((n, c) => n + c.forms, 0));
    // Every rule family the demo planted a mistake for is counted.
    expect(body.findingsByFamily.filter((f) => f.severity === 'error').map((f) => f.family)).toEqual(expect.arrayContaining(['arithmetic']));
    expect(body.budgetByLine.some((l) => l.line.startsWith('category:'))).toBe(true);
    expect(body.lights.round).not.toBeNull();
    expect(body.lights.counts.find((c) => c.light === 'red')?.n).toBeGreaterThan(0);
    expect(body.trends.map((r) => r.year)).toEqual([2024, 2025]);
  });

  it("adds the district's budget exactly, department by department", async () => {
    const reviewer = await t.as('haizhu-reviewer');
    const { body } = await reviewer.get<RegionDashboard>(`/api/v1/dashboard?year=2024`);
    expect(body.scope.region.name).toBe('海珠区');
    expect(body.children.every((c) => c.kind === 'department')).toBe(true);
    const rows = await t.store.db
      .selectFrom('documents')
      .innerJoin('departments', 'departments.id', 'documents.department_id')
      .select('documents.budget_total')
      .where('departments.region_id', '=', ids.haizhu)
      .where('documents.year', '=', 2024)
      .where('documents.kind', '=', 'department-target')
      .execute();
    const cents = rows.reduce((n, r) => n + BigInt(Math.round(Number(r.budget_total) * 100)), 0n);
    const shown = body.children.reduce((n, c) => n + BigInt(c.budget.replace('.', '')), 0n);
    expect(shown).toBe(cents);
    expect(body.grades.filter((g) => g.grade !== 'none').reduce((n, g) => n + g.n, 0)).toBeGreaterThan(20);
    expect(body.scores.reduce((n, s) => n + s.n, 0)).toBeGreaterThan(20);
    expect(body.execution.length).toBeGreaterThan(20);
  });

  it("drills down to one department's forms, opening only what the viewer may read", async () => {
    const reviewer = await t.as('haizhu-reviewer');
    const district = (await reviewer.get<RegionDashboard>('/api/v1/dashboard?year=2025')).body;
    const department = district.children.find((c) => c.name === '广州市海珠区民政局');
    expect(department).toBeDefined();
    const { body } = await reviewer.get<RegionDashboard>(`/api/v1/dashboard?year=2025&departmentId=${department?.id ?? ''}`);
    expect(body.scope.department?.name).toBe('广州市海珠区民政局');
    expect(body.forms?.length).toBe(department?.forms);
    for (const form of body.forms ?? []) expect(form.canOpen).toBe(form.state !== 'draft');
    expect(body.scope.path.map((p) => [p.name, p.reachable])).toEqual([
      ['广东省', false],
      ['广州市', false],
      ['海珠区', true],
    ]);
  });

  it("downloads each chart's table, and the whole dashboard as one workbook", async () => {
    const admin = await t.as('admin');
    const one = await admin.bytes(`/api/v1/dashboard.xlsx?year=2025&regionId=${ids.haizhu}&chart=children`);
    expect(one.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(one.bytes) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['下级区划与部门']);
    expect(book.worksheets[0]?.rowCount).toBe(32);
    const all = await admin.bytes(`/api/v1/dashboard.xlsx?year=2025&regionId=${ids.haizhu}&lang=en`);
    const whole = new ExcelJS.Workbook();
    await whole.xlsx.load(Buffer.from(all.bytes) as unknown as ArrayBuffer);
    expect(whole.worksheets.length).toBe(10);
    expect(whole.worksheets[0]?.getRow(1).getCell(1).value).toBe('Kind');
  });

  it('keeps each reviewer to their region, and departments and the public out', async () => {
    const haizhuReviewer = await t.as('haizhu-reviewer');
    expect((await haizhuReviewer.get(`/api/v1/dashboard?year=2025&regionId=${ids.yuexiu}`)).status).toBe(404);
    expect((await haizhuReviewer.get(`/api/v1/dashboard?year=2025&regionId=${ids.guangzhou}`)).status).toBe(404);
    const yuexiuReviewer = await t.as('yuexiu-reviewer');
    const own = await yuexiuReviewer.get<RegionDashboard>('/api/v1/dashboard?year=2025');
    expect(own.body.children.length).toBe(5);
    expect((await (await t.as('haizhu-admin')).get(`/api/v1/dashboard?year=2025&regionId=${ids.yuexiu}`)).status).toBe(404);
    expect((await (await t.as('haizhu-editor')).get('/api/v1/dashboard?year=2025')).status).toBe(403);
    expect((await new (await import('./testing/apiClient.ts')).ApiClient(t.base).get('/api/v1/dashboard?year=2025')).status).toBe(401);
    expect((await haizhuReviewer.get('/api/v1/dashboard?year=1900')).status).toBe(400);
  });
});
