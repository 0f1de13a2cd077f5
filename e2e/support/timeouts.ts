/**
 * How long the browser tests wait, in one place. The suite runs on 2 shared cores under a load of
 * 6–9, where a server starts and a page answers several times slower than on an idle machine. These
 * are limits on a hang, never delays: every wait returns as soon as what it waits for is there.
 */

/** A click, a wait for an element or an answer, a navigation (Playwright's own default, 30 s, failed under load). */
export const BROWSER_TIMEOUT_MS = 90_000;

/** One test of a file: several sign-ins, steps and waits, each of which may take a while under load. */
export const TEST_TIMEOUT_MS = 300_000;

/**
 * A file's set-up: a server loading the demo (or waiting for the run's copy of it) and Chromium,
 * started side by side. With several suites sharing the 2 cores (a load of 20), the district's demo
 * took over 9 minutes to load.
 */
export const START_TIMEOUT_MS = 900_000;
