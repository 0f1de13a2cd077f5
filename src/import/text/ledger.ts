/**
 * Accounts for every character of the source, which is how the importer is lossless by construction:
 * parsers claim what they understood (as a field's content or as a label of the form), and whatever
 * is left unclaimed becomes an `unparsed` entry with its line number.
 */
import type { UnparsedText } from '../../core/declaration.ts';
import type { SourceLine, Token } from './sourceText.ts';

/** What a claimed span of the source became. */
export interface Claim {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** `field`: content of the value at `path`; `label`: printed wording of the form itself. */
  readonly role: 'field' | 'label';
  /** JSON Pointer of the field, for `field` claims. */
  readonly path?: string;
}

/** Tracks which characters of which lines have been claimed. */
export class Ledger {
  // One mark per character of the whole text, lines laid end to end (one allocation, not one per line).
  private readonly claimed: Uint8Array;
  private readonly offsets: Int32Array;
  private readonly claims: Claim[] = [];
  /** Number of the first line: a ledger may cover one form of a text holding several. */
  private readonly first: number;

  constructor(private readonly lines: readonly SourceLine[]) {
    this.first = lines[0]?.no ?? 1;
    this.offsets = new Int32Array(lines.length + 1);
    lines.forEach((line, i) => {
      this.offsets[i + 1] = (this.offsets[i] ?? 0) + line.text.length;
    });
    this.claimed = new Uint8Array(this.offsets[lines.length] ?? 0);
  }

  /** Claims a span as the content of the field at `path` (a JSON Pointer). */
  field(span: Token, path: string): void {
    this.mark(span, 'field', path);
  }

  /** Claims several spans, in order, as the content of one field. */
  fields(spans: readonly Token[], path: string): void {
    for (const span of spans) this.mark(span, 'field', path);
  }

  /** Claims a span as wording of the form (a heading, a column header, a page header). */
  label(span: Token): void {
    this.mark(span, 'label');
  }

  /** True when any character of the span was already claimed. */
  isClaimed(span: Token): boolean {
    const base = this.offsets[span.line.no - this.first] ?? 0;
    for (let i = span.start; i < span.end; i++) if (this.claimed[base + i]) return true;
    return false;
  }

  /** Every claim made, in order. */
  allClaims(): readonly Claim[] {
    return this.claims;
  }

  /** The non-blank text nobody claimed, one entry per line (parts of a line joined by a space). */
  unclaimed(): UnparsedText[] {
    const result: UnparsedText[] = [];
    this.lines.forEach((line, index) => {
      const base = this.offsets[index] ?? 0;
      if (line.blank || !this.hasUnclaimedText(line, base)) return;
      const parts: string[] = [];
      let start = -1;
      for (let i = 0; i <= line.text.length; i++) {
        const free = i < line.text.length && this.claimed[base + i] === 0;
        if (free && start < 0) start = i;
        if (!free && start >= 0) {
          const part = line.text.slice(start, i).trim();
          if (part) parts.push(part);
          start = -1;
        }
      }
      if (parts.length > 0) result.push({ line: line.no, text: parts.join(' ') });
    });
    return result;
  }

  /** True when some non-blank character of the line is unclaimed (native search, no per-character loop). */
  private hasUnclaimedText(line: SourceLine, base: number): boolean {
    const marks = this.claimed.subarray(base, base + line.text.length);
    if (marks.indexOf(0) === -1) return false;
    // Only the line's non-blank runs are looked at: the blanks between whitespace columns are many.
    for (const token of line.tokens) if (marks.subarray(token.start, token.end).indexOf(0) !== -1) return true;
    return false;
  }

  private mark(span: Token, role: Claim['role'], path?: string): void {
    const base = this.offsets[span.line.no - this.first];
    if (base === undefined) return;
    this.claimed.fill(1, base + span.start, base + span.end);
    this.claims.push(path === undefined ? { line: span.line.no, start: span.start, end: span.end, role } : { line: span.line.no, start: span.start, end: span.end, role, path });
  }
}
