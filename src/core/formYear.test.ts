import { describe, expect, it } from 'vitest';
import { draftingYear, formYear, overridesPrintedYear, yearNote } from './formYear.ts';

describe('the year an imported form is saved under', () => {
  it('keeps the printed year of each form, whatever the default', () => {
    expect(formYear(2025, null, 2027)).toEqual({ year: 2025, source: 'printed', printed: 2025 });
    expect(yearNote(formYear(2025, null, 2027))).toBeNull();
    // Choosing the year it prints is not an override.
    expect(overridesPrintedYear(formYear(2025, 2025, 2027))).toBe(false);
  });

  it('takes a year chosen for the form, which overrides a printed one and is said', () => {
    const chosen = formYear(2025, 2026, 2027);
    expect(chosen).toEqual({ year: 2026, source: 'chosen', printed: 2025 });
    expect(overridesPrintedYear(chosen)).toBe(true);
    expect(yearNote(chosen)?.zh).toBe('表上为 2025 年度，按所选 2026 年度保存');
  });

  it('marks the default year of a form that prints none as assumed', () => {
    const assumed = formYear(null, null, 2026);
    expect(assumed).toEqual({ year: 2026, source: 'assumed', printed: null });
    expect(overridesPrintedYear(assumed)).toBe(false);
    expect(yearNote(assumed)?.en).toBe('the form prints no year; saved as 2026 (assumed)');
  });

  it('drafts for next year from July on', () => {
    expect(draftingYear(new Date(2026, 5, 30))).toBe(2026);
    expect(draftingYear(new Date(2026, 6, 1))).toBe(2027);
  });
});
