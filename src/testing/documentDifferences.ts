/**
 * Where two documents differ, field by field (JSON Pointers), for tests that import the same form
 * from several formats. PDF text loses the white space at a wrapped line's end; `looseWhitespace`
 * ignores white space next to Chinese text, which is where that happens.
 */

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

function loosen(text: string): string {
  return text.replace(/\s+/g, (match, at: number, all: string) => (CJK.test(all[at - 1] ?? '') || CJK.test(all[at + match.length] ?? '') ? '' : ' '));
}

/** The JSON Pointers where `actual` differs from `expected`, with both values; [] when they are the same. */
export function documentDifferences(expected: unknown, actual: unknown, options: { looseWhitespace?: boolean; ignore?: readonly string[] } = {}): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (options.ignore?.includes(path)) return;
    if (typeof a === 'string' && typeof b === 'string') {
      if (options.looseWhitespace ? loosen(a) !== loosen(b) : a !== b) out.push(`${path}: ${JSON.stringify(a).slice(0, 120)} ≠ ${JSON.stringify(b).slice(0, 120)}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) out.push(`${path}: ${a.length} items ≠ ${b.length} items`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}/${i}`);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
      return;
    }
    if (a !== b) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  };
  walk(expected, actual, '');
  return out;
}
