/**
 * Field-level differences between two versions of plain JSON data, as JSON Pointer paths: what a
 * history view highlights and what a reviewer reads when a form comes back.
 */

/** One difference. */
export type Change =
  | { readonly op: 'add'; readonly path: string; readonly to: unknown }
  | { readonly op: 'remove'; readonly path: string; readonly from: unknown }
  | { readonly op: 'replace'; readonly path: string; readonly from: unknown; readonly to: unknown };

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The changes that turn `before` into `after`, leaf by leaf, in document order. */
export function diffJson(before: unknown, after: unknown, path = ''): Change[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: Change[] = [];
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) changes.push(...diffJson(before[i], after[i], `${path}/${i}`));
    for (let i = common; i < after.length; i++) changes.push({ op: 'add', path: `${path}/${i}`, to: after[i] });
    for (let i = common; i < before.length; i++) changes.push({ op: 'remove', path: `${path}/${i}`, from: before[i] });
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const changes: Change[] = [];
    for (const key of Object.keys(before)) {
      const child = `${path}/${escape(key)}`;
      if (key in after) changes.push(...diffJson(before[key], after[key], child));
      else changes.push({ op: 'remove', path: child, from: before[key] });
    }
    for (const key of Object.keys(after)) {
      if (!(key in before)) changes.push({ op: 'add', path: `${path}/${escape(key)}`, to: after[key] });
    }
    return changes;
  }
  return Object.is(before, after) ? [] : [{ op: 'replace', path: path || '', from: before, to: after }];
}

/** True when a JSON Pointer still leads somewhere in the data (a comment's anchor survives). */
export function pointerExists(data: unknown, path: string): boolean {
  let node: unknown = data;
  for (const raw of path.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) return false;
      node = node[index];
    } else if (isObject(node) && key in node) {
      node = node[key];
    } else {
      return false;
    }
  }
  return true;
}

/** A three-way merge of plain data: the edits of both sides kept, and where both changed one value, mine. */
export interface JsonMerge<T> {
  readonly merged: T;
  /** JSON Pointers of the values both sides changed differently (mine kept). */
  readonly conflicts: readonly string[];
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges two edits of one base, leaf by leaf: objects key by key, lists of the same length item by
 * item (documents whose rows are fixed, such as a report measuring a target form); a list whose
 * length changed, or any other value, is one leaf. Where both changed a leaf to different values,
 * mine is kept and the leaf is named among the conflicts.
 */
export function mergeJson<T>(base: T, mine: T, theirs: T): JsonMerge<T> {
  const conflicts: string[] = [];
  const walk = (b: unknown, m: unknown, t: unknown, path: string): unknown => {
    if (same(m, t)) return m;
    if (same(b, m)) return t;
    if (same(b, t)) return m;
    if (Array.isArray(b) && Array.isArray(m) && Array.isArray(t) && b.length === m.length && m.length === t.length) {
      return b.map((item, i) => walk(item, m[i], t[i], `${path}/${i}`));
    }
    if (isObject(b) && isObject(m) && isObject(t)) {
      const out: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(t)])) {
        const value = walk(b[key], m[key], t[key], `${path}/${escape(key)}`);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    conflicts.push(path);
    return m;
  };
  return { merged: walk(base, mine, theirs, '') as T, conflicts };
}
