import { describe, expect, it } from 'vitest';
import { columnWidth, displayWidth, fillsColumn, toSourceLines, tokenize } from './sourceText.ts';

describe('display width', () => {
  it('counts CJK and full-width forms as two columns, ASCII as one', () => {
    expect(displayWidth('网站考评分数')).toBe(12);
    expect(displayWidth('≥85分')).toBe(6); // ≥ is typeset full-width in CJK fonts
    expect(displayWidth('“广州塔景区智能化管理平台”智')).toBe(30);
    expect(displayWidth('＜5%')).toBe(4);
  });
});

describe('source lines', () => {
  it('normalises line ends, Kangxi radicals and blanks, numbering from 1', () => {
    const lines = toSourceLines('\uFEFF项⽬支出\r\n基本支出\u3000100.00\t\r');
    expect(lines).toEqual([
      { no: 1, text: '项目支出' },
      { no: 2, text: '基本支出 100.00' },
      { no: 3, text: '' },
    ]);
    expect(tokenize(lines[1] as (typeof lines)[number]).map((t) => [t.text, t.start])).toEqual([
      ['基本支出', 0],
      ['100.00', 5],
    ]);
  });
});

describe('column width', () => {
  it('is the most frequent width among the widest lines, robust to a few half-width characters', () => {
    expect(columnWidth([54, 54, 55, 52, 26, 54, 48, 55, 54, 12], 0)).toBe(54);
    expect(columnWidth([], 44)).toBe(44);
    expect(fillsColumn(52, 54)).toBe(true);
    expect(fillsColumn(48, 54)).toBe(false);
  });
});
