/**
 * The rectification ledger through the API, on both stores: an item opened from a monitoring report
 * accepted with advice, answered with text and a file, reopened with a reason, reported again and
 * accepted; items from a returned form and by hand; the policy matrix (a department sees its own, an
 * agency none, a bureau admin only its region); overdue notices once; and the region's hold on a
 * project's next-year form while its item is overdue.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rectification } from '../core/rectification/rectification.ts';
import { notifyOverdueRectifications } from './services/rectifications.ts';
import type { ApiClient } from './testing/apiClient.ts';
import { useTestApp } from './testing/testApp.ts';
import { demoPlaces } from './testing/demoPlaces.ts';
import { STORE_KINDS } from './testing/testStores.ts';

interface ItemJson {
  id: string;
  state: string;
  version: number;
  content: Rectification;
  allowedActions: string[];
  canEdit: boolean;
}
interface Row {
  id: string;
  departmentId: string;
  state: string;
  overdue: boolean;
  deadline: string;
}

const PASSWORD = 'Rectify-Password-2026';
const PDF = new TextEncoder().encode('%PDF-1.4\n% proof\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe.each(STORE_KINDS)('the rectification ledger (%s)', (_name, open) => {
  const t = useTestApp(open, { family: true });
  let reviewer: ApiClient;
  let editor: ApiClient;
  let approver: ApiClient;
  let admin: ApiClient;
  let haizhu: string;
  let yuexiu: string;
  let bureau: string;
  let health: string;
  let id: string;
  let manualId: string;
  let yuexiuDept: string;

  beforeAll(async () => {
    reviewer = await t.as('haizhu-reviewer');
    editor = await t.as('haizhu-editor');
    approver = await t.as('haizhu-approver');
    admin = await t.as('admin');
    ({ haizhu, yuexiu, bureau } = await demoPlaces(t));
    health = (await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区卫生健康局', regionId: haizhu })).body.id;
    yuexiuDept = (await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市越秀区教育局', regionId: yuexiu })).body.id;
    const reviewCentre = (await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区评审中心', regionId: haizhu })).body.id;
    const users: Array<[string, string, string | null, string | null]> = [
      ['r-health-editor', 'editor', health, null],
      ['r-yuexiu-reviewer', 'reviewer', null, yuexiu],
      ['r-yuexiu-admin', 'admin', null, yuexiu],
      ['r-yuexiu-editor', 'editor', yuexiuDept, null],
      ['r-agency', 'agency', null, haizhu],
      ['r-expert', 'expert', reviewCentre, haizhu],
    ];
    for (const [username, role, departmentId, regionId] of users) {
      const created = await admin.post('/api/v1/users', { username, displayName: username, password: PASSWORD, role, departmentId, regionId });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
  }, 180_000);

  it('opens an item from a monitoring report accepted with advice, carrying its words, project and department; the department is told', async () => {
    const report = await t.store.db.selectFrom('documents').select(['id', 'project_name', 'year', 'department_id']).where('kind', '=', 'monitoring-report').where('state', '=', 'accepted').where('flag', '=', true).orderBy('id').executeTakeFirstOrThrow();
    const draft = await t.store.db.selectFrom('documents').select('id').where('kind', '=', 'monitoring-report').where('state', '=', 'submitted').executeTakeFirstOrThrow();
    expect((await reviewer.post('/api/v1/rectifications', { source: { type: 'monitoring-report', documentId: draft.id }, deadline: '2099-06-30' })).status).toBe(409);
    expect((await editor.post('/api/v1/rectifications', { source: { type: 'monitoring-report', documentId: report.id }, deadline: '2099-06-30' })).status).toBe(403);
    expect((await reviewer.post('/api/v1/rectifications', { source: { type: 'monitoring-report', documentId: report.id }, deadline: '2099-02-30' })).body).toMatchObject({ error: { id: 'validation-failed', fields: [{ field: 'body.deadline' }] } });
    expect((await reviewer.post('/api/v1/rectifications', { source: { type: 'assessment', documentId: report.id }, deadline: '2099-06-30' })).status).toBe(422);

    const opened = await reviewer.post<{ id: string }>('/api/v1/rectifications', { source: { type: 'monitoring-report', documentId: report.id }, deadline: '2099-06-30', requirement: '9月底前报送整改报告', evidenceRequired: ['整改报告'] });
    expect(opened.status).toBe(201);
    id = opened.body.id;
    const item = await editor.get<ItemJson>(`/api/v1/documents/${id}`);
    expect(item.body).toMatchObject({ state: 'open', canEdit: true, allowedActions: ['report'], content: { source: { type: 'monitoring-report', documentId: report.id, documentKind: 'monitoring-report' }, projectName: report.project_name, deadline: '2099-06-30', evidenceRequired: ['整改报告'] } });
    expect(item.body.content.problem).toContain('整改');
    const inbox = await editor.get<{ items: Array<{ kind: string; link: string }> }>('/api/v1/notifications');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'rectification-opened', link: `/rectifications/${id}` });
  });

  it('is answered with text and a file, reopened with a reason, reported again and accepted — each step a version, audited and notified', async () => {
    // Not yet: an answer and the required file are owed.
    expect((await editor.post(`/api/v1/documents/${id}/transitions`, { action: 'report' })).body).toMatchObject({ error: { id: 'response-required' } });
    const current = (await editor.get<ItemJson>(`/api/v1/documents/${id}`)).body;
    // The department writes its answer only: the bureau's words stay.
    const saved = await editor.put<ItemJson>(`/api/v1/documents/${id}`, { baseVersion: current.version, content: { ...current.content, title: '改掉的问题', response: { text: '已调整支出进度，补报资金计划。', files: [] } } });
    expect(saved.status).toBe(200);
    const answered = (await editor.get<ItemJson>(`/api/v1/documents/${id}`)).body;
    expect(answered.content.title).toBe(current.content.title);
    expect(answered.content.response.text).toBe('已调整支出进度，补报资金计划。');
    expect((await editor.post(`/api/v1/documents/${id}/transitions`, { action: 'report' })).body).toMatchObject({ error: { id: 'evidence-required', missing: ['整改报告'] } });

    expect((await editor.send('POST', `/api/v1/documents/${id}/files?name=x.pdf&item=${encodeURIComponent('整改报告')}`, new TextEncoder().encode('<html><script></script></html>'))).status).toBe(415);
    expect((await reviewer.send('POST', `/api/v1/documents/${id}/files?name=a.pdf&item=${encodeURIComponent('整改报告')}`, PDF)).status).toBe(403);
    const uploaded = await editor.send<{ file: { id: string; contentType: string } }>('POST', `/api/v1/documents/${id}/files?name=${encodeURIComponent('整改报告.pdf')}&item=${encodeURIComponent('整改报告')}`, PDF);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.file.contentType).toBe('application/pdf');
    expect((await editor.get<ItemJson>(`/api/v1/documents/${id}`)).body.content.response.files).toEqual([{ item: '整改报告', file: uploaded.body.file.id, name: '整改报告.pdf' }]);

    expect((await approver.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'report' })).body.state).toBe('reported');
    const reviewerInbox = await reviewer.get<{ items: Array<{ kind: string; body: string }> }>('/api/v1/notifications');
    expect(reviewerInbox.body.items[0]).toMatchObject({ kind: 'rectification-reported', body: '已调整支出进度，补报资金计划。' });
    expect((await editor.send('POST', `/api/v1/documents/${id}/files?name=b.pdf&item=x`, PDF)).status).toBe(409);

    expect((await editor.post(`/api/v1/documents/${id}/transitions`, { action: 'accept' })).status).toBe(403);
    expect((await reviewer.post(`/api/v1/documents/${id}/transitions`, { action: 'reopen' })).body).toMatchObject({ error: { id: 'reason-required' } });
    expect((await reviewer.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'reopen', reason: '整改报告未附资金计划' })).body.state).toBe('reopened');
    expect((await editor.get<{ comments: Array<{ body: string }> }>(`/api/v1/documents/${id}/comments`)).body.comments.map((c) => c.body)).toEqual(['【整改未通过】整改报告未附资金计划']);
    expect((await editor.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'report' })).body.state).toBe('reported');
    expect((await reviewer.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'accept' })).body.state).toBe('accepted');
    expect((await editor.get<{ items: Array<{ kind: string }> }>('/api/v1/notifications')).body.items[0]?.kind).toBe('rectification-accepted');

    const file = await reviewer.bytes(`/api/v1/documents/${id}/files/${uploaded.body.file.id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    const audit = await admin.get<{ entries: Array<{ action: string }> }>(`/api/v1/audit?entityId=${id}`);
    expect(audit.body.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['rectification.create', 'rectification.update', 'rectification.evidence-upload', 'rectification.report', 'rectification.reopen', 'rectification.accept', 'rectification.evidence-download']));
    const versions = await editor.get<{ versions: unknown[] }>(`/api/v1/documents/${id}/versions`);
    expect(versions.body.versions.length).toBeGreaterThanOrEqual(3);
  });

  it('opens one from a returned form’s opinion and one by hand; refuses a by-hand item without its department', async () => {
    const returned = await t.store.db.selectFrom('documents').innerJoin('document_reviews', 'document_reviews.document_id', 'documents.id').select('documents.id').where('documents.kind', '=', 'project-target').where('document_reviews.outcome', '=', 'returned').where('document_reviews.opinion', 'is not', null).executeTakeFirst();
    if (returned) {
      const fromForm = await reviewer.post<{ id: string }>('/api/v1/rectifications', { source: { type: 'target-return', documentId: returned.id }, deadline: '2099-03-31' });
      expect(fromForm.status).toBe(201);
      expect((await reviewer.get<ItemJson>(`/api/v1/documents/${fromForm.body.id}`)).body.content.source.type).toBe('target-return');
    }
    expect((await reviewer.post('/api/v1/rectifications', { source: { type: 'manual' }, deadline: '2020-03-31', year: 2024 })).body).toMatchObject({ error: { fields: [{ field: 'departmentId' }] } });
    const manual = await reviewer.post<{ id: string }>('/api/v1/rectifications', { source: { type: 'manual' }, departmentId: health, year: 2024, title: '政府采购程序不规范', deadline: '2020-03-31' });
    expect(manual.status).toBe(201);
    manualId = manual.body.id;
    expect((await (await t.as('r-yuexiu-reviewer', PASSWORD)).post('/api/v1/rectifications', { source: { type: 'manual' }, departmentId: health, year: 2024, title: 'x', deadline: '2099-03-31' })).status).toBe(403);
  });

  it('follows the policy: a department sees its own, an agency or expert none, a bureau (and its admin) its region only', async () => {
    const ids = async (client: ApiClient) => (await client.get<{ items: Row[] }>('/api/v1/rectifications')).body.items;
    const own = await ids(editor);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.departmentId === bureau)).toBe(true);
    expect((await ids(await t.as('r-health-editor', PASSWORD))).map((r) => r.id)).toEqual([manualId]);
    expect(await ids(await t.as('r-agency', PASSWORD))).toEqual([]);
    expect(await ids(await t.as('r-expert', PASSWORD))).toEqual([]);
    expect(await ids(await t.as('r-yuexiu-reviewer', PASSWORD))).toEqual([]);
    expect(await ids(await t.as('r-yuexiu-admin', PASSWORD))).toEqual([]);
    expect(await ids(await t.as('r-yuexiu-editor', PASSWORD))).toEqual([]);
    const bureauView = await ids(reviewer);
    expect(bureauView.map((r) => r.id)).toEqual(expect.arrayContaining([id, manualId]));
    expect((await ids(await t.as('haizhu-admin'))).length).toBe(bureauView.length);
    expect((await ids(admin)).length).toBe(bureauView.length);
    expect((await (await t.as('r-agency', PASSWORD)).get(`/api/v1/documents/${manualId}`)).status).toBe(404);
    expect((await editor.get(`/api/v1/documents/${manualId}`)).status).toBe(404);
    expect((await (await t.as('r-health-editor', PASSWORD)).get(`/api/v1/documents/${id}/files`)).status).toBe(404);
    expect((await fetch(`${t.base}/api/v1/rectifications`)).status).toBe(401);
    expect((await (await t.as('r-yuexiu-admin', PASSWORD)).get<{ departments: unknown[] }>('/api/v1/rectifications/by-department')).body.departments).toEqual([]);
  });

  it('counts overdue items by department, tells the department once, and lists them', async () => {
    const counted = await reviewer.get<{ departments: Array<{ departmentId: string; overdue: number; open: number; accepted: number; total: number }> }>('/api/v1/rectifications/by-department');
    expect(counted.body.departments[0]).toMatchObject({ departmentId: health, overdue: 1, open: 1 });
    expect(counted.body.departments.find((d) => d.departmentId === bureau)?.accepted).toBeGreaterThanOrEqual(1);
    const overdue = await reviewer.get<{ items: Row[] }>('/api/v1/rectifications?overdue=true');
    expect(overdue.body.items.map((r) => r.id)).toEqual([manualId]);
    expect(overdue.body.items[0]?.overdue).toBe(true);
    // Paged: every item once over the pages, and the total counts them all; the counts agree with it.
    const all = await reviewer.get<{ items: Row[]; total: number }>('/api/v1/rectifications');
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const pages = await Promise.all([1, 2, 3].map((page) => reviewer.get<{ items: Row[]; total: number }>(`/api/v1/rectifications?pageSize=2&page=${page}`)));
    expect(pages.map((p) => p.body.total)).toEqual([all.body.total, all.body.total, all.body.total]);
    expect(pages.flatMap((p) => p.body.items.map((r) => r.id))).toEqual(all.body.items.map((r) => r.id).slice(0, 6));
    expect(counted.body.departments.reduce((sum, d) => sum + d.total, 0)).toBe(all.body.total);
    expect((await reviewer.get('/api/v1/rectifications?pageSize=5001')).status).toBe(400);
    const today = new Date().toISOString().slice(0, 10);
    expect(await notifyOverdueRectifications(t.store.db, today)).toBe(1);
    expect(await notifyOverdueRectifications(t.store.db, today)).toBe(0);
    const inbox = await (await t.as('r-health-editor', PASSWORD)).get<{ items: Array<{ kind: string; title: string }> }>('/api/v1/notifications');
    expect(inbox.body.items.map((n) => n.kind)).toContain('rectification-overdue');
  });

  it("holds a project's next-year form while its item is overdue, where the region says so", async () => {
    const form = await t.store.db.selectFrom('documents').select(['id', 'project_name', 'year', 'current_version']).where('kind', '=', 'project-target').where('department_id', '=', bureau).where('project_name', 'is not', null).orderBy('year', 'desc').orderBy('id').executeTakeFirstOrThrow();
    const content = (await t.store.db.selectFrom('document_versions').select('content').where('document_id', '=', form.id).where('version', '=', form.current_version).executeTakeFirstOrThrow()).content as Record<string, unknown>;
    const next = await editor.post<{ id: string }>('/api/v1/documents', { kind: 'project-target', departmentId: bureau, year: form.year + 1, content: { ...content, exAnte: undefined } });
    expect(next.status).toBe(201);
    const item = await reviewer.post<{ id: string }>('/api/v1/rectifications', { source: { type: 'manual' }, departmentId: bureau, year: form.year, title: '绩效目标不细化', projectName: form.project_name, deadline: '2020-01-31' });
    expect(item.status).toBe(201);
    expect((await admin.request('PATCH', `/api/v1/organisations/regions/${haizhu}`, { settings: { rectification: { blockNextYear: true } } })).status).toBe(200);
    const held = await approver.post(`/api/v1/documents/${next.body.id}/transitions`, { action: 'submit' });
    expect(held.status).toBe(409);
    expect(held.body).toMatchObject({ error: { id: 'rectification-overdue', items: [expect.objectContaining({ id: item.body.id })] } });
    // Reported: no longer owed, the form goes.
    const open = (await editor.get<ItemJson>(`/api/v1/documents/${item.body.id}`)).body;
    await editor.put(`/api/v1/documents/${item.body.id}`, { baseVersion: open.version, content: { ...open.content, response: { text: '已细化指标', files: [] } } });
    expect((await approver.post<{ state: string }>(`/api/v1/documents/${item.body.id}/transitions`, { action: 'report' })).body.state).toBe('reported');
    expect((await approver.post<{ state: string }>(`/api/v1/documents/${next.body.id}/transitions`, { action: 'submit' })).body.state).toBe('submitted');
  });

  it('tells the department of an item opened through the generic documents door too', async () => {
    const bureauOfYuexiu = await t.as('r-yuexiu-reviewer', PASSWORD);
    const content: Rectification = { kind: 'rectification', title: '资产登记不全', problem: '部分设备未入账', source: { type: 'manual', documentId: null, documentKind: null, ref: null }, projectName: null, deadline: '2099-09-30', requirement: '补登资产台账', evidenceRequired: [], response: { text: '', files: [] } };
    const created = await bureauOfYuexiu.post<{ id: string }>('/api/v1/documents', { kind: 'rectification', departmentId: yuexiuDept, year: 2025, content });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const inbox = await (await t.as('r-yuexiu-editor', PASSWORD)).get<{ items: Array<{ kind: string; link: string; title: { zh: string; en: string } }> }>('/api/v1/notifications');
    expect(inbox.body.items.filter((n) => n.kind === 'rectification-opened')).toEqual([expect.objectContaining({ link: `/rectifications/${created.body.id}`, title: { zh: '广州市越秀区教育局：有新的整改事项，请于 2099-09-30 前整改', en: '广州市越秀区教育局: a new rectification item, due 2099-09-30' } })]);
  });
});
