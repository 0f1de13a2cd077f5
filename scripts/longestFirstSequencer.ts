/**
 * Vitest's order of the test files: the longest first, so that the two workers of the 2-core CI
 * machine finish together instead of one running a long file alone at the end. Vitest orders by the
 * durations it cached from the last run, but a clean clone (CI) has no cache and it falls back to the
 * file's size, which put short files with long set-ups (a 38-line test loading the demo district)
 * last. So the durations of a full run are kept in testDurations.json (`npx tsx
 * scripts/recordTestDurations.ts report.json` refreshes it from `vitest run --reporter=json`); a file
 * missing there (a new one) is ordered by size after the known ones.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds each test file took in a recorded full run, by path from the repository's root. */
export const RECORDED_DURATIONS_FILE = new URL('./testDurations.json', import.meta.url);

export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Vitest's own order: the cached durations, else the size (stable under the sort below).
    const base = await super.sort(files);
    const recorded = JSON.parse(readFileSync(RECORDED_DURATIONS_FILE, 'utf8')) as Record<string, number>;
    const seconds = (spec: TestSpecification): number | undefined => {
      const cached = this.ctx.cache.getTestSpecificationResult(spec);
      if (cached) return cached.duration / 1000;
      return recorded[relative(spec.project.config.root, spec.moduleId).split('\\').join('/')];
    };
    return base
      .map((spec, index) => ({ spec, index, seconds: seconds(spec) }))
      .sort((a, b) => (a.seconds === undefined || b.seconds === undefined ? (a.seconds === undefined ? 1 : 0) - (b.seconds === undefined ? 1 : 0) || a.index - b.index : b.seconds - a.seconds))
      .map(({ spec }) => spec);
  }
}
