/**
 * The self-evaluation rules E1–E10 (domain.md, "Self-evaluation rules"): what a finance bureau sends a
 * self-evaluation back for, and where a published table's own arithmetic is wrong. Pure, like the
 * target and monitoring rules, with sources, examples and bilingual texts.
 */
import type { RuleSetting } from '../rules/checkConfig.ts';
import { namedIndicator, pointer, type Bilingual, type Finding, type FindingDraft, type Severity } from '../rules/finding.ts';
import { compare, ratio, ratioOf } from '../monitoring/ratio.ts';
import type { SelfEvaluation } from '../selfEvaluation.ts';
import { classOf, classWeights, DEFAULT_SCORING_CONFIG, scoreEvaluation, type EvaluationScore, type ScoringConfig } from './scoring.ts';

export interface EvaluationContext {
  readonly evaluation: SelfEvaluation;
  readonly config: ScoringConfig;
  readonly score: EvaluationScore;
}

export interface EvaluationRuleExample {
  readonly shows: string;
  readonly edit: (evaluation: SelfEvaluation) => void;
}

export interface EvaluationRule {
  readonly id: string;
  /** E1 … E10 in domain.md. */
  readonly code: string;
  readonly severity: Severity;
  readonly description: Bilingual;
  readonly source: string;
  readonly examples: { readonly bad: EvaluationRuleExample; readonly good: EvaluationRuleExample };
  readonly check: (context: EvaluationContext) => Iterable<FindingDraft>;
}

const TOLERANCE = ratio(1n, 100n);
const decimal = (text: string | null) => (text === null ? null : ratioOf(text.trim()));
const sumOf = (values: readonly string[]) => values.reduce((sum, v) => {
  const r = ratioOf(v);
  return r === null ? sum : ratio(sum.num * r.den + r.num * sum.den, sum.den * r.den);
}, ratio(0n));
const text2 = (r: { num: bigint; den: bigint }) => {
  const scaled = (r.num * 100n * 2n + r.den) / (2n * r.den);
  return `${scaled / 100n}.${(scaled % 100n).toString().padStart(2, '0')}`;
};
/** Two decimals differ by more than a cent (a printed score against the computed one). */
export const scoresDiffer = (a: string, b: string): boolean => {
  const x = ratioOf(a);
  const y = ratioOf(b);
  if (x === null || y === null) return a !== b;
  const d = ratio(x.num * y.den - y.num * x.den, x.den * y.den);
  return compare(d.num < 0n ? ratio(-d.num, d.den) : d, TOLERANCE) > 0;
};

/** The table's own rows added up (its execution score and every applicable indicator's printed score), or null when a row printed none. */
export function printedRowsSum(evaluation: Pick<SelfEvaluation, 'funds' | 'indicators'>): string | null {
  const printedRows = [evaluation.funds.score, ...evaluation.indicators.filter((i) => i.applicable).map((i) => i.score)];
  return printedRows.every((s) => s !== null && decimal(s) !== null) ? text2(sumOf(printedRows as string[])) : null;
}

export const pointsAddUp: EvaluationRule = {
  id: 'evaluation-points',
  code: 'E1',
  severity: 'error',
  description: { zh: '预算执行率分值为 10 分，各指标分值（不为负数）合计 90 分，总分 100 分', en: 'Budget execution is worth 10 points, the indicators (none negative) 90 together: 100 in all' },
  source: '财预〔2020〕10号 annex; Sichuan and other published tables: domain.md §4.1, rule E1',
  examples: {
    bad: { shows: '指标分值合计 85 分', edit: (e) => void ((e.indicators[0] as { points: string }).points = '15') },
    good: { shows: '10 + 20 + 15 + 15 + 30 + 10 = 100', edit: () => undefined },
  },
  *check({ evaluation, config }) {
    const execution = String(config.executionPoints);
    if (evaluation.funds.points !== null && scoresDiffer(evaluation.funds.points, execution)) {
      yield { path: '/funds/points', message: { zh: `预算执行率分值为 ${evaluation.funds.points} 分，应为 ${execution} 分`, en: `budget execution is worth ${evaluation.funds.points} points, not ${execution}` } };
    }
    const negative = evaluation.indicators.findIndex((i) => (decimal(i.points)?.num ?? 0n) < 0n);
    if (negative >= 0) {
      const row = evaluation.indicators[negative] as { name: string; points: string };
      const name = namedIndicator(row, negative);
      yield { path: pointer('indicators', negative, 'points'), message: { zh: `指标${name.zh}分值为 ${row.points}，分值不能为负数`, en: `indicator ${name.en} is worth ${row.points} points; points cannot be negative` } };
      return;
    }
    const missing = evaluation.indicators.findIndex((i) => i.points === null || decimal(i.points) === null);
    if (missing >= 0) {
      const name = namedIndicator(evaluation.indicators[missing] as { name: string }, missing);
      yield { path: pointer('indicators', missing, 'points'), message: { zh: `指标${name.zh}没有分值`, en: `indicator ${name.en} has no points` } };
      return;
    }
    const total = sumOf(evaluation.indicators.map((i) => i.points ?? '0'));
    const expected = String(100 - config.executionPoints);
    if (scoresDiffer(text2(total), expected)) {
      yield { path: '/indicators', message: { zh: `各指标分值合计 ${text2(total)} 分，应为 ${expected} 分`, en: `the indicators' points add up to ${text2(total)}, not ${expected}` } };
    }
  },
};

export const levelSplit: EvaluationRule = {
  id: 'evaluation-level-split',
  code: 'E2',
  severity: 'warning',
  description: { zh: '一级指标分值一般为产出 50、效益 30、满意度 10 分，调整的须说明', en: 'The first-level split is normally output 50, outcome 30, satisfaction 10; a different one needs explaining' },
  source: '财预〔2020〕10号 (预算执行率 10%, 产出 50%, 效益 30%, 满意度 10%): domain.md §4.1, rule E2',
  examples: {
    bad: { shows: '产出 60 分、效益 20 分', edit: (e) => { (e.indicators[0] as { points: string }).points = '30'; (e.indicators[3] as { points: string }).points = '20'; } },
    good: { shows: '产出 50、效益 30、满意度 10', edit: () => undefined },
  },
  *check({ evaluation, config }) {
    const sums = new Map<string, string[]>();
    for (const i of evaluation.indicators) {
      const level = classOf(i.level1, config);
      sums.set(level, [...(sums.get(level) ?? []), i.points ?? '0']);
    }
    const split = [...sums.entries()].map(([level, points]) => [level, text2(sumOf(points))] as const);
    const expectedCents = classWeights(evaluation.indicators.map((i) => i.level1), config);
    const off = split.filter(([level, points]) => expectedCents.has(level) && scoresDiffer(points, text2(ratio(expectedCents.get(level) ?? 0n, 100n))));
    if (off.length === 0) return;
    const shown = split.map(([level, points]) => `${level.replace(/指标$/, '')} ${points.replace(/\.00$/, '')}`).join('、');
    const expected = [...expectedCents.entries()].map(([level, cents]) => `${level.replace(/指标$/, '')} ${text2(ratio(cents, 100n)).replace(/\.00$/, '')}`).join('、');
    yield { path: '/indicators', message: { zh: `一级指标分值为 ${shown}，与常用的 ${expected} 不同，请说明理由`, en: `the first-level split is ${shown}, not the usual ${expected}: explain why` } };
  },
};

export const scoreWithinPoints: EvaluationRule = {
  id: 'evaluation-score-range',
  code: 'E3',
  severity: 'error',
  description: { zh: '每行得分在 0 与分值之间', en: 'Every row scores between 0 and its points' },
  source: 'arithmetic: domain.md rule E3',
  examples: {
    bad: { shows: '「培训人次」得分 22 分，分值 20 分', edit: (e) => void ((e.indicators[0] as { score: string }).score = '22.00') },
    good: { shows: '每行得分不超过分值', edit: () => undefined },
  },
  *check({ evaluation }) {
    const rows: Array<[string, string | null, string | null, Bilingual]> = [
      ['/funds/score', evaluation.funds.score, evaluation.funds.points, { zh: '预算执行率', en: 'budget execution' }],
      ...evaluation.indicators.map((i, k) => [pointer('indicators', k, 'score'), i.score, i.points, { zh: `指标${namedIndicator(i, k).zh}`, en: `indicator ${namedIndicator(i, k).en}` }] as [string, string | null, string | null, Bilingual]),
    ];
    for (const [path, scoreText, pointsText, what] of rows) {
      const s = decimal(scoreText);
      const p = decimal(pointsText);
      // Negative points are E1's finding: a range of 0 to −5 says nothing.
      if (s === null || p === null || p.num < 0n) continue;
      if (s.num < 0n || compare(s, p) > 0) yield { path, message: { zh: `${what.zh}得分 ${scoreText} 不在 0 至 ${pointsText} 分之间`, en: `${what.en} scores ${scoreText}, outside 0–${pointsText}` } };
    }
  },
};

export const scoreMatchesFormula: EvaluationRule = {
  id: 'evaluation-score-formula',
  code: 'E4',
  severity: 'error',
  description: { zh: '定量指标和预算执行率的得分与计算公式的结果一致（误差 ±0.01）', en: 'Quantitative and execution scores equal the formula’s result (±0.01)' },
  source: 'domain.md formulas 2–5 (10号: points in proportion to actual ÷ target), rule E4',
  examples: {
    bad: { shows: '执行率 96%，得分写成 10 分', edit: (e) => void (e.funds.score = '10.00') },
    good: { shows: '执行率 96%，得分 9.60 分', edit: () => undefined },
  },
  *check({ evaluation, score }) {
    if (evaluation.funds.score !== null && score.funds.score !== null && scoresDiffer(evaluation.funds.score, score.funds.score)) {
      yield { path: '/funds/score', message: { zh: `预算执行率 ${score.funds.rate}%，得分应为 ${score.funds.score} 分（${score.funds.expression}），表中为 ${evaluation.funds.score} 分`, en: `execution is ${score.funds.rate}%: the score is ${score.funds.score} (${score.funds.expression}), the table says ${evaluation.funds.score}` }, suggestion: { zh: `改为 ${score.funds.score}`, en: `make it ${score.funds.score}` } };
    }
    for (const [k, indicator] of evaluation.indicators.entries()) {
      const computed = score.indicators[k];
      if (!computed || computed.formula === 'qualitative' || computed.score === null || indicator.score === null) continue;
      if (!scoresDiffer(indicator.score, computed.score)) continue;
      const name = namedIndicator(indicator, k);
      yield {
        path: pointer('indicators', k, 'score'),
        message: { zh: `指标${name.zh}得分应为 ${computed.score} 分（${computed.expression}），表中为 ${indicator.score} 分`, en: `indicator ${name.en} scores ${computed.score} (${computed.expression}), the table says ${indicator.score}` },
        suggestion: { zh: `改为 ${computed.score}`, en: `make it ${computed.score}` },
      };
    }
  },
};

export const qualitativeInBand: EvaluationRule = {
  id: 'evaluation-qualitative-band',
  code: 'E5',
  severity: 'error',
  description: { zh: '定性指标的得分在所评等级的分数段内（达成 80%–100%，部分达成 50%–80%，未达成 0–50%）', en: 'A qualitative score lies in its grade’s band (achieved 80–100%, partly 50–80%, not 0–50%)' },
  source: '财预〔2020〕10号 (80/50); a deployed system uses 80/60: domain.md §4.3, formula 7, rule E5',
  examples: {
    bad: { shows: '「业务能力提升」达成，得分 20 分（分值 30）', edit: (e) => void ((e.indicators[3] as { score: string }).score = '20.00') },
    good: { shows: '达成，得分 30 分', edit: () => undefined },
  },
  *check({ evaluation, score }) {
    for (const [k, indicator] of evaluation.indicators.entries()) {
      const computed = score.indicators[k];
      if (computed?.problem !== 'outside-band' && computed?.problem !== 'choose-score') continue;
      const name = namedIndicator(indicator, k);
      const band = computed.band;
      const range = band ? `${band.min}–${band.max}${band.maxIncluded ? '' : '（不含）'}` : '';
      yield computed.problem === 'choose-score'
        ? { path: pointer('indicators', k, 'score'), message: { zh: `指标${name.zh}为「${indicator.actual}」，须在 ${range} 分之间评分`, en: `indicator ${name.en} is "${indicator.actual}": give a score in ${range}` } }
        : { path: pointer('indicators', k, 'score'), message: { zh: `指标${name.zh}为「${indicator.actual}」，得分 ${indicator.score} 不在该等级的 ${range} 分之间`, en: `indicator ${name.en} is "${indicator.actual}": ${indicator.score} is outside its band ${range}` } };
    }
  },
};

export const deviationExplained: EvaluationRule = {
  id: 'evaluation-deviation-unexplained',
  code: 'E6',
  severity: 'error',
  description: { zh: '未满分或实际值达到目标值 130% 以上的指标，须填写偏差原因分析及改进措施', en: 'An indicator below its full points, or at 130% of its target or more, needs a cause and measures' },
  source: '财预〔2020〕10号 (unmet targets explained; targets set too low examined); Guangxi (≥ 130%): domain.md §4.2, formula 6, rule E6',
  examples: {
    bad: { shows: '「培训人次」完成 400 人次，未说明原因', edit: (e) => { (e.indicators[0] as { actual: string; score: string }).actual = '400人次'; (e.indicators[0] as { score: string }).score = '16.00'; } },
    good: { shows: '全部达到目标', edit: () => undefined },
  },
  *check({ evaluation, score }) {
    for (const [k, indicator] of evaluation.indicators.entries()) {
      const computed = score.indicators[k];
      if (!computed || !indicator.applicable || !(computed.missed || computed.overAchieved)) continue;
      const name = namedIndicator(indicator, k);
      const why = computed.overAchieved ? { zh: '远超目标值（目标可能定得偏低）', en: 'is far above its target (set too low?)' } : { zh: '未达到目标', en: 'missed its target' };
      if (indicator.deviation.reason.trim() === '') yield { path: pointer('indicators', k, 'deviation', 'reason'), message: { zh: `指标${name.zh}${why.zh}，须填写偏差原因分析`, en: `indicator ${name.en} ${why.en}: give the cause` } };
      if (indicator.deviation.measures.trim() === '') yield { path: pointer('indicators', k, 'deviation', 'measures'), message: { zh: `指标${name.zh}${why.zh}，须填写改进措施`, en: `indicator ${name.en} ${why.en}: give the measures` } };
    }
  },
};

export const executionExplained: EvaluationRule = {
  id: 'evaluation-execution-unexplained',
  code: 'E7',
  severity: 'error',
  description: { zh: '预算执行率低于 90% 的，须说明原因；执行数超过预算数的，须核对', en: 'An execution rate below 90% needs a cause; more spent than budgeted is checked' },
  source: 'Sichuan 2023 self-evaluation table (below 90% explained, ≤ 100 字): domain.md §4.5, rule E7; 财预〔2020〕10号 (执行数 within 全年预算数)',
  examples: {
    bad: { shows: '执行率 80%，未说明原因', edit: (e) => { e.funds.executed = '80.00'; e.funds.score = '8.00'; } },
    good: { shows: '执行率 96%', edit: () => undefined },
  },
  *check({ evaluation, config, score }) {
    const rate = score.funds.rate === null ? null : ratioOf(score.funds.rate);
    if (rate !== null && compare(rate, ratio(100n)) > 0) {
      yield {
        path: '/funds/executed',
        severity: 'warning',
        message: { zh: `全年执行数 ${evaluation.funds.executed} 万元超过全年预算数 ${evaluation.funds.annualBudget ?? evaluation.funds.initialBudget} 万元（执行率 ${score.funds.rate}%），请核对`, en: `${evaluation.funds.executed} spent is more than the budget of ${evaluation.funds.annualBudget ?? evaluation.funds.initialBudget} (${score.funds.rate}%): check it` },
      };
      return;
    }
    if (rate === null || compare(rate, ratio(BigInt(Math.round(config.executionCauseBelow * 100)), 100n)) >= 0) return;
    if (evaluation.funds.reason.trim() === '') yield { path: '/funds/reason', message: { zh: `预算执行率 ${score.funds.rate}%，低于 ${config.executionCauseBelow}%，须说明原因`, en: `execution is ${score.funds.rate}%, below ${config.executionCauseBelow}%: give the cause` } };
  },
};

const CLOSING = [
  ['conclusion', { zh: '评价结论', en: 'the conclusion' }],
  ['problems', { zh: '存在问题', en: 'the problems' }],
  ['improvements', { zh: '改进措施', en: 'the improvements' }],
] as const;

export const closingTexts: EvaluationRule = {
  id: 'evaluation-closing-texts',
  code: 'E8',
  severity: 'warning',
  description: { zh: '评价结论、存在问题、改进措施均须填写，各不超过 200 字', en: 'The conclusion, problems and improvements are each given, at most 200 characters' },
  source: 'Sichuan 2023 self-evaluation table (≤ 200 字 each): domain.md §4.5, rule E8',
  examples: {
    bad: { shows: '未写存在问题', edit: (e) => void (e.problems = '') },
    good: { shows: '三项都已填写', edit: () => undefined },
  },
  *check({ evaluation }) {
    for (const [field, name] of CLOSING) {
      const value = evaluation[field].trim();
      if (value === '') yield { path: `/${field}`, message: { zh: `未填写${name.zh}`, en: `${name.en} is missing` } };
      else if ([...value].length > 200) yield { path: `/${field}`, message: { zh: `${name.zh}共 ${[...value].length} 字，超过 200 字`, en: `${name.en} has ${[...value].length} characters, more than 200` } };
    }
  },
};

export const gradeMatchesTotal: EvaluationRule = {
  id: 'evaluation-grade',
  code: 'E9',
  severity: 'error',
  description: { zh: '总分等于各行得分之和，等级与总分相符（优 ≥ 90，良 ≥ 80，中 ≥ 60，差 < 60）', en: 'The total is the sum of the rows and the grade fits it (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below)' },
  source: '财预〔2020〕10号 (90（含）–100 优 …): domain.md §4.4, formula 9, rule E9',
  examples: {
    bad: { shows: '总分 99.60，等级写成「良」', edit: (e) => void (e.grade = '良') },
    good: { shows: '总分 99.60，等级「优」', edit: () => undefined },
  },
  *check({ evaluation, score }) {
    // The table's own rows against its own total: every printed score added up, nothing recomputed.
    const rowsSum = printedRowsSum(evaluation);
    if (evaluation.total !== null && rowsSum !== null && scoresDiffer(evaluation.total, rowsSum)) {
      yield { path: '/total', message: { zh: `表中各行得分之和为 ${rowsSum} 分，表中总分为 ${evaluation.total} 分`, en: `the table's own rows add up to ${rowsSum}, its printed total is ${evaluation.total}` } };
    }
    // The computed total, where it says more than the rows' sum did (a row's score off its formula).
    if (evaluation.total !== null && score.total !== null && scoresDiffer(evaluation.total, score.total) && (rowsSum === null || scoresDiffer(rowsSum, score.total))) {
      yield { path: '/total', message: { zh: `总分应为 ${score.total} 分（各行得分之和），表中为 ${evaluation.total} 分`, en: `the total is ${score.total} (the rows' sum), the table says ${evaluation.total}` }, suggestion: { zh: `改为 ${score.total}`, en: `make it ${score.total}` } };
    }
    if (evaluation.grade !== null && score.grade !== null && evaluation.grade !== score.grade) {
      yield { path: '/grade', message: { zh: `总分 ${score.total} 分对应等级「${score.grade}」，表中为「${evaluation.grade}」`, en: `a total of ${score.total} is graded ${score.grade}, the table says ${evaluation.grade}` }, suggestion: { zh: `改为「${score.grade}」`, en: `make it ${score.grade}` } };
    }
  },
};

export const actualsGiven: EvaluationRule = {
  id: 'evaluation-actual-missing',
  code: 'E10',
  severity: 'error',
  description: { zh: '有年度指标值的指标都须填写实际完成值', en: 'Every indicator with an annual target has its actual value' },
  source: 'the self-evaluation tables (实际完成值 / 完成值 column): domain.md rule E10',
  examples: {
    bad: { shows: '「培训合格率」未填实际完成值', edit: (e) => void ((e.indicators[1] as { actual: string }).actual = '') },
    good: { shows: '每项指标都有实际完成值', edit: () => undefined },
  },
  *check({ evaluation }) {
    for (const [k, indicator] of evaluation.indicators.entries()) {
      if (!indicator.applicable || indicator.annualTarget.trim() === '' || indicator.actual.trim() !== '') continue;
      const name = namedIndicator(indicator, k);
      yield { path: pointer('indicators', k, 'actual'), message: { zh: `指标${name.zh}未填写实际完成值`, en: `indicator ${name.en} has no actual value` } };
    }
  },
};

export const EVALUATION_RULES: readonly EvaluationRule[] = [pointsAddUp, levelSplit, scoreWithinPoints, scoreMatchesFormula, qualitativeInBand, deviationExplained, executionExplained, closingTexts, gradeMatchesTotal, actualsGiven];

/** The findings of a self-evaluation: every evaluation rule, at its configured severity, in rule order, with the scores computed. */
export function checkSelfEvaluation(evaluation: SelfEvaluation, config: ScoringConfig = DEFAULT_SCORING_CONFIG, settings: Readonly<Record<string, RuleSetting>> = {}): { findings: Finding[]; score: EvaluationScore } {
  const score = scoreEvaluation(evaluation, config);
  const findings: Finding[] = [];
  for (const rule of EVALUATION_RULES) {
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    for (const draft of rule.check({ evaluation, config, score })) {
      findings.push({ rule: rule.id, severity: setting ?? draft.severity ?? rule.severity, path: draft.path, message: draft.message, ...(draft.suggestion ? { suggestion: draft.suggestion } : {}) });
    }
  }
  return { findings, score };
}
