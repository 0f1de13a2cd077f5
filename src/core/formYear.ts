/**
 * The year an imported form is saved under — one rule for the import wizard and the background
 * import alike: each form keeps the year it prints unless the user chose another for that form (a
 * choice the user must confirm, told which year the form prints); a form that prints no year takes
 * the default year and is marked as assumed, so nobody mistakes it for a year read from the form.
 */

/** Where a form's year came from. */
export type YearSource = 'printed' | 'chosen' | 'assumed';

export interface FormYear {
  readonly year: number;
  readonly source: YearSource;
  /** The year the form prints, if any. */
  readonly printed: number | null;
}

/** The year forms are drafted for by default: next year from July on (budgets are drafted in the second half of the year), else this year. */
export function draftingYear(today: Date): number {
  return today.getMonth() >= 6 ? today.getFullYear() + 1 : today.getFullYear();
}

/**
 * A form's year: the one chosen for it (when it differs from the printed one), else the printed one,
 * else the default, assumed.
 */
export function formYear(printed: number | null, chosen: number | null, fallback: number): FormYear {
  if (chosen !== null && chosen !== printed) return { year: chosen, source: 'chosen', printed };
  if (printed !== null) return { year: printed, source: 'printed', printed };
  return { year: fallback, source: 'assumed', printed: null };
}

/** True when the year needs the user's confirmation: another year than the form prints. */
export function overridesPrintedYear(year: FormYear): boolean {
  return year.source === 'chosen' && year.printed !== null;
}

/** What to note on the saved version (and tell the user) about a year not read from the form; null for a printed year kept. */
export function yearNote(year: FormYear): { zh: string; en: string } | null {
  if (year.source === 'assumed') return { zh: `表上未印年度，按 ${year.year} 年度保存（假定）`, en: `the form prints no year; saved as ${year.year} (assumed)` };
  if (year.source === 'chosen' && year.printed !== null) return { zh: `表上为 ${year.printed} 年度，按所选 ${year.year} 年度保存`, en: `the form prints ${year.printed}; saved as ${year.year}, as chosen` };
  if (year.source === 'chosen') return { zh: `表上未印年度，按所选 ${year.year} 年度保存`, en: `the form prints no year; saved as ${year.year}, as chosen` };
  return null;
}
