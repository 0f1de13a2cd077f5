/**
 * Opening a form's editor by its address in a fresh browser, as a first visit does: the boot script
 * fetches the session, the page and its data once each, the app renders the editor straight away,
 * and Ant Design is styled by the stylesheet made at build time, not by styles computed in the page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { signIn } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('a first visit to the editor', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let draftId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const signedIn = await (await browser.newContext()).newPage();
    await signIn(signedIn, server.url, 'haizhu-editor');
    draftId = await demoDraftId(signedIn.request, server.url);
    // A new context with only the session cookie: nothing cached, as on a first visit.
    const context = await browser.newContext({ storageState: await signedIn.context().storageState(), viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await page.goto(`${server.url}/declarations/${draftId}/edit`);
    await page.getByLabel('第 32 行年度指标值', { exact: true }).waitFor();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks the server once for the session, the form and its comments', async () => {
    const requested = (await page.evaluate("performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)")) as string[];
    const count = (path: string) => requested.filter((p) => p === path).length;
    expect(count('/api/v1/session')).toBe(1);
    expect(count(`/api/v1/declarations/${draftId}`)).toBe(1);
    // Comments through the one documents API (the older per-kind path is a deprecated alias), once.
    expect(count(`/api/v1/documents/${draftId}/comments`)).toBe(1);
    expect(count(`/api/v1/declarations/${draftId}/comments`)).toBe(0);
    // The boot script started them before the app's code ran.
    const marks = (await page.evaluate("Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))")) as Record<string, number>;
    expect(marks['jixiao:boot']).toBeLessThan(marks['jixiao:app-code'] ?? 0);
  });

  it('styles Ant Design from the build-time stylesheet with the app theme, computing no component styles in the page', async () => {
    expect(await page.locator('link[rel=stylesheet][href*="/assets/antd-"]').count()).toBe(1);
    // The theme's 4 px corners (Ant Design's own are 6 px) on an Ant Design button of the page.
    const radius = await page.evaluate(`getComputedStyle([...document.querySelectorAll('button.ant-btn')].find((b) => /添加指标/.test(b.textContent.trim()))).borderTopLeftRadius`);
    expect(radius).toBe('4px');
    // At run time Ant Design only declares its theme's CSS variables; every rule of the components is in the stylesheet.
    const runtimeRules = (await page.evaluate(`[...document.querySelectorAll('style')].flatMap((style) =>
      [...style.sheet.cssRules].filter((rule) => !rule.style || [...rule.style].some((property) => !property.startsWith('--'))).map((rule) => rule.cssText.slice(0, 80)))`)) as string[];
    expect(runtimeRules).toEqual([]);
  });
});
