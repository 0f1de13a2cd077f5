/**
 * The official PDF form, drawn on the server (no browser): the document's official layout as a
 * ruled table on A4 landscape pages, Noto Sans SC embedded (subset by pdfkit, so the text copies
 * back as text), the running head and page numbers on every page, and on a continuation page the
 * indicator header repeated and every merged cell that runs on (the 一级 class) labelled again.
 * What it writes, the PDF reader reads back to the same document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { TargetDocument } from '../core/document.ts';
import { officialLayout, type FormLayout, type LayoutCell } from '../layout/officialLayout.ts';

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { side: 36, top: 44, bottom: 40 };
const PAD = 3;
const SIZE = { title: 15, subtitle: 10.5, body: 9 };
const LINE_GAP = 1.5;

let fontBytes: Buffer | undefined;

/** The embedded font: Noto Sans SC from npm (SIL Open Font License), read once. */
function font(): Buffer {
  if (!fontBytes) {
    const require = createRequire(import.meta.url);
    fontBytes = readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  }
  return fontBytes;
}

/** A PDF of the documents, each starting on a new page. */
export async function writePdf(documents: readonly TargetDocument[], info: { title?: string } = {}): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margins: { top: MARGIN.top, bottom: 0, left: MARGIN.side, right: MARGIN.side }, bufferPages: true, autoFirstPage: false, info: { Title: info.title ?? documents[0]?.title ?? 'Jixiao', Creator: 'Jixiao', Producer: 'Jixiao (pdfkit)' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  pdf.registerFont('cjk', font());
  pdf.font('cjk');
  const heads: string[] = [];
  for (const document of documents) {
    const layout = officialLayout(document);
    new FormDrawer(pdf, layout, heads).draw();
  }
  // Page numbers once the number of pages is known.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf.fontSize(8).fillColor('#333');
    pdf.text(heads[i] ?? '', MARGIN.side, 18, { width: PAGE.width - 2 * MARGIN.side, align: 'center', lineBreak: false });
    pdf.text(`第 ${i + 1} 页 共 ${range.count} 页`, MARGIN.side, PAGE.height - 26, { width: PAGE.width - 2 * MARGIN.side, align: 'center', lineBreak: false });
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A merged cell being drawn: where its part on the current page began. */
interface OpenSpan {
  readonly cell: LayoutCell;
  top: number;
}

class FormDrawer {
  private readonly x: number[];
  private y = MARGIN.top;
  private readonly open = new Map<LayoutCell, OpenSpan>();
  private readonly bottom = PAGE.height - MARGIN.bottom;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly layout: FormLayout,
    private readonly heads: string[],
  ) {
    const total = layout.widths.reduce((a, b) => a + b, 0);
    const width = PAGE.width - 2 * MARGIN.side;
    this.x = [MARGIN.side];
    for (const w of layout.widths) this.x.push((this.x[this.x.length - 1] as number) + (w / total) * width);
  }

  draw(): void {
    this.newPage();
    const heights = this.rowHeights();
    this.layout.rows.forEach((row, r) => {
      const height = heights[r] ?? 0;
      if (this.y + height > this.bottom && this.y > MARGIN.top + 1) this.breakPage(r, heights);
      for (const cell of row) {
        if (cell.role === 'title' || cell.role === 'subtitle') this.drawFree(cell, height);
        else if (cell.rowSpan > 1) this.open.set(cell, { cell, top: this.y });
        else this.drawBox(cell, this.y, height, cell.text);
      }
      this.y += height;
      for (const [cell, span] of this.open) {
        if (cell.row + cell.rowSpan - 1 === r) {
          this.drawBox(cell, span.top, this.y - span.top, cell.text);
          this.open.delete(cell);
        }
      }
    });
  }

  private newPage(): void {
    this.pdf.addPage({ size: 'A4', layout: 'landscape', margins: { top: MARGIN.top, bottom: 0, left: MARGIN.side, right: MARGIN.side } });
    this.heads.push(this.layout.runningHead);
    this.y = MARGIN.top;
  }

  /** Closes the merged cells running on, starts a page, repeats the header and relabels them. */
  private breakPage(row: number, heights: readonly number[]): void {
    for (const span of this.open.values()) this.drawBox(span.cell, span.top, this.y - span.top, span.cell.text);
    this.newPage();
    if (row > this.layout.header.to) {
      for (let h = this.layout.header.from; h <= this.layout.header.to; h++) {
        for (const cell of this.layout.rows[h] ?? []) this.drawBox(cell, this.y, heights[h] ?? 0, cell.text);
        this.y += heights[h] ?? 0;
      }
    }
    for (const span of this.open.values()) span.top = this.y;
  }

  private cellWidth(cell: LayoutCell): number {
    return (this.x[cell.col + cell.colSpan] as number) - (this.x[cell.col] as number);
  }

  private textHeight(cell: LayoutCell): number {
    const size = cell.role === 'title' ? SIZE.title : cell.role === 'subtitle' ? SIZE.subtitle : SIZE.body;
    this.pdf.fontSize(size);
    if (cell.text === '') return size + 2 * PAD;
    return this.pdf.heightOfString(cell.text, { width: this.cellWidth(cell) - 2 * PAD, lineGap: LINE_GAP }) + 2 * PAD + 2;
  }

  /** Each row as tall as its tallest cell; a merged cell's rows together as tall as its text. */
  private rowHeights(): number[] {
    const heights = this.layout.rows.map((row) => Math.max(SIZE.body + 2 * PAD + 4, ...row.filter((c) => c.rowSpan === 1).map((c) => this.textHeight(c))));
    for (const row of this.layout.rows) {
      for (const cell of row) {
        if (cell.rowSpan === 1) continue;
        const rows = heights.slice(cell.row, cell.row + cell.rowSpan);
        const need = this.textHeight(cell) - rows.reduce((a, b) => a + b, 0);
        // Spread the extra height over the spanned rows (a break may fall between them).
        if (need > 0) for (let r = cell.row; r < cell.row + cell.rowSpan; r++) heights[r] = (heights[r] ?? 0) + need / cell.rowSpan;
      }
    }
    return heights;
  }

  private drawFree(cell: LayoutCell, height: number): void {
    const size = cell.role === 'title' ? SIZE.title : SIZE.subtitle;
    this.pdf.fontSize(size).fillColor('#000');
    this.pdf.text(cell.text, this.x[cell.col] as number, this.y + PAD, { width: this.cellWidth(cell), align: 'center', height, lineGap: LINE_GAP });
  }

  private drawBox(cell: LayoutCell, top: number, height: number, text: string): void {
    const left = this.x[cell.col] as number;
    const width = this.cellWidth(cell);
    if (cell.role === 'header') this.pdf.rect(left, top, width, height).fill('#f0f0f0');
    this.pdf.lineWidth(0.6).strokeColor('#000').rect(left, top, width, height).stroke();
    if (text === '') return;
    this.pdf.fontSize(SIZE.body).fillColor('#000');
    const textHeight = this.pdf.heightOfString(text, { width: width - 2 * PAD, lineGap: LINE_GAP });
    const offset = Math.max(PAD, (height - textHeight) / 2);
    const align = cell.role === 'amount' ? 'right' : cell.role === 'text' ? 'left' : 'center';
    this.pdf.text(text, left + PAD, top + offset, { width: width - 2 * PAD, align, lineGap: LINE_GAP, height: Math.max(0, height - offset) });
  }
}
