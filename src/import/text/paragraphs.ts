/**
 * Rejoining text cells that a PDF wrapped over several lines.
 */
import { columnWidth, fillsColumn, type SourceLine } from './sourceText.ts';

/** The column width of a block of lines (see {@link columnWidth}). */
export function blockWidth(lines: readonly SourceLine[], fallback: number): number {
  return columnWidth(lines.map((line) => line.width), fallback);
}

/** Width of a line's text without its surrounding blanks. */
export function widthOf(line: SourceLine): number {
  return line.width;
}

/**
 * Groups lines into cells: a line that fills the column continues on the next line, a shorter one
 * ends the cell.
 */
export function wrappedParagraphs(lines: readonly SourceLine[], column: number): SourceLine[][] {
  const paragraphs: SourceLine[][] = [];
  let current: SourceLine[] = [];
  for (const line of lines) {
    current.push(line);
    if (!fillsColumn(widthOf(line), column)) {
      paragraphs.push(current);
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current);
  return paragraphs;
}

const SENTENCE_END = /[。；;！？!?]$/;
const LIST_ITEM = /^[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]/;

/**
 * Splits paragraphs that ran together (one ended at the column's edge) until there are `count` of
 * them. The cut goes after a line that ends a sentence; among those, after the one that falls
 * shortest of the column (a wrapped line is as full as the next character allows, a paragraph's
 * last line need not be) and is not followed by the next item of a numbered list; then the cut
 * whose result `fit` scores highest (how well the paragraphs match what they will be paired with);
 * then in the longest paragraph.
 */
export function splitToCount(
  paragraphs: readonly SourceLine[][],
  count: number,
  column: number,
  fit: (paragraphs: readonly SourceLine[][]) => number = () => 0,
): SourceLine[][] {
  let result = paragraphs.map((p) => [...p]);
  while (result.length < count) {
    let best: { split: SourceLine[][]; shortfall: number; fit: number; length: number } | null = null;
    for (const [index, paragraph] of result.entries()) {
      for (let i = 0; i < paragraph.length - 1; i++) {
        const line = paragraph[i];
        const next = paragraph[i + 1];
        if (!line || !next || !SENTENCE_END.test(line.text.trim())) continue;
        // A numbered list going on (…。 / 4.…) is one paragraph, not two.
        const shortfall = column - widthOf(line) - (LIST_ITEM.test(next.text.trim()) ? column : 0);
        if (best && shortfall < best.shortfall) continue;
        const split = [...result.slice(0, index), paragraph.slice(0, i + 1), paragraph.slice(i + 1), ...result.slice(index + 1)];
        const score = fit(split);
        if (!best || shortfall > best.shortfall || score > best.fit || (score === best.fit && paragraph.length > best.length)) {
          best = { split, shortfall, fit: score, length: paragraph.length };
        }
      }
    }
    if (best === null) break;
    result = best.split;
  }
  return result;
}

/** Share of the character pairs of `a` that also occur in `b` (0 to 1): a cheap measure of shared wording. */
export function sharedWording(a: string, b: string): number {
  const pairs = (text: string): Set<string> => {
    const chars = [...text.replace(/[\s，。、；：“”（）《》,.;:()]/g, '')];
    const set = new Set<string>();
    for (let i = 0; i + 1 < chars.length; i++) set.add(`${chars[i]}${chars[i + 1]}`);
    return set;
  };
  const x = pairs(a);
  if (x.size === 0) return 0;
  const y = pairs(b);
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared++;
  return shared / x.size;
}
