/**
 * Rejoining text cells that a PDF wrapped over several lines.
 */
import { columnWidth, displayWidth, fillsColumn, type SourceLine } from './sourceText.ts';

/** The column width of a block of lines (see {@link columnWidth}). */
export function blockWidth(lines: readonly SourceLine[], fallback: number): number {
  return columnWidth(lines.map((line) => displayWidth(line.text.trim())), fallback);
}

/** Width of a line's text without its surrounding blanks. */
export function widthOf(line: SourceLine): number {
  return displayWidth(line.text.trim());
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

/**
 * Splits paragraphs that ran together (one ended exactly at the column's edge) until there are
 * `count` of them, cutting after full lines that end a sentence, in the longest paragraphs first.
 */
export function splitToCount(paragraphs: readonly SourceLine[][], count: number): SourceLine[][] {
  const result = paragraphs.map((p) => [...p]);
  while (result.length < count) {
    let best: { paragraph: number; after: number } | null = null;
    let bestLength = 0;
    result.forEach((paragraph, index) => {
      for (let i = 0; i < paragraph.length - 1; i++) {
        const line = paragraph[i];
        if (line && SENTENCE_END.test(line.text.trim()) && paragraph.length > bestLength) {
          best = { paragraph: index, after: i };
          bestLength = paragraph.length;
          break;
        }
      }
    });
    if (best === null) break;
    const { paragraph, after } = best as { paragraph: number; after: number };
    const lines = result[paragraph] ?? [];
    result.splice(paragraph, 1, lines.slice(0, after + 1), lines.slice(after + 1));
  }
  return result;
}
