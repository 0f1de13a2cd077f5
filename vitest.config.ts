import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './scripts/longestFirstSequencer.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts', 'web/build/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Generous: the suite runs on shared 2-core machines under a load of 6–9, where everything takes
    // several times as long. No test waits a fixed time for a process to start (see src/cli/bin.test.ts).
    testTimeout: 60_000,
    // Every API answer in the tests is checked against the schema its route declares (src/server/contract).
    env: { JIXIAO_VALIDATE_RESPONSES: '1' },
    // …and a test whose requests got an answer that breaks its schema fails (vitest.setup.ts).
    setupFiles: ['vitest.setup.ts'],
    hookTimeout: 120_000,
    // expect.poll() waits for what a server or a browser does; under that load a page's answer took
    // longer than 30 s. As e2e/support/timeouts.ts's BROWSER_TIMEOUT_MS: a poll that is met returns at once.
    expect: { poll: { timeout: 90_000 } },
    // Two files at a time even on two cores (Vitest's default there is one): most of the suite waits
    // on server processes, databases and browsers rather than computing, and one file at a time left
    // the machine idle half the run.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The longest files first, by the durations of a recorded run where vitest has none cached (CI).
    sequence: { sequencer: LongestFirstSequencer },
    // Tests that spawn `jixiao` need the compiled JavaScript current, the browser tests (e2e/) the web
    // app built; both built once here, not by each file. And a folder for the run's templates of the
    // embedded test store (src/server/testing/storeTemplates.ts).
    globalSetup: ['scripts/buildForTests.ts', 'e2e/support/globalSetup.ts', 'src/server/testing/storeTemplatesSetup.ts'],
    // The JSON report gives .ci/run the counts for its closing `N passed, N failed` line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
