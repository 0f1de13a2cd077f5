/**
 * The traffic lights of in-year monitoring (domain.md §3.4, formulas 11–13), pure and exact:
 *   - budget: time-adjusted execution P_b = (executed ÷ annual budget) ÷ (m ÷ 12) × 100;
 *   - a positive indicator: P_i = actual ÷ (annual target × m ÷ 12) × 100, or actual ÷ stage target
 *     × 100 when a stage target is given; a rate (%, ‰, 分) is compared with its target itself, as
 *     a rate does not accrue over the year;
 *   - a reverse indicator (≤, <): within the limit green, else red;
 *   - a deadline: met by the cutoff green, not yet due yellow, missed red;
 *   - a qualitative grade: 达成 green, 部分达成 yellow, 未达成 red;
 *   - the indicators' light is the worst of them, the overall light the worst of budget and indicators.
 * Every band and threshold comes from a {@link MonitoringConfig}, configurable per region.
 */
import { LIGHT_NAMES, type Light, type MonitoringIndicator, type MonitoringReport } from '../monitoringReport.ts';
import { parseTargetValue, type TargetValue } from '../targetValue.ts';
import { absolute, compare, divide, isZero, minus, ratio, ratioOf, times, toFixed2, type Ratio } from './ratio.ts';

/** Bands in percent: below `red` is red, below `yellow` yellow, at or above `blue` blue, else green. */
export interface LightBands {
  readonly red: number;
  readonly yellow: number;
  /** null: no blue light (over-achievement shown green). */
  readonly blue: number | null;
}

export interface MonitoringConfig {
  readonly budget: LightBands;
  readonly indicators: LightBands;
  /** Formula 13: a stage deviation above this many percent needs an explanation. */
  readonly deviationPercent: number;
  /** Units whose targets are rates, compared without a time share. */
  readonly rateUnits: readonly string[];
}

export const DEFAULT_MONITORING_CONFIG: MonitoringConfig = {
  budget: { red: 60, yellow: 80, blue: null },
  indicators: { red: 60, yellow: 80, blue: 120 },
  deviationPercent: 30,
  rateUnits: ['%', '‰', '分', '百分比'],
};

/** How a light was reached, shown beside it. */
export type LightBasis = 'time-share' | 'stage-target' | 'rate' | 'reverse' | 'deadline' | 'grade' | 'equal' | 'over-budget';

/** An indicator's light and progress, or why none could be computed. */
export interface IndicatorProgress {
  readonly light: Light | null;
  /** Progress in percent, two decimals, where the light came from a ratio. */
  readonly progress: string | null;
  readonly basis: LightBasis | null;
  /** Why no light: the target or the actual cannot be compared. */
  readonly problem?: 'target' | 'actual';
}

/** How a light was reached, in words (shown beside an indicator's light). */
export const LIGHT_BASIS_NAMES: Record<LightBasis, { zh: string; en: string }> = {
  'time-share': { zh: '按时间进度', en: 'against the time share' },
  'stage-target': { zh: '按阶段目标', en: 'against the stage target' },
  rate: { zh: '比率直接比较', en: 'rate against its target' },
  reverse: { zh: '反向指标', en: 'within the limit' },
  deadline: { zh: '时限', en: 'deadline' },
  grade: { zh: '定性等级', en: 'grade' },
  equal: { zh: '等于目标', en: 'equal to the target' },
  'over-budget': { zh: '超出全年预算', en: 'over the annual budget' },
};

/**
 * A light in words for how it was reached: a ratio's red is 严重滞后, but a reverse indicator's red
 * is over its limit, a deadline's red is missed, an equality's red is off its value.
 */
export function lightName(light: Light, basis: LightBasis | null): { zh: string; en: string } {
  if (light === 'red' && basis === 'over-budget') return { zh: '红灯（超出全年预算）', en: 'red (over the annual budget)' };
  if (light === 'red' && basis === 'reverse') return { zh: '红灯（超出上限）', en: 'red (over the limit)' };
  if (light === 'green' && basis === 'reverse') return { zh: '绿灯（在上限内）', en: 'green (within the limit)' };
  if (light === 'red' && basis === 'deadline') return { zh: '红灯（逾期未完成）', en: 'red (past its deadline)' };
  if (light === 'yellow' && basis === 'deadline') return { zh: '黄灯（尚未完成）', en: 'yellow (not done yet)' };
  if (light === 'red' && basis === 'equal') return { zh: '红灯（与目标值不符）', en: 'red (not the target value)' };
  if (light === 'red' && basis === 'grade') return { zh: '红灯（未达成）', en: 'red (not achieved)' };
  if (light === 'yellow' && basis === 'grade') return { zh: '黄灯（部分达成）', en: 'yellow (partly achieved)' };
  return LIGHT_NAMES[light];
}

const ORDER: Record<Light, number> = { red: 0, yellow: 1, green: 2, blue: 3 };

/** The worst of some lights (red before yellow before green before blue); null when none. */
export function worstLight(lights: Iterable<Light | null>): Light | null {
  let worst: Light | null = null;
  for (const light of lights) if (light && (worst === null || ORDER[light] < ORDER[worst])) worst = light;
  return worst;
}

/** Months elapsed at a cutoff date `YYYY-MM-DD`: 07-31 is 7, 07-15 is 6 + 15/31. Null when not a date. */
export function monthsElapsed(through: string): Ratio | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(through);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days) return null;
  return ratio(BigInt((month - 1) * days + day), BigInt(days));
}

function band(progress: Ratio, bands: LightBands): Light {
  const at = (percent: number) => compare(progress, ratio(BigInt(Math.round(percent * 100)), 100n));
  if (at(bands.red) < 0) return 'red';
  if (at(bands.yellow) < 0) return 'yellow';
  if (bands.blue !== null && at(bands.blue) >= 0) return 'blue';
  return 'green';
}

const HUNDRED = ratio(100n);
const TWELVE = ratio(12n);

/** Formula 11: the budget's time-adjusted execution in percent and its light. */
export function budgetProgress(report: Pick<MonitoringReport, 'budget' | 'round'>, config: MonitoringConfig = DEFAULT_MONITORING_CONFIG): { light: Light | null; progress: string | null; rate: string | null; basis: LightBasis | null } {
  const annual = report.budget.annual === null ? null : ratioOf(report.budget.annual);
  const executed = report.budget.executedToDate === null ? null : ratioOf(report.budget.executedToDate);
  const months = monthsElapsed(report.round.through);
  if (!annual || !executed || !months || isZero(annual) || isZero(months)) return { light: null, progress: null, rate: null, basis: null };
  const rate = divide(executed, annual) as Ratio;
  const progress = divide(times(rate, HUNDRED), divide(months, TWELVE) as Ratio) as Ratio;
  // Spending beyond the year's budget is not ahead of time but outside the budget: red, whatever the bands.
  if (compare(rate, ratio(1n)) > 0) return { light: 'red', progress: toFixed2(progress), rate: toFixed2(times(rate, HUNDRED)), basis: 'over-budget' };
  return { light: band(progress, config.budget), progress: toFixed2(progress), rate: toFixed2(times(rate, HUNDRED)), basis: 'time-share' };
}

const GRADES: ReadonlyArray<[RegExp, Light]> = [
  [/^(未达成|未完成|未实现|未达到)/, 'red'],
  [/^(部分达成|部分完成|基本达成|基本完成|部分实现)/, 'yellow'],
  [/^(达成|已达成|完成|已完成|实现|已实现|达到|是)/, 'green'],
];

/** A qualitative grade (达成 / 部分达成 / 未达成 and their variants) as a light; null when none. */
export function gradeLight(text: string): Light | null {
  const compact = text.replace(/\s/g, '');
  return GRADES.find(([pattern]) => pattern.test(compact))?.[1] ?? null;
}

function quantityOf(value: TargetValue): Ratio | null {
  return value.kind === 'quantity' ? ratioOf(value.value) : null;
}

/** A deadline as a comparable day number (YYYYMMDD) in a year, the part of a month taken at its end. */
function deadlineDay(value: TargetValue, year: number): number | null {
  if (value.kind !== 'deadline') return null;
  const y = value.year ?? year;
  const lastDay = new Date(Date.UTC(y, value.month, 0)).getUTCDate();
  const day = value.day ?? (value.part === '上旬' ? 10 : value.part === '中旬' ? 20 : lastDay);
  return y * 10000 + value.month * 100 + day;
}

/** An actual date as a day number: `2025-06-30`, `2025年6月30日`, `6月30日`. */
function actualDay(text: string, year: number): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (iso) return Number(iso[1]) * 10000 + Number(iso[2]) * 100 + Number(iso[3]);
  const parsed = parseTargetValue(text);
  return deadlineDay(parsed, year);
}

/** Formula 12 and its variants: an indicator's light at the cutoff. */
export function indicatorProgress(indicator: Pick<MonitoringIndicator, 'annualTarget' | 'actualToDate' | 'stageTarget'>, through: string, config: MonitoringConfig = DEFAULT_MONITORING_CONFIG): IndicatorProgress {
  const target = parseTargetValue(indicator.annualTarget);
  const actualText = indicator.actualToDate.trim();
  const none = (problem: 'target' | 'actual'): IndicatorProgress => ({ light: null, progress: null, basis: null, problem });
  if (actualText === '') return none('actual');
  const grade = gradeLight(actualText);
  if (target.kind === 'qualitative') return grade ? { light: grade, progress: null, basis: 'grade' } : none('actual');
  if (target.kind === 'deadline') {
    const year = Number(through.slice(0, 4));
    const due = deadlineDay(target, year);
    const done = actualDay(actualText, year);
    const cutoff = Number(through.replaceAll('-', ''));
    if (due === null) return none('target');
    if (done !== null) return { light: done <= due ? 'green' : 'red', progress: null, basis: 'deadline' };
    if (grade === 'green') return { light: 'green', progress: null, basis: 'deadline' };
    return { light: cutoff <= due ? 'yellow' : 'red', progress: null, basis: 'deadline' };
  }
  const T = quantityOf(target);
  if (target.kind !== 'quantity' || T === null) return none('target');
  if (grade && quantityOf(parseTargetValue(actualText)) === null) return { light: grade, progress: null, basis: 'grade' };
  const A = quantityOf(parseTargetValue(actualText));
  if (A === null) return none('actual');
  if (target.operator === '≤' || target.operator === '<') {
    const within = target.operator === '≤' ? compare(A, T) <= 0 : compare(A, T) < 0;
    return { light: within ? 'green' : 'red', progress: null, basis: 'reverse' };
  }
  // A zero target (= 0, ≥ 0): met while the actual stays at zero or above it, by its operator.
  if (isZero(T)) {
    const met = target.operator === '=' || target.operator === null ? isZero(A) : compare(A, T) >= 0;
    return { light: met ? 'green' : 'red', progress: null, basis: 'equal' };
  }
  const stage = indicator.stageTarget === null || indicator.stageTarget.trim() === '' ? null : quantityOf(parseTargetValue(indicator.stageTarget));
  const rate = config.rateUnits.includes(target.unit ?? '');
  let basis: LightBasis;
  let expected: Ratio | null;
  if (stage !== null) {
    basis = 'stage-target';
    expected = stage;
  } else if (rate) {
    basis = 'rate';
    expected = T;
  } else {
    basis = 'time-share';
    const months = monthsElapsed(through);
    expected = months ? times(T, divide(months, TWELVE) as Ratio) : null;
  }
  if (expected === null || isZero(expected)) return none('target');
  if (isZero(A)) return { light: 'red', progress: '0.00', basis };
  const progress = times(divide(A, expected) as Ratio, HUNDRED);
  return { light: band(progress, config.indicators), progress: toFixed2(progress), basis };
}

/** Formula 13: the deviation of the actual from the stage target (or the time share), in percent. */
export function deviationPercent(
  indicator: Pick<MonitoringIndicator, 'annualTarget' | 'actualToDate' | 'stageTarget'>,
  through: string,
  config: MonitoringConfig = DEFAULT_MONITORING_CONFIG,
  progress: IndicatorProgress = indicatorProgress(indicator, through, config),
): string | null {
  if (progress.progress === null) return null;
  const value = ratioOf(progress.progress) as Ratio;
  return toFixed2(absolute(minus(value, HUNDRED)));
}

/** Every light of a report, recomputed from its values. */
export interface ReportLights {
  readonly budget: Light | null;
  readonly indicators: Light | null;
  readonly overall: Light | null;
  readonly budgetProgress: string | null;
  /** How the budget's light was reached (over the annual budget, or by the time share). */
  readonly budgetBasis: LightBasis | null;
  readonly executionRate: string | null;
  readonly perIndicator: readonly IndicatorProgress[];
}

export function reportLights(report: MonitoringReport, config: MonitoringConfig = DEFAULT_MONITORING_CONFIG): ReportLights {
  const budget = budgetProgress(report, config);
  const perIndicator = report.indicators.map((indicator) => indicatorProgress(indicator, report.round.through, config));
  const indicators = worstLight(perIndicator.map((p) => p.light));
  return { budget: budget.light, indicators, overall: worstLight([budget.light, indicators]), budgetProgress: budget.progress, budgetBasis: budget.basis, executionRate: budget.rate, perIndicator };
}

/**
 * Whether an indicator must be explained (rule M4): its projection misses the target, its
 * deviation is above the threshold, or its light is red; or (for the budget) nothing is spent.
 */
export function needsExplanation(
  indicator: MonitoringIndicator,
  through: string,
  config: MonitoringConfig = DEFAULT_MONITORING_CONFIG,
  /** The indicator's progress when the caller has it already (the checker does). */
  progress: IndicatorProgress = indicatorProgress(indicator, through, config),
): boolean {
  if (progress.light === 'red') return true;
  const deviation = deviationPercent(indicator, through, config, progress);
  if (deviation !== null && compare(ratioOf(deviation) as Ratio, ratio(BigInt(Math.round(config.deviationPercent * 100)), 100n)) > 0 && progress.light !== 'blue') return true;
  if (indicator.likelihood === 'impossible') return true;
  return projectionMisses(indicator);
}

/** True when the projected full-year value falls short of the annual target. */
export function projectionMisses(indicator: Pick<MonitoringIndicator, 'annualTarget' | 'projectedAnnual'>): boolean {
  const target = parseTargetValue(indicator.annualTarget);
  const projected = indicator.projectedAnnual.trim();
  if (projected === '') return false;
  if (target.kind === 'qualitative') return gradeLight(projected) === 'red' || gradeLight(projected) === 'yellow';
  const T = quantityOf(target);
  const P = quantityOf(parseTargetValue(projected));
  if (target.kind !== 'quantity' || T === null || P === null) return gradeLight(projected) === 'red';
  switch (target.operator) {
    case '≤':
      return compare(P, T) > 0;
    case '<':
      return compare(P, T) >= 0;
    case '>':
      return compare(P, T) <= 0;
    case '=':
      return compare(P, T) !== 0;
    default:
      return compare(P, T) < 0;
  }
}
