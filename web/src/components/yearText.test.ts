import { describe, expect, it } from 'vitest';
import { readYear } from './yearText.ts';

describe('a year as typed or as written in an address', () => {
  it('reads a year as typed, full-width digits too', () => {
    expect(readYear('2026')).toEqual({ ok: true, year: 2026 });
    expect(readYear(' ２０２５ ')).toEqual({ ok: true, year: 2025 });
  });

  it('says a year out of range is out of range, rather than changing it to the nearest', () => {
    expect(readYear('1999')).toEqual({ ok: false, problem: { zh: '年度须在 2000–2100 之间，1999 不在其中', en: 'a year is between 2000 and 2100; 1999 is not' } });
    expect(readYear('20255')).toMatchObject({ ok: false, problem: { en: 'a year is between 2000 and 2100; 20255 is not' } });
  });

  it('says text that is no year is not one, and an empty box that it needs one', () => {
    expect(readYear('abc')).toEqual({ ok: false, problem: { zh: '“abc”不是年度，请填写如 2025 的四位数', en: '"abc" is not a year; give four digits such as 2025' } });
    expect(readYear('2025.5')).toMatchObject({ ok: false });
    expect(readYear('-2025')).toMatchObject({ ok: false });
    expect(readYear('  ')).toEqual({ ok: false, problem: { zh: '请填写年度', en: 'give a year' } });
  });
});
