/**
 * Exact ratios of decimal numbers, for progress percentages compared with their bands: no binary
 * float decides whether 59.999… is red. A ratio is a bigint fraction; it is rounded once, for display.
 */

export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** The decimal string (`85`, `4417.50`, `-3.2`) as a ratio, or null when it is not one. */
export function ratioOf(text: string): Ratio | null {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.includes(',') ? text.replace(/,/g, '') : text);
  if (!match) return null;
  const fraction = match[3] ?? '';
  const num = BigInt(`${match[2]}${fraction}`) * (match[1] === '-' ? -1n : 1n);
  return { num, den: 10n ** BigInt(fraction.length) };
}

export function ratio(num: bigint, den: bigint = 1n): Ratio {
  return den < 0n ? { num: -num, den: -den } : { num, den };
}

export function times(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

/** a ÷ b, or null when b is zero. */
export function divide(a: Ratio, b: Ratio): Ratio | null {
  return b.num === 0n ? null : ratio(a.num * b.den, a.den * b.num);
}

export function minus(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isZero(a: Ratio): boolean {
  return a.num === 0n;
}

export function absolute(a: Ratio): Ratio {
  return a.num < 0n ? ratio(-a.num, a.den) : a;
}

/** The ratio as a decimal string with two places, rounded half away from zero (as tables print). */
export function toFixed2(a: Ratio): string {
  const negative = a.num < 0n;
  const scaled = ((negative ? -a.num : a.num) * 100n * 2n + a.den) / (2n * a.den);
  const whole = scaled / 100n;
  const cents = (scaled % 100n).toString().padStart(2, '0');
  return `${negative && scaled !== 0n ? '-' : ''}${whole}.${cents}`;
}

/** A decimal string (a numeric column, which may print more places) with exactly two; the text itself when it is no decimal. */
export function twoPlaces(text: string): string {
  const value = ratioOf(text);
  return value === null ? text : toFixed2(value);
}
