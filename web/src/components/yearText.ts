/**
 * A year as typed in a box or written in an address: read as it is, never quietly changed into
 * another (clamped, rounded, or replaced by a default); what is wrong with it said in both languages.
 */

type Bilingual = { readonly zh: string; readonly en: string };

/** The years the server takes (its schemas' `int().min(2000).max(2100)`). */
export const YEAR_RANGE = { min: 2000, max: 2100 } as const;

export type YearReading = { readonly ok: true; readonly year: number } | { readonly ok: false; readonly problem: Bilingual };

/** The year in `text` (full-width digits as typed by a Chinese input method too), or why it is none. */
export function readYear(text: string, range: { readonly min: number; readonly max: number } = YEAR_RANGE): YearReading {
  const trimmed = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (trimmed === '') return { ok: false, problem: { zh: '请填写年度', en: 'give a year' } };
  if (!/^\d{1,6}$/.test(trimmed)) return { ok: false, problem: { zh: `“${text.trim()}”不是年度，请填写如 ${range.max > 2025 ? 2025 : range.max} 的四位数`, en: `"${text.trim()}" is not a year; give four digits such as ${range.max > 2025 ? 2025 : range.max}` } };
  const year = Number(trimmed);
  if (year < range.min || year > range.max) return { ok: false, problem: { zh: `年度须在 ${range.min}–${range.max} 之间，${year} 不在其中`, en: `a year is between ${range.min} and ${range.max}; ${year} is not` } };
  return { ok: true, year };
}
