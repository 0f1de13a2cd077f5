/** The words the assessment pages show for the kind's codes: purposes, states, decisions, roles, evidence statuses. */
import { ASSESSMENT_PURPOSES, DECISION_NAMES, EVIDENCE_STATUSES, PURPOSE_NAMES, type AssessmentPurpose, type Decision, type EvidenceStatus, type ScorerRole } from '../../../src/core/assessment/assessment.ts';
import { ASSESSMENT_WORKFLOW } from '../../../src/kinds/assessment/index.ts';

export { ASSESSMENT_PURPOSES, DECISION_NAMES, EVIDENCE_STATUSES, PURPOSE_NAMES };
export type { AssessmentPurpose, Decision, EvidenceStatus };

type Bilingual = { readonly zh: string; readonly en: string };

/** The four stages of the brief, shorter than the kind's full names: for filters and tags. */
export const PURPOSE_SHORT: Readonly<Record<AssessmentPurpose, Bilingual>> = {
  'ex-ante-project': { zh: '事前评估（项目）', en: 'Ex-ante (project)' },
  'ex-ante-policy': { zh: '事前评估（政策）', en: 'Ex-ante (policy)' },
  'key-evaluation': { zh: '重点评价', en: 'Key evaluation' },
  'department-evaluation': { zh: '部门整体评价', en: 'Department-wide' },
  'sampling-review': { zh: '抽评', en: 'Sampling review' },
};

export const ASSESSMENT_STATES = Object.keys(ASSESSMENT_WORKFLOW.states);

/** A state's name, from the kind's workflow. */
export function stateName(state: string): Bilingual {
  return ASSESSMENT_WORKFLOW.states[state]?.names ?? { zh: state, en: state };
}

/** A step's verb (开始评分, 出具结论 …), from the kind's workflow. */
export function stepName(action: string): Bilingual {
  const names = ASSESSMENT_WORKFLOW.transitions.find((s) => s.action === action)?.names.verb ?? { zh: action, en: action };
  // A button's English starts with a capital (the workflow's verbs are written to sit inside sentences).
  return { zh: names.zh, en: names.en.charAt(0).toUpperCase() + names.en.slice(1) };
}

/** Whether a step needs a reason (reopen). */
export function stepNeedsReason(action: string): boolean {
  return ASSESSMENT_WORKFLOW.transitions.find((s) => s.action === action)?.reasonRequired === true;
}

export const STATE_COLORS: Readonly<Record<string, string>> = { draft: 'default', scoring: 'processing', concluded: 'success', released: 'gold' };
export const GRADE_COLORS: Readonly<Record<string, string>> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };
export const DECISION_COLORS: Readonly<Record<Decision, string>> = { support: 'green', 'support-after-adjustment': 'orange', reject: 'red' };

export const ROLE_NAMES: Readonly<Record<ScorerRole, Bilingual>> = {
  expert: { zh: '专家', en: 'expert' },
  agency: { zh: '第三方机构', en: 'agency' },
  bureau: { zh: '财政部门', en: 'bureau' },
  self: { zh: '单位自评', en: 'self-score' },
};

export const EVIDENCE_NAMES: Readonly<Record<EvidenceStatus, Bilingual>> = {
  missing: { zh: '缺失', en: 'missing' },
  received: { zh: '已收', en: 'received' },
  accepted: { zh: '已通过', en: 'accepted' },
  rejected: { zh: '已驳回', en: 'rejected' },
};
export const EVIDENCE_COLORS: Readonly<Record<EvidenceStatus, string>> = { missing: 'red', received: 'blue', accepted: 'green', rejected: 'orange' };

/** Is the purpose an ex-ante assessment (a decision and amounts)? */
export function isExAntePurpose(purpose: string): boolean {
  return purpose === 'ex-ante-project' || purpose === 'ex-ante-policy';
}
