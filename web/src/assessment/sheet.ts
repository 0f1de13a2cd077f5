/**
 * The score sheet's logic, pure and tested (sheet.test.ts): the criteria a scorer scores, a typed
 * score checked as the server checks it (the criterion named), one scorer's score written in, and
 * two versions merged when a save lost a race.
 */
import type { Assessment, Criterion, Score } from '../../../src/core/assessment/assessment.ts';
import { criteriaTree, validateAssessment } from '../../../src/core/assessment/scoring.ts';

/** A criterion with its depth, in the template's order (一级 first, each followed by what is below it). */
export interface SheetRow {
  readonly criterion: Criterion;
  readonly level: number;
  readonly leaf: boolean;
}

/** The criteria as the sheet lists them: the tree walked depth first. */
export function sheetRows(criteria: readonly Criterion[]): SheetRow[] {
  const tree = criteriaTree(criteria);
  const rows: SheetRow[] = [];
  const walk = (parent: string | null, level: number) => {
    for (const c of criteria.filter((x) => x.parent === parent)) {
      const children = tree.children.get(c.id) ?? [];
      rows.push({ criterion: c, level, leaf: children.length === 0 });
      walk(c.id, level + 1);
    }
  };
  walk(null, 1);
  return rows;
}

/**
 * Why a typed score cannot be taken (the server's own words, naming the criterion and its range or
 * bands), or null when it can; an empty box is no score, not a problem.
 */
export function scoreProblem(criterion: Criterion, text: string, scorerName: string): { zh: string; en: string } | null {
  const score = text.trim();
  if (score === '') return null;
  const problems = validateAssessment({
    purpose: 'key-evaluation',
    template: { name: '', version: 1, criteria: [{ ...criterion, parent: null }] },
    scorers: [{ id: 'me', name: scorerName, role: 'expert', weight: null }],
    scores: [{ scorer: 'me', criterion: criterion.id, score, reason: '' }],
    aggregation: { method: 'mean', drop: 1 },
    blend: null,
  }).filter((p) => p.path.startsWith('scores.'));
  return problems[0]?.message ?? null;
}

/** The content with one scorer's score on a criterion set (text), removed (empty), or its reason changed. */
export function withScore(content: Assessment, scorer: string, criterion: string, change: { score?: string; reason?: string }): Assessment {
  const at = content.scores.findIndex((s) => s.scorer === scorer && s.criterion === criterion);
  const current: Score = at >= 0 ? (content.scores[at] as Score) : { scorer, criterion, score: '', reason: '' };
  const next: Score = { ...current, ...(change.score !== undefined ? { score: change.score.trim() } : {}), ...(change.reason !== undefined ? { reason: change.reason } : {}) };
  // A score with neither points nor a reason is no score.
  const keep = next.score !== '' || next.reason.trim() !== '';
  const scores = content.scores.filter((_, i) => i !== at);
  if (keep) scores.splice(at >= 0 ? at : scores.length, 0, next);
  return { ...content, scores };
}

/** The scores the server can take: those with points (a reason alone waits in the sheet). */
export function savableScores(scores: readonly Score[]): Score[] {
  return scores.filter((s) => s.score !== '');
}

const scoreKey = (s: Score) => `${s.scorer}\u0000${s.criterion}`;

/**
 * After a save lost a race: their version, with what I changed since the version I started from —
 * each score by scorer and criterion, each other part of the document whole.
 */
export function mergeAssessments(base: Assessment, mine: Assessment, theirs: Assessment): Assessment {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const merged: Record<string, unknown> = { ...theirs };
  for (const key of Object.keys(mine) as Array<keyof Assessment>) {
    if (key === 'scores' || key === 'result') continue;
    if (!same(mine[key], base[key])) merged[key] = mine[key];
  }
  const baseScores = new Map(base.scores.map((s) => [scoreKey(s), s]));
  const mineScores = new Map(mine.scores.map((s) => [scoreKey(s), s]));
  const scores = new Map(theirs.scores.map((s) => [scoreKey(s), s]));
  for (const [key, s] of mineScores) if (!same(s, baseScores.get(key))) scores.set(key, s);
  for (const key of baseScores.keys()) if (!mineScores.has(key)) scores.delete(key);
  merged.scores = [...scores.values()];
  return merged as unknown as Assessment;
}
