import type { DeclarationState } from '../../../src/core/workflow.ts';

/** Who takes a target form's next step, when the reader cannot: said so nobody waits for a button that is not theirs. */
export function nextStepBy(state: DeclarationState, allowedActions: readonly string[]): { zh: string; en: string } | null {
  switch (state) {
    case 'draft':
    case 'returned':
      return allowedActions.includes('submit') ? null : { zh: '由本部门审批人（部门负责人）提交审核', en: "the department's approver submits it for review" };
    case 'submitted':
      return allowedActions.includes('review') ? null : { zh: '等待财政部门审核', en: 'waiting for the finance bureau’s review' };
    case 'approved':
      return allowedActions.includes('publish') ? null : { zh: '由本部门审批人（部门负责人）公开', en: "the department's approver publishes it" };
    case 'published':
      return null;
  }
}
