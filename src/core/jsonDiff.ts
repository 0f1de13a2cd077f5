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
