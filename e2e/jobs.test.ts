/**
 * Bulk work in the browser: the department's editor chooses a .zip of forms and a loose file, watches
 * the job's bar reach its end, reads which file failed and why; the reviewer exports a year and
 * downloads the zip.
 */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, screenshot, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();
const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/forms/${path}`, import.meta.url)));

describe.skipIf(missing !== null)('background jobs in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** 开始导入, and the server's answer that the job is queued (a refusal fails here with its words). */
  const startImport = async () => {
    const queued = await answerTo(page, 'POST', '/api/v1/jobs/import-forms', () => page.getByRole('button', { name: '开始导入' }).click());
    expect(queued.status(), await queued.text()).toBe(202);
  };

  it('the editor imports a zip of forms and sees which file failed and why', async () => {
    await signIn(page, server.url, 'haizhu-editor', '/');
    await page.getByRole('navigation').getByRole('link', { name: '后台任务' }).click();
    const zip = zipSync({ 'forms/not-a-form.txt': fixture('other/not-a-form.txt'), 'forms/seed.txt': fixture('000_168cd24c06a0f893.txt') });
    await page.getByTestId('job-import').locator('input[type=file]').setInputFiles([
      { name: 'forms.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) },
      { name: 'scanned.pdf', mimeType: 'application/pdf', buffer: Buffer.from(fixture('formats/scanned.pdf')) },
    ]);
    // The year for forms that print none (the seed): each form printing one keeps it.
    await chooseOption(page.getByTestId('job-import'), '年度', '按表上所印年度（未印的按 2026 年度）');
    await startImport();
    const row = page.getByTestId('job-list').locator('.ant-table-row').first();
    // Two of three failed: said as a partial success, not as done.
    await expect.poll(() => row.getByTestId('job-state').getAttribute('data-outcome')).toBe('partly-failed');
    expect(await row.textContent()).toContain('部分失败');
    expect(await row.textContent()).toContain('3/3');
    await row.locator('.ant-table-row-expand-icon').click();
    const failures = page.getByTestId('job-failures');
    await expect.poll(() => failures.textContent()).toContain('scanned.pdf');
    expect(await failures.textContent()).toContain('forms.zip/forms/not-a-form.txt');
    // The seed prints no year: stored as 2026, said to be assumed.
    await expect.poll(() => page.getByTestId('job-notes').textContent()).toContain('表上未印年度，按 2026 年度保存（假定）');
    await screenshot(page, 'jobs-import');
    const drafts = (await (await page.request.get(`${server.url}/api/v1/declarations?year=2026&state=draft`)).json()) as { total: number };
    expect(drafts.total).toBe(1);
  });

  it('a job of which every file failed is said to have failed', async () => {
    await page.getByTestId('job-import').locator('input[type=file]').setInputFiles([{ name: 'scanned.pdf', mimeType: 'application/pdf', buffer: Buffer.from(fixture('formats/scanned.pdf')) }]);
    await startImport();
    const row = page.getByTestId('job-list').locator('.ant-table-row').first();
    await expect.poll(() => row.getByTestId('job-state').getAttribute('data-outcome')).toBe('all-failed');
    expect(await row.textContent()).toContain('全部失败');
  });

  it('the reviewer exports a year and downloads the zip', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', '/jobs');
    const card = page.getByTestId('job-export-forms');
    await chooseOption(card, '年度', '2024 年度');
    const queued = await answerTo(page, 'POST', '/api/v1/jobs/export-forms', () => card.getByRole('button', { name: '开始导出' }).click());
    expect(queued.status(), await queued.text()).toBe(202);
    const download = page.getByTestId('job-download').first();
    await download.waitFor();
    const file = page.waitForEvent('download');
    await download.click();
    expect((await file).suggestedFilename()).toMatch(/\.zip$/);
  });
});
