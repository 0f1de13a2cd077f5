/**
 * A report (kinds/assessment/report.ts) as Word (.docx, written by the `docx` library) and as PDF
 * (pdfkit, A4 portrait, Noto Sans SC embedded and subset so the text copies back as text): a cover,
 * then the headings, paragraphs and ruled tables — a table's header repeated on every page it runs
 * on — and page numbers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AlignmentType, BorderStyle, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { ReportBlock, ReportModel } from '../kinds/assessment/report.ts';
import { wrapText } from './pdfWriter.ts';

// ——— Word ———

const EAST_ASIA = '宋体';
const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const run = (text: string, options: { bold?: boolean; size?: number } = {}) => new TextRun({ text, bold: options.bold ?? false, size: options.size ?? 24, font: { ascii: 'Times New Roman', eastAsia: EAST_ASIA, hAnsi: 'Times New Roman' } });
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function docxBlock(block: ReportBlock): Array<Paragraph | Table> {
  if (block.type === 'heading') return [new Paragraph({ heading: HEADINGS[block.level], spacing: { before: 240, after: 120 }, children: [run(block.text, { bold: true, size: block.level === 1 ? 32 : block.level === 2 ? 28 : 24 })] })];
  if (block.type === 'paragraph') return [new Paragraph({ indent: { firstLine: 480 }, spacing: { after: 80, line: 360 }, children: [run(block.text)] })];
  const total = block.widths.reduce((s, w) => s + w, 0) || 1;
  const cell = (text: string, header: boolean, width: number) =>
    new TableCell({ width: { size: Math.round((width / total) * 100), type: WidthType.PERCENTAGE }, borders: { top: thin, bottom: thin, left: thin, right: thin }, children: [new Paragraph({ alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { bold: header, size: 21 })] })] });
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: block.columns.map((c, i) => cell(c, true, block.widths[i] ?? 1)) }), ...block.rows.map((row) => new TableRow({ cantSplit: true, children: block.columns.map((_, i) => cell(row[i] ?? '', false, block.widths[i] ?? 1)) }))],
    }),
    new Paragraph({ children: [] }),
  ];
}

/** The report as a Word document. */
export async function writeReportDocx(report: ReportModel): Promise<Buffer> {
  const cover = [
    new Paragraph({ spacing: { before: 2400, after: 1200 }, alignment: AlignmentType.CENTER, children: [run(report.title, { bold: true, size: 40 })] }),
    ...report.cover.map(([label, value]) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`${label}：${value}`, { size: 28 })] })),
  ];
  const document = new Document({
    creator: 'Jixiao',
    title: report.title,
    styles: { default: { document: { run: { font: { ascii: 'Times New Roman', eastAsia: EAST_ASIA, hAnsi: 'Times New Roman' }, size: 24 } } } },
    sections: [
      { children: cover },
      {
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
        children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(report.title, { bold: true, size: 36 })] }), ...report.blocks.flatMap(docxBlock)],
      },
    ],
  });
  return Packer.toBuffer(document);
}

// ——— PDF ———

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { side: 56, top: 60, bottom: 56 };
const WIDTH = PAGE.width - 2 * MARGIN.side;
const SIZE = { title: 20, h1: 14, h2: 12, h3: 11, body: 10.5, table: 9, cover: 13 };
const PAD = 3;

let reportFont: fontkit.Font | undefined;
/** Noto Sans SC (the font the official forms embed), parsed once per process. */
function cjkFont(): fontkit.Font {
  if (!reportFont) {
    const require = createRequire(import.meta.url);
    reportFont = fontkit.create(readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'))) as fontkit.Font;
  }
  return reportFont;
}

// One cache of laid-out runs for every report (they depend on the font only), as the form writer keeps.
let layouts: Record<string, unknown> = Object.create(null) as Record<string, unknown>;

// Widths of the units wrapped (a character, a run of Latin letters), by size: the font's alone, so kept across reports (bounded).
const widths = new Map<string, number>();

/** Lines of the table of contents a page holds. */
const CONTENTS_PER_PAGE = 30;

class ReportDrawer {
  private y = MARGIN.top;
  /** Each first-level heading and the page (0: the cover) it begins on, for the contents. */
  readonly headings: Array<{ text: string; page: number }> = [];

  constructor(private readonly pdf: PDFKit.PDFDocument) {}

  private page(): number {
    const range = this.pdf.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /** Blank pages for the contents, filled once the pages of the headings are known; returns their indexes. */
  reserveContents(entries: number): number[] {
    const pages: number[] = [];
    for (let i = 0; i < Math.max(1, Math.ceil(entries / CONTENTS_PER_PAGE)); i++) {
      this.newPage();
      pages.push(this.page());
    }
    return pages;
  }

  /** Writes the contents on the reserved pages: each heading, a leader of dots, its page number. */
  fillContents(pages: readonly number[]): void {
    const measure = this.measure(SIZE.body + 1);
    pages.forEach((index, k) => {
      this.pdf.switchToPage(index);
      this.pdf.fillColor('#000000');
      this.y = MARGIN.top;
      if (k === 0) this.text('目  录', SIZE.h1 + 2, { align: 'center', gap: 18 });
      for (const heading of this.headings.slice(k * CONTENTS_PER_PAGE, (k + 1) * CONTENTS_PER_PAGE)) {
        this.pdf.fontSize(SIZE.body + 1);
        const number = String(heading.page);
        const title = heading.text;
        const room = WIDTH - measure(title) - measure(number) - 8;
        const dots = '.'.repeat(Math.max(2, Math.floor(room / Math.max(1, measure('.')))));
        this.pdf.text(title, MARGIN.side, this.y, { lineBreak: false });
        this.pdf.text(dots, MARGIN.side + measure(title) + 4, this.y, { lineBreak: false });
        this.pdf.text(number, MARGIN.side + WIDTH - measure(number), this.y, { lineBreak: false });
        this.y += (SIZE.body + 1) * 2;
      }
    });
  }

  private measure(size: number) {
    return (unit: string): number => {
      const key = `${size}\u0000${unit}`;
      let w = widths.get(key);
      if (w === undefined) {
        w = this.pdf.widthOfString(unit);
        if (widths.size > 100_000) widths.clear();
        widths.set(key, w);
      }
      return w;
    };
  }

  private newPage(): void {
    this.pdf.addPage();
    this.y = MARGIN.top;
  }

  private room(height: number): void {
    if (this.y + height > PAGE.height - MARGIN.bottom) this.newPage();
  }

  private lines(text: string, size: number, width: number, indent = 0): string[] {
    this.pdf.fontSize(size);
    const measure = this.measure(size);
    const first = wrapText(text, width - indent, measure);
    if (indent === 0 || first.length <= 1) return first;
    // The first line is indented; the rest run the full width.
    const head = first[0] as string;
    return [head, ...wrapText(text.slice(head.length), width, measure)];
  }

  private text(text: string, size: number, options: { indent?: number; align?: 'center'; gap?: number } = {}): void {
    const lineHeight = size * 1.6;
    const lines = this.lines(text, size, WIDTH, options.indent ?? 0);
    lines.forEach((line, i) => {
      this.room(lineHeight);
      this.pdf.fontSize(size);
      const x = options.align === 'center' ? MARGIN.side + (WIDTH - this.measure(size)(line)) / 2 : MARGIN.side + (i === 0 ? (options.indent ?? 0) : 0);
      this.pdf.text(line, x, this.y, { lineBreak: false });
      this.y += lineHeight;
    });
    this.y += options.gap ?? 2;
  }

  /** The cover, the pages reserved for the contents (when asked), and the title atop the first page of text. */
  cover(report: ReportModel): number[] {
    this.y = 220;
    this.text(report.title, SIZE.title, { align: 'center', gap: 60 });
    for (const [label, value] of report.cover) this.text(`${label}：${value}`, SIZE.cover, { align: 'center', gap: 14 });
    const contents = report.contents === true ? this.reserveContents(report.blocks.filter((b) => b.type === 'heading' && b.level === 1).length) : [];
    this.newPage();
    this.text(report.title, SIZE.h1 + 2, { align: 'center', gap: 16 });
    return contents;
  }

  block(block: ReportBlock): void {
    if (block.type === 'heading') {
      const size = block.level === 1 ? SIZE.h1 : block.level === 2 ? SIZE.h2 : SIZE.h3;
      // A heading never ends a page.
      this.room(size * 1.6 * 3);
      if (block.level === 1) this.headings.push({ text: block.text, page: this.page() });
      this.y += block.level === 1 ? 8 : 4;
      this.text(block.text, size, { gap: 4 });
      return;
    }
    if (block.type === 'paragraph') {
      this.text(block.text, SIZE.body, { indent: SIZE.body * 2 });
      return;
    }
    this.table(block);
  }

  private table(block: Extract<ReportBlock, { type: 'table' }>): void {
    const total = block.widths.reduce((s, w) => s + w, 0) || 1;
    const widths = block.columns.map((_, i) => ((block.widths[i] ?? 1) / total) * WIDTH);
    const lineHeight = SIZE.table * 1.45;
    const layout = (cells: readonly string[]) => {
      const wrapped = widths.map((w, i) => this.lines(cells[i] ?? '', SIZE.table, w - 2 * PAD));
      return { wrapped, height: Math.max(1, ...wrapped.map((l) => l.length)) * lineHeight + 2 * PAD };
    };
    const header = layout(block.columns);
    const draw = (row: { wrapped: string[][]; height: number }, shade: boolean) => {
      let x = MARGIN.side;
      row.wrapped.forEach((lines, i) => {
        const w = widths[i] as number;
        if (shade) this.pdf.rect(x, this.y, w, row.height).fillAndStroke('#eeeeee', '#000000').fillColor('#000000');
        else this.pdf.rect(x, this.y, w, row.height).stroke();
        this.pdf.fontSize(SIZE.table);
        lines.forEach((line, k) => this.pdf.text(line, x + PAD, this.y + PAD + k * lineHeight, { lineBreak: false }));
        x += w;
      });
      this.y += row.height;
    };
    this.pdf.lineWidth(0.5);
    this.room(header.height + lineHeight * 2 + 2 * PAD);
    draw(header, true);
    for (const cells of block.rows) {
      const row = layout(cells);
      if (this.y + row.height > PAGE.height - MARGIN.bottom) {
        this.newPage();
        draw(header, true);
      }
      draw(row, false);
    }
    this.y += 10;
  }
}

/** The report as a PDF. */
export async function writeReportPdf(report: ReportModel): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margins: { top: MARGIN.top, bottom: 0, left: MARGIN.side, right: MARGIN.side }, bufferPages: true, info: { Title: report.title, Creator: 'Jixiao', Producer: 'Jixiao (pdfkit)' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  // @types/pdfkit lists file and byte sources only; pdfkit 0.20 also takes a fontkit font.
  pdf.registerFont('cjk', cjkFont() as unknown as Buffer);
  pdf.font('cjk');
  const embedded = (pdf as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (embedded?.layoutCache) {
    if (Object.keys(layouts).length > 50_000) layouts = Object.create(null) as Record<string, unknown>;
    embedded.layoutCache = layouts;
  }
  const drawer = new ReportDrawer(pdf);
  const contents = drawer.cover(report);
  for (const block of report.blocks) drawer.block(block);
  if (contents.length > 0) drawer.fillContents(contents);
  const range = pdf.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf.fontSize(8).fillColor('#333');
    pdf.text(`— ${i} / ${range.count - 1} —`, 0, PAGE.height - 34, { width: PAGE.width, align: 'center', lineBreak: false });
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
