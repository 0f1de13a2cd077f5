/**
 * A kind of document defined here, in this file, and registered: with nothing else written for it,
 * it gets storage, versions and their diff, its workflow with the policy's parties, comments, the
 * audit log, notifications, the list and its filters, the official form as PDF and Excel, and the
 * API — on both stores. This is what adding a kind means (docs/architecture.md, "How to add a kind").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Finding } from '../core/rules/finding.ts';
import { defineKind, EMPTY_SUMMARY } from '../kinds/kindDefinition.ts';
import { registerKind } from '../kinds/registry.ts';
import { sheetRef } from '../table/sourceTable.ts';
import { documentHeadChanged } from './services/documentHeads.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

/** 会议纪要: a department's memo of items with amounts, sent to the finance bureau, which signs it (then public) or sends it back. */
interface Memo {
  kind: 'test-memo';
  title: string;
  items: Array<{ name: string; amount: string }>;
  note?: string;
}

const memoSchema = z.object({ kind: z.literal('test-memo'), title: z.string().max(200), items: z.array(z.object({ name: z.string().max(100), amount: z.string().regex(/^\d+(\.\d{1,2})?$/) })).max(50), note: z.string().max(500).optional() }).strict();

const memoKind = registerKind(
  defineKind<Memo, { readonly maxItems: number }>({
    kind: 'test-memo',
    names: { full: { zh: '会议纪要', en: 'Memo' }, short: { zh: '纪要', en: 'memo' } },
    auditEntity: 'test-memo',
    auditAction: (verb) => `test-memo.${verb}`,
    pagePath: (id) => `/documents/${id}`,
    schema: memoSchema,
    workflow: {
      noun: { zh: '纪要', en: 'memo' },
      initial: 'draft',
      states: {
        draft: { names: { zh: '草稿', en: 'draft' }, editable: true, private: true },
        sent: { names: { zh: '已报送', en: 'sent' }, editable: false },
        returned: { names: { zh: '已退回', en: 'returned' }, editable: true },
        signed: { names: { zh: '已签发', en: 'signed' }, editable: false, public: true },
      },
      transitions: [
        { action: 'send', names: { verb: { zh: '报送', en: 'send' }, done: { zh: '已报送', en: 'sent' } }, from: ['draft', 'returned'], to: 'sent', by: ['department-approver'], stamp: 'submitted', notification: 'test-memo-submitted', guard: ({ findings }) => (findings.some((f) => f.severity === 'error') ? { status: 422, code: 'memo-incomplete', message: { zh: '纪要有错误', en: 'the memo has errors' } } : null) },
        { action: 'return', names: { verb: { zh: '退回', en: 'return' }, done: { zh: '已退回', en: 'returned' } }, from: ['sent'], to: 'returned', by: ['oversight'], reasonRequired: true, reasonComment: () => '【退回】', notification: 'test-memo-returned' },
        { action: 'sign', names: { verb: { zh: '签发', en: 'sign' }, done: { zh: '已签发', en: 'signed' } }, from: ['sent'], to: 'signed', by: ['oversight'], stamp: 'published', notification: 'test-memo-signed' },
      ],
    },
    adminMayCreate: false,
    deletable: true,
    autosave: true,
    assigns: true,
    // The bureau's private note is not the department's to read.
    redact: (content, viewer) => (viewer.parties.has('oversight') || viewer.parties.has('assignee') ? content : { ...content, note: '' }),
    settings: () => ({ maxItems: 3 }),
    normalise: (content) => ({ ...content, title: content.title.trim() }),
    check: (content, { settings }) => {
      const findings: Finding[] = [];
      if (content.items.length === 0) findings.push({ rule: 'memo-items', severity: 'error', path: '/items', message: { zh: '纪要没有事项', en: 'the memo has no items' } });
      if (content.items.length > settings.maxItems) findings.push({ rule: 'memo-items', severity: 'warning', path: '/items', message: { zh: '事项过多', en: 'too many items' } });
      return { content, findings };
    },
    summarize: (content, _findings, place) => ({
      ...EMPTY_SUMMARY,
      title: content.title,
      searchText: [place.departmentName, content.title, ...content.items.map((i) => i.name)].join('\n'),
      amount: content.items.reduce((sum, i) => sum + Math.round(Number(i.amount) * 100), 0) === 0 ? null : (content.items.reduce((sum, i) => sum + Math.round(Number(i.amount) * 100), 0) / 100).toFixed(2),
    }),
    subject: (place) => ({ zh: `${place.departmentName}的会议纪要`, en: `the memo of ${place.departmentName}` }),
    layout: (content) => ({
      sheetName: '会议纪要',
      runningHead: content.title,
      columns: 2,
      widths: [40, 14],
      rows: [[{ text: content.title, row: 0, col: 0, rowSpan: 1, colSpan: 2, ref: sheetRef('会议纪要', 0, 0), role: 'title' }], ...content.items.map((item, i) => [
        { text: item.name, row: i + 1, col: 0, rowSpan: 1, colSpan: 1, ref: sheetRef('会议纪要', i + 1, 0), role: 'text' as const },
        { text: item.amount, row: i + 1, col: 1, rowSpan: 1, colSpan: 1, ref: sheetRef('会议纪要', i + 1, 1), role: 'amount' as const },
      ])],
      header: { from: 0, to: 0 },
      classColumn: 0,
    }),
    empty: () => ({ kind: 'test-memo', title: '', items: [] }),
  }),
);

interface DocumentJson {
  id: string;
  kind: string;
  state: string;
  version: number;
  title: string | null;
  summary: { amount: string | null; errorCount: number; warningCount: number };
  content: Memo;
  findings: Finding[];
  allowedActions: string[];
  canEdit: boolean;
}

describe.each(STORE_KINDS)('a kind defined in a test file gets everything (%s)', (_name, open) => {
  let t: TestApp;
  let departmentId: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp(open);
    departmentId = (await t.store.db.selectFrom('departments').select('id').executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(() => t?.close());

  it('is listed among the kinds, with its workflow', async () => {
    const kinds = await (await t.as('haizhu-editor')).get<{ kinds: Array<{ kind: string; transitions: Array<{ action: string }> }> }>('/api/v1/documents/kinds');
    expect(kinds.body.kinds.find((k) => k.kind === memoKind.kind)?.transitions.map((s) => s.action)).toEqual(['send', 'return', 'sign']);
  });

  it('is created, checked, saved as versions with a diff, and audited', async () => {
    const editor = await t.as('haizhu-editor');
    const created = await editor.post<DocumentJson>('/api/v1/documents', { kind: 'test-memo', departmentId, year: 2025, content: { kind: 'test-memo', title: '  第一次会议 ', items: [] } });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({ kind: 'test-memo', state: 'draft', version: 1, title: '第一次会议', canEdit: true, allowedActions: [] });
    expect(created.body.findings.map((f) => f.rule)).toEqual(['memo-items']);

    const refused = await editor.put(`/api/v1/documents/${id}`, { baseVersion: 1, content: { kind: 'test-memo', title: 'x', items: [{ name: '采购', amount: 'abc' }] } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { id: 'validation-failed', fields: [{ field: 'content.items.0.amount' }] } });

    const saved = await editor.put<DocumentJson>(`/api/v1/documents/${id}`, { baseVersion: 1, content: { kind: 'test-memo', title: '第一次会议', items: [{ name: '设备采购', amount: '12.50' }, { name: '培训', amount: '3' }] } });
    expect(saved.body).toMatchObject({ version: 2, summary: { amount: '15.50', errorCount: 0 } });
    const stale = await editor.put(`/api/v1/documents/${id}`, { baseVersion: 1, content: { kind: 'test-memo', title: 'x', items: [] } });
    expect(stale.status).toBe(409);

    const versions = await editor.get<{ versions: Array<{ version: number }> }>(`/api/v1/documents/${id}/versions`);
    expect(versions.body.versions.map((v) => v.version)).toEqual([2, 1]);
    const diff = await editor.get<{ changes: Array<{ path: string }> }>(`/api/v1/documents/${id}/diff?from=1&to=2`);
    expect(diff.body.changes.length).toBeGreaterThan(0);

    const admin = await t.as('admin');
    const audit = await admin.get<{ entries: Array<{ action: string; entity: string }> }>(`/api/v1/audit?entityId=${id}`);
    expect(audit.body.entries.map((e) => e.action).sort()).toEqual(['test-memo.create', 'test-memo.update']);
  });

  it('follows the policy: a draft is its department’s; another region sees nothing; the reviewer acts once it is sent', async () => {
    const reviewer = await t.as('haizhu-reviewer');
    expect((await reviewer.get(`/api/v1/documents/${id}`)).status).toBe(404);
    expect((await (await t.as('haizhu-editor')).post(`/api/v1/documents/${id}/transitions`, { action: 'send' })).status).toBe(403);
    const approver = await t.as('haizhu-approver');
    const sent = await approver.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'send' });
    expect(sent.body.state).toBe('sent');
    expect((await approver.post(`/api/v1/documents/${id}/transitions`, { action: 'sign' })).status).toBe(403);
    expect((await approver.post(`/api/v1/documents/${id}/transitions`, { action: 'fly' })).body).toMatchObject({ error: { id: 'validation-failed', fields: [{ field: 'action' }] } });

    const seen = await reviewer.get<DocumentJson>(`/api/v1/documents/${id}`);
    expect(seen.body.allowedActions).toEqual(['return', 'sign']);
    const inbox = await reviewer.get<{ items: Array<{ kind: string; link: string; title: string }> }>('/api/v1/notifications');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'test-memo-submitted', link: `/documents/${id}` });
  });

  it('assigns a person from elsewhere, who then sees it and what the department does not; one of its own department is refused and the refusal audited', async () => {
    const admin = await t.as('admin');
    const regionId = (await t.store.db.selectFrom('departments').select('region_id').where('id', '=', departmentId).executeTakeFirstOrThrow()).region_id;
    const other = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '评审中心', regionId });
    const created = await admin.post<{ user: { id: string } }>('/api/v1/users', { username: 'memo-expert', displayName: '评审专家', password: 'Expert-Password-2026', role: 'editor', departmentId: other.body.id });
    expect(created.status).toBe(201);
    const expert = { body: created.body.user };
    const reviewer = await t.as('haizhu-reviewer');
    const own = (await t.store.db.selectFrom('users').select('id').where('username', '=', 'haizhu-editor').executeTakeFirstOrThrow()).id;
    expect((await reviewer.post(`/api/v1/documents/${id}/assignments`, { userId: own, role: 'expert' })).body).toMatchObject({ error: { id: 'conflict-of-interest' } });
    expect((await admin.get<{ total: number }>(`/api/v1/audit?action=test-memo.assign-refused&entityId=${id}`)).body.total).toBe(1);
    expect((await reviewer.post(`/api/v1/documents/${id}/assignments`, { userId: expert.body.id, role: 'expert' })).status).toBe(201);
    const assigned = await t.as('memo-expert', 'Expert-Password-2026');
    expect((await assigned.get<DocumentJson>(`/api/v1/documents/${id}`)).status).toBe(200);
    // What the kind redacts: the bureau's note, read by the bureau and the assigned, not the department.
    const noted = JSON.stringify({ kind: 'test-memo', title: '第一次会议', items: [{ name: '设备采购', amount: '12.50' }, { name: '培训', amount: '3' }], note: '培训费偏高' });
    await t.store.db.insertInto('document_versions').values({ document_id: id, version: 3, content: noted, findings: '[]', author_id: 'system', created_at: new Date().toISOString(), note: null, autosave: false }).execute();
    await t.store.db.updateTable('documents').set({ current_version: 3 }).where('id', '=', id).execute();
    documentHeadChanged(t.store.db, id);
    expect((await assigned.get<DocumentJson>(`/api/v1/documents/${id}`)).body.content.note).toBe('培训费偏高');
    expect((await (await t.as('haizhu-editor')).get<DocumentJson>(`/api/v1/documents/${id}`)).body.content.note).toBe('');
    expect((await (await t.as('haizhu-editor')).get<{ content: Memo }>(`/api/v1/documents/${id}/versions/3`)).body.content.note).toBe('');
    expect((await assigned.get<{ items: Array<{ id: string }> }>('/api/v1/documents?kind=test-memo')).body.items.map((d) => d.id)).toEqual([id]);
    expect((await (await t.as('haizhu-editor')).put(`/api/v1/documents/${id}`, { baseVersion: 3, content: { kind: 'test-memo', title: '第一次会议', items: [{ name: '设备采购', amount: '12.50' }], note: 'x' } })).status).toBe(409);
    expect((await reviewer.get<{ assignments: Array<{ username: string; role: string }> }>(`/api/v1/documents/${id}/assignments`)).body.assignments).toEqual([expect.objectContaining({ username: 'memo-expert', role: 'expert' })]);
  });

  it('takes comments, a return with its reason, and a signature that makes it public', async () => {
    const reviewer = await t.as('haizhu-reviewer');
    expect((await reviewer.post(`/api/v1/documents/${id}/comments`, { path: '/items/1/amount', body: '请说明培训费依据' })).status).toBe(201);
    expect((await reviewer.post(`/api/v1/documents/${id}/transitions`, { action: 'return' })).body).toMatchObject({ error: { id: 'reason-required' } });
    expect((await reviewer.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'return', reason: '补充依据' })).body.state).toBe('returned');
    const editor = await t.as('haizhu-editor');
    const comments = await editor.get<{ comments: Array<{ path: string; body: string }> }>(`/api/v1/documents/${id}/comments`);
    expect(comments.body.comments.map((c) => c.body)).toEqual(['请说明培训费依据', '【退回】补充依据']);
    const inbox = await editor.get<{ items: Array<{ kind: string; body: string }> }>('/api/v1/notifications');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'test-memo-returned', body: '补充依据' });

    await (await t.as('haizhu-approver')).post(`/api/v1/documents/${id}/transitions`, { action: 'send' });
    const batch = await reviewer.post<{ done: number }>('/api/v1/documents/batch-transitions', { ids: [id], request: { action: 'sign' } });
    expect(batch.body.done).toBe(1);
    const anonymous = await fetch(`${t.base}/api/v1/documents/${id}`);
    expect(anonymous.status).toBe(200);
    expect(((await anonymous.json()) as DocumentJson).state).toBe('signed');
  });

  it('is listed, filtered and searched with every other kind', async () => {
    const editor = await t.as('haizhu-editor');
    const list = await editor.get<{ items: Array<{ id: string; kind: string }>; total: number }>('/api/v1/documents?kind=test-memo');
    expect(list.body.items.map((d) => d.id)).toEqual([id]);
    expect((await editor.get<{ total: number }>('/api/v1/documents?kind=test-memo&q=设备采购')).body.total).toBe(1);
    expect((await editor.get<{ total: number }>('/api/v1/documents?kind=test-memo&state=draft')).body.total).toBe(0);
    const all = await editor.get<{ items: Array<{ kind: string }> }>('/api/v1/documents?pageSize=100');
    expect(new Set(all.body.items.map((d) => d.kind))).toContain('test-memo');
    expect((await editor.get('/api/v1/documents?kind=nonsense')).status).toBe(400);
  });

  it('downloads as its official form, PDF and Excel', async () => {
    const editor = await t.as('haizhu-editor');
    const pdf = await editor.bytes(`/api/v1/documents/${id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    const xlsx = await editor.bytes(`/api/v1/documents/${id}.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.bytes[0]).toBe(0x50);
  });

  it('deletes a draft never sent, keeping its content in the audit log', async () => {
    const editor = await t.as('haizhu-editor');
    const draft = await editor.post<DocumentJson>('/api/v1/documents', { kind: 'test-memo', departmentId, year: 2025 });
    expect(draft.body.content).toMatchObject({ kind: 'test-memo', title: '', items: [] });
    expect((await editor.request('DELETE', `/api/v1/documents/${draft.body.id}`)).status).toBe(200);
    expect((await editor.get(`/api/v1/documents/${draft.body.id}`)).status).toBe(404);
    expect((await editor.request('DELETE', `/api/v1/documents/${id}`)).status).toBe(403);
  });
});
