/**
 * 项目支出绩效目标申报表: one project's header, funds, period and annual goals and indicators. Any number
 * per department and year, one per project name; linked to a row of the department form.
 */
import { DOCUMENT_KIND_NAMES } from '../../core/document.ts';
import { emptyProjectTarget, type ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { projectTargetSchema } from '../../format/projectTargetSchema.ts';
import { officialLayout } from '../../layout/officialLayout.ts';
import { defineKind } from '../kindDefinition.ts';
import { checkTarget, normaliseTarget, summarizeTarget, TARGET_WORKFLOW, targetSettings } from '../shared/targetForms.ts';
import type { WorkflowDefinition } from '../workflow.ts';

export const projectTargetKind = defineKind({
  kind: 'project-target',
  names: { full: DOCUMENT_KIND_NAMES['project-target'], short: { zh: '申报表', en: 'form' } },
  auditEntity: 'declaration',
  auditAction: (verb) => (verb === 'comment' ? 'comment.create' : `declaration.${verb}`),
  commentNotification: 'declaration-comment',
  pagePath: (id) => `/declarations/${id}`,
  schema: projectTargetSchema,
  workflow: TARGET_WORKFLOW as WorkflowDefinition<ProjectTargetDeclaration>,
  adminMayCreate: true,
  deletable: true,
  autosave: true,
  settings: targetSettings,
  normalise: normaliseTarget,
  check: checkTarget,
  summarize: summarizeTarget,
  subject: (place, summary) => `${place.departmentName} ${place.year}年「${summary.subjectName ?? '项目'}」项目绩效目标`,
  layout: officialLayout,
  empty: (place) => emptyProjectTarget(place.departmentName, place.year),
  relations: ['target-links', 'ex-ante'],
  dashboard: true,
  teachesLibrary: true,
});
