/**
 * Differences between two versions of a declaration, and the merge of two people's edits of one
 * version, with rows matched by what they are rather than where they stand: deleting the third
 * indicator is one removed row, not a cascade of every row below it changing into its neighbour.
 *
 * Rows carry no ids in the canonical format, so they are matched the way a reader would: rows left
 * exactly as they were first (a longest common subsequence), then, between those, rows that are
 * recognisably the same row edited (same name, or most fields the same), in order.
 */
import type { TargetDocument } from './document.ts';
import { diffJson, type Change as JsonChange } from './jsonDiff.ts';
import { parseTargetValue } from './targetValue.ts';

/** The lists of a declaration whose items are rows. */
export const ROW_LISTS = ['projects', 'goals', 'otherTasks', 'indicators', 'emptyLevel2', 'extra', 'unparsed'] as const;

/** A row list of a document; [] where its kind has no such list (a project form has no `projects`). */
function rowsOf(d: TargetDocument, list: string): readonly unknown[] {
  const rows = (d as unknown as Record<string, unknown>)[list];
  return Array.isArray(rows) ? rows : [];
}

/** The row lists a document's kind has. */
function listsOf(d: TargetDocument): RowList[] {
  return ROW_LISTS.filter((list) => Array.isArray((d as unknown as Record<string, unknown>)[list]));
}
export type RowList = (typeof ROW_LISTS)[number];

/** One difference between two versions. Paths of removed rows point into the older version, all others into the newer. */
export type DeclarationChange =
  | { readonly op: 'add'; readonly path: string; readonly to: unknown; readonly row?: boolean }
  | { readonly op: 'remove'; readonly path: string; readonly from: unknown; readonly row?: boolean }
  | { readonly op: 'replace'; readonly path: string; readonly from: unknown; readonly to: unknown }
  | { readonly op: 'move'; readonly path: string; readonly fromIndex: number; readonly to: unknown; readonly row: true };

/** Where each row of `before` went in `after` (null: removed), and which rows of `after` are new. */
export interface Alignment {
  /** For each index of `before`, its index in `after`, or null. */
  readonly forward: ReadonlyArray<number | null>;
  /** For each index of `after`, its index in `before`, or null for a new row. */
  readonly backward: ReadonlyArray<number | null>;
}

/** JSON with sorted keys: a version read back from the database has its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** True when two rows carry the same non-empty name: the surest sign of one row, edited. */
function sameName(list: RowList, a: unknown, b: unknown): boolean {
  if (list !== 'indicators' && list !== 'projects') return false;
  const na = (a as { name?: unknown } | null)?.name;
  const nb = (b as { name?: unknown } | null)?.name;
  return typeof na === 'string' && na.trim() !== '' && na === nb;
}

/** True when two rows of a list are the same row, edited: most of their fields are the same. */
function sameRow(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return false; // strings pair by position in a gap instead
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra).filter((k) => !k.endsWith('Value'));
  const equal = keys.filter((k) => same(ra[k], rb[k])).length;
  return keys.length > 0 && equal * 2 > keys.length;
}

/** Matches the rows of two versions of a list. */
export function alignRows(list: RowList, before: readonly unknown[], after: readonly unknown[]): Alignment {
  const a = before.map(canonical);
  const b = after.map(canonical);
  // Longest common subsequence of unchanged rows (forms have tens to hundreds of rows).
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = table[i] as Uint32Array;
    const below = table[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  const forward: Array<number | null> = new Array<number | null>(n).fill(null);
  const backward: Array<number | null> = new Array<number | null>(m).fill(null);
  const anchors: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      anchors.push([i, j]);
      i++;
      j++;
    } else if (((table[i + 1] as Uint32Array)[j] as number) >= ((table[i] as Uint32Array)[j + 1] as number)) i++;
    else j++;
  }
  for (const [i, j] of anchors) {
    forward[i] = j;
    backward[j] = i;
  }
  // Between anchors: pair edited rows in order; for lists of strings, by position in the gap.
  const gaps: Array<[number, number, number, number]> = [];
  let pi = 0;
  let pj = 0;
  for (const [i, j] of [...anchors, [n, m] as [number, number]]) {
    if (i > pi || j > pj) gaps.push([pi, i, pj, j]);
    pi = i + 1;
    pj = j + 1;
  }
  for (const [i0, i1, j0, j1] of gaps) {
    const strings = before.slice(i0, i1).every((r) => typeof r === 'string') && after.slice(j0, j1).every((r) => typeof r === 'string');
    if (strings) {
      for (let k = 0; k < Math.min(i1 - i0, j1 - j0); k++) {
        forward[i0 + k] = j0 + k;
        backward[j0 + k] = i0 + k;
      }
      continue;
    }
    // Rows of the same name first (a row inserted among near-identical ones must not shift the
    // pairing), then what is left by most fields, each in order.
    for (const matches of [(x: unknown, y: unknown) => sameName(list, x, y), sameRow]) {
      let j = j0;
      for (let i = i0; i < i1; i++) {
        if (forward[i] !== null) continue;
        for (let k = j; k < j1; k++) {
          if (backward[k] === null && matches(before[i], after[k])) {
            forward[i] = k;
            backward[k] = i;
            j = k + 1;
            break;
          }
        }
      }
    }
  }
  // Rows unchanged but moved elsewhere: a removed row equal to an added one.
  for (let i = 0; i < n; i++) {
    if (forward[i] !== null) continue;
    const k = b.findIndex((text, j) => backward[j] === null && text === a[i]);
    if (k >= 0) {
      forward[i] = k;
      backward[k] = i;
    }
  }
  return { forward, backward };
}

/** Everything of a declaration but its row lists, for a field-by-field comparison. */
function withoutLists(d: TargetDocument): Record<string, unknown> {
  const lists = new Set<string>(ROW_LISTS);
  return Object.fromEntries(Object.entries(d).filter(([key]) => !lists.has(key)));
}

/** Parsed targets follow from the printed ones beside them: they are never a change of their own. */
const derived = (path: string): boolean => /TargetValue(?:\/|$)/.test(path);

/** The changes from one version to the next, rows matched by identity. */
export function diffDeclarations(before: TargetDocument, after: TargetDocument): DeclarationChange[] {
  const changes: DeclarationChange[] = diffJson(withoutLists(before), withoutLists(after)).map((c: JsonChange) => c);
  for (const list of listsOf(after)) {
    const a = rowsOf(before, list);
    const b = rowsOf(after, list);
    const { forward, backward } = alignRows(list, a, b);
    for (let i = 0; i < a.length; i++) if (forward[i] === null) changes.push({ op: 'remove', path: `/${list}/${i}`, from: a[i], row: true });
    // Moved: matched rows out of the order of their neighbours.
    let lastTarget = -1;
    for (let j = 0; j < b.length; j++) {
      const i = backward[j];
      if (i === null || i === undefined) {
        changes.push({ op: 'add', path: `/${list}/${j}`, to: b[j], row: true });
        continue;
      }
      if (i < lastTarget && same(a[i], b[j])) changes.push({ op: 'move', path: `/${list}/${j}`, fromIndex: i, to: b[j], row: true });
      lastTarget = Math.max(lastTarget, i);
      for (const change of diffJson(a[i], b[j], `/${list}/${j}`)) changes.push(change);
    }
  }
  return changes.filter((c) => !derived(c.path));
}

/** A place where two people changed the same thing differently: the merge cannot choose for them. */
export interface MergeConflict {
  /** Where, in the merged declaration. */
  readonly path: string;
  /** `field`: both changed one value. `row`: one deleted a row the other edited (the merged version keeps it). */
  readonly kind: 'field' | 'row';
  readonly base: unknown;
  readonly mine: unknown;
  readonly theirs: unknown;
}

/** Two people's edits of one version, combined: everything that does not clash, and the clashes. */
export interface Merge<D extends TargetDocument = TargetDocument> {
  /** Mine where we clash, until a conflict is resolved otherwise. */
  readonly merged: D;
  readonly conflicts: readonly MergeConflict[];
}

type Json = unknown;

/** Three-way merge of one value: objects key by key, anything else whole. */
function mergeValue(base: Json, mine: Json, theirs: Json, path: string, conflicts: MergeConflict[]): Json {
  if (same(mine, theirs)) return mine;
  if (same(base, mine)) return theirs;
  if (same(base, theirs)) return mine;
  const isRecord = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isRecord(base) && isRecord(mine) && isRecord(theirs)) {
    const out: Record<string, Json> = {};
    for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      if (derived(`${path}/${key}`)) continue;
      out[key] = mergeValue(base[key], mine[key], theirs[key], `${path}/${key}`, conflicts);
    }
    // Parsed targets follow the merged printed target: taken from whichever side's text won.
    for (const key of Object.keys(mine).filter((k) => derived(`${path}/${k}`))) {
      const text = key.replace(/Value$/, '');
      out[key] = same(out[text], theirs[text]) && !same(out[text], mine[text]) ? theirs[key] : mine[key];
    }
    return out;
  }
  conflicts.push({ path, kind: 'field', base, mine, theirs });
  return mine;
}

/** Three-way merge of a list of rows. */
function mergeList(list: RowList, base: readonly Json[], mine: readonly Json[], theirs: readonly Json[], conflicts: MergeConflict[]): Json[] {
  const toMine = alignRows(list, base, mine);
  const toTheirs = alignRows(list, base, theirs);
  // Their new rows, each after the base row that precedes it in their list (-1: at the start).
  const theirInserts = new Map<number, Json[]>();
  let anchor = -1;
  for (let j = 0; j < theirs.length; j++) {
    const i = toTheirs.backward[j];
    if (i === null || i === undefined) theirInserts.set(anchor, [...(theirInserts.get(anchor) ?? []), theirs[j]]);
    else anchor = i;
  }
  const out: Json[] = [];
  const pending: Array<{ at: number; conflict: Omit<MergeConflict, 'path'> }> = [];
  const placeTheirs = (after: number) => {
    for (const row of theirInserts.get(after) ?? []) if (!mine.some((m) => same(m, row))) out.push(row);
    theirInserts.delete(after);
  };
  placeTheirs(-1);
  // A base row I deleted: gone, unless they changed it — then theirs is kept where it stood, and I am asked.
  // Either way it still anchors the rows they added after it.
  const settled = new Set<number>();
  const settleDeleted = (upTo: number) => {
    for (let i = 0; i < upTo; i++) {
      if (toMine.forward[i] !== null || settled.has(i)) continue;
      settled.add(i);
      const theirIndex = toTheirs.forward[i];
      if (theirIndex !== null && theirIndex !== undefined && !same(base[i], theirs[theirIndex])) {
        pending.push({ at: out.length, conflict: { kind: 'row', base: base[i], mine: undefined, theirs: theirs[theirIndex] } });
        out.push(theirs[theirIndex]);
      }
      placeTheirs(i);
    }
  };
  for (let j = 0; j < mine.length; j++) {
    const i = toMine.backward[j];
    if (i === null || i === undefined) {
      out.push(mine[j]);
      continue;
    }
    settleDeleted(i);
    const theirIndex = toTheirs.forward[i];
    if (theirIndex === null || theirIndex === undefined) {
      // They deleted it: gone, unless I changed it — then keep mine and ask.
      if (!same(base[i], mine[j])) {
        pending.push({ at: out.length, conflict: { kind: 'row', base: base[i], mine: mine[j], theirs: undefined } });
        out.push(mine[j]);
      }
    } else {
      const rowConflicts: MergeConflict[] = [];
      const merged = mergeValue(base[i], mine[j], theirs[theirIndex], '', rowConflicts);
      for (const c of rowConflicts) pending.push({ at: out.length, conflict: c });
      out.push(merged);
    }
    placeTheirs(i);
  }
  settleDeleted(base.length);
  for (const rows of theirInserts.values()) out.push(...rows);
  for (const { at, conflict } of pending) {
    const inner = (conflict as MergeConflict).path ?? '';
    conflicts.push({ ...conflict, path: `/${list}/${at}${conflict.kind === 'field' ? inner : ''}` });
  }
  return out;
}

/**
 * Combines my edit and theirs of the same base version. Changes to different fields or rows are both
 * kept; a value both changed differently, or a row one deleted and the other edited, is a conflict.
 */
export function mergeDeclarations<D extends TargetDocument>(base: D, mine: D, theirs: D): Merge<D> {
  const conflicts: MergeConflict[] = [];
  const merged = mergeValue(withoutLists(base), withoutLists(mine), withoutLists(theirs), '', conflicts) as Record<string, Json>;
  for (const list of listsOf(mine)) merged[list] = mergeList(list, rowsOf(base, list) as Json[], rowsOf(mine, list) as Json[], rowsOf(theirs, list) as Json[], conflicts);
  return { merged: merged as unknown as D, conflicts };
}

/** How a conflict was settled. */
export type Resolution = 'mine' | 'theirs';

/** The merged declaration with each conflict settled as chosen (unsettled ones stay mine). */
export function resolveMerge<D extends TargetDocument>(merge: Merge<D>, choices: ReadonlyMap<string, Resolution>): D {
  const result = structuredClone(merge.merged) as unknown as Record<string, Json>;
  const removals: Array<[RowList, number]> = [];
  for (const conflict of merge.conflicts) {
    const choice = choices.get(conflict.path) ?? 'mine';
    const chosen = choice === 'mine' ? conflict.mine : conflict.theirs;
    const [, list, index] = conflict.path.split('/');
    if (conflict.kind === 'row') {
      if (chosen === undefined) removals.push([list as RowList, Number(index)]);
      else (result[list as string] as Json[])[Number(index)] = chosen;
      continue;
    }
    setAt(result, conflict.path.split('/').slice(1), chosen);
  }
  for (const [list, index] of removals.sort((x, y) => y[1] - x[1])) (result[list] as Json[]).splice(index, 1);
  const resolved = result as unknown as TargetDocument;
  // A chosen printed target brings its parsed form with it.
  const indicators = (resolved.indicators as ReadonlyArray<TargetDocument['indicators'][number]>).map((i) => ({ ...i, periodTargetValue: parseTargetValue(i.periodTarget ?? ''), annualTargetValue: parseTargetValue(i.annualTarget) }));
  return { ...resolved, indicators } as D;
}

function setAt(target: Record<string, Json>, keys: readonly string[], value: Json): void {
  let node: Json = target;
  for (const key of keys.slice(0, -1)) node = (node as Record<string, Json>)[key];
  const last = keys[keys.length - 1];
  if (last !== undefined && node !== null && typeof node === 'object') (node as Record<string, Json>)[last] = value;
}

/**
 * Where a pointer into one version leads in the next, rows followed by identity: a comment on the
 * fifth indicator stays on that indicator when a row is inserted above it. Null when the row it
 * pointed into was removed.
 */
export function followPointer(before: TargetDocument, after: TargetDocument, path: string, alignments: Map<RowList, Alignment> = new Map()): string | null {
  const [, list, index, ...rest] = path.split('/');
  if (!list || index === undefined || !(ROW_LISTS as readonly string[]).includes(list)) return path;
  const i = Number(index);
  if (!Number.isInteger(i)) return path;
  const name = list as RowList;
  let alignment = alignments.get(name);
  if (!alignment) {
    alignment = alignRows(name, rowsOf(before, name), rowsOf(after, name));
    alignments.set(name, alignment);
  }
  const j = alignment.forward[i];
  if (j === null || j === undefined) return null;
  return ['', list, String(j), ...rest].join('/');
}
