import { describe, expect, it } from 'vitest';
import { projectIndicator } from '../../../src/core/projectTarget.ts';
import { shiftYears, similarRows } from './similarIndicators.ts';

describe('indicators of a similar past project', () => {
  it('moves the years of dates and periods to the form’s year, and leaves other numbers', () => {
    expect(shiftYears('2024年6月30日前', 1)).toBe('2025年6月30日前');
    expect(shiftYears('2024-11-30前完成', 2)).toBe('2026-11-30前完成');
    expect(shiftYears('≥2024人次', 1)).toBe('≥2024人次');
    expect(shiftYears('2023年-2025年', 1)).toBe('2024年-2026年');
  });

  it('adds only rows the form does not have, without last year’s marks', () => {
    const existing = [projectIndicator('产出指标', '数量指标', '培训人次', '≥500人次')];
    const past = [projectIndicator('产出指标', '数量指标', '培训人次', '≥400人次'), { ...projectIndicator('产出指标', '时效指标', '完成时间', '2024年11月30日前'), carriedOver: '2023年11月30日前' }];
    const rows = similarRows(existing, { year: 2024, indicators: past }, 2025);
    expect(rows.map((r) => [r.name, r.annualTarget, r.carriedOver])).toEqual([['完成时间', '2025年11月30日前', undefined]]);
  });
});
