/**
 * The official PDF form, drawn on the server (no browser): the document's official layout as a
 * ruled table on A4 landscape pages, Noto Sans SC embedded (subset by pdfkit, so the text copies
 * back as text), the running head and page numbers on every page, and on a continuation page the
 * indicator header repeated and every merged cell that runs on (the 一级 class) labelled again.
 * What it writes, the PDF reader reads back to the same document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { officialLayout, type FormLayout, type LayoutCell, type PrintableDocument } from '../layout/officialLayout.ts';

const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { side: 36, top: 44, bottom: 40 };
const PAD = 3;
const SIZE = { title: 15, subtitle: 10.5, body: 9 };
const LINE_GAP = 1.5;

let sharedFont: fontkit.Font | undefined;

/**
 * The embedded font: Noto Sans SC from npm (SIL Open Font License), read and parsed once per process.
 * pdfkit takes a parsed font as is; its glyphs, decoded for the first document's subset, are
 * decoded for every later one too (each document still embeds its own subset).
 */
function font(): fontkit.Font {
  if (!sharedFont) {
    const require = createRequire(import.meta.url);
    sharedFont = fontkit.create(readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'))) as fontkit.Font;
    shareGlyphRecords(sharedFont);
  }
  return sharedFont;
}

/** What fontkit's TrueType subset reads of a glyph to copy it: its bytes, whether it is made of others, its metrics. */
interface GlyphRecord {
  readonly bytes: Uint8Array;
  readonly composite: boolean;
  readonly advance: number;
  readonly bearing: number;
}

/** fontkit's TrueType subset and font, the members its glyph copying uses (not in its typings). */
interface TrueTypeSubset {
  font: TrueTypeFont;
  glyf?: Uint8Array[];
  loca?: { offsets: number[] };
  hmtx?: { metrics: { advance: number; bearing: number }[] };
  offset?: number;
  includeGlyph(gid: number): number;
  _addGlyph?: (gid: number) => number;
}
interface TrueTypeFont {
  loca?: { offsets: number[] };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number } | null; _getMetrics(): { leftBearing: number } };
}

/**
 * Every export embeds a subset of the font, and fontkit's subsetter decodes each glyph's whole
 * outline only to see whether it is made of other glyphs: a quarter of an export's time, spent again
 * for every document. What it reads of a glyph never changes, so it is kept per process (a glyph's
 * bytes and metrics: a few hundred bytes a character) and each subset copies the glyph as fontkit
 * does (fontkit 2's TTFSubset._addGlyph). A glyph made of others (Noto Sans SC has none) and a
 * fontkit whose subset is otherwise keep fontkit's own way (exports are then only slower).
 */
function shareGlyphRecords(shared: fontkit.Font): void {
  const font = shared as unknown as TrueTypeFont & { createSubset(): TrueTypeSubset };
  if (!font.loca || font._variationProcessor) return;
  const records = new Map<number, GlyphRecord>();
  const record = (gid: number): GlyphRecord => {
    let found = records.get(gid);
    if (!found) {
      const glyph = font.getGlyph(gid);
      const decoded = glyph._decode();
      const offsets = (font.loca as { offsets: number[] }).offsets;
      const stream = font._getTableStream('glyf');
      stream.pos += offsets[gid] as number;
      const bytes = new Uint8Array(stream.readBuffer((offsets[gid + 1] as number) - (offsets[gid] as number)));
      found = { bytes, composite: decoded !== null && decoded.numberOfContours < 0, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      records.set(gid, found);
    }
    return found;
  };
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const own = subset._addGlyph;
    if (typeof own !== 'function') return subset;
    subset._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
      if (!this.glyf || !this.loca || !this.hmtx || this.offset === undefined) return own.call(this, gid);
      const { bytes, composite, advance, bearing } = record(gid);
      if (composite) return own.call(this, gid);
      this.glyf.push(bytes);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance, bearing });
      this.offset += bytes.length;
      return this.glyf.length - 1;
    };
    return subset;
  };
}

// Laying out Chinese text runs fontkit's OpenType machinery once per distinct character, and
// pdfkit caches those runs per document: most of a form's export time was filling that cache again.
// The runs depend only on the font file (glyph ids, advances), so one cache serves every document.
// (pdfkit keeps it on the font object as `layoutCache`; if a later pdfkit renames it, the
// assignment does nothing and exports are only slower.)
let sharedLayouts: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
let sharedLayoutCount = 0;

function shareLayoutCache(pdf: PDFKit.PDFDocument): void {
  const embedded = (pdf as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!embedded || !embedded.layoutCache) return;
  // Bounded: a cache of every word of every form ever exported would grow without end.
  if (++sharedLayoutCount % 200 === 0 && Object.keys(sharedLayouts).length > 50_000) sharedLayouts = Object.create(null) as Record<string, unknown>;
  embedded.layoutCache = sharedLayouts;
}

/** A PDF of the documents, each starting on a new page. */
export function writePdf(documents: readonly PrintableDocument[], info: { title?: string } = {}): Promise<Buffer> {
  return writeLayoutsPdf(documents.map(officialLayout), { title: info.title ?? documents[0]?.title ?? 'Jixiao' });
}

/** Official forms already laid out (any kind's `layout`) as one PDF. */
export async function writeLayoutsPdf(layouts: readonly FormLayout[], info: { title?: string } = {}): Promise<Buffer> {
  // No default font: pdfkit would parse Helvetica's metrics for every document, and none uses it.
  const pdf = new PDFDocument({ font: null as unknown as string, size: 'A4', layout: 'landscape', margins: { top: MARGIN.top, bottom: 0, left: MARGIN.side, right: MARGIN.side }, bufferPages: true, autoFirstPage: false, info: { Title: info.title ?? 'Jixiao', Creator: 'Jixiao', Producer: 'Jixiao (pdfkit)' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });
  // @types/pdfkit lists file and byte sources only; pdfkit 0.20 also takes a fontkit font.
  pdf.registerFont('cjk', font() as unknown as Buffer);
  pdf.font('cjk');
  shareLayoutCache(pdf);
  const heads: string[] = [];
  for (const layout of layouts) new FormDrawer(pdf, layout, heads).draw();
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

/** Widths of strings by font size (see FormDrawer.widthOf). */
const sharedWidths = new Map<number, Map<string, number>>();

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
  private readonly heights = new Map<LayoutCell, number>();

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
        if (cell.role === 'title' || cell.role === 'subtitle') this.drawFree(cell);
        else if (cell.rowSpan > 1) this.open.set(cell, { cell, top: this.y });
        else this.drawBox(cell, this.y, height);
      }
      this.y += height;
      for (const [cell, span] of this.open) {
        if (cell.row + cell.rowSpan - 1 === r) {
          this.drawBox(cell, span.top, this.y - span.top);
          this.open.delete(cell);
        }
      }
    });
  }

  /** The page's fill colour and whether its ruling pen is set: each is set where it changes, not for every cell. */
  private fillColour: string | null = null;
  private ruling = false;

  private fill(colour: string): void {
    if (this.fillColour === colour) return;
    this.pdf.fillColor(colour);
    this.fillColour = colour;
  }

  /**
   * A string's width at a size: what pdfkit's widthOfString gives, kept per process (the font is
   * shared; wrapping measures every character of every cell, and each measure lays the text out).
   */
  private widthOf(text: string, size: number): number {
    let widths = sharedWidths.get(size);
    if (!widths) sharedWidths.set(size, (widths = new Map()));
    let width = widths.get(text);
    if (width === undefined) {
      if (widths.size >= 100_000) widths.clear();
      this.pdf.fontSize(size);
      width = this.pdf.widthOfString(text);
      widths.set(text, width);
    }
    return width;
  }

  private newPage(): void {
    this.pdf.addPage({ size: 'A4', layout: 'landscape', margins: { top: MARGIN.top, bottom: 0, left: MARGIN.side, right: MARGIN.side } });
    // A page starts in PDF's default graphics state.
    this.fillColour = null;
    this.ruling = false;
    this.heads.push(this.layout.runningHead);
    this.y = MARGIN.top;
  }

  /** Closes the merged cells running on, starts a page, repeats the header and relabels them. */
  private breakPage(row: number, heights: readonly number[]): void {
    for (const span of this.open.values()) this.drawBox(span.cell, span.top, this.y - span.top);
    this.newPage();
    if (row > this.layout.header.to) {
      for (let h = this.layout.header.from; h <= this.layout.header.to; h++) {
        for (const cell of this.layout.rows[h] ?? []) this.drawBox(cell, this.y, heights[h] ?? 0);
        this.y += heights[h] ?? 0;
      }
    }
    for (const span of this.open.values()) span.top = this.y;
  }

  private cellWidth(cell: LayoutCell): number {
    return (this.x[cell.col + cell.colSpan] as number) - (this.x[cell.col] as number);
  }

  /** The height a cell's text needs, measured once (wrapping Chinese text is most of the work). */
  private textHeight(cell: LayoutCell): number {
    let height = this.heights.get(cell);
    if (height === undefined) {
      const size = cell.role === 'title' ? SIZE.title : cell.role === 'subtitle' ? SIZE.subtitle : SIZE.body;
      this.pdf.fontSize(size);
      height = cell.text === '' ? size + 2 * PAD : this.lines(cell).length * this.lineHeight(size) + 2 * PAD + 2;
      this.heights.set(cell, height);
    }
    return height;
  }

  private readonly wrapped = new Map<LayoutCell, string[]>();

  /** A cell's text cut into the lines that fit its width (at the font size its role has). */
  private lines(cell: LayoutCell): string[] {
    let lines = this.wrapped.get(cell);
    if (!lines) {
      const size = cell.role === 'title' ? SIZE.title : cell.role === 'subtitle' ? SIZE.subtitle : SIZE.body;
      this.pdf.fontSize(size);
      const room = cell.role === 'title' || cell.role === 'subtitle' ? this.cellWidth(cell) : this.cellWidth(cell) - 2 * PAD;
      lines = wrapText(cell.text, room, (unit) => this.widthOf(unit, size));
      this.wrapped.set(cell, lines);
    }
    return lines;
  }

  private lineHeight(size: number): number {
    this.pdf.fontSize(size);
    return this.pdf.currentLineHeight(true) + LINE_GAP;
  }

  /** Draws lines of text from a top edge, each placed by its alignment within a width. */
  private drawLines(lines: readonly string[], left: number, top: number, width: number, size: number, align: 'left' | 'right' | 'center'): void {
    const step = this.lineHeight(size);
    lines.forEach((line, i) => {
      const x = align === 'left' ? left : align === 'right' ? left + width - this.widthOf(line, size) : left + (width - this.widthOf(line, size)) / 2;
      this.pdf.text(line, x, top + i * step, { lineBreak: false });
    });
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

  private drawFree(cell: LayoutCell): void {
    const size = cell.role === 'title' ? SIZE.title : SIZE.subtitle;
    const lines = this.lines(cell);
    this.pdf.fontSize(size);
    this.fill('#000');
    this.drawLines(lines, this.x[cell.col] as number, this.y + PAD, this.cellWidth(cell), size, 'center');
  }

  /** A cell's box and its text (a merged cell's part on a continuation page shows its text again). */
  private drawBox(cell: LayoutCell, top: number, height: number): void {
    const left = this.x[cell.col] as number;
    const width = this.cellWidth(cell);
    if (cell.role === 'header') {
      this.pdf.rect(left, top, width, height).fill('#f0f0f0');
      this.fillColour = '#f0f0f0';
    }
    if (!this.ruling) {
      this.pdf.lineWidth(0.6).strokeColor('#000');
      this.ruling = true;
    }
    this.pdf.rect(left, top, width, height).stroke();
    if (cell.text === '') return;
    const lines = this.lines(cell);
    const textHeight = lines.length * this.lineHeight(SIZE.body);
    this.pdf.fontSize(SIZE.body);
    this.fill('#000');
    const offset = Math.max(PAD, (height - textHeight) / 2);
    // Amounts and rates right-aligned alike, as a reader compares them down a column.
    const align = cell.role === 'amount' || cell.role === 'percent' ? 'right' : cell.role === 'text' ? 'left' : 'center';
    // A cell's part on a continuation page shows as many lines as fit.
    const fit = Math.max(1, Math.floor((height - offset) / this.lineHeight(SIZE.body) + 0.01));
    this.drawLines(lines.slice(0, fit), left + PAD, top + offset, width - 2 * PAD, SIZE.body, align);
  }
}

// Characters that may not begin a line (closing punctuation) or end one (opening brackets).
const NO_LINE_START = new Set([...'，。、；：？！）》」』”’%‰,.;:?!)]}…·']);
const NO_LINE_END = new Set([...'（《「『“‘([{']);

/**
 * Text cut into lines no wider than `width`: Chinese breaks between any two characters except
 * before closing and after opening punctuation; a run of Latin letters and digits (85%, 2025-2027,
 * 10000M) stays whole unless it alone is wider than a line. Breaks in the text are kept.
 */
export function wrapText(text: string, width: number, measure: (unit: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const units = paragraph.match(/[A-Za-z0-9.%\-+/:_@#&=~·]+|\s+|[\s\S]/gu) ?? [];
    // Glue each closing mark to the unit before it and each opening mark to the unit after it.
    const glued: string[] = [];
    for (let i = 0; i < units.length; i++) {
      const unit = units[i] as string;
      const previous = glued[glued.length - 1];
      if (previous !== undefined && (NO_LINE_START.has(unit) || NO_LINE_END.has(previous.slice(-1)))) glued[glued.length - 1] = previous + unit;
      else glued.push(unit);
    }
    let line = '';
    let used = 0;
    for (const unit of glued) {
      const w = measure(unit);
      if (used + w <= width || line === '') {
        if (w > width && line === '' && unit.length > 1) {
          // A unit wider than a line: cut it character by character.
          for (const ch of unit) {
            const cw = measure(ch);
            if (used + cw > width && line !== '') {
              lines.push(line);
              line = '';
              used = 0;
            }
            line += ch;
            used += cw;
          }
          continue;
        }
        line += unit;
        used += w;
        continue;
      }
      lines.push(line.trimEnd());
      line = /^\s+$/.test(unit) ? '' : unit;
      used = line === '' ? 0 : w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
