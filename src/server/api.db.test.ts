/**
 * The API over real HTTP on an ephemeral port, against both stores: the whole workflow, every
 * forbidden door, conflicts, bad bodies.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../core/declaration.ts';
import { indicatorRow } from '../core/rules/exampleDeclaration.ts';
import type { Finding } from '../core/rules/finding.ts';
import { verifyAudit } from '../store/auditLog.ts';
import type { Store } from '../store/openStore.ts';
import { buildApp } from './app.ts';
import { documentHeadChanged } from './services/documentHeads.ts';
import { ApiClient } from './testing/apiClient.ts';
import { useTestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

const PASSWORD = 'test-password-123';

interface View {
  id: string;
  version: number;
  state: string;
  content: DepartmentTargetDeclaration;
  findings: Finding[];
  allowedActions: string[];
  canEdit: boolean;
}

describe.each(STORE_KINDS)('the API on the %s store', (_name, open) => {
  const t = useTestApp(open);
  let store: Store;
  let base: string;
  const client = () => new ApiClient(base);
  const as = (username: string) => client().login(username, PASSWORD);
  let draftId: string;

  beforeAll(async () => {
    ({ store, base } = t);
    const editor = await as('haizhu-editor');
    const list = await editor.get<{ items: Array<{ id: string }> }>('/api/v1/declarations');
    draftId = list.body.items[0]?.id ?? '';
  }, 60_000);

  it('serves health, the OpenAPI document and its docs page', async () => {
    expect((await client().get('/healthz')).body).toEqual({ ok: true, store: store.kind });
    const openapi = await client().get<{ openapi: string; paths: Record<string, unknown> }>('/api/v1/openapi.json');
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/declarations', '/api/v1/declarations/{id}/transitions', '/api/v1/session']));
    expect((await client().get('/api/v1/docs/')).status).toBe(200);
  });

  it('signs in, says who is signed in, and refuses a wrong password', async () => {
    const editor = await as('haizhu-editor');
    const me = await editor.get<{ user: { username: string; role: string } }>('/api/v1/session');
    expect(me.body.user).toMatchObject({ username: 'haizhu-editor', role: 'editor' });
    const wrong = await client().post('/api/v1/session', { username: 'haizhu-editor', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { id: 'bad-credentials', message: { zh: '用户名或密码错误' } } });
  });

  it('runs the whole cycle: edit, submit, return with a comment, fix, resubmit, approve, publish, read in public', async () => {
    const editor = await as('haizhu-editor');
    const approver = await as('haizhu-approver');
    const reviewer = await as('haizhu-reviewer');

    const first = await editor.get<View>(`/api/v1/declarations/${draftId}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, state: 'draft', canEdit: true, allowedActions: [] });
    expect(first.body.findings.some((f) => f.rule === 'unit-mismatch' && f.path === '/indicators/8/annualTarget')).toBe(true);
    // Drafts stay with the department.
    expect((await reviewer.get(`/api/v1/declarations/${draftId}`)).status).toBe(404);

    const content = first.body.content;
    content.indicators[8] = { ...indicatorRow(content.indicators[8]?.level1 ?? null, content.indicators[8]?.level2 ?? null, '琶洲算法库平台年度新注册用户数量', '≥4个') };
    const saved = await editor.put<View>(`/api/v1/declarations/${draftId}`, { baseVersion: 1, content, note: '用户数量单位改为个' });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.findings.some((f) => f.rule === 'unit-mismatch')).toBe(false);

    expect((await editor.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'submit' })).status).toBe(403);
    expect((await approver.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'submit' })).body).toEqual({ state: 'submitted' });
    expect((await editor.put(`/api/v1/declarations/${draftId}`, { baseVersion: 2, content })).body).toMatchObject({ error: { id: 'not-editable' } });

    const noReason = await reviewer.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'review', grade: '中' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ error: { id: 'reason-required', fields: [{ field: 'reason' }] } });
    const comment = await reviewer.post(`/api/v1/declarations/${draftId}/comments`, { path: '/indicators/14/annualTarget', body: '年度指标值缺少“≥”' });
    expect(comment.status).toBe(201);
    expect((await reviewer.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'review', grade: '中', reason: '项目收益率年度指标值缺少比较符号' })).body).toEqual({ state: 'returned' });

    const returned = await editor.get<View>(`/api/v1/declarations/${draftId}`);
    expect(returned.body).toMatchObject({ state: 'returned', canEdit: true });
    const comments = await editor.get<{ comments: Array<{ path: string; body: string; anchored: boolean }> }>(`/api/v1/declarations/${draftId}/comments`);
    expect(comments.body.comments).toEqual([
      expect.objectContaining({ path: '/indicators/14/annualTarget', body: '年度指标值缺少“≥”', anchored: true }),
      expect.objectContaining({ path: '', body: '【审核意见 中】项目收益率年度指标值缺少比较符号', anchored: true }),
    ]);

    const fixed = returned.body.content;
    fixed.indicators[14] = indicatorRow('产出指标', '数量指标', '项目收益率', '≥15%', '≥15%');
    const v3 = await editor.put<View>(`/api/v1/declarations/${draftId}`, { baseVersion: 2, content: fixed });
    expect(v3.body.version).toBe(3);
    // The comment survives the new version, still anchored to the row it concerns.
    const after = await editor.get<{ comments: Array<{ anchored: boolean }> }>(`/api/v1/declarations/${draftId}/comments`);
    expect(after.body.comments[0]?.anchored).toBe(true);

    expect((await approver.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'submit' })).body).toEqual({ state: 'submitted' });
    expect((await reviewer.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'review', grade: '良' })).body).toEqual({ state: 'approved' });
    expect((await reviewer.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'publish' })).status).toBe(403);
    expect((await approver.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'publish' })).body).toEqual({ state: 'published' });

    const publicList = await client().get<{ items: Array<{ id: string; state: string }> }>('/api/v1/public/declarations?year=2025');
    expect(publicList.body.items.map((i) => i.id)).toContain(draftId);
    const publicView = await client().get<{ content: DepartmentTargetDeclaration; findings?: unknown }>(`/api/v1/public/declarations/${draftId}`);
    expect(publicView.body.content.department).toBe('广州市海珠区政务服务和数据管理局');
    expect(publicView.body.findings).toBeUndefined();
    expect((await client().get<{ comments: unknown[] }>(`/api/v1/declarations/${draftId}/comments`)).body.comments).toEqual([]);

    const versions = await editor.get<{ versions: Array<{ version: number; author: { displayName: string } }> }>(`/api/v1/declarations/${draftId}/versions`);
    expect(versions.body.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const diff = await editor.get<{ changes: Array<{ path: string; op: string }> }>(`/api/v1/declarations/${draftId}/diff?from=1&to=3`);
    expect(diff.body.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['/indicators/8/annualTarget', '/indicators/14/annualTarget']));

    const admin = await as('admin');
    const audit = await admin.get<{ entries: Array<{ action: string }>; total: number }>(`/api/v1/audit?entityId=${draftId}&pageSize=50`);
    expect(audit.body.entries.map((e) => e.action).reverse()).toEqual([
      'declaration.create',
      'declaration.update',
      'declaration.submit',
      'comment.create',
      'declaration.review',
      'declaration.update',
      'declaration.submit',
      'declaration.review',
      'declaration.publish',
    ]);
    expect((await admin.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
  });

  it('keeps a stale save from overwriting: 409 with the current version', async () => {
    const editor = await as('haizhu-editor');
    const created = await editor.post<View>('/api/v1/declarations', { departmentId: (await editor.get<{ user: { departmentId: string } }>('/api/v1/session')).body.user.departmentId, year: 2026, source: 'copy-previous-year' });
    expect(created.status).toBe(201);
    expect(created.body.content.indicators).toHaveLength(32);
    expect(created.body.content.year).toBe(2026);
    const id = created.body.id;
    const alice = await editor.put<View>(`/api/v1/declarations/${id}`, { baseVersion: 1, content: { ...created.body.content, goals: ['甲的修改'] } });
    expect(alice.body.version).toBe(2);
    const bob = await editor.put(`/api/v1/declarations/${id}`, { baseVersion: 1, content: { ...created.body.content, goals: ['乙的修改'] } });
    expect(bob.status).toBe(409);
    expect(bob.body).toMatchObject({ error: { id: 'version-conflict', currentVersion: 2, current: { content: { goals: ['甲的修改'] } } } });
    expect((await editor.get<View>(`/api/v1/declarations/${id}`)).body.content.goals).toEqual(['甲的修改']);
    // One declaration per department and year.
    const again = await editor.post('/api/v1/declarations', { departmentId: created.body.content.department ? (await editor.get<{ user: { departmentId: string } }>('/api/v1/session')).body.user.departmentId : '', year: 2026 });
    expect(again.status).toBe(409);
  });

  it('tries every forbidden door', async () => {
    const admin = await as('admin');
    const tree = await admin.get<{ regions: Array<{ children: Array<{ name: string; children: Array<{ id: string; name: string }> }> }> }>('/api/v1/organisations');
    const guangzhou = tree.body.regions[0]?.children[0];
    const yuexiu = guangzhou?.children.find((r) => r.name === '越秀区');
    const haizhu = guangzhou?.children.find((r) => r.name === '海珠区');
    const otherDept = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区卫生健康局', regionId: haizhu?.id });
    const farDept = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市越秀区教育局', regionId: yuexiu?.id });
    for (const [username, role, departmentId, regionId] of [
      ['health-editor', 'editor', otherDept.body.id, null],
      ['yuexiu-editor', 'editor', farDept.body.id, null],
      ['yuexiu-reviewer', 'reviewer', null, yuexiu?.id],
    ] as const) {
      expect((await admin.post('/api/v1/users', { username, displayName: username, password: PASSWORD, role, departmentId, regionId })).status).toBe(201);
    }
    const healthEditor = await as('health-editor');
    const yuexiuReviewer = await as('yuexiu-reviewer');
    const editor = await as('haizhu-editor');

    // Another department's editor creates its own draft; nobody else sees it.
    const healthDraft = await healthEditor.post<View>('/api/v1/declarations', { departmentId: otherDept.body.id, year: 2025 });
    expect(healthDraft.status).toBe(201);
    expect((await editor.get(`/api/v1/declarations/${healthDraft.body.id}`)).status).toBe(404);
    expect((await editor.put(`/api/v1/declarations/${healthDraft.body.id}`, { baseVersion: 1, content: healthDraft.body.content })).status).toBe(404);
    expect((await client().get(`/api/v1/declarations/${healthDraft.body.id}`)).status).toBe(404);
    expect((await editor.post('/api/v1/declarations', { departmentId: otherDept.body.id, year: 2027 })).status).toBe(403);
    expect((await editor.get<{ items: Array<{ id: string }> }>('/api/v1/declarations')).body.items.map((i) => i.id)).not.toContain(healthDraft.body.id);

    // A reviewer of another region sees nothing unpublished of this one.
    const ownDraft = await editor.post<View>('/api/v1/declarations', { departmentId: (await editor.get<{ user: { departmentId: string } }>('/api/v1/session')).body.user.departmentId, year: 2024 });
    const approver = await as('haizhu-approver');
    await approver.post(`/api/v1/declarations/${ownDraft.body.id}/transitions`, { action: 'submit' });
    expect((await yuexiuReviewer.get(`/api/v1/declarations/${ownDraft.body.id}`)).status).toBe(404);
    expect((await yuexiuReviewer.post(`/api/v1/declarations/${ownDraft.body.id}/transitions`, { action: 'review', grade: '优' })).status).toBe(404);
    expect((await (await as('haizhu-reviewer')).get(`/api/v1/declarations/${ownDraft.body.id}`)).status).toBe(200);

    // Roles that may not act.
    expect((await editor.post(`/api/v1/declarations/${ownDraft.body.id}/transitions`, { action: 'review', grade: '优' })).status).toBe(403);
    expect((await admin.put(`/api/v1/declarations/${ownDraft.body.id}`, { baseVersion: 1, content: ownDraft.body.content })).status).toBe(403);
    expect((await editor.get('/api/v1/users')).status).toBe(403);
    expect((await editor.get('/api/v1/audit')).status).toBe(403);
    expect((await editor.post('/api/v1/organisations/regions', { name: 'x', level: 'district', parentId: null })).status).toBe(403);

    // The public and missing credentials.
    expect((await client().put(`/api/v1/declarations/${ownDraft.body.id}`, { baseVersion: 1, content: ownDraft.body.content })).body).toMatchObject({ error: { id: 'not-authenticated' } });
    expect((await client().get('/api/v1/users')).status).toBe(401);
    expect((await client().request('GET', '/api/v1/declarations', undefined, { authorization: 'Bearer jx_not-a-token' })).status).toBe(401);

    // CSRF: a cookie-authenticated write without the token is refused.
    const noCsrf = (await as('haizhu-editor')).dropCsrf();
    expect((await noCsrf.post(`/api/v1/declarations/${ownDraft.body.id}/comments`, { path: '', body: 'x' })).body).toMatchObject({ error: { id: 'csrf-failed' } });
  });

  it('lets scripts use API tokens (no CSRF), stored hashed', async () => {
    const editor = await as('haizhu-editor');
    const created = await editor.post<{ token: string }>('/api/v1/tokens', { name: 'nightly export' });
    expect(created.status).toBe(201);
    const script = client().useToken(created.body.token);
    expect((await script.get<{ total: number }>('/api/v1/declarations')).body.total).toBeGreaterThan(0);
    const stored = await store.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((t) => t.token_hash)).not.toContain(created.body.token);
  });

  it('answers bad requests with a JSON error id, never a 500 or a stack trace', async () => {
    const editor = await as('haizhu-editor');
    const malformed = await editor.request('POST', '/api/v1/declarations', '{"year": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { id: 'malformed-json' } });
    const invalid = await editor.post('/api/v1/declarations', { departmentId: 5, year: 'x' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { id: 'validation-failed', message: { zh: '请求内容有误' } } });
    expect((invalid.body as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['body.departmentId', 'body.year']));
    const money = await editor.put(`/api/v1/declarations/${draftId}`, { baseVersion: 1, content: { kind: 'department-target', budget: { basic: 2507.5 } } });
    expect(money.status).toBe(400);
    // A text longer than any form is a field error; a body larger than any file (20 MB in base64) is refused unread.
    const long = await editor.request('POST', '/api/v1/declarations/import', JSON.stringify({ departmentId: 'x', year: 2025, text: 'x'.repeat(6 * 1024 * 1024) }), { 'content-type': 'application/json' });
    expect(long.status).toBe(400);
    expect((long.body as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field)).toContain('body.text');
    const huge = await editor.request('POST', '/api/v1/declarations/import', JSON.stringify({ departmentId: 'x', year: 2025, file: { name: 'a.pdf', data: 'A'.repeat(28 * 1024 * 1024) } }), { 'content-type': 'application/json' });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: { id: 'payload-too-large' } });
    const wrongType = await editor.request('POST', '/api/v1/declarations', 'year=2025', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(415);
    expect((await editor.get('/api/v1/nothing-here')).body).toMatchObject({ error: { id: 'not-found' } });
    for (const response of [malformed, invalid, huge, wrongType]) expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.ts:\d+/);
  });

  it('imports uploaded text as a draft, and reports other kinds of form', async () => {
    const admin = await as('admin');
    const tree = await admin.get<{ regions: Array<{ children: Array<{ children: Array<{ name: string; departments: Array<{ id: string; name: string }> }> }> }> }>('/api/v1/organisations');
    const haizhu = tree.body.regions[0]?.children[0]?.children.find((r) => r.name === '海珠区');
    const health = haizhu?.departments.find((d) => d.name === '广州市海珠区卫生健康局');
    const healthEditor = await as('health-editor');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8');
    // The text names another department: saving it as this one's needs a confirmation.
    const mismatch = await healthEditor.post('/api/v1/declarations/import', { departmentId: health?.id, year: 2023, text });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body).toMatchObject({ error: { id: 'import-mismatch', fields: [{ field: 'department' }], printedDepartment: '广州市海珠区政务服务和数据管理局', printedYear: null } });
    const imported = await healthEditor.post<View>('/api/v1/declarations/import', { departmentId: health?.id, year: 2023, text, confirm: ['department'] });
    expect(imported.status).toBe(201);
    expect(imported.body.content.department).toBe('广州市海珠区卫生健康局');
    expect(imported.body.content.year).toBe(2023);
    expect(imported.body.content.projects).toHaveLength(14);
    const evaluation = readFileSync(new URL('../../fixtures/forms/other/self-evaluation.txt', import.meta.url), 'utf8');
    const wrong = await healthEditor.post('/api/v1/declarations/import', { departmentId: health?.id, year: 2022, text: evaluation });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ error: { id: 'import-wrong-kind' } });
  });

  it('gives the home page its figures for a year, counting only what the user may see', async () => {
    interface Statistics {
      byState: Record<string, number>;
      budgetByDepartment: Array<{ departmentName: string; basic: string | null; project: string | null }>;
      indicatorsByLevel1: Array<{ level1: string | null; count: number }>;
    }
    // 2023 holds one form: the health bureau's imported draft (the previous test).
    const own = await (await as('health-editor')).get<Statistics>('/api/v1/statistics?year=2023');
    expect(own.status).toBe(200);
    expect(own.body.byState).toEqual({ draft: 1 });
    expect(own.body.budgetByDepartment).toEqual([{ departmentId: expect.any(String), departmentName: '广州市海珠区卫生健康局', basic: '2507.50', project: '1910.00' }]);
    expect(own.body.indicatorsByLevel1).toEqual([
      { level1: '产出指标', count: 20 },
      { level1: '效益指标', count: 8 },
      { level1: '满意度指标', count: 4 },
    ]);
    // Another department's draft is not counted for an editor, nor for the public.
    const other = await (await as('haizhu-editor')).get<Statistics>('/api/v1/statistics?year=2023');
    expect(other.body).toMatchObject({ byState: {}, budgetByDepartment: [], indicatorsByLevel1: [] });
    expect((await client().get<Statistics>('/api/v1/statistics?year=2023')).body.byState).toEqual({});
    expect((await client().get('/api/v1/statistics?year=20')).status).toBe(400);
  });

  it('counts on the home page what the user works on: not what other departments published, and budgets of department-wide forms only', async () => {
    interface Statistics {
      byState: Record<string, number>;
      budgetByDepartment: Array<{ departmentName: string }>;
    }
    const health = await as('health-editor');
    // The health bureau's 2023 form, published (set in the store: the workflow is tested elsewhere).
    const own = (await health.get<{ items: Array<{ id: string; departmentId: string }> }>('/api/v1/declarations?year=2023')).body.items[0];
    expect(own).toBeDefined();
    await store.db.updateTable('documents').set({ state: 'published' }).where('id', '=', own?.id ?? '').execute();
    documentHeadChanged(store.db, own?.id ?? '');
    // A project form of its own adds no bar of its own: budgets are the department-wide form's.
    expect((await health.post('/api/v1/declarations', { departmentId: own?.departmentId, year: 2023, kind: 'project-target' })).status).toBe(201);
    const mine = await health.get<Statistics>('/api/v1/statistics?year=2023');
    expect(mine.body.byState).toEqual({ published: 1, draft: 1 });
    expect(mine.body.budgetByDepartment.map((b) => b.departmentName)).toEqual(['广州市海珠区卫生健康局']);
    // Published, it is open to everyone on the public pages, but not on another department's home page.
    const other = await (await as('haizhu-editor')).get<Statistics>('/api/v1/statistics?year=2023');
    expect(other.body).toMatchObject({ byState: {}, budgetByDepartment: [] });
    expect((await (await as('haizhu-editor')).get<{ years: number[] }>('/api/v1/declarations/years?scope=work')).body.years).not.toContain(2023);
    expect((await (await as('haizhu-editor')).get<{ years: number[] }>('/api/v1/declarations/years')).body.years).toContain(2023);
  });

  it('lists with filters, search, sorting and paging on the server', async () => {
    const admin = await as('admin');
    const all = await admin.get<{ items: Array<{ year: number }>; total: number }>('/api/v1/declarations?pageSize=2&sort=year');
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    expect(all.body.items.map((i) => i.year)).toEqual([...all.body.items.map((i) => i.year)].sort((a, b) => b - a));
    const search = await admin.get<{ items: Array<{ departmentName: string }> }>(`/api/v1/declarations?q=${encodeURIComponent('广州塔景区')}&year=2025`);
    expect(search.body.items.map((i) => i.departmentName)).toContain('广州市海珠区政务服务和数据管理局');
    const published = await admin.get<{ items: Array<{ state: string }> }>('/api/v1/declarations?state=published');
    expect(published.body.items.every((i) => i.state === 'published')).toBe(true);
  });

  it('limits sign-ins per address', async () => {
    const limited = await buildApp(store, { loginsPerMinute: 3, demoMode: true });
    await limited.listen({ port: 0, host: '127.0.0.1' });
    try {
      const other = new ApiClient(`http://127.0.0.1:${(limited.server.address() as AddressInfo).port}`);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await other.post('/api/v1/session', { username: 'admin', password: PASSWORD })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('rate-limits repeated failed sign-ins of one account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await client().post('/api/v1/session', { username: 'yuexiu-editor', password: 'wrong-password-x' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('detects an edited audit entry', async () => {
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
    const entry = await store.db.selectFrom('audit_log').select('seq').orderBy('seq').offset(3).limit(1).executeTakeFirstOrThrow();
    await sql`update audit_log set detail = '{"forged": true}' where seq = ${entry.seq}`.execute(store.db);
    expect(await verifyAudit(store.db)).toMatchObject({ ok: false, brokenAt: String(entry.seq), reason: 'edited' });
  });
});
