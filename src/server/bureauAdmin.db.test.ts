/**
 * A finance bureau's own admin (an admin bound to its region) over real HTTP, on both stores: it
 * administers its district and below — departments, users, sub-regions, a sheet import — and is
 * refused everything of another region, the system's audit log and backup.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from './testing/testStores.ts';
import { useTestApp } from './testing/testApp.ts';
import { ApiClient } from './testing/apiClient.ts';

type Node = { id: string; name: string; departments: Array<{ id: string; name: string }>; children: Node[] };
type Tree = { regions: Node[] };

describe.each(STORE_KINDS)("a bureau's admin on the %s store", (_name, open) => {
  const t = useTestApp(open, { family: true });
  let bureauAdmin: ApiClient;
  let systemAdmin: ApiClient;
  let haizhu: string;
  let yuexiu: string;
  let guangzhou: string;
  let bureau: string;
  let yuexiuDepartment: string;

  beforeAll(async () => {
    bureauAdmin = await t.as('haizhu-admin');
    systemAdmin = await t.as('admin');
    const tree = (await systemAdmin.get<Tree>('/api/v1/organisations')).body;
    const city = tree.regions[0]?.children[0];
    guangzhou = city?.id ?? '';
    const districts = (city?.children ?? []) as Array<{ id: string; name: string; departments: Array<{ id: string }> }>;
    haizhu = districts.find((d) => d.name === '海珠区')?.id ?? '';
    yuexiu = districts.find((d) => d.name === '越秀区')?.id ?? '';
    bureau = districts.find((d) => d.name === '海珠区')?.departments[0]?.id ?? '';
    const made = await systemAdmin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市越秀区教育局', regionId: yuexiu });
    yuexiuDepartment = made.body.id;
  }, 180_000);

  it('manages departments, sub-regions and users of its own district', async () => {
    const department = await bureauAdmin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区卫生健康局', regionId: haizhu });
    expect(department.status).toBe(201);
    const street = await bureauAdmin.post<{ id: string }>('/api/v1/organisations/regions', { name: '南华西街道', level: 'county', parentId: haizhu });
    expect(street.status).toBe(201);
    expect((await bureauAdmin.patch(`/api/v1/organisations/departments/${department.body.id}`, { regionId: street.body.id })).status).toBe(200);
    expect((await bureauAdmin.patch(`/api/v1/organisations/departments/${department.body.id}`, { archived: true })).status).toBe(200);
    expect((await bureauAdmin.patch(`/api/v1/organisations/regions/${haizhu}`, { settings: { blockSubmitOnErrors: true } })).status).toBe(200);
    const editor = await bureauAdmin.post<{ user: { id: string } }>('/api/v1/users', { username: 'hz-health-editor', displayName: '卫健局填报员', password: 'Quiet-Harbour-Lantern-58', role: 'editor', departmentId: bureau });
    expect(editor.status).toBe(201);
    const reviewer = await bureauAdmin.post('/api/v1/users', { username: 'hz-street-reviewer', displayName: '街道审核员', password: 'Quiet-Harbour-Lantern-58', role: 'reviewer', regionId: street.body.id });
    expect(reviewer.status).toBe(201);
    const deputy = await bureauAdmin.post('/api/v1/users', { username: 'hz-street-admin', displayName: '街道管理员', password: 'Quiet-Harbour-Lantern-58', role: 'admin', regionId: street.body.id });
    expect(deputy.status).toBe(201);
    expect((await bureauAdmin.patch(`/api/v1/users/${editor.body.user.id}`, { disabled: true })).status).toBe(200);
    // Disabled, the user is told so when signing in with the right password; a wrong one stays a wrong one.
    const client = new ApiClient(t.base);
    expect((await client.post<{ error: { id: string; message: { zh: string } } }>('/api/v1/session', { username: 'hz-health-editor', password: 'Quiet-Harbour-Lantern-58' })).body.error).toMatchObject({ id: 'account-disabled', message: { zh: '此账号已停用，请联系管理员' } });
    expect((await client.post<{ error: { id: string } }>('/api/v1/session', { username: 'hz-health-editor', password: 'wrong-password-123' })).body.error.id).toBe('bad-credentials');
    // What the bureau's admin did is in the (system admin's) audit log under its name.
    const audit = await systemAdmin.get<{ entries: Array<{ action: string; actorName: string | null }> }>('/api/v1/audit?action=department.move');
    expect(audit.body.entries[0]?.actorName).toBe('海珠区财政局管理员');
  });

  it('sees only the users of its district', async () => {
    const users = (await bureauAdmin.get<{ users: Array<{ username: string }> }>('/api/v1/users')).body.users.map((u) => u.username);
    expect(users).toContain('haizhu-editor');
    expect(users).toContain('haizhu-reviewer');
    expect(users).not.toContain('admin');
    const all = (await systemAdmin.get<{ users: Array<{ username: string }> }>('/api/v1/users')).body.users.map((u) => u.username);
    expect(all).toContain('admin');
  });

  it('cannot touch another region, the region above, or the system admin', async () => {
    const refused = async (response: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await response;
      expect(status).toBe(403);
      return body as { error: { id: string } };
    };
    expect((await refused(bureauAdmin.post('/api/v1/organisations/departments', { name: '越秀区某局', regionId: yuexiu }))).error.id).toBe('outside-your-region');
    await refused(bureauAdmin.patch(`/api/v1/organisations/departments/${yuexiuDepartment}`, { name: '改名' }));
    await refused(bureauAdmin.patch(`/api/v1/organisations/departments/${yuexiuDepartment}`, { archived: true }));
    // Moving its own department out of its district is moving it into another region.
    await refused(bureauAdmin.patch(`/api/v1/organisations/departments/${bureau}`, { regionId: yuexiu }));
    await refused(bureauAdmin.patch(`/api/v1/organisations/regions/${yuexiu}`, { name: '越秀' }));
    await refused(bureauAdmin.patch(`/api/v1/organisations/regions/${guangzhou}`, { settings: { blockSubmitOnErrors: true } }));
    await refused(bureauAdmin.post('/api/v1/organisations/regions', { name: '新区', level: 'district', parentId: guangzhou }));
    await refused(bureauAdmin.post('/api/v1/organisations/regions', { name: '新省', level: 'province', parentId: null }));
    await refused(bureauAdmin.post('/api/v1/users', { username: 'yx-reviewer2', displayName: '越秀审核员', password: 'Quiet-Harbour-Lantern-58', role: 'reviewer', regionId: yuexiu }));
    await refused(bureauAdmin.post('/api/v1/users', { username: 'yx-editor2', displayName: '越秀填报员', password: 'Quiet-Harbour-Lantern-58', role: 'editor', departmentId: yuexiuDepartment }));
    // No system admin made by a bureau's admin, and none of its own users moved out.
    await refused(bureauAdmin.post('/api/v1/users', { username: 'root2', displayName: '系统管理员二', password: 'Quiet-Harbour-Lantern-58', role: 'admin', regionId: null }));
    const users = (await systemAdmin.get<{ users: Array<{ id: string; username: string }> }>('/api/v1/users')).body.users;
    const id = (username: string) => users.find((u) => u.username === username)?.id ?? '';
    await refused(bureauAdmin.patch(`/api/v1/users/${id('admin')}`, { password: 'Quiet-Harbour-Lantern-59' }));
    await refused(bureauAdmin.get(`/api/v1/users/${id('admin')}/tokens`));
    await refused(bureauAdmin.patch(`/api/v1/users/${id('haizhu-reviewer')}`, { regionId: yuexiu }));
    await refused(bureauAdmin.patch(`/api/v1/users/${id('haizhu-reviewer')}`, { role: 'admin', regionId: null }));
    for (const path of ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/admin/backup']) expect((await bureauAdmin.get(path)).status).toBe(403);
    // Nothing changed.
    const tree = (await systemAdmin.get<Tree>('/api/v1/organisations')).body;
    const yx = tree.regions[0]?.children[0]?.children.find((r) => r.id === yuexiu);
    expect(yx?.name).toBe('越秀区');
    expect(yx?.departments.map((d) => d.name)).toEqual(['广州市越秀区教育局']);
  });

  it("imports a sheet into its district and names the rows outside it", async () => {
    const csv = (lines: string[]) => ({ name: 'users.csv', data: Buffer.from(`${lines.join('\n')}\n`, 'utf8').toString('base64') });
    const sheet = csv(['部门,区划,用户名,姓名,角色', '广州市海珠区民政局,海珠区,hz-civil,民政局填报员,部门填报员', '广州市越秀区民政局,越秀区,yx-civil,越秀民政填报员,部门填报员', ',,root3,总管理员,管理员']);
    const preview = await bureauAdmin.post<{ plans: Array<{ line: number; problems: Array<{ field: string; en: string }> }> }>('/api/v1/organisations/import', { file: sheet });
    expect(preview.status).toBe(200);
    expect(preview.body.plans.map((p) => [p.line, p.problems.map((q) => q.field)])).toEqual([
      [2, []],
      [3, ['region']],
      [4, ['region']],
    ]);
    expect(preview.body.plans[1]?.problems[0]?.en).toMatch(/outside the region you administer/);
    expect((await bureauAdmin.post('/api/v1/organisations/import', { file: sheet, commit: true })).status).toBe(422);
  });

  it("reads its district's forms, drafts included, and not another region's unpublished ones", async () => {
    const list = await bureauAdmin.get<{ items: Array<{ departmentId: string; state: string }>; total: number }>('/api/v1/declarations?pageSize=100');
    expect(list.body.total).toBeGreaterThan(0);
    expect(list.body.items.some((i) => i.state === 'draft' && i.departmentId === bureau)).toBe(true);
    const editor = await t.as('haizhu-editor');
    const mine = await editor.get<{ items: Array<{ id: string; state: string }> }>('/api/v1/declarations?pageSize=1&state=draft');
    const draftId = mine.body.items[0]?.id ?? '';
    expect((await bureauAdmin.get(`/api/v1/declarations/${draftId}`)).status).toBe(200);
    expect((await bureauAdmin.post(`/api/v1/declarations/${draftId}/transitions`, { action: 'approve', opinion: 'ok' })).status).toBeGreaterThanOrEqual(400);
  });
});
