/**
 * The mapper reads a table by its headers, not by positions: whatever the column order, the empty
 * rows and columns around it, or where the table is cut across sheets (or pages), the document is
 * the same.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TargetDocument } from '../core/document.ts';
import { importFormText } from '../import/text/importFormText.ts';
import { officialLayout } from '../layout/officialLayout.ts';
import { documentDifferences } from '../testing/documentDifferences.ts';
import { importTables } from './importTables.ts';
import { sheetRef, type SourceSheet, type TableCell } from './sourceTable.ts';

const seed = JSON.parse(readFileSync(new URL('../../fixtures/forms/000_168cd24c06a0f893.expected.json', import.meta.url), 'utf8')) as TargetDocument;
const projectOutcome = importFormText(readFileSync(new URL('../../fixtures/forms/project/full-size.txt', import.meta.url), 'utf8'));
if (!projectOutcome.ok) throw new Error('fixture');
const project = { ...projectOutcome.declaration, unparsed: [] } as TargetDocument;

function sheetOf(document: TargetDocument): { sheet: SourceSheet; header: number } {
  const layout = officialLayout(document);
  return { sheet: { name: 'S', rows: layout.rows }, header: layout.header.from };
}

const relabel = (cell: TableCell, row: number, col: number, sheet = 'S'): TableCell => ({ ...cell, row, col, ref: sheetRef(sheet, row, col) });

/** The indicator table's value columns (after 一级 and 二级) in another order, each keeping its width. */
function permuteColumns(sheet: SourceSheet, from: number, order: readonly number[]): SourceSheet {
  const rows = sheet.rows.map((row, r) => {
    if (r < from) return row;
    const fixed = row.filter((c) => c.col < 2);
    const blocks = row.filter((c) => c.col >= 2).sort((a, b) => a.col - b.col);
    if (blocks.length !== order.length) return row;
    let col = 2;
    const moved = order.map((i) => {
      const cell = blocks[i] as TableCell;
      const placed = relabel(cell, r, col);
      col += cell.colSpan;
      return placed;
    });
    return [...fixed, ...moved];
  });
  return { ...sheet, rows };
}

/** Empty rows inserted before the given rows (merged cells over them grow) and empty columns on the left. */
function padded(sheet: SourceSheet, emptyRowsBefore: ReadonlySet<number>, leftColumns: number): SourceSheet {
  const newIndex: number[] = [];
  let shift = 0;
  sheet.rows.forEach((_, r) => {
    if (emptyRowsBefore.has(r)) shift++;
    newIndex[r] = r + shift;
  });
  const rows: TableCell[][] = Array.from({ length: sheet.rows.length + shift }, () => []);
  sheet.rows.forEach((row, r) => {
    for (const cell of row) {
      const top = newIndex[r] as number;
      const bottom = newIndex[r + cell.rowSpan - 1] as number;
      (rows[top] as TableCell[]).push({ ...relabel(cell, top, cell.col + leftColumns), rowSpan: bottom - top + 1 });
    }
  });
  return { ...sheet, rows };
}

/** The sheet cut before a row into two sheets; a merged cell over the cut is cut too, its text on both parts. */
function cut(sheet: SourceSheet, at: number): SourceSheet[] {
  const first: TableCell[][] = sheet.rows.slice(0, at).map(() => []);
  const second: TableCell[][] = sheet.rows.slice(at).map(() => []);
  sheet.rows.forEach((row, r) => {
    for (const cell of row) {
      const end = r + cell.rowSpan;
      if (r < at) {
        (first[r] as TableCell[]).push({ ...cell, rowSpan: Math.min(end, at) - r });
        if (end > at) (second[0] as TableCell[]).push({ ...relabel(cell, 0, cell.col, 'T'), rowSpan: end - at });
      } else {
        (second[r - at] as TableCell[]).push({ ...relabel(cell, r - at, cell.col, 'T') });
      }
    }
  });
  return [
    { name: 'S', rows: first },
    { name: 'T', rows: second },
  ];
}

function read(sheets: SourceSheet[]): TargetDocument {
  const outcome = importTables({ format: 'xlsx', sheets });
  if (!outcome.ok) throw new Error(outcome.message.en);
  return outcome.declaration;
}

describe.each([
  ['department form', seed],
  ['project form', project],
])('a %s', (_name, document) => {
  const { sheet, header } = sheetOf(document);
  const valueColumns = (sheet.rows[header] ?? []).filter((c) => c.col >= 2).length;

  it('reads the same whatever the order of its indicator columns', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...Array(valueColumns).keys()], { minLength: valueColumns, maxLength: valueColumns }), (order) => {
        expect(documentDifferences(document, read([permuteColumns(sheet, header, order)]))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it('reads the same with empty rows between its rows and empty columns before it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: sheet.rows.length - 1 }), { maxLength: 6 }), fc.integer({ min: 0, max: 2 }), (rows, left) => {
        expect(documentDifferences(document, read([padded(sheet, new Set(rows), left)]))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });

  it('reads the same when cut across two sheets (or pages) at any row of its indicator table', () => {
    fc.assert(
      fc.property(fc.integer({ min: header + 2, max: sheet.rows.length - 1 }), (at) => {
        expect(documentDifferences(document, read(cut(sheet, at)))).toEqual([]);
      }),
      { numRuns: 12 },
    );
  });
});
