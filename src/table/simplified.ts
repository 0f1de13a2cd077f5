/**
 * Traditional characters read as simplified, for recognition: a mirror site converted by a
 * simplified→traditional tool prints 項目名稱 for 项目名称. The conversion is character for
 * character (OpenCC's traditional→mainland table), so every position in a line stays where it was.
 */
import * as OpenCC from 'opencc-js/t2cn';

let convert: ((text: string) => string) | undefined;

/** The lines in simplified characters, and whether any changed. */
export function toSimplified(lines: readonly string[]): { lines: string[]; changed: boolean } {
  convert ??= OpenCC.Converter({ from: 't', to: 'cn' });
  let changed = false;
  const result = lines.map((line) => {
    const simplified = convert?.(line) ?? line;
    // A conversion that changes a line's length (a phrase table) would move every claim: keep
    // that line as it was.
    if (simplified === line || simplified.length !== line.length) return line;
    changed = true;
    return simplified;
  });
  return { lines: result, changed };
}

// Characters only traditional text has, among those forms use most: a text without any needs no conversion.
const TRADITIONAL = /[項績標預單體資數產質時經濟會環實級額執務們這為與關門設計劃費達據態規劃區價認證鑒內總準評擬況條驗點滿]/;
// A pinyin gloss a converter put after a character: 區(qū), 價(jià) — tone-marked syllables in brackets.
const LATIN_ACCENTS = /[\u00e0-\u01dc]/;
const TONE = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
const PINYIN = /[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]/g;

const TRADITIONAL_CODES = new Set([...TRADITIONAL.source.slice(1, -1)].map((c) => c.charCodeAt(0)));

/** True when one of the first `limit` characters is one only traditional text has (a loop: no regex over the text). */
function hasTraditional(text: string, limit: number): boolean {
  const end = Math.min(text.length, limit);
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x4e00 && TRADITIONAL_CODES.has(code)) return true;
  }
  return false;
}

/**
 * The text of a mirror site as the form printed it: traditional characters read as simplified, and
 * the pinyin glosses some converters add after characters (區(qū)) removed, so that labels read as
 * labels. Glosses are converter noise, not content; a text without either is returned as it was.
 */
export function fromMirror(text: string): { text: string; changed: boolean } {
  let out = text;
  let changed = false;
  // Most texts have no tone-marked letter at all: one scan of a range rules glosses out.
  if (LATIN_ACCENTS.test(out) && TONE.test(out) && PINYIN.test(out)) {
    PINYIN.lastIndex = 0;
    out = out.replace(PINYIN, '');
    changed = true;
  }
  PINYIN.lastIndex = 0;
  // A converted page is converted throughout: its first characters tell.
  if (hasTraditional(out, 2000)) {
    const converted = toSimplified(out.split('\n'));
    if (converted.changed) {
      out = converted.lines.join('\n');
      changed = true;
    }
  }
  return { text: out, changed };
}
