/**
 * The dashboard in the browser, on the demo's district: the city's admin view lists its two
 * districts; a district reviewer drills from the district to one department and on to one of its
 * forms; a chart turns into its table and downloads; English.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { screenshot, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('the dashboard in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ district: true }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the system admin sees the city's two districts and goes into one", async () => {
    await signIn(page, server.url, 'admin', '/');
    await page.getByRole('navigation').getByRole('link', { name: '绩效看板' }).click();
    await page.getByTestId('dashboard-children').waitFor();
    // The admin starts at the top; the city is one level down.
    await page.getByTestId('dashboard-children').getByRole('link', { name: /广州市/ }).click();
    await expect.poll(() => page.getByTestId('dashboard-children').textContent()).toContain('越秀区');
    await page.getByTestId('dashboard-children').getByRole('link', { name: /海珠区/ }).click();
    await expect.poll(() => page.getByTestId('dashboard-children').locator('.ant-table-row').count()).toBe(31);
    expect(new URL(page.url()).searchParams.get('region')).toBeTruthy();
  });

  it('a district reviewer drills from the district to a department and opens one of its forms', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', '/dashboard?year=2025');
    const children = page.getByTestId('dashboard-children');
    await children.waitFor();
    await expect.poll(() => page.locator('.ant-breadcrumb').textContent()).toContain('海珠区');
    await screenshot(page, 'dashboard-district');
    await children.getByRole('link', { name: '广州市海珠区民政局' }).click();
    const forms = page.getByTestId('dashboard-forms');
    await forms.waitFor();
    await expect.poll(() => page.locator('.ant-breadcrumb').textContent()).toContain('广州市海珠区民政局');
    const first = forms.getByRole('link').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/declarations\/[^/]+$/);
    await expect.poll(() => page.locator('main').textContent()).toContain('广州市海珠区民政局');
    expect(name.length).toBeGreaterThan(0);
    // Back to the dashboard where it was: the address held the department.
    await page.goBack();
    await forms.waitFor();
    await page.locator('.ant-breadcrumb').getByRole('link', { name: '海珠区' }).click();
    await children.waitFor();
  });

  it("a chart's data as a table, and its download", async () => {
    const card = page.getByTestId('dashboard-card-findings');
    await card.getByText('表格', { exact: true }).click();
    await expect.poll(() => card.locator('.ant-table-row').count()).toBeGreaterThan(2);
    expect(await card.textContent()).toContain('金额勾稽');
    const download = page.waitForEvent('download');
    await card.getByRole('link', { name: /下载/ }).click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('reads in English', async () => {
    await page.goto(`${server.url}/dashboard?year=2025`);
    await page.getByTestId('dashboard-children').waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => page.getByTestId('dashboard-page').textContent()).toContain('Findings by rule family');
    expect(await page.getByTestId('dashboard-page').textContent()).toContain('Regions and departments below');
    await screenshot(page, 'dashboard-district-en');
  });
});
