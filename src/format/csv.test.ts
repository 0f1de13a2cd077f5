/** CSV fields a spreadsheet cannot run as formulas, numbers kept numbers. */
import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './csv.ts';

describe('csvField', () => {
  it.each([
    ['=HYPERLINK("http://x.example/","y")', `"'=HYPERLINK(""http://x.example/"",""y"")"`],
    ['@SUM(1)', "'@SUM(1)"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝1+1', "'＝1+1"],
    ['-2.50', "'-2.50"],
  ])('defuses text a spreadsheet would run: %j', (text, written) => {
    expect(csvField(text)).toBe(written);
  });

  it('keeps numbers numbers: a number column\'s exact decimal, a JavaScript number', () => {
    expect(csvField('-2.50', 'number')).toBe('-2.50');
    expect(csvField('4417.50', 'number')).toBe('4417.50');
    expect(csvField(-3)).toBe('-3');
    // Anything else in a number column is text, and defused as text.
    expect(csvField('-2+3', 'number')).toBe("'-2+3");
    expect(csvField('=1+1', 'number')).toBe("'=1+1");
  });

  it('leaves ordinary text alone and quotes as RFC 4180 says', () => {
    expect(csvField('广州市海珠区政务服务和数据管理局')).toBe('广州市海珠区政务服务和数据管理局');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('≥95%')).toBe('≥95%');
    expect(csvField(null)).toBe('');
    expect(csvLine(['x', '-1', null, '-1'], ['text', 'text', 'text', 'number'])).toBe("x,'-1,,-1\r\n");
  });
});
