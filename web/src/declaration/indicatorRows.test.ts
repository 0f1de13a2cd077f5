import { describe, expect, it } from 'vitest';
import { emptyDeclaration } from '../../../src/core/declaration.ts';
import { editIndicator, newIndicator } from '../editor/editing.ts';
import { indicatorRows, spans } from './indicatorRows.ts';
import { pointerLabel } from './pointerLabel.ts';

const t = (zh: string) => zh;

describe('the printed indicator table', () => {
  const form = emptyDeclaration('局', 2025);
  form.indicators = [
    editIndicator(newIndicator('产出指标', '数量指标'), 'name', '网站考评分数'),
    editIndicator(newIndicator('产出指标', '质量指标'), 'name', '设备正常使用率'),
    editIndicator(newIndicator('满意度指标', '服务对象满意度指标'), 'name', '群众满意度'),
  ];
  form.emptyLevel2 = [['产出指标', '时效指标'], ['成本指标', '经济成本指标']];

  it('places an empty group after its first-level class, or at the end when the class has no rows', () => {
    expect(indicatorRows(form).map((r) => [r.level1, r.level2, r.indicator?.name ?? null, r.index])).toEqual([
      ['产出指标', '数量指标', '网站考评分数', 0],
      ['产出指标', '质量指标', '设备正常使用率', 1],
      ['产出指标', '时效指标', null, null],
      ['满意度指标', '服务对象满意度指标', '群众满意度', 2],
      ['成本指标', '经济成本指标', null, null],
    ]);
  });

  it('merges cells of equal neighbours, as printed', () => {
    expect(spans(['产出', '产出', '产出', '满意度', '成本'])).toEqual([3, 0, 0, 1, 1]);
    expect(spans([])).toEqual([]);
  });

  it('says in words where a pointer points', () => {
    // Rows numbered as the user sees them, from 1; a parsed target named as its printed target.
    expect(pointerLabel(form, '/indicators/2/annualTarget', t)).toBe('绩效指标第 3 行「群众满意度」 · 年度指标值');
    expect(pointerLabel(form, '/indicators/2/annualTargetValue/unit', t)).toBe('绩效指标第 3 行「群众满意度」 · 年度指标值');
    expect(pointerLabel(form, '/indicators/24/name', (_zh, en) => en)).toBe('indicator row 25 · name');
    expect(pointerLabel(form, '/budget/income/fiscal', t)).toBe('部门预算 · 收入来源 · 财政拨款');
    expect(pointerLabel(form, '/goals/0', t)).toBe('目标1');
    expect(pointerLabel(form, '', t)).toBe('整张表');
  });
});
