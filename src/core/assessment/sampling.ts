/**
 * 抽评: a sample of a year's accepted self-evaluations, stratified by their own grade, with a
 * configured count per grade, random within each grade and reproducible from its seed
 * (domain-evaluation.md §4). Pure: the same candidates, counts and seed always draw the same sample,
 * so a stored and audited seed lets anyone check a draw.
 */

/** A self-evaluation that may be drawn: its id and its own grade. */
export interface SampleCandidate {
  readonly id: string;
  readonly grade: string | null;
}

export const SAMPLE_GRADES = ['优', '良', '中', '差'] as const;

/** The outcome of a draw: the drawn in order (grade by grade), and where a grade had fewer than asked. */
export interface SampleDraw {
  readonly drawn: ReadonlyArray<{ readonly id: string; readonly grade: string }>;
  readonly shortfalls: ReadonlyArray<{ readonly grade: string; readonly asked: number; readonly available: number }>;
}

/**
 * cyrb53: a 53-bit string hash of integer operations only (no float ever decides the order), the same
 * on every platform. Not for secrets: it orders candidates by a seed that is stored and audited.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Draws the sample: within each grade, candidates ordered by the hash of seed and id (ties by id), the
 * first `counts[grade]` taken. Candidates without a grade are never drawn.
 */
export function drawSample(candidates: readonly SampleCandidate[], counts: Readonly<Record<string, number>>, seed: string): SampleDraw {
  const drawn: Array<{ id: string; grade: string }> = [];
  const shortfalls: Array<{ grade: string; asked: number; available: number }> = [];
  for (const grade of SAMPLE_GRADES) {
    const asked = Object.hasOwn(counts, grade) ? Math.max(0, Math.floor(counts[grade] ?? 0)) : 0;
    if (asked === 0) continue;
    const pool = candidates
      .filter((c) => c.grade === grade)
      .map((c) => ({ id: c.id, key: hash53(`${seed}\u0000${c.id}`) }))
      .sort((a, b) => (a.key !== b.key ? a.key - b.key : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (pool.length < asked) shortfalls.push({ grade, asked, available: pool.length });
    for (const c of pool.slice(0, asked)) drawn.push({ id: c.id, grade });
  }
  return { drawn, shortfalls };
}
