import { describe, expect, it } from 'vitest';
import { indicatorRow } from '../core/rules/exampleDeclaration.ts';
import { printedIndicatorRows } from './printedRows.ts';

const row = (level1: string, level2: string) => indicatorRow(level1, level2, `${level1}${level2}`, '1');

describe('the printed indicator table', () => {
  it('prints the rows of a class together, in the order classes first appear, each row keeping its place within its class', () => {
    const indicators = [row('产出指标', '数量指标'), row('效益指标', '社会效益指标'), row('产出指标', '质量指标'), row('满意度指标', '服务对象满意度指标'), row('产出指标', '数量指标')];
    const printed = printedIndicatorRows({ indicators, emptyLevel2: [] });
    expect(printed.map((r) => r.index)).toEqual([0, 4, 2, 1, 3]);
  });

  it('leaves a table already grouped as it is, and puts empty groups after their class', () => {
    const indicators = [row('产出指标', '数量指标'), row('产出指标', '质量指标'), row('效益指标', '社会效益指标')];
    const printed = printedIndicatorRows({ indicators, emptyLevel2: [['产出指标', '时效指标']] });
    expect(printed.map((r) => [r.index, r.level2])).toEqual([[0, '数量指标'], [1, '质量指标'], [null, '时效指标'], [2, '社会效益指标']]);
  });
});
