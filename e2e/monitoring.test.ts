/**
 * In-year monitoring in the browser: the seed's department form approved, the department fills its
 * report in the grid (a block pasted from Excel, one indicator typed far behind target), is made to
 * give a reason and measures for the red row before it may submit, submits; the reviewer finds it
 * first in the round's list (red first) and returns it with a row comment; the department reads why.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorProgress, needsExplanation } from '../src/core/monitoring/lights.ts';
import type { ReportView } from '../src/format/apiTypes.ts';
import { fillTo } from '../src/server/demoMonitoring.ts';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, postAsSignedIn, screenshot, signIn, signOut, skipAfterFirstFailure, stepAnswer } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();


/** Pastes text into an element as Excel would put it on the clipboard. */
async function paste(page: Page, selector: string, text: string): Promise<void> {
  // The browser's DataTransfer and ClipboardEvent, in the page (the tests' types have no DOM).
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    document.querySelector(${JSON.stringify(selector)}).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

describe.skipIf(missing !== null)('in-year monitoring in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let reportId = '';
  let red = -1;
  let redName = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the seed’s department form is approved, and its report joins the open 1–7月 round', async () => {
    await signIn(page, server.url, 'haizhu-approver');
    const formId = await demoDraftId(page.request, server.url);
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${formId}/transitions`, { action: 'submit' })).toBe(200);
    await signIn(page, server.url, 'haizhu-reviewer');
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${formId}/transitions`, { action: 'review', grade: '良' })).toBe(200);

    await signIn(page, server.url, 'haizhu-approver');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '运行监控' }).click();
    await page.getByTestId('round-card').first().waitFor();
    await page.getByRole('link', { name: '部门整体', exact: true }).first().click();
    await page.getByTestId('report-page').waitFor();
    reportId = page.url().split('/').pop() ?? '';
    await expect.poll(() => page.getByTestId('indicator-grid').locator('tbody tr').count()).toBe(32);
  });

  it('the department pastes a block from Excel, types one indicator far behind, and is made to explain it', async () => {
    const view = (await (await page.request.get(`${server.url}/api/v1/monitoring/reports/${reportId}`)).json()) as ReportView;
    const through = view.content.round.through;
    // Every row on track, from the pure core; the first row that can be far behind is typed red.
    const onTrack = view.content.indicators.map((indicator) => fillTo(indicator, 'green'));
    expect(onTrack.filter((row) => needsExplanation(row, through)).map((row) => row.name)).toEqual([]);
    red = view.content.indicators.findIndex((indicator) => indicatorProgress({ ...indicator, actualToDate: fillTo(indicator, 'red').actualToDate }, through).light === 'red');
    expect(red).toBeGreaterThanOrEqual(0);
    redName = view.content.indicators[red]?.name ?? '';
    const block = onTrack.map((row) => [row.actualToDate, row.projectedAnnual, '确定能'].join('\t')).join('\r\n');
    await paste(page, '[data-row="0"][data-column="actualToDate"]', `${block}\r\n`);
    await expect.poll(() => page.locator('[data-row="31"][data-column="projectedAnnual"]').inputValue()).toBe(onTrack[31]?.projectedAnnual);
    await expect.poll(() => page.locator('[data-row="31"][data-column="likelihood"]').inputValue()).toBe('certain');

    // Typed as in a spreadsheet: the value, then Enter moves down the column.
    const cell = page.locator(`[data-row="${red}"][data-column="actualToDate"]`);
    await cell.click();
    await cell.fill(fillTo(view.content.indicators[red] as (typeof view.content.indicators)[number], 'red').actualToDate);
    await cell.press('Enter');
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.row')).toBe(String(red + 1));
    await expect.poll(() => page.getByTestId(`light-${red}`).locator('[data-light]').getAttribute('data-light')).toBe('red');
    expect(await page.getByTestId(`indicator-row-${red}`).getAttribute('data-required')).toBe('true');
    // The reason fields appear for that row only, and are required.
    await expect.poll(() => page.locator('textarea[aria-required=true]').count()).toBe(2);
    await page.getByLabel('全年预计执行数').fill(view.content.budget.annual ?? '0');
    await page.getByLabel('截至目前执行数').fill('2,600');
    await expect.poll(() => page.getByTestId('execution-rate').textContent()).toContain('%');
    // While the box holds something that is not an amount, the rate and light are unknown, not the last amount's.
    await page.getByLabel('截至目前执行数').fill('2,6OO');
    await expect.poll(() => page.getByTestId('execution-rate').textContent()).toBe('—金额不是数字，改正后计算');
    expect(await page.getByTestId('budget-light').locator('[data-light]').count()).toBe(0);
    await page.getByLabel('截至目前执行数').fill('2,600');
    await expect.poll(() => page.getByTestId('execution-rate').textContent()).toContain('%');

    // Submitting without the reason is not offered: the confirmation says what is missing.
    await page.getByTestId('submit-report').click();
    await page.getByTestId('submit-report-counts').filter({ hasText: '须填写' }).waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).isDisabled()).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    expect(await page.locator('[data-state=draft]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('report-findings').textContent()).toContain(redName);

    const row = page.getByTestId(`indicator-row-${red}`);
    await row.getByLabel('人员保障').check();
    await row.getByLabel(`${redName} 偏差原因分析`).fill('上半年人员调整，相关工作延后启动。');
    await row.getByLabel(`${redName} 纠偏措施`).fill('下半年增派人手，按月督办，9月底前追平进度。');
    await expect.poll(() => page.getByTestId('report-findings').textContent()).toContain('可以提交');
    // An amount that is not one cannot be saved: the card of what is left says so, not "ready".
    await page.getByLabel('截至目前执行数').fill('2,6OO');
    await expect.poll(() => page.getByTestId('report-findings-invalid').textContent()).toContain('截至目前执行数不是金额');
    expect(await page.getByTestId('report-findings').textContent()).not.toContain('可以提交');
    await page.getByLabel('截至目前执行数').fill('2,600');
    await expect.poll(() => page.getByTestId('report-findings').textContent()).toContain('可以提交');
    await page.getByTestId('submit-report').click();
    const submitted = await stepAnswer(page, () => page.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click());
    expect(submitted.status(), await submitted.text()).toBe(200);
    await page.locator('[data-state=submitted]').first().waitFor();
    await screenshot(page, 'monitoring-report');
  });

  it('the reviewer sees it first in the round (red first), comments on the row and returns it', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', '/monitoring');
    await page.getByRole('link', { name: '查看本轮汇总' }).first().click();
    await page.getByTestId('round-page').waitFor();
    const first = page.getByTestId('round-reports').locator('tbody tr').first();
    await expect.poll(() => first.textContent()).toContain('部门整体');
    expect(await first.locator('[data-light]').first().getAttribute('data-light')).toBe('red');
    await page.getByTestId('execution-chart').locator('svg').waitFor();
    await screenshot(page, 'monitoring-round');
    // The count cards filter the list.
    await page.getByTestId('light-counts').locator('[data-light=yellow]').first().click();
    await expect.poll(() => page.getByTestId('round-reports').locator('tbody tr').count()).toBe(1);
    await page.getByTestId('light-counts').locator('[data-light=yellow]').first().click();

    await page.getByTestId('round-reports').getByRole('link', { name: '部门整体' }).first().click();
    await page.getByTestId('report-page').waitFor();
    await page.getByRole('button', { name: `批注第 ${red + 1} 行` }).click();
    await page.getByTestId('row-comment-text').fill('完成值偏低，请核实统计口径。');
    const commented = await answerTo(page, 'POST', /\/comments$/, () => page.getByRole('button', { name: '添加批注' }).click());
    expect(commented.status(), await commented.text()).toBe(201);
    await page.getByTestId('report-comment').filter({ hasText: `第 ${red + 1} 行` }).waitFor();
    await page.getByTestId('return-report').click();
    await page.getByTestId('decision-text').fill('红灯指标的原因分析过于笼统，请补充具体数据后重报。');
    const returned = await stepAnswer(page, () => page.getByRole('dialog').getByRole('button', { name: /退\s*回/ }).click());
    expect(returned.status(), await returned.text()).toBe(200);
    await page.locator('[data-state=returned]').first().waitFor();
    await signOut(page);
  });

  it('the department reads why, on the row and at the top, and may edit again', async () => {
    await signIn(page, server.url, 'haizhu-approver', `/monitoring/reports/${reportId}`);
    await page.getByTestId('report-page').waitFor();
    await page.getByText('财政部门退回了此监控表').waitFor();
    expect(await page.getByText('红灯指标的原因分析过于笼统').count()).toBeGreaterThan(0);
    expect(await page.locator(`[data-row="${red}"][data-column="actualToDate"]`).isEnabled()).toBe(true);
    // In English the same page reads in English.
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByText('The finance bureau returned this report').waitFor();
    // The app's own words in English, the indicators' classes too; the data (names, targets) as printed.
    expect(await page.getByTestId('indicator-row-0').locator('.indicator-name .cell-hint').textContent()).toMatch(/^[A-Za-z /-]+$/);
    expect(await page.locator('.ant-descriptions').first().textContent()).toMatch(/\(version \d+\)/);
    await page.getByRole('radio', { name: '中文' }).check();
  });
});
