/**
 * Exact decimals for scores: a score of two places is a bigint count of hundredths (cents), weights of
 * scorers and blends a count of ten-thousandths. Every division is rounded once, half away from zero,
 * as published tables print; no binary float ever holds a score.
 */
import { ratioOf, type Ratio } from '../monitoring/ratio.ts';

const FOUR_PLACES = /^(\d{1,12})(?:\.(\d{1,4}))?$/;

/**
 * A non-negative decimal of at most two places (at most 12 digits before the point) as hundredths,
 * or null when it is not one. Read digit by digit: the digits are whole numbers far below 2⁵³, so
 * the count is exact (this runs for every score of every assessment).
 */
export function parseCents(text: string): bigint | null {
  const n = text.length;
  if (n === 0 || n > 15) return null;
  let whole = 0;
  let fraction = 0;
  let places = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (places !== -1 || i === 0 || i > 12) return null;
      places = 0;
    } else if (c >= 48 && c <= 57) {
      if (places === -1) whole = whole * 10 + (c - 48);
      else if (++places > 2) return null;
      else fraction = fraction * 10 + (c - 48);
    } else return null;
  }
  if (places === 0 || (places === -1 && n > 12)) return null;
  return BigInt(whole * 100 + (places === 1 ? fraction * 10 : fraction));
}

/** A non-negative decimal of at most four places as ten-thousandths, or null. */
export function parseScaled4(text: string): bigint | null {
  const match = FOUR_PLACES.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  return BigInt(`${match[1]}${fraction.padEnd(4, '0')}`);
}

/** Hundredths as a decimal of two places: 1250n → "12.50", -5n → "-0.05". */
export function formatCents(cents: bigint): string {
  if (cents >= 0n && cents < 9_007_199_254_740_992n) {
    // An exact whole number: its last two digits and the rest, by integer arithmetic.
    const v = Number(cents);
    const rest = v % 100;
    return `${(v - rest) / 100}.${rest < 10 ? '0' : ''}${rest}`;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${abs / 100n}.${fraction}`;
}

/** num ÷ den rounded to the nearest integer, halves away from zero (den ≠ 0). */
export function roundDiv(num: bigint, den: bigint): bigint {
  if (den < 0n) return roundDiv(-num, -den);
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (abs * 2n + den) / (2n * den);
  return negative ? -q : q;
}

/** A ratio as hundredths, rounded once. */
export function ratioToCents(value: Ratio): bigint {
  return roundDiv(value.num * 100n, value.den);
}

/** A decimal string (signed, any places) as a ratio, or null. */
export function decimalRatio(text: string | null | undefined): Ratio | null {
  return text === null || text === undefined ? null : ratioOf(text.trim());
}

/** The shortest printed form of a two-place decimal: "5.00" → "5", "4.50" → "4.5". */
export function shortDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
