/**
 * The department form's editor as issue #23 found it (majors 5–8 and the editor items): a block
 * pasted from Excel lands in its columns, class cells included, saying what went where; a row
 * given another class joins its class and the official table prints each class once; library
 * suggestions of every class for a new row, the entry giving it its class; the toolbar in view
 * down the page; the findings beside the rows, not over them; 复制上年's targets marked; the
 * home page counting the department's own forms.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../src/core/declaration.ts';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, screenshot, signIn, skipAfterFirstFailure, waitUntilSaved } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

/** Pastes text into an element as Excel puts it on the clipboard. */
async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    const target = document.querySelector(${JSON.stringify(selector)});
    target.focus();
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

describe.skipIf(missing !== null)('the department form’s editor', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let id = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    await signIn(page, server.url, 'haizhu-editor');
    id = await demoDraftId(page.request, server.url);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const stored = async (): Promise<DepartmentTargetDeclaration> => ((await (await page.request.get(`${server.url}/api/v1/declarations/${id}`)).json()) as { content: DepartmentTargetDeclaration }).content;
  const rowOf = async (name: string): Promise<number> => (await page.evaluate(`[...document.querySelectorAll('[data-testid=indicator-editor] tbody tr')].findIndex((tr) => [...tr.querySelectorAll('textarea')].some((x) => x.value === ${JSON.stringify(name)})) + 1`)) as number;

  it('a whole copied row pasted into 三级指标 lands in its columns, classes included, and says so', async () => {
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    const count = await page.getByTestId('indicator-row').count();
    await page.getByRole('button', { name: '添加指标' }).click();
    const block = ['产出指标\t数量指标\t政务服务事项梳理数量\t≥300项\t≥300项', '效益指标\t社会效益指标\t办事材料精简率\t≥20%\t≥20%'].join('\r\n');
    await paste(page, `[aria-label="第 ${count + 1} 行三级指标"]`, `${block}\r\n`);
    await page.getByTestId('toast').filter({ hasText: '首列为一级指标' }).waitFor();
    expect(await page.getByTestId('toast').textContent()).toContain('已粘贴 2 行 × 5 列');
    expect(await page.getByLabel(`第 ${count + 1} 行一级指标`).inputValue()).toBe('产出指标');
    expect(await page.getByLabel(`第 ${count + 1} 行三级指标`).inputValue()).toBe('政务服务事项梳理数量');
    expect(await page.getByLabel(`第 ${count + 2} 行二级指标`).inputValue()).toBe('社会效益指标');
    // Pasted at the end, the rows stand apart from their classes: the checker says so.
    await expect.poll(() => page.getByTestId('live-findings').or(page.locator('.findings-toggle')).first().textContent()).toBeTruthy();
    // Folded on a narrow window: opened only then, rather than a click that waits its full time for a button that is not there.
    if ((await page.locator('.findings-toggle').count()) > 0) await page.locator('.findings-toggle').click();
    await expect.poll(() => page.getByTestId('live-findings').textContent()).toContain('分在 2 处');
  });

  it('a block pasted into a class cell lands there too, and what falls beyond the grid is counted', async () => {
    const count = await page.getByTestId('indicator-row').count();
    await paste(page, `[aria-label="第 ${count} 行二级指标"]`, '数量指标\t事项数量\t≥1项\t≥1项\t多余一列\r\n');
    await page.getByTestId('toast').filter({ hasText: '超出表格的 1 列未粘贴' }).waitFor();
    expect(await page.getByLabel(`第 ${count} 行三级指标`).inputValue()).toBe('事项数量');
    // Undone: one step.
    await page.getByTestId('editor-toolbar').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => page.getByLabel(`第 ${count} 行三级指标`).inputValue()).toBe('办事材料精简率');
  });

  it('a row given another class joins its class; 按类别排列 groups the rest; the form view prints each class once', async () => {
    // A benefit row re-classed under 产出指标, as a finding may advise: it moves to 产出指标's rows.
    const content = await stored();
    const benefitRow = content.indicators.findIndex((i) => i.level1 === '效益指标') + 1;
    const name = content.indicators[benefitRow - 1]?.name ?? '';
    await page.getByLabel(`第 ${benefitRow} 行一级指标`).selectOption('产出指标');
    await page.getByTestId('toast').filter({ hasText: '类的末尾' }).waitFor();
    expect(await rowOf(name)).toBeLessThan(benefitRow);
    // The rows pasted at the end stand apart from their classes until grouped.
    await page.getByRole('button', { name: '按类别排列' }).click();
    await page.getByTestId('toast').filter({ hasText: '已把同类指标排在一起' }).waitFor();
    await expect.poll(() => page.getByTestId('live-findings').textContent()).not.toContain('分在 2 处');
    await waitUntilSaved(page);
    const saved = await stored();
    const level1Runs = saved.indicators.map((i) => i.level1).filter((l, i, all) => i === 0 || all[i - 1] !== l);
    expect(new Set(level1Runs).size).toBe(level1Runs.length);
    await page.goto(`${server.url}/declarations/${id}`);
    const table = page.getByTestId('indicator-table');
    await table.waitFor();
    expect(await table.locator('td', { hasText: /^产出指标$/ }).count()).toBe(1);
    expect(await table.locator('td', { hasText: /^效益指标$/ }).count()).toBe(1);
  });

  it('a new row finds library entries of every class, and the entry gives it its class', async () => {
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    const count = await page.getByTestId('indicator-row').count();
    await page.getByRole('button', { name: '添加指标' }).click();
    // No class until one is chosen: never the class of the row above unseen.
    await expect.poll(() => page.getByLabel(`第 ${count + 1} 行一级指标`).inputValue()).toBe('');
    await page.getByLabel(`第 ${count + 1} 行三级指标`).fill('满意度');
    const list = page.getByTestId('library-suggestion-list');
    await list.waitFor();
    const entry = list.getByRole('button').filter({ hasText: '满意' }).first();
    const entryName = ((await entry.locator('.name').textContent()) ?? '').trim();
    await entry.click();
    // The row moves to its class's rows once picked: found where it went, then read.
    await expect.poll(() => rowOf(entryName)).toBeGreaterThan(0);
    const at = await rowOf(entryName);
    await expect.poll(() => page.getByLabel(`第 ${at} 行一级指标`).inputValue()).toBe('满意度指标');
    await waitUntilSaved(page);
  });

  it('keeps the save state and 保存 in view down the page, and the findings beside the rows at 1280 px', async () => {
    await page.getByTestId('indicator-row').last().scrollIntoViewIfNeeded();
    const toolbar = await page.getByTestId('editor-toolbar').boundingBox();
    expect(toolbar?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(toolbar?.y ?? 999).toBeLessThan(60);
    expect(await page.getByTestId('save-button').isVisible()).toBe(true);
    if ((await page.getByTestId('live-findings').count()) === 0) await page.locator('.findings-toggle').click();
    const findings = await page.getByTestId('live-findings').boundingBox();
    // The grid's box as shown (it scrolls sideways within it when narrow).
    const grid = await page.locator('.editor-table-scroll', { has: page.getByTestId('indicator-editor') }).boundingBox();
    expect(findings && grid && findings.x >= grid.x + grid.width - 1).toBe(true);
    await screenshot(page, 'editor-findings-1280');
    // A finding clicked brings its row to the middle of the window, below the toolbar.
    const finding = page.getByTestId('live-findings').locator('button.finding[data-path-target^="/indicators/"]').first();
    await finding.click();
    await expect.poll(async () => page.evaluate(`(() => { const el = document.activeElement; const r = el && el.getBoundingClientRect(); return r ? [el.tagName, Math.round(r.top), Math.round(r.bottom), window.innerHeight].join(' ') : 'none'; })()`)).toMatch(/^(SELECT|TEXTAREA|INPUT) ([6-9]\d|[1-6]\d\d) /);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'editor-findings-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('amounts: the form’s groups, an IME full stop taken, three decimals said, no total over a box that is not an amount', async () => {
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    expect(await page.getByTestId('budget-group').locator('legend').allTextContents()).toEqual(['部门预算支出', '收入来源', '事业发展性支出', '按预算级次划分']);
    const basic = page.locator('#budget-basic');
    await basic.fill('2507。50');
    expect(await page.locator('.money-input', { has: basic }).locator('.field-error').count()).toBe(0);
    await basic.fill('12.345');
    await page.locator('.money-input', { has: basic }).getByText('超过两位小数').waitFor();
    await basic.fill('1e5');
    await page.locator('.money-input', { has: basic }).locator('.field-error').waitFor();
    if ((await page.getByTestId('derived-total').count()) > 0) await expect.poll(() => page.getByTestId('derived-total').textContent()).toContain('有无效输入');
    await expect.poll(() => page.getByTestId('budget-totals').textContent()).toContain('有无效输入');
    await screenshot(page, 'editor-budget-groups-1280');
    await basic.fill('2,507.50');
    await waitUntilSaved(page);
  });

  it('a tab left open while another saved takes the newer version instead of claiming 已保存 over an older one', async () => {
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    const base = ((await page.getByTestId('editor-toolbar').textContent()) ?? '').match(/基于第 (\d+) 版/)?.[1];
    const other = await page.context().newPage();
    await other.goto(`${server.url}/declarations/${id}/edit`);
    await other.locator('#title').fill('部门整体预算绩效目标申报表（修订）');
    await waitUntilSaved(other);
    await other.getByTestId('save-status').filter({ hasText: /已保存 \d/ }).waitFor();
    await other.close();
    // Back to the first tab: it takes the version saved in the other.
    await page.evaluate(`window.dispatchEvent(new Event('focus'))`);
    await expect.poll(() => page.locator('#title').inputValue()).toBe('部门整体预算绩效目标申报表（修订）');
    expect(await page.getByTestId('editor-toolbar').textContent()).not.toContain(`基于第 ${base} 版`);
    await page.getByTestId('toast').filter({ hasText: '已载入第' }).waitFor();
  });

  it('a form copied from last year marks the targets it carried over, in the editor and the form view', async () => {
    await page.goto(`${server.url}/declarations`);
    await page.getByRole('button', { name: '新建申报表' }).click();
    await page.locator('#new-year').fill('2026');
    await page.getByRole('radio', { name: /复制 2025 年的申报表/ }).check();
    const created = await answerTo(page, 'POST', '/api/v1/declarations', () => page.getByRole('button', { name: '新建并编辑' }).click());
    expect(created.status(), await created.text()).toBe(201);
    await page.getByTestId('indicator-editor').waitFor();
    const marks = page.getByTestId('indicator-editor').getByTestId('carried-over');
    await expect.poll(() => marks.count()).toBeGreaterThan(0);
    const carried = await marks.count();
    await page.getByLabel('第 1 行年度指标值').fill('≥95分');
    await expect.poll(() => marks.count()).toBe(carried - 1);
    await waitUntilSaved(page);
    await page.getByTestId('editor-toolbar').getByRole('link', { name: '完成' }).click();
    await page.getByTestId('indicator-table').waitFor();
    await expect.poll(() => page.getByTestId('indicator-table').getByTestId('carried-over').count()).toBe(carried - 1);
    await screenshot(page, 'form-carried-over-1280');
  });

  it('home counts and charts the department’s own forms, and a menu link moves the focus to the page', async () => {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '首页', exact: true }).click();
    const counts = page.getByTestId('counts-by-state');
    await counts.waitFor();
    expect(await counts.textContent()).toContain('本部门');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('main');
    const links = (await page.evaluate(`[...document.querySelectorAll('[data-testid=counts-by-state] a[href^="/declarations"]')].map((a) => a.getAttribute('href'))`)) as string[];
    expect(links.length).toBe(5);
    expect(links.every((href) => href.includes('departmentId='))).toBe(true);
  });
});
