import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_SETTINGS, emptyConclusion, type Assessment, type Criterion, type Scorer, type Standard } from './assessment.ts';
import { formatCents, parseCents } from './decimal.ts';
import { exampleAssessment } from './exampleAssessment.ts';
import { departmentMeasures, staffControlRate, threePublicChangeRate } from './measures.ts';
import { aggregate, assessmentFindings, bandOf, computedScore, gradeOf, scoreAssessment, templateProblems, validateAssessment, weightProblems } from './scoring.ts';
import { BUILT_IN_TEMPLATES, FOUR_BANDS } from './templates.ts';

const judge: Standard = { type: 'judgement', text: '' };
const criterion = (id: string, parent: string | null, weight: string, standard: Standard = judge): Criterion => ({ id, parent, name: `指标${id}`, weight, guidance: '', standard });
const experts = (n: number, weights?: string[]): Scorer[] => Array.from({ length: n }, (_, i) => ({ id: `e${i + 1}`, name: `专家${i + 1}`, role: 'expert' as const, weight: weights?.[i] ?? null }));

function sheet(criteria: Criterion[], scorers: Scorer[], scores: Array<[string, string, string]>, overrides: Partial<Assessment> = {}): Assessment {
  return {
    kind: 'assessment',
    schemaVersion: 1,
    title: 't',
    year: 2025,
    purpose: 'key-evaluation',
    subject: { kind: 'policy', id: null, name: 's', department: null, amount: '100.00' },
    template: { name: 't', version: 1, criteria },
    scorers,
    scores: scores.map(([scorer, c, score]) => ({ scorer, criterion: c, score, reason: '' })),
    aggregation: { method: 'mean', drop: 1 },
    evidence: [],
    findings: [],
    conclusion: emptyConclusion(),
    data: {},
    blend: null,
    result: null,
    ...overrides,
  };
}

const cents = (values: string[]) => values.map((v) => parseCents(v) as bigint);

describe('a template', () => {
  const named = (c: Criterion, name: string): Criterion => ({ ...c, name });
  const tree = [named(criterion('1', null, '100'), '决策'), criterion('1.1', '1', '60'), criterion('1.2', '1', '40')];

  it('names a criterion without a name by its place under its parent, where the server and the editor show it', () => {
    expect(templateProblems(tree, 'key-evaluation')).toEqual([]);
    const blank = tree.map((c) => (c.id === '1.2' ? named(c, '  ') : c));
    expect(templateProblems(blank, 'key-evaluation')).toEqual([{ path: 'criteria.2.name', message: { zh: '「决策」下第 2 项未命名', en: 'criterion 2 under "决策" has no name' } }]);
    const root = tree.map((c) => (c.id === '1' ? named(c, '') : c));
    expect(templateProblems(root, 'key-evaluation').map((p) => p.message.en)).toEqual(['first-level criterion 1 has no name']);
  });

  it('refuses a weight over 1000 points by name, rather than only as a wrong sum', () => {
    const huge = tree.map((c) => (c.id === '1.1' ? { ...c, weight: '99999999999' } : c));
    expect(templateProblems(huge, 'key-evaluation')[0]).toEqual({ path: 'criteria.1.weight', message: { zh: '「指标1.1」的分值 99999999999 超过上限 1000 分', en: 'the weight 99999999999 of "指标1.1" is over the limit of 1000 points' } });
    expect(templateProblems([named(criterion('1', null, '1000'), '决策')], 'key-evaluation').map((p) => p.path)).toEqual(['criteria']);
  });
});

describe('aggregates', () => {
  it('means are exact and rounded once, half away from zero', () => {
    expect(formatCents(aggregate(cents(['4', '4', '5']), [], 'mean', 1)?.cents as bigint)).toBe('4.33');
    expect(formatCents(aggregate(cents(['4.5', '4', '5', '4']), [], 'mean', 1)?.cents as bigint)).toBe('4.38');
    expect(formatCents(aggregate(cents(['1.01', '1.02']), [], 'mean', 1)?.cents as bigint)).toBe('1.02');
    expect(aggregate([], [], 'mean', 1)).toBeNull();
  });

  it('a trimmed mean drops the highest and lowest, and is a plain mean when too few scored', () => {
    expect(aggregate(cents(['1', '4', '4', '5', '10']), [], 'trimmed-mean', 1)).toEqual({ cents: 433n, method: 'trimmed-mean' });
    expect(aggregate(cents(['1', '4', '4', '5', '10']), [], 'trimmed-mean', 2)).toEqual({ cents: 400n, method: 'trimmed-mean' });
    expect(aggregate(cents(['1', '10']), [], 'trimmed-mean', 1)).toEqual({ cents: 550n, method: 'mean' });
  });

  it('a weighted mean weighs each scorer', () => {
    // (0.5 × 80 + 0.3 × 90 + 0.2 × 70) = 81
    expect(aggregate(cents(['80', '90', '70']), [5000n, 3000n, 2000n], 'weighted-mean', 1)?.cents).toBe(8100n);
    expect(aggregate(cents(['3', '4']), [10_000n, 20_000n], 'weighted-mean', 1)?.cents).toBe(367n);
  });
});

describe('standards', () => {
  it('a deduction from a figure: 在职人员控制率 over 100% loses 0.5 per point, never below zero', () => {
    const c = criterion('a', null, '4', { type: 'deduction', text: '', measure: 'staff-control-rate', limit: '100', per: '0.5', direction: 'above' });
    const at = (value: string) => computedScore(c, { 'staff-control-rate': { value, source: 't' } });
    expect(formatCents(at('100.00')?.cents as bigint)).toBe('4.00');
    expect(formatCents(at('96.00')?.cents as bigint)).toBe('4.00');
    expect(formatCents(at('105.00')?.cents as bigint)).toBe('1.50');
    expect(formatCents(at('100.01')?.cents as bigint)).toBe('4.00');
    expect(formatCents(at('100.03')?.cents as bigint)).toBe('3.99');
    expect(formatCents(at('120.00')?.cents as bigint)).toBe('0.00');
    expect(at('105.00')?.expression).toBe('max(0, 4 − 0.5 × (105.00 − 100))');
    expect(computedScore(c, {})).toBeNull();
  });

  it('a deduction below a limit, and 三公经费 growth at −0.8 per point', () => {
    const growth = criterion('g', null, '4', { type: 'deduction', text: '', measure: 'three-public-change-rate', limit: '0', per: '0.8', direction: 'above' });
    expect(formatCents(computedScore(growth, { 'three-public-change-rate': { value: '-3.00', source: '' } })?.cents as bigint)).toBe('4.00');
    expect(formatCents(computedScore(growth, { 'three-public-change-rate': { value: '2.50', source: '' } })?.cents as bigint)).toBe('2.00');
    const floor = criterion('f', null, '10', { type: 'deduction', text: '', measure: 'm', limit: '90', per: '1', direction: 'below' });
    expect(formatCents(computedScore(floor, { m: { value: '85.50', source: '' } })?.cents as bigint)).toBe('5.50');
  });

  it('a formula: 预算执行率 × points, capped at full', () => {
    const c = criterion('x', null, '5', { type: 'formula', text: '', measure: 'execution-rate', full: '100' });
    expect(formatCents(computedScore(c, { 'execution-rate': { value: '92.50', source: '' } })?.cents as bigint)).toBe('4.63');
    expect(formatCents(computedScore(c, { 'execution-rate': { value: '120.00', source: '' } })?.cents as bigint)).toBe('5.00');
    expect(formatCents(computedScore(c, { 'execution-rate': { value: '-3', source: '' } })?.cents as bigint)).toBe('0.00');
  });

  it('band limits: the lower bound is in the band, the upper in the next, the top band includes its top', () => {
    const bands = FOUR_BANDS.type === 'bands' ? FOUR_BANDS.bands : [];
    expect(bandOf(450n, 500n, bands)).toBe('优');
    expect(bandOf(449n, 500n, bands)).toBe('良');
    expect(bandOf(500n, 500n, bands)).toBe('优');
    expect(bandOf(375n, 500n, bands)).toBe('良');
    expect(bandOf(374n, 500n, bands)).toBe('中');
    expect(bandOf(300n, 500n, bands)).toBe('中');
    expect(bandOf(299n, 500n, bands)).toBe('差');
    expect(bandOf(0n, 500n, bands)).toBe('差');
    expect(bandOf(300n, 500n, [{ name: '优', from: '90', to: '100' }])).toBeNull();
  });

  it('the department ratios from the figures entered once a year', () => {
    expect(staffControlRate({ establishment: 40, staff: 42, threePublic: null, threePublicLast: null })).toBe('105.00');
    expect(threePublicChangeRate({ establishment: null, staff: null, threePublic: '10.25', threePublicLast: '10.00' })).toBe('2.50');
    expect(threePublicChangeRate({ establishment: null, staff: null, threePublic: '10.25', threePublicLast: '0.00' })).toBeNull();
    expect(departmentMeasures({ establishment: 3, staff: 2, threePublic: null, threePublicLast: null }, 'x')).toEqual({ 'staff-control-rate': { value: '66.67', source: 'x' } });
  });
});

describe('grades at every edge', () => {
  it('优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差', () => {
    expect([9000n, 8999n, 8000n, 7999n, 6000n, 5999n, 0n, 10_000n].map((t) => gradeOf(t))).toEqual(['优', '良', '良', '中', '中', '差', '差', '优']);
  });
  it("and the region's bands", () => {
    const grades = { 优: 85, 良: 75, 中: 60 };
    expect([8500n, 8499n, 7500n, 7499n].map((t) => gradeOf(t, grades))).toEqual(['优', '良', '良', '中']);
  });
});

describe('an assessment', () => {
  it('aggregates each criterion, sums the levels and grades the total', () => {
    const a = sheet(
      [criterion('1', null, '40'), criterion('1.1', '1', '20'), criterion('1.2', '1', '20'), criterion('2', null, '60')],
      experts(3),
      [
        ['e1', '1.1', '18'],
        ['e2', '1.1', '17'],
        ['e3', '1.1', '16'],
        ['e1', '1.2', '20'],
        ['e2', '1.2', '19.5'],
        ['e3', '1.2', '19'],
        ['e1', '2', '55'],
        ['e2', '2', '50'],
        ['e3', '2', '52'],
      ],
    );
    const r = scoreAssessment(a);
    expect(r.levels).toEqual([
      { id: '1', name: '指标1', weight: '40.00', score: '36.50' },
      { id: '2', name: '指标2', weight: '60.00', score: '52.33' },
    ]);
    expect(r.total).toBe('88.83');
    expect(r.grade).toBe('良');
    expect(r.criteria.find((c) => c.id === '1.1')).toMatchObject({ score: '17.00', min: '16.00', max: '18.00', spread: '2.00', outliers: [] });
    expect(r.scorers.map((s) => s.total)).toEqual(['93.00', '86.50', '87.00']);
    expect(r.scorers.map((s) => s.deviation)).toEqual(['6.00', '-0.50', '0.00']);
  });

  it('flags a scorer far from the others, on a criterion and on the total', () => {
    const a = sheet([criterion('1', null, '100')], experts(4), [
      ['e1', '1', '85'],
      ['e2', '1', '86'],
      ['e3', '1', '84'],
      ['e4', '1', '50'],
    ]);
    const r = scoreAssessment(a);
    expect(r.criteria[0]?.outliers).toEqual(['e4']);
    expect(r.scorers.map((s) => s.flagged)).toEqual([false, false, false, true]);
    expect(r.scorers[3]?.deviation).toBe('-34.50');
    expect(scoreAssessment(a, { ...DEFAULT_ASSESSMENT_SETTINGS, outlierPoints: '40', outlierShare: '0.4' }).scorers.some((s) => s.flagged)).toBe(false);
  });

  it('shows the self-score beside, never in the aggregate', () => {
    const a = sheet([criterion('1', null, '100')], [...experts(2), { id: 'self', name: '部门自评', role: 'self', weight: null }], [
      ['e1', '1', '80'],
      ['e2', '1', '90'],
      ['self', '1', '98'],
    ]);
    const r = scoreAssessment(a);
    expect(r.criteria[0]).toMatchObject({ score: '85.00', self: '98.00' });
    expect(r.scorers.map((s) => s.id)).toEqual(['e1', 'e2']);
  });

  it('computes a criterion from data where Jixiao holds the figure, and lets scorers score it where not', () => {
    const c = [criterion('1', null, '90'), criterion('2', null, '10', { type: 'formula', text: '', measure: 'execution-rate', full: '100' })];
    const scores: Array<[string, string, string]> = [
      ['e1', '1', '80'],
      ['e1', '2', '7'],
    ];
    expect(scoreAssessment(sheet(c, experts(1), scores, { data: { 'execution-rate': { value: '95.00', source: '自评表' } } })).total).toBe('89.50');
    expect(scoreAssessment(sheet(c, experts(1), scores)).total).toBe('87.00');
    const findings = assessmentFindings(sheet(c, experts(1), scores), scoreAssessment(sheet(c, experts(1), scores)));
    expect(findings.map((f) => f.rule)).toContain('assessment-data');
  });

  it('is incomplete until every criterion is scored', () => {
    const r = scoreAssessment(sheet([criterion('1', null, '50'), criterion('2', null, '50')], experts(1), [['e1', '1', '40']]));
    expect(r).toMatchObject({ total: null, grade: null, complete: false });
    expect(r.levels.map((l) => l.score)).toEqual(['40.00', null]);
  });

  it('refuses a score outside its criterion’s range, naming the criterion', () => {
    const a = sheet([criterion('1', null, '5'), criterion('2', null, '95')], experts(1), [
      ['e1', '1', '6'],
      ['e1', '3', '1'],
      ['x', '1', '1'],
    ]);
    const problems = validateAssessment(a);
    expect(problems.map((p) => p.path)).toEqual(['scores.0.score', 'scores.1.criterion', 'scores.2.scorer']);
    expect(problems[0]?.message.zh).toContain('「指标1」');
    expect(problems[0]?.message.zh).toContain('超出其分值范围 0–5');
    // Left out of the result: no aggregate is ever outside its range.
    expect(scoreAssessment(a).criteria[0]?.score).toBeNull();
  });

  it('refuses a banded score in no band', () => {
    const a = sheet([criterion('1', null, '5', { type: 'bands', text: '', bands: [{ name: '优', from: '90', to: '100' }, { name: '差', from: '0', to: '60' }] }), criterion('2', null, '95')], experts(1), [['e1', '1', '4']]);
    expect(validateAssessment(a)[0]?.message.zh).toContain('不在任何等级区间内');
  });

  it('says where the weights do not add up', () => {
    const problems = weightProblems([criterion('1', null, '20'), criterion('1.1', '1', '12'), criterion('1.2', '1', '6'), criterion('2', null, '75')], 'key-evaluation');
    expect(problems.map((p) => p.message.zh)).toEqual(['「指标1」下各项合计 18.00 分，应为 20.00 分', '一级指标合计 95.00 分，应为 100 分']);
  });

  it('blends a sampling review: 0.4 × quality + 0.6 × re-score, rounded once, beside the self-score', () => {
    const c = [criterion('quality', null, '100'), criterion('q1', 'quality', '100'), criterion('rescore', null, '100'), criterion('r1', 'rescore', '60'), criterion('r2', 'rescore', '40')];
    const a = sheet(c, [...experts(1), { id: 'self', name: '自评', role: 'self', weight: null }], [
      ['e1', 'q1', '85.55'],
      ['e1', 'r1', '50'],
      ['e1', 'r2', '27.77'],
      ['self', 'r1', '60'],
      ['self', 'r2', '38'],
    ], { purpose: 'sampling-review', blend: { quality: '0.4', rescore: '0.6' } });
    expect(weightProblems(c, 'sampling-review')).toEqual([]);
    const r = scoreAssessment(a);
    // 0.4 × 85.55 + 0.6 × 77.77 = 34.22 + 46.662 = 80.882
    expect(r.total).toBe('80.88');
    expect(r.grade).toBe('良');
    expect(r.sampling).toMatchObject({ quality: '85.55', rescore: '77.77', self: { score: '98.00', grade: '优' }, difference: '-17.12' });
    expect(scoreAssessment({ ...a, blend: { quality: '0.5', rescore: '0.5' } }).total).toBe('81.66');
    expect(validateAssessment({ ...a, blend: { quality: '0.5', rescore: '0.6' } }).map((p) => p.path)).toEqual(['blend']);
  });

  it('suggests an ex-ante decision by grade, and checks the amounts', () => {
    const example = exampleAssessment();
    expect(validateAssessment(example)).toEqual([]);
    const r = scoreAssessment(example);
    expect(r.complete).toBe(true);
    expect(r.suggestedDecision).toBe(r.grade === '优' || r.grade === '良' ? 'support' : r.grade === '中' ? 'support-after-adjustment' : 'reject');
    const findings = assessmentFindings({ ...example, conclusion: { ...example.conclusion, cut: '40.00' } }, r);
    expect(findings.filter((f) => f.rule === 'assessment-cut').map((f) => f.message.zh)).toEqual(['支持金额 430.00 与核减金额 40.00 之和不等于申请金额 480.00 万元']);
  });

  it('every built-in template adds up', () => {
    for (const t of BUILT_IN_TEMPLATES) expect(weightProblems(t.criteria, t.purpose, { template: true }), t.key).toEqual([]);
  });
});

/** A random, consistent tree of criteria (children's weights add up to their parent's) and random scores within range. */
const sheets = fc
  .record({
    levels: fc.array(fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
    scorers: fc.integer({ min: 1, max: 6 }),
    method: fc.constantFrom('mean' as const, 'trimmed-mean' as const, 'weighted-mean' as const),
    weights: fc.array(fc.integer({ min: 1, max: 30_000 }), { minLength: 6, maxLength: 6 }),
    seedScores: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ levels, scorers, method, weights, seedScores }) => {
    const criteria: Criterion[] = [];
    levels.forEach((children, i) => {
      const weight = children.reduce((s, w) => s + w, 0);
      criteria.push(criterion(`${i + 1}`, null, formatCents(BigInt(weight))));
      children.forEach((w, k) => criteria.push(criterion(`${i + 1}.${k + 1}`, `${i + 1}`, formatCents(BigInt(w)))));
    });
    const panel = experts(scorers, weights.map((w) => formatCents(BigInt(w))));
    const leaves = criteria.filter((c) => c.parent !== null);
    const scores: Array<[string, string, string]> = [];
    let at = 0;
    panel.forEach((s) =>
      leaves.forEach((c) => {
        const weight = parseCents(c.weight) as bigint;
        const share = BigInt(seedScores[at++ % seedScores.length] as number);
        scores.push([s.id, c.id, formatCents((weight * share) / 10_000n)]);
      }),
    );
    return sheet(criteria, panel, scores, { aggregation: { method, drop: 1 } });
  });

describe('properties (fast-check, fixed seeds)', () => {
  it('an aggregate is never outside its criterion’s range, nor outside its scorers’ scores', () => {
    fc.assert(
      fc.property(sheets, (a) => {
        const r = scoreAssessment(a);
        for (const c of r.criteria) {
          if (c.score === null) continue;
          const s = parseCents(c.score) as bigint;
          expect(s >= 0n && s <= (parseCents(c.weight) as bigint)).toBe(true);
          if (c.leaf && c.min !== null && c.max !== null) expect(s >= (parseCents(c.min) as bigint) && s <= (parseCents(c.max) as bigint)).toBe(true);
        }
      }),
      { seed: 25, numRuns: 300 },
    );
  });

  it('the total is the sum of the printed first-level scores, and each level the sum of its printed criteria', () => {
    fc.assert(
      fc.property(sheets, (a) => {
        const r = scoreAssessment(a);
        expect(r.complete).toBe(true);
        const sum = r.levels.reduce((s, l) => s + (parseCents(l.score as string) as bigint), 0n);
        expect(r.total).toBe(formatCents(sum));
        for (const level of r.levels) {
          const children = r.criteria.filter((c) => c.parent === level.id);
          expect(level.score).toBe(formatCents(children.reduce((s, c) => s + (parseCents(c.score as string) as bigint), 0n)));
        }
        expect(r.grade).toBe(gradeOf(sum));
      }),
      { seed: 2025, numRuns: 300 },
    );
  });

  it('scores within range are never refused', () => {
    fc.assert(
      fc.property(sheets, (a) => {
        expect(validateAssessment(a)).toEqual([]);
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
