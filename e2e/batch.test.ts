/**
 * Reviewer tools at scale in the browser: the approver selects five draft project forms in the list
 * and submits them at once; the reviewer selects the same five and approves them at once; each form
 * is then approved, and the list exports to Excel as filtered.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { screenshot, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('batch review in the browser', { timeout: 90_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let names: string[] = [];
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Ticks the rows of the named projects in the list. */
  const tick = async (projects: readonly string[]) => {
    for (const name of projects) await page.locator('.ant-table-row', { hasText: name }).locator('input[type=checkbox]').check();
  };

  it('the approver submits five draft project forms at once', async () => {
    await signIn(page, server.url, 'haizhu-approver', '/declarations?year=2025&kind=project-target&state=draft');
    await page.locator('.ant-table-row').first().waitFor();
    const answer = (await (await page.request.get(`${server.url}/api/v1/declarations?year=2025&kind=project-target&state=draft&pageSize=5`)).json()) as { items: Array<{ projectName: string }> };
    names = answer.items.map((d) => d.projectName);
    expect(names).toHaveLength(5);
    await tick(names);
    await page.getByRole('button', { name: /批量提交/ }).click();
    await expect.poll(() => page.getByTestId('batch-result').textContent()).toContain('已处理 5 份');
  });

  it('the reviewer approves the same five at once, each recorded on its own', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', '/declarations?year=2025&kind=project-target&state=submitted');
    await page.locator('.ant-table-row').first().waitFor();
    await tick(names);
    expect(await page.getByTestId('batch-approve').textContent()).toContain('已选 5 份');
    await screenshot(page, 'batch-review');
    await page.getByTestId('batch-approve').click();
    await expect.poll(() => page.getByTestId('batch-result').textContent()).toContain('已处理 5 份');
    const approved = (await (await page.request.get(`${server.url}/api/v1/declarations?year=2025&kind=project-target&state=approved&pageSize=100`)).json()) as { items: Array<{ projectName: string }> };
    for (const name of names) expect(approved.items.map((d) => d.projectName)).toContain(name);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-list').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  });
});
