/**
 * PDFs in as the table model. pdfjs gives the page's drawing operators; from them Jixiao lays out
 * the text with its positions (the text state of PDF 32000-1 §9) and finds the drawn ruling lines,
 * which give the grid (a cell is a region closed on four sides; a line
 * missing inside it makes a merged cell), and each piece of text goes to the cell it sits in. Text
 * outside any ruled table becomes lines of their own, rebuilt from positions as a text extraction
 * would (the text importer reads those). Pages follow one another in one sheet, so a table that
 * continues on the next page continues in the model; running heads and page numbers in the margins
 * are page furniture, not form.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { indicatorColumnOf } from '../import/text/indicatorColumns.ts';
import { tableCell, type SourceSheet, type SourceTables, type TableCell } from '../table/sourceTable.ts';
import { OPS, readPdfDirect } from './pdfDirect.ts';
import { checkSourceSize, MAX_SOURCE_PAGES, ReaderError } from './readerError.ts';

/** The operator codes the layout reads (pdfjs's OPS; the direct reader's are the same numbers). */
type OpCodes = Readonly<Record<keyof typeof OPS, number>>;

/** True for the bytes of a PDF (its header may follow a little junk). */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

interface TextPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Segment {
  /** Horizontal: y fixed, a..b along x. Vertical: x fixed, a..b along y. */
  at: number;
  a: number;
  b: number;
}

/** A cell region on a page: its grid box and the text inside. */
interface Region {
  top: number;
  left: number;
  bottom: number;
  right: number;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  pieces: TextPiece[];
  /** No line closes it at the bottom: a merged cell the page's end cuts. */
  openBottom: boolean;
}

const SNAP = 2.5;

/** The most grid boxes a page's ruling lines may make (a form's page has a few thousand). */
const MAX_GRID_CELLS = 1_000_000;

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  // The legacy build's core-js polyfills replace Array.prototype.push, process-wide, with a
  // function five times slower (they test for a V8 bug of error types, present in Node 20): a third
  // of a PDF import's time went into it, and every other array push of the server after it.
  // Node 20's own push is correct for everything pdfjs does with it: it is put back.
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((lib) => {
    restorePush();
    return lib;
  });
  return pdfjs;
}

const nativePush = Array.prototype.push;

/** Puts Node's own Array.prototype.push back (pdfjs's main and worker modules each replace it when loaded). */
function restorePush(): void {
  if (Array.prototype.push !== nativePush) Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });
}

/** Where pdfjs's CMaps and standard fonts are (CJK PDFs name predefined CMaps such as UniGB-UCS2-H). */
function resourceUrls(): { cMapUrl: string; standardFontDataUrl: string } {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return { cMapUrl: `${pathToFileURL(path.join(root, 'cmaps')).href}/`, standardFontDataUrl: `${pathToFileURL(path.join(root, 'standard_fonts')).href}/` };
}

/**
 * pdfjs's data files (a predefined CMap, a standard font's outlines) read once per process: pdfjs
 * asks for them again for every document that names them. Its constructor takes the base URLs of
 * getDocument's `cMapUrl` and `standardFontDataUrl`.
 */
class CachedBinaryData {
  static readonly #files = new Map<string, Promise<Uint8Array>>();
  readonly #urls: Record<string, string | null>;

  constructor(urls: { cMapUrl?: string | null; standardFontDataUrl?: string | null; wasmUrl?: string | null }) {
    this.#urls = { cMapUrl: urls.cMapUrl ?? null, standardFontDataUrl: urls.standardFontDataUrl ?? null, wasmUrl: urls.wasmUrl ?? null };
  }

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const base = this.#urls[kind];
    // Only file names pdfjs itself makes (a CMap's or a font's name), under the directories given.
    if (!base || !/^[\w.+-]+$/.test(filename)) throw new Error(`no ${kind} data for ${filename}`);
    const url = `${base}${filename}`;
    let file = CachedBinaryData.#files.get(url);
    if (!file) {
      file = readFile(new URL(url)).then((buffer) => new Uint8Array(buffer));
      CachedBinaryData.#files.set(url, file);
      // A file that cannot be read is asked for again next time (and the error goes to this document).
      file.catch(() => CachedBinaryData.#files.delete(url));
    }
    // pdfjs may take ownership of what it is given: each document gets its own copy.
    return (await file).slice();
  }
}

/**
 * What pdfjs would load fonts into: nothing. With a document to load fonts into, pdfjs hands each
 * embedded font over as an @font-face rule and is done with it; without one (Node has none) it
 * draws every glyph's outline as a path for canvas rendering — a third of a PDF's import time,
 * for drawings Jixiao never makes. Only the text and the ruling lines are read.
 */
const fontSink = { append() {}, remove() {}, sheet: { cssRules: [] as unknown[], insertRule() {} } };
const noDocument = { createElement: () => fontSink, documentElement: { getElementsByTagName: () => [fontSink] } };

/** One pdfjs worker (in this thread, as pdfjs runs in Node) for every document this thread reads. */
let sharedWorker: InstanceType<PdfJs['PDFWorker']> | null = null;

function pdfWorker(lib: PdfJs): InstanceType<PdfJs['PDFWorker']> {
  if (!sharedWorker || sharedWorker.destroyed) sharedWorker = new lib.PDFWorker({ verbosity: 0 });
  return sharedWorker;
}

/** A PDF that pdfjs could not parse, named as a bad PDF (a deep nesting overflows its parser's stack). */
function corrupt(error: unknown): ReaderError {
  if (error instanceof ReaderError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ReaderError('corrupt', `无法读取 PDF：文件已损坏或不是 PDF（${message}）`, `the PDF cannot be read: it is damaged or not a PDF (${message})`);
}

/** Reads a PDF's pages as one sheet; throws a ReaderError naming what is wrong. */
export async function readPdf(bytes: Uint8Array, options: { direct?: boolean } = {}): Promise<SourceTables> {
  checkSourceSize(bytes);
  // Most forms are read without pdfjs (pdfDirect.ts); anything that reader leaves goes to pdfjs.
  const pages = (options.direct === false ? null : directPages(bytes)) ?? (await pdfjsPages(bytes));
  if (pages.every((p) => p.pieces.length === 0)) {
    throw new ReaderError('scanned', `扫描件，无文字层：PDF 的 ${pages.length} 页都没有可提取的文字（需先做文字识别 OCR）`, `a scan with no text layer: none of the PDF's ${pages.length} pages has text to extract (run OCR first)`);
  }
  return { format: 'pdf', sheets: [pagesSheet(pages)] };
}

function tooManyPages(count: number): ReaderError {
  return new ReaderError('too-large', `PDF 有 ${count} 页，超过上限 ${MAX_SOURCE_PAGES} 页`, `the PDF has ${count} pages, more than the limit of ${MAX_SOURCE_PAGES}`);
}

/** pdfjs's font matrix of every font the direct reader takes (it leaves others to pdfjs). */
const THOUSANDTHS: Matrix = [0.001, 0, 0, 0.001, 0, 0];

/** The pages read without pdfjs, or null when that reader leaves the file to pdfjs. */
function directPages(bytes: Uint8Array): PageContent[] | null {
  const direct = readPdfDirect(bytes, MAX_SOURCE_PAGES);
  if (direct === null) return null;
  if ('tooManyPages' in direct) throw tooManyPages(direct.tooManyPages);
  return direct.pages.map(({ operators, width, height }) => ({ pieces: textPieces(OPS, operators, height, () => THOUSANDTHS), segments: rulingLines(OPS, operators, height), width, height }));
}

/** The pages as pdfjs reads them. */
async function pdfjsPages(bytes: Uint8Array): Promise<PageContent[]> {
  const lib = await loadPdfJs();
  const { cMapUrl, standardFontDataUrl } = resourceUrls();
  const task = lib.getDocument({
    // pdfjs takes ownership of (and detaches) the buffer it is given: give it a copy.
    data: new Uint8Array(bytes),
    worker: pdfWorker(lib),
    cMapUrl,
    cMapPacked: true,
    standardFontDataUrl,
    BinaryDataFactory: CachedBinaryData,
    disableFontFace: false,
    ownerDocument: noDocument as unknown as Document,
    useSystemFonts: false,
    // Images are never read (a scan is told by its missing text): pdfjs drops them undecoded.
    maxImageSize: 0,
    verbosity: 0,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
    // The first document loads pdfjs's worker module (in this thread), which installs its polyfills.
    restorePush();
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new ReaderError('encrypted', 'PDF 有密码保护，无法读取', 'the PDF is password-protected');
    throw corrupt(error);
  }
  try {
    if (document.numPages > MAX_SOURCE_PAGES) throw tooManyPages(document.numPages);
    const pages: PageContent[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      // What pdfjs fails on (a damaged object, a nesting deeper than its parser's stack) is a bad PDF.
      const read = async () => {
        const page = await document.getPage(n);
        return { page, operators: await page.getOperatorList() };
      };
      const { page, operators } = await read().catch((error: unknown) => {
        throw corrupt(error);
      });
      const viewport = page.getViewport({ scale: 1 });
      const fontMatrix = (name: string): Matrix => {
        try {
          const font = page.commonObjs.get(name) as { fontMatrix?: number[] } | null;
          return (font?.fontMatrix?.length === 6 ? font.fontMatrix : [0.001, 0, 0, 0.001, 0, 0]) as Matrix;
        } catch {
          return [0.001, 0, 0, 0.001, 0, 0];
        }
      };
      // One pass over the page's operators gives both the ruling lines and the text: pdfjs's
      // getTextContent would lay the same text out a second time (half of a PDF's import time).
      const pieces = textPieces(lib.OPS, operators, viewport.height, fontMatrix);
      pages.push({ pieces, segments: rulingLines(lib.OPS, operators, viewport.height), width: viewport.width, height: viewport.height });
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** What a page gives: its pieces of text, its ruling lines, its size. */
interface PageContent {
  pieces: TextPiece[];
  segments: { h: Segment[]; v: Segment[] };
  width: number;
  height: number;
}

interface TextState {
  ctm: Matrix;
  font: string;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

interface PdfGlyph {
  readonly unicode: string;
  readonly width: number;
  readonly isSpace: boolean;
}

/**
 * The text of a page from its operators: each glyph placed by the text state (text matrix, font
 * size, character and word spacing, horizontal scaling, rise) under the current transformation, as
 * PDF 32000-1 §9.4 lays text out; one piece per glyph, top-down y.
 */
function textPieces(OPS: OpCodes, operators: { fnArray: number[]; argsArray: unknown[] }, pageHeight: number, fontMatrixOf: (name: string) => Matrix): TextPiece[] {
  const pieces: TextPiece[] = [];
  let state: TextState = { ctm: [1, 0, 0, 1, 0, 0], font: '', size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  const stack: TextState[] = [];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  const matrices = new Map<string, Matrix>();
  const fontMatrix = (name: string) => {
    let m = matrices.get(name);
    if (!m) matrices.set(name, (m = fontMatrixOf(name)));
    return m;
  };
  // Td: the next line starts at (tx, ty) in the current line's space.
  const moveLine = (tx: number, ty: number) => {
    tlm = multiply(tlm, [1, 0, 0, 1, tx, ty]);
    tm = tlm;
  };
  const { fnArray, argsArray } = operators;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        continue;
      case OPS.restore:
        state = stack.pop() ?? state;
        continue;
      case OPS.transform:
        state.ctm = multiply(state.ctm, args as unknown as Matrix);
        continue;
      case OPS.beginText:
        tm = [1, 0, 0, 1, 0, 0];
        tlm = tm;
        continue;
      case OPS.setFont:
        state.font = String(args[0]);
        state.size = Number(args[1]);
        continue;
      case OPS.setTextMatrix: {
        // pdfjs sends the matrix as one typed array argument.
        const m = (args.length === 1 ? args[0] : args) as ArrayLike<number>;
        tm = [m[0] ?? 1, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1, m[4] ?? 0, m[5] ?? 0];
        tlm = tm;
        continue;
      }
      case OPS.moveText:
        moveLine(Number(args[0]), Number(args[1]));
        continue;
      case OPS.setLeadingMoveText:
        state.leading = -Number(args[1]);
        moveLine(Number(args[0]), Number(args[1]));
        continue;
      case OPS.nextLine:
        moveLine(0, -state.leading);
        continue;
      case OPS.setLeading:
        state.leading = Number(args[0]);
        continue;
      case OPS.setCharSpacing:
        state.charSpacing = Number(args[0]);
        continue;
      case OPS.setWordSpacing:
        state.wordSpacing = Number(args[0]);
        continue;
      case OPS.setHScale:
        state.hScale = Number(args[0]) / 100;
        continue;
      case OPS.setTextRise:
        state.rise = Number(args[0]);
        continue;
      case OPS.showText: {
        const glyphs = args[0] as ReadonlyArray<PdfGlyph | number | null>;
        const fm = fontMatrix(state.font);
        // The text matrix in scalars (its first four stay while the glyphs advance it); the sums
        // are those of multiply(state.ctm, tm), so the positions are the same to the last bit.
        const [c0, c1, c2, c3, c4, c5] = state.ctm;
        const [t0, t1, t2, t3] = tm;
        let t4 = tm[4];
        let t5 = tm[5];
        const scaleX = Math.hypot(t0 * c0 + t1 * c2, t0 * c1 + t1 * c3);
        // One piece per run of glyphs, as a text extraction gives it; a wide TJ gap starts another.
        let inRun = false;
        let runText = '';
        let runX = 0;
        let runBaseline = 0;
        let runWidth = 0;
        let runHeight = 0;
        for (const glyph of glyphs) {
          if (typeof glyph === 'number') {
            // A TJ adjustment: thousandths of text space, moving left.
            const tx = (-glyph / 1000) * state.size * state.hScale;
            t4 = t0 * tx + t4;
            t5 = t1 * tx + t5;
            if (Math.abs(glyph) > 300 && inRun) {
              if (runText.trim() !== '') pieces.push({ text: normalisePdfText(runText), x: runX, y: pageHeight - runBaseline - runHeight, width: runWidth, height: runHeight });
              inRun = false;
            }
            continue;
          }
          if (!glyph) continue;
          const w = glyph.width * fm[0];
          const advance = (w * state.size + state.charSpacing + (glyph.isSpace ? state.wordSpacing : 0)) * state.hScale;
          if (!inRun) {
            const d2 = t2 * c0 + t3 * c2;
            const d3 = t2 * c1 + t3 * c3;
            inRun = true;
            runText = '';
            runX = t4 * c0 + t5 * c2 + c4 + d2 * state.rise;
            runBaseline = t4 * c1 + t5 * c3 + c5 + d3 * state.rise;
            runWidth = 0;
            runHeight = state.size * Math.hypot(d2, d3);
          }
          runText += glyph.unicode ?? '';
          runWidth += advance * scaleX;
          t4 = t0 * advance + t4;
          t5 = t1 * advance + t5;
        }
        if (inRun && runText.trim() !== '') pieces.push({ text: normalisePdfText(runText), x: runX, y: pageHeight - runBaseline - runHeight, width: runWidth, height: runHeight });
        tm = [t0, t1, t2, t3, t4, t5];
        continue;
      }
      default:
        continue;
    }
  }
  return pieces;
}

/** Kangxi radicals and CJK radical supplements that some PDFs print for ordinary characters (⽬ for 目). */
export function normalisePdfText(text: string): string {
  return /[\u2E80-\u2FDF]/.test(text) ? text.replace(/[\u2E80-\u2FDF]/g, (ch) => ch.normalize('NFKC')) : text;
}

/** Horizontal and vertical lines drawn on a page (stroked paths, thin filled rectangles), top-down y. */
function rulingLines(OPS: OpCodes, operators: { fnArray: number[]; argsArray: unknown[] }, pageHeight: number): { h: Segment[]; v: Segment[] } {
  const h: Segment[] = [];
  const v: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const apply = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], pageHeight - (ctm[1] * x + ctm[3] * y + ctm[5])];
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    if (Math.abs(y1 - y2) < 1 && Math.abs(x1 - x2) > 1) h.push({ at: (y1 + y2) / 2, a: Math.min(x1, x2), b: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) < 1 && Math.abs(y1 - y2) > 1) v.push({ at: (x1 + x2) / 2, a: Math.min(y1, y2), b: Math.max(y1, y2) });
  };
  operators.fnArray.forEach((fn, i) => {
    const args = operators.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data || typeof data === 'object' && !('length' in data)) return;
      const stroke = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke;
      const fill = paint === OPS.fill || paint === OPS.eoFill;
      if (!stroke && !fill) return;
      const points = pathPolygons(data);
      for (const polygon of points) {
        const mapped = polygon.map(([x, y]) => apply(x, y));
        if (fill) {
          // A thin filled rectangle is a line (how many producers draw borders).
          const xs = mapped.map((p) => p[0]);
          const ys = mapped.map((p) => p[1]);
          const [x1, x2, y1, y2] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
          if (y2 - y1 < 2.5 && x2 - x1 > 2) add(x1, (y1 + y2) / 2, x2, (y1 + y2) / 2);
          else if (x2 - x1 < 2.5 && y2 - y1 > 2) add((x1 + x2) / 2, y1, (x1 + x2) / 2, y2);
          if (!stroke) continue;
        }
        for (let k = 1; k < mapped.length; k++) {
          const [a, b] = [mapped[k - 1] as [number, number], mapped[k] as [number, number]];
          add(a[0], a[1], b[0], b[1]);
        }
      }
    }
  });
  return { h, v };
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const [a2, b2, c2, d2, e2, f2] = n;
  return [a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d, e2 * a + f2 * c + e, e2 * b + f2 * d + f];
}

/** The straight polylines of a pdfjs path buffer (moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4). */
function pathPolygons(data: ArrayLike<number>): [number, number][][] {
  const polygons: [number, number][][] = [];
  let current: [number, number][] = [];
  for (let i = 0; i < data.length; ) {
    const op = data[i] as number;
    if (op === 0) {
      if (current.length > 1) polygons.push(current);
      current = [[data[i + 1] as number, data[i + 2] as number]];
      i += 3;
    } else if (op === 1) {
      current.push([data[i + 1] as number, data[i + 2] as number]);
      i += 3;
    } else if (op === 2) {
      if (current.length > 1) polygons.push(current);
      current = [[data[i + 5] as number, data[i + 6] as number]];
      i += 7;
    } else if (op === 3) {
      if (current.length > 1) polygons.push(current);
      current = [[data[i + 3] as number, data[i + 4] as number]];
      i += 5;
    } else {
      const first = current[0];
      if (first) current.push(first);
      if (current.length > 1) polygons.push(current);
      current = first ? [first] : [];
      i += 1;
    }
  }
  if (current.length > 1) polygons.push(current);
  return polygons;
}

/** Values within SNAP of each other as one (sorted). */
function cluster(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const result: number[] = [];
  for (const value of sorted) {
    const last = result[result.length - 1];
    if (last === undefined || value - last > SNAP) result.push(value);
  }
  return result;
}

/**
 * Whether the segments at `at` cover most of a..b. The segments near each grid line are found once
 * (a page's grid asks about each line once per cell), and summed in their order.
 */
function coverage(segments: readonly Segment[]): (at: number, a: number, b: number) => boolean {
  const near = new Map<number, Segment[]>();
  return (at, a, b) => {
    let list = near.get(at);
    if (!list) near.set(at, (list = segments.filter((s) => !(Math.abs(s.at - at) > SNAP))));
    let total = 0;
    for (const s of list) total += Math.max(0, Math.min(b, s.b) - Math.max(a, s.a));
    return total >= (b - a) * 0.6;
  };
}

/** The cells of a page's ruled tables: atomic grid boxes merged where no line parts them. */
function regions(segments: { h: Segment[]; v: Segment[] }, page: number): Region[] {
  const ys = cluster(segments.h.map((s) => s.at));
  const xs = cluster(segments.v.map((s) => s.at));
  if (ys.length < 2 || xs.length < 2) return [];
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  // The grid is held whole: a page drawn with thousands of lines each way would take gigabytes.
  if (rows * cols > MAX_GRID_CELLS) {
    throw new ReaderError('too-large', `PDF 第 ${page} 页的表格线过多（${rows + 1} 条横线、${cols + 1} 条竖线）`, `page ${page} of the PDF draws too many table lines (${rows + 1} across, ${cols + 1} down)`);
  }
  const coveredH = coverage(segments.h);
  const coveredV = coverage(segments.v);
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [top, bottom, left, right] = [ys[r] as number, ys[r + 1] as number, xs[c] as number, xs[c + 1] as number];
      if (c + 1 < cols && !coveredV(right, top, bottom)) union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !coveredH(bottom, left, right)) union(r * cols + c, (r + 1) * cols + c);
    }
  }
  const groups = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(r * cols + c);
      const g = groups.get(root);
      if (!g) groups.set(root, { r0: r, r1: r, c0: c, c1: c });
      else {
        g.r0 = Math.min(g.r0, r);
        g.r1 = Math.max(g.r1, r);
        g.c0 = Math.min(g.c0, c);
        g.c1 = Math.max(g.c1, c);
      }
    }
  }
  const result: Region[] = [];
  for (const g of groups.values()) {
    const [top, bottom, left, right] = [ys[g.r0] as number, ys[g.r1 + 1] as number, xs[g.c0] as number, xs[g.c1 + 1] as number];
    // A cell is closed on its four sides; an open region is the space between or beside tables. A
    // merged cell cut by a page break may have no line where the page cuts it (LibreOffice draws none).
    const atEdge = (y: number) => y === ys[0] || y === ys[ys.length - 1];
    const closed = (coveredH(top, left, right) || atEdge(top)) && (coveredH(bottom, left, right) || atEdge(bottom)) && coveredV(left, top, bottom) && coveredV(right, top, bottom);
    if (!closed) continue;
    result.push({ top, bottom, left, right, row: g.r0, col: g.c0, rowSpan: g.r1 - g.r0 + 1, colSpan: g.c1 - g.c0 + 1, pieces: [], openBottom: !coveredH(bottom, left, right) });
  }
  // A merged cell cut by the page's end runs on below the table's last line (its side lines do):
  // its text may be printed there, in the middle of the whole merged cell.
  const last = ys[ys.length - 1] as number;
  for (const region of result) {
    if (region.bottom !== last) continue;
    const reach = (x: number) => maxOf(segments.v.filter((s) => Math.abs(s.at - x) <= SNAP && s.a <= region.bottom + SNAP && s.b > region.bottom).map((s) => s.b), region.bottom);
    region.bottom = Math.min(reach(region.left), reach(region.right));
  }
  return result;
}

/** True for a region's text that is a column header (repeated at the top of a continuation page). */
function isHeaderText(text: string): boolean {
  return indicatorColumnOf(text.replace(/\s/g, '')) !== null;
}

/**
 * A merged cell that runs over a page break prints its text once, in the middle of the whole cell:
 * on the later page, the earlier part is empty. The earlier part gets the text too, so that the
 * rows above the break belong to their class.
 */
function fillCutCells(pages: readonly { regions: Region[] }[], textOf: (region: Region) => string): Map<Region, string> {
  const filled = new Map<Region, string>();
  pages.forEach((page, p) => {
    const next = pages[p + 1];
    if (!next || page.regions.length === 0) return;
    const bottom = maxOf(page.regions.map((r) => r.bottom));
    for (const region of page.regions) {
      if (!region.openBottom || region.bottom < bottom - SNAP || textOf(region) !== '') continue;
      const below = next.regions
        .filter((r) => Math.abs(r.left - region.left) <= SNAP && Math.abs(r.right - region.right) <= SNAP && !isHeaderText(textOf(r)))
        .sort((a, b) => a.top - b.top)[0];
      if (below && textOf(below) !== '') filled.set(region, textOf(below));
    }
  });
  return filled;
}

/** The largest of the values and `floor` (Math.max over an array, without spreading it onto the stack). */
function maxOf(values: readonly number[], floor = -Infinity): number {
  let max = floor;
  for (const v of values) max = Math.max(max, v);
  return max;
}

function minOf(values: readonly number[]): number {
  let min = Infinity;
  for (const v of values) min = Math.min(min, v);
  return min;
}

/**
 * The first cell (in the cells' order) containing a point: cells are listed by the horizontal bands
 * of the page they span, so a point is tested against the cells of its band only, not every cell.
 */
function cellFinder(cells: readonly Region[]): (x: number, y: number) => Region | undefined {
  const BAND = 16;
  const bands = new Map<number, number[]>();
  for (const [i, c] of cells.entries()) {
    const from = Math.floor(c.top / BAND);
    const to = Math.floor(c.bottom / BAND);
    // A cell whose edges are not numbers (or span the page many times over) is tested for every point.
    if (!(to - from <= 10_000)) return (x, y) => cells.find((c) => x >= c.left && x <= c.right && y >= c.top && y <= c.bottom);
    for (let b = from; b <= to; b++) {
      let list = bands.get(b);
      if (!list) bands.set(b, (list = []));
      list.push(i);
    }
  }
  return (x, y) => {
    for (const i of bands.get(Math.floor(y / BAND)) ?? []) {
      const c = cells[i] as Region;
      if (x >= c.left && x <= c.right && y >= c.top && y <= c.bottom) return c;
    }
    return undefined;
  };
}

/** Pieces of text on one line (their vertical centres close), left to right, joined as printed. */
function linesOf(pieces: readonly TextPiece[]): { text: string; y: number; x: number; size: number }[] {
  const sorted = [...pieces].sort((a, b) => a.y + a.height / 2 - (b.y + b.height / 2) || a.x - b.x);
  const lines: { pieces: TextPiece[]; centre: number }[] = [];
  for (const piece of sorted) {
    const centre = piece.y + piece.height / 2;
    const line = lines[lines.length - 1];
    if (line && Math.abs(line.centre - centre) < Math.max(2, piece.height * 0.45)) line.pieces.push(piece);
    else lines.push({ pieces: [piece], centre });
  }
  return lines.map((line) => {
    const row = line.pieces.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const piece of row) {
      // A gap wider than a character is a space (whitespace columns, as a text extraction prints).
      if (text !== '' && piece.x - end > Math.max(piece.height, 4) * 0.9) text += piece.x - end > piece.height * 3 ? '   ' : ' ';
      text += piece.text;
      end = piece.x + piece.width;
    }
    return { text: text.trim(), y: line.centre, x: row[0]?.x ?? 0, size: maxOf(row.map((p) => p.height)) };
  });
}

const PAGE_NUMBER = /^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|-\s*\d+\s*-|—\s*\d+\s*—|\d+\s*\/\s*\d+|\d+|Page \d+( of \d+)?)$/i;

/** Every page's tables and free lines as one sheet of rows, top to bottom, page after page. */
function pagesSheet(pages: readonly PageContent[]): SourceSheet {
  const rows: TableCell[][] = [];
  // Lines in the top or bottom margin seen on several pages (digits aside) are running heads and footers.
  const marginLines = pages.map((page) => linesOf(page.pieces).filter((l) => l.y < page.height * 0.065 || l.y > page.height * 0.94));
  const seen = new Map<string, number>();
  for (const lines of marginLines) for (const key of new Set(lines.map((l) => l.text.replace(/\d+/g, '#')))) seen.set(key, (seen.get(key) ?? 0) + 1);
  const furniture = (line: { text: string; size: number }) => PAGE_NUMBER.test(line.text) || (seen.get(line.text.replace(/\d+/g, '#')) ?? 0) >= 2 || line.size <= 8.5;

  const laid = pages.map((page, p) => {
    const cells = regions(page.segments, p + 1);
    const tableBottom = maxOf(cells.map((c) => c.bottom), 0);
    const inside = cellFinder(cells);
    // Text just below the table's last line, in a column's width: a cut merged cell's text that runs on.
    const lowest = cells.filter((c) => c.bottom >= tableBottom - SNAP);
    const free: TextPiece[] = [];
    for (const piece of page.pieces) {
      const cx = piece.x + Math.min(piece.width, piece.height) / 2;
      const cy = piece.y + piece.height / 2;
      const region = inside(cx, cy) ?? lowest.find((c) => cx >= c.left && cx <= c.right && cy > c.bottom && cy < c.bottom + piece.height * 2.5 && piece.x + piece.width <= c.right + SNAP);
      if (region) region.pieces.push(piece);
      else free.push(piece);
    }
    return { regions: cells, free };
  });
  const texts = new Map<Region, string>();
  const textOf = (region: Region) => {
    let text = texts.get(region);
    if (text === undefined) texts.set(region, (text = linesOf(region.pieces).map((l) => l.text).join('\n')));
    return text;
  };
  const carried = fillCutCells(laid, textOf);

  pages.forEach((page, p) => {
    const { regions: cells, free } = laid[p] as { regions: Region[]; free: TextPiece[] };
    // Rows of the page in vertical order: each table row band, and each free line.
    type Band = { y: number; cells: { text: string; col: number; rowSpan: number; colSpan: number; box: { x: number; y: number; width: number; height: number } }[]; key: string };
    const bands = new Map<string, Band>();
    const gridRows = [...new Set(cells.map((c) => c.top))].sort((a, b) => a - b);
    for (const cell of cells) {
      const text = carried.get(cell) ?? textOf(cell);
      const key = `t${cell.top.toFixed(1)}`;
      let band = bands.get(key);
      if (!band) bands.set(key, (band = { y: cell.top, cells: [], key }));
      if (text === '') continue;
      // Row spans count this page's grid rows the cell covers.
      const rowSpan = gridRows.filter((top) => top >= cell.top - 0.1 && top < cell.bottom - 0.1).length;
      band.cells.push({ text, col: cell.col, rowSpan, colSpan: cell.colSpan, box: { x: cell.left, y: cell.top, width: cell.right - cell.left, height: cell.bottom - cell.top } });
    }
    for (const line of linesOf(free)) {
      if ((line.y < page.height * 0.065 || line.y > page.height * 0.94) && furniture(line)) continue;
      bands.set(`f${line.y}`, { y: line.y, cells: [{ text: line.text, col: 0, rowSpan: 1, colSpan: 1, box: { x: line.x, y: line.y - line.size / 2, width: page.width - line.x, height: line.size } }], key: `f${line.y}` });
    }
    const ordered = [...bands.values()].sort((a, b) => a.y - b.y);
    // A band's grid rows below it: a table row's index in the sheet is where its band lands.
    const rowOfTop = new Map<number, number>();
    const start = rows.length;
    ordered.forEach((band, i) => {
      if (band.key.startsWith('t')) rowOfTop.set(Number(band.key.slice(1)), start + i);
      rows.push([]);
    });
    ordered.forEach((band, i) => {
      const row = rows[start + i] as TableCell[];
      band.cells.sort((a, b) => a.col - b.col);
      for (const c of band.cells) {
        // A span counts the sheet rows of this page it covers, free lines between table rows included.
        const endTop = gridRows.filter((top) => top >= band.y - 0.1).slice(0, c.rowSpan).pop() ?? band.y;
        const last = rowOfTop.get(Number(endTop.toFixed(1))) ?? start + i;
        const rowSpan = Math.max(1, last - (start + i) + 1);
        row.push(tableCell(c.text, start + i, c.col, `第${p + 1}页 第${i + 1}行第${c.col + 1}列`, { rowSpan, colSpan: c.colSpan, box: { page: p + 1, ...c.box } }));
      }
    });
  });
  return { name: 'PDF', rows, pages: pages.map((p) => ({ width: p.width, height: p.height })) };
}
