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
  private readonly claimed: Uint8Array[];
  private readonly claims: Claim[] = [];

  constructor(private readonly lines: readonly SourceLine[]) {
    this.claimed = lines.map((line) => new Uint8Array(line.text.length));
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
    const marks = this.claimed[span.line.no - 1];
    if (!marks) return false;
    for (let i = span.start; i < span.end; i++) if (marks[i]) return true;
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
      const marks = this.claimed[index];
      if (!marks) return;
      const parts: string[] = [];
      let current = '';
      for (let i = 0; i < line.text.length; i++) {
        if (marks[i]) {
          if (current.trim()) parts.push(current.trim());
          current = '';
        } else {
          current += line.text[i];
        }
      }
      if (current.trim()) parts.push(current.trim());
      const text = parts.join(' ').replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
      if (text) result.push({ line: line.no, text });
    });
    return result;
  }

  private mark(span: Token, role: Claim['role'], path?: string): void {
    const marks = this.claimed[span.line.no - 1];
    if (!marks) return;
    for (let i = span.start; i < span.end; i++) marks[i] = 1;
    this.claims.push(path === undefined ? { line: span.line.no, start: span.start, end: span.end, role } : { line: span.line.no, start: span.start, end: span.end, role, path });
  }
}
