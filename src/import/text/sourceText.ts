/**
 * Lines of an extracted form, with the display widths the importer uses to rejoin wrapped cells.
 *
 * A PDF table cell wraps at its column's width; in the extracted text a line that fills its column
 * continues on the next line, a shorter one ends the cell. Widths are counted in terminal columns:
 * a CJK character (and the CJK-typeset punctuation “”‘’…—·≥≤) is two columns, ASCII is one.
 */
import { isMoneyText } from '../../core/money.ts';

/** One line of the source: 1-based number and text after normalisation. */
export class SourceLine {
  // Readers look at one line many times (an anchor? a budget line? a label?): its tokens are
  // computed once. A field, not a WeakMap: ephemeron tables made the garbage collector the hot spot.
  #tokens: readonly Token[] | undefined;
  #key: string | undefined;
  #span: Token | null | undefined;
  #width: number | undefined;
  #amount: boolean | undefined;

  constructor(
    readonly no: number,
    readonly text: string,
  ) {}

  /** The text without any white space, for matching headings that PDFs space out (部 门 名 称). */
  get key(): string {
    // toSourceLines has turned every other blank into a plain space.
    this.#key ??= this.text.includes(' ') ? this.text.replaceAll(' ', '') : this.text;
    return this.#key;
  }

  /** True when the line holds nothing but blanks. */
  get blank(): boolean {
    // Lines from toSourceLines end in non-blank text (trimmed); only one ending in a blank needs its key.
    const last = this.text.charCodeAt(this.text.length - 1);
    return this.text.length === 0 || ((last === 0x20 || last === 0x3000 || last === 0x09) && this.key.length === 0);
  }

  /** The span of the line's whole non-blank text, or null for a blank line. */
  get span(): Token | null {
    if (this.#span === undefined) {
      const tokens = this.tokens;
      const first = tokens[0];
      const last = tokens[tokens.length - 1];
      this.#span = first && last ? { line: this, start: first.start, end: last.end, text: this.text.slice(first.start, last.end) } : null;
    }
    return this.#span;
  }

  /** Display width of the line's non-blank text. */
  get width(): number {
    this.#width ??= displayWidth(this.span?.text ?? '');
    return this.#width;
  }

  /** True when the line holds one amount of money and nothing else (`2,507.50`). */
  get isAmount(): boolean {
    if (this.#amount === undefined) {
      const key = this.key;
      const first = key.charCodeAt(0);
      // Cheap rejection first: an amount starts with a digit or a sign (ASCII or full-width).
      const startsLikeNumber = (first >= 0x30 && first <= 0x39) || (first >= 0xff10 && first <= 0xff19) || first === 0x2d || first === 0x2b || first === 0xff0d;
      this.#amount = startsLikeNumber && key.length <= 24 && this.tokens.length === 1 && isMoneyText(key);
    }
    return this.#amount;
  }

  /** The line's tokens, separated by white space. */
  get tokens(): readonly Token[] {
    this.#tokens ??= scanTokens(this, 0);
    return this.#tokens;
  }
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
 * NFKC on everything would also turn the form's full-width ，： into ASCII. Tabs, form feeds and
 * full-width or no-break spaces become plain spaces, so that every reader sees one kind of blank.
 */
export function toSourceLines(text: string): SourceLine[] {
  // Each pass runs only when there is something for it to do: most files need none of them.
  let normalised = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (normalised.includes('\r')) normalised = normalised.replace(/\r\n?/g, '\n');
  if (/[\u2E80-\u2FDF]/.test(normalised)) normalised = normalised.replace(/[\u2E80-\u2FDF]/g, (ch) => ch.normalize('NFKC'));
  if (/[\t\f\v\u3000\u00A0]/.test(normalised)) normalised = normalised.replace(/[\t\f\v\u3000\u00A0]/g, ' ');
  const lines = normalised.split('\n');
  const result = new Array<SourceLine>(lines.length);
  for (let i = 0; i < lines.length; i++) result[i] = new SourceLine(i + 1, (lines[i] ?? '').trimEnd());
  return result;
}

const WIDE_PUNCTUATION = new Set([...'“”‘’…—·≥≤×÷℃°§№※'].map((ch) => ch.codePointAt(0)));

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
  return WIDE_PUNCTUATION.has(codePoint) ? 2 : 1;
}

/** Display width of a string in terminal columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      width += 1;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: every astral code point the forms use (CJK extensions) is wide.
      width += charWidth(text.codePointAt(i) ?? 0);
      i++;
    } else {
      width += charWidth(code);
    }
  }
  return width;
}

/** The text with all white space removed, for matching labels that PDFs space out (部 门 名 称). */
export function compact(text: string): string {
  return text.includes(' ') || /[\t-\r\u3000\u00A0]/.test(text) ? text.replace(/[\s\u3000]+/g, '') : text;
}

/** Tokens of a line (or of the part from `from` on), separated by white space. */
export function tokenize(line: SourceLine, from = 0): readonly Token[] {
  return from === 0 ? line.tokens : scanTokens(line, from);
}

function scanTokens(line: SourceLine, from: number): Token[] {
  // A plain loop: a /[^\s]+/gu scan costs twenty times more on CJK text.
  const tokens: Token[] = [];
  const text = line.text;
  let start = -1;
  for (let i = from; i <= text.length; i++) {
    const blank = i === text.length || isBlankCode(text.charCodeAt(i));
    if (blank && start >= 0) {
      tokens.push({ line, start, end: i, text: text.slice(start, i) });
      start = -1;
    } else if (!blank && start < 0) {
      start = i;
    }
  }
  return tokens;
}

function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x3000 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0xfeff;
}

/** The token covering a whole line's non-blank text (from `from` on), or null for a blank remainder. */
export function lineSpan(line: SourceLine, from = 0): Token | null {
  if (from === 0) return line.span;
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
  const max = maxOf(widths);
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

/** The largest of the numbers (−∞ for none), by a loop: spreading a long list into Math.max overflows the stack. */
export function maxOf(numbers: readonly number[]): number {
  let max = -Infinity;
  for (const n of numbers) if (n > max) max = n;
  return max;
}

/** Columns a wrapped line may fall short of its column and still be full (kinsoku, half-width digits). */
export const WRAP_TOLERANCE = 3;

/** True when a line of this width fills a column of `column` width, so its cell continues below. */
export function fillsColumn(width: number, column: number): boolean {
  return width >= column - WRAP_TOLERANCE;
}
