/**
 * Exact money in 万元 (ten-thousand yuan), the unit of every published budget form.
 *
 * Amounts are held as a bigint count of 1e-6 万元 (one 分), so that sums of any length stay exact
 * and no binary float is ever involved. Forms print two decimals; some provinces print four
 * (724.2318): both are kept exactly, and formatting never drops a non-zero digit.
 */

/** Number of decimal places held internally: 1e-6 万元 is one 分 (fen). */
const SCALE = 6;
const FACTOR = 10n ** BigInt(SCALE);

/** An exact amount of money in 万元. Plain data: compare with {@link moneyEquals}, never `===`. */
export interface Money {
  /** Amount in millionths of 万元 (分). */
  readonly units: bigint;
}

/**
 * Most digits before the decimal point: 10¹² 万元 is a thousand times China's yearly national budget,
 * and the stores keep amounts as numeric(20,6), which holds 14. A longer amount is a typo.
 */
export const MAX_INTEGER_DIGITS = 12;

/** Why a string is not an amount of money. */
export type MoneyParseError = 'empty' | 'syntax' | 'too-precise' | 'too-large';

export type MoneyParseResult = { ok: true; value: Money } | { ok: false; error: MoneyParseError };

// Thousands separators must group by three; a lone "2,5" is a typo, not 25.
const MONEY_PATTERN = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/;

/**
 * Parses an amount as printed on a form: `2,507.50`, `0.00`, `519.61`, `４４１７.５`, `-3.2`.
 * Never throws; anything finer than one 分 is rejected rather than rounded.
 */
export function parseMoney(text: string): MoneyParseResult {
  const cleaned = toAsciiDigits(text).replace(/[\s\u3000]/g, '');
  if (cleaned === '') return { ok: false, error: 'empty' };
  const match = MONEY_PATTERN.exec(cleaned);
  if (!match) return { ok: false, error: 'syntax' };
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > SCALE && /[1-9]/.test(fraction.slice(SCALE))) {
    return { ok: false, error: 'too-precise' };
  }
  if (whole.replace(/,/g, '').replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS) return { ok: false, error: 'too-large' };
  const digits = whole.replace(/,/g, '') + fraction.slice(0, SCALE).padEnd(SCALE, '0');
  const units = BigInt(digits);
  return { ok: true, value: { units: sign === '-' ? -units : units } };
}

/** Like {@link parseMoney} but throws a `RangeError` naming the text; for trusted data (canonical JSON). */
export function money(text: string): Money {
  const result = parseMoney(text);
  if (!result.ok) throw new RangeError(`not an amount of money (${result.error}): ${JSON.stringify(text)}`);
  return result.value;
}

/** True when the text is exactly one amount of money and nothing else. */
export function isMoneyText(text: string): boolean {
  return parseMoney(text).ok;
}

/** Why what a person typed into an amount box (万元) is not taken. */
export type TypedAmountError = MoneyParseError | 'yuan' | 'decimal-comma';

/** What a person typed into an amount box, read: the amount, or why not; `negative` asks for a second look. */
export type TypedAmount =
  | { readonly ok: true; readonly amount: Money | null; readonly negative: boolean; readonly normalised: boolean }
  | { readonly ok: false; readonly error: TypedAmountError; readonly yuan?: Money };

/**
 * Reads an amount as typed or pasted into a 万元 box: `2,507.50`, `２５０７．５`, `¥2,507.50`,
 * `2507.5万元`, `.5`; blank is no amount. Nothing is dropped without saying: `2507元` is refused
 * (the box is in 万元; the amount in 万元 is offered), a European `2.507,50` is refused, and so is
 * anything that is not one amount. `normalised` is true when the stored form differs from the text.
 */
export function readTypedAmount(text: string): TypedAmount {
  const plain = text.trim().replace(/,/g, '');
  // An IME's full stop between digits (`2507。50`) is the decimal point, as a full-width one is.
  let cleaned = toAsciiDigits(text).replace(/[\s\u3000]/g, '').replace(/(\d)。(?=\d)/g, '$1.');
  if (cleaned === '') return { ok: true, amount: null, negative: false, normalised: false };
  cleaned = cleaned.replace(/^([+-]?)[¥￥]/, '$1').replace(/^[¥￥]([+-])/, '$1');
  if (cleaned.endsWith('万元')) cleaned = cleaned.slice(0, -2);
  else if (cleaned.endsWith('元')) {
    const yuan = parseMoney(cleaned.slice(0, -1));
    return yuan.ok ? { ok: false, error: 'yuan', yuan: { units: yuan.value.units / 10_000n } } : { ok: false, error: 'yuan' };
  }
  if (/^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/.test(cleaned) || /^[+-]?\d+,\d{1,2}$/.test(cleaned)) return { ok: false, error: 'decimal-comma' };
  if (/^[+-]?\./.test(cleaned)) cleaned = cleaned.replace(/^([+-]?)\./, '$10.');
  const parsed = parseMoney(cleaned);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  // Grouping commas and trailing zeros are how amounts are written; anything else read differently is said.
  return { ok: true, amount: parsed.value, negative: parsed.value.units < 0n, normalised: cleaned.replace(/,/g, '') !== plain };
}

/**
 * Canonical decimal string: at least two decimals, more only when they are non-zero, no grouping.
 * `4417.5` → `"4417.50"`, `724.2318` → `"724.2318"`.
 */
export function formatMoney(amount: Money): string {
  const units = amount.units;
  if (units >= 0n && units < 9_007_199_254_740_992n) {
    // Most amounts: an exact whole number of 分, split by integer arithmetic (a province's tables print a million).
    const n = Number(units);
    const fraction = n % 1_000_000;
    const whole = (n - fraction) / 1_000_000;
    if (fraction % 10_000 === 0) {
      const cents = fraction / 10_000;
      return `${whole}.${cents < 10 ? '0' : ''}${cents}`;
    }
  }
  const negative = amount.units < 0n;
  const abs = negative ? -amount.units : amount.units;
  const whole = abs / FACTOR;
  let fraction = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  if (fraction.length < 2) fraction = fraction.padEnd(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${fraction}`;
}

/** Display form with thousands separators, as forms print it: `2,507.50`. */
export function formatMoneyGrouped(amount: Money): string {
  const plain = formatMoney(amount);
  const [whole = '', fraction = ''] = plain.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** a + b, exactly. */
export function addMoney(a: Money, b: Money): Money {
  return { units: a.units + b.units };
}

/** a − b, exactly. */
export function subtractMoney(a: Money, b: Money): Money {
  return { units: a.units - b.units };
}

/** Exact sum of any number of amounts; the empty sum is zero. */
export function sumMoney(amounts: Iterable<Money>): Money {
  let units = 0n;
  for (const amount of amounts) units += amount.units;
  return { units };
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  return a.units < b.units ? -1 : a.units > b.units ? 1 : 0;
}

/** True when both amounts are the same to the 分. */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.units === b.units;
}

const FULLWIDTH_DIGIT_OFFSET = 0xff10 - 0x30;

/** Maps full-width digits and punctuation (０-９ ． ，) to ASCII; forms typed in a CJK IME contain them. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\uff10-\uff19\uff0e\uff0c\uff0b\uff0d]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - FULLWIDTH_DIGIT_OFFSET);
    return { '\uff0e': '.', '\uff0c': ',', '\uff0b': '+', '\uff0d': '-' }[ch] ?? ch;
  });
}
