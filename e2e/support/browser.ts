/**
 * Headless Chromium for the end-to-end tests: Debian's package (`apt-get install -y chromium`),
 * driven by playwright-core; nothing is downloaded. Without Chromium the tests are skipped with a
 * notice on a developer's machine, and fail under CI=true.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { BROWSER_TIMEOUT_MS } from './timeouts.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags Chromium needs here: root (no sandbox), no GPU, and no calls to Google's servers. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** Null when Chromium is there; otherwise why not. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`${reason}; CI requires it`);
  console.warn(`\n⚠ ${reason}: the browser tests are SKIPPED.\n`);
  return reason;
}

/** Chromium, every context of which (`browser.newPage()` makes one too) waits {@link BROWSER_TIMEOUT_MS}. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  // Set once here rather than in each test file: Playwright has no browser-wide default.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(BROWSER_TIMEOUT_MS);
    return context;
  };
  return browser;
}
