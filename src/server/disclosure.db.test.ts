/**
 * Disclosure on time through the API, on both stores: the region's deadlines from its settings, each
 * form's status, the reasons a department records for the forms it does not publish (audited, kept
 * through a backup and its restore), the policy (a department its own, an agency nothing, a bureau
 * and its admin their region only), and the public list of what each department published and when.
 */
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentDisclosure, FormDisclosure } from '../core/disclosure/disclosure.ts';
import { restoreBackup, writeBackup } from '../store/backup.ts';
import type { ApiClient } from './testing/apiClient.ts';
import { useTestApp } from './testing/testApp.ts';
import { demoPlaces } from './testing/demoPlaces.ts';
import { STORE_KINDS } from './testing/testStores.ts';

interface View {
  regionId: string;
  rules: { days: number; budgetApproved: string | null };
  departments: DepartmentDisclosure[];
  forms: FormDisclosure[];
}

const PASSWORD = 'Disclose-Password-2026';

describe.each(STORE_KINDS)('disclosure on time (%s)', (_name, open) => {
  const t = useTestApp(open, { family: true });
  let reviewer: ApiClient;
  let editor: ApiClient;
  let admin: ApiClient;
  let haizhu: string;
  let yuexiu: string;
  let bureau: string;
  let unpublished: string;

  beforeAll(async () => {
    reviewer = await t.as('haizhu-reviewer');
    editor = await t.as('haizhu-editor');
    admin = await t.as('admin');
    ({ haizhu, yuexiu, bureau } = await demoPlaces(t));
    const health = (await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区卫生健康局', regionId: haizhu })).body.id;
    for (const [username, role, departmentId, regionId] of [
      ['d-health-editor', 'editor', health, null],
      ['d-yuexiu-reviewer', 'reviewer', null, yuexiu],
      ['d-yuexiu-admin', 'admin', null, yuexiu],
      ['d-agency', 'agency', null, haizhu],
    ] as const) {
      const created = await admin.post('/api/v1/users', { username, displayName: username, password: PASSWORD, role, departmentId, regionId });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  }, 180_000);

  it("dates each form from the region's budget approval and says which are published on time, late or overdue", async () => {
    expect((await admin.request('PATCH', `/api/v1/organisations/regions/${haizhu}`, { settings: { disclosure: { days: 20, goalPercent: 80, years: { '2025': { budgetApproved: '2025-01-20' } } } } })).status).toBe(200);
    expect((await admin.request('PATCH', `/api/v1/organisations/regions/${haizhu}`, { settings: { disclosure: { years: { '2025': { budgetApproved: '2025-02-30' } } } } })).status).toBe(400);
    const view = await reviewer.get<View>('/api/v1/disclosure?year=2025');
    expect(view.status).toBe(200);
    expect(view.body.rules).toMatchObject({ days: 20, budgetApproved: '2025-01-20' });
    const targets = view.body.forms.filter((f) => f.kind !== 'self-evaluation');
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.every((f) => f.deadline === '2025-02-09')).toBe(true);
    const open = targets.find((f) => f.kind === 'project-target' && f.publishedAt === null);
    expect(open).toBeDefined();
    unpublished = open?.id ?? '';
    // Today is past 2025-02-09: an unpublished project form is overdue and owes its reason.
    expect(open).toMatchObject({ status: 'overdue', reasonMissing: true });
    const department = view.body.departments.find((d) => d.departmentId === bureau);
    expect(department?.reasonsMissing).toBeGreaterThan(0);
    expect(department?.projectForms).toBe(targets.filter((f) => f.kind === 'project-target').length);
  });

  it('takes a department’s reason for a form it does not publish, audited; refuses an empty one, another department’s, a published form', async () => {
    expect((await editor.request('PUT', `/api/v1/disclosure/reasons/${unpublished}`, { reason: '  ' })).status).toBe(400);
    expect((await reviewer.request('PUT', `/api/v1/disclosure/reasons/${unpublished}`, { reason: '涉及国家秘密' })).status).toBe(403);
    expect((await (await t.as('d-health-editor', PASSWORD)).request('PUT', `/api/v1/disclosure/reasons/${unpublished}`, { reason: '涉及国家秘密' })).status).toBe(404);
    expect((await editor.request('PUT', `/api/v1/disclosure/reasons/${unpublished}`, { reason: '涉及国家秘密，依法不予公开' })).status).toBe(200);
    const form = (await reviewer.get<View>('/api/v1/disclosure?year=2025')).body.forms.find((f) => f.id === unpublished);
    expect(form).toMatchObject({ reason: '涉及国家秘密，依法不予公开', reasonMissing: false });
    const published = await t.store.db.selectFrom('documents').select('id').where('department_id', '=', bureau).where('state', '=', 'published').where('kind', '=', 'project-target').executeTakeFirst();
    if (published) expect((await editor.request('PUT', `/api/v1/disclosure/reasons/${published.id}`, { reason: 'x' })).status).toBe(409);
    const audit = await admin.get<{ entries: Array<{ action: string }> }>(`/api/v1/audit?entityId=${unpublished}&action=disclosure.reason`);
    expect(audit.body.entries.length).toBe(1);
  });

  it('follows the policy: a department sees its own, an agency nothing, a bureau and its admin their region only, the public must sign in', async () => {
    const own = await editor.get<View>('/api/v1/disclosure?year=2025');
    expect(own.body.forms.length).toBeGreaterThan(0);
    expect(own.body.forms.every((f) => f.departmentId === bureau)).toBe(true);
    expect((await (await t.as('d-health-editor', PASSWORD)).get<View>('/api/v1/disclosure?year=2025')).body.forms).toEqual([]);
    expect((await (await t.as('d-agency', PASSWORD)).get('/api/v1/disclosure?year=2025')).status).toBe(403);
    expect((await (await t.as('d-yuexiu-reviewer', PASSWORD)).get(`/api/v1/disclosure?year=2025&regionId=${haizhu}`)).status).toBe(403);
    expect((await (await t.as('d-yuexiu-admin', PASSWORD)).get(`/api/v1/disclosure?year=2025&regionId=${haizhu}`)).status).toBe(403);
    expect((await (await t.as('d-yuexiu-admin', PASSWORD)).get<View>('/api/v1/disclosure?year=2025')).body.forms).toEqual([]);
    expect((await (await t.as('haizhu-admin')).get<View>('/api/v1/disclosure?year=2025')).body.forms.length).toBe((await reviewer.get<View>('/api/v1/disclosure?year=2025')).body.forms.length);
    expect((await fetch(`${t.base}/api/v1/disclosure?year=2025`)).status).toBe(401);
  });

  it('shows anyone what each department published and when, and nothing else', async () => {
    const response = await fetch(`${t.base}/api/v1/public/disclosure?regionId=${haizhu}&year=2025`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { departments: Array<{ departmentId: string; published: Array<{ id: string; publishedAt: string }> }> };
    const published = await t.store.db.selectFrom('documents').select('id').where('state', '=', 'published').where('year', '=', 2025).where('kind', 'in', ['department-target', 'project-target', 'self-evaluation']).execute();
    expect(body.departments.flatMap((d) => d.published.map((p) => p.id)).sort()).toEqual(published.map((p) => p.id).sort());
    expect(body.departments.flatMap((d) => d.published).every((p) => p.publishedAt !== '')).toBe(true);
    expect(JSON.stringify(body)).not.toContain('涉及国家秘密');
    expect((await fetch(`${t.base}/api/v1/public/disclosure?regionId=${yuexiu}&year=2025`).then((r) => r.json())) as unknown).toEqual({ departments: [] });
    expect((await fetch(`${t.base}/api/v1/public/disclosure?regionId=nowhere&year=2025`)).status).toBe(404);
  });

  it('keeps the reasons through a backup and its restore', async () => {
    const lines: string[] = [];
    const counts = await writeBackup(t.store.db, (chunk) => void lines.push(chunk));
    expect(counts.disclosure_reasons).toBe(1);
    await t.store.db.deleteFrom('disclosure_reasons').execute();
    await restoreBackup(t.store.db, Readable.from(lines));
    expect(await t.store.db.selectFrom('disclosure_reasons').select(['document_id', 'reason']).execute()).toEqual([{ document_id: unpublished, reason: '涉及国家秘密，依法不予公开' }]);
  });
});
