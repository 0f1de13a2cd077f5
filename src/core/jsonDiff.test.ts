import { describe, expect, it } from 'vitest';
import { diffJson, mergeJson, pointerExists } from './jsonDiff.ts';

describe('diffJson', () => {
  it('lists changed leaves by JSON Pointer', () => {
    const before = { year: null, budget: { basic: '2507.50' }, goals: ['a', 'b'], indicators: [{ name: 'x', 'a/b': 1 }] };
    const after = { year: 2025, budget: { basic: '2507.50' }, goals: ['a'], indicators: [{ name: 'y', 'a/b': 1 }], extra: true };
    expect(diffJson(before, after)).toEqual([
      { op: 'replace', path: '/year', from: null, to: 2025 },
      { op: 'remove', path: '/goals/1', from: 'b' },
      { op: 'replace', path: '/indicators/0/name', from: 'x', to: 'y' },
      { op: 'add', path: '/extra', to: true },
    ]);
    expect(diffJson(before, before)).toEqual([]);
  });

  it('tells whether an anchor still exists', () => {
    const data = { indicators: [{ name: 'x' }], 'a/b': { '~c': 1 } };
    expect(pointerExists(data, '/indicators/0/name')).toBe(true);
    expect(pointerExists(data, '/indicators/1/name')).toBe(false);
    expect(pointerExists(data, '/a~1b/~0c')).toBe(true);
    expect(pointerExists(data, '')).toBe(true);
  });
});

describe('mergeJson', () => {
  it('keeps the edits of both sides to different values, and mine where both changed one', () => {
    const base = { rows: [{ a: '1', b: '' }, { a: '2', b: '' }], note: '', tags: ['x'] };
    const mine = { rows: [{ a: '1', b: 'mine' }, { a: '2', b: '' }], note: 'n', tags: ['x'] };
    const theirs = { rows: [{ a: '1', b: '' }, { a: '3', b: '' }], note: 'their note', tags: ['x', 'y'] };
    expect(mergeJson(base, mine, theirs)).toEqual({ merged: { rows: [{ a: '1', b: 'mine' }, { a: '3', b: '' }], note: 'n', tags: ['x', 'y'] }, conflicts: ['/note'] });
    expect(mergeJson(base, base, base)).toEqual({ merged: base, conflicts: [] });
  });
});
