/**
 * 评估评价: the finance bureau's assessment of a subject — an ex-ante assessment of a project or a
 * policy, a key evaluation, a department-wide evaluation, a sampling review of a self-evaluation —
 * on a weighted tree of criteria, scored by a panel (experts, agencies, the bureau) beside the
 * department's self-score, with evidence, findings and a conclusion (domain-evaluation.md §1–§4).
 *
 *   draft ──start──▶ scoring ──conclude──▶ concluded ──release──▶ released
 *                       ▲                      │                     │
 *                       └──────reopen (reason)─┴─────────────────────┘
 *
 * Opened by the bureau's reviewers (or by a department, for its own projects); the panel is assigned
 * through the document's assignments; each scorer changes only their own scores; the department sees
 * the conclusion, and the panel's scores once the bureau releases them.
 */
import { DECISION_NAMES, PURPOSE_NAMES, isExAnte, type Assessment, type AssessmentSettings, type MeasureValue } from '../../core/assessment/assessment.ts';
import { assessmentFindings, scoreAssessment } from '../../core/assessment/scoring.ts';
import { assessmentSchema } from '../../format/assessmentSchema.ts';
import { assessmentSettingsOf } from '../../format/assessmentSettingsSchema.ts';
import { defineKind, EMPTY_SUMMARY } from '../kindDefinition.ts';
import type { Refusal, WorkflowDefinition } from '../workflow.ts';
import { DECIDED_STATES, lockAssessment, redactAssessment, refuseAssessmentEdit } from './access.ts';
import { assessmentLayout } from './layout.ts';

const errorsOf = (findings: ReadonlyArray<{ severity: string; message: { zh: string; en: string }; path: string }>, code: string, what: { zh: string; en: string }): Refusal | null => {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return null;
  return {
    status: 422,
    code,
    message: { zh: `${what.zh}：还有 ${errors.length} 处须处理：${errors.slice(0, 3).map((f) => f.message.zh).join('；')}`, en: `${what.en}: ${errors.length} things to fix: ${errors.slice(0, 3).map((f) => f.message.en).join('; ')}` },
    fields: errors.slice(0, 20).map((f) => ({ field: `content${f.path.replaceAll('/', '.')}`, message: f.message.en })),
  };
};

export const ASSESSMENT_WORKFLOW: WorkflowDefinition<Assessment> = {
  noun: { zh: '评估评价', en: 'assessment' },
  initial: 'draft',
  states: {
    draft: { names: { zh: '草拟', en: 'draft' }, editable: true },
    scoring: { names: { zh: '评分中', en: 'scoring' }, editable: true },
    concluded: { names: { zh: '已出结论', en: 'concluded' }, editable: false },
    released: { names: { zh: '已发布评分', en: 'scores released' }, editable: false },
  },
  transitions: [
    {
      action: 'start',
      names: { verb: { zh: '开始评分', en: 'start scoring' }, done: { zh: '开始评分', en: 'opened for scoring' } },
      from: ['draft'],
      to: 'scoring',
      by: ['oversight'],
      guard: ({ findings }) => errorsOf(findings, 'assessment-incomplete', { zh: '评分表有误，不能开始评分', en: 'the sheet cannot be scored yet' }),
      notification: 'assessment-started',
      notificationBody: () => '请按佐证材料清单上传材料，并回复评审提出的问题。',
    },
    {
      action: 'conclude',
      names: { verb: { zh: '出具结论', en: 'conclude' }, done: { zh: '已出结论', en: 'concluded' } },
      from: ['scoring'],
      to: 'concluded',
      by: ['oversight'],
      stamp: 'decided',
      guard: ({ content, findings }) => {
        const result = content.result;
        if (!result?.complete) {
          const open = (result?.criteria ?? []).filter((c) => c.leaf && c.score === null).map((c) => c.name);
          return { status: 422, code: 'assessment-incomplete', message: { zh: `还有 ${open.length} 项指标未评分：${open.slice(0, 5).join('、')}`, en: `${open.length} criteria are not scored yet: ${open.slice(0, 5).join(', ')}` }, fields: [{ field: 'content.scores', message: 'incomplete' }] };
        }
        if (isExAnte(content.purpose) && content.conclusion.decision === null) {
          return { status: 422, code: 'decision-required', message: { zh: '事前绩效评估须给出结论：予以支持、调整后予以支持或不予支持', en: 'an ex-ante assessment needs a decision: support, support after adjustment, or reject' }, fields: [{ field: 'content.conclusion.decision', message: 'required' }] };
        }
        return errorsOf(findings, 'assessment-incomplete', { zh: '评估评价不能出具结论', en: 'the assessment cannot be concluded' });
      },
      // The grade is written into the conclusion as scored; the version is what the department reads.
      revise: ({ content }) => ({ content: { ...content, conclusion: { ...content.conclusion, grade: content.conclusion.grade ?? content.result?.grade ?? null } }, note: '出具结论 (concluded)', verb: 'conclusion' }),
      notification: 'assessment-concluded',
      notificationBody: (_request, { content }) => [content.result?.total ? `总分 ${content.result.total}（${content.result.grade ?? ''}）` : '', content.conclusion.decision ? DECISION_NAMES[content.conclusion.decision].zh : '', content.conclusion.cut ? `核减 ${content.conclusion.cut} 万元` : ''].filter(Boolean).join('，'),
    },
    {
      action: 'release',
      names: { verb: { zh: '发布评分', en: 'release the scores' }, done: { zh: '已发布评分', en: 'released' } },
      from: ['concluded'],
      to: 'released',
      by: ['oversight'],
      notification: 'assessment-released',
    },
    {
      action: 'reopen',
      names: { verb: { zh: '重新评分', en: 'reopen' }, done: { zh: '已重新打开', en: 'reopened' } },
      from: ['concluded', 'released'],
      to: 'scoring',
      by: ['oversight'],
      reasonRequired: true,
      reasonMessage: { zh: '重新评分须写明理由', en: 'reopening an assessment needs a reason' },
      reasonComment: () => '【重新评分】',
      revise: ({ content }) => ({ content, note: '重新评分 (reopened)', verb: 'reopened' }),
      notification: 'assessment-reopened',
    },
  ],
};

export const assessmentKind = defineKind<Assessment, AssessmentSettings>({
  kind: 'assessment',
  names: { full: { zh: '评估评价', en: 'Assessment' }, short: { zh: '评估评价', en: 'assessment' } },
  auditEntity: 'assessment',
  auditAction: (verb) => `assessment.${verb}`,
  commentNotification: 'assessment-comment',
  pagePath: (id) => `/assessments/${id}`,
  schema: assessmentSchema,
  workflow: ASSESSMENT_WORKFLOW,
  adminMayCreate: false,
  creators: ['oversight', 'department'],
  editors: ['oversight', 'assignee', 'department'],
  assigns: true,
  assigners: ['oversight'],
  deletable: false,
  autosave: true,
  settings: (regionSettings) => assessmentSettingsOf(regionSettings).settings,
  normalise: (content, place) => ({ ...content, year: content.year ?? place.year, subject: { ...content.subject, department: content.subject.department ?? place.departmentName } }),
  lock: lockAssessment,
  refuseEdit: refuseAssessmentEdit,
  redact: redactAssessment,
  check: (content, { settings, related }) => {
    // Figures Jixiao holds (execution rates, the department's ratios) replace typed ones.
    const held = (related.data ?? {}) as Record<string, MeasureValue>;
    const withData: Assessment = { ...content, data: { ...content.data, ...held } };
    const result = scoreAssessment(withData, settings);
    const stored: Assessment = { ...withData, result };
    return { content: stored, findings: assessmentFindings(stored, result) };
  },
  summarize: (content, _findings, place) => {
    const decided = DECIDED_STATES.has(place.state);
    const { conclusion } = content;
    return {
      ...EMPTY_SUMMARY,
      title: content.title,
      subjectName: content.subject.name || null,
      searchText: [place.departmentName, content.title, content.subject.name, content.template.name, PURPOSE_NAMES[content.purpose].zh].join('\n'),
      amount: content.subject.amount,
      // The panel's score is the department's to see once concluded.
      score: decided ? (content.result?.total ?? null) : null,
      grade: decided ? (conclusion.grade ?? content.result?.grade ?? null) : null,
      flag: decided && conclusion.decision === 'reject',
      facts: {
        purpose: content.purpose,
        subject: { kind: content.subject.kind, id: content.subject.id },
        template: content.template.name,
        scorers: content.scorers.filter((s) => s.role !== 'self').length,
        ...(decided ? { decision: conclusion.decision, supported: conclusion.supported, cut: conclusion.cut } : {}),
      },
    };
  },
  subject: (place, summary) => (summary.subjectName ? { zh: `${place.departmentName}「${summary.subjectName}」`, en: `${place.departmentName} "${summary.subjectName}"` } : { zh: place.departmentName, en: place.departmentName }),
  layout: assessmentLayout,
  relations: ['assessment-data'],
  files: {
    // The department, the bureau, and an assigned agency (its working papers); an expert scores only.
    mayUpload: (parties, role) => parties.has('department') || parties.has('oversight') || (parties.has('assignee') && role === 'agency'),
    added: (content, file) => {
      const at = content.evidence.findIndex((e) => e.name === file.item && e.criterion === file.criterion && (e.file === null || e.status === 'missing' || e.status === 'rejected'));
      const evidence = at >= 0 ? content.evidence.map((e, i) => (i === at ? { ...e, status: 'received' as const, file: file.id } : e)) : [...content.evidence, { criterion: file.criterion, name: file.item, status: 'received' as const, file: file.id }];
      return { ...content, evidence };
    },
    removed: (content, fileId) => (content.evidence.some((e) => e.file === fileId) ? { ...content, evidence: content.evidence.map((e) => (e.file === fileId ? { ...e, status: 'missing' as const, file: null } : e)) } : content),
  },
});
