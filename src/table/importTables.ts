/**
 * Tables in, documents out: a reader's sheets become the `|`-joined lines the text mapper reads by
 * the vocabulary of their headers, and whatever the mapper leaves unclaimed is reported against the
 * cell it came from (`Sheet1!C12`, `第2页 第5行第3列`) instead of a line of text nobody saw.
 */
import type { UnparsedText } from '../core/document.ts';
import { importFormText, type ImportedDocument, type ImportOutcome } from '../import/text/importFormText.ts';
import type { DepartmentTargetTextOptions } from '../import/text/departmentTargetText.ts';
import type { Claim } from '../import/text/ledger.ts';
import { toSimplified } from './simplified.ts';
import type { SourceTables } from './sourceTable.ts';
import { tableLines, type TableLine } from './tableLines.ts';

export type TableImportOutcome = ImportOutcome & {
  /** The lines the mapper read, for a preview; each cell's text as it went in. */
  readonly lines?: readonly TableLine[];
  /** True when traditional characters were read as simplified. */
  readonly simplified?: boolean;
};

/** Imports a reader's tables as documents of the family. Never throws. */
export function importTables(tables: SourceTables, options: DepartmentTargetTextOptions = {}): TableImportOutcome {
  const raw = tableLines(tables);
  const conversion = toSimplified(raw.map((line) => line.text));
  const lines = conversion.changed ? raw.map((line, i) => ({ ...line, text: conversion.lines[i] ?? line.text })) : raw;
  const outcome = importFormText(lines.map((line) => line.text).join('\n'), options, tables.format, false);
  if (!outcome.ok) return outcome;
  const documents = outcome.documents.map((imported) => withCellRefs(imported, lines));
  const first = documents[0] as ImportedDocument;
  return { ...outcome, documents, declaration: first.document, claims: first.claims, lines, simplified: conversion.changed };
}

/** The document with its unparsed text listed per source cell, each with the cell's reference. */
function withCellRefs(imported: ImportedDocument, lines: readonly TableLine[]): ImportedDocument {
  const claimed = claimedMarks(imported.claims, lines);
  const unparsed: UnparsedText[] = [];
  for (let no = imported.lines.from; no <= imported.lines.to; no++) {
    const line = lines[no - 1];
    const marks = claimed.get(no);
    if (!line) continue;
    for (const span of line.cells) {
      const parts: string[] = [];
      let start = -1;
      for (let i = span.start; i <= span.end; i++) {
        const free = i < span.end && !marks?.[i];
        if (free && start < 0) start = i;
        if (!free && start >= 0) {
          const part = line.text.slice(start, i).trim();
          if (part) parts.push(part);
          start = -1;
        }
      }
      if (parts.length > 0) unparsed.push({ line: no, text: parts.join(' '), at: span.cell.ref });
    }
  }
  return { ...imported, document: { ...imported.document, unparsed } };
}

function claimedMarks(claims: readonly Claim[], lines: readonly TableLine[]): Map<number, Uint8Array> {
  const marks = new Map<number, Uint8Array>();
  for (const claim of claims) {
    let line = marks.get(claim.line);
    if (!line) {
      line = new Uint8Array(lines[claim.line - 1]?.text.length ?? 0);
      marks.set(claim.line, line);
    }
    line.fill(1, claim.start, claim.end);
  }
  return marks;
}
