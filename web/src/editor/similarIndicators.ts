/**
 * Indicators taken from a similar past project (参考以往类似项目的指标): the rows this form does not
 * have yet, with their classes, units and targets, and every year a target names moved by as many
 * years as the form is later than that project (`2024年6月30日前` for a 2024 project becomes
 * `2025年6月30日前` on a 2025 form), so that no deadline of the past is taken over unseen.
 */
import type { ProjectIndicator } from '../../../src/core/projectTarget.ts';

/** A year written in a date or a period (`2024年`, `2024-06-30`, `2024/6`, `2024.6`) moved by `delta` years. */
export function shiftYears(text: string, delta: number): string {
  if (delta === 0) return text;
  return text.replace(/(?<!\d)((?:19|20)\d{2})(?=\s*(?:年|[-/.]\d))/g, (year) => String(Number(year) + delta));
}

export function similarRows(existing: readonly ProjectIndicator[], from: { year: number; indicators: readonly ProjectIndicator[] }, toYear: number | null): ProjectIndicator[] {
  const delta = toYear === null ? 0 : toYear - from.year;
  const have = new Set(existing.map((row) => row.name.trim()));
  return from.indicators
    .filter((row) => row.name.trim() !== '' && !have.has(row.name.trim()))
    .map(({ carriedOver: _lastYear, ...row }) => ({ ...row, periodTarget: row.periodTarget === null ? null : shiftYears(row.periodTarget, delta), annualTarget: shiftYears(row.annualTarget, delta) }));
}
