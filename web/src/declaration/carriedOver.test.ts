import { describe, expect, it } from 'vitest';
import { carriedOverUnchanged } from './carriedOver.ts';

describe('a target carried over from last year', () => {
  it('is marked until it is edited', () => {
    expect(carriedOverUnchanged({ annualTarget: '≥95%', carriedOver: '≥95%' })).toBe(true);
    expect(carriedOverUnchanged({ annualTarget: '≥96%', carriedOver: '≥95%' })).toBe(false);
    expect(carriedOverUnchanged({ annualTarget: '≥95%' })).toBe(false);
  });
});
