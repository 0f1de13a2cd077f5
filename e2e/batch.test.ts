/**
 * Reviewer tools at scale in the browser: the approver selects five draft project forms in the list
 * and submits them at once; the reviewer selects the same five and approves them at once — each step
 * asked first, with the count, the errors among them and an optional opinion, and answered form by
 * form; a step is offered only for forms whose state allows it; the list exports to Excel as filtered.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, screenshot, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('batch review in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let names: string[] = [];
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  }, START_TIMEOUT_MS);

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
    await page.getByTestId('batch-submit').click();
    // Asked first: nothing is submitted until confirmed.
    await page.getByTestId('batch-confirm').waitFor();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('批量提交：5 份');
    const submitted = await answerTo(page, 'POST', '/api/v1/documents/batch-transitions', () => page.getByRole('dialog').getByRole('button', { name: /确认（5 份）/ }).click());
    expect(submitted.status(), await submitted.text()).toBe(200);
    await expect.poll(() => page.getByTestId('batch-result').textContent()).toContain('已处理 5 份');
    expect(await page.getByTestId('batch-result-item').count()).toBe(5);
    expect(await page.getByTestId('batch-result').textContent()).toContain(`${names[0]} · 2025：已提交审核`);
  });

  it('offers a step only for the forms whose state allows it', async () => {
    await page.goto(`${server.url}/declarations?year=2025&kind=project-target&state=approved`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.locator('.ant-table-row').first().locator('input[type=checkbox]').check();
    // The bar follows the ticked rows once drawn again.
    await expect.poll(() => page.getByTestId('batch-publish').isEnabled()).toBe(true);
    expect(await page.getByTestId('batch-submit').isDisabled()).toBe(true);
    await page.getByTestId('batch-publish').click();
    await page.getByRole('dialog').getByText('公开后任何人都可查看').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  });

  it('the reviewer approves the same five at once, each recorded on its own', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', '/declarations?year=2025&kind=project-target&state=submitted');
    await page.locator('.ant-table-row').first().waitFor();
    await tick(names);
    await expect.poll(() => page.getByTestId('batch-approve').textContent()).toContain('5 份');
    await screenshot(page, 'batch-review');
    await page.getByTestId('batch-approve').click();
    await page.getByTestId('batch-confirm').waitFor();
    const question = (await page.getByRole('dialog').textContent()) ?? '';
    expect(question).toContain('批量审核通过（良）：5 份');
    const withErrors = (await (await page.request.get(`${server.url}/api/v1/declarations?year=2025&kind=project-target&state=submitted&pageSize=100`)).json()) as { items: Array<{ projectName: string; errorCount: number }> };
    const erring = withErrors.items.filter((d) => names.includes(d.projectName) && d.errorCount > 0);
    if (erring.length > 0) expect(question).toContain(`其中 ${erring.length} 份有错误`);
    await page.getByLabel('意见（可选，每份相同）').fill('目标设置合理，同意。');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'batch-approve-confirm-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'batch-approve-confirm-1440');
    const approvedAnswer = await answerTo(page, 'POST', '/api/v1/documents/batch-transitions', () => page.getByRole('dialog').getByRole('button', { name: /确认（5 份）/ }).click());
    expect(approvedAnswer.status(), await approvedAnswer.text()).toBe(200);
    await expect.poll(() => page.getByTestId('batch-result').textContent()).toContain('已处理 5 份');
    expect(await page.getByTestId('batch-result').textContent()).toContain('已审核通过（良）');
    const approved = (await (await page.request.get(`${server.url}/api/v1/declarations?year=2025&kind=project-target&state=approved&pageSize=100`)).json()) as { items: Array<{ projectName: string }> };
    for (const name of names) expect(approved.items.map((d) => d.projectName)).toContain(name);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-list').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  });
});
