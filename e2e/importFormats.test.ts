/**
 * The import wizard with real files, as an editor would use it: drag a workbook onto the drop
 * zone, see the sheet as a grid beside the parsed form, save it as a draft; drag a PDF, see its
 * pages with the cells found, confirm the other year, save; paste a table copied from a web page
 * and have it read as a table. Screenshots at 1280 and 1440 px go to docs/screenshots.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { saveImportedDraft, screenshot, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/forms/formats/${name}`, import.meta.url));

/** Drops a file on the element as a user dragging it from their desktop does (a real drop event). */
async function dropFile(page: Page, selector: string, name: string, type: string): Promise<void> {
  const data = fixture(name).toString('base64');
  await page.evaluate(
    `(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(data)}), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], ${JSON.stringify(name)}, { type: ${JSON.stringify(type)} }));
      const target = document.querySelector(${JSON.stringify(selector)});
      for (const kind of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    })()`,
  );
}

describe.skipIf(missing !== null)('importing workbooks, PDFs and web tables in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    await signIn(page, server.url, 'haizhu-editor');
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('drops an .xlsx: the sheet as a grid beside the parsed form, saved as a draft', async () => {
    await page.goto(`${server.url}/import`);
    await page.locator('.ant-upload-drag').waitFor();
    await dropFile(page, '.ant-upload-drag .ant-upload-btn', 'department.official.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const grid = page.getByTestId('source-view').locator('table.source-grid');
    await grid.waitFor();
    expect(await grid.locator('td[data-ref="部门整体绩效目标!B2"]').textContent()).toBe('广州市海珠区政务服务和数据管理局');
    expect(await page.getByTestId('import-format').textContent()).toContain('Excel (.xlsx)');
    await page.getByTestId('official-form').waitFor();
    await expect.poll(() => page.getByTestId('indicator-table').locator('tr').count()).toBe(36);
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `import-xlsx-${width}`);
    }
    await page.getByLabel('年度').fill('2027');
    await saveImportedDraft(page);
    await expect.poll(() => page.getByTestId('official-form').textContent()).toContain('网站内容监测经费');
    // The saved form downloads as the official PDF and Excel form.
    for (const [testId, type] of [['download-pdf', 'application/pdf'], ['download-xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      expect(download.suggestedFilename()).toMatch(/^2027-.*\.(pdf|xlsx)$/);
      const response = await page.request.get(`${server.url}${(await page.getByTestId(testId).getAttribute('href')) ?? ''}`);
      expect(response.headers()['content-type']).toBe(type);
    }
  });

  it('drops a PDF: the cells found as a readable grid, or its pages drawn, the other year confirmed, saved', async () => {
    await page.goto(`${server.url}/import`);
    await page.locator('.ant-upload-drag').waitFor();
    await dropFile(page, '.ant-upload-drag .ant-upload-btn', 'project.libreoffice.pdf', 'application/pdf');
    // By default the cells as a grid, in the page's type size, nothing cut off.
    const grid = page.getByTestId('source-view').locator('table.source-grid');
    await expect.poll(() => grid.textContent()).toContain('海珠政务基础设施及服务经费');
    const fontSize = (await page.evaluate(`Number.parseFloat(getComputedStyle(document.querySelector('[data-testid=source-view] table.source-grid td')).fontSize)`)) as number;
    expect(fontSize).toBeGreaterThanOrEqual(12);
    await page.getByText('按页面').click();
    const pages = page.getByTestId('source-view').locator('.source-page svg');
    await expect.poll(() => pages.count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('import-format').textContent()).toContain('PDF');
    await expect.poll(() => page.getByTestId('official-form').textContent()).toContain('海珠政务基础设施及服务经费');
    await screenshot(page, 'import-pdf-1440');
    await page.getByLabel('年度').fill('2026');
    const warning = page.getByTestId('import-mismatch');
    await warning.waitFor();
    for (const box of await warning.getByRole('checkbox').all()) await box.check();
    await saveImportedDraft(page);
  });

  it('reads a table pasted from a web page as a table, and says so', async () => {
    await page.goto(`${server.url}/import`);
    const box = page.getByLabel(/粘贴申报表文本/);
    await box.waitFor();
    const html = fixture('department.gov.html').toString('utf8');
    await box.focus();
    await page.evaluate(
      `(() => {
        const transfer = new DataTransfer();
        transfer.setData('text/html', ${JSON.stringify(html)});
        transfer.setData('text/plain', '部门整体预算绩效目标申报表');
        document.activeElement.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }));
      })()`,
    );
    await box.fill('部门整体预算绩效目标申报表');
    await page.getByTestId('pasted-table').waitFor();
    await page.getByRole('button', { name: /解\s*析/ }).click();
    await page.getByTestId('source-view').locator('table.source-grid').waitFor();
    expect(await page.getByTestId('import-format').textContent()).toContain('网页表格');
    // The page's navigation is kept, marked as text the importer could not place.
    expect(await page.getByTestId('source-view').locator('td[data-unparsed]').first().textContent()).toContain('首页');
  });

  it('says plainly why a scan cannot be imported', async () => {
    await page.goto(`${server.url}/import`);
    await page.locator('.ant-upload-drag').waitFor();
    await dropFile(page, '.ant-upload-drag .ant-upload-btn', 'scanned.pdf', 'application/pdf');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('扫描件，无文字层');
  });
});
