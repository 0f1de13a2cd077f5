/**
 * Turns the bytes of a text file into a string: UTF-8 (with or without BOM), UTF-16 with BOM, or
 * GB18030/GBK, the encodings Chinese government text files come in.
 */

/** The text and the encoding it was read in. */
export type DecodeResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' }
  | { ok: false; problem: 'empty' | 'binary' | 'encoding'; message: string };

// Decoders are stateless between one-shot decode() calls; making one costs more than decoding a form.
// The lenient UTF-8 decoder has a fast path the fatal one lacks: decode leniently, and only when a
// replacement character shows up ask the fatal decoder whether the bytes were really invalid.
const UTF8_LENIENT = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const GB18030 = new TextDecoder('gb18030', { fatal: true });

/** Decodes file bytes; never throws. Binary content (NUL bytes, many control characters) is refused. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: 'empty', message: 'the file is empty' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (looksBinary(bytes)) return { ok: false, problem: 'binary', message: 'the file is binary, not text' };
  try {
    const body = hasBom ? bytes.subarray(3) : bytes;
    const lenient = UTF8_LENIENT.decode(body);
    const text = lenient.includes('\uFFFD') ? UTF8.decode(body) : lenient;
    return checked(text, 'utf-8');
  } catch {
    // Not UTF-8: Chinese text files that are not UTF-8 are GBK or its superset GB18030.
  }
  try {
    const text = GB18030.decode(bytes);
    return checked(text, 'gb18030');
  } catch {
    return { ok: false, problem: 'encoding', message: 'the file is neither UTF-8 nor GB18030/GBK text' };
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    return checked(text, encoding);
  } catch {
    return { ok: false, problem: 'encoding', message: `the file starts with a ${encoding.toUpperCase()} mark but is not valid ${encoding.toUpperCase()}` };
  }
}

function checked(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'): DecodeResult {
  if (/^[\s\u3000\uFEFF]*$/u.test(text)) return { ok: false, problem: 'empty', message: 'the file holds only white space' };
  return { ok: true, text, encoding };
}

/** NUL bytes, or more than 1 in 20 bytes being control characters other than tab, CR, LF and FF. */
function looksBinary(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x20) {
      if (byte === 0) return true;
      if (byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
    }
  }
  return control * 20 > length;
}
