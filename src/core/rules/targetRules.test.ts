import { describe, expect, it } from 'vitest';
import { checkDeclaration } from './checkDeclaration.ts';
import { exampleDeclaration, indicatorRow } from './exampleDeclaration.ts';
import { restateComparison } from './targetRules.ts';

describe('restating a target written as a sentence', () => {
  it.each([
    ['败诉量低于办件总量的5%', { name: '败诉量占办件总量的比例', value: '＜5%' }],
    ['区政务公开工作投诉率低于5%', { name: '区政务公开工作投诉率', value: '＜5%' }],
    ['差错率不超过0.5%', { name: '差错率', value: '≤0.5%' }],
    ['为结对帮扶的贫困村解决1-2个实际困难和问题。', null],
  ])('%s', (raw, expected) => {
    expect(restateComparison(raw)).toEqual(expected);
  });
});

describe('target rules on rows a reviewer knows', () => {
  const findingsFor = (...rows: ReturnType<typeof indicatorRow>[]) => {
    const d = exampleDeclaration();
    d.indicators.push(...rows);
    // Rows are added at the end, away from their class: that is class-split's finding, not these rules'.
    return checkDeclaration(d).filter((f) => f.rule !== 'class-split').map((f) => `${f.rule} ${f.path}`);
  };

  it('lets growth rates exceed 100% but not pass rates', () => {
    expect(findingsFor(indicatorRow('效益指标', '经济效益指标', '企业营收增长率', '≥120%'))).toEqual([]);
    expect(findingsFor(indicatorRow('产出指标', '质量指标', '验收合格率', '≥120%'))).toEqual(['percent-out-of-range /indicators/7/annualTarget']);
  });

  it('accepts graded qualitative targets and flags vague ones', () => {
    expect(findingsFor(indicatorRow('效益指标', '社会效益指标', '基层办理能力', '达成'))).toEqual([]);
    expect(findingsFor(indicatorRow('效益指标', '社会效益指标', '基层办理能力', '明显提升'))).toEqual(['target-not-quantified /indicators/7/annualTarget']);
  });

  it('checks deadlines against the budget year', () => {
    expect(findingsFor(indicatorRow('产出指标', '时效指标', '培训完成时间', '2025年11月30日前'))).toEqual([]);
    expect(findingsFor(indicatorRow('产出指标', '时效指标', '培训完成时间', '2026年3月31日前'))).toEqual(['deadline-outside-year /indicators/7/annualTarget']);
  });
});
