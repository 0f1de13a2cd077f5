import { describe, expect, it } from 'vitest';
import { actionsFrom, isEditable, transition, type DeclarationState } from './workflow.ts';

describe('the review workflow', () => {
  it('walks draft → submitted → returned → submitted → approved → published', () => {
    let state: DeclarationState = 'draft';
    const step = (request: Parameters<typeof transition>[1]) => {
      const result = transition(state, request);
      if (!result.ok) throw new Error(result.refusal);
      state = result.state;
      return state;
    };
    expect(step({ action: 'submit' })).toBe('submitted');
    expect(step({ action: 'review', grade: '中', reason: '指标不够量化' })).toBe('returned');
    expect(step({ action: 'submit' })).toBe('submitted');
    expect(step({ action: 'review', grade: '良' })).toBe('approved');
    expect(step({ action: 'publish' })).toBe('published');
  });

  it('sends back on 中 and 差, only with a reason', () => {
    expect(transition('submitted', { action: 'review', grade: '差' })).toEqual({ ok: false, refusal: 'reason-required' });
    expect(transition('submitted', { action: 'review', grade: '差', reason: '  ' })).toEqual({ ok: false, refusal: 'reason-required' });
    expect(transition('submitted', { action: 'review', grade: '差', reason: '目标与预算不匹配' })).toEqual({ ok: true, state: 'returned' });
    expect(transition('submitted', { action: 'review', grade: '优' })).toEqual({ ok: true, state: 'approved' });
  });

  it.each<[DeclarationState, string]>([
    ['draft', 'review'],
    ['draft', 'publish'],
    ['submitted', 'submit'],
    ['submitted', 'publish'],
    ['approved', 'submit'],
    ['published', 'submit'],
    ['published', 'publish'],
  ])('refuses from %s: %s', (state, action) => {
    const request = action === 'review' ? { action: 'review' as const, grade: '优' as const } : { action: action as 'submit' | 'publish' };
    expect(transition(state, request)).toEqual({ ok: false, refusal: 'wrong-state' });
  });

  it('allows edits in draft and returned only, and lists what can follow', () => {
    expect((['draft', 'submitted', 'returned', 'approved', 'published'] as const).filter(isEditable)).toEqual(['draft', 'returned']);
    expect(actionsFrom('draft')).toEqual(['submit']);
    expect(actionsFrom('submitted')).toEqual(['review']);
    expect(actionsFrom('approved')).toEqual(['publish']);
    expect(actionsFrom('published')).toEqual([]);
  });
});
