/**
 * The traffic lights at and around every band edge (formulas 11–13), with configured bands, a stage
 * target, a reverse indicator, a qualitative grade, a zero target, a zero actual, a cutoff in January
 * and in December; and the overall light is never better than any of its parts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIGHTS, type Light, type MonitoringReport } from '../monitoringReport.ts';
import { exampleReport } from './exampleReport.ts';
import { budgetProgress, DEFAULT_MONITORING_CONFIG, deviationPercent, indicatorProgress, lightName, monthsElapsed, needsExplanation, reportLights, worstLight } from './lights.ts';
import { toFixed2 } from './ratio.ts';

const budget = (annual: string, executedToDate: string, through: string): Pick<MonitoringReport, 'budget' | 'round'> => ({ budget: { annual, executedToDate, projectedAnnual: null, reason: '' }, round: { name: 'r', through } });
const at = (annualTarget: string, actualToDate: string, through = '2025-06-30', stageTarget: string | null = null) => indicatorProgress({ annualTarget, actualToDate, stageTarget }, through);

describe('months elapsed at the cutoff', () => {
  it.each([
    ['2025-07-31', '7.00'],
    ['2025-01-31', '1.00'],
    ['2025-12-31', '12.00'],
    ['2025-07-15', '6.48'],
    ['2024-02-29', '2.00'],
  ])('%s is %s months', (through, months) => {
    const m = monthsElapsed(through);
    expect(m && toFixed2(m)).toBe(months);
  });

  it.each(['2025-02-30', '2025-13-01', '7月31日', ''])('%s is no cutoff', (through) => {
    expect(monthsElapsed(through)).toBeNull();
  });
});

describe('budget execution (formula 11): (spent ÷ budget) ÷ (months ÷ 12) × 100', () => {
  // At 06-30 half the year has passed: 30 of 100 spent is 60 % of the time share.
  it.each([
    ['29.99', 'red', '59.98'],
    ['30.00', 'yellow', '60.00'],
    ['39.99', 'yellow', '79.98'],
    ['40.00', 'green', '80.00'],
    ['100.00', 'green', '200.00'],
    ['100.01', 'red', '200.02'],
  ])('%s of 100.00 by 06-30 is %s (%s)', (executed, light, progress) => {
    expect(budgetProgress(budget('100.00', executed, '2025-06-30'))).toMatchObject({ light, progress });
  });

  it('in January a month of spending is the whole time share; in December the whole year', () => {
    expect(budgetProgress(budget('1200.00', '100.00', '2025-01-31'))).toMatchObject({ light: 'green', progress: '100.00', rate: '8.33' });
    expect(budgetProgress(budget('1200.00', '1000.00', '2025-12-31'))).toMatchObject({ light: 'green', progress: '83.33' });
    expect(budgetProgress(budget('1200.00', '900.00', '2025-12-31'))).toMatchObject({ light: 'yellow', progress: '75.00' });
  });

  it('is red, over the annual budget, for spending beyond the year’s budget however early', () => {
    const over = budgetProgress(budget('10.00', '20.00', '2025-06-30'));
    expect(over).toMatchObject({ light: 'red', rate: '200.00', basis: 'over-budget' });
    expect(lightName('red', over.basis)).toEqual({ zh: '红灯（超出全年预算）', en: 'red (over the annual budget)' });
  });

  it('has no light without a budget, an amount spent or a valid cutoff', () => {
    expect(budgetProgress(budget('0.00', '0.00', '2025-06-30')).light).toBeNull();
    expect(budgetProgress({ ...budget('100.00', '1.00', '2025-06-30'), budget: { annual: '100.00', executedToDate: null, projectedAnnual: null, reason: '' } }).light).toBeNull();
    expect(budgetProgress(budget('100.00', '50.00', 'someday')).light).toBeNull();
  });

  it('takes the bands a region configures', () => {
    const strict = { ...DEFAULT_MONITORING_CONFIG, budget: { red: 70, yellow: 90, blue: null } };
    expect(budgetProgress(budget('100.00', '40.00', '2025-06-30'), strict).light).toBe('yellow');
    expect(budgetProgress(budget('100.00', '34.99', '2025-06-30'), strict).light).toBe('red');
  });
});

describe('a positive indicator (formula 12): actual ÷ (target × months ÷ 12) × 100', () => {
  // By 06-30 the time share of ≥1000 is 500.
  it.each([
    ['299', 'red', '59.80'],
    ['300', 'yellow', '60.00'],
    ['399', 'yellow', '79.80'],
    ['400', 'green', '80.00'],
    ['599', 'green', '119.80'],
    ['600', 'blue', '120.00'],
  ])('%s of ≥1000 by 06-30 is %s (%s)', (actual, light, progress) => {
    expect(at('≥1000人次', `${actual}人次`)).toMatchObject({ light, progress, basis: 'time-share' });
  });

  it('is red at zero, whatever the time', () => {
    expect(at('≥1000人次', '0人次', '2025-01-31')).toMatchObject({ light: 'red', progress: '0.00' });
  });

  it('is measured against the stage target when one is given (milestones)', () => {
    expect(at('≥10个', '2个', '2025-07-31', '8个')).toMatchObject({ light: 'red', progress: '25.00', basis: 'stage-target' });
    expect(at('≥10个', '8个', '2025-07-31', '8个')).toMatchObject({ light: 'green', progress: '100.00', basis: 'stage-target' });
  });

  it('compares a rate with its target itself: a rate does not accrue over the year', () => {
    expect(at('≥90%', '92%', '2025-01-31')).toMatchObject({ light: 'green', basis: 'rate', progress: '102.22' });
    expect(at('≥90%', '50%', '2025-07-31')).toMatchObject({ light: 'red', basis: 'rate' });
  });

  it('in December the whole target is due', () => {
    expect(at('≥1200', '1000', '2025-12-31')).toMatchObject({ light: 'green', progress: '83.33' });
  });

  it('takes configured bands, and no blue where a region has none', () => {
    const config = { ...DEFAULT_MONITORING_CONFIG, indicators: { red: 50, yellow: 70, blue: null } };
    expect(indicatorProgress({ annualTarget: '≥1000', actualToDate: '260', stageTarget: null }, '2025-06-30', config).light).toBe('yellow');
    expect(indicatorProgress({ annualTarget: '≥1000', actualToDate: '900', stageTarget: null }, '2025-06-30', config).light).toBe('green');
  });
});

describe('other kinds of target', () => {
  it('a reverse indicator is green within its limit and red beyond it', () => {
    expect(at('≤2次', '2次')).toMatchObject({ light: 'green', basis: 'reverse' });
    expect(at('≤2次', '3次').light).toBe('red');
    expect(at('<5%', '5%').light).toBe('red');
    expect(at('<5%', '4.99%').light).toBe('green');
  });

  it('names a light by how it was reached: a reverse indicator over its limit is not behind', () => {
    const over = at('≤2次', '3次');
    expect(lightName(over.light ?? 'green', over.basis).zh).toBe('红灯（超出上限）');
    expect(lightName('red', 'time-share').zh).toBe('红灯（严重滞后）');
    expect(lightName('red', 'deadline').en).toBe('red (past its deadline)');
  });

  it('a zero target is met while the actual stays at zero', () => {
    expect(at('0起', '0起')).toMatchObject({ light: 'green', basis: 'equal' });
    expect(at('=0', '1').light).toBe('red');
  });

  it('a qualitative target takes the grade: 达成, 部分达成, 未达成', () => {
    expect(at('明显提升', '达成')).toMatchObject({ light: 'green', basis: 'grade' });
    expect(at('明显提升', '部分达成').light).toBe('yellow');
    expect(at('明显提升', '未达成').light).toBe('red');
    expect(at('明显提升', '正在推进')).toMatchObject({ light: null, problem: 'actual' });
  });

  it('a deadline: done in time green, not yet due yellow, missed red', () => {
    expect(at('11月30日前', '2025-10-15', '2025-10-31').light).toBe('green');
    expect(at('6月30日前', '2025年7月5日', '2025-07-31').light).toBe('red');
    expect(at('11月30日前', '进行中', '2025-07-31').light).toBe('yellow');
    expect(at('6月30日前', '进行中', '2025-07-31').light).toBe('red');
    expect(at('6月30日前', '已完成', '2025-07-31').light).toBe('green');
  });

  it('gives no light for a placeholder target or an empty actual, and says which', () => {
    expect(at('≥**', '10')).toMatchObject({ light: null, problem: 'target' });
    expect(at('≥1000', '')).toMatchObject({ light: null, problem: 'actual' });
  });
});

describe('deviation (formula 13) and when an explanation is due (M4)', () => {
  it('measures the deviation from the stage target in percent', () => {
    expect(deviationPercent({ annualTarget: '≥10个', actualToDate: '5个', stageTarget: '8个' }, '2025-07-31')).toBe('37.50');
    expect(deviationPercent({ annualTarget: '≥10个', actualToDate: '6个', stageTarget: '8个' }, '2025-07-31')).toBe('25.00');
  });

  it('asks for an explanation above 30 %, for a red light, for a projection short of the target, for "impossible"', () => {
    const base = exampleReport().indicators[0];
    if (!base) throw new Error('example');
    expect(needsExplanation(base, '2025-07-31')).toBe(false);
    expect(needsExplanation({ ...base, actualToDate: '200人次' }, '2025-07-31')).toBe(true);
    expect(needsExplanation({ ...base, projectedAnnual: '480人次' }, '2025-07-31')).toBe(true);
    expect(needsExplanation({ ...base, likelihood: 'impossible' }, '2025-07-31')).toBe(true);
    // Well ahead (blue) is no deviation to explain.
    expect(needsExplanation({ ...base, actualToDate: '420人次' }, '2025-07-31')).toBe(false);
  });
});

describe('the lights of a report', () => {
  it('are all green for the clean example, and the overall light is the worst part', () => {
    expect(reportLights(exampleReport())).toMatchObject({ budget: 'green', indicators: 'green', overall: 'green' });
    const report = exampleReport();
    report.budget.executedToDate = '20.00';
    expect(reportLights(report)).toMatchObject({ budget: 'red', indicators: 'green', overall: 'red' });
  });

  it('the overall light is never better than any indicator’s or the budget’s (property)', () => {
    const rank: Record<Light, number> = { red: 0, yellow: 1, green: 2, blue: 3 };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 12 }), (actuals, spent, month) => {
        const report = exampleReport();
        const day = new Date(Date.UTC(2025, month, 0)).getUTCDate();
        report.round.through = `2025-${String(month).padStart(2, '0')}-${day}`;
        report.budget.executedToDate = `${spent}.00`;
        report.indicators = actuals.map((a, i) => ({ ...(exampleReport().indicators[i % 4] as MonitoringReport['indicators'][number]), actualToDate: i % 4 === 2 ? '已完成' : `${a}` }));
        const lights = reportLights(report);
        for (const part of [lights.budget, ...lights.perIndicator.map((p) => p.light)]) {
          if (part && lights.overall) expect(rank[lights.overall]).toBeLessThanOrEqual(rank[part]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('worstLight orders red, yellow, green, blue', () => {
    expect(worstLight(['blue', 'green'])).toBe('green');
    expect(worstLight(['green', null, 'yellow'])).toBe('yellow');
    expect(worstLight([])).toBeNull();
    expect(LIGHTS).toEqual(['red', 'yellow', 'green', 'blue']);
  });
});
