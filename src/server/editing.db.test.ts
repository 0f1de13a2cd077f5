/**
 * The parts of the cycle a new user leaned on and missed, over real HTTP on both stores: deleting a
 * wrong draft, restoring and naming versions, autosaves that make one version a sitting, the latest
 * review on the form, a bureau that refuses forms with errors, a readable audit log with its CSV,
 * and administration of regions, departments and users.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../core/declaration.ts';
import type { Store } from '../store/openStore.ts';
import { ApiClient } from './testing/apiClient.ts';
import { useTestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

const PASSWORD = 'test-password-123';

interface View {
  id: string;
  version: number;
  state: string;
  content: DepartmentTargetDeclaration;
  canDelete: boolean;
  blockSubmitOnErrors: boolean;
  submittedAt: string | null;
  publishedAt: string | null;
  lastReview: { grade: string; outcome: string; opinion: string | null; reviewerName: string; at: string } | null;
}

interface Tree {
  regions: Array<{ id: string; name: string; children: Array<{ id: string; name: string; children: Array<{ id: string; name: string; departments: Array<{ id: string; name: string; archivedAt: string | null }> }> }> }>;
}

describe.each(STORE_KINDS)('editing and administration on the %s store', (_name, open) => {
  const t = useTestApp(open);
  let store: Store;
  let base: string;
  const as = (username: string) => new ApiClient(base).login(username, PASSWORD);
  let bureauId: string;
  let haizhuId: string;

  beforeAll(async () => {
    ({ store, base } = t);
    const tree = (await (await as('admin')).get<Tree>('/api/v1/organisations')).body;
    const haizhu = tree.regions[0]?.children[0]?.children.find((r) => r.name === '海珠区');
    haizhuId = haizhu?.id ?? '';
    bureauId = haizhu?.departments[0]?.id ?? '';
  }, 60_000);

  it('deletes a draft never submitted, audited with its content, and refuses to delete one that was', async () => {
    const editor = await as('haizhu-editor');
    const made = await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2029 });
    expect((await editor.get<View>(`/api/v1/declarations/${made.body.id}`)).body.canDelete).toBe(true);
    expect((await (await as('haizhu-reviewer')).request('DELETE', `/api/v1/declarations/${made.body.id}`)).status).toBe(404);
    expect((await editor.request('DELETE', `/api/v1/declarations/${made.body.id}`)).status).toBe(200);
    expect((await editor.get(`/api/v1/declarations/${made.body.id}`)).status).toBe(404);
    const entry = await store.db.selectFrom('audit_log').select('detail').where('action', '=', 'declaration.delete').where('entity_id', '=', made.body.id).executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ year: 2029, versions: 1, content: { kind: 'department-target' } });
    // The year is free again.
    const again = await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2029 });
    expect(again.status).toBe(201);
    await (await as('haizhu-approver')).post(`/api/v1/declarations/${again.body.id}/transitions`, { action: 'submit' });
    await (await as('haizhu-reviewer')).post(`/api/v1/declarations/${again.body.id}/transitions`, { action: 'review', grade: '中', reason: '请补充成本指标' });
    const returned = (await editor.get<View>(`/api/v1/declarations/${again.body.id}`)).body;
    expect(returned.canDelete).toBe(false);
    expect((await editor.request('DELETE', `/api/v1/declarations/${again.body.id}`)).status).toBe(403);
  });

  it('keeps a review comment on its row when rows are inserted above it or it is deleted', async () => {
    const editor = await as('haizhu-editor');
    const made = (await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2035 })).body;
    const rows = ['甲', '乙', '丙', '丁'].map((name) => ({ level1: '产出指标', level2: '数量指标', name, periodTarget: '≥1个', annualTarget: '≥1个', periodTargetValue: { kind: 'empty' }, annualTargetValue: { kind: 'empty' } }));
    const first = await editor.put<View>(`/api/v1/declarations/${made.id}`, { baseVersion: made.version, content: { ...made.content, indicators: rows } });
    await (await as('haizhu-approver')).post(`/api/v1/declarations/${made.id}/transitions`, { action: 'submit' });
    const reviewer = await as('haizhu-reviewer');
    await reviewer.post(`/api/v1/declarations/${made.id}/comments`, { path: '/indicators/2/annualTarget', body: '丙的目标偏低' });
    await reviewer.post(`/api/v1/declarations/${made.id}/transitions`, { action: 'review', grade: '中', reason: '见批注' });
    const inserted = { ...rows[0], name: '新增' };
    const second = await editor.put<View>(`/api/v1/declarations/${made.id}`, { baseVersion: first.body.version, content: { ...first.body.content, indicators: [inserted, ...first.body.content.indicators] } });
    type Comments = { comments: Array<{ path: string; body: string; anchored: boolean }> };
    const moved = (await editor.get<Comments>(`/api/v1/declarations/${made.id}/comments`)).body.comments.find((c) => c.body === '丙的目标偏低');
    expect(moved).toMatchObject({ path: '/indicators/3/annualTarget', anchored: true });
    expect(second.body.content.indicators[3]?.name).toBe('丙');
    const without = second.body.content.indicators.filter((i) => i.name !== '丙');
    await editor.put(`/api/v1/declarations/${made.id}`, { baseVersion: second.body.version, content: { ...second.body.content, indicators: without } });
    const gone = (await editor.get<Comments>(`/api/v1/declarations/${made.id}/comments`)).body.comments.find((c) => c.body === '丙的目标偏低');
    expect(gone?.anchored).toBe(false);
  });

  it('shows the latest review on the form: grade, opinion, reviewer and time', async () => {
    const editor = await as('haizhu-editor');
    const made = (await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2030 })).body;
    expect(made.lastReview).toBeNull();
    await (await as('haizhu-approver')).post(`/api/v1/declarations/${made.id}/transitions`, { action: 'submit' });
    await (await as('haizhu-reviewer')).post(`/api/v1/declarations/${made.id}/transitions`, { action: 'review', grade: '差', reason: '目标不可衡量' });
    const view = (await editor.get<View>(`/api/v1/declarations/${made.id}`)).body;
    expect(view.state).toBe('returned');
    expect(view.lastReview).toMatchObject({ grade: '差', outcome: 'returned', opinion: '目标不可衡量', reviewerName: '海珠区财政局审核员' });
    expect(view.submittedAt).not.toBeNull();
  });

  it('restores an earlier version as a new one, names versions, and makes one version of a sitting of autosaves', async () => {
    const editor = await as('haizhu-editor');
    const made = (await editor.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2033 })).body;
    let version = made.version;
    const save = async (goals: string[], extra: Record<string, unknown> = {}) => {
      const answer = await editor.put<View>(`/api/v1/declarations/${made.id}`, { baseVersion: version, content: { ...made.content, goals }, ...extra });
      expect(answer.status).toBe(200);
      version = answer.body.version;
    };
    await save(['第一稿']);
    await save(['第二稿'], { autosave: true });
    await save(['第三稿'], { autosave: true });
    await save(['第四稿'], { autosave: true });
    const versions = (await editor.get<{ versions: Array<{ version: number; note: string | null; autosave: boolean }> }>(`/api/v1/declarations/${made.id}/versions`)).body.versions;
    // Three autosaves in a row by one person are one version; the named save before them stays.
    expect(versions.map((v) => v.version)).toEqual([5, 2, 1]);
    expect((await editor.request('PATCH', `/api/v1/declarations/${made.id}/versions/5`, { note: '送审前定稿' })).status).toBe(200);
    await save(['第五稿'], { autosave: true });
    const named = (await editor.get<{ versions: Array<{ version: number; note: string | null }> }>(`/api/v1/declarations/${made.id}/versions`)).body.versions;
    expect(named.map((v) => [v.version, v.note])).toEqual([[6, null], [5, '送审前定稿'], [2, null], [1, null]]);

    const restored = await editor.post<{ version: number }>(`/api/v1/declarations/${made.id}/versions/2/restore`, { baseVersion: version });
    expect(restored.body.version).toBe(7);
    const current = (await editor.get<View>(`/api/v1/declarations/${made.id}`)).body;
    expect(current.content.goals).toEqual(['第一稿']);
    expect((await editor.post(`/api/v1/declarations/${made.id}/versions/2/restore`, { baseVersion: 1 })).status).toBe(409);
    const audit = await store.db.selectFrom('audit_log').select('detail').where('action', '=', 'declaration.restore').where('entity_id', '=', made.id).execute();
    expect(audit.map((a) => a.detail)).toEqual([{ restoredVersion: 2 }]);
  });

  it('refuses to take a form with errors where the bureau says so, and says so on the form', async () => {
    const admin = await as('admin');
    const approver = await as('haizhu-approver');
    const made = (await approver.post<View>('/api/v1/declarations', { departmentId: bureauId, year: 2034 })).body;
    expect((await approver.get<View>(`/api/v1/declarations/${made.id}`)).body.blockSubmitOnErrors).toBe(false);
    expect((await admin.request('PATCH', `/api/v1/organisations/regions/${haizhuId}`, { settings: { blockSubmitOnErrors: true } })).status).toBe(200);
    expect((await approver.get<View>(`/api/v1/declarations/${made.id}`)).body.blockSubmitOnErrors).toBe(true);
    const refused = await approver.post(`/api/v1/declarations/${made.id}/transitions`, { action: 'submit' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { id: 'has-errors' } });
    await admin.request('PATCH', `/api/v1/organisations/regions/${haizhuId}`, { settings: { blockSubmitOnErrors: false } });
    expect((await approver.post(`/api/v1/declarations/${made.id}/transitions`, { action: 'submit' })).status).toBe(200);
  });

  it('presents the audit log with people, forms and actions named, and exports it as CSV', async () => {
    const admin = await as('admin');
    await new ApiClient(base).post('/api/v1/session', { username: 'haizhu-editor', password: 'not-the-password' });
    const list = await admin.get<{ entries: Array<{ action: string; actorName: string | null; entityLabel: { zh: string }; summary: { zh: string }; at: string }> }>('/api/v1/audit?pageSize=200');
    const failed = list.body.entries.find((e) => e.action === 'session.failed');
    expect(failed?.summary.zh).toContain('用户名「haizhu-editor」');
    const saved = list.body.entries.find((e) => e.action === 'declaration.create' && e.actorName === '海珠数管局填报员');
    expect(saved?.actorName).toBe('海珠数管局填报员');
    expect(saved?.entityLabel.zh).toMatch(/^广州市海珠区政务服务和数据管理局 \d{4} 年度申报表$/);
    const csv = await admin.bytes('/api/v1/audit.csv?lang=zh');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // A byte-order mark first, so that Excel and WPS open the Chinese text as UTF-8.
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes);
    expect(text.startsWith('序号,时间,操作人,操作,对象,版本,详情,哈希\r\n')).toBe(true);
    expect(text).toContain('登录失败');
    expect(text).toContain('海珠数管局填报员,新建申报表,广州市海珠区政务服务和数据管理局');
    expect(text.trim().split('\r\n').length - 1).toBe(list.body.entries.length);
    expect((await (await as('haizhu-editor')).get('/api/v1/audit.csv')).status).toBe(403);
  });

  it('renames regions and departments, archives a department without losing its forms, and changes a user’s role', async () => {
    const admin = await as('admin');
    const department = (await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '海珠区临时局', regionId: haizhuId })).body.id;
    const user = (await admin.post<{ user: { id: string } }>('/api/v1/users', { username: 'temp-editor', displayName: '临时填报员', password: PASSWORD, role: 'editor', departmentId: department })).body.user.id;
    const temp = await as('temp-editor');
    const form = (await temp.post<View>('/api/v1/declarations', { departmentId: department, year: 2025 })).body;
    expect((await admin.request('PATCH', `/api/v1/organisations/departments/${department}`, { name: '海珠区临时管理局' })).status).toBe(200);
    expect((await admin.request('PATCH', `/api/v1/organisations/departments/${department}`, { archived: true })).status).toBe(200);
    const tree = (await admin.get<Tree>('/api/v1/organisations')).body;
    const archived = tree.regions[0]?.children[0]?.children.find((r) => r.id === haizhuId)?.departments.find((d) => d.id === department);
    expect(archived).toMatchObject({ name: '海珠区临时管理局', archivedAt: expect.any(String) });
    expect((await temp.get<View>(`/api/v1/declarations/${form.id}`)).status).toBe(200);
    expect((await temp.post('/api/v1/declarations', { departmentId: department, year: 2026 })).body).toMatchObject({ error: { id: 'department-archived' } });
    // A role change signs the user out, and takes effect.
    expect((await admin.request('PATCH', `/api/v1/users/${user}`, { role: 'editor', departmentId: bureauId })).status).toBe(200);
    expect((await temp.get<{ user: unknown }>('/api/v1/session')).body.user).toBeNull();
    const moved = await as('temp-editor');
    expect((await moved.get<{ user: { departmentId: string } }>('/api/v1/session')).body.user.departmentId).toBe(bureauId);
    expect((await admin.request('PATCH', `/api/v1/organisations/regions/${haizhuId}`, { name: '海珠区（新）' })).status).toBe(200);
    expect((await admin.request('PATCH', `/api/v1/organisations/regions/${haizhuId}`, { name: '海珠区' })).status).toBe(200);
    // An administrator cannot lock themselves out.
    const me = (await admin.get<{ user: { id: string } }>('/api/v1/session')).body.user.id;
    expect((await admin.request('PATCH', `/api/v1/users/${me}`, { disabled: true })).body).toMatchObject({ error: { id: 'self-lockout' } });
  });
});
