/**
 * Text the stores cannot keep exactly: PostgreSQL text and jsonb cannot hold U+0000; jsonb refuses a
 * lone UTF-16 surrogate and text columns turn one into U+FFFD. The server refuses such text in any
 * request, and the importer refuses it in a form.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where a text first holds U+0000 or a lone surrogate, and which; null when it holds neither. */
export function unstorableCharacter(text: string): { index: number; problem: 'nul' | 'lone-surrogate' } | null {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return { index: nul, problem: 'nul' };
  const surrogate = LONE_SURROGATE.exec(text);
  return surrogate ? { index: surrogate.index, problem: 'lone-surrogate' } : null;
}
