import { describe, expect, it } from 'vitest';
import type { Comment } from '../api/types.ts';
import { openComments } from './reviewComments.ts';

const comment = (path: string, version: number): Comment => ({ id: `${path}${version}`, path, body: 'x', author: { id: 'r', displayName: 'r', role: 'reviewer' }, version, createdAt: '', anchored: true });

describe('the comments still open', () => {
  it('are those of the review that decided the state, not of earlier rounds', () => {
    const comments = [comment('/goals/0', 2), comment('/indicators/1', 2), comment('/indicators/3', 5)];
    expect(openComments(comments, 5).map((c) => c.path)).toEqual(['/indicators/3']);
    expect(openComments(comments, null)).toHaveLength(3);
  });
});
