/**
 * The project's own fixtures of every format (made once by scripts/makeFormatFixtures.ts): each
 * imports to the same canonical JSON as the seed's text, field by field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentDifferences } from '../testing/documentDifferences.ts';
import { importSource } from './importSource.ts';

const dir = new URL('../../fixtures/forms/formats/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const expected = {
  department: JSON.parse(readFileSync(new URL('../../fixtures/forms/000_168cd24c06a0f893.expected.json', import.meta.url), 'utf8')) as unknown,
  project: JSON.parse(readFileSync(new URL('project.expected.json', dir), 'utf8')) as unknown,
};

async function imported(name: string) {
  const outcome = await importSource(read(name));
  if (!outcome.ok) throw new Error(`${name}: ${outcome.message.en}`);
  return outcome;
}

describe.each(['department', 'project'] as const)('the %s form', (kind) => {
  it.each([
    [`${kind}.official.xlsx`, 'xlsx'],
    [`${kind}.regional.xlsx`, 'xlsx'],
    ...(kind === 'department' ? [['department.hubei.xlsx', 'xlsx'] as [string, string]] : []),
    [`${kind}.legacy.xls`, 'xls'],
  ])('%s imports to the same document as the seed', async (name, format) => {
    const outcome = await imported(name);
    expect(outcome.format).toBe(format);
    expect(outcome.documents).toHaveLength(1);
    expect(documentDifferences(expected[kind], outcome.declaration)).toEqual([]);
  });

  it.each([`${kind}.jixiao.pdf`, `${kind}.libreoffice.pdf`])('%s (two PDF engines) imports to the same document, white space at line wraps aside', async (name) => {
    const outcome = await imported(name);
    expect(outcome.format).toBe('pdf');
    expect(documentDifferences(expected[kind], outcome.declaration, { looseWhitespace: true })).toEqual([]);
  });

  it(`${kind}.libreoffice.docx, the page saved as Word, imports the same; the page's navigation and footer stay in unparsed`, async () => {
    const outcome = await imported(`${kind}.libreoffice.docx`);
    expect(outcome.format).toBe('docx');
    expect(documentDifferences(expected[kind], outcome.declaration, { ignore: ['/unparsed'] })).toEqual([]);
    expect(outcome.declaration.unparsed.map((u) => u.text)).toEqual(['首页 > 政务公开 > 预算公开', expect.stringContaining('主办单位')]);
  });

  it(`${kind}.gov.html, a government page, imports the same; its navigation and footer stay in unparsed`, async () => {
    const outcome = await imported(`${kind}.gov.html`);
    expect(outcome.format).toBe('html');
    expect(documentDifferences(expected[kind], outcome.declaration, { ignore: ['/unparsed'] })).toEqual([]);
    expect(outcome.declaration.unparsed.map((u) => u.text)).toEqual(['首页 > 政务公开 > 预算公开', expect.stringContaining('主办单位')]);
    expect(outcome.declaration.unparsed.every((u) => u.at?.startsWith('网页'))).toBe(true);
  });
});

describe('sources that are not one form of one sheet', () => {
  it('reads a workbook with a form on each sheet as one document each', async () => {
    const outcome = await imported('two-sheets.xlsx');
    expect(outcome.documents.map((d) => d.document.kind)).toEqual(['department-target', 'project-target']);
    expect(documentDifferences(expected.department, outcome.documents[0]?.document)).toEqual([]);
    expect(documentDifferences(expected.project, outcome.documents[1]?.document)).toEqual([]);
  });

  it('reads a page in traditional characters as simplified', async () => {
    const outcome = await imported('department.traditional.html');
    expect(outcome.simplified).toBe(true);
    expect(outcome.declaration.kind).toBe('department-target');
    const d = outcome.declaration as { department: string; indicators: unknown[]; projects: unknown[] };
    expect(d.department).toBe('广州市海珠区政务服务和数据管理局');
    expect(d.indicators).toHaveLength(32);
    expect(d.projects).toHaveLength(14);
  });
});

describe('a sheet saved as CSV', () => {
  it('reads as the form, its merged cells lost but its columns kept; a form’s text with commas stays text', async () => {
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.read(read('department.official.xlsx'), { type: 'array' });
    const sheet = book.Sheets[book.SheetNames[0] ?? ''];
    if (!sheet) throw new Error('no sheet');
    const csv = XLSX.utils.sheet_to_csv(sheet);
    const outcome = await importSource(new TextEncoder().encode(csv));
    if (!outcome.ok) throw new Error(outcome.message.en);
    expect(outcome.format).toBe('csv');
    expect(documentDifferences(expected.department, outcome.declaration)).toEqual([]);
    const seed = readFileSync(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url));
    expect((await importSource(new Uint8Array(seed))).format).toBe('text');
  });
});

describe('files that are not forms', () => {
  it.each([
    ['scanned.pdf', 'scanned', '扫描件，无文字层'],
    ['password.xlsx', 'encrypted', '密码保护'],
  ])('%s is refused as %s', async (name, problem, words) => {
    const outcome = await importSource(read(name));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem).toBe(problem);
    expect(outcome.message.zh).toContain(words);
  });
});

describe('a PDF without ruling lines', () => {
  it('reads as the text extraction it would give: the seed typeset line by line imports as the seed', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const text = readFileSync(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8');
    // Landscape, small type: the longest line of the seed (77 characters) fits, as it did in its PDF.
    const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40 });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => pdf.on('end', resolve));
    pdf.registerFont('cjk', readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')));
    pdf.font('cjk').fontSize(8);
    let y = 40;
    for (const line of text.split('\n')) {
      if (y > 550) {
        pdf.addPage();
        y = 40;
      }
      if (line !== '') pdf.text(line, 40, y, { lineBreak: false });
      y += 11;
    }
    pdf.end();
    await done;
    const outcome = await importSource(new Uint8Array(Buffer.concat(chunks)));
    if (!outcome.ok) throw new Error(outcome.message.en);
    expect(outcome.format).toBe('pdf');
    const differences = documentDifferences(expected.department, outcome.declaration, { looseWhitespace: true });
    expect(differences).toEqual([]);
  });
});
