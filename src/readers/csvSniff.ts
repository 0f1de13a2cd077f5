/** Whether a text is a sheet saved as CSV: pure, so that the browser's import wizard can ask too. */

/**
 * True when text is comma-separated values (a sheet saved as CSV): most lines have the same number
 * of separators, three or more, outside quotes. A form's text has a comma in an amount (2,507.50)
 * now and then, never a column of them in every line.
 */
export function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 300);
  if (lines.length < 5 || text.includes('|')) return false;
  const count = (line: string) => {
    let n = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) n++;
    }
    return n;
  };
  const counts = lines.map(count);
  const width = counts[0] ?? 0;
  return width >= 3 && counts.filter((c) => c === width).length >= lines.length * 0.8;
}
