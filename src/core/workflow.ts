/**
 * The states, grades and requests of a target form's review (财预〔2015〕88号 arts. 25–26). The
 * workflow itself is the target kinds' definition (`src/kinds/shared/targetForms.ts`), run by the one
 * engine (`src/kinds/workflow.ts`).
 */

/** Where a declaration is in its yearly cycle. */
export type DeclarationState = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

/** The review grades of 88号 art. 25. */
export type ReviewGrade = '优' | '良' | '中' | '差';

export const REVIEW_GRADES: readonly ReviewGrade[] = ['优', '良', '中', '差'];

/** What a user asks the workflow of a target form to do (src/kinds/shared/targetForms.ts decides it). */
export type TransitionRequest =
  | { readonly action: 'submit' }
  | { readonly action: 'review'; readonly grade: ReviewGrade; readonly reason?: string }
  | { readonly action: 'publish' };

export type TransitionAction = TransitionRequest['action'];

/** Chinese and English names of the states. */
export const STATE_NAMES: Record<DeclarationState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  approved: { zh: '已审核通过', en: 'approved' },
  published: { zh: '已公开', en: 'published' },
};
