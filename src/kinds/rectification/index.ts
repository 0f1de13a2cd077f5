/**
 * 整改台账: one problem a department must fix, opened by the finance bureau from where it was found
 * (a returned form's opinion, a monitoring report's rectification advice, an assessment's or a
 * sampling review's finding) or by hand. The department answers with what it did and the files that
 * show it; the bureau accepts the fix or reopens the item with a reason.
 *
 *   open ──report (answer and every required file)──▶ reported ──accept──▶ accepted
 *                                                       │   ▲
 *                                        reopen (reason)▼   │report
 *                                                    reopened
 */
import { missingEvidence, type Rectification } from '../../core/rectification/rectification.ts';
import type { Finding } from '../../core/rules/finding.ts';
import { rectificationSchema } from '../../format/rectificationSchema.ts';
import { defineKind, EMPTY_SUMMARY } from '../kindDefinition.ts';
import type { WorkflowDefinition } from '../workflow.ts';

const NOUN = { zh: '整改事项', en: 'rectification item' };

export const RECTIFICATION_WORKFLOW: WorkflowDefinition<Rectification> = {
  noun: NOUN,
  initial: 'open',
  states: {
    open: { names: { zh: '待整改', en: 'open' }, editable: true },
    reported: { names: { zh: '已报整改情况', en: 'reported' }, editable: false },
    accepted: { names: { zh: '整改已验收', en: 'accepted' }, editable: false },
    reopened: { names: { zh: '整改未通过', en: 'reopened' }, editable: true },
  },
  transitions: [
    {
      action: 'report',
      names: { verb: { zh: '报送整改情况', en: 'report' }, done: { zh: '已报送整改情况', en: 'reported' } },
      from: ['open', 'reopened'],
      to: 'reported',
      by: ['department'],
      stamp: 'submitted',
      guard: ({ content }) => {
        if (content.response.text.trim() === '') return { status: 422, code: 'response-required', message: { zh: '报送前须填写整改情况', en: 'write what was done before reporting' }, fields: [{ field: 'content.response.text', message: 'required' }] };
        const missing = missingEvidence(content);
        return missing.length === 0 ? null : { status: 422, code: 'evidence-required', message: { zh: `还缺佐证材料：${missing.join('、')}`, en: `evidence still missing: ${missing.join(', ')}` }, fields: [{ field: 'content.response.files', message: 'missing' }], details: { missing } };
      },
      notification: 'rectification-reported',
      notificationBody: (_request, { content }) => content.response.text.trim().slice(0, 500),
    },
    {
      action: 'accept',
      names: { verb: { zh: '验收通过', en: 'accept' }, done: { zh: '整改已验收', en: 'accepted' } },
      from: ['reported'],
      to: 'accepted',
      by: ['oversight'],
      stamp: 'decided',
      notification: 'rectification-accepted',
    },
    {
      action: 'reopen',
      names: { verb: { zh: '退回重新整改', en: 'reopen' }, done: { zh: '已退回重新整改', en: 'reopened' } },
      from: ['reported'],
      to: 'reopened',
      by: ['oversight'],
      stamp: 'decided',
      reasonRequired: true,
      reasonMessage: { zh: '退回重新整改须写明理由', en: 'reopening an item needs a reason' },
      reasonComment: () => '【整改未通过】',
      notification: 'rectification-reopened',
    },
  ],
};

export const rectificationKind = defineKind<Rectification, Record<string, never>>({
  kind: 'rectification',
  names: { full: { zh: '整改事项', en: 'Rectification item' }, short: { zh: '整改事项', en: 'rectification item' } },
  auditEntity: 'rectification',
  auditAction: (verb) => `rectification.${verb}`,
  commentNotification: 'rectification-comment',
  pagePath: (id) => `/rectifications/${id}`,
  schema: rectificationSchema,
  workflow: RECTIFICATION_WORKFLOW,
  adminMayCreate: false,
  creators: ['oversight'],
  editors: ['oversight', 'department'],
  deletable: false,
  autosave: true,
  settings: () => ({}),
  normalise: (content) => ({ ...content, title: content.title.trim(), evidenceRequired: [...new Set(content.evidenceRequired.map((e) => e.trim()))], projectName: content.projectName?.trim() || null }),
  // The bureau writes the item; the department writes its answer. Files come and go through the file service only.
  lock: (incoming, stored, viewer) =>
    viewer.parties.has('oversight') ? { ...incoming, response: stored.response } : { ...stored, response: { text: incoming.response.text, files: stored.response.files } },
  check: (content) => {
    const findings: Finding[] = [];
    if (content.title === '') findings.push({ rule: 'rectification-title', severity: 'error', path: '/title', message: { zh: '须写明整改问题', en: 'name the problem' } });
    if (content.source.type !== 'manual' && content.source.documentId === null) findings.push({ rule: 'rectification-source', severity: 'error', path: '/source/documentId', message: { zh: '须关联发现问题的文件', en: 'link the document the problem was found in' } });
    for (const item of missingEvidence(content)) findings.push({ rule: 'rectification-evidence', severity: 'warning', path: '/response/files', message: { zh: `尚未上传佐证材料：${item}`, en: `evidence not uploaded yet: ${item}` } });
    return { content, findings };
  },
  summarize: (content, _findings, place) => ({
    ...EMPTY_SUMMARY,
    title: content.title,
    subjectName: content.projectName,
    searchText: [place.departmentName, content.title, content.problem, content.projectName ?? ''].join('\n'),
    facts: { deadline: content.deadline, source: content.source, files: content.response.files.length, required: content.evidenceRequired.length },
  }),
  subject: (place, summary) => (summary.subjectName ? { zh: `${place.departmentName}「${summary.subjectName}」`, en: `${place.departmentName} "${summary.subjectName}"` } : { zh: place.departmentName, en: place.departmentName }),
  files: {
    mayUpload: (parties) => parties.has('department'),
    added: (content, file) => ({ ...content, response: { ...content.response, files: [...content.response.files, { item: file.item, file: file.id, name: file.name }] } }),
    removed: (content, fileId) => (content.response.files.some((f) => f.file === fileId) ? { ...content, response: { ...content.response, files: content.response.files.filter((f) => f.file !== fileId) } } : content),
  },
  empty: (place) => ({ kind: 'rectification', title: '', problem: '', source: { type: 'manual', documentId: null, documentKind: null, ref: null }, projectName: null, deadline: `${place.year}-12-31`, requirement: '', evidenceRequired: [], response: { text: '', files: [] } }),
});
