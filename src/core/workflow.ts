/**
 * The review workflow of a declaration (财预〔2015〕88号 arts. 25–26): drafted and submitted by the
 * department, graded by the finance bureau (优/良 approve, 中/差 return it for revision), published.
 *
 *   draft ──submit──▶ submitted ──review 优/良──▶ approved ──publish──▶ published
 *     ▲                  │
 *     └── returned ◀─review 中/差 (reason required)
 *            └──submit──▶ submitted
 */

/** Where a declaration is in its yearly cycle. */
export type DeclarationState = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

/** The review grades of 88号 art. 25. */
export type ReviewGrade = '优' | '良' | '中' | '差';

export const REVIEW_GRADES: readonly ReviewGrade[] = ['优', '良', '中', '差'];

/** What a user asks the workflow to do. */
export type TransitionRequest =
  | { readonly action: 'submit' }
  | { readonly action: 'review'; readonly grade: ReviewGrade; readonly reason?: string }
  | { readonly action: 'publish' };

export type TransitionAction = TransitionRequest['action'];

/** Why a transition is refused. */
export type TransitionRefusal = 'wrong-state' | 'reason-required';

/** Chinese and English names of the states. */
export const STATE_NAMES: Record<DeclarationState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  submitted: { zh: '已提交', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  approved: { zh: '已审核通过', en: 'approved' },
  published: { zh: '已公开', en: 'published' },
};

/** The state a request leads to from a state, or why it cannot be done. Pure: the policy decides who. */
export function transition(state: DeclarationState, request: TransitionRequest): { ok: true; state: DeclarationState } | { ok: false; refusal: TransitionRefusal } {
  switch (request.action) {
    case 'submit':
      return state === 'draft' || state === 'returned' ? { ok: true, state: 'submitted' } : { ok: false, refusal: 'wrong-state' };
    case 'review': {
      if (state !== 'submitted') return { ok: false, refusal: 'wrong-state' };
      const passes = request.grade === '优' || request.grade === '良';
      // 中 and 差 send the form back; the department must know why (88号 art. 26, domain.md V2).
      if (!passes && !request.reason?.trim()) return { ok: false, refusal: 'reason-required' };
      return { ok: true, state: passes ? 'approved' : 'returned' };
    }
    case 'publish':
      return state === 'approved' ? { ok: true, state: 'published' } : { ok: false, refusal: 'wrong-state' };
  }
}

/** True when the content may be edited in this state (drafts and returned forms only). */
export function isEditable(state: DeclarationState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The actions that can follow a state, for offering buttons. */
export function actionsFrom(state: DeclarationState): TransitionAction[] {
  return (['submit', 'review', 'publish'] as const).filter((action) =>
    action === 'review' ? state === 'submitted' : transition(state, { action } as TransitionRequest).ok,
  );
}
