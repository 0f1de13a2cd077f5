import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTargetValue, parseTargetValue, type TargetValue } from './targetValue.ts';

const q = (operator: string | null, value: string, unit: string | null = null, extra: Partial<Extract<TargetValue, { kind: 'quantity' }>> = {}) => ({
  kind: 'quantity',
  operator,
  value,
  upper: null,
  unit,
  basis: null,
  approximate: false,
  ...extra,
});

describe('parseTargetValue: the seed targets', () => {
  it.each([
    ['≥85分', q('≥', '85', '分')],
    ['100%', q(null, '100', '%')],
    ['12', q(null, '12')],
    ['≥20', q('≥', '20')],
    ['≥4场', q('≥', '4', '场')],
    ['≥4000M', q('≥', '4000', 'M')],
    ['≥10000M', q('≥', '10000', 'M')],
    ['15%', q(null, '15', '%')],
    ['＞95%', q('>', '95', '%')],
    ['＜5%', q('<', '5', '%')],
  ])('%s', (raw, expected) => {
    expect(parseTargetValue(raw)).toEqual(expected);
  });

  it('keeps sentences as qualitative text', () => {
    expect(parseTargetValue('败诉量低于办件总量的5%')).toEqual({ kind: 'qualitative', text: '败诉量低于办件总量的5%', basis: null });
    expect(parseTargetValue('为结对帮扶的贫困村解决1-2个实际困难和问题。').kind).toBe('qualitative');
    expect(parseTargetValue('年度完成政策解读数量不少于当年区新增应解读政策数量').kind).toBe('qualitative');
  });
});

describe('parseTargetValue: every printed operator', () => {
  it.each([
    ['≧90%', '≥'],
    ['≦3天', '≤'],
    ['>=90%', '≥'],
    ['<=3天', '≤'],
    ['﹦100%', '='],
    ['＝100%', '='],
    ['=100%', '='],
    ['＞0', '>'],
    ['不低于95%', '≥'],
    ['不少于12次', '≥'],
    ['不高于5%', '≤'],
    ['不超过10个工作日', '≤'],
    ['低于5%', '<'],
    ['高于80分', '>'],
    ['超过500个', '>'],
    ['达到100%', '≥'],
    ['90%以上', '≥'],
    ['90%及以上', '≥'],
    ['5%以下', '≤'],
    ['3天以内', '≤'],
  ])('%s has operator %s', (raw, operator) => {
    const value = parseTargetValue(raw);
    expect(value.kind).toBe('quantity');
    expect(value.kind === 'quantity' && value.operator).toBe(operator);
  });

  it('reads ranges, basis tags, full-width digits and spacing', () => {
    expect(parseTargetValue('1-2个')).toEqual(q(null, '1', '个', { upper: '2' }));
    expect(parseTargetValue('≥ 85 %（计划标准）')).toEqual(q('≥', '85', '%', { basis: '计划标准' }));
    expect(parseTargetValue('≥90%(历史标准)')).toEqual(q('≥', '90', '%', { basis: '历史标准' }));
    expect(parseTargetValue('≥９５％')).toEqual(q('≥', '95', '%'));
    expect(parseTargetValue('≥1,000人次')).toEqual(q('≥', '1000', '人次'));
    expect(parseTargetValue('≥95百分比')).toEqual(q('≥', '95', '%'));
    expect(parseTargetValue('≥2次/年')).toEqual(q('≥', '2', '次/年'));
    expect(parseTargetValue('约500人')).toEqual(q(null, '500', '人', { approximate: true }));
  });

  it('reads deadlines', () => {
    expect(parseTargetValue('12月31日前')).toEqual({ kind: 'deadline', operator: '≤', year: null, month: 12, day: 31, part: null, basis: null });
    expect(parseTargetValue('2025年6月底前完成')).toMatchObject({ kind: 'deadline', year: 2025, month: 6, part: '底' });
    // The end of a year, dates with dashes or dots, and a sign or 在 before them.
    expect(parseTargetValue('2025年底前')).toMatchObject({ kind: 'deadline', operator: '≤', year: 2025, month: 12, part: '底' });
    expect(parseTargetValue('2025年度内完成')).toMatchObject({ kind: 'deadline', year: 2025, month: 12 });
    expect(parseTargetValue('2025-11-30前')).toMatchObject({ kind: 'deadline', operator: '≤', year: 2025, month: 11, day: 30 });
    expect(parseTargetValue('≤2025年12月31日')).toMatchObject({ kind: 'deadline', operator: '≤', year: 2025, month: 12, day: 31 });
    expect(parseTargetValue('在2025年6月30日前完成')).toMatchObject({ kind: 'deadline', operator: '≤', year: 2025, month: 6, day: 30 });
    expect(parseTargetValue('2025年13月1日前').kind).toBe('qualitative');
    expect(parseTargetValue('13月1日前').kind).toBe('qualitative');
  });

  it('tells placeholders and not-applicable marks apart from values', () => {
    for (const raw of ['XX', 'xx', '**', '待定', '≥XX%', '＊＊']) expect(parseTargetValue(raw).kind).toBe('placeholder');
    for (const raw of ['/', '／', '—', '——', '-', '不适用', '无', '暂无']) expect(parseTargetValue(raw).kind).toBe('not-applicable');
    expect(parseTargetValue('   ')).toEqual({ kind: 'empty' });
  });
});

describe('formatTargetValue', () => {
  it.each(['≥85分', '1-2个', '＜5%', '≥90%（历史标准）', '12月31日前'])('round-trips %s', (raw) => {
    const once = parseTargetValue(raw);
    expect(parseTargetValue(formatTargetValue(once))).toEqual(once);
  });
});

describe('totality', () => {
  it('never throws and always yields a kind', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'≥≤<>=＜＞﹦0123456789.,%-～至以上下内不低于高达到个次分XX*/—（）()计划标准 年月日前') }), (raw) => {
        expect(['quantity', 'deadline', 'qualitative', 'placeholder', 'not-applicable', 'empty']).toContain(parseTargetValue(raw).kind);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => void parseTargetValue(raw)), { numRuns: 1000 });
  });
});
