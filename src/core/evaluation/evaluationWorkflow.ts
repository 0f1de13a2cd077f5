/**
 * The workflow of a self-evaluation: the department fills and submits it; the finance bureau returns
 * it (with a reason) or accepts it; the department publishes it with its final accounts (决算公开).
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted ──publish──▶ published
 *     ▲                  │
 *     └── returned ◀──return (reason required)
 *            └──submit──▶ submitted
 */
import type { Finding } from '../rules/finding.ts';

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
export type EvaluationRefusal = 'wrong-state' | 'reason-required' | 'incomplete';

/** The state a request leads to, or why it cannot be done. Errors (an actual missing, a cause unexplained) stop a submission. */
export function evaluationTransition(state: EvaluationState, request: EvaluationRequest, findings: readonly Finding[]): { ok: true; state: EvaluationState } | { ok: false; refusal: EvaluationRefusal } {
  switch (request.action) {
    case 'submit':
      if (state !== 'draft' && state !== 'returned') return { ok: false, refusal: 'wrong-state' };
      return findings.some((f) => f.severity === 'error') ? { ok: false, refusal: 'incomplete' } : { ok: true, state: 'submitted' };
    case 'return':
      if (state !== 'submitted') return { ok: false, refusal: 'wrong-state' };
      return request.reason.trim() === '' ? { ok: false, refusal: 'reason-required' } : { ok: true, state: 'returned' };
    case 'accept':
      return state === 'submitted' ? { ok: true, state: 'accepted' } : { ok: false, refusal: 'wrong-state' };
    case 'publish':
      return state === 'accepted' ? { ok: true, state: 'published' } : { ok: false, refusal: 'wrong-state' };
  }
}

export function isEvaluationEditable(state: EvaluationState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The actions a state allows, for offering buttons. */
export function evaluationActionsFrom(state: EvaluationState): EvaluationAction[] {
  if (state === 'draft' || state === 'returned') return ['submit'];
  if (state === 'submitted') return ['return', 'accept'];
  if (state === 'accepted') return ['publish'];
  return [];
}
