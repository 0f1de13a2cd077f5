/**
 * The yearly league table of budget management (预算管理综合考核): departments ranked on a composite the
 * bureau configures from five measures of how they managed performance — the quality of their target
 * forms, monitoring reports on time, self-evaluations that sampling reviews confirm, rectification on
 * time, and disclosure on time. Pure and exact: each measure's points are rounded once to two places,
 * and the total is their sum rescaled to the whole scale over the measures that apply.
 */
import { absolute, compare, divide, isZero, minus, ratio, ratioOf, times, toFixed2, type Ratio } from '../monitoring/ratio.ts';

export const LEAGUE_MEASURES = ['targetFindings', 'monitoringOnTime', 'evaluationAccuracy', 'rectificationOnTime', 'disclosureOnTime'] as const;
export type LeagueMeasure = (typeof LEAGUE_MEASURES)[number];

/** Each measure's name, as the table's columns read. */
export const LEAGUE_MEASURE_NAMES: Record<LeagueMeasure, { zh: string; en: string }> = {
  targetFindings: { zh: '目标申报质量', en: 'Target forms' },
  monitoringOnTime: { zh: '监控按时报送', en: 'Monitoring on time' },
  evaluationAccuracy: { zh: '自评准确性', en: 'Self-evaluation accuracy' },
  rectificationOnTime: { zh: '整改按时完成', en: 'Rectification on time' },
  disclosureOnTime: { zh: '信息按时公开', en: 'Disclosure on time' },
};

/** What the bureau configures: the points of each measure and where a measure reaches zero. */
export interface LeagueConfig {
  /** Points per measure (whole numbers); their sum is the scale. */
  readonly weights: Readonly<Record<LeagueMeasure, number>>;
  /** Errors per target form at which its measure gives nothing (linear from full points at none). */
  readonly errorsForZero: number;
  /** The mean gap in points between a self-evaluation and its sampling review at which accuracy gives nothing. */
  readonly gapForZero: number;
}

export const DEFAULT_LEAGUE_CONFIG: LeagueConfig = {
  weights: { targetFindings: 20, monitoringOnTime: 20, evaluationAccuracy: 20, rectificationOnTime: 20, disclosureOnTime: 20 },
  errorsForZero: 5,
  gapForZero: 20,
};

/** What the store knows of a department's year, counted. */
export interface DepartmentYear {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly targetForms: number;
  /** Error findings on those forms, all together. */
  readonly targetErrors: number;
  /** Monitoring reports whose round was due, and those submitted by the due day. */
  readonly reportsDue: number;
  readonly reportsOnTime: number;
  /** Each sampled self-evaluation's own total beside the sampling review's (decimal strings). */
  readonly sampled: ReadonlyArray<{ readonly self: string; readonly review: string }>;
  /** Rectification items of the year, and those left open past their deadline. */
  readonly rectificationItems: number;
  readonly rectificationOverdue: number;
  /** Forms that were due to be public, and those published on time. */
  readonly disclosureForms: number;
  readonly disclosureOnTime: number;
}

/** One measure of one department: the figure it read, and its points (null: nothing to measure). */
export interface MeasureScore {
  readonly measure: LeagueMeasure;
  /** The figure, as shown: errors per form, a percent, or a mean gap in points. */
  readonly figure: string | null;
  readonly points: string | null;
  readonly weight: number;
}

export interface LeagueRow {
  /** 1 for the best; departments with the same total share a rank. Null: nothing to rank on. */
  readonly rank: number | null;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly total: string | null;
  readonly measures: readonly MeasureScore[];
}

const ONE = ratio(1n);
const ZERO = ratio(0n);
const HUNDRED = ratio(100n);

/** Full points at `best`, none at `zeroAt`, linear between (never below zero). */
function falling(value: Ratio, zeroAt: Ratio): Ratio {
  if (isZero(zeroAt)) return isZero(value) ? ONE : ZERO;
  const share = minus(ONE, divide(value, zeroAt) as Ratio);
  return compare(share, ZERO) < 0 ? ZERO : share;
}

/** Two places, as printed, back as a ratio: the total adds what the table shows. */
const printed = (value: Ratio): Ratio => ratioOf(toFixed2(value)) as Ratio;

function measure(m: LeagueMeasure, year: DepartmentYear, config: LeagueConfig): MeasureScore {
  const weight = config.weights[m];
  const w = ratio(BigInt(weight));
  const none = { measure: m, figure: null, points: null, weight };
  const share = (part: number, whole: number) => {
    if (whole === 0) return none;
    const r = ratio(BigInt(part), BigInt(whole));
    return { measure: m, figure: `${toFixed2(times(r, HUNDRED))}%`, points: toFixed2(times(r, w)), weight };
  };
  switch (m) {
    case 'targetFindings': {
      if (year.targetForms === 0) return none;
      const perForm = ratio(BigInt(year.targetErrors), BigInt(year.targetForms));
      return { measure: m, figure: toFixed2(perForm), points: toFixed2(times(falling(perForm, ratio(BigInt(config.errorsForZero))), w)), weight };
    }
    case 'monitoringOnTime':
      return share(year.reportsOnTime, year.reportsDue);
    case 'evaluationAccuracy': {
      const gaps = year.sampled.map((s) => {
        const self = ratioOf(s.self);
        const review = ratioOf(s.review);
        return self && review ? absolute(minus(self, review)) : null;
      });
      const known = gaps.filter((g): g is Ratio => g !== null);
      if (known.length === 0) return none;
      const sum = known.reduce((a, b) => ratio(a.num * b.den + b.num * a.den, a.den * b.den), ZERO);
      const mean = divide(sum, ratio(BigInt(known.length))) as Ratio;
      return { measure: m, figure: toFixed2(mean), points: toFixed2(times(falling(mean, ratio(BigInt(config.gapForZero))), w)), weight };
    }
    case 'rectificationOnTime':
      return share(year.rectificationItems - year.rectificationOverdue, year.rectificationItems);
    case 'disclosureOnTime':
      return share(year.disclosureOnTime, year.disclosureForms);
  }
}

/** One department's measures and total: the printed points summed, rescaled to the scale over the measures that apply. */
export function scoreDepartment(year: DepartmentYear, config: LeagueConfig = DEFAULT_LEAGUE_CONFIG): Omit<LeagueRow, 'rank'> {
  const measures = LEAGUE_MEASURES.map((m) => measure(m, year, config));
  const scale = LEAGUE_MEASURES.reduce((sum, m) => sum + config.weights[m], 0);
  const applying = measures.filter((m) => m.points !== null);
  const applicable = applying.reduce((sum, m) => sum + m.weight, 0);
  let total: string | null = null;
  if (applicable > 0 && scale > 0) {
    const points = applying.reduce((sum, m) => {
      const p = printed(ratioOf(m.points as string) as Ratio);
      return ratio(sum.num * p.den + p.num * sum.den, sum.den * p.den);
    }, ZERO);
    total = toFixed2(divide(times(points, ratio(BigInt(scale))), ratio(BigInt(applicable))) as Ratio);
  }
  return { departmentId: year.departmentId, departmentName: year.departmentName, total, measures };
}

/** The league table: every department scored, best first, equal totals sharing a rank (then by name). */
export function leagueTable(years: readonly DepartmentYear[], config: LeagueConfig = DEFAULT_LEAGUE_CONFIG): LeagueRow[] {
  const scored = years.map((y) => scoreDepartment(y, config));
  const value = (t: string | null) => (t === null ? null : (ratioOf(t) as Ratio));
  scored.sort((a, b) => {
    const x = value(a.total);
    const y = value(b.total);
    if (x === null || y === null) return x === y ? a.departmentName.localeCompare(b.departmentName, 'zh') : x === null ? 1 : -1;
    return compare(y, x) || a.departmentName.localeCompare(b.departmentName, 'zh');
  });
  const rows: LeagueRow[] = [];
  for (const [i, row] of scored.entries()) {
    const previous = rows[i - 1];
    const rank = row.total === null ? null : previous && previous.total === row.total ? previous.rank : i + 1;
    rows.push({ ...row, rank });
  }
  return rows;
}
