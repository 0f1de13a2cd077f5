import { describe, expect, it } from 'vitest';
import { coverageMatrix, pairText, wordingPairs } from './coverage.ts';
import { exampleDeclaration, indicatorRow } from './exampleDeclaration.ts';

describe('coverage by shared wording', () => {
  it('ignores generic words and punctuation', () => {
    // 提升, 水平, 保障 are generic; the pairs across them (升水, 障网) are kept: they rarely match anything.
    expect([...wordingPairs('提升水平，保障网络')].map(pairText)).toEqual(['升水', '障网', '网络']);
  });

  it('builds the goal × indicator matrix', () => {
    const d = exampleDeclaration();
    const matrix = coverageMatrix(d);
    expect(matrix.scores).toHaveLength(2);
    expect(matrix.scores[0]).toHaveLength(7);
    expect(matrix.served).toEqual([true, true]);
    expect(matrix.projectsMeasured).toEqual([true, true]);
    // Goal 1 (电子政务外网) is measured best by the network indicators.
    const row = matrix.scores[0] ?? [];
    expect(matrix.indicators[row.indexOf(Math.max(...row))]).toContain('电子政务外网');
  });

  it('reports a goal that no indicator measures', () => {
    const d = exampleDeclaration();
    d.goals.push('做好机关档案数字化。');
    expect(coverageMatrix(d).served).toEqual([true, true, false]);
    d.indicators.push(indicatorRow('产出指标', '质量指标', '档案数字化完成率', '≥95%'));
    expect(coverageMatrix(d).served).toEqual([true, true, true]);
  });
});
