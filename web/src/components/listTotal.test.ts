import { describe, expect, it } from 'vitest';
import { listTotal } from './listTotal.ts';

const zh = (text: string) => text;
const en = (_zh: string, text: string) => text;
const FORMS = { zh: '份', en: 'forms' };

describe("a list's count", () => {
  it('is exact for a list counted to the end', () => {
    expect(listTotal(zh, 37, false, FORMS)).toBe('共 37 份');
    expect(listTotal(en, 1234, undefined, FORMS)).toBe('1,234 forms');
  });

  it('says "more than" for a search that found more than it counted', () => {
    expect(listTotal(zh, 1000, true, FORMS)).toBe('超过 1,000 份，可再加词缩小范围');
    expect(listTotal(en, 1000, true, FORMS)).toBe('More than 1,000 forms: add a word to narrow the search');
  });
});
