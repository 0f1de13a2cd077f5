/**
 * Reading the figures back out of a BENCHMARKS.md section, so that two commits' runs of the same part
 * can be set side by side. Pure: text in, figures out.
 */

/** One figure of a section: which table row and column it is, its value, and which way is better. */
export interface Figure {
  /** The row's label cells and the column's header, e.g. "embedded · GET one declaration · requests/s". */
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  /** True when a larger value is better (a rate); false for times and sizes. */
  readonly higherIsBetter: boolean;
}

const NUMBER = /^(-?[\d,]+(?:\.\d+)?)\s*(ms|s|µs|KB|MiB|MB|%|×|\/s)?$/;

/** The section of a part (between its markers), or null when the document has none. */
export function sectionOf(document: string, part: string): string | null {
  const match = new RegExp(`<!-- bench:${part} -->([\\s\\S]*?)<!-- /bench:${part} -->`).exec(document);
  return match ? (match[1] ?? '') : null;
}

function cellsOf(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

function parseCell(cell: string): Array<{ value: number; unit: string }> {
  // "60.0 ms / 70.8 ms" holds two figures (p50 / p99).
  const parts = cell.split(' / ');
  const figures: Array<{ value: number; unit: string }> = [];
  for (const part of parts) {
    const match = NUMBER.exec(part.replaceAll('*', '').trim());
    if (!match) return [];
    figures.push({ value: Number((match[1] ?? '').replaceAll(',', '')), unit: match[2] ?? '' });
  }
  return figures;
}

/** A column or row that measures the machine for comparison (a bare node:http server, a page with no script). */
const BASELINE = /baseline|^bare node:http/i;

function betterWhenHigher(header: string, unit: string): boolean {
  if (unit === 'ms' || unit === 's' || unit === 'µs' || unit === 'KB' || unit === 'MiB' || unit === 'MB') return false;
  return /per second|\/s|rate|share/i.test(header) || unit === '/s';
}

/**
 * Every numeric cell of every markdown table in a section, keyed by its row's label cells and its
 * column's header. Cells that are not a plain figure (prose, "yes", a goal like "≤ 400 KB") are skipped.
 */
export function figuresOf(section: string): Figure[] {
  const figures: Figure[] = [];
  let header: string[] | null = null;
  for (const line of section.split('\n')) {
    if (!line.trim().startsWith('|')) {
      header = null;
      continue;
    }
    const cells = cellsOf(line);
    if (header === null) {
      header = cells;
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    const parsed = cells.map(parseCell);
    const labels = cells.filter((_, i) => (parsed[i] ?? []).length === 0 && !/^(yes|no|—|)$/.test(cells[i] ?? ''));
    // A baseline row measures the machine, not the product: the change between two runs is their noise.
    if (BASELINE.test(labels[0] ?? '')) continue;
    // A goal column ("≤ 400 KB") is not a measurement; a baseline column (a bare server) is the machine's.
    parsed.forEach((values, i) => {
      const column = header?.[i] ?? `column ${i + 1}`;
      if (/^goal$/i.test(column) || BASELINE.test(column)) return;
      values.forEach((figure, j) => {
        const suffix = values.length > 1 ? ` (${column.split(' / ')[j] ?? j + 1})` : '';
        figures.push({ key: [...labels, column].join(' · ') + suffix, value: figure.value, unit: figure.unit, higherIsBetter: betterWhenHigher(column, figure.unit) });
      });
    });
  }
  return figures;
}

/** How a figure moved between two runs: its change as a share of before, signed so that worse is negative. */
export function change(before: Figure, after: Figure): number {
  if (before.value === 0) return 0;
  const relative = (after.value - before.value) / before.value;
  return before.higherIsBetter ? relative : -relative;
}
