/** How findings read to the person who gets them: named rows, grouped amounts, suggestions that are right. */
import { describe, expect, it } from 'vitest';
import { checkDeclaration } from './checkDeclaration.ts';
import { exampleDeclaration, indicatorRow } from './exampleDeclaration.ts';

describe('what findings say', () => {
  it('names a row with no name by its number, never as an empty 「」', () => {
    const d = exampleDeclaration();
    d.indicators.push(indicatorRow('产出指标', '数量指标', '', '', ''));
    const messages = checkDeclaration(d).map((f) => f.message.zh);
    expect(messages.some((m) => m.includes(`第 ${d.indicators.length} 行指标`))).toBe(true);
    expect(messages.some((m) => m.includes('「」'))).toBe(false);
  });

  it('calls a slash or 无 in the annual target "not applicable", not a placeholder', () => {
    for (const mark of ['／', '-', '无']) {
      const d = exampleDeclaration();
      d.indicators[5] = indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥90%', mark);
      const rules = checkDeclaration(d).filter((f) => f.path === '/indicators/5/annualTarget').map((f) => f.rule);
      expect(rules, mark).toContain('target-not-applicable');
      expect(rules, mark).not.toContain('placeholder-value');
    }
  });

  it('suggests 95% for a rate written as 0.95', () => {
    const d = exampleDeclaration();
    d.indicators.push(indicatorRow('产出指标', '质量指标', '系统正常运行率', '≥0.95'));
    const finding = checkDeclaration(d).find((f) => f.rule === 'unit-missing');
    expect(finding?.suggestion?.zh).toBe('写成「≥95%」');
  });

  it('writes amounts with thousands separators', () => {
    const d = exampleDeclaration();
    d.budget = { ...d.budget, basic: '2507.50', project: '1910.00', total: '4517.50' };
    const messages = checkDeclaration(d).map((f) => f.message.zh).join('\n');
    expect(messages).toContain('4,517.50');
  });
});
