/**
 * The PDF reader's two ways in — its own (pdfDirect.ts) and pdfjs's — read every fixture the same;
 * what the direct reader leaves goes to pdfjs; hostile PDFs (nested 200,000 deep, a path of 200,000
 * points) are a bad PDF or read, never a crash. The hostile files are made here, never committed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TargetDocument } from '../core/document.ts';
import type { MonitoringReport } from '../core/monitoringReport.ts';
import type { SelfEvaluation } from '../core/selfEvaluation.ts';
import { writePdf } from '../writers/pdfWriter.ts';
import { importSource } from './importSource.ts';
import { OPS, readPdfDirect } from './pdfDirect.ts';
import { readPdf } from './pdfReader.ts';
import { ReaderError } from './readerError.ts';
import { nested, pdfOf, standardFontsPdf } from './testing/pdfs.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures', import.meta.url));

function filesUnder(dir: string, ending: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ending) : path.endsWith(ending) ? [path] : [];
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('read');
}

describe('the PDF reader', () => {
  it('uses pdfjs’s operator codes', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    for (const [name, code] of Object.entries(OPS)) expect(pdfjs.OPS[name as keyof typeof pdfjs.OPS], name).toBe(code);
  });

  it('reads every fixture PDF, and each form Jixiao prints, the same without pdfjs as with it', async () => {
    const documents = [...filesUnder(join(FIXTURES, 'forms'), '.expected.json'), ...filesUnder(join(FIXTURES, 'forms'), '.corrected.json'), ...filesUnder(join(FIXTURES, 'monitoring'), '.json'), join(FIXTURES, 'evaluations', 'example.json')];
    const printed = await Promise.all(documents.map(async (path) => ({ path, bytes: await writePdf([JSON.parse(readFileSync(path, 'utf8')) as TargetDocument | MonitoringReport | SelfEvaluation]) })));
    const fixtures = filesUnder(FIXTURES, '.pdf').map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));
    expect(fixtures.length).toBeGreaterThanOrEqual(5);
    for (const { path, bytes } of [...fixtures, ...printed]) {
      const reasons: string[] = [];
      expect(readPdfDirect(bytes, 500, (why) => reasons.push(why)), `${path} is read directly`).not.toBeNull();
      expect(reasons).toEqual([]);
      const direct = await readPdf(bytes).catch((error: unknown) => error);
      const pdfjs = await readPdf(bytes, { direct: false }).catch((error: unknown) => error);
      expect(direct, path).toEqual(pdfjs);
    }
  });

  it('leaves to pdfjs what it does not read itself (standard fonts, a predefined CMap), which reads it from its data files', async () => {
    const bytes = standardFontsPdf();
    const reasons: string[] = [];
    expect(readPdfDirect(bytes, 500, (why) => reasons.push(why))).toBeNull();
    expect(reasons[0]).toContain('standard font');
    for (let i = 0; i < 2; i++) {
      // Twice: the second document takes the CMap and the font from the process's cache.
      const tables = await readPdf(bytes);
      expect(tables.sheets[0]?.rows[0]?.map((cell) => cell.text)).toEqual(['Budget 2025', '绩效目标']);
    }
  });

  it.each([
    ['the page', { page: `/Deep ${nested(200_000)}` }],
    ['the resources', { resources: `/Deep ${nested(200_000)}` }],
  ])('names a PDF nested 200,000 deep in %s a bad PDF', async (_where, extra) => {
    const bytes = standardFontsPdf(extra);
    const error = await rejection(readPdf(bytes));
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).problem).toBe('corrupt');
    expect((error as ReaderError).zh).toContain('无法读取 PDF');
    const outcome = await importSource(bytes);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problem).toBe('corrupt');
      expect(outcome.message.zh).toContain('无法读取 PDF');
    }
  });

  it('reads the text before a content stream nested 200,000 deep, as pdfjs does', async () => {
    const tables = await readPdf(standardFontsPdf({ content: `${nested(200_000)} pop` }));
    expect(tables.sheets[0]?.rows[0]?.map((cell) => cell.text)).toEqual(['Budget 2025', '绩效目标']);
  });

  it('refuses a page ruled with thousands of lines each way, naming the page, before laying out its grid', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `10 ${10 + i * 3} m 4600 ${10 + i * 3} l S ${10 + i * 3} 10 m ${10 + i * 3} 4600 l S`).join(' ');
    const error = await rejection(readPdf(standardFontsPdf({ content: lines })));
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).problem).toBe('too-large');
    expect((error as ReaderError).zh).toContain('第 1 页');
  });

  it('refuses a content stream that inflates to more than 64 MB, before holding it', async () => {
    const bomb = deflateSync(Buffer.alloc(80 * 1024 * 1024, 0x20)).toString('latin1');
    const bytes = pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 800] /Contents 4 0 R >>',
      `<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n${bomb}\nendstream`,
    ]);
    const error = await rejection(readPdf(bytes));
    expect(error).toBeInstanceOf(ReaderError);
    expect((error as ReaderError).problem).toBe('too-large');
  });

  it('reads a page with a path of 200,000 points and a line of 50,000 glyphs', async () => {
    const points = Array.from({ length: 200_000 }, (_, i) => `${50 + (i % 250)} ${100 + (i % 3)} l`).join(' ');
    const glyphs = `(${'x'.repeat(50_000)})`;
    const bytes = standardFontsPdf({ content: `50 100 m ${points} f BT /F1 1 Tf 10 20 Td ${glyphs} Tj ET` });
    const tables = await readPdf(bytes);
    expect(tables.sheets[0]?.rows[0]?.map((cell) => cell.text)).toEqual(['Budget 2025', '绩效目标']);
  });
});
