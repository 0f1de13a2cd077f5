/**
 * The scoring of an assessment, pure and exact (domain-evaluation.md §1–§4):
 *
 *   leaf criterion   the scorers' scores aggregated — mean, trimmed mean (the `drop` highest and
 *                    lowest left out; a plain mean when too few), or weighted mean (scorer weights) —
 *                    each aggregate rounded once to two places; or, for a formula or deduction whose
 *                    figure Jixiao holds, computed from the figure and rounded once
 *   parent criterion the sum of its children's printed scores (never outside [0, weight])
 *   total            the sum of the printed first-level scores; a sampling review blends its two
 *                    parts: quality × 0.4 + re-score × 0.6, rounded once
 *   grade            优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (the region's bands)
 *
 * The department's self-score (a scorer of role `self`) is shown beside, never aggregated. The spread
 * of the scorers on each criterion is shown, and a scorer far from the panel's median is flagged, on
 * a criterion (by a share of its weight) and on the total (by points). Scores that break the sheet (outside a criterion's range, outside every
 * band, on a criterion that does not exist) are problems the API refuses and the CLI reports.
 */
import type { Finding } from '../rules/finding.ts';
import { compare, divide, minus, ratio, ratioOf, times, type Ratio } from '../monitoring/ratio.ts';
import {
  DEFAULT_ASSESSMENT_SETTINGS,
  isExAnte,
  type Assessment,
  type AssessmentPurpose,
  type AssessmentResult,
  type AssessmentSettings,
  type Criterion,
  type CriterionResult,
  type Decision,
  type GradeBands,
  type MeasureValue,
  type Scorer,
  type ScorerResult,
  type Standard,
} from './assessment.ts';
import { formatCents, parseCents, parseScaled4, ratioToCents, roundDiv, shortDecimal } from './decimal.ts';

/** Something wrong with an assessment, at a field (`scores.3.score`), in words. */
export interface AssessmentProblem {
  readonly path: string;
  readonly message: { readonly zh: string; readonly en: string };
}

const named = (c: Pick<Criterion, 'name' | 'id'>) => ({ zh: `「${c.name || c.id}」`, en: `"${c.name || c.id}"` });

/** The tree of criteria: each one's children in order, its level, and the first-level ones. */
export interface CriteriaTree {
  readonly byId: ReadonlyMap<string, Criterion>;
  readonly children: ReadonlyMap<string, readonly Criterion[]>;
  readonly roots: readonly Criterion[];
  readonly level: ReadonlyMap<string, number>;
  /** Criteria in an order where each comes after all below it. */
  readonly postOrder: readonly Criterion[];
}

/** The tree of a template's criteria; criteria with a missing parent or in a cycle are left out (see {@link criteriaProblems}). */
export function criteriaTree(criteria: readonly Criterion[]): CriteriaTree {
  const byId = new Map<string, Criterion>();
  for (const c of criteria) if (!byId.has(c.id)) byId.set(c.id, c);
  const children = new Map<string, Criterion[]>();
  const roots: Criterion[] = [];
  for (const c of byId.values()) {
    if (c.parent === null) roots.push(c);
    else if (byId.has(c.parent)) {
      const list = children.get(c.parent);
      if (list) list.push(c);
      else children.set(c.parent, [c]);
    }
  }
  const level = new Map<string, number>();
  const postOrder: Criterion[] = [];
  const visit = (c: Criterion, depth: number) => {
    level.set(c.id, depth);
    for (const child of children.get(c.id) ?? []) if (!level.has(child.id)) visit(child, depth + 1);
    postOrder.push(c);
  };
  for (const root of roots) visit(root, 1);
  return { byId, children, roots, level, postOrder };
}

/** The criteria themselves: ids unique and present, parents that exist, no cycle, bands that make sense. */
export function criteriaProblems(criteria: readonly Criterion[]): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    if (c.id.trim() === '') problems.push({ path: `criteria.${i}.id`, message: { zh: `第 ${i + 1} 项指标没有编号`, en: `criterion ${i + 1} has no id` } });
    else if (seen.has(c.id)) problems.push({ path: `criteria.${i}.id`, message: { zh: `指标编号「${c.id}」重复`, en: `the criterion id "${c.id}" is used twice` } });
    seen.add(c.id);
  });
  const ids = new Set(criteria.map((c) => c.id));
  criteria.forEach((c, i) => {
    if (c.parent !== null && !ids.has(c.parent)) problems.push({ path: `criteria.${i}.parent`, message: { zh: `${named(c).zh}的上级「${c.parent}」不存在`, en: `the parent "${c.parent}" of ${named(c).en} does not exist` } });
    if (parseCents(c.weight) === null) problems.push({ path: `criteria.${i}.weight`, message: { zh: `${named(c).zh}的分值「${c.weight}」不是至多两位小数的非负数`, en: `the weight "${c.weight}" of ${named(c).en} is not a non-negative decimal of at most two places` } });
    problems.push(...standardProblems(c, `criteria.${i}.standard`));
  });
  const tree = criteriaTree(criteria);
  criteria.forEach((c, i) => {
    if (c.parent !== null && ids.has(c.parent) && !tree.level.has(c.id)) problems.push({ path: `criteria.${i}.parent`, message: { zh: `${named(c).zh}的上级关系成环`, en: `the parents of ${named(c).en} form a cycle` } });
  });
  return problems;
}

function standardProblems(c: Criterion, path: string): AssessmentProblem[] {
  const s = c.standard;
  const bad = (field: string, zh: string, en: string): AssessmentProblem => ({ path: `${path}.${field}`, message: { zh: `${named(c).zh}的评分标准：${zh}`, en: `the standard of ${named(c).en}: ${en}` } });
  switch (s.type) {
    case 'judgement':
      return [];
    case 'bands': {
      const problems: AssessmentProblem[] = [];
      if (s.bands.length === 0) problems.push(bad('bands', '没有等级', 'no bands'));
      s.bands.forEach((b, k) => {
        const from = ratioOf(b.from);
        const to = ratioOf(b.to);
        if (!from || !to || compare(from, ratio(0n)) < 0 || compare(to, ratio(100n)) > 0 || compare(from, to) >= 0) problems.push(bad(`bands.${k}`, `等级「${b.name}」的区间 ${b.from}%–${b.to}% 无效`, `the band "${b.name}" ${b.from}%–${b.to}% is not a range within 0–100%`));
      });
      return problems;
    }
    case 'deduction':
      if (s.measure !== null && (s.limit === null || ratioOf(s.limit) === null)) return [bad('limit', '按数据扣分须给出限值', 'a deduction from a figure needs a limit')];
      if (s.measure !== null && (s.per === null || parseScaled4(s.per) === null)) return [bad('per', '按数据扣分须给出每单位扣分', 'a deduction from a figure needs the points per unit')];
      return [];
    case 'formula': {
      const full = ratioOf(s.full);
      return full === null || full.num <= 0n ? [bad('full', `满分值「${s.full}」须为正数`, `the full value "${s.full}" must be positive`)] : [];
    }
  }
}

/**
 * Do the weights add up? Each criterion's children to its weight; the first level to 100 — for a
 * sampling review, its two parts (`quality`, `rescore`) to 100 each. `template`: a template's
 * re-score part is filled from each self-evaluation when a review is opened, so it may be empty.
 */
export function weightProblems(criteria: readonly Criterion[], purpose: AssessmentPurpose, options: { template?: boolean } = {}): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  const tree = criteriaTree(criteria);
  const index = new Map(criteria.map((c, i) => [c, i]));
  const sum = (list: readonly Criterion[]) => list.reduce((s, c) => s + (parseCents(c.weight) ?? 0n), 0n);
  for (const c of tree.byId.values()) {
    const children = tree.children.get(c.id);
    if (!children || children.length === 0) continue;
    const total = sum(children);
    const weight = parseCents(c.weight);
    if (weight !== null && total !== weight) {
      problems.push({ path: `criteria.${index.get(c) ?? 0}.weight`, message: { zh: `${named(c).zh}下各项合计 ${formatCents(total)} 分，应为 ${formatCents(weight)} 分`, en: `the criteria under ${named(c).en} add up to ${formatCents(total)}, not ${formatCents(weight)}` } });
    }
  }
  if (purpose === 'sampling-review') {
    for (const part of ['quality', 'rescore'] as const) {
      const root = tree.roots.find((r) => r.id === part);
      const word = part === 'quality' ? { zh: '自评质量', en: 'quality' } : { zh: '指标复核', en: 're-score' };
      if (!root) {
        problems.push({ path: 'criteria', message: { zh: `抽评须有一级指标「${part}」（${word.zh}，100 分）`, en: `a sampling review needs the first-level criterion "${part}" (${word.en}, 100 points)` } });
      } else {
        if (parseCents(root.weight) !== 10_000n) problems.push({ path: `criteria.${index.get(root) ?? 0}.weight`, message: { zh: `「${root.name}」应为 100 分`, en: `"${root.name}" must weigh 100` } });
        if (!options.template && (tree.children.get(root.id)?.length ?? 0) === 0) problems.push({ path: `criteria.${index.get(root) ?? 0}`, message: { zh: `「${root.name}」下没有指标`, en: `"${root.name}" has no criteria under it` } });
      }
    }
    for (const root of tree.roots) {
      if (root.id !== 'quality' && root.id !== 'rescore') problems.push({ path: `criteria.${index.get(root) ?? 0}.parent`, message: { zh: `抽评的一级指标只能是 quality 和 rescore，${named(root).zh}应归入其一`, en: `a sampling review's first level is quality and rescore only: put ${named(root).en} under one of them` } });
    }
    return problems;
  }
  const rootTotal = sum(tree.roots);
  if (tree.roots.length > 0 && rootTotal !== 10_000n) problems.push({ path: 'criteria', message: { zh: `一级指标合计 ${formatCents(rootTotal)} 分，应为 100 分`, en: `the first-level criteria add up to ${formatCents(rootTotal)}, not 100` } });
  if (tree.roots.length === 0) problems.push({ path: 'criteria', message: { zh: '没有指标', en: 'there are no criteria' } });
  return problems;
}

/** The most points one criterion of a template may weigh: a first level adds up to 100 (a sampling review's two parts 100 each), so more is a typing slip. */
export const MAX_CRITERION_POINTS = 1000;

/** A template's criteria each named, and none weighing more than the limit; a nameless one is told by its place among its siblings, as it is seen in the tree. */
function templateFieldProblems(criteria: readonly Criterion[]): AssessmentProblem[] {
  const problems: AssessmentProblem[] = [];
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const place = new Map<string | null, number>();
  criteria.forEach((c, i) => {
    const k = (place.get(c.parent) ?? 0) + 1;
    place.set(c.parent, k);
    if (c.name.trim() === '') {
      const parent = c.parent === null ? undefined : byId.get(c.parent);
      const message = parent ? { zh: `${named(parent).zh}下第 ${k} 项未命名`, en: `criterion ${k} under ${named(parent).en} has no name` } : { zh: `第 ${k} 项一级指标未命名`, en: `first-level criterion ${k} has no name` };
      problems.push({ path: `criteria.${i}.name`, message });
    }
    const weight = parseCents(c.weight);
    if (weight !== null && weight > BigInt(MAX_CRITERION_POINTS) * 100n) {
      problems.push({ path: `criteria.${i}.weight`, message: { zh: `${named(c).zh}的分值 ${c.weight} 超过上限 ${MAX_CRITERION_POINTS} 分`, en: `the weight ${c.weight} of ${named(c).en} is over the limit of ${MAX_CRITERION_POINTS} points` } });
    }
  });
  return problems;
}

/** Problems of a template's criteria: their shape, names and weights (the server refuses a save with these; the editor shows them as they are typed). */
export function templateProblems(criteria: readonly Criterion[], purpose: AssessmentPurpose): AssessmentProblem[] {
  return [...criteriaProblems(criteria), ...templateFieldProblems(criteria), ...weightProblems(criteria, purpose, { template: true })];
}

/** Percent bounds of a band as ratios. */
function bandHolds(score: bigint, weight: bigint, band: { from: string; to: string }, top: boolean): boolean {
  const from = ratioOf(band.from);
  const to = ratioOf(band.to);
  if (!from || !to) return false;
  // score ÷ weight × 100 against from and to: score × 100 × den vs bound × weight.
  const lhsFrom = score * 100n * from.den;
  const lhsTo = score * 100n * to.den;
  const atLeast = lhsFrom >= from.num * weight;
  const below = top ? lhsTo <= to.num * weight : lhsTo < to.num * weight;
  return atLeast && below;
}

/** Band bounds are a few percentages used over and over: read once each (a bounded memo). */
const PERCENTS = new Map<string, Ratio | null>();
function percentOf(text: string): Ratio | null {
  let value = PERCENTS.get(text);
  if (value === undefined) {
    value = ratioOf(text);
    if (PERCENTS.size > 1000) PERCENTS.clear();
    PERCENTS.set(text, value);
  }
  return value;
}

/**
 * A criterion's bands made ready for many scores: each band's bounds as hundredths of the weight,
 * compared exactly (score × 100 × den against bound × weight). Null for a criterion without bands.
 */
export function compileBands(weight: bigint, bands: ReadonlyArray<{ name: string; from: string; to: string }>): ((score: bigint) => string | null) | null {
  if (bands.length === 0) return null;
  const parsed = bands.map((b) => ({ name: b.name, from: percentOf(b.from), to: percentOf(b.to) }));
  let top: Ratio | null = null;
  for (const b of parsed) if (b.to && (top === null || compare(b.to, top) > 0)) top = b.to;
  const limits = parsed.map((b) => (b.from && b.to ? { name: b.name, fromNum: b.from.num * weight, fromDen: b.from.den * 100n, toNum: b.to.num * weight, toDen: b.to.den * 100n, top: top !== null && compare(b.to, top) === 0 } : null));
  return (score) => {
    if (weight === 0n) return bands[0]?.name ?? null;
    for (const l of limits) {
      if (l === null) continue;
      // score ≥ from% × weight and score < to% × weight (≤ for the highest band).
      if (score * l.fromDen < l.fromNum) continue;
      const upper = score * l.toDen;
      if (l.top ? upper <= l.toNum : upper < l.toNum) return l.name;
    }
    return null;
  };
}

/** The band a score falls in (the highest band includes its upper bound), or null. */
export function bandOf(score: bigint, weight: bigint, bands: ReadonlyArray<{ name: string; from: string; to: string }>): string | null {
  if (weight === 0n) return bands[0]?.name ?? null;
  let topTo: Ratio | null = null;
  for (const b of bands) {
    const to = ratioOf(b.to);
    if (to && (topTo === null || compare(to, topTo) > 0)) topTo = to;
  }
  for (const b of bands) {
    const to = ratioOf(b.to);
    if (bandHolds(score, weight, b, to !== null && topTo !== null && compare(to, topTo) === 0)) return b.name;
  }
  return null;
}

/**
 * The scores themselves: each by a scorer of the sheet, on a criterion of it with nothing below, once,
 * within [0, the criterion's weight], and within a band where the criterion has bands. Also the
 * criteria, and unique scorers. These are what the API refuses.
 */
export function validateAssessment(a: Pick<Assessment, 'template' | 'scorers' | 'scores' | 'aggregation' | 'blend' | 'purpose'>): AssessmentProblem[] {
  const problems: AssessmentProblem[] = criteriaProblems(a.template.criteria).map((p) => ({ ...p, path: `template.${p.path}` }));
  const tree = criteriaTree(a.template.criteria);
  const scorerIds = new Set<string>();
  a.scorers.forEach((s, i) => {
    if (s.id.trim() === '') problems.push({ path: `scorers.${i}.id`, message: { zh: `第 ${i + 1} 位评分人没有编号`, en: `scorer ${i + 1} has no id` } });
    if (scorerIds.has(s.id)) problems.push({ path: `scorers.${i}.id`, message: { zh: `评分人「${s.name}」重复`, en: `the scorer "${s.name}" is listed twice` } });
    scorerIds.add(s.id);
    if (s.weight !== null && parseScaled4(s.weight) === null) problems.push({ path: `scorers.${i}.weight`, message: { zh: `评分人「${s.name}」的权重「${s.weight}」不是至多四位小数的非负数`, en: `the weight "${s.weight}" of the scorer "${s.name}" is not a non-negative decimal of at most four places` } });
  });
  const scorerNames = new Map(a.scorers.map((s) => [s.id, s.name]));
  const seen = new Set<string>();
  a.scores.forEach((s, i) => {
    const criterion = tree.byId.get(s.criterion);
    if (!scorerIds.has(s.scorer)) {
      problems.push({ path: `scores.${i}.scorer`, message: { zh: `评分人「${s.scorer}」不在评分人名单中`, en: `"${s.scorer}" is not one of the scorers` } });
      return;
    }
    const who = scorerNames.get(s.scorer) ?? s.scorer;
    if (!criterion) {
      problems.push({ path: `scores.${i}.criterion`, message: { zh: `没有编号为「${s.criterion}」的指标`, en: `there is no criterion "${s.criterion}"` } });
      return;
    }
    if ((tree.children.get(criterion.id)?.length ?? 0) > 0) {
      problems.push({ path: `scores.${i}.criterion`, message: { zh: `${named(criterion).zh}由其下级指标合计，不直接评分`, en: `${named(criterion).en} is the sum of the criteria below it and is not scored itself` } });
      return;
    }
    const key = `${s.scorer}\u0000${s.criterion}`;
    if (seen.has(key)) problems.push({ path: `scores.${i}`, message: { zh: `${who}对${named(criterion).zh}评了两次分`, en: `${who} scored ${named(criterion).en} twice` } });
    seen.add(key);
    const score = parseCents(s.score);
    const weight = parseCents(criterion.weight);
    if (score === null) {
      problems.push({ path: `scores.${i}.score`, message: { zh: `${who}对${named(criterion).zh}的得分「${s.score}」不是至多两位小数的非负数`, en: `the score "${s.score}" of ${who} on ${named(criterion).en} is not a non-negative decimal of at most two places` } });
      return;
    }
    if (weight !== null && score > weight) {
      problems.push({ path: `scores.${i}.score`, message: { zh: `${who}对${named(criterion).zh}的得分 ${s.score} 超出其分值范围 0–${shortDecimal(formatCents(weight))}`, en: `the score ${s.score} of ${who} on ${named(criterion).en} is outside its range 0–${shortDecimal(formatCents(weight))}` } });
      return;
    }
    const standard = criterion.standard;
    if (standard.type === 'bands' && weight !== null && bandOf(score, weight, standard.bands) === null) {
      problems.push({ path: `scores.${i}.score`, message: { zh: `${who}对${named(criterion).zh}的得分 ${s.score} 不在任何等级区间内（${standard.bands.map((b) => `${b.name} ${b.from}%–${b.to}%`).join('、')}）`, en: `the score ${s.score} of ${who} on ${named(criterion).en} falls in no band (${standard.bands.map((b) => `${b.name} ${b.from}%–${b.to}%`).join(', ')})` } });
    }
  });
  if (a.aggregation.method === 'trimmed-mean' && (!Number.isInteger(a.aggregation.drop) || a.aggregation.drop < 1)) problems.push({ path: 'aggregation.drop', message: { zh: '去掉最高分和最低分的个数须为正整数', en: 'the number of highest and lowest scores dropped must be a positive whole number' } });
  if (a.blend) {
    const q = parseScaled4(a.blend.quality);
    const r = parseScaled4(a.blend.rescore);
    if (q === null || r === null || q + r !== 10_000n) problems.push({ path: 'blend', message: { zh: `抽评的权重（质量 ${a.blend.quality}，复核 ${a.blend.rescore}）合计须为 1`, en: `the sampling review's blend (quality ${a.blend.quality}, re-score ${a.blend.rescore}) must add up to 1` } });
  }
  return problems;
}

/** The grade a total (hundredths, on 100 points) earns. */
export function gradeOf(total: bigint, grades: GradeBands = DEFAULT_ASSESSMENT_SETTINGS.grades): '优' | '良' | '中' | '差' {
  // Bounds are settings of at most two places (90, 87.5): as hundredths.
  const at = (bound: number) => total >= BigInt(Math.round(bound * 100));
  if (at(grades.优)) return '优';
  if (at(grades.良)) return '良';
  if (at(grades.中)) return '中';
  return '差';
}

/** What a grade suggests of an ex-ante assessment: 优/良 support, 中 adjust, 差 reject. */
export function suggestedDecision(grade: string | null): Decision | null {
  if (grade === '优' || grade === '良') return 'support';
  if (grade === '中') return 'support-after-adjustment';
  if (grade === '差') return 'reject';
  return null;
}

/** A criterion computed from a figure Jixiao holds (a formula, a deduction), or null when it is scored by people. */
export function computedScore(criterion: Criterion, data: Readonly<Record<string, MeasureValue>>): { cents: bigint; expression: string } | null {
  const weight = parseCents(criterion.weight);
  const standard: Standard = criterion.standard;
  if (weight === null) return null;
  const w = ratio(weight, 100n);
  const printed = formatCents(weight);
  if (standard.type === 'formula') {
    const raw = Object.hasOwn(data, standard.measure) ? data[standard.measure]?.value : null;
    const value = raw === null || raw === undefined ? null : ratioOf(raw);
    const full = ratioOf(standard.full);
    if (value === null || full === null || full.num <= 0n) return null;
    const clamped = compare(value, ratio(0n)) < 0 ? ratio(0n) : compare(value, full) > 0 ? full : value;
    const share = divide(clamped, full);
    if (share === null) return null;
    return { cents: ratioToCents(times(w, share)), expression: `${shortDecimal(printed)} × min(${raw}, ${standard.full}) ÷ ${standard.full}` };
  }
  if (standard.type === 'deduction' && standard.measure !== null && standard.limit !== null && standard.per !== null) {
    const raw = Object.hasOwn(data, standard.measure) ? data[standard.measure]?.value : null;
    const value = raw === null || raw === undefined ? null : ratioOf(raw);
    const limit = ratioOf(standard.limit);
    const per = ratioOf(standard.per);
    if (value === null || limit === null || per === null) return null;
    const excess = standard.direction === 'above' ? minus(value, limit) : minus(limit, value);
    if (excess.num <= 0n) return { cents: weight, expression: `${standard.direction === 'above' ? `${raw} ≤ ${standard.limit}` : `${raw} ≥ ${standard.limit}`}：${shortDecimal(printed)}` };
    const left = minus(w, times(per, excess));
    const cents = left.num <= 0n ? 0n : ratioToCents(left);
    const gap = standard.direction === 'above' ? `${raw} − ${standard.limit}` : `${standard.limit} − ${raw}`;
    return { cents, expression: `max(0, ${shortDecimal(printed)} − ${standard.per} × (${gap}))` };
  }
  return null;
}

/** One aggregate of scores (hundredths), rounded once; the method used (a trimmed mean of too few scores is a plain mean). */
export function aggregate(values: readonly bigint[], weights: readonly bigint[], method: Assessment['aggregation']['method'], drop: number): { cents: bigint; method: Assessment['aggregation']['method'] } | null {
  const n = values.length;
  if (n === 0) return null;
  if (method === 'weighted-mean') {
    let num = 0n;
    let den = 0n;
    for (let i = 0; i < n; i++) {
      const w = weights[i] ?? 10_000n;
      num += (values[i] as bigint) * w;
      den += w;
    }
    if (den > 0n) return { cents: roundDiv(num, den), method };
  }
  if (method === 'trimmed-mean' && n > 2 * drop) {
    const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    let sum = 0n;
    for (let i = drop; i < n - drop; i++) sum += sorted[i] as bigint;
    return { cents: roundDiv(sum, BigInt(n - 2 * drop)), method };
  }
  let sum = 0n;
  for (const v of values) sum += v;
  return { cents: roundDiv(sum, BigInt(n)), method: 'mean' };
}

const clamp = (v: bigint, max: bigint) => (v < 0n ? 0n : v > max ? max : v);
const abs = (v: bigint) => (v < 0n ? -v : v);

/** Twice the median (so that the median of an even count stays whole). */
function twiceMedianOf(values: readonly bigint[]): bigint {
  const sorted = [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? 2n * (sorted[mid] as bigint) : (sorted[mid - 1] as bigint) + (sorted[mid] as bigint);
}

/**
 * The result of an assessment: every criterion's aggregate, the first level, each scorer's totals
 * and deviation, the total and grade. Scores the sheet does not allow (see {@link validateAssessment})
 * are left out, so that no aggregate is ever outside its criterion's range.
 */
export function scoreAssessment(a: Assessment, settings: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS): AssessmentResult {
  const tree = criteriaTree(a.template.criteria);
  const panel: Scorer[] = [];
  const selfIds = new Set<string>();
  const scorerIndex = new Map<string, number>();
  for (const s of a.scorers) {
    if (scorerIndex.has(s.id)) continue;
    if (s.role === 'self') selfIds.add(s.id);
    else {
      scorerIndex.set(s.id, panel.length);
      panel.push(s);
    }
  }
  const panelWeights = panel.map((s) => (s.weight === null ? 10_000n : (parseScaled4(s.weight) ?? 10_000n)));
  // The valid scores of each leaf: one slot per panel scorer, and the self-score.
  const weights = new Map<string, bigint>();
  for (const c of tree.byId.values()) weights.set(c.id, parseCents(c.weight) ?? 0n);
  const byLeaf = new Map<string, { panel: Array<bigint | null>; self: bigint | null }>();
  const bandsOf = new Map<string, ((score: bigint) => string | null) | null>();
  const bandCheck = (criterion: Criterion) => {
    let check = bandsOf.get(criterion.id);
    if (check === undefined) {
      check = criterion.standard.type === 'bands' ? compileBands(weights.get(criterion.id) ?? 0n, criterion.standard.bands) : null;
      bandsOf.set(criterion.id, check);
    }
    return check;
  };
  for (const s of a.scores) {
    const criterion = tree.byId.get(s.criterion);
    if (!criterion || (tree.children.get(criterion.id)?.length ?? 0) > 0) continue;
    const value = parseCents(s.score);
    const weight = weights.get(criterion.id) ?? 0n;
    if (value === null || value > weight) continue;
    const check = bandCheck(criterion);
    if (check !== null && check(value) === null) continue;
    let slot = byLeaf.get(criterion.id);
    if (!slot) {
      slot = { panel: new Array<bigint | null>(panel.length).fill(null), self: null };
      byLeaf.set(criterion.id, slot);
    }
    const at = scorerIndex.get(s.scorer);
    if (at !== undefined) {
      if (slot.panel[at] === null) slot.panel[at] = value;
    } else if (selfIds.has(s.scorer) && slot.self === null) slot.self = value;
  }

  const share = parseScaled4(settings.outlierShare) ?? 3000n;
  const scores = new Map<string, bigint | null>();
  // Each panel scorer's own score per criterion (data-computed criteria count for everyone).
  const own = panel.map(() => new Map<string, bigint | null>());
  const selfTotals = new Map<string, bigint | null>();
  const results = new Map<string, CriterionResult>();
  for (const c of tree.postOrder) {
    const weight = weights.get(c.id) ?? 0n;
    const children = tree.children.get(c.id) ?? [];
    const base = { id: c.id, name: c.name, parent: c.parent, level: tree.level.get(c.id) ?? 1, weight: formatCents(weight) };
    if (children.length > 0) {
      let sum: bigint | null = 0n;
      for (const child of children) {
        const v = scores.get(child.id) ?? null;
        sum = sum === null || v === null ? null : sum + v;
      }
      const score = sum === null ? null : clamp(sum, weight);
      scores.set(c.id, score);
      panel.forEach((_, p) => {
        const mine = own[p] as Map<string, bigint | null>;
        let total: bigint | null = 0n;
        for (const child of children) {
          const v = mine.get(child.id) ?? null;
          total = total === null || v === null ? null : total + v;
        }
        mine.set(c.id, total === null ? null : clamp(total, weight));
      });
      let selfSum: bigint | null = 0n;
      for (const child of children) {
        const v = selfTotals.get(child.id) ?? null;
        selfSum = selfSum === null || v === null ? null : selfSum + v;
      }
      selfTotals.set(c.id, selfSum === null ? null : clamp(selfSum, weight));
      results.set(c.id, { ...base, leaf: false, score: score === null ? null : formatCents(score), source: 'children', expression: null, band: null, scores: [], self: selfSum === null ? null : formatCents(clamp(selfSum, weight)), min: null, max: null, spread: null, outliers: [] });
      continue;
    }
    const slot = byLeaf.get(c.id);
    const given: bigint[] = [];
    const givenWeights: bigint[] = [];
    const givenBy: string[] = [];
    panel.forEach((s, p) => {
      const v = slot?.panel[p] ?? null;
      if (v !== null) {
        given.push(v);
        givenWeights.push(panelWeights[p] as bigint);
        givenBy.push(s.id);
      }
    });
    const computed = computedScore(c, a.data);
    let score: bigint | null;
    if (computed) score = computed.cents;
    else score = aggregate(given, givenWeights, a.aggregation.method, a.aggregation.drop)?.cents ?? null;
    scores.set(c.id, score);
    panel.forEach((_, p) => (own[p] as Map<string, bigint | null>).set(c.id, computed ? computed.cents : (slot?.panel[p] ?? null)));
    selfTotals.set(c.id, computed ? computed.cents : (slot?.self ?? null));
    let min: bigint | null = null;
    let max: bigint | null = null;
    for (const v of given) {
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
    const outliers: string[] = [];
    if (given.length >= 3) {
      // |s − median| > share × weight, in twice the hundredths (the median of an even count is a half).
      const twiceMedian = twiceMedianOf(given);
      given.forEach((v, i) => {
        if (abs(2n * v - twiceMedian) * 10_000n > 2n * share * weight) outliers.push(givenBy[i] as string);
      });
    }
    results.set(c.id, {
      ...base,
      leaf: true,
      score: score === null ? null : formatCents(score),
      source: computed ? 'data' : 'scorers',
      expression: computed?.expression ?? null,
      band: score === null ? null : (bandCheck(c)?.(score) ?? null),
      scores: given.map((v, i) => ({ scorer: givenBy[i] as string, score: formatCents(v) })),
      self: computed ? formatCents(computed.cents) : slot?.self === null || slot?.self === undefined ? null : formatCents(slot.self),
      min: min === null ? null : formatCents(min),
      max: max === null ? null : formatCents(max),
      spread: min === null || max === null ? null : formatCents(max - min),
      outliers,
    });
  }

  const sampling = a.purpose === 'sampling-review';
  const blend = a.blend ?? settings.blend;
  const totalOf = (scoreOf: (id: string) => bigint | null): bigint | null => {
    if (tree.roots.length === 0) return null;
    if (sampling) {
      const q = scoreOf('quality');
      const r = scoreOf('rescore');
      const bq = parseScaled4(blend.quality);
      const br = parseScaled4(blend.rescore);
      if (q === null || r === null || bq === null || br === null || bq + br === 0n) return null;
      return roundDiv(q * bq + r * br, bq + br);
    }
    let total = 0n;
    for (const root of tree.roots) {
      const v = scoreOf(root.id);
      if (v === null) return null;
      total += v;
    }
    return total;
  };
  const total = totalOf((id) => scores.get(id) ?? null);
  const grade = total === null ? null : gradeOf(total, settings.grades);

  const scorerTotals = panel.map((_, p) => totalOf((id) => (own[p] as Map<string, bigint | null>).get(id) ?? null));
  const complete = scorerTotals.filter((t): t is bigint => t !== null);
  const twiceMedianTotal = complete.length >= 3 ? twiceMedianOf(complete) : null;
  const outlierPoints = parseCents(settings.outlierPoints) ?? 1000n;
  const scorerResults: ScorerResult[] = panel.map((s, p) => {
    const t = scorerTotals[p] ?? null;
    let deviation: string | null = null;
    let flagged = false;
    if (t !== null && twiceMedianTotal !== null) {
      const twice = 2n * t - twiceMedianTotal;
      deviation = formatCents(roundDiv(twice, 2n));
      flagged = abs(twice) > 2n * outlierPoints;
    }
    const mine = own[p] as Map<string, bigint | null>;
    return {
      id: s.id,
      name: s.name,
      role: s.role,
      total: t === null ? null : formatCents(t),
      levels: tree.roots.map((r) => {
        const v = mine.get(r.id) ?? null;
        return { id: r.id, score: v === null ? null : formatCents(v) };
      }),
      complete: t !== null,
      deviation,
      flagged,
    };
  });

  const selfTotal = sampling ? (selfTotals.get('rescore') ?? null) : null;
  return {
    criteria: a.template.criteria.map((c) => results.get(c.id)).filter((r): r is CriterionResult => r !== undefined),
    levels: tree.roots.map((r) => ({ id: r.id, name: r.name, weight: formatCents(weights.get(r.id) ?? 0n), score: (scores.get(r.id) ?? null) === null ? null : formatCents(scores.get(r.id) as bigint) })),
    scorers: scorerResults,
    total: total === null ? null : formatCents(total),
    grade,
    complete: total !== null,
    suggestedDecision: isExAnte(a.purpose) ? suggestedDecision(grade) : null,
    sampling: sampling
      ? {
          quality: (scores.get('quality') ?? null) === null ? null : formatCents(scores.get('quality') as bigint),
          rescore: (scores.get('rescore') ?? null) === null ? null : formatCents(scores.get('rescore') as bigint),
          blend,
          self: { score: selfTotal === null ? null : formatCents(selfTotal), grade: selfTotal === null ? null : gradeOf(selfTotal, settings.grades) },
          difference: total === null || selfTotal === null ? null : formatCents(total - selfTotal),
        }
      : null,
  };
}

/** The findings of an assessment that are not refusals: weights, what is still unscored, evidence, data, the conclusion. */
export function assessmentFindings(a: Assessment, result: AssessmentResult): Finding[] {
  const findings: Finding[] = [];
  for (const p of weightProblems(a.template.criteria, a.purpose)) findings.push({ rule: 'assessment-weights', severity: 'error', path: `/template/${p.path.replaceAll('.', '/')}`, message: p.message });
  for (const p of validateAssessment(a)) findings.push({ rule: 'assessment-sheet', severity: 'error', path: `/${p.path.replaceAll('.', '/')}`, message: p.message });
  const panel = a.scorers.filter((s) => s.role !== 'self');
  if (panel.length === 0) findings.push({ rule: 'assessment-scorers', severity: 'warning', path: '/scorers', message: { zh: '尚未确定评分人', en: 'no scorer yet' } });
  const byId = new Map(result.criteria.map((c) => [c.id, c]));
  a.template.criteria.forEach((c, i) => {
    const r = byId.get(c.id);
    if (!r?.leaf) return;
    const s = c.standard;
    const measure = s.type === 'formula' ? s.measure : s.type === 'deduction' ? s.measure : null;
    if (measure !== null && r.source !== 'data') findings.push({ rule: 'assessment-data', severity: 'warning', path: `/template/criteria/${i}`, message: { zh: `「${c.name}」所需的数据（${measure}）尚无，由评分人评分`, en: `the figure "${measure}" that "${c.name}" reads is not known: the scorers score it` } });
    if (r.source === 'scorers' && panel.length > 0) {
      const missing = panel.length - r.scores.length;
      if (missing > 0) findings.push({ rule: 'assessment-unscored', severity: 'warning', path: `/template/criteria/${i}`, message: { zh: `「${c.name}」还有 ${missing} 位评分人未评分`, en: `${missing} scorers have not scored "${c.name}" yet` } });
    }
  });
  a.evidence.forEach((e, i) => {
    if (e.status === 'missing' || e.status === 'rejected') findings.push({ rule: 'assessment-evidence', severity: 'warning', path: `/evidence/${i}`, message: { zh: `佐证材料「${e.name}」${e.status === 'missing' ? '尚未提供' : '未通过审核'}`, en: `the evidence "${e.name}" is ${e.status === 'missing' ? 'missing' : 'rejected'}` } });
  });
  findings.push(...conclusionFindings(a));
  return findings;
}

/** The conclusion: an ex-ante decision with its amounts that add up to what was asked. */
export function conclusionFindings(a: Assessment): Finding[] {
  const findings: Finding[] = [];
  const { conclusion } = a;
  if (!isExAnte(a.purpose)) return findings;
  const supported = conclusion.supported === null ? null : ratioOf(conclusion.supported);
  const cut = conclusion.cut === null ? null : ratioOf(conclusion.cut);
  const amount = a.subject.amount === null ? null : ratioOf(a.subject.amount);
  if (conclusion.decision === 'support-after-adjustment' && (cut === null || cut.num <= 0n)) findings.push({ rule: 'assessment-cut', severity: 'warning', path: '/conclusion/cut', message: { zh: '调整后予以支持，应写明核减金额', en: 'supported after adjustment: give the amount cut' } });
  if (conclusion.decision === 'reject' && supported !== null && supported.num > 0n) findings.push({ rule: 'assessment-cut', severity: 'error', path: '/conclusion/supported', message: { zh: '不予支持的项目，支持金额应为 0', en: 'a rejected item is supported with nothing' } });
  if (supported !== null && cut !== null && amount !== null && compare(minus(amount, supported), cut) !== 0) {
    findings.push({ rule: 'assessment-cut', severity: 'warning', path: '/conclusion/cut', message: { zh: `支持金额 ${conclusion.supported} 与核减金额 ${conclusion.cut} 之和不等于申请金额 ${a.subject.amount} 万元`, en: `supported ${conclusion.supported} and cut ${conclusion.cut} do not add up to the ${a.subject.amount} asked for` } });
  }
  return findings;
}
