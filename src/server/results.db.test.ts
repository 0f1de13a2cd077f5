/**
 * 结果应用 over real HTTP on both stores: next year's proposals from this year's stored results, the
 * rules a bureau's admin saves as versions, exceptions with their reasons, approval and the exports —
 * and who sees what: a department its own rows, a bureau its region, experts and agencies nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { STORE_KINDS } from './testing/testStores.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from './testing/testApp.ts';
import type { ApiClient } from './testing/apiClient.ts';
import { insertResultRows } from './testing/resultRows.ts';
import { createUser } from './services/accounts.ts';
import { createDepartment } from './services/organisations.ts';
import { exampleProject } from '../core/rules/exampleProject.ts';

type Row = { project: string; department: string; projectId: string; lastAmount: string; computed: string; proposed: string; rule: string; rulesVersion: number | null; overRequest: boolean; request: string | null; exception: { reason: string } | null; fired: Array<{ rule: string; source: string | null }> };
type Table = { rows: Row[]; total: { count: number; proposed: string; lastAmount: string }; departments: Array<{ department: string; proposed: string }>; rules: { version: number | null }; approval: { total: string; rulesVersion: number | null } | null; page: { total: number } };
type Problem = { error: { id: string; fields?: Array<{ field: string }> } };

const RULES = {
  grades: { 优: { type: 'raise', percent: '5' }, 良: { type: 'keep' }, 中: { type: 'cut', percent: '10' }, 差: { type: 'cancel' } },
  keyEvaluation: { 优: { type: 'raise', percent: '10' }, 良: { type: 'keep' }, 中: { type: 'cut', percent: '20' }, 差: { type: 'cancel' } },
  exAnte: { reject: { type: 'cancel' }, applyCut: true },
  redLight: { type: 'suspend' },
};

describe.each(STORE_KINDS)('budget proposals on the %s store', (_name, open) => {
  let t: TestApp;
  let bureauAdmin: ApiClient;
  let reviewer: ApiClient;
  let editor: ApiClient;
  let systemAdmin: ApiClient;
  let expert: ApiClient;
  let agency: ApiClient;
  let yuexiuAdmin: ApiClient;
  let haizhu = '';
  let yuexiu = '';
  let guangzhou = '';
  let own = '';
  let other = '';
  let yuexiuDepartment = '';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(open);
    const db = t.store.db;
    const regions = await db.selectFrom('regions').select(['id', 'name']).execute();
    const region = (name: string) => regions.find((r) => r.name === name)?.id ?? '';
    [haizhu, yuexiu, guangzhou] = [region('海珠区'), region('越秀区'), region('广州市')];
    own = (await db.selectFrom('departments').select('id').where('region_id', '=', haizhu).executeTakeFirstOrThrow()).id;
    await db.transaction().execute(async (trx) => {
      other = await createDepartment(trx, 'system', { name: '广州市海珠区卫生健康局', regionId: haizhu });
      yuexiuDepartment = await createDepartment(trx, 'system', { name: '广州市越秀区教育局', regionId: yuexiu });
      for (const [username, role, regionId] of [['r-expert', 'expert', haizhu], ['r-agency', 'agency', haizhu], ['yx-admin', 'admin', yuexiu]] as const) {
        await createUser(trx, null, { username, displayName: username, password: TEST_PASSWORD, role, departmentId: null, regionId });
      }
    });
    // 2024's approved project forms and their results; 2025's forms as the departments' requests.
    const [a = '', b = '', c = '', d = '', e = '', f = ''] = await insertResultRows(db, [
      { kind: 'project-target', departmentId: own, year: 2024, state: 'approved', projectName: '政务云运维', projectCode: 'HZ-01', amount: '100.000000' },
      { kind: 'project-target', departmentId: own, year: 2024, state: 'published', projectName: '数据共享平台', amount: '80.000000' },
      { kind: 'project-target', departmentId: own, year: 2024, state: 'published', projectName: '12345热线', amount: '50.000000' },
      { kind: 'project-target', departmentId: own, year: 2024, state: 'published', projectName: '城市大脑', amount: '300.000000' },
      { kind: 'project-target', departmentId: other, year: 2024, state: 'published', projectName: '家庭医生签约', amount: '200.000000' },
      { kind: 'project-target', departmentId: yuexiuDepartment, year: 2024, state: 'published', projectName: '课后服务', amount: '100.000000' },
      // Neither continues: a draft of 2024, and a form of 2023.
      { kind: 'project-target', departmentId: own, year: 2024, state: 'draft', projectName: '草稿项目', amount: '10.000000' },
      { kind: 'project-target', departmentId: own, year: 2023, state: 'published', projectName: '往年项目', amount: '10.000000' },
    ]);
    Object.assign(ids, { a, b, c, d, e, f });
    const [selfB = ''] = await insertResultRows(db, [{ kind: 'self-evaluation', departmentId: own, year: 2024, state: 'accepted', targetId: b, grade: '良' }]);
    const [request = '', requestD = ''] = await insertResultRows(db, [
      { kind: 'project-target', departmentId: own, year: 2025, state: 'draft', projectName: '政务云运维（2025）', projectCode: 'HZ-01', amount: '95.000000' },
      { kind: 'project-target', departmentId: own, year: 2025, state: 'submitted', projectName: '城市大脑', amount: '400.000000' },
    ]);
    ids.request = request ?? '';
    await insertResultRows(db, [
      { kind: 'self-evaluation', departmentId: own, year: 2024, state: 'accepted', targetId: a, grade: '中' },
      // A self-evaluation still a draft does not count.
      { kind: 'self-evaluation', departmentId: other, year: 2024, state: 'draft', targetId: e, grade: '差' },
      { kind: 'self-evaluation', departmentId: yuexiuDepartment, year: 2024, state: 'published', targetId: f, grade: '差' },
      { kind: 'assessment', departmentId: own, year: 2024, state: 'concluded', targetId: selfB, grade: '差', facts: { purpose: 'sampling-review' } },
      { kind: 'assessment', departmentId: other, year: 2024, state: 'released', targetId: e, grade: '优', facts: { purpose: 'key-evaluation' } },
      { kind: 'assessment', departmentId: own, year: 2025, state: 'concluded', targetId: requestD, grade: '良', facts: { purpose: 'ex-ante-project', decision: 'support-after-adjustment', supported: '270.00', cut: '30.00' } },
      { kind: 'monitoring-report', departmentId: own, year: 2024, state: 'accepted', targetId: c, light: 'red' },
    ]);
    bureauAdmin = await t.as('haizhu-admin');
    reviewer = await t.as('haizhu-reviewer');
    editor = await t.as('haizhu-editor');
    systemAdmin = await t.as('admin');
    expert = await t.as('r-expert');
    agency = await t.as('r-agency');
    yuexiuAdmin = await t.as('yx-admin');
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it("gives a bureau its region's continuing projects, each with the results that apply and the rule behind it", async () => {
    const response = await bureauAdmin.get<Table>('/api/v1/results/proposals?year=2025');
    expect(response.status).toBe(200);
    const rows = response.body.rows.map((r) => [r.project, r.lastAmount, r.proposed, r.rule]);
    expect(rows).toEqual([
      ['家庭医生签约', '200.00', '210.00', 'grades.优'],
      ['12345热线', '50.00', '40.00', 'redLight'],
      ['城市大脑', '300.00', '270.00', 'exAnte.cut'],
      ['政务云运维', '100.00', '90.00', 'grades.中'],
      ['数据共享平台', '80.00', '0.00', 'grades.差'],
    ]);
    const byName = new Map(response.body.rows.map((r) => [r.project, r]));
    expect(byName.get('政务云运维')).toMatchObject({ request: '95.00', overRequest: true });
    expect(byName.get('城市大脑')).toMatchObject({ request: '400.00', overRequest: true });
    expect(byName.get('数据共享平台')?.fired[0]?.rule).toBe('grades.差');
    expect(response.body.total).toMatchObject({ count: 5, lastAmount: '730.00', proposed: '610.00' });
    expect(response.body.rules.version).toBeNull();
  });

  it("shows a department its own rows only; another department's or a region's are not found", async () => {
    const mine = await editor.get<Table>('/api/v1/results/proposals?year=2025');
    expect(mine.status).toBe(200);
    expect(new Set(mine.body.rows.map((r) => r.department)).size).toBe(1);
    expect(mine.body.rows.map((r) => r.project).sort()).toEqual(['12345热线', '城市大脑', '政务云运维', '数据共享平台'].sort());
    expect((await editor.get(`/api/v1/results/proposals?year=2025&departmentId=${other}`)).status).toBe(404);
    expect((await editor.get(`/api/v1/results/proposals?year=2025&regionId=${haizhu}`)).status).toBe(404);
    expect((await editor.get(`/api/v1/results/proposals.xlsx?year=2025&departmentId=${other}`)).status).toBe(404);
  });

  it('shows experts and agencies nothing', async () => {
    for (const client of [expert, agency]) {
      expect((await client.get('/api/v1/results/proposals?year=2025')).status).toBe(403);
      expect((await client.get(`/api/v1/results/proposals?year=2025&regionId=${haizhu}`)).status).toBe(403);
      expect((await client.get('/api/v1/results/rules?year=2025')).status).toBe(403);
      expect((await client.get('/api/v1/results/proposals.pdf?year=2025')).status).toBe(403);
    }
  });

  it("keeps a bureau to its region: another district is not found; the system's admin sees the city", async () => {
    expect((await bureauAdmin.get(`/api/v1/results/proposals?year=2025&regionId=${yuexiu}`)).status).toBe(404);
    expect((await bureauAdmin.get(`/api/v1/results/proposals?year=2025&departmentId=${yuexiuDepartment}`)).status).toBe(404);
    const theirs = await yuexiuAdmin.get<Table>('/api/v1/results/proposals?year=2025');
    expect(theirs.body.rows.map((r) => [r.project, r.proposed])).toEqual([['课后服务', '0.00']]);
    const city = await systemAdmin.get<Table>(`/api/v1/results/proposals?year=2025&regionId=${guangzhou}&limit=2`);
    expect([city.body.rows.length, city.body.page.total, city.body.total.count]).toEqual([2, 6, 6]);
    expect((await systemAdmin.get('/api/v1/results/proposals?year=2025')).body).toMatchObject({ error: { fields: [{ field: 'regionId' }] } });
  });

  it("saves a region's rules as a version per save, only by its admins, and shows the version beside each figure", async () => {
    const bad = await bureauAdmin.put<Problem>('/api/v1/results/rules', { regionId: haizhu, year: 2025, rules: { ...RULES, redLight: { type: 'cut', percent: '120' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.map((f) => f.field)).toContain('rules.redLight.percent');
    expect((await reviewer.put('/api/v1/results/rules', { regionId: haizhu, year: 2025, rules: RULES })).status).toBe(403);
    expect((await editor.put('/api/v1/results/rules', { regionId: haizhu, year: 2025, rules: RULES })).status).toBe(403);
    expect((await bureauAdmin.put('/api/v1/results/rules', { regionId: yuexiu, year: 2025, rules: RULES })).status).toBe(403);
    const first = await bureauAdmin.put<{ version: number }>('/api/v1/results/rules', { regionId: haizhu, year: 2025, rules: { ...RULES, redLight: { type: 'cut', percent: '20' } } });
    expect([first.status, first.body.version]).toEqual([200, 1]);
    const second = await bureauAdmin.put<{ version: number }>('/api/v1/results/rules', { regionId: haizhu, year: 2025, rules: RULES });
    expect(second.body.version).toBe(2);
    const read = await editor.get<{ inForce: { version: number; own: boolean }; history: Array<{ version: number }> }>('/api/v1/results/rules?year=2025');
    expect(read.body.inForce).toMatchObject({ version: 2, own: true });
    expect(read.body.history.map((h) => h.version)).toEqual([2, 1]);
    // Yuexiu has none of its own: the defaults.
    expect((await yuexiuAdmin.get<{ inForce: { version: number | null } }>('/api/v1/results/rules?year=2025')).body.inForce.version).toBeNull();

    const table = await bureauAdmin.get<Table>('/api/v1/results/proposals?year=2025');
    const byName = new Map(table.body.rows.map((r) => [r.project, r]));
    expect(byName.get('12345热线')).toMatchObject({ proposed: '0.00', rule: 'redLight', rulesVersion: 2 });
    expect(byName.get('家庭医生签约')).toMatchObject({ proposed: '220.00', rule: 'keyEvaluation.优' });
    expect(table.body.rules.version).toBe(2);
  });

  it('records an exception only with a reason, by the bureau of the region, and shows it with the rules figure beside', async () => {
    const none = await bureauAdmin.post<Problem>('/api/v1/results/exceptions', { year: 2025, projectId: ids.b, amount: '60', reason: '  ' });
    expect(none.status).toBe(400);
    expect(none.body.error.fields?.map((f) => f.field)).toContain('body.reason');
    expect((await bureauAdmin.post('/api/v1/results/exceptions', { year: 2025, projectId: ids.b, amount: '-1', reason: '兜底' })).status).toBe(400);
    expect((await editor.post('/api/v1/results/exceptions', { year: 2025, projectId: ids.b, amount: '60', reason: '兜底' })).status).toBe(403);
    expect((await expert.post('/api/v1/results/exceptions', { year: 2025, projectId: ids.b, amount: '60', reason: '兜底' })).status).toBe(403);
    expect((await bureauAdmin.post('/api/v1/results/exceptions', { year: 2025, projectId: ids.f, amount: '60', reason: '兜底' })).status).toBe(404);
    expect((await bureauAdmin.post('/api/v1/results/exceptions', { year: 2025, projectId: ids.request, amount: '60', reason: '兜底' })).status).toBe(400);
    const made = await reviewer.post<{ amount: string; reason: string }>('/api/v1/results/exceptions', { year: 2025, projectId: ids.b, amount: '60', reason: '民生兜底，整改后保留基本运转' });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ amount: '60.00', reason: '民生兜底，整改后保留基本运转' });
    const row = (await editor.get<Table>('/api/v1/results/proposals?year=2025')).body.rows.find((r) => r.project === '数据共享平台');
    expect(row).toMatchObject({ computed: '0.00', proposed: '60.00', rule: 'exception', exception: { reason: '民生兜底，整改后保留基本运转' } });
  });

  it('approves a region as it stands, recording the rules version and the sum', async () => {
    expect((await editor.post('/api/v1/results/approvals', { year: 2025, regionId: haizhu })).status).toBe(403);
    expect((await bureauAdmin.post('/api/v1/results/approvals', { year: 2025, regionId: yuexiu })).status).toBe(403);
    const approved = await bureauAdmin.post<{ total: string; rulesVersion: number; count: number }>('/api/v1/results/approvals', { year: 2025, regionId: haizhu });
    expect(approved.status).toBe(200);
    const table = (await bureauAdmin.get<Table>('/api/v1/results/proposals?year=2025')).body;
    expect(approved.body).toMatchObject({ total: table.total.proposed, rulesVersion: 2, count: 5 });
    expect(table.approval).toMatchObject({ total: table.total.proposed });
  });

  it('exports the table as Excel and PDF, a department only its own rows', async () => {
    const xlsx = await editor.bytes('/api/v1/results/proposals.xlsx?year=2025');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const projects = (sheet?.getColumn(2).values ?? []).slice(2);
    expect(projects.sort()).toEqual(['12345热线', '城市大脑', '政务云运维', '数据共享平台'].sort());
    expect(sheet?.getRow(1).getCell(9).value).toBe('依据规则');
    const pdf = await bureauAdmin.bytes('/api/v1/results/proposals.pdf?year=2025&lang=en');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes.slice(0, 5)).toString()).toBe('%PDF-');
  });

  it("flags a department's next-year form asking for more than its proposal, naming the result that caused it", async () => {
    const content = exampleProject();
    content.project.name = '12345热线';
    content.project.code = null;
    content.funds = { total: '45.00', fiscal: '45.00', other: '0.00', items: [{ label: '财政拨款', amount: '45.00' }, { label: '其他资金', amount: '0.00' }] };
    const made = await editor.post<{ id: string }>('/api/v1/declarations', { departmentId: own, year: 2025, kind: 'project-target', source: 'content', content });
    expect(made.status).toBe(201);
    const read = await editor.get<{ findings: Array<{ rule: string; path: string; message: { zh: string; en: string } }> }>(`/api/v1/documents/${made.body.id}`);
    const finding = read.body.findings.find((f) => f.rule === 'request-above-proposal');
    expect(finding).toMatchObject({ path: '/funds/total' });
    // The haizhu rules of version 2 suspend a project whose red light was left unrectified.
    expect(finding?.message.zh).toBe('申请 45.00 万元，超过预算安排建议 0.00 万元（上年 50.00 万元；监控红灯未整改：暂缓安排）');
    // And the table shows the request beside the proposal.
    const row = (await editor.get<Table>('/api/v1/results/proposals?year=2025')).body.rows.find((r) => r.project === '12345热线');
    expect(row).toMatchObject({ request: '45.00', overRequest: true, rule: 'redLight' });
  });
});
