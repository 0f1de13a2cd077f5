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
