/**
 * 预算安排建议: a continuing project's next-year amount from this year's results, by the region's rules.
 * Pure and exact: amounts are Money (1e-6 万元), a percentage's change is rounded once to the 0.01 万元,
 * halves away from zero, and nothing is ever below zero.
 */
import { addMoney, compareMoney, formatMoney, money, type Money } from '../money.ts';
import type { Decision } from '../assessment/assessment.ts';
import type { Light } from '../monitoringReport.ts';
import type { EvaluationGrade } from '../selfEvaluation.ts';
import { effectText, ruleName, type Effect, type ResultRules, type RuleId } from './rules.ts';

/** A result that counts, with the document it came from (a Jixiao id, or the id it had elsewhere). */
export interface GradeResult {
  readonly grade: EvaluationGrade;
  readonly id?: string | null | undefined;
}

/** One continuing project and this year's results about it: a line of the canonical results (docs/format-results.md). */
export interface ProjectResults {
  /** The results' year (the proposal is for the next). */
  readonly year: number;
  readonly department: string;
  readonly departmentId?: string | null | undefined;
  readonly project: string;
  readonly code?: string | null | undefined;
  /** The project's form of the results' year. */
  readonly projectId?: string | null | undefined;
  /** Its amount this year (万元), the base of next year's. */
  readonly amount: string;
  readonly selfEvaluation?: GradeResult | null | undefined;
  /** 抽评: replaces the self-evaluation's grade. */
  readonly samplingReview?: GradeResult | null | undefined;
  readonly keyEvaluation?: GradeResult | null | undefined;
  readonly exAnte?: { readonly decision: Decision; readonly cut?: string | null | undefined; readonly id?: string | null | undefined } | null | undefined;
  /** The year's last monitoring light; only a red one not rectified counts. */
  readonly monitoring?: { readonly light: Light; readonly rectified: boolean; readonly id?: string | null | undefined } | null | undefined;
  /** What the department asks for next year on its next-year project form. */
  readonly request?: { readonly amount: string; readonly id?: string | null | undefined } | null | undefined;
}

/** The bureau's exception to the rules for one project (调整): the amount and why, both required. */
export interface ProposalException {
  readonly amount: string;
  readonly reason: string;
  readonly by?: string | null | undefined;
  readonly at?: string | null | undefined;
}

/** One rule that fired on a row: which, the result it read, and what it did. */
export interface FiredRule {
  readonly rule: RuleId;
  readonly effect: Effect['type'] | 'cut-amount';
  /** The percentage or the amount cut, as the rules or the assessment say. */
  readonly value: string | null;
  /** The document whose result fired it. */
  readonly source: string | null;
  readonly zh: string;
  readonly en: string;
}

/** One row of the proposals' table. */
export interface ProposalRow {
  readonly key: string;
  readonly department: string;
  readonly departmentId: string | null;
  readonly project: string;
  readonly code: string | null;
  readonly projectId: string | null;
  readonly lastAmount: string;
  /** The grade that counts and where it came from. */
  readonly grade: { readonly grade: EvaluationGrade; readonly source: 'self-evaluation' | 'sampling-review' | 'key-evaluation'; readonly id: string | null } | null;
  readonly fired: readonly FiredRule[];
  /** What the rules give. */
  readonly computed: string;
  /** What is proposed: the exception's amount when there is one, else the rules'. */
  readonly proposed: string;
  /** The rule behind the proposed figure ('exception' when the bureau set it). */
  readonly rule: RuleId;
  /** The version of the region's rules that produced it (null: the defaults, or rules given in a file). */
  readonly rulesVersion: number | null;
  readonly exception: ProposalException | null;
  readonly request: string | null;
  readonly requestId: string | null;
  /** The department asks for more than is proposed: the rule that caused the gap is `rule`. */
  readonly overRequest: boolean;
}

/** Proposals summed by department, and the whole table's sums. */
export interface ProposalTotals {
  readonly count: number;
  readonly lastAmount: string;
  readonly proposed: string;
  readonly request: string;
}

export interface ProposalTable {
  /** The budget year proposed for (the results' year + 1). */
  readonly year: number;
  readonly rows: readonly ProposalRow[];
  readonly departments: ReadonlyArray<ProposalTotals & { readonly department: string; readonly departmentId: string | null }>;
  readonly total: ProposalTotals;
  /** How many rows each rule decided. */
  readonly byRule: Readonly<Partial<Record<RuleId, number>>>;
}

const ZERO: Money = { units: 0n };
/** Money units in 0.01 万元: a percentage's change is rounded to it. */
const HUNDREDTH = 10_000n;

const PLAIN_AMOUNT = /^(\d{1,12})(?:\.(\d{1,6}))?$/;

/** An amount as canonical data holds it ("120.50"), read without the general parser's work; anything else through it. */
function amountOf(text: string): Money {
  const match = PLAIN_AMOUNT.exec(text);
  if (!match) return money(text);
  return { units: BigInt(`${match[1] ?? '0'}${(match[2] ?? '').padEnd(6, '0')}`) };
}

const PERCENTS = new Map<string, bigint>();

/** "10" → 1000n, "2.5" → 250n: a percentage in hundredths of a percent (a rules' handful, read once each). */
function percentHundredths(percent: string): bigint {
  const known = PERCENTS.get(percent);
  if (known !== undefined) return known;
  const match = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(percent);
  if (!match) throw new RangeError(`not a percentage of at most two places: ${JSON.stringify(percent)}`);
  const value = BigInt(`${match[1]}${(match[2] ?? '').padEnd(2, '0')}`);
  PERCENTS.set(percent, value);
  return value;
}

/** amount × percent ÷ 100, rounded to 0.01 万元, halves away from zero. */
export function percentOf(amount: Money, hundredths: bigint): Money {
  const num = amount.units * hundredths;
  const den = 10_000n * HUNDREDTH;
  const abs = num < 0n ? -num : num;
  const rounded = ((abs + den / 2n) / den) * HUNDREDTH;
  return { units: num < 0n ? -rounded : rounded };
}

/** The key of a row: the project form's id, else department and code (or name). */
export function rowKey(line: ProjectResults): string {
  return line.projectId ?? `${line.department}\u0000${line.code?.trim() || line.project}`;
}

// A rule's words depend only on the rule and its effect: made once per rules, not per project.
const WORDS = new WeakMap<Effect, Map<RuleId, { zh: string; en: string }>>();

function fire(rule: RuleId, effect: Effect, source: string | null | undefined): FiredRule {
  let byRule = WORDS.get(effect);
  if (!byRule) WORDS.set(effect, (byRule = new Map()));
  let words = byRule.get(rule);
  if (!words) {
    const text = effectText(effect);
    const name = ruleName(rule);
    byRule.set(rule, (words = { zh: `${name.zh}：${text.zh}`, en: `${name.en}: ${text.en}` }));
  }
  return { rule, effect: effect.type, value: 'percent' in effect ? effect.percent : null, source: source ?? null, zh: words.zh, en: words.en };
}

/** The grade that counts: a key evaluation's, else a sampling review's (which replaces the self-evaluation's), else the self-evaluation's. */
export function countingGrade(line: ProjectResults): ProposalRow['grade'] {
  if (line.keyEvaluation) return { grade: line.keyEvaluation.grade, source: 'key-evaluation', id: line.keyEvaluation.id ?? null };
  if (line.samplingReview) return { grade: line.samplingReview.grade, source: 'sampling-review', id: line.samplingReview.id ?? null };
  if (line.selfEvaluation) return { grade: line.selfEvaluation.grade, source: 'self-evaluation', id: line.selfEvaluation.id ?? null };
  return null;
}

/** The rules that fire on a project's results, in the order they apply: ex-ante, grade, red light. */
export function firedRules(line: ProjectResults, rules: ResultRules): FiredRule[] {
  const fired: FiredRule[] = [];
  if (line.exAnte?.decision === 'reject') fired.push(fire('exAnte.reject', rules.exAnte.reject, line.exAnte.id));
  const grade = countingGrade(line);
  if (grade) {
    const byKey = grade.source === 'key-evaluation' && rules.keyEvaluation !== null;
    const effect = (byKey && rules.keyEvaluation ? rules.keyEvaluation : rules.grades)[grade.grade];
    fired.push(fire(byKey ? `keyEvaluation.${grade.grade}` : `grades.${grade.grade}`, effect, grade.id));
  }
  if (line.monitoring?.light === 'red' && !line.monitoring.rectified) fired.push(fire('redLight', rules.redLight, line.monitoring.id));
  const cut = line.exAnte?.cut ? amountOf(line.exAnte.cut) : null;
  if (rules.exAnte.applyCut && line.exAnte && line.exAnte.decision !== 'reject' && cut && cut.units > 0n) {
    const name = ruleName('exAnte.cut');
    fired.push({ rule: 'exAnte.cut', effect: 'cut-amount', value: formatMoney(cut), source: line.exAnte.id ?? null, zh: `${name.zh}：${formatMoney(cut)} 万元`, en: `${name.en}: ${formatMoney(cut)} 万元` });
  }
  return fired;
}

/**
 * What the rules give for a project: cancel wins over everything, then suspend (both 0); otherwise the
 * percentages add up (never below −100%), the change rounded to 0.01 万元, and an ex-ante cut is taken
 * off; never below zero. The deciding rule: the cancelling or suspending one, else the first that
 * changed the amount, else the grade's, else `none`.
 */
export function applyRules(last: Money, fired: readonly FiredRule[]): { amount: Money; rule: RuleId } {
  const stop = fired.find((f) => f.effect === 'cancel') ?? fired.find((f) => f.effect === 'suspend');
  if (stop) return { amount: ZERO, rule: stop.rule };
  let hundredths = 0n;
  for (const f of fired) {
    if (f.effect === 'raise') hundredths += percentHundredths(f.value ?? '0');
    if (f.effect === 'cut') hundredths -= percentHundredths(f.value ?? '0');
  }
  if (hundredths < -10_000n) hundredths = -10_000n;
  let amount = addMoney(last, percentOf(last, hundredths));
  for (const f of fired) if (f.effect === 'cut-amount') amount = { units: amount.units - amountOf(f.value ?? '0').units };
  if (amount.units < 0n) amount = ZERO;
  const deciding = fired.find((f) => f.effect === 'cut' || f.effect === 'cut-amount') ?? fired.find((f) => f.effect === 'raise') ?? fired[0];
  return { amount, rule: deciding?.rule ?? 'none' };
}

/** Refuses an exception without a reason or with an amount that is not a non-negative amount of money. */
export function validException(exception: ProposalException): ProposalException {
  if (exception.reason.trim() === '') throw new RangeError('an exception needs a reason (例外调整须写明理由)');
  const amount = amountOf(exception.amount);
  if (amount.units < 0n) throw new RangeError(`an exception's amount is never negative: ${exception.amount}`);
  return { ...exception, amount: formatMoney(amount), reason: exception.reason.trim() };
}

/** One project's row. */
export function proposeRow(line: ProjectResults, rules: ResultRules, exception: ProposalException | null = null, rulesVersion: number | null = null): ProposalRow {
  return proposeParts(line, rules, exception, rulesVersion).row;
}

/** A row and its amounts as numbers, so that sums never read the printed figures again. */
interface RowParts {
  readonly row: ProposalRow;
  readonly last: bigint;
  readonly proposed: bigint;
  readonly request: bigint | null;
}

function proposeParts(line: ProjectResults, rules: ResultRules, exception: ProposalException | null, rulesVersion: number | null): RowParts {
  const last = amountOf(line.amount);
  if (last.units < 0n) throw new RangeError(`last year's amount is never negative: ${line.amount}`);
  const fired = firedRules(line, rules);
  const computed = applyRules(last, fired);
  const granted = exception ? validException(exception) : null;
  const proposed = granted ? amountOf(granted.amount) : computed.amount;
  const request = line.request ? amountOf(line.request.amount) : null;
  const row: ProposalRow = {
    key: rowKey(line),
    department: line.department,
    departmentId: line.departmentId ?? null,
    project: line.project,
    code: line.code ?? null,
    projectId: line.projectId ?? null,
    lastAmount: formatMoney(last),
    grade: countingGrade(line),
    fired,
    computed: formatMoney(computed.amount),
    proposed: formatMoney(proposed),
    rule: granted ? 'exception' : computed.rule,
    rulesVersion,
    exception: granted,
    request: request ? formatMoney(request) : null,
    requestId: line.request?.id ?? null,
    overRequest: request !== null && compareMoney(request, proposed) > 0,
  };
  return { row, last: last.units, proposed: proposed.units, request: request?.units ?? null };
}

/** Running sums of a group of rows. */
class Sums {
  count = 0;
  last = 0n;
  proposed = 0n;
  request = 0n;
  add(parts: RowParts): void {
    this.count++;
    this.last += parts.last;
    this.proposed += parts.proposed;
    if (parts.request !== null) this.request += parts.request;
  }
  totals(): ProposalTotals {
    return { count: this.count, lastAmount: formatMoney({ units: this.last }), proposed: formatMoney({ units: this.proposed }), request: formatMoney({ units: this.request }) };
  }
}

/** The rules in force for a line (a department's region's), and their version. */
export type RulesFor = (line: ProjectResults) => { readonly rules: ResultRules; readonly version: number | null };

/**
 * The table for a budget year from the results of the year before: rows by department and project,
 * each department's sums and the total. `rules` is one set for every line, or each line's region's.
 */
export function proposalTable(year: number, lines: Iterable<ProjectResults>, rules: ResultRules | RulesFor, exceptions: ReadonlyMap<string, ProposalException> = new Map()): ProposalTable {
  const rulesFor: RulesFor = typeof rules === 'function' ? rules : () => ({ rules, version: null });
  const rows: ProposalRow[] = [];
  const total = new Sums();
  const groups = new Map<string, { sums: Sums; departmentId: string | null }>();
  const byRule: Partial<Record<RuleId, number>> = {};
  for (const line of lines) {
    if (line.year !== year - 1) continue;
    const inForce = rulesFor(line);
    const parts = proposeParts(line, inForce.rules, exceptions.get(rowKey(line)) ?? null, inForce.version);
    rows.push(parts.row);
    total.add(parts);
    let group = groups.get(parts.row.department);
    if (!group) groups.set(parts.row.department, (group = { sums: new Sums(), departmentId: parts.row.departmentId }));
    group.sums.add(parts);
    byRule[parts.row.rule] = (byRule[parts.row.rule] ?? 0) + 1;
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => order(a.department, b.department) || order(a.project, b.project));
  const departments = [...groups].sort(([a], [b]) => order(a, b)).map(([department, g]) => ({ department, departmentId: g.departmentId, ...g.sums.totals() }));
  return { year, rows, departments, total: total.totals(), byRule };
}
