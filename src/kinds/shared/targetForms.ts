/**
 * What the two target forms (部门整体 and 项目支出绩效目标申报表) share: the review workflow of
 * 财预〔2015〕88号 arts. 25–26, the server's normalisation, the checker and the summary columns.
 *
 *   draft ──submit──▶ submitted ──review 优/良──▶ approved ──publish──▶ published
 *     ▲                  │
 *     └── returned ◀─review 中/差 (reason required)
 *            └──submit──▶ submitted
 */
import type { z } from 'zod';
import { DOCUMENT_KIND_NAMES, documentTotal, type TargetDocument } from '../../core/document.ts';
import { officialLayout } from '../../layout/officialLayout.ts';
import type { RelatedDocuments } from '../../core/rules/rule.ts';
import { goalList } from '../../core/projectTarget.ts';
import { checkDeclaration } from '../../core/rules/checkDeclaration.ts';
import { withConfig } from '../../core/rules/checkConfig.ts';
import { parseMoney } from '../../core/money.ts';
import { assessmentSettingsOf, type ExAnteSettings } from '../../format/assessmentSettingsSchema.ts';
import type { Finding } from '../../core/rules/finding.ts';
import { parseTargetValue } from '../../core/targetValue.ts';
import { REVIEW_GRADES, STATE_NAMES, type ReviewGrade } from '../../core/workflow.ts';
import { defineKind, EMPTY_SUMMARY, type AnyKind, type CheckInput, type DocumentPlace, type KindDefinition, type SummaryColumns } from '../kindDefinition.ts';
import type { Bilingual, Refusal, WorkflowDefinition } from '../workflow.ts';
import { publishStep, submitStep } from './steps.ts';

/** The region settings target forms read. */
export interface TargetSettings {
  /** Refuse to submit a form the checker finds errors in (a bureau's choice). */
  readonly blockSubmitOnErrors: boolean;
  /** The ex-ante gate on project forms: the amounts from which an assessment is required, and from which approval is blocked without one that supports it. */
  readonly exAnte: ExAnteSettings;
  /** Refuse to submit a project's form while an item of its rectification ledger from an earlier year is overdue. */
  readonly blockOnOverdueRectification: boolean;
}

export function targetSettings(regionSettings: Readonly<Record<string, unknown>>): TargetSettings {
  const rectification = regionSettings.rectification as { blockNextYear?: unknown } | undefined;
  return { blockSubmitOnErrors: regionSettings.blockSubmitOnErrors === true, exAnte: assessmentSettingsOf(regionSettings).exAnte, blockOnOverdueRectification: rectification?.blockNextYear === true };
}

/** Where the region holds them, a project's overdue rectification items of earlier years keep its form from being submitted. */
function overdueRectificationBlocks(settings: Readonly<Record<string, unknown>>, related: Readonly<Record<string, unknown>> | undefined): Refusal | null {
  const overdue = (related?.overdueRectifications ?? []) as ReadonlyArray<{ id: string; title: string; deadline: string }>;
  if (settings.blockOnOverdueRectification !== true || overdue.length === 0) return null;
  const first = overdue[0] as { id: string; title: string; deadline: string };
  return {
    status: 409,
    code: 'rectification-overdue',
    message: { zh: `本项目有 ${overdue.length} 项整改事项逾期未整改（如「${first.title}」，${first.deadline} 截止），本地区要求整改后才能提交`, en: `the project has ${overdue.length} overdue rectification items (such as "${first.title}", due ${first.deadline}); this bureau takes its form only once they are fixed` },
    fields: [{ field: 'rectification', message: 'overdue' }],
    details: { items: overdue },
  };
}

/**
 * Above the region's threshold, a project form is not approved without an ex-ante assessment that
 * supports it (the form's `exAnte`, written from the concluded assessment by every check).
 */
function exAnteBlocks(content: TargetDocument, settings: Readonly<Record<string, unknown>>): Refusal | null {
  const floor = (settings.exAnte as ExAnteSettings | undefined)?.blockApprovalFrom ?? null;
  if (content.kind !== 'project-target' || floor === null) return null;
  const total = content.funds.total === null ? null : parseMoney(content.funds.total);
  const limit = parseMoney(floor);
  if (!total?.ok || !limit.ok || total.value.units < limit.value.units) return null;
  const decision = content.exAnte?.decision ?? null;
  if (decision !== null && decision !== 'reject') return null;
  return {
    status: 409,
    code: 'ex-ante-required',
    message:
      decision === 'reject'
        ? { zh: `项目资金 ${content.funds.total} 万元，事前绩效评估结论为“不予支持”，本地区不予审核通过`, en: `the project (${content.funds.total} 万元) was rejected by its ex-ante assessment: this bureau does not approve it` }
        : { zh: `项目资金 ${content.funds.total} 万元，达到 ${floor} 万元，须经事前绩效评估予以支持后方可审核通过`, en: `the project (${content.funds.total} 万元) is at or above ${floor} 万元: it is approved only after an ex-ante assessment supports it` },
    fields: [{ field: 'content.exAnte', message: decision === 'reject' ? 'rejected' : 'required' }],
  };
}

const passes = (grade: string | undefined): boolean => grade === '优' || grade === '良';

/** The review workflow of a target form. */
export const TARGET_WORKFLOW: WorkflowDefinition<TargetDocument> = {
  noun: { zh: '申报表', en: 'form' },
  initial: 'draft',
  states: {
    draft: { names: STATE_NAMES.draft, editable: true, private: true },
    submitted: { names: STATE_NAMES.submitted, editable: false },
    returned: { names: STATE_NAMES.returned, editable: true },
    approved: { names: STATE_NAMES.approved, editable: false },
    published: { names: STATE_NAMES.published, editable: false, public: true },
  },
  transitions: [
    submitStep({
      stamp: 'submitted-first',
      guard: ({ findings, settings, related }) => {
        const errors = findings.filter((f) => f.severity === 'error').length;
        return settings.blockSubmitOnErrors === true && errors > 0
          ? { status: 409, code: 'has-errors', message: { zh: `检查发现 ${errors} 个错误，本地区要求改正后才能提交`, en: `the checker finds ${errors} errors; this bureau takes forms only without errors` }, fields: [{ field: 'content', message: 'has errors' }], details: { errors } }
          : overdueRectificationBlocks(settings, related);
      },
      notification: 'declaration-submitted',
    }),
    {
      action: 'review',
      names: { verb: { zh: '审核', en: 'review' }, done: { zh: '已审核', en: 'reviewed' } },
      from: ['submitted'],
      to: (request) => (passes(request.grade) ? 'approved' : 'returned'),
      by: ['oversight'],
      grades: REVIEW_GRADES,
      guard: ({ content, request, settings }) => (passes(request.grade) ? exAnteBlocks(content, settings) : null),
      // 中 and 差 send the form back; the department must know why (88号 art. 26, domain.md V2).
      reasonRequired: (request) => !passes(request.grade),
      reasonMessage: { zh: '评为“中”或“差”时须写明审核意见', en: 'a grade of 中 or 差 needs a written opinion' },
      review: true,
      stamp: 'decided',
      reasonComment: (request) => `【审核意见 ${request.grade ?? ''}】`,
      notification: (_request, to) => (to === 'approved' ? 'declaration-approved' : 'declaration-returned'),
      notificationBody: (request) => `【${request.grade ?? ''}】${request.reason?.trim() ?? ''}`,
    },
    publishStep('approved', { notification: 'declaration-published' }),
  ],
};

/** Is a review grade one of 88号's? */
export function isReviewGrade(value: string): value is ReviewGrade {
  return (REVIEW_GRADES as readonly string[]).includes(value);
}

/**
 * Stamps a form with its department and year, so the content always says whose it is; targets are
 * parsed again from their printed text, so a client cannot store a parse that disagrees with it.
 */
export function normaliseTarget<D extends TargetDocument>(content: D, place: Pick<DocumentPlace, 'departmentName' | 'year'>): D {
  if (content.kind === 'project-target') {
    const unitOf = (printed: string, unit: string | null) => (printed !== '' && unit && !printed.endsWith(unit) ? `${printed}${unit}` : printed);
    const indicators = content.indicators.map((i) => ({ ...i, periodTargetValue: parseTargetValue(unitOf(i.periodTarget ?? '', i.unit)), annualTargetValue: parseTargetValue(unitOf(i.annualTarget, i.unit)) }));
    return { ...content, department: content.department ?? place.departmentName, year: place.year, indicators };
  }
  const indicators = content.indicators.map((i) => ({ ...i, periodTargetValue: parseTargetValue(i.periodTarget), annualTargetValue: parseTargetValue(i.annualTarget) }));
  return { ...content, department: content.department ?? place.departmentName, year: place.year, indicators } as D;
}

/** The checker's 46 rules, read with the form's related documents. */
export function checkTarget<D extends TargetDocument>(content: D, input: CheckInput<TargetSettings>): { content: D; findings: Finding[] } {
  const related = input.related as RelatedDocuments;
  // The ex-ante conclusion is the store's (the concluded assessment), never what a save sent.
  let stored = content;
  if (content.kind === 'project-target' && related.exAnte !== undefined) {
    // Written when there is one, absent otherwise (a form without an assessment reads as it always did).
    const rest: D = { ...content };
    if ('exAnte' in rest) delete rest.exAnte;
    stored = related.exAnte === null ? rest : { ...rest, exAnte: related.exAnte };
  }
  const config = input.settings.exAnte.requiredFrom === null ? undefined : withConfig({ thresholds: { exAnteRequiredFrom: input.settings.exAnte.requiredFrom } });
  return { content: stored, findings: checkDeclaration(stored, config, undefined, related) };
}

/** Text the list's search looks in: department, goals, project and indicator names. */
export function targetSearchText(content: TargetDocument, departmentName: string): string {
  if (content.kind === 'project-target') {
    return [departmentName, content.title ?? '', content.project.name ?? '', content.project.code ?? '', content.implementer ?? '', ...goalList(content.periodGoal), ...goalList(content.annualGoal), ...content.indicators.map((i) => i.name)].join('\n');
  }
  return [departmentName, content.title ?? '', ...content.goals, ...content.projects.map((p) => p.name), ...content.indicators.map((i) => i.name)].join('\n');
}

/** The columns the forms list sorts on. */
export function summarizeTarget(content: TargetDocument, _findings: readonly Finding[], place: DocumentPlace): SummaryColumns {
  const project = content.kind === 'project-target' ? content.project : null;
  return {
    ...EMPTY_SUMMARY,
    title: content.title,
    subjectName: project?.name?.trim() || null,
    subjectCode: project?.code?.trim() || null,
    searchText: targetSearchText(content, place.departmentName),
    amount: documentTotal(content),
  };
}

/** What makes a target form's kind besides what both share: its id, names, schema, subject and blank form. */
export interface TargetKindParts<D extends TargetDocument> {
  readonly kind: D['kind'];
  readonly schema: z.ZodType<D>;
  readonly subject: (place: DocumentPlace, summary: Pick<SummaryColumns, 'subjectName'>) => Bilingual;
  readonly empty: (place: Pick<DocumentPlace, 'departmentName' | 'year'>) => D;
  /** What the store loads for the checker besides the family's links (a project form's ex-ante assessment). */
  readonly relations?: NonNullable<KindDefinition['relations']>;
}

/** A target form's kind: the review workflow, the checker, the library and the dashboards are the family's. */
export function targetKind<D extends TargetDocument>(parts: TargetKindParts<D>): AnyKind {
  return defineKind<D, TargetSettings>({
    kind: parts.kind,
    names: { full: DOCUMENT_KIND_NAMES[parts.kind], short: { zh: '申报表', en: 'form' } },
    auditEntity: 'declaration',
    auditAction: (verb) => (verb === 'comment' ? 'comment.create' : `declaration.${verb}`),
    commentNotification: 'declaration-comment',
    pagePath: (id) => `/declarations/${id}`,
    schema: parts.schema,
    workflow: TARGET_WORKFLOW as unknown as WorkflowDefinition<D>,
    adminMayCreate: true,
    deletable: true,
    autosave: true,
    settings: targetSettings,
    normalise: normaliseTarget,
    check: checkTarget,
    summarize: summarizeTarget,
    subject: parts.subject,
    layout: officialLayout,
    empty: parts.empty,
    relations: parts.relations ?? ['target-links'],
    dashboard: true,
    teachesLibrary: true,
  });
}
