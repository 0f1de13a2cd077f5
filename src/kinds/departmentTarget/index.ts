/**
 * 部门整体绩效目标申报表: a department's budget, key projects, overall goals and indicators for a year.
 * One per department and year.
 */
import { emptyDeclaration, type DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { DOCUMENT_KIND_NAMES } from '../../core/document.ts';
import { declarationSchema } from '../../format/declarationSchema.ts';
import { officialLayout } from '../../layout/officialLayout.ts';
import { defineKind } from '../kindDefinition.ts';
import { checkTarget, normaliseTarget, summarizeTarget, TARGET_WORKFLOW, targetSettings } from '../shared/targetForms.ts';
import type { WorkflowDefinition } from '../workflow.ts';

export const departmentTargetKind = defineKind({
  kind: 'department-target',
  names: { full: DOCUMENT_KIND_NAMES['department-target'], short: { zh: '申报表', en: 'form' } },
  auditEntity: 'declaration',
  auditAction: (verb) => (verb === 'comment' ? 'comment.create' : `declaration.${verb}`),
  commentNotification: 'declaration-comment',
  pagePath: (id) => `/declarations/${id}`,
  schema: declarationSchema,
  workflow: TARGET_WORKFLOW as WorkflowDefinition<DepartmentTargetDeclaration>,
  adminMayCreate: true,
  deletable: true,
  autosave: true,
  settings: targetSettings,
  normalise: normaliseTarget,
  check: checkTarget,
  summarize: summarizeTarget,
  subject: (place) => `${place.departmentName} ${place.year}年部门整体绩效目标`,
  layout: officialLayout,
  empty: (place) => emptyDeclaration(place.departmentName, place.year),
  relations: ['target-links'],
  dashboard: true,
  teachesLibrary: true,
});
