/**
 * Text the stores cannot keep exactly is refused at the door: U+0000 and lone UTF-16 surrogates
 * (core/storableText.ts), and a leading byte-order mark U+FEFF (one store keeps it, the other drops
 * it). Every string of a request — path, query, body, and the keys of its objects — is looked at
 * once, before any handler runs.
 */
import { unstorableCharacter } from '../core/storableText.ts';

/** Where a request holds text that cannot be stored, and what is wrong with it. */
export interface TextProblem {
  /** The field, as `params.id`, `query.q`, `body.content.goals.3`. */
  readonly field: string;
  readonly problem: 'nul' | 'lone-surrogate' | 'bom';
}

/** Why a single string cannot be stored, or null. */
export function textProblem(text: string): TextProblem['problem'] | null {
  const unstorable = unstorableCharacter(text);
  if (unstorable) return unstorable.problem;
  // The embedded store drops a leading byte-order mark from text it returns and PostgreSQL keeps it:
  // refused, so that both stores give back exactly what they were given.
  if (text.charCodeAt(0) === 0xfeff) return 'bom';
  return null;
}

/**
 * The first string in a parsed value that cannot be stored. Walks with an explicit stack, so a deeply
 * nested body cannot exhaust the call stack.
 */
export function findTextProblem(value: unknown, root: string): TextProblem | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [current, field] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { field, problem };
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${field}.${i}`]);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const problem = textProblem(key);
        // The key is named with what cannot be shown replaced.
        if (problem) return { field: `${field}.${[...key].map((c) => (textProblem(c) ? '?' : c)).join('')}`, problem };
        stack.push([child, `${field}.${key}`]);
      }
    }
  }
  return null;
}
