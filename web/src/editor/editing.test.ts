import { describe, expect, it } from 'vitest';
import { emptyDeclaration } from '../../../src/core/declaration.ts';
import { amountFromInput, budgetTotals, editIndicator, moveItem, newIndicator, pointerOfField, withDerivedTotal, placeInClass, groupByClass } from './editing.ts';

describe('editor operations', () => {
  it('moves, and ignores moves out of range', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });

  it('stores amounts as typed on forms exactly, and refuses what is not an amount', () => {
    expect(amountFromInput('2,507.50')).toEqual({ ok: true, amount: '2507.50', note: null });
    expect(amountFromInput(' 0.1 ')).toEqual({ ok: true, amount: '0.10', note: null });
    expect(amountFromInput('')).toEqual({ ok: true, amount: null, note: null });
    expect(amountFromInput('¥2,507.50')).toEqual({ ok: true, amount: '2507.50', note: { zh: '按 2,507.50 万元记录', en: 'taken as 2,507.50' } });
    expect(amountFromInput('-1')).toMatchObject({ ok: true, amount: '-1.00', note: { zh: '负数金额 -1.00 万元，请确认' } });
    expect(amountFromInput('12.345')).toMatchObject({ ok: true, amount: '12.345', note: { zh: '按 12.345 万元记录：超过两位小数（不足百元），请核对' } });
    expect(amountFromInput('2507。50')).toMatchObject({ ok: true, amount: '2507.50' });
    for (const [text, zh] of [
      ['12.3.4', '不是有效金额'],
      ['1e5', '不是有效金额'],
      ['2.507,50', '小数点请用'],
      ['1.0000001', '六位'],
      ['12345678901234567890123', '金额过大'],
      ['25070元', '应填 2.507'],
    ] as const) {
      const result = amountFromInput(text);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.zh).toContain(zh);
    }
  });

  it('adds amounts exactly (0.1 + 0.2 is 0.30) and keeps a derived total in step', () => {
    const content = emptyDeclaration('局', 2025);
    content.budget = { ...content.budget, basic: '0.10', project: '0.20', totalDerived: true };
    expect(budgetTotals(content).basicPlusProject).toBe('0.30');
    expect(withDerivedTotal(content).budget.total).toBe('0.30');
    content.budget.totalDerived = false;
    expect(withDerivedTotal(content).budget.total).toBeNull();
  });

  it('re-parses a target as it is typed', () => {
    const row = editIndicator(newIndicator('产出指标', '数量指标'), 'annualTarget', '≥85分');
    expect(row.annualTargetValue).toMatchObject({ kind: 'quantity', operator: '≥', value: '85', unit: '分' });
    expect(editIndicator(row, 'annualTarget', '逐步提高').annualTargetValue.kind).toBe('qualitative');
  });

  it('maps a server field name to a pointer', () => {
    expect(pointerOfField('body.content.indicators.3.annualTarget')).toBe('/indicators/3/annualTarget');
    expect(pointerOfField('body.baseVersion')).toBeNull();
  });
});

describe('a row given another class', () => {
  const row = (level1: string | null, level2: string | null, name: string) => ({ level1, level2, name });
  it('moves to the end of its class, so that the class stays one block', () => {
    const rows = [row('产出指标', '数量指标', 'a'), row('产出指标', '质量指标', 'b'), row('效益指标', '社会效益指标', 'c'), row('产出指标', '数量指标', 'moved'), row('满意度指标', '服务对象满意度指标', 'e')];
    const placed = placeInClass(rows, 3);
    expect(placed.rows.map((r) => r.name)).toEqual(['a', 'moved', 'b', 'c', 'e']);
    expect(placed.to).toBe(1);
  });

  it('joins the class’s main block, not a stray row of it further down', () => {
    const rows = [row('产出指标', '数量指标', 'a'), row('效益指标', '社会效益指标', 'moved'), row('效益指标', '社会效益指标', 'c'), row('产出指标', '数量指标', 'stray')];
    const reclassed = rows.map((r, i) => (i === 1 ? { ...r, level1: '产出指标', level2: '数量指标' } : r));
    expect(placeInClass(reclassed, 1).rows.map((r) => r.name)).toEqual(['a', 'moved', 'c', 'stray']);
  });

  it('stays where it is when it already stands with its class, or is the only one of it', () => {
    const rows = [row('产出指标', '数量指标', 'a'), row('效益指标', '社会效益指标', 'b'), row('满意度指标', '服务对象满意度指标', 'c')];
    expect(placeInClass(rows, 1)).toEqual({ rows, to: 1 });
    expect(placeInClass([...rows, row('成本指标', '经济成本指标', 'd')], 3).to).toBe(3);
  });
});

describe('grouping rows by class', () => {
  it('puts each class’s rows together, in the order classes first appear, keeping their order within', () => {
    const row = (level1: string, level2: string, name: string) => ({ ...newIndicator(level1, level2), name });
    const rows = [row('产出指标', '数量指标', 'a'), row('效益指标', '社会效益指标', 'b'), row('产出指标', '质量指标', 'c'), row('产出指标', '数量指标', 'd')];
    expect(groupByClass(rows).map((r) => r.name)).toEqual(['a', 'd', 'c', 'b']);
  });
});
