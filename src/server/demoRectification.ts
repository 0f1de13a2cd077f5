/**
 * The demo district's rectification ledger and disclosure (issue 26, item 8): eight items in Haizhu —
 * from monitoring reports accepted with advice, a concluded assessment's finding (a sampling review's
 * too, once one is concluded), a returned form's opinion, and by hand — in every state (two open past their deadline, one open, two
 * reported, one with its proof uploaded, two accepted, one reopened); the region's 2025 budget approved
 * on 20 January, so its unpublished project forms are late, one of them with its 非公开原因.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../core/policy.ts';
import { addDays, type Rectification, type RectificationSource } from '../core/rectification/rectification.ts';
import type { Database } from '../store/schema.ts';
import { recordReason } from './services/disclosure.ts';
import { loadDocument, saveDocumentVersion, transitionDocument, updateDocument } from './services/documents.ts';
import { updateRegion } from './services/organisations.ts';
import { openRectification } from './services/rectifications.ts';

const PROOF = Buffer.from('%PDF-1.4\n% 演示：整改报告 (demo: rectification report)\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** The department's editor and approver, as actors. */
async function departmentActors(trx: Transaction<Database>, departmentId: string): Promise<{ editor: Actor; approver: Actor } | null> {
  const users = await trx.selectFrom('users').select(['id', 'role']).where('department_id', '=', departmentId).where('role', 'in', ['editor', 'approver']).execute();
  const editor = users.find((u) => u.role === 'editor');
  const approver = users.find((u) => u.role === 'approver');
  if (!editor || !approver) return null;
  return { editor: { id: editor.id, role: 'editor', departmentId, regionId: null }, approver: { id: approver.id, role: 'approver', departmentId, regionId: null } };
}

/** Writes the department's answer, and its proof as a stored file (as the upload route stores one), then reports. */
async function answer(trx: Transaction<Database>, id: string, actors: { editor: Actor; approver: Actor }, text: string, withFile: boolean): Promise<void> {
  const row = await trx.selectFrom('documents').select('current_version').where('id', '=', id).executeTakeFirstOrThrow();
  const stored = (await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow()).content as Rectification;
  const answered: Rectification = { ...stored, response: { ...stored.response, text } };
  await updateDocument(trx, actors.editor, id, { baseVersion: row.current_version, content: answered, note: '演示数据：整改情况 (demo: the answer)' });
  if (withFile) {
    const fileId = randomUUID();
    const now = new Date().toISOString();
    await trx.insertInto('assessment_files').values({ id: fileId, document_id: id, criterion: null, item: '整改报告', name: '整改报告.pdf', content_type: 'application/pdf', size: PROOF.length, sha256: null, complete: true, uploaded_by: actors.editor.id, uploaded_at: now }).execute();
    await trx.insertInto('assessment_file_chunks').values({ file_id: fileId, seq: 0, data: PROOF }).execute();
    const loaded = await loadDocument(trx, id);
    const content = (await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', loaded.row.current_version).executeTakeFirstOrThrow()).content as Rectification;
    const files = loaded.kind.files;
    if (files) await saveDocumentVersion(trx, { loaded, version: loaded.row.current_version + 1, content: files.added(content, { id: fileId, item: '整改报告', criterion: null, name: '整改报告.pdf' }), authorId: actors.editor.id, note: '上传佐证材料：整改报告（整改报告.pdf）', verb: 'evidence', fromVersion: loaded.row.current_version });
  }
  await transitionDocument(trx, actors.approver, id, { action: 'report' });
}

/** Adds the ledger and the disclosure example to the demo district. */
export async function seedDemoRectification(trx: Transaction<Database>, options: { haizhu: string; reviewer: Actor }): Promise<void> {
  const { haizhu, reviewer } = options;
  const today = new Date().toISOString().slice(0, 10);
  const inHaizhu = (kind: string) => trx.selectFrom('documents').innerJoin('departments', 'departments.id', 'documents.department_id').select(['documents.id', 'documents.department_id', 'documents.year']).where('departments.region_id', '=', haizhu).where('documents.kind', '=', kind).orderBy('documents.id');
  const reports = await inHaizhu('monitoring-report').where('documents.state', '=', 'accepted').where('documents.flag', '=', true).limit(2).execute();
  const assessments = await inHaizhu('assessment').where('documents.state', 'in', ['concluded', 'released']).select(['documents.current_version']).execute();
  const withFindings: Array<{ id: string; type: RectificationSource }> = [];
  for (const a of assessments) {
    const content = (await trx.selectFrom('document_versions').select('content').where('document_id', '=', a.id).where('version', '=', a.current_version).executeTakeFirstOrThrow()).content as { purpose: string; findings: unknown[] };
    const type: RectificationSource = content.purpose === 'sampling-review' ? 'sampling-review' : 'assessment';
    if (content.findings.length > 0 && !withFindings.some((w) => w.type === type)) withFindings.push({ id: a.id, type });
  }
  const returned = await inHaizhu('project-target').innerJoin('document_reviews', 'document_reviews.document_id', 'documents.id').where('document_reviews.outcome', '=', 'returned').where('document_reviews.opinion', 'is not', null).limit(1).execute();
  const departments = await trx.selectFrom('departments').select('id').where('region_id', '=', haizhu).where('archived_at', 'is', null).orderBy('name').execute();

  const sources: Array<{ type: RectificationSource; documentId?: string; departmentId?: string; title?: string }> = [
    ...reports.map((r) => ({ type: 'monitoring-report' as const, documentId: r.id })),
    ...withFindings.map((w) => ({ type: w.type, documentId: w.id })),
    ...returned.map((r) => ({ type: 'target-return' as const, documentId: r.id })),
  ];
  const manual = ['政府采购执行不规范，部分项目未按计划采购', '绩效目标未细化量化，部分指标无目标值', '专项资金结余较大，未及时收回统筹', '项目库储备不足，前期论证不充分', '固定资产管理不规范，账实不符', '绩效自评结果与抽评结果偏差较大'];
  for (let i = 0; sources.length < 8; i++) sources.push({ type: 'manual', departmentId: departments[(i * 3) % departments.length]?.id ?? '', title: manual[i % manual.length] ?? '' });

  // States by position: two overdue, one open, two reported (one with proof), two accepted, one reopened.
  const plan = [
    { deadline: '2025-09-30', steps: [] as string[] },
    { deadline: '2025-10-31', steps: [] },
    { deadline: addDays(today, 90), steps: [] },
    { deadline: addDays(today, 60), steps: ['report-file'] },
    { deadline: addDays(today, 60), steps: ['report'] },
    { deadline: '2025-10-31', steps: ['report-file', 'accept'] },
    { deadline: '2025-11-30', steps: ['report', 'accept'] },
    { deadline: addDays(today, 30), steps: ['report', 'reopen'] },
  ];
  for (const [i, source] of sources.slice(0, 8).entries()) {
    const step = plan[i] ?? { deadline: addDays(today, 30), steps: [] };
    const id = await openRectification(trx, reviewer, {
      source: { type: source.type, documentId: source.documentId },
      departmentId: source.departmentId,
      year: source.type === 'manual' ? 2025 : undefined,
      title: source.title,
      deadline: step.deadline,
      requirement: '按期完成整改，报送整改报告及相关制度文件。',
      evidenceRequired: step.steps.includes('report-file') ? ['整改报告'] : [],
    });
    if (step.steps.length === 0) continue;
    const departmentId = (await trx.selectFrom('documents').select('department_id').where('id', '=', id).executeTakeFirstOrThrow()).department_id;
    const actors = await departmentActors(trx, departmentId);
    if (!actors) continue;
    await answer(trx, id, actors, '已制定整改方案，调整支出计划并完善内部管理制度，相关问题已整改到位。', step.steps.includes('report-file'));
    if (step.steps.includes('accept')) await transitionDocument(trx, reviewer, id, { action: 'accept' });
    if (step.steps.includes('reopen')) await transitionDocument(trx, reviewer, id, { action: 'reopen', reason: '整改报告未附资金调整的批复文件，请补充。' });
  }

  // Disclosure: the 2025 budget approved on 20 January; one late project form with its reason.
  await updateRegion(trx, 'system', haizhu, { settings: { disclosure: { days: 20, goalPercent: 80, years: { '2025': { budgetApproved: '2025-01-20', accountsApproved: null } } } } });
  const late = await inHaizhu('project-target').where('documents.year', '=', 2025).where('documents.state', '=', 'approved').limit(1).execute();
  const form = late[0];
  if (form) {
    const actors = await departmentActors(trx, form.department_id);
    if (actors) await recordReason(trx, actors.editor, form.id, '项目涉及网络安全设施部署细节，经保密审查暂不公开，待脱密后公开。');
  }
}
