import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEAGUE_CONFIG, leagueTable, scoreDepartment, type DepartmentYear } from './league.ts';

const year = (name: string, overrides: Partial<DepartmentYear> = {}): DepartmentYear => ({
  departmentId: name,
  departmentName: name,
  targetForms: 10,
  targetErrors: 0,
  reportsDue: 4,
  reportsOnTime: 4,
  sampled: [{ self: '92.00', review: '92.00' }],
  rectificationItems: 2,
  rectificationOverdue: 0,
  disclosureForms: 10,
  disclosureOnTime: 10,
  ...overrides,
});

describe('the league table of budget management', () => {
  it('gives a department that did everything on time and right the whole scale', () => {
    const row = scoreDepartment(year('审计局'));
    expect(row.total).toBe('100.00');
    expect(row.measures.map((m) => m.points)).toEqual(['20.00', '20.00', '20.00', '20.00', '20.00']);
  });

  it('scores each measure from its figure, shown beside it', () => {
    const row = scoreDepartment(
      year('数据局', { targetErrors: 25, reportsOnTime: 3, sampled: [{ self: '95.00', review: '80.00' }, { self: '88.00', review: '83.00' }], rectificationOverdue: 1, disclosureOnTime: 7 }),
    );
    expect(row.measures.map((m) => [m.measure, m.figure, m.points])).toEqual([
      // 2.5 errors a form of the 5 at which it reaches zero: half the points.
      ['targetFindings', '2.50', '10.00'],
      ['monitoringOnTime', '75.00%', '15.00'],
      // A mean gap of 10 points of the 20 at which it reaches zero.
      ['evaluationAccuracy', '10.00', '10.00'],
      ['rectificationOnTime', '50.00%', '10.00'],
      ['disclosureOnTime', '70.00%', '14.00'],
    ]);
    expect(row.total).toBe('59.00');
  });

  it('never goes below zero however many errors, and rescales over the measures that apply', () => {
    const row = scoreDepartment(year('新局', { targetErrors: 200, sampled: [], rectificationItems: 0 }));
    expect(row.measures[0]?.points).toBe('0.00');
    expect(row.measures[2]).toMatchObject({ figure: null, points: null });
    // 0 + 20 + 20 of the 60 points that apply, on a scale of 100.
    expect(row.total).toBe('66.67');
    expect(scoreDepartment(year('空局', { targetForms: 0, reportsDue: 0, sampled: [], rectificationItems: 0, disclosureForms: 0 })).total).toBeNull();
  });

  it('ranks best first, equal totals sharing a rank, those with nothing to rank on last', () => {
    const rows = leagueTable([year('丙局', { reportsOnTime: 2 }), year('甲局'), year('乙局'), year('丁局', { targetForms: 0, reportsDue: 0, sampled: [], rectificationItems: 0, disclosureForms: 0 })]);
    expect(rows.map((r) => [r.departmentName, r.rank, r.total])).toEqual([
      ['甲局', 1, '100.00'],
      ['乙局', 1, '100.00'],
      ['丙局', 3, '90.00'],
      ['丁局', null, null],
    ]);
  });

  it('follows the bureau’s weights', () => {
    const config = { ...DEFAULT_LEAGUE_CONFIG, weights: { targetFindings: 40, monitoringOnTime: 30, evaluationAccuracy: 10, rectificationOnTime: 10, disclosureOnTime: 10 } };
    expect(scoreDepartment(year('数据局', { reportsOnTime: 2 }), config).total).toBe('85.00');
  });

  it('keeps every total within the scale and every measure within its weight', () => {
    const counts = fc.tuple(fc.nat(50), fc.nat(50)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    const score = fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 100).toFixed(2));
    fc.assert(
      fc.property(counts, fc.nat(300), counts, fc.array(fc.record({ self: score, review: score }), { maxLength: 5 }), counts, counts, (targets, errors, reports, sampled, rect, disclosure) => {
        const row = scoreDepartment({ departmentId: 'd', departmentName: 'd', targetForms: targets[1], targetErrors: errors, reportsDue: reports[1], reportsOnTime: reports[0], sampled, rectificationItems: rect[1], rectificationOverdue: rect[0], disclosureForms: disclosure[1], disclosureOnTime: disclosure[0] });
        for (const m of row.measures) {
          if (m.points === null) continue;
          expect(Number(m.points)).toBeGreaterThanOrEqual(0);
          expect(Number(m.points)).toBeLessThanOrEqual(m.weight);
        }
        if (row.total !== null) expect(Number(row.total)).toBeLessThanOrEqual(100);
      }),
    );
  });
});
