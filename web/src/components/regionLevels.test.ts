import { describe, expect, it } from 'vitest';
import { childLevel } from './regionLevels.ts';

describe('a new region’s level', () => {
  it('is the one below its parent’s', () => {
    expect(childLevel(null)).toBe('province');
    expect(childLevel('city')).toBe('district');
    expect(childLevel('district')).toBe('county');
    expect(childLevel('county')).toBe('county');
  });
});
