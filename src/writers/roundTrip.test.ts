/**
 * What Jixiao exports, Jixiao imports back: every kind → .xlsx → the same document, and → PDF →
 * the same document (white space at a PDF line's wrap aside, which no PDF keeps).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TargetDocument } from '../core/document.ts';
import { importFormText } from '../import/text/importFormText.ts';
import { importSource } from '../readers/importSource.ts';
import { documentDifferences } from '../testing/documentDifferences.ts';
import { writePdf } from './pdfWriter.ts';
import { writeWorkbook } from './workbookWriter.ts';

const fixture = (path: string) => new URL(`../../fixtures/forms/${path}`, import.meta.url);
const seed = JSON.parse(readFileSync(fixture('000_168cd24c06a0f893.expected.json'), 'utf8')) as TargetDocument;

/** The project forms of every text layout, as their text imports them. */
const projects = ['full-size', 'pipe-rows', 'whitespace-columns', 'no-delimiters', 'one-cell-per-line'].map((name): [string, TargetDocument] => {
  const outcome = importFormText(readFileSync(fixture(`project/${name}.txt`), 'utf8'));
  if (!outcome.ok) throw new Error(name);
  const document = { ...outcome.declaration, unparsed: [] } as TargetDocument;
  // One table holds both targets: a row with no 实施期 value has an empty cell, which reads back as "".
  if (document.kind === 'project-target' && document.indicators.some((i) => i.periodTarget !== null)) {
    document.indicators = document.indicators.map((i) => ({ ...i, periodTarget: i.periodTarget ?? '' }));
  }
  return [name, document];
});
const withYear = { ...seed, year: 2025, title: '部门整体预算绩效目标申报表' } as TargetDocument;
const documents: [string, TargetDocument][] = [['department (seed)', seed], ['department with a year', withYear], ...projects.map(([n, d]): [string, TargetDocument] => [`project (${n})`, d])];

async function readBack(bytes: Buffer): Promise<TargetDocument[]> {
  const outcome = await importSource(new Uint8Array(bytes));
  if (!outcome.ok) throw new Error(outcome.message.en);
  return outcome.documents.map((d) => d.document);
}

describe.each(documents)('%s', (_name, document) => {
  it('→ .xlsx → import is the same document', async () => {
    const [back] = await readBack(await writeWorkbook([document]));
    expect(documentDifferences(document, back)).toEqual([]);
  });

  it('→ PDF → import is the same document', async () => {
    const [back] = await readBack(await writePdf([document]));
    expect(documentDifferences(document, back, { looseWhitespace: true })).toEqual([]);
  });
});

describe('several documents in one export', () => {
  it('a workbook of a department form and its project forms has one sheet each and reads back as they were', async () => {
    const all = [seed, ...projects.map(([, d]) => d)];
    const back = await readBack(await writeWorkbook(all));
    expect(back).toHaveLength(all.length);
    back.forEach((d, i) => expect(documentDifferences(all[i], d)).toEqual([]));
  });

  it('a PDF of two forms starts each on its own page and reads back as both', async () => {
    const pdf = await writePdf([seed, projects[0]?.[1] as TargetDocument]);
    const back = await readBack(pdf);
    expect(back.map((d) => d.kind)).toEqual(['department-target', 'project-target']);
  });
});

describe('a monitoring report', () => {
  it('prints as its official table, lights in words, as PDF and .xlsx whose text reads back', async () => {
    const { exampleReport } = await import('../core/monitoring/exampleReport.ts');
    const { readPdf } = await import('../readers/pdfReader.ts');
    const { readWorkbook } = await import('../readers/workbookReader.ts');
    const { tableLines } = await import('../table/tableLines.ts');
    const report = exampleReport();
    report.indicators[0] = { ...(report.indicators[0] as (typeof report.indicators)[number]), actualToDate: '100人次' };
    for (const tables of [await readPdf(new Uint8Array(await writePdf([report]))), readWorkbook(new Uint8Array(await writeWorkbook([report])))]) {
      const text = tableLines(tables).map((l) => l.text).join('\n');
      expect(text).toContain('项目支出绩效运行监控表');
      expect(text).toMatch(/培训人次 \| ≥500人次 \|\s+\| 100人次 \| 520人次 \| 确定能/);
      expect(text).toContain('红灯（严重滞后）');
    }
  });
});
