/**
 * Departments and users from a sheet over real HTTP, on both stores: a preview row by row, then all
 * stored in one go with the passwords it generated; a sheet with problems names each and stores nothing.
 * And a department moved to another region, with its forms.
 */
import { describe, expect, it } from 'vitest';
import { STORE_KINDS } from './testing/testStores.ts';
import { TEST_PASSWORD, useTestApp } from './testing/testApp.ts';

const PASSWORD = TEST_PASSWORD;
const csv = (lines: string[]) => ({ name: 'users.csv', data: Buffer.from(`${lines.join('\n')}\n`, 'utf8').toString('base64') });
type Plan = { line: number; department: { name: string; existingId: string | null } | null; user: { username: string; role: string } | null; problems: Array<{ field: string; zh: string }> };
type Result = { plans: Plan[]; created: { departments: number; users: Array<{ username: string; password: string | null }> } | null };

describe.each(STORE_KINDS)('departments and users from a sheet, and moving a department, on the %s store', (_name, open) => {
  const t = useTestApp(open);
  const as = (username: string, password = PASSWORD) => t.as(username, password);

  const good = csv([
    '部门,区划,用户名,姓名,角色,初始密码',
    '广州市海珠区教育局,海珠区,edu-editor,教育局填报员,部门填报员,',
    '广州市海珠区教育局,广州市/海珠区,edu-approver,教育局负责人,部门负责人,Quiet-Harbour-Lantern-58',
    '广州市海珠区文化广电旅游体育局,海珠区,,,,',
    ',越秀区,yx-reviewer,越秀区审核员,财政审核员,',
  ]);

  it('previews, then creates every department and user in one go, with the passwords it generated', async () => {
    const admin = await as('admin');
    const preview = await admin.post<Result>('/api/v1/organisations/import', { file: good });
    expect(preview.status).toBe(200);
    expect(preview.body.created).toBeNull();
    expect(preview.body.plans.map((p) => [p.line, p.department?.name ?? null, p.user?.username ?? null, p.problems.length])).toEqual([
      [2, '广州市海珠区教育局', 'edu-editor', 0],
      [3, '广州市海珠区教育局', 'edu-approver', 0],
      [4, '广州市海珠区文化广电旅游体育局', null, 0],
      [5, null, 'yx-reviewer', 0],
    ]);
    expect((await admin.get<{ users: Array<{ username: string }> }>('/api/v1/users')).body.users.some((u) => u.username === 'edu-editor')).toBe(false);

    const stored = await admin.post<Result>('/api/v1/organisations/import', { file: good, commit: true });
    expect(stored.status).toBe(200);
    expect(stored.body.created?.departments).toBe(2);
    const generated = stored.body.created?.users.find((u) => u.username === 'edu-editor')?.password ?? '';
    expect(generated.length).toBeGreaterThanOrEqual(10);
    expect(stored.body.created?.users.find((u) => u.username === 'edu-approver')?.password).toBeNull();
    const editor = await as('edu-editor', generated);
    const session = await editor.get<{ user: { role: string; departmentId: string } }>('/api/v1/session');
    expect(session.body.user.role).toBe('editor');
    const reviewer = await as('yx-reviewer', stored.body.created?.users.find((u) => u.username === 'yx-reviewer')?.password ?? '');
    expect((await reviewer.get<{ user: { regionId: string } }>('/api/v1/session')).body.user.regionId).toBeTruthy();
    const audit = await admin.get<{ entries: Array<{ action: string }> }>('/api/v1/audit?action=user.create&pageSize=100');
    expect(audit.body.entries.length).toBeGreaterThanOrEqual(3);
    // The same sheet again: the departments exist now, the usernames are taken.
    const again = await admin.post<Result>('/api/v1/organisations/import', { file: good });
    expect(again.body.plans[0]?.department?.existingId).toBeTruthy();
    expect(again.body.plans[0]?.problems.map((p) => p.field)).toEqual(['username']);
  });

  it('names every problem by row and field, and stores nothing from a sheet that has one', async () => {
    const admin = await as('admin');
    const bad = csv([
      '部门,区划,用户名,姓名,角色,初始密码',
      '广州市海珠区民政局,海淀区,mz-editor,民政局填报员,部门填报员,',
      '广州市海珠区民政局,海珠区,haizhu-editor,重名,部门填报员,',
      ',海珠区,mz-2,某人,校长,',
      '广州市海珠区民政局,海珠区,mz-3,某人,部门负责人,12345678',
      ',,,,,',
    ]);
    const before = (await admin.get<{ regions: unknown[] }>('/api/v1/organisations')).body;
    const preview = await admin.post<Result>('/api/v1/organisations/import', { file: bad });
    expect(preview.body.plans.map((p) => [p.line, p.problems.map((x) => x.field)])).toEqual([
      [2, ['region', 'department']],
      [3, ['username']],
      [4, ['role']],
      [5, ['password']],
    ]);
    expect(preview.body.plans[0]?.problems[0]?.zh).toContain('没有名为「海淀区」的区划');
    const refused = await admin.post<{ error: { id: string } }>('/api/v1/organisations/import', { file: bad, commit: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe('sheet-has-problems');
    expect((await admin.get('/api/v1/organisations')).body).toEqual(before);
    expect((await admin.post('/api/v1/organisations/import', { file: csv(['随便,什么', '1,2']) })).status).toBe(400);
    expect((await (await as('haizhu-reviewer')).post('/api/v1/organisations/import', { file: good })).status).toBe(403);
  });

  // Last, on the same app as the sheets above (one demo per store, not two): it finds what it moves by name.
  it('moves a department with its forms: the new region reviews them, the old one no longer sees them', async () => {
    const admin = await as('admin');
    const tree = await admin.get<{ regions: Array<{ children: Array<{ children: Array<{ id: string; name: string; departments: Array<{ id: string; name: string }> }> }> }> }>('/api/v1/organisations');
    const districts = tree.body.regions[0]?.children[0]?.children ?? [];
    const haizhu = districts.find((d) => d.name === '海珠区');
    const yuexiu = districts.find((d) => d.name === '越秀区');
    const bureau = haizhu?.departments.find((d) => d.name === '广州市海珠区政务服务和数据管理局')?.id ?? '';
    await admin.post('/api/v1/users', { username: 'yx-rev', displayName: '越秀审核', password: PASSWORD, role: 'reviewer', departmentId: null, regionId: yuexiu?.id });
    const approver = await as('haizhu-approver');
    const form = (await approver.get<{ items: Array<{ id: string }> }>('/api/v1/declarations')).body.items[0]?.id ?? '';
    expect((await approver.post(`/api/v1/declarations/${form}/transitions`, { action: 'submit' })).status).toBe(200);
    const haizhuReviewer = await as('haizhu-reviewer');
    const yuexiuReviewer = await as('yx-rev');
    expect((await haizhuReviewer.get(`/api/v1/declarations/${form}`)).status).toBe(200);
    expect((await yuexiuReviewer.get(`/api/v1/declarations/${form}`)).status).toBe(404);

    expect((await admin.patch(`/api/v1/organisations/departments/${bureau}`, { regionId: 'no-such-region' })).status).toBe(400);
    expect((await (await as('haizhu-editor')).patch(`/api/v1/organisations/departments/${bureau}`, { regionId: yuexiu?.id })).status).toBe(403);
    expect((await admin.patch(`/api/v1/organisations/departments/${bureau}`, { regionId: yuexiu?.id })).status).toBe(200);
    expect((await yuexiuReviewer.get(`/api/v1/declarations/${form}`)).status).toBe(200);
    expect((await haizhuReviewer.get(`/api/v1/declarations/${form}`)).status).toBe(404);
    expect((await approver.get(`/api/v1/declarations/${form}`)).status).toBe(200);
    const audit = await admin.get<{ entries: Array<{ action: string }> }>(`/api/v1/audit?entityId=${bureau}`);
    expect(audit.body.entries.map((e) => e.action)).toContain('department.move');
    // A name already taken in the region moved to is refused.
    const twin = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区政务服务和数据管理局', regionId: haizhu?.id });
    expect((await admin.patch(`/api/v1/organisations/departments/${twin.body.id}`, { regionId: yuexiu?.id })).status).toBe(409);
  });
});
