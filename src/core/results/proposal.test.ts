/** Next year's amount from this year's results: each rule at its edges, and the properties every table keeps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, sumMoney, formatMoney } from '../money.ts';
import { EVALUATION_GRADES } from '../selfEvaluation.ts';
import { percentOf, proposalTable, proposeRow, validException, type ProjectResults } from './proposal.ts';
import { DEFAULT_RESULT_RULES, type Effect, type ResultRules } from './rules.ts';
import { resultRulesSchema, projectResultsSchema } from '../../format/resultsSchema.ts';

const base: ProjectResults = { year: 2024, department: '区教育局', project: '校舍维修', amount: '100.00' };
const rules = DEFAULT_RESULT_RULES;

describe('a project next year', () => {
  it('keeps its amount without results, the rule saying so', () => {
    const row = proposeRow(base, rules);
    expect([row.proposed, row.rule, row.fired]).toEqual(['100.00', 'none', []]);
  });

  it('follows its self-evaluation grade: 优 raised 5%, 良 kept, 中 cut 10%, 差 cancelled', () => {
    const by = (grade: '优' | '良' | '中' | '差') => proposeRow({ ...base, selfEvaluation: { grade, id: 'e1' } }, rules);
    expect(['优', '良', '中', '差'].map((g) => [by(g as '优').proposed, by(g as '优').rule])).toEqual([
      ['105.00', 'grades.优'],
      ['100.00', 'grades.良'],
      ['90.00', 'grades.中'],
      ['0.00', 'grades.差'],
    ]);
    expect(by('中').fired[0]).toMatchObject({ source: 'e1', zh: '评价等级“中”：核减 10%', en: 'grade 中: cut 10%' });
  });

  it("takes a sampling review's grade over the self-evaluation's, and a key evaluation's over both", () => {
    const sampled = proposeRow({ ...base, selfEvaluation: { grade: '中' }, samplingReview: { grade: '差', id: 's1' } }, rules);
    expect([sampled.proposed, sampled.rule, sampled.grade?.source]).toEqual(['0.00', 'grades.差', 'sampling-review']);
    const keyed = proposeRow({ ...base, samplingReview: { grade: '差' }, keyEvaluation: { grade: '良', id: 'k1' } }, { ...rules, keyEvaluation: { ...rules.grades, 良: { type: 'cut', percent: '3' } } });
    expect([keyed.proposed, keyed.rule]).toEqual(['97.00', 'keyEvaluation.良']);
  });

  it('takes off an ex-ante cut, and cancels one not supported', () => {
    const cut = proposeRow({ ...base, exAnte: { decision: 'support-after-adjustment', cut: '12.34' } }, rules);
    expect([cut.proposed, cut.rule]).toEqual(['87.66', 'exAnte.cut']);
    expect(proposeRow({ ...base, exAnte: { decision: 'support-after-adjustment', cut: '12.34' } }, { ...rules, exAnte: { ...rules.exAnte, applyCut: false } }).proposed).toBe('100.00');
    const rejected = proposeRow({ ...base, selfEvaluation: { grade: '优' }, exAnte: { decision: 'reject', cut: '100' } }, rules);
    expect([rejected.proposed, rejected.rule]).toEqual(['0.00', 'exAnte.reject']);
  });

  it('cuts for a red light left unrectified, not for one rectified or yellow', () => {
    expect(proposeRow({ ...base, monitoring: { light: 'red', rectified: false } }, rules)).toMatchObject({ proposed: '80.00', rule: 'redLight' });
    expect(proposeRow({ ...base, monitoring: { light: 'red', rectified: true } }, rules).proposed).toBe('100.00');
    expect(proposeRow({ ...base, monitoring: { light: 'yellow', rectified: false } }, rules).proposed).toBe('100.00');
  });

  it('adds percentages: 中 (−10%) and a red light (−20%) cut 30%; never more than 100%', () => {
    expect(proposeRow({ ...base, selfEvaluation: { grade: '中' }, monitoring: { light: 'red', rectified: false } }, rules).proposed).toBe('70.00');
    const deep: ResultRules = { ...rules, grades: { ...rules.grades, 中: { type: 'cut', percent: '80' } }, redLight: { type: 'cut', percent: '80' } };
    expect(proposeRow({ ...base, selfEvaluation: { grade: '中' }, monitoring: { light: 'red', rectified: false } }, deep).proposed).toBe('0.00');
  });

  it('suspends, and cancelling wins over suspending', () => {
    const suspendRed: ResultRules = { ...rules, redLight: { type: 'suspend' } };
    expect(proposeRow({ ...base, selfEvaluation: { grade: '优' }, monitoring: { light: 'red', rectified: false } }, suspendRed)).toMatchObject({ proposed: '0.00', rule: 'redLight' });
    expect(proposeRow({ ...base, selfEvaluation: { grade: '差' }, monitoring: { light: 'red', rectified: false } }, suspendRed)).toMatchObject({ proposed: '0.00', rule: 'grades.差' });
  });

  it('rounds a percentage once to 0.01 万元, halves away from zero, and keeps an amount of four places exactly', () => {
    expect(formatMoney(percentOf(money('0.05'), 1000n))).toBe('0.01'); // 0.005 → 0.01
    expect(formatMoney(percentOf(money('0.04'), 1000n))).toBe('0.00');
    expect(proposeRow({ ...base, amount: '724.2318', selfEvaluation: { grade: '良' } }, rules).proposed).toBe('724.2318');
    expect(proposeRow({ ...base, amount: '333.33', selfEvaluation: { grade: '中' } }, rules).proposed).toBe('300.00'); // 33.333 → 33.33
  });

  it('shows the exception set by the bureau with its reason, the rules figure beside it', () => {
    const row = proposeRow({ ...base, selfEvaluation: { grade: '差' } }, rules, { amount: '50', reason: ' 民生兜底项目 ' });
    expect([row.computed, row.proposed, row.rule, row.exception?.reason]).toEqual(['0.00', '50.00', 'exception', '民生兜底项目']);
    expect(() => validException({ amount: '50', reason: '  ' })).toThrow(/reason/);
  });

  it('flags a request above the proposal', () => {
    expect(proposeRow({ ...base, selfEvaluation: { grade: '中' }, request: { amount: '95', id: 'f2' } }, rules)).toMatchObject({ overRequest: true, rule: 'grades.中', request: '95.00', requestId: 'f2' });
    expect(proposeRow({ ...base, selfEvaluation: { grade: '中' }, request: { amount: '90' } }, rules).overRequest).toBe(false);
  });
});

const effect: fc.Arbitrary<Effect> = fc.oneof(
  fc.constant({ type: 'keep' } as const),
  fc.integer({ min: 0, max: 100000 }).map((n) => ({ type: 'raise', percent: (n / 100).toFixed(2) }) as const),
  fc.integer({ min: 0, max: 10000 }).map((n) => ({ type: 'cut', percent: (n / 100).toFixed(2) }) as const),
  fc.constant({ type: 'suspend' } as const),
  fc.constant({ type: 'cancel' } as const),
);
const grades = fc.record({ 优: effect, 良: effect, 中: effect, 差: effect });
const anyRules: fc.Arbitrary<ResultRules> = fc.record({ grades, keyEvaluation: fc.option(grades, { nil: null }), exAnte: fc.record({ reject: effect, applyCut: fc.boolean() }), redLight: effect });
const amount = fc.bigInt({ min: 0n, max: 10n ** 14n }).map((units) => formatMoney({ units }));
const grade = fc.option(fc.record({ grade: fc.constantFrom(...EVALUATION_GRADES) }), { nil: null });
const line: fc.Arbitrary<ProjectResults> = fc.record({
  year: fc.constant(2024),
  department: fc.constantFrom('甲局', '乙局', '丙局'),
  // A project is named: a name of spaces alone is not one (the canonical form refuses it).
  project: fc.string({ minLength: 1, maxLength: 6 }).filter((name) => name.trim() !== ''),
  amount,
  selfEvaluation: grade,
  samplingReview: grade,
  keyEvaluation: grade,
  exAnte: fc.option(fc.record({ decision: fc.constantFrom('support', 'support-after-adjustment', 'reject' as const), cut: fc.option(amount, { nil: null }) }), { nil: null }),
  monitoring: fc.option(fc.record({ light: fc.constantFrom('red', 'yellow', 'green', 'blue' as const), rectified: fc.boolean() }), { nil: null }),
  request: fc.option(fc.record({ amount }), { nil: null }),
});

describe('every table', () => {
  it('validates: generated rules and lines are canonical', () => {
    fc.assert(fc.property(anyRules, line, (r, l) => resultRulesSchema.safeParse(r).success && projectResultsSchema.safeParse(l).success));
  });

  it('never proposes a negative amount', () => {
    fc.assert(fc.property(anyRules, line, (r, l) => money(proposeRow(l, r).proposed).units >= 0n));
  });

  it('cancels whenever a cancelling rule fires, whatever cuts or raises fire with it', () => {
    fc.assert(
      fc.property(anyRules, line, (r, l) => {
        const row = proposeRow(l, r);
        const cancel = row.fired.find((f) => f.effect === 'cancel');
        return cancel === undefined || (row.proposed === '0.00' && row.rule === cancel.rule);
      }),
    );
  });

  it('never raises when only cuts fire, never cuts when only raises and keeps fire', () => {
    fc.assert(
      fc.property(anyRules, line, (r, l) => {
        const row = proposeRow(l, r);
        const last = money(row.lastAmount).units;
        const now = money(row.proposed).units;
        const kinds = new Set(row.fired.map((f) => f.effect));
        if (![...kinds].some((k) => k === 'raise')) return now <= last;
        if (![...kinds].some((k) => k === 'cut' || k === 'cut-amount' || k === 'cancel' || k === 'suspend')) return now >= last;
        return true;
      }),
    );
  });

  it("sums its rows: each department's sums and the total equal the sum of its rows", () => {
    fc.assert(
      fc.property(anyRules, fc.array(line, { maxLength: 30 }), (r, lines) => {
        const table = proposalTable(2025, lines, r);
        const sum = (xs: string[]) => formatMoney(sumMoney(xs.map(money)));
        return (
          table.total.proposed === sum(table.rows.map((x) => x.proposed)) &&
          table.total.proposed === sum(table.departments.map((d) => d.proposed)) &&
          table.total.lastAmount === sum(table.rows.map((x) => x.lastAmount)) &&
          table.total.count === lines.length
        );
      }),
    );
  });

  it('carries a reason with every exception, and refuses one without', () => {
    fc.assert(
      fc.property(line, amount, fc.string({ maxLength: 8 }), (l, a, reason) => {
        try {
          const row = proposeRow(l, rules, { amount: a, reason });
          return row.exception !== null && row.exception.reason.trim() !== '' && row.proposed === formatMoney(money(a));
        } catch (error) {
          return reason.trim() === '' && error instanceof RangeError;
        }
      }),
    );
  });

  it('reads only the results of the year before the budget year', () => {
    expect(proposalTable(2025, [base, { ...base, year: 2023, project: '旧' }], rules).rows.map((r) => r.project)).toEqual(['校舍维修']);
  });
});
