/** The year under a form's title as its page prints it (apart from display.ts, which the editor's chunk holds; only the form's page needs this). */

/**
 * The year line under a form's title: `（2025 年度）` when the title prints no year; nothing when it
 * prints this year; when it prints another (a form saved under a year chosen for it), that it is saved as this one.
 */
export function yearLine(title: string | null, year: number | null, t: (zh: string, en: string) => string): string {
  if (year === null) return '';
  const printed = /(\d{4})\s*年/.exec(title ?? '')?.[1];
  if (printed === undefined) return t(`（${year} 年度）`, `(${year})`);
  return Number(printed) === year ? '' : t(`（表上为 ${printed} 年度，保存为 ${year} 年度）`, `(printed ${printed}; saved as ${year})`);
}
