/**
 * The workflow of a self-evaluation: the department fills and submits it; the finance bureau returns
 * it (with a reason) or accepts it; the department publishes it with its final accounts (决算公开).
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted ──publish──▶ published
 *     ▲                  │
 *     └── returned ◀──return (reason required)
 *            └──submit──▶ submitted
 */

export type EvaluationState = 'draft' | 'submitted' | 'returned' | 'accepted' | 'published';
export const EVALUATION_STATES: readonly EvaluationState[] = ['draft', 'submitted', 'returned', 'accepted', 'published'];

export const EVALUATION_STATE_NAMES: Record<EvaluationState, { zh: string; en: string }> = {
  draft: { zh: '填报中', en: 'being filled in' },
  submitted: { zh: '已提交', en: 'submitted' },
  returned: { zh: '已退回', en: 'returned' },
  accepted: { zh: '已审核', en: 'accepted' },
  published: { zh: '已公开', en: 'published' },
};

export type EvaluationRequest = { readonly action: 'submit' } | { readonly action: 'return'; readonly reason: string } | { readonly action: 'accept' } | { readonly action: 'publish' };
export type EvaluationAction = EvaluationRequest['action'];
