/**
 * The scoring of a self-evaluation (domain.md §4, formulas 1–9), pure and exact: no binary float
 * decides a score. Every choice the sources disagree on is a setting of {@link ScoringConfig},
 * configurable per region, and each result says which formula produced it.
 *
 *   execution   S = points × min(executed ÷ budget, 100%)                       (formulas 1–2)
 *   positive    S = w if A ≥ T, else w × A ÷ T                                  (3)
 *   reverse     (b, default) S = w if A ≤ T; w × (1 − (A − T) ÷ T) if A < 2T; 0  (4b)
 *               (a)          S = w if A ≤ T, else w × T ÷ A                      (4a)
 *   equality    T > 0: as positive; T = 0: w if A ≤ 0, else 0                    (5)
 *   qualitative the evaluator's score inside the grade's band: 达成 [80%, 100%],
 *               部分达成 [50%, 80%), 未达成 [0, 50%) of w (80/50 default; 80/60)  (7)
 *   deadline    w when done by the date, else 0
 *   not applicable: dropped, the others rescaled to the indicators' full points   (8)
 *   total = execution + indicators, grade 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差        (9)
 *
 * Each row's score is computed exactly and rounded once, to two places, as published tables print
 * it; the total is the sum of the printed rows, so that a table's rows always add up to its total.
 */
import type { EvaluationFunds, EvaluationGrade, EvaluationIndicator, SelfEvaluation } from '../selfEvaluation.ts';
import { parseTargetValue, type TargetValue } from '../targetValue.ts';
import { compare, divide, isZero, minus, ratio, ratioOf, times, toFixed2, type Ratio } from '../monitoring/ratio.ts';

export interface ScoringConfig {
  /** Points of budget execution (10). */
  readonly executionPoints: number;
  /** Cap the execution rate at 100% (formula 2; an uncapped rate would score above its points). */
  readonly capExecution: boolean;
  /** An execution rate below this percentage needs a cause (rule E7; Sichuan 90). */
  readonly executionCauseBelow: number;
  /** Which reverse formula: `linear` (4b, default) or `proportional` (4a). */
  readonly reverseFormula: 'linear' | 'proportional';
  /** Lower edges of the qualitative bands in percent of the points: 达成 ≥ achieved, 部分达成 ≥ partial. */
  readonly qualitativeBands: { readonly achieved: number; readonly partial: number };
  /**
   * First-level weights (产出 50 / 效益 30 / 满意度 10, as 财预〔2020〕10号). The classes a form has share
   * the indicators' points (100 − execution) in these proportions. 成本指标 counts within 产出's weight
   * (10号 prints cost under output) unless a region gives 成本指标 a weight of its own.
   */
  readonly levelWeights: Readonly<Record<string, number>>;
  /** An actual at or above this percentage of its target needs an explanation (130); null: never. */
  readonly overAchievementPercent: number | null;
  /** Percent of its points an over-achieving indicator loses (0: none, the default). */
  readonly overAchievementDeduction: number;
  /** Lower bounds (inclusive) of 优, 良, 中. */
  readonly grades: { readonly 优: number; readonly 良: number; readonly 中: number };
}

export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  executionPoints: 10,
  capExecution: true,
  executionCauseBelow: 90,
  reverseFormula: 'linear',
  qualitativeBands: { achieved: 80, partial: 50 },
  levelWeights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  overAchievementPercent: 130,
  overAchievementDeduction: 0,
  grades: { 优: 90, 良: 80, 中: 60 },
};

/** Which formula scored an indicator. */
export type ScoreFormula = 'positive' | 'reverse-linear' | 'reverse-proportional' | 'equal' | 'equal-zero' | 'qualitative' | 'deadline' | 'not-applicable' | 'none';

/** Why an indicator has no score. */
export type ScoreProblem = 'no-points' | 'no-actual' | 'not-comparable' | 'unit-mismatch' | 'choose-score' | 'outside-band';

export interface IndicatorScore {
  /** The score, two decimals, in the indicator's own points (before rescaling); null when none. */
  readonly score: string | null;
  /** The score after rescaling for indicators not applicable, two decimals; what the total adds. */
  readonly counted: string | null;
  readonly formula: ScoreFormula;
  /** The computation in words and numbers, e.g. `20 × 85 ÷ 90`. */
  readonly expression: string;
  readonly problem?: ScoreProblem;
  /** For a qualitative indicator: the band its grade allows, in points. */
  readonly band?: { readonly min: string; readonly max: string; readonly maxIncluded: boolean };
  /** The target was missed: a cause and measures are required (rule E6). */
  readonly missed: boolean;
  /** The actual is at or above the over-achievement threshold: an explanation is required (rule E6). */
  readonly overAchieved: boolean;
}

export interface EvaluationScore {
  readonly funds: { readonly rate: string | null; readonly score: string | null; readonly points: string; readonly expression: string };
  readonly indicators: readonly IndicatorScore[];
  /** Σ points of the applicable indicators, and the factor they were rescaled by. */
  readonly rescale: { readonly applicablePoints: string; readonly fullPoints: string; readonly factor: string } | null;
  readonly total: string | null;
  readonly grade: EvaluationGrade | null;
}

const HUNDRED = ratio(100n);
const ONE = ratio(1n);
const TWO = ratio(2n);
const ZERO = ratio(0n);

const decimal = (text: string | null): Ratio | null => (text === null ? null : ratioOf(text.trim()));
const percentOf = (n: number): Ratio => ratio(BigInt(Math.round(n * 100)), 10_000n);
const min = (a: Ratio, b: Ratio) => (compare(a, b) <= 0 ? a : b);
const max = (a: Ratio, b: Ratio) => (compare(a, b) >= 0 ? a : b);
/** A ratio rounded to two places (half away from zero, as toFixed2): what a printed table holds. */
const printed = (r: Ratio): Ratio => {
  const negative = r.num < 0n;
  const cents = ((negative ? -r.num : r.num) * 200n + r.den) / (2n * r.den);
  return ratio(negative ? -cents : cents, 100n);
};

/** 达成 / 部分达成 / 未达成 (and their common variants) in an actual, or null. */
export function qualitativeGrade(text: string): 'achieved' | 'partial' | 'missed' | null {
  const compact = text.replace(/\s/g, '');
  if (/^(未达成|未完成|未实现|未达到|未达标)/.test(compact)) return 'missed';
  if (/^(部分达成|部分完成|基本达成|基本完成|部分实现|部分达到)/.test(compact)) return 'partial';
  if (/^(达成|已达成|完成|已完成|全部完成|实现|已实现|达到|达标|是|优|良好|好)/.test(compact)) return 'achieved';
  return null;
}

/** Formulas 1–2: the execution rate and its score. */
export function executionScore(funds: Pick<EvaluationFunds, 'annualBudget' | 'initialBudget' | 'executed' | 'points'> & { items?: EvaluationFunds['items'] }, config: ScoringConfig = DEFAULT_SCORING_CONFIG): EvaluationScore['funds'] {
  const points = decimal(funds.points) ?? ratio(BigInt(Math.round(config.executionPoints * 100)), 100n);
  let budget = decimal(funds.annualBudget) ?? decimal(funds.initialBudget);
  let executed = decimal(funds.executed);
  // A total row printed blank or as zeros over sources that hold the money: the sources' sums.
  if ((budget === null || isZero(budget)) && funds.items) {
    const sources = funds.items.filter((item) => !/^(年度资金总额|资金总额|总额|合计|合计金额)$/.test(item.label));
    const add = (list: Array<Ratio | null>) => list.reduce<Ratio | null>((sum, r) => (r === null ? sum : sum === null ? r : ratio(sum.num * r.den + r.num * sum.den, sum.den * r.den)), null);
    const itemsBudget = add(sources.map((item) => decimal(item.annualBudget) ?? decimal(item.initialBudget)));
    if (itemsBudget !== null && !isZero(itemsBudget)) {
      budget = itemsBudget;
      executed = add(sources.map((item) => decimal(item.executed)));
    }
  }
  const pointsText = toFixed2(points);
  if (budget === null || executed === null || isZero(budget)) return { rate: null, score: null, points: pointsText, expression: '' };
  const share = divide(executed, budget) as Ratio;
  const counted = config.capExecution ? min(share, ONE) : share;
  const score = printed(times(points, max(counted, ZERO)));
  return {
    rate: toFixed2(times(share, HUNDRED)),
    score: toFixed2(score),
    points: pointsText,
    expression: `${pointsText} × ${config.capExecution && compare(share, ONE) > 0 ? '100%' : `${toFixed2(times(share, HUNDRED))}%`}`,
  };
}

function quantity(value: TargetValue): Ratio | null {
  return value.kind === 'quantity' ? ratioOf(value.value) : null;
}

/** A date as YYYYMMDD: `2025-11-20`, `2025年11月20日`, `11月20日` (in the year). */
function dayNumber(text: string, year: number, parsedAlready?: TargetValue): number | null {
  const iso = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(text.trim());
  if (iso) return Number(iso[1]) * 10000 + Number(iso[2]) * 100 + Number(iso[3]);
  const parsed = parsedAlready ?? parseTargetValue(text);
  if (parsed.kind !== 'deadline') return null;
  const y = parsed.year ?? year;
  const last = new Date(Date.UTC(y, parsed.month, 0)).getUTCDate();
  return y * 10000 + parsed.month * 100 + (parsed.day ?? (parsed.part === '上旬' ? 10 : parsed.part === '中旬' ? 20 : last));
}

/** The band a qualitative grade allows, in points. */
function bandOf(grade: 'achieved' | 'partial' | 'missed', w: Ratio, config: ScoringConfig): { min: Ratio; max: Ratio; maxIncluded: boolean } {
  const achieved = times(w, percentOf(config.qualitativeBands.achieved));
  const partial = times(w, percentOf(config.qualitativeBands.partial));
  if (grade === 'achieved') return { min: achieved, max: w, maxIncluded: true };
  if (grade === 'partial') return { min: partial, max: achieved, maxIncluded: false };
  return { min: ZERO, max: partial, maxIncluded: false };
}

interface RawScore {
  score: Ratio | null;
  formula: ScoreFormula;
  expression: string;
  problem?: ScoreProblem;
  band?: IndicatorScore['band'];
  missed: boolean;
  overAchieved: boolean;
}

/** Formulas 3–7 for one indicator, in its own points. */
const OVER_FACTORS = new WeakMap<ScoringConfig, Ratio>();
/** The over-achievement threshold as a fraction, once per configuration. */
function overFactor(config: ScoringConfig): Ratio {
  let factor = OVER_FACTORS.get(config);
  if (factor === undefined) {
    factor = percentOf(config.overAchievementPercent ?? 0);
    OVER_FACTORS.set(config, factor);
  }
  return factor;
}

const HUNDRED_POINTS = ratio(100n);

function none(problem: ScoreProblem, formula: ScoreFormula = 'none'): RawScore {
  return { score: null, formula, expression: '', problem, missed: false, overAchieved: false };
}

/** A decimal string with two places, without a detour through a fraction for the usual shapes. */
function twoPlaces(text: string, value: Ratio): string {
  if (/^\d+$/.test(text)) return `${text}.00`;
  if (/^\d+\.\d$/.test(text)) return `${text}0`;
  if (/^\d+\.\d\d$/.test(text)) return text;
  return toFixed2(value);
}

function rawScore(indicator: EvaluationIndicator, w: Ratio | null, year: number, config: ScoringConfig): RawScore {
  if (!indicator.applicable) return { score: null, formula: 'not-applicable', expression: '', missed: false, overAchieved: false };
  // Points below zero or above the whole scale are not points: no score, so no total, until fixed.
  if (w === null || w.num < 0n || compare(w, HUNDRED_POINTS) > 0) return none('no-points');
  const actualText = indicator.actual.trim();
  if (actualText === '') return none('no-actual');
  const wText = twoPlaces((indicator.points ?? '').trim(), w);
  const target = parseTargetValue(indicator.annualTarget);
  const actualValue = parseTargetValue(actualText);

  if (target.kind === 'deadline') {
    const due = dayNumber(indicator.annualTarget, year, target);
    const done = dayNumber(actualText, year);
    const met = done !== null && due !== null ? done <= due : qualitativeGrade(actualText) === 'achieved';
    return { score: met ? w : ZERO, formula: 'deadline', expression: met ? `按期完成 → ${wText}` : `逾期 → 0`, missed: !met, overAchieved: false };
  }

  const A = quantity(actualValue);
  const T = quantity(target);
  // An actual printed as the target's own words (显著提升 for 显著提升) says it was met.
  const sameWords = target.kind === 'qualitative' && actualText.replace(/\s/g, '') === indicator.annualTarget.replace(/\s/g, '');
  const grade = A === null ? (sameWords ? 'achieved' : qualitativeGrade(actualText)) : null;
  if (target.kind === 'qualitative' || (target.kind === 'quantity' && A === null && grade !== null)) {
    if (grade === null) return none('not-comparable', 'qualitative');
    const band = bandOf(grade, w, config);
    const shownBand = { min: toFixed2(band.min), max: toFixed2(band.max), maxIncluded: band.maxIncluded };
    const given = decimal(indicator.score);
    // The evaluator picks the score inside the band; a full 达成 needs no picking.
    const chosen = given ?? (grade === 'achieved' ? w : null);
    if (chosen === null) return { score: null, formula: 'qualitative', expression: '', problem: 'choose-score', band: shownBand, missed: true, overAchieved: false };
    const inside = compare(chosen, band.min) >= 0 && (band.maxIncluded ? compare(chosen, band.max) <= 0 : compare(chosen, band.max) < 0);
    if (!inside) return { score: null, formula: 'qualitative', expression: '', problem: 'outside-band', band: shownBand, missed: grade !== 'achieved', overAchieved: false };
    return { score: chosen, formula: 'qualitative', expression: `${grade === 'achieved' ? '达成' : grade === 'partial' ? '部分达成' : '未达成'} [${shownBand.min}, ${shownBand.max}${shownBand.maxIncluded ? ']' : ')'} → ${toFixed2(chosen)}`, band: shownBand, missed: compare(chosen, w) < 0, overAchieved: false };
  }
  if (target.kind !== 'quantity' || T === null) return none('not-comparable');
  if (A === null) return none('not-comparable');
  if (actualValue.kind === 'quantity' && actualValue.unit !== null && target.unit !== null && actualValue.unit !== target.unit) return none('unit-mismatch');
  const Aw = max(A, ZERO);
  const aText = actualValue.kind === 'quantity' ? actualValue.value.replace(/,/g, '') : toFixed2(A);
  const tText = target.value.replace(/,/g, '');

  if (target.operator === '≤' || target.operator === '<') {
    if (compare(A, T) <= 0) return { score: w, formula: config.reverseFormula === 'linear' ? 'reverse-linear' : 'reverse-proportional', expression: `${aText} ≤ ${tText} → ${wText}`, missed: false, overAchieved: false };
    if (isZero(T)) return { score: ZERO, formula: 'equal-zero', expression: `${aText} > 0 → 0`, missed: true, overAchieved: false };
    if (config.reverseFormula === 'proportional') {
      return { score: times(w, divide(T, A) as Ratio), formula: 'reverse-proportional', expression: `${wText} × ${tText} ÷ ${aText}`, missed: true, overAchieved: false };
    }
    const over = divide(minus(A, T), T) as Ratio;
    const score = compare(A, times(T, TWO)) >= 0 ? ZERO : times(w, minus(ONE, over));
    return { score, formula: 'reverse-linear', expression: compare(A, times(T, TWO)) >= 0 ? `${aText} ≥ 2 × ${tText} → 0` : `${wText} × (1 − (${aText} − ${tText}) ÷ ${tText})`, missed: true, overAchieved: false };
  }

  const formula: ScoreFormula = target.operator === '=' ? 'equal' : 'positive';
  if (isZero(T)) {
    const met = compare(A, ZERO) <= 0 || target.operator !== '=';
    return { score: met ? w : ZERO, formula: 'equal-zero', expression: met ? `${aText} → ${wText}` : `${aText} ≠ 0 → 0`, missed: !met, overAchieved: false };
  }
  const threshold = config.overAchievementPercent === null ? null : times(T, overFactor(config));
  const overAchieved = threshold !== null && compare(A, threshold) >= 0;
  if (compare(A, T) >= 0) {
    const deduction = overAchieved && config.overAchievementDeduction > 0 ? times(w, percentOf(config.overAchievementDeduction)) : ZERO;
    return { score: minus(w, deduction), formula, expression: isZero(deduction) ? `${aText} ≥ ${tText} → ${wText}` : `${wText} − ${toFixed2(deduction)} (≥ ${config.overAchievementPercent}%)`, missed: false, overAchieved };
  }
  return { score: times(w, divide(Aw, T) as Ratio), formula, expression: `${wText} × ${aText} ÷ ${tText}`, missed: true, overAchieved: false };
}

/** Formulas 1–9: every row's score, the rescaling for rows not applicable, the total and the grade. */
export function scoreEvaluation(evaluation: Pick<SelfEvaluation, 'funds' | 'indicators' | 'year'>, config: ScoringConfig = DEFAULT_SCORING_CONFIG): EvaluationScore {
  const year = evaluation.year ?? new Date().getUTCFullYear();
  const funds = executionScore(evaluation.funds, config);
  const weights = evaluation.indicators.map((indicator) => decimal(indicator.points));
  const raw = evaluation.indicators.map((indicator, i) => rawScore(indicator, weights[i] ?? null, year, config));
  let full = ZERO;
  let applicable = ZERO;
  for (const [i, w] of weights.entries()) {
    if (w === null) continue;
    full = ratio(full.num * w.den + w.num * full.den, full.den * w.den);
    if (raw[i]?.formula !== 'not-applicable') applicable = ratio(applicable.num * w.den + w.num * applicable.den, applicable.den * w.den);
  }
  const factor = isZero(applicable) ? ONE : (divide(full, applicable) as Ratio);
  const rescaled = compare(factor, ONE) !== 0;
  let sum: Ratio | null = funds.score === null ? null : printed(ratioOf(funds.score) as Ratio);
  let complete = sum !== null;
  const indicators: IndicatorScore[] = [];
  for (const r of raw) {
    const shown = r.score === null ? null : printed(r.score);
    const counted = r.score === null || shown === null ? null : rescaled ? printed(times(r.score, factor)) : shown;
    if (r.formula !== 'not-applicable') {
      if (counted === null) complete = false;
      // Printed rows are hundredths: their sum stays in hundredths.
      else if (sum !== null) sum = sum.den === counted.den ? ratio(sum.num + counted.num, sum.den) : ratio(sum.num * counted.den + counted.num * sum.den, sum.den * counted.den);
    }
    const shownText = shown === null ? null : toFixed2(shown);
    const result: { -readonly [K in keyof IndicatorScore]: IndicatorScore[K] } = {
      score: shownText,
      counted: counted === null ? null : counted === shown ? shownText : toFixed2(counted),
      formula: r.formula,
      expression: rescaled && r.score !== null ? `(${r.expression}) × ${toFixed2(factor)}` : r.expression,
      missed: r.missed,
      overAchieved: r.overAchieved,
    };
    if (r.problem) result.problem = r.problem;
    if (r.band) result.band = r.band;
    indicators.push(result);
  }
  const total = complete && sum !== null ? toFixed2(sum) : null;
  return {
    funds,
    indicators,
    rescale: rescaled ? { applicablePoints: toFixed2(applicable), fullPoints: toFixed2(full), factor: toFixed2(factor) } : null,
    total,
    grade: total === null ? null : gradeOf(total, config),
  };
}

/** Formula 9: the grade of a total (inclusive lower bounds). */
export function gradeOf(total: string, config: ScoringConfig = DEFAULT_SCORING_CONFIG): EvaluationGrade | null {
  const value = ratioOf(total);
  if (value === null) return null;
  const at = (n: number) => compare(value, ratio(BigInt(Math.round(n * 100)), 100n)) >= 0;
  return at(config.grades.优) ? '优' : at(config.grades.良) ? '良' : at(config.grades.中) ? '中' : '差';
}

/** The default points of each indicator: each first-level class's weight shared equally by its indicators. */
export function defaultPoints(indicators: ReadonlyArray<Pick<EvaluationIndicator, 'level1'>>, config: ScoringConfig = DEFAULT_SCORING_CONFIG): Array<string | null> {
  const weights = classWeights(indicators.map((i) => i.level1), config);
  const counts = new Map<string, number>();
  for (const i of indicators) counts.set(classOf(i.level1, config), (counts.get(classOf(i.level1, config)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return indicators.map((i) => {
    const level = classOf(i.level1, config);
    const cents = weights.get(level);
    if (cents === undefined) return null;
    // The remainder to the first rows: the class's points always add up to its weight, to the cent.
    const count = BigInt(counts.get(level) ?? 1);
    const index = BigInt(seen.get(level) ?? 0);
    seen.set(level, Number(index) + 1);
    const share = cents / count + (index < cents % count ? 1n : 0n);
    return toFixed2(ratio(share, 100n));
  });
}

/**
 * The weight, in cents, of each first-level class a form has: the configured weights of the classes
 * present, scaled to the indicators' points (100 − execution); the remainder to the first class.
 */
export function classWeights(levels: ReadonlyArray<string | null>, config: ScoringConfig = DEFAULT_SCORING_CONFIG): Map<string, bigint> {
  const present = [...new Set(levels.map((l) => classOf(l, config)))].filter((c) => config.levelWeights[c] !== undefined);
  const available = BigInt(Math.round((100 - config.executionPoints) * 100));
  const raw = present.map((c) => BigInt(Math.round((config.levelWeights[c] ?? 0) * 100)));
  const sum = raw.reduce((a, b) => a + b, 0n);
  const result = new Map<string, bigint>();
  if (sum === 0n) return result;
  let given = 0n;
  present.forEach((c, k) => {
    const cents = ((raw[k] ?? 0n) * available) / sum;
    result.set(c, cents);
    given += cents;
  });
  const first = present[0];
  if (first !== undefined) result.set(first, (result.get(first) ?? 0n) + available - given);
  return result;
}

/** The first-level class an indicator's label belongs to (产出 / 效益 / 满意度 / 成本), as the weights name it. */
export function classOf(level1: string | null, config: ScoringConfig = DEFAULT_SCORING_CONFIG): string {
  const label = (level1 ?? '').replace(/[（(].*$/, '').trim();
  for (const name of Object.keys(config.levelWeights)) if (label.startsWith(name.replace(/指标$/, ''))) return name;
  // Cost within output, unless the region weighs cost on its own (above).
  if (label.startsWith('成本') && Object.hasOwn(config.levelWeights, '产出指标')) return '产出指标';
  return label;
}
