/**
 * The PDFs Jixiao reads without pdfjs. pdfjs is a renderer: for every document it converts each
 * embedded font into one a browser can load, and copies every operator between its two halves —
 * most of a PDF's import time, spent on what a table reader never uses. This reader goes straight
 * to what the reader does use: the page's operators, as the same list pdfjs would give (the same
 * operator codes and arguments, glyphs with their unicode, width and whether they are a space),
 * read from the file's cross-reference table, its content streams, and each font's ToUnicode map and
 * widths.
 *
 * It reads the PDFs it understands completely — the producers of forms (Jixiao, LibreOffice, office
 * suites) write little else — and gives up on anything else: encryption, fonts it cannot take the
 * unicode and widths of exactly as pdfjs would (a font program's own encoding or metrics, CFF
 * fonts, Type 3, a predefined CMap), form XObjects, inline images, patterns and shadings,
 * annotations, rotated or cropped pages, a damaged cross-reference table or stream. Then
 * `readPdfDirect` gives null and pdfjs reads the file, so what is read never depends on which way
 * it went (a test compares both ways on every fixture).
 *
 * The content lexer, the operators' arguments and the glyphs follow pdf.js (Mozilla, Apache License
 * 2.0: src/core/lexer.js, parser.js, evaluator.js, cmap.js, fonts.js) step by step, quirks included,
 * because the same bytes must give the same numbers.
 */
import { constants, inflateSync } from 'node:zlib';
import { ReaderError } from './readerError.ts';

/** The most a stream may inflate to: a form's page content is kilobytes; more is a decompression bomb. */
const MAX_INFLATED = 64 * 1024 * 1024;

/** pdfjs's operator codes (OPS in pdfjs's src/shared/util.js) for the operators this reader emits; a test checks them. */
export const OPS = {
  dependency: 1,
  setLineWidth: 2,
  setLineCap: 3,
  setLineJoin: 4,
  setMiterLimit: 5,
  setDash: 6,
  setRenderingIntent: 7,
  setFlatness: 8,
  setGState: 9,
  save: 10,
  restore: 11,
  transform: 12,
  moveTo: 13,
  lineTo: 14,
  curveTo: 15,
  curveTo2: 16,
  curveTo3: 17,
  closePath: 18,
  rectangle: 19,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
  clip: 29,
  eoClip: 30,
  beginText: 31,
  endText: 32,
  setCharSpacing: 33,
  setWordSpacing: 34,
  setHScale: 35,
  setLeading: 36,
  setFont: 37,
  setTextRenderingMode: 38,
  setTextRise: 39,
  moveText: 40,
  setLeadingMoveText: 41,
  setTextMatrix: 42,
  nextLine: 43,
  showText: 44,
  showSpacedText: 45,
  nextLineShowText: 46,
  nextLineSetSpacingShowText: 47,
  setCharWidth: 48,
  setCharWidthAndBounds: 49,
  setStrokeColorSpace: 50,
  setFillColorSpace: 51,
  setStrokeColor: 52,
  setStrokeColorN: 53,
  setFillColor: 54,
  setFillColorN: 55,
  setStrokeGray: 56,
  setFillGray: 57,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  setStrokeCMYKColor: 60,
  setFillCMYKColor: 61,
  shadingFill: 62,
  beginInlineImage: 63,
  beginImageData: 64,
  endInlineImage: 65,
  paintXObject: 66,
  markPoint: 67,
  markPointProps: 68,
  beginMarkedContent: 69,
  beginMarkedContentProps: 70,
  endMarkedContent: 71,
  beginCompat: 72,
  endCompat: 73,
  constructPath: 91,
} as const;

/** pdfjs's path buffer codes (DrawOPS). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 4 } as const;

/** A glyph as pdfjs gives it in a showText operator (the fields the reader uses). */
export interface DirectGlyph {
  readonly unicode: string;
  readonly width: number;
  readonly isSpace: boolean;
}

/** One page as pdfjs's getOperatorList and getViewport({ scale: 1 }) would give it. */
export interface DirectPage {
  readonly operators: { fnArray: number[]; argsArray: unknown[] };
  readonly width: number;
  readonly height: number;
}

/** Where this reader does not go (the reason, for tests and debugging): pdfjs reads the file. */
export class Unsupported extends Error {
  override readonly name = 'Unsupported';
}

function unsupported(why: string): never {
  throw new Unsupported(why);
}

// ---------------------------------------------------------------------------------------------
// Objects

class Name {
  constructor(readonly name: string) {}
}
class Cmd {
  constructor(readonly cmd: string) {}
}
class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
class Dict {
  readonly map = new Map<string, Value>();
}
/** A stream: its dictionary and where its (still encoded) bytes are in their buffer. */
class Stream {
  constructor(
    readonly dict: Dict,
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly length: number,
  ) {}
}
type Value = number | boolean | null | string | Name | Cmd | Ref | Dict | Stream | Value[];
const EOF = Symbol('EOF');
type Token = Value | typeof EOF;

// Names are not interned as pdfjs does: a hostile file's names would stay in memory for the
// process's life. The operators and delimiters are (a content stream is mostly them).
const nameOf = (text: string): Name => new Name(text);
const COMMON_CMDS = new Map<string, Cmd>();
const cmdOf = (text: string): Cmd => COMMON_CMDS.get(text) ?? new Cmd(text);
const isCmd = (value: Token, cmd: string): boolean => value instanceof Cmd && value.cmd === cmd;
const isName = (value: unknown, name: string): boolean => value instanceof Name && value.name === name;

// ---------------------------------------------------------------------------------------------
// The lexer (pdfjs's Lexer)

/** 0 regular, 1 white space, 2 delimiter (pdfjs's specialChars). */
const SPECIAL = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) SPECIAL[c] = 1;
for (const c of [0x25, 0x28, 0x29, 0x2f, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d]) SPECIAL[c] = 2;
const special = (ch: number): number => (ch < 0 ? 0 : (SPECIAL[ch] as number));

const isDigit = (ch: number): boolean => ch >= 0x30 && ch <= 0x39;
const isOctalDigit = (ch: number): boolean => ch >= 0x30 && ch <= 0x37;

/** What a string's backslash and a letter stand for (the escapes that are not the character itself). */
const ESCAPES = new Map<number, string>([
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
  [0x62, '\b'],
  [0x66, '\f'],
]);

function hexDigit(ch: number): number {
  if (isDigit(ch)) return ch & 0x0f;
  if ((ch >= 0x41 && ch <= 0x46) || (ch >= 0x61 && ch <= 0x66)) return (ch & 0x0f) + 9;
  return -1;
}

const isWhiteSpace = (ch: number): boolean => ch === 0x20 || ch === 0x09 || ch === 0x0d || ch === 0x0a;

class Lexer {
  /** Index of the byte after the current one. */
  pos: number;
  current = -1;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
    readonly known: ReadonlySet<string> | null = null,
  ) {
    this.pos = start;
    this.next();
  }

  next(): number {
    this.current = this.pos < this.end ? (this.bytes[this.pos++] as number) : -1;
    return this.current;
  }

  peek(): number {
    return this.pos < this.end ? (this.bytes[this.pos] as number) : -1;
  }

  number(): number {
    let ch = this.current;
    let divideBy = 0;
    let sign = 1;
    if (ch === 0x2d) {
      sign = -1;
      ch = this.next();
      if (ch === 0x2d) ch = this.next();
    } else if (ch === 0x2b) {
      ch = this.next();
    }
    if (ch === 0x0a || ch === 0x0d) {
      do ch = this.next();
      while (ch === 0x0a || ch === 0x0d);
    }
    if (ch === 0x2e) {
      divideBy = 10;
      ch = this.next();
    }
    if (!isDigit(ch)) {
      if (isWhiteSpace(ch) || ch === 0x28 || ch === 0x3c || ch === -1) return 0;
      unsupported('invalid number');
    }
    let base = ch - 0x30;
    while ((ch = this.next()) >= 0) {
      if (isDigit(ch)) {
        if (divideBy !== 0) divideBy *= 10;
        base = base * 10 + (ch - 0x30);
      } else if (ch === 0x2e) {
        if (divideBy === 0) divideBy = 1;
        else break;
      } else if (ch === 0x2d) {
        // pdfjs warns of a minus sign in the middle and reads on.
      } else {
        break;
      }
    }
    if (divideBy !== 0) base /= divideBy;
    return sign * base;
  }

  string(): string {
    let depth = 1;
    let out = '';
    let ch = this.next();
    for (;;) {
      let buffered = false;
      if (ch === -1) unsupported('unterminated string');
      else if (ch === 0x28) {
        depth++;
        out += '(';
      } else if (ch === 0x29) {
        if (--depth === 0) {
          this.next();
          return out;
        }
        out += ')';
      } else if (ch === 0x5c) {
        ch = this.next();
        if (ch === -1) unsupported('unterminated string');
        else if (isOctalDigit(ch)) {
          let x = ch & 0x0f;
          ch = this.next();
          buffered = true;
          if (isOctalDigit(ch)) {
            x = (x << 3) + (ch & 0x0f);
            ch = this.next();
            if (isOctalDigit(ch)) {
              buffered = false;
              x = (x << 3) + (ch & 0x0f);
            }
          }
          out += String.fromCharCode(x);
        } else if (ch === 0x0d) {
          // A line end after a backslash continues the string without a character.
          if (this.peek() === 0x0a) this.next();
        } else if (ch !== 0x0a) {
          out += ESCAPES.get(ch) ?? String.fromCharCode(ch);
        }
      } else {
        out += String.fromCharCode(ch);
      }
      if (!buffered) ch = this.next();
    }
  }

  name(): Name {
    let out = '';
    let ch: number;
    while ((ch = this.next()) >= 0 && !special(ch)) {
      // A # escape: pdfjs reads on past malformed ones with warnings; this reader leaves them to it.
      if (ch === 0x23) {
        const high = hexDigit(this.next());
        const low = hexDigit(this.next());
        if (high === -1 || low === -1) unsupported('malformed name');
        out += String.fromCharCode((high << 4) | low);
      } else {
        out += String.fromCharCode(ch);
      }
    }
    return nameOf(out);
  }

  hexString(): string {
    let out = '';
    let ch = this.current;
    let first = -1;
    for (;;) {
      if (ch < 0) unsupported('unterminated hex string');
      if (ch === 0x3e) {
        this.next();
        break;
      }
      if (special(ch) === 1) {
        ch = this.next();
        continue;
      }
      const digit = hexDigit(ch);
      if (digit === -1) unsupported('invalid hex string');
      if (first === -1) first = digit;
      else {
        out += String.fromCharCode((first << 4) | digit);
        first = -1;
      }
      ch = this.next();
    }
    if (first !== -1) out += String.fromCharCode(first << 4);
    return out;
  }

  token(): Token {
    let comment = false;
    let ch = this.current;
    for (;;) {
      if (ch < 0) return EOF;
      if (comment) {
        if (ch === 0x0a || ch === 0x0d) comment = false;
      } else if (ch === 0x25) {
        comment = true;
      } else if (special(ch) !== 1) {
        break;
      }
      ch = this.next();
    }
    if (isDigit(ch) || ch === 0x2b || ch === 0x2d || ch === 0x2e) return this.number();
    switch (ch) {
      case 0x28:
        return this.string();
      case 0x2f:
        return this.name();
      case 0x5b:
      case 0x5d:
      case 0x7b:
      case 0x7d:
        // [ ] { }: a command of their own.
        this.next();
        return cmdOf(String.fromCharCode(ch));
      case 0x3c:
        ch = this.next();
        if (ch === 0x3c) {
          this.next();
          return cmdOf('<<');
        }
        return this.hexString();
      case 0x3e:
        ch = this.next();
        if (ch === 0x3e) {
          this.next();
          return cmdOf('>>');
        }
        return cmdOf('>');
      case 0x29:
        unsupported('illegal character');
    }
    let str = String.fromCharCode(ch);
    if (ch < 0x20 || ch > 0x7f) {
      const next = this.peek();
      if (next >= 0x20 && next <= 0x7f) {
        this.next();
        return cmdOf(str);
      }
    }
    const known = this.known;
    let knownFound = known?.has(str) ?? false;
    while ((ch = this.next()) >= 0 && !special(ch)) {
      const longer = str + String.fromCharCode(ch);
      if (knownFound && !known?.has(longer)) break;
      if (str.length === 128) unsupported('long command');
      str = longer;
      knownFound = known?.has(str) ?? false;
    }
    if (str === 'true') return true;
    if (str === 'false') return false;
    if (str === 'null') return null;
    return cmdOf(str);
  }
}

// ---------------------------------------------------------------------------------------------
// The parser (pdfjs's Parser: arrays, dictionaries, references, and streams in the file)

const MAX_DEPTH = 64;

class Parser {
  buf1: Token;
  buf2: Token;

  constructor(
    readonly lexer: Lexer,
    readonly file: PdfFile | null,
  ) {
    this.buf1 = lexer.token();
    this.buf2 = lexer.token();
  }

  shift(): void {
    this.buf1 = this.buf2;
    this.buf2 = this.lexer.token();
  }

  object(depth = 0): Token {
    if (depth > MAX_DEPTH) unsupported('nesting too deep');
    const buf1 = this.buf1;
    this.shift();
    if (buf1 instanceof Cmd) {
      if (buf1.cmd === 'BI') unsupported('inline image');
      if (buf1.cmd === '[') {
        const array: Value[] = [];
        while (!isCmd(this.buf1, ']') && this.buf1 !== EOF) array.push(this.object(depth + 1) as Value);
        if (this.buf1 === EOF) unsupported('end of file inside an array');
        this.shift();
        return array;
      }
      if (buf1.cmd === '<<') {
        const dict = new Dict();
        while (!isCmd(this.buf1, '>>') && this.buf1 !== EOF) {
          if (!(this.buf1 instanceof Name)) unsupported('malformed dictionary');
          const key = this.buf1.name;
          this.shift();
          if ((this.buf1 as Token) === EOF) break;
          dict.map.set(key, this.object(depth + 1) as Value);
        }
        if (this.buf1 === EOF) unsupported('end of file inside a dictionary');
        if (isCmd(this.buf2, 'stream')) return this.file ? this.stream(dict) : dict;
        this.shift();
        return dict;
      }
      return buf1;
    }
    if (Number.isInteger(buf1)) {
      if (Number.isInteger(this.buf1) && isCmd(this.buf2, 'R')) {
        const ref = new Ref(buf1 as number, this.buf1 as number);
        this.shift();
        this.shift();
        return ref;
      }
    }
    return buf1;
  }

  /** The stream after a dictionary: its data starts after the end of the line of `stream`. */
  stream(dict: Dict): Stream {
    const lexer = this.lexer;
    // The lexer is past `stream`; its current character is the one after the keyword (pdfjs's skipToNextLine).
    let ch = lexer.current;
    while (ch >= 0) {
      if (ch === 0x0d) {
        ch = lexer.next();
        if (ch === 0x0a) lexer.next();
        break;
      }
      if (ch === 0x0a) {
        lexer.next();
        break;
      }
      ch = lexer.next();
    }
    const start = lexer.pos - 1;
    const length = this.file?.resolve(dict.map.get('Length'));
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || start + length > lexer.end) unsupported('bad stream length');
    // The data must end where its Length says: endstream follows (else pdfjs searches for it).
    const after = new Lexer(lexer.bytes, start + length, lexer.end);
    if (!isCmd(after.token(), 'endstream')) unsupported('stream length disagrees with endstream');
    return new Stream(dict, lexer.bytes, start, length);
  }
}

// ---------------------------------------------------------------------------------------------
// The file: cross-reference, objects, streams

type XrefEntry = { type: 0 } | { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number };

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
}

/** The decoded bytes of a stream: not encoded, or Flate without parameters (a predictor only for cross-reference streams). */
function decode(stream: Stream, file: PdfFile, allowPredictor = false): Uint8Array {
  const raw = stream.bytes.subarray(stream.start, stream.start + stream.length);
  let filter = file.resolve(stream.dict.map.get('Filter'));
  let parms = file.resolve(stream.dict.map.get('DecodeParms') ?? stream.dict.map.get('DP'));
  if (Array.isArray(filter)) {
    if (filter.length > 1) unsupported('several filters');
    filter = file.resolve(filter[0]);
    if (Array.isArray(parms)) parms = file.resolve(parms[0]);
  }
  if (filter === undefined || filter === null) return raw;
  if (!isName(filter, 'FlateDecode') && !isName(filter, 'Fl')) unsupported(`filter ${filter instanceof Name ? filter.name : '?'}`);
  let data: Uint8Array;
  try {
    data = inflateSync(raw, { maxOutputLength: MAX_INFLATED });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ReaderError('too-large', `PDF 中的数据流解压后超过 ${MAX_INFLATED / 1024 / 1024} MB`, `a stream of the PDF inflates to more than ${MAX_INFLATED / 1024 / 1024} MB`);
    }
    unsupported('damaged Flate stream');
  }
  if (parms === undefined || parms === null) return data;
  if (!(parms instanceof Dict)) unsupported('decode parameters');
  const predictor = file.resolve(parms.map.get('Predictor')) ?? 1;
  if (predictor === 1) return data;
  if (!allowPredictor || typeof predictor !== 'number' || predictor < 10) unsupported('predictor');
  const colors = file.resolve(parms.map.get('Colors')) ?? 1;
  const bits = file.resolve(parms.map.get('BitsPerComponent')) ?? 8;
  const columns = file.resolve(parms.map.get('Columns')) ?? 1;
  if (colors !== 1 || bits !== 8 || typeof columns !== 'number' || !Number.isInteger(columns) || columns < 1) unsupported('predictor parameters');
  return unpredictPng(data, columns);
}

/**
 * The first bytes of a stream, for what a font program's head tells (its kind, a Type 1 font's
 * matrix): a subset of a CJK font is 100 KB, and inflating all of it cost more than the rest of its
 * page. Given as soon as `enough` says so, else the whole stream.
 */
function decodeHead(stream: Stream, file: PdfFile, enough: (head: Uint8Array) => boolean): Uint8Array {
  const filter = file.resolve(stream.dict.map.get('Filter'));
  const flate = isName(filter, 'FlateDecode') || isName(filter, 'Fl');
  if (flate && stream.dict.map.get('DecodeParms') === undefined && stream.dict.map.get('DP') === undefined && stream.length > 8192) {
    try {
      const head = inflateSync(stream.bytes.subarray(stream.start, stream.start + 8192), { finishFlush: constants.Z_SYNC_FLUSH });
      if (enough(head)) return head;
    } catch {
      // Read whole below, where a damaged stream is named.
    }
  }
  return decode(stream, file);
}

/** PNG row filters (None, Sub, Up, Average, Paeth) of one-byte pixels. */
function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rows = Math.floor(data.length / (columns + 1));
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * (columns + 1)];
    const src = r * (columns + 1) + 1;
    const dst = r * columns;
    for (let c = 0; c < columns; c++) {
      const x = data[src + c] as number;
      const left = c > 0 ? (out[dst + c - 1] as number) : 0;
      const up = r > 0 ? (out[dst - columns + c] as number) : 0;
      const upLeft = r > 0 && c > 0 ? (out[dst - columns + c - 1] as number) : 0;
      let value: number;
      if (filter === 0) value = x;
      else if (filter === 1) value = x + left;
      else if (filter === 2) value = x + up;
      else if (filter === 3) value = x + ((left + up) >> 1);
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      } else unsupported('PNG filter');
      out[dst + c] = value & 0xff;
    }
  }
  return out;
}

class PdfFile {
  readonly entries = new Map<number, XrefEntry>();
  trailer: Dict | null = null;
  readonly #objects = new Map<number, Value>();
  readonly #objectStreams = new Map<number, { bytes: Uint8Array; offsets: number[]; first: number }>();
  readonly #fetching = new Set<number>();

  constructor(readonly bytes: Uint8Array) {
    const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
    const at = tail.lastIndexOf('startxref');
    if (at < 0) unsupported('no startxref');
    const offset = Number(/^startxref\s+(\d+)/.exec(tail.slice(at))?.[1] ?? NaN);
    const seen = new Set<number>();
    let next: number | null = offset;
    while (next !== null) {
      if (!Number.isInteger(next) || next < 0 || next >= bytes.length || seen.has(next)) unsupported('bad cross-reference offset');
      seen.add(next);
      next = this.#readXref(next);
    }
    if (!this.trailer) unsupported('no trailer');
    if (this.trailer.map.has('Encrypt')) unsupported('encrypted');
  }

  /** Reads one cross-reference section (a table or a stream); gives the offset of the previous one. */
  #readXref(offset: number): number | null {
    const lexer = new Lexer(this.bytes, offset, this.bytes.length);
    const parser = new Parser(lexer, this);
    let trailer: Dict;
    if (isCmd(parser.buf1, 'xref')) {
      parser.shift();
      for (;;) {
        if (isCmd(parser.buf1, 'trailer')) break;
        const first = parser.object();
        const count = parser.object();
        if (!Number.isInteger(first) || !Number.isInteger(count)) unsupported('bad cross-reference table');
        for (let i = 0; i < (count as number); i++) {
          const entryOffset = parser.object();
          const gen = parser.object();
          const type = parser.object();
          if (!Number.isInteger(entryOffset) || !Number.isInteger(gen) || !(type instanceof Cmd) || (type.cmd !== 'n' && type.cmd !== 'f')) unsupported('bad cross-reference entry');
          const num = (first as number) + i;
          if (this.entries.has(num)) continue;
          if (type.cmd === 'f' || (entryOffset as number) === 0) this.entries.set(num, { type: 0 });
          else this.entries.set(num, { type: 1, offset: entryOffset as number, gen: gen as number });
        }
      }
      parser.shift();
      const dict = parser.object();
      if (!(dict instanceof Dict)) unsupported('bad trailer');
      trailer = dict;
      if (trailer.map.has('XRefStm')) unsupported('hybrid cross-reference');
    } else {
      // A cross-reference stream: `n g obj << /Type /XRef … >> stream`.
      const num = parser.object();
      const gen = parser.object();
      if (!Number.isInteger(num) || !Number.isInteger(gen) || !isCmd(parser.buf1, 'obj')) unsupported('no cross-reference at startxref');
      parser.shift();
      const stream = parser.object();
      if (!(stream instanceof Stream) || !isName(stream.dict.map.get('Type'), 'XRef')) unsupported('no cross-reference stream');
      trailer = stream.dict;
      this.#readXrefStream(stream);
    }
    this.trailer ??= trailer;
    const prev = trailer.map.get('Prev');
    return typeof prev === 'number' ? prev : null;
  }

  #readXrefStream(stream: Stream): void {
    const dict = stream.dict.map;
    const widths = dict.get('W');
    const size = dict.get('Size');
    if (!Array.isArray(widths) || widths.length !== 3 || !widths.every((w) => Number.isInteger(w) && (w as number) >= 0 && (w as number) <= 8) || !Number.isInteger(size)) unsupported('bad cross-reference stream');
    const [w0, w1, w2] = widths as [number, number, number];
    const index = dict.get('Index') ?? [0, size as number];
    if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((n) => Number.isInteger(n))) unsupported('bad cross-reference index');
    const data = decode(stream, this, true);
    const field = (at: number, width: number): number => {
      let value = 0;
      for (let k = 0; k < width; k++) value = value * 256 + (data[at + k] as number);
      return value;
    };
    let at = 0;
    for (let s = 0; s < index.length; s += 2) {
      const first = index[s] as number;
      const count = index[s + 1] as number;
      for (let i = 0; i < count; i++) {
        if (at + w0 + w1 + w2 > data.length) unsupported('cross-reference stream too short');
        const type = w0 === 0 ? 1 : field(at, w0);
        const a = field(at + w0, w1);
        const b = field(at + w0 + w1, w2);
        at += w0 + w1 + w2;
        const num = first + i;
        if (this.entries.has(num)) continue;
        if (type === 0) this.entries.set(num, { type: 0 });
        else if (type === 1) this.entries.set(num, { type: 1, offset: a, gen: b });
        else if (type === 2) this.entries.set(num, { type: 2, stream: a, index: b });
        else unsupported('cross-reference entry type');
      }
    }
  }

  /** An object by its reference (null for a free or missing one, as PDF says). */
  fetch(ref: Ref): Value {
    const cached = this.#objects.get(ref.num);
    if (cached !== undefined) return cached;
    const entry = this.entries.get(ref.num);
    if (!entry || entry.type === 0) return null;
    if (this.#fetching.has(ref.num)) unsupported('reference cycle');
    this.#fetching.add(ref.num);
    try {
      let value: Value;
      if (entry.type === 1) {
        if (entry.gen !== ref.gen) unsupported('generation mismatch');
        const parser = new Parser(new Lexer(this.bytes, entry.offset, this.bytes.length), this);
        const num = parser.object();
        const gen = parser.object();
        if (num !== ref.num || gen !== ref.gen || !isCmd(parser.buf1, 'obj')) unsupported('object not where the cross-reference says');
        parser.shift();
        value = parser.object() as Value;
      } else {
        value = this.#fromObjectStream(entry.stream, entry.index, ref.num);
      }
      this.#objects.set(ref.num, value);
      return value;
    } finally {
      this.#fetching.delete(ref.num);
    }
  }

  #fromObjectStream(streamNum: number, index: number, num: number): Value {
    let objectStream = this.#objectStreams.get(streamNum);
    if (!objectStream) {
      const stream = this.fetch(new Ref(streamNum, 0));
      if (!(stream instanceof Stream)) unsupported('no object stream');
      const n = stream.dict.map.get('N');
      const first = stream.dict.map.get('First');
      if (!Number.isInteger(n) || !Number.isInteger(first)) unsupported('bad object stream');
      const bytes = decode(stream, this);
      const parser = new Parser(new Lexer(bytes, 0, bytes.length), null);
      const offsets: number[] = [];
      for (let i = 0; i < (n as number); i++) {
        const objNum = parser.object();
        const offset = parser.object();
        if (!Number.isInteger(objNum) || !Number.isInteger(offset)) unsupported('bad object stream header');
        offsets.push(objNum as number, offset as number);
      }
      objectStream = { bytes, offsets, first: first as number };
      this.#objectStreams.set(streamNum, objectStream);
    }
    if (objectStream.offsets[index * 2] !== num) unsupported('object not in its object stream');
    const start = objectStream.first + (objectStream.offsets[index * 2 + 1] as number);
    const parser = new Parser(new Lexer(objectStream.bytes, start, objectStream.bytes.length), null);
    return parser.object() as Value;
  }

  /** A value with references followed. */
  resolve(value: Value | undefined): Value | undefined {
    let v = value;
    for (let hops = 0; v instanceof Ref; hops++) {
      if (hops > 32) unsupported('reference chain');
      v = this.fetch(v);
    }
    return v;
  }

  get(dict: Dict, key: string): Value | undefined {
    return this.resolve(dict.map.get(key));
  }
}

// ---------------------------------------------------------------------------------------------
// Pages

interface PageNode {
  dict: Dict;
  resources: Dict;
  mediaBox: [number, number, number, number];
}

function normalRect(value: Value | undefined, file: PdfFile): [number, number, number, number] | null {
  const array = file.resolve(value);
  if (!Array.isArray(array) || array.length !== 4) return null;
  const numbers = array.map((v) => file.resolve(v));
  if (!numbers.every((n) => typeof n === 'number')) return null;
  const [x1, y1, x2, y2] = numbers as [number, number, number, number];
  return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
}

/** A page's values of an inheritable key, the page's first, then up its Parent chain (pdfjs's getInheritableProperty). */
function inheritable(file: PdfFile, page: Dict, key: string): Value[] {
  const values: Value[] = [];
  const visited = new Set<Dict>();
  let dict: Value | undefined = page;
  while (dict instanceof Dict && !visited.has(dict)) {
    visited.add(dict);
    const value = file.get(dict, key);
    if (value !== undefined) values.push(value);
    dict = file.get(dict, 'Parent');
  }
  return values;
}

/** The pages in order, with what they inherit (pdfjs's page tree, when it is well formed). */
function pagesOf(file: PdfFile): PageNode[] {
  const catalog = file.get(file.trailer as Dict, 'Root');
  if (!(catalog instanceof Dict)) unsupported('no catalog');
  const root = file.get(catalog, 'Pages');
  if (!(root instanceof Dict)) unsupported('no page tree');
  const count = file.get(root, 'Count');
  if (!Number.isInteger(count)) unsupported('no page count');
  const leaves: Dict[] = [];
  const visited = new Set<Dict>();
  const walk = (node: Dict, depth: number) => {
    if (depth > 32 || visited.has(node)) unsupported('page tree cycle');
    visited.add(node);
    const type = file.get(node, 'Type');
    if (isName(type, 'Page')) {
      leaves.push(node);
      return;
    }
    const kids = file.get(node, 'Kids');
    if (!Array.isArray(kids)) unsupported('page tree node');
    const before = leaves.length;
    for (const kid of kids) {
      const child = file.resolve(kid);
      if (!(child instanceof Dict)) unsupported('page tree kid');
      walk(child, depth + 1);
    }
    // pdfjs finds a page by the counts of the nodes on its way: they must be right.
    if (file.get(node, 'Count') !== leaves.length - before) unsupported('page count of a node');
  };
  walk(root, 0);
  if (leaves.length !== count) unsupported('page count');
  return leaves.map((page) => {
    if (file.get(page, 'Parent') === undefined && page !== root) unsupported('page without parent');
    const rotate = inheritable(file, page, 'Rotate')[0];
    if (rotate !== undefined && rotate !== 0) unsupported('rotated page');
    const userUnit = file.get(page, 'UserUnit');
    if (userUnit !== undefined && userUnit !== 1) unsupported('user unit');
    const annots = file.get(page, 'Annots');
    if (Array.isArray(annots) && annots.length > 0) unsupported('annotations');
    const mediaBoxes = inheritable(file, page, 'MediaBox');
    const mediaBox: [number, number, number, number] | null = mediaBoxes.length === 0 ? [0, 0, 612, 792] : normalRect(mediaBoxes[0], file);
    if (!mediaBox || !(mediaBox[2] - mediaBox[0] > 0 && mediaBox[3] - mediaBox[1] > 0)) unsupported('media box');
    const cropBoxes = inheritable(file, page, 'CropBox');
    if (cropBoxes.length > 0) {
      const cropBox = normalRect(cropBoxes[0], file);
      if (!cropBox || cropBox.some((v, i) => v !== mediaBox[i])) unsupported('crop box');
    }
    // Resources on several levels are merged, the nearest's keys first (pdfjs's Dict.merge).
    const levels = inheritable(file, page, 'Resources');
    if (!levels.every((r) => r instanceof Dict)) unsupported('resources');
    let resources = (levels[0] as Dict | undefined) ?? new Dict();
    if (levels.length > 1) {
      resources = new Dict();
      for (const level of levels as Dict[]) for (const [key, value] of level.map) if (!resources.map.has(key)) resources.map.set(key, value);
    }
    return { dict: page, resources, mediaBox };
  });
}

// ---------------------------------------------------------------------------------------------
// Fonts: the unicode and width of each code, as pdfjs's Font gives them

interface DirectFont {
  readonly composite: boolean;
  /** The ToUnicode map (pdfjs's ToUnicodeMap: code → text). */
  readonly toUnicode: (string | undefined)[];
  readonly widths: (number | undefined)[];
  readonly defaultWidth: number;
  /** A code absent from ToUnicode falls back to the encoding in pdfjs (a simple font with /Encoding): left to it. */
  readonly missingUnicodeUnsupported: boolean;
  readonly glyphs: Map<number, DirectGlyph>;
  readonly texts: Map<string, DirectGlyph[]>;
}

/** A ToUnicode CMap stream as pdfjs reads it (bfchar, bfrange, cidchar, cidrange; no usecmap). */
function readToUnicode(bytes: Uint8Array): (string | undefined)[] {
  const lexer = new Lexer(bytes, 0, bytes.length);
  const map: (string | number | undefined)[] = [];
  let name = '';
  const strToInt = (s: string) => {
    let a = 0;
    for (let i = 0; i < s.length; i++) a = (a << 8) | s.charCodeAt(i);
    return a >>> 0;
  };
  const expectString = (t: Token): string => (typeof t === 'string' ? t : unsupported('malformed CMap'));
  // The codes of a simple font (one byte) and of Identity-H (two): larger ones are left to pdfjs.
  const code = (s: string): number => {
    const value = strToInt(s);
    if (value > 0xffff) unsupported('ToUnicode code beyond two bytes');
    return value;
  };
  // A section's entries up to its end keyword, each read from its first token on.
  const eachEntry = (end: string, read: (first: Token) => void): void => {
    for (let first = lexer.token(); !isCmd(first, end); first = lexer.token()) read(first);
  };
  // A section of ranges: each its first and last code, and the token they map from.
  const eachRange = (end: string, read: (low: number, high: number, dst: Token) => void): void =>
    eachEntry(end, (first) => {
      const low = code(expectString(first));
      const high = code(expectString(lexer.token()));
      read(low, high, lexer.token());
    });
  for (;;) {
    const t = lexer.token();
    if (t === EOF) break;
    if (t instanceof Name) {
      if (t.name === 'CMapName') {
        const n = lexer.token();
        if (n instanceof Name) name = n.name;
      } else if (t.name === 'WMode') {
        lexer.token();
      }
      continue;
    }
    if (!(t instanceof Cmd)) continue;
    if (t.cmd === 'endcmap') break;
    if (t.cmd === 'usecmap') unsupported('usecmap');
    if (t.cmd === 'begincodespacerange') {
      eachEntry('endcodespacerange', (low) => {
        expectString(low);
        expectString(lexer.token());
      });
    } else if (t.cmd === 'beginbfchar') {
      eachEntry('endbfchar', (src) => {
        map[code(expectString(src))] = expectString(lexer.token());
      });
    } else if (t.cmd === 'beginbfrange') {
      eachRange('endbfrange', (low, high, dst) => {
        if (Number.isInteger(dst) || typeof dst === 'string') {
          let dstLow = Number.isInteger(dst) ? String.fromCharCode(dst as number) : (dst as string);
          const lastByte = dstLow.length - 1;
          while (low <= high) {
            map[low++] = dstLow;
            const nextCode = dstLow.charCodeAt(lastByte) + 1;
            if (nextCode > 0xff) {
              dstLow = dstLow.substring(0, lastByte - 1) + String.fromCharCode(dstLow.charCodeAt(lastByte - 1) + 1) + '\x00';
              continue;
            }
            dstLow = dstLow.substring(0, lastByte) + String.fromCharCode(nextCode);
          }
        } else if (isCmd(dst, '[')) {
          let item = lexer.token();
          const array: Token[] = [];
          while (!isCmd(item, ']') && item !== EOF) {
            array.push(item);
            item = lexer.token();
          }
          for (let i = 0; low <= high && i < array.length; i++) {
            const item = array[i];
            if (typeof item !== 'string' && typeof item !== 'number') unsupported('bf range array');
            map[low++] = item;
          }
        } else {
          unsupported('invalid bf range');
        }
      });
    } else if (t.cmd === 'begincidchar') {
      eachEntry('endcidchar', (src) => {
        const dst = lexer.token();
        if (!Number.isInteger(dst)) unsupported('malformed CMap');
        map[code(expectString(src))] = dst as number;
      });
    } else if (t.cmd === 'begincidrange') {
      eachRange('endcidrange', (low, high, dst) => {
        if (!Number.isInteger(dst)) unsupported('malformed CMap');
        for (let cid = dst as number; low <= high; cid++) map[low++] = cid;
      });
    }
  }
  // A ToUnicode that is the identity (named Identity-H and mapping all 65,536 codes) is pdfjs's IdentityToUnicodeMap.
  if ((name === 'Identity-H' || name === 'Identity-V') && map.length === 0x10000) unsupported('identity ToUnicode');
  if (map.length > 0x10000) unsupported('large ToUnicode');
  const out: (string | undefined)[] = new Array<string | undefined>(map.length);
  for (let code = 0; code < map.length; code++) {
    let token = map[code];
    if (token === undefined) continue;
    if (typeof token === 'number') {
      out[code] = String.fromCodePoint(token);
      continue;
    }
    if (token.length % 2 !== 0) token = `\u0000${token}`;
    const points: number[] = [];
    for (let k = 0; k < token.length; k += 2) {
      const w1 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
      if ((w1 & 0xf800) !== 0xd800) {
        points.push(w1);
        continue;
      }
      k += 2;
      const w2 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
      points.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
    }
    out[code] = String.fromCodePoint(...points);
  }
  return out;
}

/** What an embedded font's program is, by its first bytes (pdfjs's getFontFileType). */
function fontProgramKind(bytes: Uint8Array): 'truetype' | 'type1' | 'other' {
  const head = latin1(bytes, 0, Math.min(4, bytes.length));
  if (head === '\x00\x01\x00\x00' || head === 'true') return 'truetype';
  if (bytes[0] === 0x25 && bytes[1] === 0x21) return 'type1';
  return 'other';
}

/** A Type 1 font's FontMatrix from its clear-text part (pdfjs's Type1Parser tokens), the last one given. */
function type1FontMatrix(bytes: Uint8Array): number[] | null {
  const end = latin1(bytes, 0, Math.min(bytes.length, 65536)).indexOf('eexec');
  if (end < 0) unsupported('Type 1 font without eexec');
  const isSpecialT1 = (c: number) => c === 0x2f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x28 || c === 0x29;
  let pos = 0;
  const token = (): string | null => {
    let comment = false;
    for (;;) {
      if (pos >= end) return null;
      const ch = bytes[pos] as number;
      if (comment) {
        if (ch === 0x0a || ch === 0x0d) comment = false;
      } else if (ch === 0x25) comment = true;
      else if (!isWhiteSpace(ch)) break;
      pos++;
    }
    const first = bytes[pos] as number;
    if (isSpecialT1(first)) {
      pos++;
      return String.fromCharCode(first);
    }
    let text = '';
    while (pos < end && !isWhiteSpace(bytes[pos] as number) && !isSpecialT1(bytes[pos] as number)) text += String.fromCharCode(bytes[pos++] as number);
    return text;
  };
  let matrix: number[] | null = null;
  for (let t = token(); t !== null; t = token()) {
    if (t !== '/') continue;
    if (token() !== 'FontMatrix') continue;
    token();
    const values: number[] = [];
    for (let v = token(); v !== null && v !== ']' && v !== '}'; v = token()) values.push(parseFloat(v || '0'));
    matrix = values;
  }
  return matrix;
}

function readFont(file: PdfFile, fontDict: Dict): DirectFont {
  const subtype = file.get(fontDict, 'Subtype');
  let dict = fontDict;
  let composite = false;
  if (isName(subtype, 'Type0')) {
    const encoding = file.get(fontDict, 'Encoding');
    // Identity-H: two-byte codes, each its own CID. Other CMaps (predefined or embedded) are left to pdfjs.
    if (!isName(encoding, 'Identity-H')) unsupported('Type0 encoding');
    const descendants = file.get(fontDict, 'DescendantFonts');
    const descendant = file.resolve(Array.isArray(descendants) ? descendants[0] : descendants);
    if (!(descendant instanceof Dict)) unsupported('descendant font');
    if (!isName(file.get(descendant, 'Subtype'), 'CIDFontType2')) unsupported('CID font type');
    dict = descendant;
    composite = true;
  } else if (!isName(subtype, 'TrueType') && !isName(subtype, 'Type1')) {
    unsupported('font type');
  }
  if (fontDict.map.has('FontMatrix') || dict.map.has('FontMatrix')) unsupported('font matrix');
  const descriptor = file.get(dict, 'FontDescriptor');
  if (!(descriptor instanceof Dict)) unsupported('no font descriptor (a standard font)');
  const program = file.get(descriptor, 'FontFile') ?? file.get(descriptor, 'FontFile2') ?? file.get(descriptor, 'FontFile3');
  if (!(program instanceof Stream)) unsupported('font not embedded');
  const programBytes = decodeHead(program, file, (head) => head.length >= 4 && (fontProgramKind(head) !== 'type1' || latin1(head, 0, head.length).includes('eexec')));
  const kind = fontProgramKind(programBytes);
  if (kind === 'other' || (composite && kind !== 'truetype')) unsupported('font program');
  if (kind === 'type1') {
    // pdfjs scales the widths by the font's matrix; only the usual one keeps them as they are.
    const matrix = type1FontMatrix(programBytes);
    if (matrix !== null && matrix[0] !== 0.001) unsupported('Type 1 font matrix');
  }
  const toUnicodeStream = file.get(dict, 'ToUnicode') ?? file.get(fontDict, 'ToUnicode');
  if (!(toUnicodeStream instanceof Stream)) unsupported('no ToUnicode stream');
  const toUnicode = readToUnicode(decode(toUnicodeStream, file));
  if (toUnicode.length === 0) unsupported('empty ToUnicode');

  const widths: (number | undefined)[] = [];
  let defaultWidth: number;
  if (composite) {
    const dw = file.get(dict, 'DW');
    defaultWidth = typeof dw === 'number' ? Math.ceil(dw) : 1000;
    const w = file.get(dict, 'W');
    if (Array.isArray(w)) {
      for (let i = 0; i < w.length; i++) {
        let start = file.resolve(w[i++]);
        if (!Number.isInteger(start)) break;
        const code = file.resolve(w[i]);
        if (Array.isArray(code)) {
          for (const c of code) {
            const width = file.resolve(c);
            if (typeof width === 'number') widths[start as number] = width;
            start = (start as number) + 1;
          }
        } else if (Number.isInteger(code)) {
          const width = file.resolve(w[++i]);
          if (typeof width !== 'number') continue;
          if ((code as number) - (start as number) > 0x10000) unsupported('width range');
          for (let j = start as number; j <= (code as number); j++) widths[j] = width;
        } else break;
      }
    }
  } else {
    let firstChar = file.get(dict, 'FirstChar');
    if (!Number.isInteger(firstChar)) firstChar = 0;
    let lastChar = file.get(dict, 'LastChar');
    if (!Number.isInteger(lastChar)) lastChar = 0xff;
    const w = file.get(dict, 'Widths');
    if (!Array.isArray(w)) unsupported('no Widths (metrics from the font)');
    let j = firstChar as number;
    for (const entry of w) {
      const width = file.resolve(entry);
      if (typeof width === 'number') widths[j] = width;
      j++;
    }
    // A Type 1 font fills widths missing between FirstChar and LastChar from its program: left to pdfjs.
    for (let c = firstChar as number; c <= (lastChar as number); c++) if (widths[c] === undefined && kind === 'type1') unsupported('widths missing');
    const missing = file.get(descriptor, 'MissingWidth');
    defaultWidth = typeof missing === 'number' ? missing : 0;
  }
  return { composite, toUnicode, widths, defaultWidth, missingUnicodeUnsupported: !composite && fontDict.map.has('Encoding'), glyphs: new Map(), texts: new Map() };
}

function glyphOf(font: DirectFont, code: number, isSpace: boolean): DirectGlyph {
  const key = isSpace ? -code - 1 : code;
  let glyph = font.glyphs.get(key);
  if (glyph) return glyph;
  let width = font.widths[code];
  if (typeof width !== 'number') width = font.defaultWidth;
  let unicode = font.toUnicode[code];
  if (unicode === undefined && font.missingUnicodeUnsupported) unsupported('code missing from ToUnicode');
  if (!unicode) unicode = String.fromCharCode(code);
  glyph = { unicode, width, isSpace };
  font.glyphs.set(key, glyph);
  return glyph;
}

/** The glyphs of a string shown in a font (pdfjs's charsToGlyphs: Identity-H reads two bytes a code). */
function glyphsOf(font: DirectFont, chars: string): DirectGlyph[] {
  let glyphs = font.texts.get(chars);
  if (glyphs) return glyphs;
  glyphs = [];
  if (font.composite) {
    for (let i = 0; i < chars.length; ) {
      // pdfjs's readCharCode over the codespace 0000–FFFF: a first byte alone is never a code.
      const code = ((chars.charCodeAt(i) << 8) | chars.charCodeAt(i + 1)) >>> 0;
      i += 2;
      glyphs.push(glyphOf(font, code, false));
    }
  } else {
    for (let i = 0; i < chars.length; i++) {
      const code = chars.charCodeAt(i);
      glyphs.push(glyphOf(font, code, code === 0x20));
    }
  }
  font.texts.set(chars, glyphs);
  return glyphs;
}

// ---------------------------------------------------------------------------------------------
// Content: pdfjs's EvaluatorPreprocessor and the part of its getOperatorList the reader sees

interface OpSpec {
  id: number;
  numArgs: number;
  variableArgs: boolean;
}

/** An operator's entry in OP_MAP: most take a fixed number of operands. */
const op = (id: number, numArgs: number, variableArgs = false): OpSpec => ({ id, numArgs, variableArgs });

const OP_MAP: Record<string, OpSpec | null> = Object.assign(Object.create(null) as Record<string, OpSpec | null>, {
  w: op(OPS.setLineWidth, 1),
  J: op(OPS.setLineCap, 1),
  j: op(OPS.setLineJoin, 1),
  M: op(OPS.setMiterLimit, 1),
  d: op(OPS.setDash, 2),
  ri: op(OPS.setRenderingIntent, 1),
  i: op(OPS.setFlatness, 1),
  gs: op(OPS.setGState, 1),
  q: op(OPS.save, 0),
  Q: op(OPS.restore, 0),
  cm: op(OPS.transform, 6),
  m: op(OPS.moveTo, 2),
  l: op(OPS.lineTo, 2),
  c: op(OPS.curveTo, 6),
  v: op(OPS.curveTo2, 4),
  y: op(OPS.curveTo3, 4),
  h: op(OPS.closePath, 0),
  re: op(OPS.rectangle, 4),
  S: op(OPS.stroke, 0),
  s: op(OPS.closeStroke, 0),
  f: op(OPS.fill, 0),
  F: op(OPS.fill, 0),
  'f*': op(OPS.eoFill, 0),
  B: op(OPS.fillStroke, 0),
  'B*': op(OPS.eoFillStroke, 0),
  b: op(OPS.closeFillStroke, 0),
  'b*': op(OPS.closeEOFillStroke, 0),
  n: op(OPS.endPath, 0),
  W: op(OPS.clip, 0),
  'W*': op(OPS.eoClip, 0),
  BT: op(OPS.beginText, 0),
  ET: op(OPS.endText, 0),
  Tc: op(OPS.setCharSpacing, 1),
  Tw: op(OPS.setWordSpacing, 1),
  Tz: op(OPS.setHScale, 1),
  TL: op(OPS.setLeading, 1),
  Tf: op(OPS.setFont, 2),
  Tr: op(OPS.setTextRenderingMode, 1),
  Ts: op(OPS.setTextRise, 1),
  Td: op(OPS.moveText, 2),
  TD: op(OPS.setLeadingMoveText, 2),
  Tm: op(OPS.setTextMatrix, 6),
  'T*': op(OPS.nextLine, 0),
  Tj: op(OPS.showText, 1),
  TJ: op(OPS.showSpacedText, 1),
  "'": op(OPS.nextLineShowText, 1),
  '"': op(OPS.nextLineSetSpacingShowText, 3),
  d0: op(OPS.setCharWidth, 2),
  d1: op(OPS.setCharWidthAndBounds, 6),
  CS: op(OPS.setStrokeColorSpace, 1),
  cs: op(OPS.setFillColorSpace, 1),
  SC: op(OPS.setStrokeColor, 4, true),
  SCN: op(OPS.setStrokeColorN, 33, true),
  sc: op(OPS.setFillColor, 4, true),
  scn: op(OPS.setFillColorN, 33, true),
  G: op(OPS.setStrokeGray, 1),
  g: op(OPS.setFillGray, 1),
  RG: op(OPS.setStrokeRGBColor, 3),
  rg: op(OPS.setFillRGBColor, 3),
  K: op(OPS.setStrokeCMYKColor, 4),
  k: op(OPS.setFillCMYKColor, 4),
  sh: op(OPS.shadingFill, 1),
  BI: op(OPS.beginInlineImage, 0),
  ID: op(OPS.beginImageData, 0),
  EI: op(OPS.endInlineImage, 1),
  Do: op(OPS.paintXObject, 1),
  MP: op(OPS.markPoint, 1),
  DP: op(OPS.markPointProps, 2),
  BMC: op(OPS.beginMarkedContent, 1),
  BDC: op(OPS.beginMarkedContentProps, 2),
  EMC: op(OPS.endMarkedContent, 0),
  BX: op(OPS.beginCompat, 0),
  EX: op(OPS.endCompat, 0),
  BM: null,
  BD: null,
  true: null,
  fa: null,
  fal: null,
  fals: null,
  false: null,
  nu: null,
  nul: null,
  null: null,
});
const KNOWN_COMMANDS: ReadonlySet<string> = new Set(Object.keys(OP_MAP));
for (const cmd of [...KNOWN_COMMANDS, '[', ']', '<<', '>>', 'R', 'obj', 'endobj', 'stream', 'endstream', 'n', 'f', 'xref', 'trailer']) COMMON_CMDS.set(cmd, new Cmd(cmd));

/** The graphics state pdfjs keeps while evaluating (what a save/restore brings back). */
interface EvalState {
  font: DirectFont | null;
  currentX: number;
  currentY: number;
}

/** The colour operators of each side (fill, stroke), each emitted as that side's RGB operator. */
const AS_RGB = new Map<number, number>([
  ...[OPS.setFillColor, OPS.setFillColorN, OPS.setFillGray, OPS.setFillCMYKColor, OPS.setFillRGBColor].map((fn) => [fn, OPS.setFillRGBColor] as const),
  ...[OPS.setStrokeColor, OPS.setStrokeColorN, OPS.setStrokeGray, OPS.setStrokeCMYKColor, OPS.setStrokeRGBColor].map((fn) => [fn, OPS.setStrokeRGBColor] as const),
]);

/** ExtGState entries that make pdfjs emit a setGState operator (its setGState). */
const GSTATE_OP_KEYS = new Set(['LW', 'LC', 'LJ', 'ML', 'D', 'RI', 'FL', 'CA', 'ca', 'BM', 'TR']);

function evaluate(file: PdfFile, content: Uint8Array, resources: Dict, fonts: Map<Value, { font: DirectFont; id: string }>): { fnArray: number[]; argsArray: unknown[] } {
  const fnArray: number[] = [];
  const argsArray: unknown[] = [];
  const add = (fn: number, args: unknown) => {
    fnArray.push(fn);
    argsArray.push(args);
  };
  const fontResources = file.get(resources, 'Font');
  const xobjects = file.get(resources, 'XObject');
  const extGStates = file.get(resources, 'ExtGState');
  const colorSpaces = file.get(resources, 'ColorSpace');
  const parser = new Parser(new Lexer(content, 0, content.length, KNOWN_COMMANDS), null);
  const stack: EvalState[] = [];
  let state: EvalState = { font: null, currentX: 0, currentY: 0 };
  const pathBuffer: number[] = [];
  let args: Value[] | null = null;
  const pending: Value[] = [];
  let isPathOp = false;
  let invalidPathOps = 0;

  const fontOf = (name: Value | undefined): { font: DirectFont; id: string } => {
    if (!(name instanceof Name) || !(fontResources instanceof Dict)) unsupported('font resource');
    const raw = fontResources.map.get(name.name);
    if (raw === undefined) unsupported('font resource missing');
    const key: Value = raw instanceof Ref ? `ref${raw.num}` : raw;
    let entry = fonts.get(key);
    if (!entry) {
      const dict = file.resolve(raw);
      if (!(dict instanceof Dict)) unsupported('font dictionary');
      entry = { font: readFont(file, dict), id: `f${fonts.size + 1}` };
      fonts.set(key, entry);
    }
    return entry;
  };
  const text = (value: Value | undefined): DirectGlyph[] => {
    if (!state.font) unsupported('text without a font');
    if (typeof value !== 'string') unsupported('text operand');
    return glyphsOf(state.font, value);
  };
  const isPatternSpace = (name: Value | undefined): boolean => {
    if (isName(name, 'Pattern')) return true;
    if (!(name instanceof Name) || !(colorSpaces instanceof Dict)) return false;
    const space = file.get(colorSpaces, name.name);
    return isName(space, 'Pattern') || (Array.isArray(space) && isName(file.resolve(space[0]), 'Pattern'));
  };

  for (;;) {
    // pdfjs's EvaluatorPreprocessor.read: operands gathered up to their operator.
    const obj = parser.object();
    if (obj === EOF) break;
    if (!(obj instanceof Cmd)) {
      if (obj !== null) {
        args ??= [];
        args.push(obj as Value);
        if (args.length > 33) unsupported('too many operands');
      }
      continue;
    }
    const spec = OP_MAP[obj.cmd];
    if (!spec) continue;
    const fn = spec.id;
    let argsLength = args !== null ? args.length : 0;
    if (!isPathOp) invalidPathOps = 0;
    isPathOp = fn >= OPS.moveTo && fn <= OPS.endPath;
    if (!spec.variableArgs) {
      if (argsLength !== spec.numArgs) {
        while (argsLength > spec.numArgs) {
          pending.push((args as Value[]).shift() as Value);
          argsLength--;
        }
        while (argsLength < spec.numArgs && pending.length !== 0) {
          args ??= [];
          args.unshift(pending.pop() as Value);
          argsLength++;
        }
      }
      if (argsLength < spec.numArgs) {
        if (isPathOp && ++invalidPathOps > 10) unsupported('invalid path operators');
        if (args !== null) args.length = 0;
        continue;
      }
    }
    const operands = args;
    args = null;
    // The state pdfjs's preprocessor keeps (its StateManager).
    if (fn === OPS.save) {
      stack.push(state);
      state = { ...state };
    } else if (fn === OPS.restore) {
      state = stack.pop() ?? state;
    }

    switch (fn) {
      case OPS.paintXObject: {
        const name = operands?.[0];
        if (!(name instanceof Name) || !(xobjects instanceof Dict)) unsupported('XObject');
        const xobject = file.get(xobjects, name.name);
        if (!(xobject instanceof Stream) || !isName(file.get(xobject.dict, 'Subtype'), 'Image')) unsupported('form XObject');
        const w = file.get(xobject.dict, 'W') ?? file.get(xobject.dict, 'Width');
        const h = file.get(xobject.dict, 'H') ?? file.get(xobject.dict, 'Height');
        // pdfjs drops images larger than maxImageSize (0: all) without decoding them, emitting nothing.
        if (typeof w !== 'number' || typeof h !== 'number' || !(w > 0 && h > 0)) unsupported('image size');
        continue;
      }
      case OPS.setFont: {
        const { font, id } = fontOf(operands?.[0]);
        state.font = font;
        add(OPS.dependency, [id]);
        add(OPS.setFont, [id, operands?.[1]]);
        continue;
      }
      case OPS.showText:
        add(OPS.showText, [text(operands?.[0])]);
        continue;
      case OPS.showSpacedText: {
        if (!state.font) unsupported('text without a font');
        const array = operands?.[0];
        if (!Array.isArray(array)) unsupported('TJ operand');
        const combined: (DirectGlyph | number)[] = [];
        for (const item of array) {
          if (typeof item === 'string') combined.push(...glyphsOf(state.font, item));
          else if (typeof item === 'number') combined.push(item);
        }
        add(OPS.showText, [combined]);
        continue;
      }
      case OPS.nextLineShowText:
        if (!state.font) unsupported('text without a font');
        add(OPS.nextLine, undefined);
        add(OPS.showText, [text(operands?.[0])]);
        continue;
      case OPS.nextLineSetSpacingShowText: {
        if (!state.font) unsupported('text without a font');
        const [wordSpacing, charSpacing, shown] = operands as Value[];
        add(OPS.nextLine, undefined);
        add(OPS.setWordSpacing, [wordSpacing]);
        add(OPS.setCharSpacing, [charSpacing]);
        add(OPS.showText, [text(shown)]);
        continue;
      }
      case OPS.setFillColorSpace:
      case OPS.setStrokeColorSpace:
        // No operator; a pattern space would make pdfjs build patterns.
        if (isPatternSpace(operands?.[0])) unsupported('pattern colour space');
        continue;
      case OPS.shadingFill:
      case OPS.beginInlineImage:
      case OPS.beginImageData:
      case OPS.endInlineImage:
      case OPS.setCharWidth:
      case OPS.setCharWidthAndBounds:
        unsupported('operator not read directly');
        break;
      case OPS.setGState: {
        const name = operands?.[0];
        if (!(name instanceof Name) || !(extGStates instanceof Dict)) unsupported('graphics state');
        const gState = file.get(extGStates, name.name);
        if (!(gState instanceof Dict)) unsupported('graphics state');
        let emits = false;
        for (const [key, raw] of gState.map) {
          const value = file.resolve(raw);
          if (key === 'Font') unsupported('font in a graphics state');
          if (key === 'SMask') {
            if (isName(value, 'None')) emits = true;
            else if (value instanceof Dict) unsupported('soft mask');
          } else if (key === 'LW') {
            if (typeof value === 'number') emits = true;
          } else if (GSTATE_OP_KEYS.has(key)) emits = true;
        }
        if (emits) add(OPS.setGState, [gState]);
        continue;
      }
      case OPS.setLineWidth:
        if (typeof operands?.[0] !== 'number') continue;
        add(fn, [Math.abs(operands[0])]);
        continue;
      case OPS.setDash:
        if (typeof operands?.[1] !== 'number' || !Array.isArray(operands[0])) continue;
        add(fn, operands);
        continue;
      case OPS.moveTo:
      case OPS.lineTo:
      case OPS.curveTo:
      case OPS.curveTo2:
      case OPS.curveTo3:
      case OPS.closePath:
      case OPS.rectangle:
        buildPath(fn, operands, state, pathBuffer);
        continue;
      case OPS.stroke:
      case OPS.closeStroke:
      case OPS.fill:
      case OPS.eoFill:
      case OPS.fillStroke:
      case OPS.eoFillStroke:
      case OPS.closeFillStroke:
      case OPS.closeEOFillStroke:
      case OPS.endPath:
        if (fn === OPS.closeStroke || fn === OPS.closeFillStroke || fn === OPS.closeEOFillStroke) pathBuffer.push(DRAW.closePath);
        if (pathBuffer.length === 0) add(OPS.constructPath, [fn, [null], null]);
        else {
          add(OPS.constructPath, [fn, [new Float32Array(pathBuffer)], null]);
          pathBuffer.length = 0;
        }
        continue;
      case OPS.setTextMatrix:
        add(fn, [new Float32Array(numbers(operands, 6))]);
        continue;
      case OPS.transform:
        add(fn, numbers(operands, 6));
        continue;
      case OPS.markPoint:
      case OPS.markPointProps:
      case OPS.beginCompat:
      case OPS.endCompat:
        continue;
      case OPS.beginMarkedContentProps:
        add(fn, operands);
        continue;
      default: {
        // A colour: one operator each, an RGB colour (not read: only counted).
        const rgb = AS_RGB.get(fn);
        if (rgb !== undefined) add(rgb, operands);
        // pdfjs skips an operator given a dictionary operand.
        else if (!operands?.some((a) => a instanceof Dict)) add(fn, operands);
      }
    }
  }
  // pdfjs closes what the content left saved.
  for (let i = 0; i < stack.length; i++) add(OPS.restore, []);
  // pdfjs's optimiser folds `save, transform, constructPath, restore` into one path with the
  // transform applied in single precision: numbers this reader would not reproduce. Left to pdfjs.
  for (let i = 0; i + 3 < fnArray.length; i++) {
    if (fnArray[i] === OPS.save && fnArray[i + 1] === OPS.transform && fnArray[i + 2] === OPS.constructPath && fnArray[i + 3] === OPS.restore) unsupported('transformed path');
  }
  return { fnArray, argsArray };
}

/** pdfjs's buildPath: the path's points in its buffer (a rectangle as four lines and a close). */
function buildPath(fn: number, operands: Value[] | null, state: EvalState, buffer: number[]): void {
  const a = fn === OPS.closePath ? [] : numbers(operands, fn === OPS.curveTo ? 6 : fn === OPS.rectangle || fn === OPS.curveTo2 || fn === OPS.curveTo3 ? 4 : 2);
  switch (fn) {
    case OPS.rectangle: {
      const [x, y, width, height] = a as [number, number, number, number];
      state.currentX = x;
      state.currentY = y;
      const xw = x + width;
      const yh = y + height;
      if (width === 0 || height === 0) buffer.push(DRAW.moveTo, x, y, DRAW.lineTo, xw, yh, DRAW.closePath);
      else buffer.push(DRAW.moveTo, x, y, DRAW.lineTo, xw, y, DRAW.lineTo, xw, yh, DRAW.lineTo, x, yh, DRAW.closePath);
      return;
    }
    case OPS.moveTo:
    case OPS.lineTo: {
      const [x, y] = a as [number, number];
      state.currentX = x;
      state.currentY = y;
      buffer.push(fn === OPS.moveTo ? DRAW.moveTo : DRAW.lineTo, x, y);
      return;
    }
    case OPS.curveTo: {
      const [x1, y1, x2, y2, x, y] = a as [number, number, number, number, number, number];
      state.currentX = x;
      state.currentY = y;
      buffer.push(DRAW.curveTo, x1, y1, x2, y2, x, y);
      return;
    }
    case OPS.curveTo2: {
      const [x1, y1, x, y] = a as [number, number, number, number];
      buffer.push(DRAW.curveTo, state.currentX, state.currentY, x1, y1, x, y);
      state.currentX = x;
      state.currentY = y;
      return;
    }
    case OPS.curveTo3: {
      const [x1, y1, x, y] = a as [number, number, number, number];
      state.currentX = x;
      state.currentY = y;
      buffer.push(DRAW.curveTo, x1, y1, x, y, x, y);
      return;
    }
    default:
      buffer.push(DRAW.closePath);
  }
}

function numbers(values: Value[] | null, count: number): number[] {
  if (!values || values.length !== count || !values.every((v) => typeof v === 'number')) unsupported('operands');
  return values as number[];
}

/** The bytes of a page's content (several streams are read as one, as pdfjs does). */
function contentOf(file: PdfFile, page: Dict): Uint8Array {
  const contents = file.get(page, 'Contents');
  const streams = Array.isArray(contents) ? contents.map((c) => file.resolve(c)) : contents === undefined || contents === null ? [] : [contents];
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (!(stream instanceof Stream)) unsupported('content');
    if (stream.dict.map.has('Resources')) unsupported('content resources');
    parts.push(decode(stream, file));
  }
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
}

/**
 * The pages' operators without pdfjs, or null when the file holds anything this reader leaves to
 * pdfjs (`why`, when given, is told the reason). `maxPages` stops before reading a longer document.
 */
export function readPdfDirect(bytes: Uint8Array, maxPages: number, why?: (reason: string) => void): { pages: DirectPage[] } | { tooManyPages: number } | null {
  try {
    const file = new PdfFile(bytes);
    const nodes = pagesOf(file);
    if (nodes.length > maxPages) return { tooManyPages: nodes.length };
    const fonts = new Map<Value, { font: DirectFont; id: string }>();
    const pages = nodes.map((node) => {
      const [x1, y1, x2, y2] = node.mediaBox;
      return { operators: evaluate(file, contentOf(file, node.dict), node.resources, fonts), width: x2 - x1, height: y2 - y1 };
    });
    return { pages };
  } catch (error) {
    // Unsupported: a part left to pdfjs. RangeError: a structure too deep or large for this reader.
    if (error instanceof Unsupported || error instanceof RangeError) {
      why?.(error.message);
      return null;
    }
    throw error;
  }
}
