import { describe, expect, it } from 'vitest';
import { tsqueryLiteral, tsvectorLiteral } from '../../store/searchTokens.ts';
import { searchQuery, wordsOf } from './declarationSearch.ts';

describe("the forms list's search query", () => {
  it('cuts a term of Chinese into words and looks for the bigrams of each', async () => {
    expect(await searchQuery('政务信息化建设')).toEqual({ tsquery: "'政务' & '信息' & '息化' & '建设'", substrings: [] });
    expect(await searchQuery('  信息化   运维 ')).toEqual({ tsquery: "'信息' & '息化' & '运维'", substrings: [] });
  });

  it('keeps a word of one character with its neighbour', () => {
    expect(wordsOf(['提高', '了', '效率'])).toEqual(['提高了', '效率']);
    expect(wordsOf(['的', '信息化'])).toEqual(['的信息化']);
    expect(wordsOf(['信', '局'])).toEqual(['信局']);
  });

  it('checks a term of one character, and one with letters, digits or signs, against the text', async () => {
    expect(await searchQuery('局')).toEqual({ tsquery: null, substrings: ['局'] });
    expect(await searchQuery('2025年')).toEqual({ tsquery: "'20' & '02' & '25' & '5年'", substrings: ['2025年'] });
    expect(await searchQuery('信息化 IT')).toEqual({ tsquery: "'信息' & '息化' & 'it'", substrings: ['IT'] });
  });

  it('quotes lexemes so that any character is text', () => {
    expect(tsvectorLiteral(["a'", 'b\\', 'c d'])).toBe("'a''' 'b\\\\' 'c d'");
    expect(tsqueryLiteral(["'!", ':*'])).toBe("'''!' & ':*'");
    expect(tsqueryLiteral([])).toBeNull();
  });
});
