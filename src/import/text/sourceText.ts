/**
 * Lines of an extracted form, with the display widths the importer uses to rejoin wrapped cells.
 *
 * A PDF table cell wraps at its column's width; in the extracted text a line that fills its column
 * continues on the next line, a shorter one ends the cell. Widths are counted in terminal columns:
 * a CJK character (and the CJK-typeset punctuation “”‘’…—·≥≤) is two columns, ASCII is one.
 */

/** One line of the source: 1-based number and text after normalisation. */
export interface SourceLine {
  readonly no: number;
  readonly text: string;
}

/** A run of non-blank text inside a line, with its character offsets. */
export interface Token {
  readonly line: SourceLine;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Splits text into lines: CRLF and CR become LF, and the Kangxi-radical look-alikes that some PDF
 * extractors emit (⽬ for 目) become the ordinary characters. Only U+2E80–U+2FDF are NFKC-normalised:
 * NFKC on everything would also turn the form's full-width ，： into ASCII.
 */
export function toSourceLines(text: string): SourceLine[] {
  const normalised = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2E80-\u2FDF]/g, (ch) => ch.normalize('NFKC'))
    .replace(/[\t\f\v]/g, ' ');
  return normalised.split('\n').map((line, index) => ({ no: index + 1, text: line.replace(/\s+$/u, '') }));
}

const WIDE_PUNCTUATION = new Set('“”‘’…—·≥≤×÷℃°§№※');

/** Display width of one code point: 2 for CJK and full-width forms, 1 otherwise. */
export function charWidth(codePoint: number): 1 | 2 {
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe6f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    codePoint >= 0x20000
  ) {
    return 2;
  }
  return WIDE_PUNCTUATION.has(String.fromCodePoint(codePoint)) ? 2 : 1;
}

/** Display width of a string in terminal columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** True when a line holds nothing but white space (ASCII or the ideographic space U+3000). */
export function isBlank(text: string): boolean {
  return /^[\s\u3000]*$/u.test(text);
}

/** The text with all white space removed, for matching labels that PDFs space out (部 门 名 称). */
export function compact(text: string): string {
  return text.replace(/[\s\u3000]+/gu, '');
}

/** Tokens of a line (or of the part from `from` on), separated by white space. */
export function tokenize(line: SourceLine, from = 0): Token[] {
  const tokens: Token[] = [];
  const pattern = /[^\s\u3000]+/gu;
  pattern.lastIndex = from;
  for (let match = pattern.exec(line.text); match; match = pattern.exec(line.text)) {
    tokens.push({ line, start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return tokens;
}

/** The token covering a whole line's non-blank text (from `from` on), or null for a blank remainder. */
export function lineSpan(line: SourceLine, from = 0): Token | null {
  const tokens = tokenize(line, from);
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return null;
  return { line, start: first.start, end: last.end, text: line.text.slice(first.start, last.end) };
}

/** Joins spans (tokens or span sequences) of text into one string, as the original cell held it. */
export function joinWrapped(parts: readonly Token[]): string {
  return parts.map((part) => part.text).join('');
}

/**
 * The column width a block of wrapped lines came from: the most frequent width among the widest
 * lines (a few half-width characters make single lines wider or narrower than their column).
 */
export function columnWidth(widths: readonly number[], fallback: number): number {
  if (widths.length === 0) return fallback;
  const max = Math.max(...widths);
  const counts = new Map<number, number>();
  for (const width of widths) {
    if (width >= max * 0.8) counts.set(width, (counts.get(width) ?? 0) + 1);
  }
  let best = max;
  let bestCount = 0;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width > best)) {
      best = width;
      bestCount = count;
    }
  }
  return best;
}

/** Columns a wrapped line may fall short of its column and still be full (kinsoku, half-width digits). */
export const WRAP_TOLERANCE = 3;

/** True when a line of this width fills a column of `column` width, so its cell continues below. */
export function fillsColumn(width: number, column: number): boolean {
  return width >= column - WRAP_TOLERANCE;
}
