import { describe, expect, it } from 'vitest';
import { bigramsOf, indexTerms, MAX_INDEX_TERMS, searchForm } from './searchTerms.ts';

describe('search terms', () => {
  it('are the distinct bigrams of each run between white space, folded', () => {
    expect(indexTerms('政务信息化 信息化')).toEqual(['政务', '务信', '信息', '息化']);
    expect(indexTerms('ＰＭ２．５ 浓度\n达标')).toEqual(['pm', 'm2', '2.', '.5', '浓度', '达标']);
    expect(indexTerms('局 A')).toEqual([]);
  });

  it('take characters beyond the basic plane whole', () => {
    expect(bigramsOf('𠀀𠀁字')).toEqual(['𠀀𠀁', '𠀁字']);
  });

  it('fold full-width forms, compatibility ideographs and case', () => {
    expect(searchForm('ＩＴ运维⽬标')).toBe('it运维目标');
  });

  it('stop at the most a tsvector holds', () => {
    const text = Array.from({ length: 60_000 }, (_, i) => String.fromCodePoint(0x4e00 + (i % 300), 0x4e00 + Math.floor(i / 300))).join(' ');
    expect(indexTerms(text)).toHaveLength(MAX_INDEX_TERMS);
  });
});
