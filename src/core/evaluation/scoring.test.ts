import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluationIndicator } from '../selfEvaluation.ts';
import { DEFAULT_SCORING_CONFIG, defaultPoints, executionScore, gradeOf, scoreEvaluation, type ScoringConfig } from './scoring.ts';

function row(annualTarget: string, actual: string, points: string | null = '20', extra: Partial<EvaluationIndicator> = {}): EvaluationIndicator {
  return { level1: '产出指标', level2: '数量指标', name: '指标', annualTarget, actual, points, score: null, applicable: true, deviation: { reason: '', measures: '' }, ...extra };
}
const funds = { initialBudget: '100.00', annualBudget: '100.00', executed: '100.00', points: '10', score: null, items: [], reason: '' };
const score = (indicator: EvaluationIndicator, config: ScoringConfig = DEFAULT_SCORING_CONFIG) => scoreEvaluation({ funds, indicators: [indicator], year: 2025 }, config).indicators[0];
const LINEAR = DEFAULT_SCORING_CONFIG;
const PROPORTIONAL: ScoringConfig = { ...DEFAULT_SCORING_CONFIG, reverseFormula: 'proportional' };

describe('budget execution (formulas 1–2)', () => {
  it('gives no score, so no total, for points below zero or above the whole scale', () => {
    expect(scoreEvaluation({ funds, indicators: [row('≥90%', '95%', '90')], year: 2025 }).total).toBe('100.00');
    for (const points of ['-10', '200']) {
      const scored = scoreEvaluation({ funds, indicators: [row('≥90%', '95%', points)], year: 2025 });
      expect(scored.indicators[0]).toMatchObject({ score: null, problem: 'no-points' });
      expect(scored.total).toBeNull();
      expect(scored.grade).toBeNull();
    }
  });

  it('scores 10 × the rate, capped at 100%, and says the rate', () => {
    expect(executionScore({ ...funds, executed: '85.00' })).toMatchObject({ rate: '85.00', score: '8.50' });
    expect(executionScore({ ...funds, executed: '120.00' })).toMatchObject({ rate: '120.00', score: '10.00' });
    expect(executionScore({ ...funds, executed: '120.00' }, { ...DEFAULT_SCORING_CONFIG, capExecution: false })).toMatchObject({ score: '12.00' });
    expect(executionScore({ ...funds, executed: '0.00' })).toMatchObject({ rate: '0.00', score: '0.00' });
    expect(executionScore({ ...funds, annualBudget: null, initialBudget: '80.00', executed: '60.00' })).toMatchObject({ rate: '75.00', score: '7.50' });
    expect(executionScore({ ...funds, annualBudget: '0.00' })).toMatchObject({ rate: null, score: null });
  });
});

describe('positive indicators (formula 3)', () => {
  it('gives full points at the target and above, in proportion below', () => {
    expect(score(row('≥500人次', '500人次'))).toMatchObject({ score: '20.00', formula: 'positive', missed: false });
    expect(score(row('≥500人次', '499人次'))).toMatchObject({ score: '19.96', missed: true, expression: '20.00 × 499 ÷ 500' });
    expect(score(row('≥500人次', '0人次'))).toMatchObject({ score: '0.00', missed: true });
    expect(score(row('≥90%', '85%'))).toMatchObject({ score: '18.89' });
  });

  it('asks to explain an actual at or above 130% of the target, and deducts only when configured', () => {
    expect(score(row('≥100个', '129个'))).toMatchObject({ score: '20.00', overAchieved: false });
    expect(score(row('≥100个', '130个'))).toMatchObject({ score: '20.00', overAchieved: true });
    expect(score(row('≥100个', '130个'), { ...DEFAULT_SCORING_CONFIG, overAchievementDeduction: 10 })).toMatchObject({ score: '18.00' });
    expect(score(row('≥100个', '500个'), { ...DEFAULT_SCORING_CONFIG, overAchievementPercent: null })).toMatchObject({ overAchieved: false });
  });

  it('refuses to compare an actual in another unit', () => {
    expect(score(row('≥500人次', '3天'))).toMatchObject({ score: null, problem: 'unit-mismatch' });
  });
});

describe('reverse indicators (formula 4, both variants)', () => {
  it('(b) linear: full within the limit, falling to 0 at twice it', () => {
    expect(score(row('≤10次', '10次'), LINEAR)).toMatchObject({ score: '20.00', formula: 'reverse-linear' });
    expect(score(row('≤10次', '15次'), LINEAR)).toMatchObject({ score: '10.00' });
    expect(score(row('≤10次', '19.9次'), LINEAR)).toMatchObject({ score: '0.20' });
    expect(score(row('≤10次', '20次'), LINEAR)).toMatchObject({ score: '0.00' });
    expect(score(row('≤10次', '40次'), LINEAR)).toMatchObject({ score: '0.00' });
  });

  it('(a) proportional: w × T ÷ A beyond the limit', () => {
    expect(score(row('≤10次', '10次'), PROPORTIONAL)).toMatchObject({ score: '20.00', formula: 'reverse-proportional' });
    expect(score(row('≤10次', '20次'), PROPORTIONAL)).toMatchObject({ score: '10.00' });
    expect(score(row('<5%', '6%'), PROPORTIONAL)).toMatchObject({ score: '16.67' });
  });

  it('a zero limit: full at zero, nothing above', () => {
    expect(score(row('≤0起', '0起'))).toMatchObject({ score: '20.00' });
    expect(score(row('≤0起', '1起'))).toMatchObject({ score: '0.00', formula: 'equal-zero' });
  });
});

describe('equality indicators (formula 5)', () => {
  it('scores a positive target like a positive indicator, a zero target by being zero', () => {
    expect(score(row('=100%', '100%'))).toMatchObject({ score: '20.00', formula: 'equal' });
    expect(score(row('=100%', '95%'))).toMatchObject({ score: '19.00' });
    expect(score(row('=0次', '0次'))).toMatchObject({ score: '20.00', formula: 'equal-zero' });
    expect(score(row('=0次', '2次'))).toMatchObject({ score: '0.00', missed: true });
  });
});

describe('qualitative indicators (formula 7)', () => {
  const band = (actual: string, given: string, config = DEFAULT_SCORING_CONFIG) => score(row('效果明显', actual, '20', { score: given }), config);
  it('takes the evaluator’s score inside its grade’s band, at every band edge', () => {
    expect(band('达成', '16')).toMatchObject({ score: '16.00', formula: 'qualitative' });
    expect(band('达成', '20')).toMatchObject({ score: '20.00' });
    expect(band('达成', '15.99')).toMatchObject({ score: null, problem: 'outside-band', band: { min: '16.00', max: '20.00' } });
    expect(band('部分达成', '10')).toMatchObject({ score: '10.00' });
    expect(band('部分达成', '15.99')).toMatchObject({ score: '15.99' });
    expect(band('部分达成', '16')).toMatchObject({ problem: 'outside-band' });
    expect(band('部分达成', '9.99')).toMatchObject({ problem: 'outside-band' });
    expect(band('未达成', '0')).toMatchObject({ score: '0.00' });
    expect(band('未达成', '9.99')).toMatchObject({ score: '9.99' });
    expect(band('未达成', '10')).toMatchObject({ problem: 'outside-band' });
  });

  it('uses the 80/60 bands when configured', () => {
    const vendor: ScoringConfig = { ...DEFAULT_SCORING_CONFIG, qualitativeBands: { achieved: 80, partial: 60 } };
    expect(band('部分达成', '11', vendor)).toMatchObject({ problem: 'outside-band', band: { min: '12.00', max: '16.00' } });
    expect(band('未达成', '11', vendor)).toMatchObject({ score: '11.00' });
  });

  it('gives 达成 full points when no score is picked, and asks for one otherwise', () => {
    expect(score(row('效果明显', '达成'))).toMatchObject({ score: '20.00' });
    expect(score(row('效果明显', '部分达成'))).toMatchObject({ score: null, problem: 'choose-score', band: { min: '10.00', max: '16.00' } });
  });
});

describe('deadlines', () => {
  it('full points when done by the date, none after', () => {
    expect(score(row('11月30日前', '2025-11-20'))).toMatchObject({ score: '20.00', formula: 'deadline' });
    expect(score(row('11月30日前', '2025-11-30'))).toMatchObject({ score: '20.00' });
    expect(score(row('11月30日前', '2025-12-01'))).toMatchObject({ score: '0.00', missed: true });
    expect(score(row('2025年11月底前', '已完成'))).toMatchObject({ score: '20.00' });
  });
});

describe('indicators not applicable (formula 8), total and grade (formula 9)', () => {
  it('drops them and rescales the rest to the indicators’ full points', () => {
    const result = scoreEvaluation({ funds, year: 2025, indicators: [row('≥10个', '10个', '30'), row('≥10个', '5个', '30', { applicable: false }), row('≥10个', '5个', '30', { applicable: false })] });
    expect(result.rescale).toEqual({ applicablePoints: '30.00', fullPoints: '90.00', factor: '3.00' });
    expect(result.indicators[0]).toMatchObject({ score: '30.00', counted: '90.00' });
    expect(result.indicators[1]).toMatchObject({ formula: 'not-applicable', counted: null });
    expect(result.total).toBe('100.00');
    expect(result.grade).toBe('优');
  });

  it('adds the printed rows, so that a table’s rows add up to its total', () => {
    const result = scoreEvaluation({ funds: { ...funds, executed: '90.00' }, year: 2025, indicators: [row('≥3个', '2个', '30'), row('≥3个', '2个', '30'), row('≥3个', '2个', '30')] });
    expect(result.indicators.map((i) => i.score)).toEqual(['20.00', '20.00', '20.00']);
    expect(result.total).toBe('69.00');
    expect(result.grade).toBe('中');
  });

  it('has no total while a row cannot be scored', () => {
    expect(scoreEvaluation({ funds, year: 2025, indicators: [row('≥3个', '', '90')] }).total).toBeNull();
  });

  it('grades with inclusive lower bounds, configurable', () => {
    expect(['90.00', '89.99', '80.00', '79.99', '60.00', '59.99'].map((t) => gradeOf(t))).toEqual(['优', '良', '良', '中', '中', '差']);
    expect(gradeOf('85.00', { ...DEFAULT_SCORING_CONFIG, grades: { 优: 80, 良: 70, 中: 60 } })).toBe('优');
  });

  it('shares each first-level weight among its indicators, to the cent', () => {
    const points = defaultPoints([{ level1: '产出指标' }, { level1: '产出指标' }, { level1: '产出指标' }, { level1: '效益指标' }, { level1: '满意度指标' }, { level1: '成本指标' }]);
    // 成本 shares 产出's 50 (as 财预〔2020〕10号 and docs/format-evaluation.md): 产出 and 成本 50, 效益 30, 满意度 10.
    expect(points).toEqual(['12.50', '12.50', '12.50', '30.00', '10.00', '12.50']);
    // A region that weighs cost on its own gets its own split.
    expect(defaultPoints([{ level1: '产出指标' }, { level1: '成本指标' }, { level1: '效益指标' }, { level1: '满意度指标' }], { ...DEFAULT_SCORING_CONFIG, levelWeights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10, 成本指标: 10 } })).toEqual(['45.00', '9.00', '27.00', '9.00']);
    expect(defaultPoints([{ level1: '产出指标' }, { level1: '产出指标' }, { level1: '产出指标' }, { level1: '效益指标' }, { level1: '满意度指标' }])).toEqual(['16.67', '16.67', '16.66', '30.00', '10.00']);
    expect(defaultPoints([{ level1: '其他' }])).toEqual([null]);
  });
});

describe('properties', () => {
  const targets = fc.record({ op: fc.constantFrom('≥', '≤', '=', '<', '>'), t: fc.integer({ min: 0, max: 1000 }), a: fc.integer({ min: 0, max: 3000 }), w: fc.integer({ min: 1, max: 9000 }) });
  it('a score never exceeds its points, nor goes below zero', () => {
    fc.assert(fc.property(targets, fc.boolean(), ({ op, t, a, w }, linear) => {
      const s = score(row(`${op}${t}个`, `${a}个`, (w / 100).toFixed(2)), linear ? LINEAR : PROPORTIONAL);
      if (s?.score === null || s === undefined) return true;
      return Number(s.score) <= w / 100 + 1e-9 && Number(s.score) >= 0;
    }));
  });
  it('raising an actual never lowers a positive score', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 500 }), (t, a, more) => {
      const lower = Number(score(row(`≥${t}个`, `${a}个`))?.score);
      const higher = Number(score(row(`≥${t}个`, `${a + more}个`))?.score);
      return higher >= lower;
    }));
  });
  it('the total never exceeds 100 when the points are 10 + 90', () => {
    fc.assert(fc.property(fc.array(fc.record({ t: fc.integer({ min: 1, max: 100 }), a: fc.integer({ min: 0, max: 300 }) }), { minLength: 1, maxLength: 9 }), fc.integer({ min: 0, max: 200 }), (rows, executed) => {
      const points = defaultPoints(rows.map(() => ({ level1: '产出指标' })), { ...DEFAULT_SCORING_CONFIG, levelWeights: { 产出指标: 90 } });
      const result = scoreEvaluation({ funds: { ...funds, executed: `${executed}.00` }, year: 2025, indicators: rows.map((r, i) => row(`≥${r.t}个`, `${r.a}个`, points[i] ?? null)) });
      return result.total === null || Number(result.total) <= 100;
    }));
  });
});
