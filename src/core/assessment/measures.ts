/**
 * The figures an assessment's formulas and deductions read (domain-evaluation.md §3): what Jixiao
 * computes from what it holds — the execution rate from a self-evaluation or a monitoring report —
 * and the department ratios from the few figures it lacks (编制数, 在职人数, 三公经费 this year and
 * last), entered once per department and year. Exact; each rate rounded once to two places.
 */
import { divide, minus, ratio, ratioOf, times, toFixed2 } from '../monitoring/ratio.ts';
import type { MeasureValue } from './assessment.ts';

export const MEASURES: Readonly<Record<string, { readonly zh: string; readonly en: string; readonly unit: '%' }>> = {
  'execution-rate': { zh: '预算执行率', en: 'budget execution rate', unit: '%' },
  'staff-control-rate': { zh: '在职人员控制率', en: 'staff control rate', unit: '%' },
  'three-public-change-rate': { zh: '"三公经费"变动率', en: 'change of the "three public" expenses', unit: '%' },
};

/** The figures of a department's year that Jixiao does not hold elsewhere. */
export interface DepartmentFigures {
  /** 编制数 */
  readonly establishment: number | null;
  /** 在职人数 */
  readonly staff: number | null;
  /** 三公经费 this year and last (万元), exact. */
  readonly threePublic: string | null;
  readonly threePublicLast: string | null;
}

const HUNDRED = ratio(100n);

/** 在职人员控制率 = 在职人数 ÷ 编制数 × 100, two places; null without both. */
export function staffControlRate(figures: DepartmentFigures): string | null {
  if (figures.establishment === null || figures.staff === null || figures.establishment <= 0) return null;
  const share = divide(ratio(BigInt(figures.staff)), ratio(BigInt(figures.establishment)));
  return share === null ? null : toFixed2(times(share, HUNDRED));
}

/** "三公经费"变动率 = (本年 − 上年) ÷ 上年 × 100, two places; null without a positive last year. */
export function threePublicChangeRate(figures: DepartmentFigures): string | null {
  const now = figures.threePublic === null ? null : ratioOf(figures.threePublic);
  const last = figures.threePublicLast === null ? null : ratioOf(figures.threePublicLast);
  if (now === null || last === null || last.num <= 0n) return null;
  const share = divide(minus(now, last), last);
  return share === null ? null : toFixed2(times(share, HUNDRED));
}

/** The measures of a department's figures, with their source. */
export function departmentMeasures(figures: DepartmentFigures, source: string): Record<string, MeasureValue> {
  const out: Record<string, MeasureValue> = {};
  const staff = staffControlRate(figures);
  if (staff !== null) out['staff-control-rate'] = { value: staff, source };
  const change = threePublicChangeRate(figures);
  if (change !== null) out['three-public-change-rate'] = { value: change, source };
  return out;
}
