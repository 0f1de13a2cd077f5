/**
 * Editing a template's criteria tree, pure and tested (templateTree.test.ts): add, remove, rename,
 * reweight, move among siblings, nest under the one above and lift out again. Every edit returns a
 * new list in depth-first order (一级 first, each followed by what is below it), the order the
 * sheets list criteria in and the order a saved template keeps. Ids never change, so the evidence
 * checklist and a sampling review's `quality` / `rescore` parts stay tied to their criteria.
 */
import type { Criterion } from '../../../src/core/assessment/assessment.ts';

/** The criteria in depth-first order: a parent before its children, siblings in their present order; a criterion whose parent is missing is kept at the end. */
export function depthFirst(criteria: readonly Criterion[]): Criterion[] {
  const out: Criterion[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const c of criteria) {
      if (c.parent !== parent || seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  for (const c of criteria) if (!seen.has(c.id)) out.push(c);
  return out;
}

/** The ids of a criterion and everything below it. */
export function subtreeIds(criteria: readonly Criterion[], id: string): Set<string> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of criteria) {
      if (c.parent !== null && ids.has(c.parent) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** A criterion with some of its fields changed (its name, weight or guidance). */
export function updateCriterion(criteria: readonly Criterion[], id: string, change: Partial<Pick<Criterion, 'name' | 'weight' | 'guidance'>>): Criterion[] {
  return criteria.map((c) => (c.id === id ? { ...c, ...change } : c));
}

/** An id no criterion has: `new-1`, `new-2` … */
function freshId(criteria: readonly Criterion[]): string {
  const ids = new Set(criteria.map((c) => c.id));
  let n = 1;
  while (ids.has(`new-${n}`)) n += 1;
  return `new-${n}`;
}

/** A new criterion, last under `parent` (null: a new first-level criterion), scored by judgement; its id is returned beside the list. */
export function addCriterion(criteria: readonly Criterion[], parent: string | null, name: string): { criteria: Criterion[]; id: string } {
  const id = freshId(criteria);
  const added: Criterion = { id, parent, name, weight: '0', guidance: '', standard: { type: 'judgement', text: '' } };
  return { criteria: depthFirst([...criteria, added]), id };
}

/** The list without a criterion and everything below it. */
export function removeCriterion(criteria: readonly Criterion[], id: string): Criterion[] {
  const gone = subtreeIds(criteria, id);
  return criteria.filter((c) => !gone.has(c.id));
}

function siblingsOf(criteria: readonly Criterion[], c: Criterion): Criterion[] {
  return criteria.filter((x) => x.parent === c.parent);
}

/** A criterion (with what is below it) swapped with its sibling above (`up`) or below (`down`); unchanged at either end. */
export function moveCriterion(criteria: readonly Criterion[], id: string, direction: 'up' | 'down'): Criterion[] {
  const c = criteria.find((x) => x.id === id);
  if (!c) return [...criteria];
  const siblings = siblingsOf(criteria, c);
  const at = siblings.indexOf(c);
  const other = siblings[direction === 'up' ? at - 1 : at + 1];
  if (!other) return [...criteria];
  const swapped = criteria.map((x) => (x === c ? other : x === other ? c : x));
  return depthFirst(swapped);
}

/** Whether a criterion can be nested under the sibling above it (there is one). */
export function canNest(criteria: readonly Criterion[], id: string): boolean {
  const c = criteria.find((x) => x.id === id);
  return c !== undefined && siblingsOf(criteria, c).indexOf(c) > 0;
}

/** A criterion (with what is below it) put last under the sibling above it (一级 → 二级 …); unchanged for the first of its siblings. */
export function nestCriterion(criteria: readonly Criterion[], id: string): Criterion[] {
  const c = criteria.find((x) => x.id === id);
  if (!c || !canNest(criteria, id)) return [...criteria];
  const siblings = siblingsOf(criteria, c);
  const above = siblings[siblings.indexOf(c) - 1] as Criterion;
  // Last among the new parent's children: after them in the list, then put back in order.
  const moved = { ...c, parent: above.id };
  return depthFirst([...criteria.filter((x) => x !== c), moved]);
}

/** A criterion (with what is below it) lifted out of its parent, placed right after it (三级 → 二级 …); unchanged at the first level. */
export function liftCriterion(criteria: readonly Criterion[], id: string): Criterion[] {
  const c = criteria.find((x) => x.id === id);
  const parent = c?.parent ? criteria.find((x) => x.id === c.parent) : undefined;
  if (!c || !parent) return [...criteria];
  const moved = { ...c, parent: parent.parent };
  const rest = criteria.filter((x) => x !== c);
  rest.splice(rest.indexOf(parent) + 1, 0, moved);
  return depthFirst(rest);
}

/** A problem as the core and the server word it: `criteria.3.weight`, or `criteria` for the whole tree. */
export interface TemplateProblem {
  readonly path: string;
  readonly message: { readonly zh: string; readonly en: string };
}

/**
 * Problems sorted by the criterion they name (by its place in `criteria`, the list that was checked or
 * sent), and those about the whole tree. A field of the server's refusal (`body.criteria.3.weight`)
 * is read the same way.
 */
export function problemsByCriterion(criteria: readonly Criterion[], problems: readonly TemplateProblem[]): { byId: Map<string, TemplateProblem[]>; general: TemplateProblem[] } {
  const byId = new Map<string, TemplateProblem[]>();
  const general: TemplateProblem[] = [];
  for (const p of problems) {
    const match = /(?:^|\.)criteria\.(\d+)(?:\.|$)/.exec(p.path);
    const c = match ? criteria[Number(match[1])] : undefined;
    if (!c) {
      general.push(p);
      continue;
    }
    const list = byId.get(c.id);
    if (list) list.push(p);
    else byId.set(c.id, [p]);
  }
  return { byId, general };
}
