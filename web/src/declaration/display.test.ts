import { describe, expect, it } from 'vitest';
import { parseTargetValue } from '../../../src/core/targetValue.ts';
import { describeTarget } from './display.ts';
import { yearLine } from './yearLine.ts';

const zh = (a: string) => a;

describe('what a form shows', () => {
  it('says the year under the title only when the title does not, or prints another', () => {
    expect(yearLine('部门整体预算绩效目标申报表', 2026, zh)).toBe('（2026 年度）');
    expect(yearLine('2026年度部门整体预算绩效目标申报表', 2026, zh)).toBe('');
    expect(yearLine('2025年度项目支出绩效目标申报表', 2027, zh)).toBe('（表上为 2025 年度，保存为 2027 年度）');
  });

  it('calls a comparison sign alone an unfinished target, not a qualitative one', () => {
    expect(describeTarget(parseTargetValue('≥'), zh)).toBe('不完整：只有比较符，缺少数值');
  });
});
