/**
 * Which indicators measure which overall goals and projects, judged by shared wording: the
 * goal × indicator matrix the review screen shows, and the basis of the coverage rules.
 */
import type { DepartmentTargetDeclaration } from '../declaration.ts';
import { GENERIC_WORDS } from './vocabulary/stopPairs.ts';

// A pair of BMP characters as one number (first × 65536 + second): cheaper to hash than a string.
const pairCode = (a: number, b: number): number => a * 0x10000 + b;
const GENERIC_PAIRS = new Set(GENERIC_WORDS.map((w) => pairCode(w.charCodeAt(0), w.charCodeAt(1))));
const isCjk = (code: number): boolean => code >= 0x3400 && code <= 0x9fff;

/** The informative character pairs of a text: adjacent CJK characters, generic words left out. */
export function wordingPairs(text: string): Set<number> {
  const pairs = new Set<number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (!isCjk(a) || !isCjk(b)) continue;
    const pair = pairCode(a, b);
    if (!GENERIC_PAIRS.has(pair)) pairs.add(pair);
  }
  return pairs;
}

/** A pair code back as its two characters, for tests and explanations. */
export function pairText(pair: number): string {
  return String.fromCharCode(Math.floor(pair / 0x10000), pair % 0x10000);
}

/** For each indicator, how many informative pairs it shares with a text (via an index: pair → indicators). */
function sharedWithEach(text: string, index: ReadonlyMap<number, readonly number[]>, indicatorCount: number): number[] {
  const counts = new Array<number>(indicatorCount).fill(0);
  for (const pair of wordingPairs(text)) {
    for (const i of index.get(pair) ?? []) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** True as soon as some indicator shares `threshold` informative pairs with the text (stops early). */
function reachesThreshold(text: string, index: ReadonlyMap<number, readonly number[]>, indicatorCount: number, threshold: number): boolean {
  const counts = new Uint16Array(indicatorCount);
  const seen = new Set<number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (!isCjk(a) || !isCjk(b)) continue;
    const pair = pairCode(a, b);
    const hits = index.get(pair);
    // Each distinct pair counts once, as in the goal rows of the matrix.
    if (!hits || seen.has(pair)) continue;
    seen.add(pair);
    for (const hit of hits) {
      counts[hit] = (counts[hit] ?? 0) + 1;
      if ((counts[hit] ?? 0) >= threshold) return true;
    }
  }
  return false;
}

/** The coverage matrix: for each goal (row) and indicator (column), how many informative pairs they share. */
export interface CoverageMatrix {
  readonly goals: readonly string[];
  readonly indicators: readonly string[];
  /** `scores[g][i]`: shared informative character pairs of goal g and indicator i. */
  readonly scores: readonly (readonly number[])[];
  /** `served[g]`: goal g shares at least the threshold with some indicator. */
  readonly served: readonly boolean[];
  /** For each project, whether some indicator shares the threshold with its name and content. */
  readonly projectsMeasured: readonly boolean[];
}

/** Computes the goal × indicator coverage matrix; `threshold` is the number of shared pairs that counts. */
export function coverageMatrix(declaration: DepartmentTargetDeclaration, threshold = 2): CoverageMatrix {
  const index = new Map<number, number[]>();
  declaration.indicators.forEach((indicator, i) => {
    for (const pair of wordingPairs(indicator.name)) {
      const list = index.get(pair);
      if (list) list.push(i);
      else index.set(pair, [i]);
    }
  });
  const count = declaration.indicators.length;
  const scores = declaration.goals.map((goal) => sharedWithEach(goal, index, count));
  const projectsMeasured = declaration.projects.map((project) => reachesThreshold(`${project.name}。${project.content}。${project.expectedOutcome}`, index, count, threshold));
  return {
    goals: declaration.goals,
    indicators: declaration.indicators.map((i) => i.name),
    scores,
    served: scores.map((row) => row.some((score) => score >= threshold)),
    projectsMeasured,
  };
}
