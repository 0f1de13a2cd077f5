/**
 * The finance bureau's assessments through the API, on both stores: opened on a project form, a panel
 * assigned (a conflict of interest refused), scored by each expert alone, evidence up and down,
 * concluded with the decision written into the project form, the report as .docx and PDF (read back
 * with pdftotext), the policy with experts and agencies, templates, figures, and 抽评 reproducible
 * from its seed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../core/assessment/assessment.ts';
import { restoreBackup, writeBackup } from '../store/backup.ts';
import { documentHeadChanged } from './services/documentHeads.ts';
import type { ApiClient } from './testing/apiClient.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';
import { STORE_KINDS } from './testing/testStores.ts';

interface AssessmentJson {
  id: string;
  state: string;
  version: number;
  summary: { score: string | null; grade: string | null; facts: Record<string, unknown> };
  content: Assessment;
  allowedActions: string[];
  canEdit: boolean;
  findings: Array<{ rule: string; severity: string }>;
}

const PASSWORD = 'Assess-Password-2026';
const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% evidence\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

function pdftotext(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-report-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe.each(STORE_KINDS)('assessments (%s)', (_name, open) => {
  let t: TestApp;
  let reviewer: ApiClient;
  let editor: ApiClient;
  let admin: ApiClient;
  let departmentId: string;
  let regionId: string;
  let formId: string;
  let id: string;
  let cut = '';
  const users: Record<string, string> = {};
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    t = await startTestApp(open, { family: true });
    reviewer = await t.as('haizhu-reviewer');
    editor = await t.as('haizhu-editor');
    admin = await t.as('admin');
    const department = await t.store.db.selectFrom('departments').select(['id', 'region_id']).executeTakeFirstOrThrow();
    departmentId = department.id;
    regionId = department.region_id;
    const form = await t.store.db.selectFrom('documents').select('id').where('kind', '=', 'project-target').where('state', '=', 'submitted').where('department_id', '=', departmentId).orderBy('id').executeTakeFirstOrThrow();
    formId = form.id;
    const other = await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区评审中心', regionId });
    for (const [username, role, own] of [
      ['expert-a', 'expert', false],
      ['expert-b', 'expert', false],
      ['expert-c', 'expert', false],
      ['expert-own', 'expert', true],
      ['agency-a', 'agency', false],
      ['agency-b', 'agency', false],
    ] as const) {
      const created = await admin.post<{ user: { id: string } }>('/api/v1/users', { username, displayName: username, password: PASSWORD, role, regionId, departmentId: own ? departmentId : role === 'expert' ? other.body.id : null });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      users[username] = created.body.user.id;
      as[username] = await t.as(username, PASSWORD);
    }
  }, 240_000);
  afterAll(() => t?.close());

  it('opens an ex-ante assessment of a project form with a built-in template, its checklist from the template', async () => {
    const templates = await reviewer.get<{ templates: Array<{ id: string; purpose: string; builtIn: boolean }> }>('/api/v1/assessment-templates?year=2025&purpose=ex-ante-project');
    expect(templates.body.templates.map((x) => x.id)).toEqual(['builtin:ex-ante-project']);
    const opened = await reviewer.post<AssessmentJson>('/api/v1/assessments', { purpose: 'ex-ante-project', templateId: 'builtin:ex-ante-project', subject: { kind: 'project-target', id: formId } });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    id = opened.body.id;
    expect(opened.body).toMatchObject({ state: 'draft', content: { purpose: 'ex-ante-project', subject: { kind: 'project-target', id: formId } } });
    expect(opened.body.content.template.criteria).toHaveLength(25);
    expect(opened.body.content.evidence.length).toBeGreaterThan(5);
    expect(opened.body.content.evidence.every((e) => e.status === 'missing')).toBe(true);
    // A department's person may not open one on another department; an expert never.
    expect((await as['expert-a']?.post('/api/v1/assessments', { purpose: 'ex-ante-project', templateId: 'builtin:ex-ante-project', subject: { kind: 'project-target', id: formId } }))?.status).toBe(404);
    expect((await reviewer.post('/api/v1/assessments', { purpose: 'ex-ante-project', templateId: 'builtin:key-evaluation-2020', subject: { kind: 'project-target', id: formId } })).body).toMatchObject({ error: { fields: [{ field: 'templateId' }] } });
  });

  it('assigns a panel: experts and an agency join as scorers; one of the department is refused (audited)', async () => {
    // The bureau picks from the region's experts and agencies (only an admin lists users); nobody else may list them.
    const panel = await reviewer.get<{ members: Array<{ username: string; role: string }> }>('/api/v1/assessments/panel');
    expect(panel.status).toBe(200);
    expect(panel.body.members.map((m) => m.username).sort()).toEqual(['agency-a', 'agency-b', 'expert-a', 'expert-b', 'expert-c', 'expert-own']);
    expect((await editor.get('/api/v1/assessments/panel')).status).toBe(403);
    expect((await as['expert-a']?.get('/api/v1/assessments/panel'))?.status).toBe(403);
    expect((await reviewer.post(`/api/v1/documents/${id}/assignments`, { userId: users['expert-own'], role: 'expert' })).body).toMatchObject({ error: { id: 'conflict-of-interest' } });
    expect((await admin.get<{ total: number }>(`/api/v1/audit?action=assessment.assign-refused&entityId=${id}`)).body.total).toBe(1);
    const batch = await reviewer.post<{ done: number }>('/api/v1/assessments/batch-assignments', { ids: [id], userId: users['expert-a'], role: 'expert' });
    expect(batch.body.done).toBe(1);
    expect((await reviewer.post(`/api/v1/documents/${id}/assignments`, { userId: users['expert-b'], role: 'expert' })).status).toBe(201);
    expect((await reviewer.post(`/api/v1/documents/${id}/assignments`, { userId: users['agency-a'], role: 'agency' })).status).toBe(201);
    const doc = await reviewer.get<AssessmentJson>(`/api/v1/documents/${id}`);
    expect(doc.body.content.scorers.map((s) => [s.id, s.role])).toEqual([
      [users['expert-a'], 'expert'],
      [users['expert-b'], 'expert'],
      [users['agency-a'], 'agency'],
    ]);
    expect((await as['expert-a']?.post(`/api/v1/documents/${id}/assignments`, { userId: users['expert-c'], role: 'expert' }))?.status).toBe(403);
    const started = await reviewer.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'start' });
    expect(started.body.state).toBe('scoring');
  });

  it('experts and agencies see only what they are assigned; an agency never sees another agency’s work', async () => {
    expect((await as['expert-c']?.get(`/api/v1/documents/${id}`))?.status).toBe(404);
    expect((await as['agency-b']?.get(`/api/v1/documents/${id}`))?.status).toBe(404);
    const listed = await as['agency-b']?.get<{ total: number; items: unknown[] }>('/api/v1/documents?kind=assessment');
    expect(listed?.body.total).toBe(0);
    expect((await as['expert-a']?.get<{ items: Array<{ id: string }> }>('/api/v1/documents?kind=assessment'))?.body.items.map((d) => d.id)).toEqual([id]);
    // Of the forms, only what the public reads.
    expect(new Set((await as['expert-a']?.get<{ items: Array<{ state: string }> }>('/api/v1/documents?kind=project-target&pageSize=100'))?.body.items.map((d) => d.state))).toEqual(new Set(['published']));
    expect((await as['expert-a']?.get(`/api/v1/documents/${formId}`))?.status).toBe(404);
    expect((await as['expert-c']?.get(`/api/v1/assessments/${id}/report.pdf`))?.status).toBe(404);
  });

  const leavesOf = (a: Assessment) => a.template.criteria.filter((c) => !a.template.criteria.some((d) => d.parent === c.id));

  it('each scorer scores alone: a score outside its range is refused naming the criterion; nobody changes another’s scores', async () => {
    for (const [k, who] of ['expert-a', 'expert-b', 'agency-a'].entries()) {
      const client = as[who] as ApiClient;
      const doc = await client.get<AssessmentJson>(`/api/v1/documents/${id}`);
      expect(doc.body.canEdit).toBe(true);
      // Another's scores are not shown.
      expect(doc.body.content.scores.filter((s) => s.scorer !== users[who])).toEqual([]);
      const me = users[who] as string;
      const scores = leavesOf(doc.body.content).map((c, i) => ({ scorer: me, criterion: c.id, score: ['5', '4.5', '4', '4.5'][(i + k) % 4] as string, reason: i === 0 ? '依据充分' : '' }));
      const bad = await client.put(`/api/v1/documents/${id}`, { baseVersion: doc.body.version, content: { ...doc.body.content, scores: [{ ...scores[0], score: '6' }, ...scores.slice(1)] } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { fields: [{ field: 'content.scores.0.score' }] } });
      expect(JSON.stringify(bad.body)).toContain('「政策相关性」');
      // A forged score for someone else is dropped; their own are kept.
      const forged = { scorer: users['expert-a'] as string, criterion: '1.1', score: '0', reason: 'x' };
      const saved = await client.put<AssessmentJson>(`/api/v1/documents/${id}`, { baseVersion: doc.body.version, content: { ...doc.body.content, scores: who === 'expert-a' ? scores : [...scores, forged], title: 'changed by a scorer' } });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.content.title).not.toBe('changed by a scorer');
    }
    // A save that lost a race answers 409 with what is current — as the saving expert may read it, never another's scores.
    const stale = await (as['expert-a'] as ApiClient).put<{ error: { id: string; current: { content: Assessment } } }>(`/api/v1/documents/${id}`, { baseVersion: 1, content: (await (as['expert-a'] as ApiClient).get<AssessmentJson>(`/api/v1/documents/${id}`)).body.content });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.content.scores.length).toBeGreaterThan(0);
    expect(stale.body.error.current.content.scores.filter((s) => s.scorer !== users['expert-a'])).toEqual([]);
    const full = await reviewer.get<AssessmentJson>(`/api/v1/documents/${id}`);
    expect(full.body.content.scores.filter((s) => s.scorer === users['expert-a'] && s.score === '0')).toEqual([]);
    expect(full.body.content.result?.complete).toBe(true);
    expect(full.body.content.result?.scorers.map((s) => s.complete)).toEqual([true, true, true]);
    const first = full.body.content.result?.criteria.find((c) => c.id === '1.1');
    expect(first?.scores).toHaveLength(3);
    expect(first?.spread).not.toBeNull();
    // The bureau cannot change an expert's scores either.
    const tampered = full.body.content.scores.map((s) => (s.scorer === users['expert-a'] ? { ...s, score: '0' } : s));
    const after = await reviewer.put<AssessmentJson>(`/api/v1/documents/${id}`, { baseVersion: full.body.version, content: { ...full.body.content, scores: tampered } });
    expect(after.body.content.scores.some((s) => s.scorer === users['expert-a'] && s.score === '0')).toBe(false);
  });

  it('the department sees neither the panel’s draft scores nor the conclusion while it is scored', async () => {
    const seen = await editor.get<AssessmentJson>(`/api/v1/documents/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.content.scores).toEqual([]);
    expect(seen.body.content.result?.total).toBeNull();
    expect(seen.body.content.result?.scorers).toEqual([]);
    expect(seen.body.summary.score).toBeNull();
    const versions = await editor.get<{ versions: Array<{ version: number }> }>(`/api/v1/documents/${id}/versions`);
    const old = await editor.get<{ content: Assessment }>(`/api/v1/documents/${id}/versions/${versions.body.versions[0]?.version ?? 1}`);
    expect(old.body.content.scores).toEqual([]);
    const list = await editor.get<{ items: Array<{ id: string; summary: { score: string | null } }> }>('/api/v1/documents?kind=assessment');
    expect(list.body.items.find((d) => d.id === id)?.summary.score).toBeNull();
  });

  it('takes evidence up and down: typed by its bytes, limited per file and per assessment, downloaded as an attachment and audited', async () => {
    const doc = await editor.get<AssessmentJson>(`/api/v1/documents/${id}`);
    const item = doc.body.content.evidence[0] as Assessment['evidence'][number];
    const path = (name: string) => `/api/v1/assessments/${id}/evidence?name=${encodeURIComponent(name)}&item=${encodeURIComponent(item.name)}${item.criterion ? `&criterion=${encodeURIComponent(item.criterion)}` : ''}`;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array<number>(40).fill(1)]);
    const wrong = await editor.send('POST', path('政策依据.pdf'), png);
    expect(wrong.status).toBe(415);
    expect(JSON.stringify(wrong.body)).toContain('PNG');
    expect((await editor.send('POST', path('page.txt'), new TextEncoder().encode('<html><script>alert(1)</script></html>'))).status).toBe(415);
    const uploaded = await editor.send<{ file: { id: string; size: number; contentType: string } }>('POST', path('政策依据.pdf'), PDF_BYTES);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body.file).toMatchObject({ size: PDF_BYTES.length, contentType: 'application/pdf' });
    const after = await editor.get<AssessmentJson>(`/api/v1/documents/${id}`);
    expect(after.body.content.evidence[0]).toMatchObject({ status: 'received', file: uploaded.body.file.id });
    const down = await (as['expert-a'] as ApiClient).bytes(`/api/v1/assessments/${id}/evidence/${uploaded.body.file.id}`);
    expect(down.status).toBe(200);
    expect(Buffer.from(down.bytes).equals(Buffer.from(PDF_BYTES))).toBe(true);
    expect(down.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(down.headers.get('content-security-policy')).toContain('sandbox');
    expect((await admin.get<{ total: number }>(`/api/v1/audit?action=assessment.evidence-download&entityId=${id}`)).body.total).toBe(1);
    expect((await as['agency-b']?.bytes(`/api/v1/assessments/${id}/evidence/${uploaded.body.file.id}`))?.status).toBe(404);

    // Limits: the region's, per file and per assessment, said plainly. A 2.5 MB file spans chunks.
    expect((await admin.patch(`/api/v1/organisations/regions/${regionId}`, { settings: { assessment: { evidence: { fileMB: 2, assessmentMB: 3 } } } })).status).toBe(200);
    const big = new Uint8Array(2.5 * 1024 * 1024).fill(0x41);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    const tooBig = await editor.send('POST', path('大文件.pdf'), big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ error: { id: 'file-too-large' } });
    expect(JSON.stringify(tooBig.body)).toContain('2.0 MB');
    const fits = new Uint8Array(1.5 * 1024 * 1024).fill(0x42);
    fits.set(new TextEncoder().encode('%PDF-1.4\n'));
    const one = await editor.send<{ file: { id: string } }>('POST', path('附件一.pdf'), fits);
    expect(one.status).toBe(201);
    const roundTrip = await editor.bytes(`/api/v1/assessments/${id}/evidence/${one.body.file.id}`);
    expect(Buffer.from(roundTrip.bytes).equals(Buffer.from(fits))).toBe(true);
    const quota = await editor.send('POST', path('附件二.pdf'), fits);
    expect(quota.status).toBe(413);
    expect(quota.body).toMatchObject({ error: { id: 'evidence-quota' } });
    expect((await editor.request('DELETE', `/api/v1/assessments/${id}/evidence/${one.body.file.id}`)).status).toBe(200);
    const files = await editor.get<{ files: Array<{ id: string; name: string }> }>(`/api/v1/assessments/${id}/evidence`);
    expect(files.body.files.map((f) => f.name)).toEqual(['政策依据.pdf']);
  });

  it('concludes with a decision, written into the project form: 调整后予以支持 with the cut', async () => {
    const refused = await reviewer.post(`/api/v1/documents/${id}/transitions`, { action: 'conclude' });
    expect(refused.body).toMatchObject({ error: { id: 'decision-required' } });
    const doc = await reviewer.get<AssessmentJson>(`/api/v1/documents/${id}`);
    const asked = BigInt((doc.body.content.subject.amount ?? '0.00').replace('.', ''));
    const cents = (n: bigint) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;
    cut = cents(asked / 10n);
    const content: Assessment = {
      ...doc.body.content,
      findings: [{ criterion: '2', fact: '设备单价偏高', problem: '预算偏高', analysis: '未询价', conclusion: '核减', advice: '按询价结果重新测算' }],
      conclusion: { grade: null, decision: 'support-after-adjustment', supported: cents(asked - asked / 10n), cut, advice: '核减后予以支持' },
    };
    const put = await reviewer.put(`/api/v1/documents/${id}`, { baseVersion: doc.body.version, content });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const concluded = await reviewer.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'conclude' });
    expect(concluded.body.state).toBe('concluded');
    const form = await editor.get<{ content: { exAnte?: { decision: string; cut: string; assessment: string } }; findings: Array<{ rule: string }> }>(`/api/v1/documents/${formId}`);
    expect(form.body.content.exAnte).toMatchObject({ decision: 'support-after-adjustment', cut, assessment: id });
    expect(form.body.findings.map((f) => f.rule)).not.toContain('project-ex-ante');
    // The department reads the conclusion and the aggregate, not each expert's scores, until released.
    const seen = await editor.get<AssessmentJson>(`/api/v1/documents/${id}`);
    expect(seen.body.content.conclusion.decision).toBe('support-after-adjustment');
    expect(seen.body.content.result?.total).not.toBeNull();
    expect(seen.body.content.scores).toEqual([]);
    expect(seen.body.content.result?.criteria.every((c) => c.scores.length === 0)).toBe(true);
    expect(seen.body.summary).toMatchObject({ facts: { decision: 'support-after-adjustment', cut } });
    expect((await reviewer.post<{ state: string }>(`/api/v1/documents/${id}/transitions`, { action: 'release' })).body.state).toBe('released');
    const released = await editor.get<AssessmentJson>(`/api/v1/documents/${id}`);
    expect(released.body.content.scores.length).toBeGreaterThan(0);
    const inbox = await editor.get<{ items: Array<{ kind: string }> }>('/api/v1/notifications');
    expect(inbox.body.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['assessment-concluded', 'assessment-released', 'assessment-started']));
  });

  it('writes the report as .docx and PDF with its score table (read back with pdftotext)', async () => {
    const docx = await reviewer.bytes(`/api/v1/assessments/${id}/report.docx`);
    expect(docx.status).toBe(200);
    expect(docx.bytes[0]).toBe(0x50);
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; .*\.docx/);
    const pdf = await reviewer.bytes(`/api/v1/assessments/${id}/report.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdftotext(pdf.bytes);
    for (const heading of ['一、评估对象基本情况', '二、评估工作开展情况', '三、综合评估情况与评估结论', '四、相关建议', '六、附件', '专家组及工作组情况表', '佐证材料清单']) expect(text).toContain(heading);
    expect(text).toContain('立项必要性');
    expect(text).toContain('调整后予以支持');
    const total = (await reviewer.get<AssessmentJson>(`/api/v1/documents/${id}`)).body.content.result?.total ?? 'none';
    expect(text).toContain(total);
    expect(text).toContain('针对“预算偏高”：按询价结果重新测算');
  });

  it('flags a project form rejected by its assessment, and blocks its approval above the region’s threshold', async () => {
    expect((await admin.patch(`/api/v1/organisations/regions/${regionId}`, { settings: { assessment: { exAnte: { requiredFrom: '1', blockApprovalFrom: '1' } } } })).status).toBe(200);
    const others = await t.store.db.selectFrom('documents').select('id').where('kind', '=', 'project-target').where('state', '=', 'submitted').where('department_id', '=', departmentId).where('id', '!=', formId).orderBy('id').execute();
    const plain = others[0]?.id as string;
    const blocked = await reviewer.post(`/api/v1/documents/${plain}/transitions`, { action: 'review', grade: '优' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ error: { id: 'ex-ante-required' } });
    // A return (中) is never blocked.
    const rejected = await reviewer.post<AssessmentJson>('/api/v1/assessments', { purpose: 'ex-ante-project', templateId: 'builtin:ex-ante-project', subject: { kind: 'project-target', id: plain }, scorers: [{ id: 'paper-1', name: '纸质评分专家', role: 'expert', weight: null }] });
    const rid = rejected.body.id;
    const doc = rejected.body.content;
    const scores = leavesOf(doc).map((c) => ({ scorer: 'paper-1', criterion: c.id, score: '2', reason: '' }));
    await reviewer.post(`/api/v1/documents/${rid}/transitions`, { action: 'start' });
    const current = await reviewer.get<AssessmentJson>(`/api/v1/documents/${rid}`);
    const put = await reviewer.put<AssessmentJson>(`/api/v1/documents/${rid}`, { baseVersion: current.body.version, content: { ...current.body.content, scores, conclusion: { grade: null, decision: 'reject', supported: '0.00', cut: current.body.content.subject.amount, advice: '' } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.content.result?.grade).toBe('差');
    expect(put.body.content.result?.suggestedDecision).toBe('reject');
    expect((await reviewer.post<{ state: string }>(`/api/v1/documents/${rid}/transitions`, { action: 'conclude' })).body.state).toBe('concluded');
    const form = await reviewer.get<{ findings: Array<{ rule: string; severity: string }>; content: { exAnte?: { decision: string } } }>(`/api/v1/documents/${plain}`);
    expect(form.body.content.exAnte?.decision).toBe('reject');
    expect(form.body.findings.filter((f) => f.rule === 'project-ex-ante').map((f) => f.severity)).toEqual(['error']);
    expect((await reviewer.post(`/api/v1/documents/${plain}/transitions`, { action: 'review', grade: '良' })).body).toMatchObject({ error: { id: 'ex-ante-required' } });
    expect((await reviewer.post<{ state: string }>(`/api/v1/documents/${plain}/transitions`, { action: 'review', grade: '中', reason: '事前评估不予支持' })).body.state).toBe('returned');
    await admin.patch(`/api/v1/organisations/regions/${regionId}`, { settings: { assessment: {} } });
  });

  it('keeps templates per region and year: refused where the weights do not add up, versioned once used', async () => {
    const builtIn = await reviewer.get<{ criteria: Assessment['template']['criteria'] }>('/api/v1/assessment-templates/builtin:department-53');
    const criteria = builtIn.body.criteria;
    const wrong = criteria.map((c) => (c.id === '1.1.1' ? { ...c, weight: '3' } : c));
    const check = await reviewer.post<{ problems: Array<{ message: { zh: string } }> }>('/api/v1/assessment-templates/check', { purpose: 'department-evaluation', criteria: wrong });
    expect(check.body.problems.map((p) => p.message.zh)).toContain('「目标设定」下各项合计 7.00 分，应为 8.00 分');
    expect((await reviewer.put('/api/v1/assessment-templates', { key: 'department-53', regionId, year: 2025, name: '海珠区部门整体评价', purpose: 'department-evaluation', criteria })).status).toBe(403);
    const haizhuAdmin = await t.as('haizhu-admin');
    const refused = await haizhuAdmin.put('/api/v1/assessment-templates', { key: 'department-53', regionId, year: 2025, name: '海珠区部门整体评价', purpose: 'department-evaluation', criteria: wrong });
    expect(refused.status).toBe(400);
    // A criterion without a name is refused the same way, the field naming it.
    const nameless = criteria.map((c, i) => (i === 2 ? { ...c, name: '  ' } : c));
    const unnamed = await haizhuAdmin.put('/api/v1/assessment-templates', { key: 'department-53', regionId, year: 2025, name: '海珠区部门整体评价', purpose: 'department-evaluation', criteria: nameless });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({ error: { fields: [{ field: 'criteria.2.name', message: expect.stringMatching(/^criterion \d+ under ".+" has no name$/) as unknown }] } });
    const saved = await haizhuAdmin.put<{ id: string; version: number }>('/api/v1/assessment-templates', { key: 'department-53', regionId, year: 2025, name: '海珠区部门整体评价', purpose: 'department-evaluation', criteria });
    expect(saved.body.version).toBe(1);
    const again = await haizhuAdmin.put<{ id: string; version: number }>('/api/v1/assessment-templates', { key: 'department-53', regionId, year: 2025, name: '海珠区部门整体评价（修订）', purpose: 'department-evaluation', criteria });
    expect(again.body).toMatchObject({ id: saved.body.id, version: 1 });
    const list = await reviewer.get<{ templates: Array<{ id: string; key: string }> }>('/api/v1/assessment-templates?year=2025&purpose=department-evaluation');
    expect(list.body.templates.find((x) => x.key === 'department-53')?.id).toBe(saved.body.id);

    // The department's figures, entered once, feed the deductions.
    const figures = await editor.put<{ threePublicLast: string }>(`/api/v1/departments/${departmentId}/figures/2025`, { establishment: 40, staff: 42, threePublic: '10.25', threePublicLast: '10.00' });
    expect(figures.status, JSON.stringify(figures.body)).toBe(200);
    expect((await as['expert-a']?.put(`/api/v1/departments/${departmentId}/figures/2025`, { establishment: 1, staff: 1, threePublic: null, threePublicLast: null }))?.status).toBe(404);
    const opened = await reviewer.post<AssessmentJson>('/api/v1/assessments', { purpose: 'department-evaluation', templateId: saved.body.id, subject: { kind: 'department-year', id: departmentId }, year: 2025 });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.content.data).toMatchObject({ 'staff-control-rate': { value: '105.00' }, 'three-public-change-rate': { value: '2.50' } });
    const staff = opened.body.content.result?.criteria.find((c) => c.name === '在职人员控制率');
    expect(staff).toMatchObject({ score: '1.50', source: 'data' });
    const used = await haizhuAdmin.put<{ id: string; version: number }>('/api/v1/assessment-templates', { key: 'department-53', regionId, year: 2025, name: '海珠区部门整体评价（第二版）', purpose: 'department-evaluation', criteria });
    expect(used.body.version).toBe(2);
    expect(used.body.id).not.toBe(saved.body.id);
  });

  it('draws a 抽评 sample stratified by grade, reproducible from its stored seed, each drawn one a sampling review', async () => {
    const graded = await t.store.db.selectFrom('documents').select(['id', 'grade']).where('kind', '=', 'self-evaluation').where('year', '=', 2024).where('state', 'in', ['accepted', 'published']).execute();
    const grades = [...new Set(graded.map((g) => g.grade))].filter((g): g is string => g !== null);
    expect(grades.length).toBeGreaterThan(0);
    const counts = Object.fromEntries(grades.map((g) => [g, 1]));
    expect((await editor.post('/api/v1/assessments/samples', { year: 2024, counts })).status).toBe(403);
    const drawn = await reviewer.post<{ id: string; seed: string; drawn: Array<{ id: string; grade: string; assessment: string; department: string; name: string }>; reproduced: boolean }>('/api/v1/assessments/samples', { year: 2024, counts, seed: 'haizhu-2024' });
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(201);
    expect(drawn.body.drawn.map((d) => d.grade).sort()).toEqual([...grades].sort());
    expect(drawn.body.reproduced).toBe(true);
    const preview = await reviewer.post<{ drawn: Array<{ id: string; department: string; name: string }> }>('/api/v1/assessments/samples/preview', { year: 2024, counts, seed: 'haizhu-2024' });
    expect(preview.body.drawn.map((d) => d.id)).toEqual(drawn.body.drawn.map((d) => d.id));
    // The preview names what it drew as the stored draw does: a list the bureau can read before drawing.
    expect(preview.body.drawn.map((d) => [d.department, d.name])).toEqual(drawn.body.drawn.map((d) => [d.department, d.name]));
    const audit = await admin.get<{ entries: Array<{ detail: { seed: string } }> }>(`/api/v1/audit?action=assessment.sample&entityId=${drawn.body.id}`);
    expect(audit.body.entries[0]?.detail.seed).toBe('haizhu-2024');
    const again = await reviewer.get<{ reproduced: boolean; seed: string }>(`/api/v1/assessments/samples/${drawn.body.id}`);
    expect(again.body).toMatchObject({ reproduced: true, seed: 'haizhu-2024' });
    const xlsx = await reviewer.bytes(`/api/v1/assessments/samples/${drawn.body.id}.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.bytes[0]).toBe(0x50);
    const reviews = await reviewer.get<{ items: Array<{ id: string; summary: { facts: { purpose: string } } }> }>(`/api/v1/documents?kind=assessment&parentId=${drawn.body.id}`);
    expect(reviews.body.items.map((d) => d.id).sort()).toEqual(drawn.body.drawn.map((d) => d.assessment).sort());
    // The list filters by purpose: the draw's reviews are sampling reviews, the ex-ante one is not among them.
    const byPurpose = await reviewer.get<{ items: Array<{ id: string; summary: { facts: { purpose: string } } }> }>('/api/v1/documents?kind=assessment&purpose=sampling-review&pageSize=100');
    expect(byPurpose.body.items.map((d) => d.id).sort()).toEqual(drawn.body.drawn.map((d) => d.assessment).sort());
    const exAnte = await reviewer.get<{ items: Array<{ id: string; summary: { facts: { purpose: string } } }> }>('/api/v1/documents?kind=assessment&purpose=ex-ante-project');
    expect(exAnte.body.items.length).toBeGreaterThan(0);
    expect(new Set(exAnte.body.items.map((d) => d.summary.facts.purpose))).toEqual(new Set(['ex-ante-project']));
    const review = await reviewer.get<AssessmentJson>(`/api/v1/documents/${drawn.body.drawn[0]?.assessment ?? ''}`);
    expect(review.body.content).toMatchObject({ purpose: 'sampling-review', blend: { quality: '0.4', rescore: '0.6' } });
    expect(review.body.content.result?.sampling?.self.score).not.toBeNull();
    expect(review.body.findings.filter((f) => f.rule === 'assessment-weights')).toEqual([]);
  });

  it('keeps evidence bytes, templates, draws and figures through a backup and its restore', async () => {
    const files = await reviewer.get<{ files: Array<{ id: string; sha256: string }> }>(`/api/v1/assessments/${id}/evidence`);
    const file = files.body.files[0] as { id: string; sha256: string };
    const lines: string[] = [];
    const counts = await writeBackup(t.store.db, (chunk) => void lines.push(chunk));
    expect(counts.assessment_file_chunks).toBeGreaterThan(0);
    expect(counts.assessment_templates).toBeGreaterThan(0);
    expect(counts.assessment_samples).toBe(1);
    expect(counts.department_year_figures).toBe(1);
    await restoreBackup(t.store.db, Readable.from(lines));
    documentHeadChanged(t.store.db, id);
    const again = await t.as('haizhu-reviewer');
    const down = await again.bytes(`/api/v1/assessments/${id}/evidence/${file.id}`);
    expect(down.status).toBe(200);
    expect(createHash('sha256').update(down.bytes).digest('hex')).toBe(file.sha256);
  });
});
