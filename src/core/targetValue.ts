/**
 * The grammar of an indicator's target value (指标值) as forms print it.
 *
 * target     := placeholder | not-applicable | deadline | quantity | qualitative
 * quantity   := [operator] number [range] [unit] [suffix] [basis]
 * operator   := ≥ ≤ > < = in any printed form (≧ ＞ ﹦ >= …) | a word (不低于 不少于 低于 达到 …)
 * range      := (- ～ ~ 至 到) number
 * suffix     := 以上 | 及以上 | 以下 | 及以下 | 以内 | 左右
 * basis      := (计划标准) | (行业标准) | (历史标准) | (预算支出标准) | (其他标准)
 * deadline   := [≤ | 在] ( [YYYY年] M月 [D日 | 底 | 末 | 上旬 | 中旬 | 下旬] | YYYY-M-D | YYYY.M.D | YYYY/M/D
 *                | YYYY年[年]底 | YYYY年[年]末 | YYYY年(度)内 ) [前 | 之前 | 以前] [完成]
 *
 * Parsing is total: every string yields a {@link TargetValue}; what is not a quantity, a deadline
 * or a marker is kept whole as qualitative text.
 */

/** The comparison of a quantitative target, in its canonical sign. */
export type Comparator = '≥' | '≤' | '>' | '<' | '=';

/** Basis for the value (取值依据), when printed as a tag after the value. */
export type ValueBasis = '计划标准' | '行业标准' | '历史标准' | '预算支出标准' | '其他标准';

/** A target such as `≥85分`, `＜5%`, `1-2个`, `12`. Numbers are exact decimal strings. */
export interface QuantityTarget {
  readonly kind: 'quantity';
  /** null when the form printed no operator (`100%`, `12`). */
  readonly operator: Comparator | null;
  readonly value: string;
  /** Upper end of a range such as `1-2`; null otherwise. */
  readonly upper: string | null;
  /** Unit as printed (`%`, `分`, `M`, `次/年`); null when none. */
  readonly unit: string | null;
  readonly basis: ValueBasis | null;
  /** True when the value is hedged (`左右`, `约`). */
  readonly approximate: boolean;
}

/** A date target: `12月31日前`, `2025年6月底前`. */
export interface DeadlineTarget {
  readonly kind: 'deadline';
  /** `≤` when the form says 前/之前/以前 (by that date), null for a bare date. */
  readonly operator: '≤' | null;
  readonly year: number | null;
  readonly month: number;
  readonly day: number | null;
  /** A part of the month instead of a day: 上旬, 中旬, 下旬, 底 (end). */
  readonly part: '上旬' | '中旬' | '下旬' | '底' | null;
  readonly basis: ValueBasis | null;
}

/** A target stated in words (定性), kept whole. */
export interface QualitativeTarget {
  readonly kind: 'qualitative';
  readonly text: string;
  readonly basis: ValueBasis | null;
}

/** A value still to be filled in: `XX`, `**`, `待定`. */
export interface PlaceholderTarget {
  readonly kind: 'placeholder';
  readonly text: string;
}

/** A cell marked as not applicable: `/`, `—`, `不适用`, `无`. */
export interface NotApplicableTarget {
  readonly kind: 'not-applicable';
  readonly text: string;
}

/** A blank cell. */
export interface EmptyTarget {
  readonly kind: 'empty';
}

export type TargetValue =
  | QuantityTarget
  | DeadlineTarget
  | QualitativeTarget
  | PlaceholderTarget
  | NotApplicableTarget
  | EmptyTarget;

const SYMBOL_OPERATORS: ReadonlyArray<readonly [string, Comparator]> = [
  ['>=', '≥'],
  ['<=', '≤'],
  ['=>', '≥'],
  ['=<', '≤'],
  ['==', '='],
  ['≥', '≥'],
  ['≧', '≥'],
  ['⩾', '≥'],
  ['≤', '≤'],
  ['≦', '≤'],
  ['⩽', '≤'],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

// Longest words first so that 不低于 wins over 低于.
const WORD_OPERATORS: ReadonlyArray<readonly [string, Comparator]> = [
  ['大于或等于', '≥'],
  ['小于或等于', '≤'],
  ['大于等于', '≥'],
  ['小于等于', '≤'],
  ['不低于', '≥'],
  ['不少于', '≥'],
  ['不小于', '≥'],
  ['不高于', '≤'],
  ['不超过', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['至少', '≥'],
  ['至多', '≤'],
  ['最多', '≤'],
  ['最少', '≥'],
  ['低于', '<'],
  ['少于', '<'],
  ['小于', '<'],
  ['高于', '>'],
  ['超过', '>'],
  ['多于', '>'],
  ['大于', '>'],
  ['达到', '≥'],
  ['等于', '='],
];

const WORD_OPERATOR_STARTS = new Set(WORD_OPERATORS.map(([word]) => word.charAt(0)));

const SUFFIX_OPERATORS: ReadonlyArray<readonly [string, Comparator]> = [
  ['及以上', '≥'],
  ['及以下', '≤'],
  ['以上', '≥'],
  ['以下', '≤'],
  ['以内', '≤'],
];

const BASES: readonly ValueBasis[] = ['计划标准', '行业标准', '历史标准', '预算支出标准', '其他标准'];

const PLACEHOLDER = /^(?:[*＊]+|[xX×]{1,4}|待定|待填|待补充|未定|暂定|TBD)$/;
const NOT_APPLICABLE = /^(?:[/／\\]|[—–―─-]+|－+|不适用|无|暂无|N\/?A)$/i;
const NUMBER = /^[+-]?\d+(?:,\d{3})*(?:\.\d+)?/;
const RANGE_SEPARATOR = /^[-~～至到—–]/;
const DEADLINE =
  /^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号]|(上旬|中旬|下旬|底|末))?(前|之前|以前)?(?:完成)?$/;
/** A date written with dashes, dots or slashes: `2025-12-31前`. */
const NUMERIC_DATE = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(前|之前|以前)?(?:完成)?$/;
/** The end of a year: `2025年底前`, `2025年年末`, `2025年度内完成`. */
const YEAR_END = /^(\d{4})年(?:年?(?:底|末)|度?内)(前|之前|以前)?(?:完成)?$/;

/** Parses a printed target value. Total: never throws, every string gives a value. */
export function parseTargetValue(raw: string): TargetValue {
  const text = normalizeForParsing(raw);
  if (text === '') return { kind: 'empty' };
  if (PLACEHOLDER.test(text) || /(?:XX|xx|\*\*)/.test(text)) return { kind: 'placeholder', text: raw.trim() };
  if (NOT_APPLICABLE.test(text)) return { kind: 'not-applicable', text: raw.trim() };

  const { rest, basis } = takeBasis(text);
  return parseDeadline(rest, basis) ?? parseQuantity(rest, basis) ?? { kind: 'qualitative', text: raw.trim(), basis };
}

/** The printed form of a parsed target, in canonical signs: `≥85分`, `1-2个`, `12月31日前`. */
export function formatTargetValue(value: TargetValue): string {
  switch (value.kind) {
    case 'quantity': {
      const range = value.upper === null ? '' : `-${value.upper}`;
      return `${value.operator ?? ''}${value.value}${range}${value.unit ?? ''}${value.approximate ? '左右' : ''}${basisTag(value.basis)}`;
    }
    case 'deadline': {
      const year = value.year === null ? '' : `${value.year}年`;
      const day = value.day !== null ? `${value.day}日` : (value.part ?? '');
      return `${year}${value.month}月${day}${value.operator === '≤' ? '前' : ''}${basisTag(value.basis)}`;
    }
    case 'qualitative':
      return value.text;
    case 'placeholder':
    case 'not-applicable':
      return value.text;
    case 'empty':
      return '';
  }
}

/** True when the comparison says higher is better (正向): ≥ and >. */
export function isPositiveDirection(operator: Comparator | null): boolean {
  return operator === '≥' || operator === '>';
}

/** True when the comparison says lower is better (反向): ≤ and <. */
export function isReverseDirection(operator: Comparator | null): boolean {
  return operator === '≤' || operator === '<';
}

function basisTag(basis: ValueBasis | null): string {
  return basis === null ? '' : `（${basis}）`;
}

/**
 * Folds the many printed forms of one sign into one, for parsing only (the raw text is kept).
 * NFKC maps full-width digits, ％ ＞ ＜ ＝ and ﹦; ≧ ≦ are left alone by NFKC and handled as operators.
 */
function normalizeForParsing(raw: string): string {
  // NFKC only where there is something for it to fold (full-width and small forms).
  const folded = /[\uFE50-\uFE6F\uFF00-\uFFEF]/.test(raw) ? raw.normalize('NFKC') : raw;
  let text = /[\s\u3000]/.test(folded) ? folded.replace(/[\s\u3000]+/g, '') : folded;
  if (text.includes('百分')) text = text.replace(/百分比|百分之/g, '%');
  if (/[（）]/.test(text)) text = text.replace(/（/g, '(').replace(/）/g, ')');
  return text;
}

function takeBasis(text: string): { rest: string; basis: ValueBasis | null } {
  const match = /\((计划标准|行业标准|历史标准|预算支出标准|其他标准|其他)\)$/.exec(text);
  if (!match) return { rest: text, basis: null };
  const name = match[1] === '其他' ? '其他标准' : match[1];
  const basis = BASES.find((b) => b === name) ?? null;
  return { rest: text.slice(0, match.index), basis };
}

function parseDeadline(raw: string, basis: ValueBasis | null): DeadlineTarget | null {
  // `≤2025年6月30日` and `在6月30日前完成` say "by" as 前 does.
  const signed = /^(?:≤|<=|在)/.exec(raw);
  const text = signed ? raw.slice(signed[0].length) : raw;
  const yearEnd = YEAR_END.exec(text);
  if (yearEnd) return { kind: 'deadline', operator: '≤', year: Number(yearEnd[1]), month: 12, day: null, part: '底', basis };
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) {
    const [, y, m, d, before] = numeric;
    const month = Number(m);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return { kind: 'deadline', operator: before !== undefined || signed ? '≤' : null, year: Number(y), month, day, part: null, basis };
  }
  const match = DEADLINE.exec(text);
  if (!match) return null;
  if (signed && match[5] === undefined) match[5] = '前';
  const [, year, month, day, part, before] = match;
  const monthNumber = Number(month);
  const dayNumber = day === undefined ? null : Number(day);
  if (monthNumber < 1 || monthNumber > 12) return null;
  if (dayNumber !== null && (dayNumber < 1 || dayNumber > 31)) return null;
  return {
    kind: 'deadline',
    operator: before === undefined ? null : '≤',
    year: year === undefined ? null : Number(year),
    month: monthNumber,
    day: dayNumber,
    part: part === undefined ? null : part === '末' ? '底' : (part as DeadlineTarget['part']),
    basis,
  };
}

function parseQuantity(text: string, basis: ValueBasis | null): QuantityTarget | null {
  let rest = text;
  let operator: Comparator | null = null;
  let approximate = false;

  const prefix = takePrefix(rest, SYMBOL_OPERATORS) ?? (WORD_OPERATOR_STARTS.has(rest.charAt(0)) ? takePrefix(rest, WORD_OPERATORS) : null);
  if (prefix) {
    operator = prefix.operator;
    rest = prefix.rest;
  }
  if (rest.startsWith('约')) {
    approximate = true;
    rest = rest.slice(1);
  }

  const number = NUMBER.exec(rest);
  if (!number) return null;
  const value = number[0].replace(/,/g, '').replace(/^\+/, '');
  rest = rest.slice(number[0].length);

  let upper: string | null = null;
  const separator = RANGE_SEPARATOR.exec(rest);
  if (separator) {
    const upperMatch = NUMBER.exec(rest.slice(separator[0].length));
    if (upperMatch && !upperMatch[0].startsWith('-') && !upperMatch[0].startsWith('+')) {
      upper = upperMatch[0].replace(/,/g, '');
      rest = rest.slice(separator[0].length + upperMatch[0].length);
    }
  }
  // A range whose unit sits on both ends: 1个-2个.
  for (const suffix of SUFFIX_OPERATORS) {
    if (rest.endsWith(suffix[0])) {
      if (operator === null) operator = suffix[1];
      rest = rest.slice(0, -suffix[0].length);
      break;
    }
  }
  if (rest.endsWith('左右')) {
    approximate = true;
    rest = rest.slice(0, -2);
  }
  const unit = rest === '' ? null : rest;
  if (unit !== null && !isUnitText(unit)) return null;
  return { kind: 'quantity', operator, value, upper, unit, basis, approximate };
}

function takePrefix(
  text: string,
  table: ReadonlyArray<readonly [string, Comparator]>,
): { operator: Comparator; rest: string } | null {
  for (const [sign, operator] of table) {
    if (text.startsWith(sign)) return { operator, rest: text.slice(sign.length) };
  }
  return null;
}

/**
 * A unit is short and has no digits or sentence punctuation: `%`, `分`, `M`, `Mbps`, `次/年`, `万元`,
 * `人次`, `个工作日`. Anything longer is a sentence, which makes the whole target qualitative.
 */
function isUnitText(unit: string): boolean {
  if (unit.length > 6) return false;
  if (/[\d，,。；;：:、！？!?]/.test(unit)) return false;
  if (unit.length >= 2 && WORD_OPERATORS.some(([word]) => unit.includes(word))) return false;
  return true;
}
