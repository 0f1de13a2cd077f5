/**
 * The monitoring report and the self-evaluation edited as the department form is (issue #23, major 1):
 * what is typed is saved after a pause without a click, leaving by a menu link or the browser's Back
 * asks first, Ctrl+S saves from any box of the page (never the browser's "Save page as"), and the
 * findings follow what is typed, not the last saved version.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationView, ReportView } from '../src/format/apiTypes.ts';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, postAsSignedIn, screenshot, shootAtBothWidths, signIn, skipAfterFirstFailure, waitUntilSaved } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

/** Whether Ctrl+S pressed in the element was taken by the page (default prevented): the browser's own dialog does not open. */
async function ctrlSTaken(page: Page, selector: string): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)});
    box.focus();
    const event = new KeyboardEvent('keydown', { key: 's', code: 'KeyS', ctrlKey: true, bubbles: true, cancelable: true });
    box.dispatchEvent(event);
    return event.defaultPrevented;
  })()`)) as boolean;
}

describe.skipIf(missing !== null)('the monitoring report and the self-evaluation keep what is typed', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let reportId = '';
  let evaluationId = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the seed’s form is approved: its report joins the round, and its self-evaluation is begun', async () => {
    await signIn(page, server.url, 'haizhu-approver');
    const formId = await demoDraftId(page.request, server.url);
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${formId}/transitions`, { action: 'submit' })).toBe(200);
    await signIn(page, server.url, 'haizhu-reviewer');
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${formId}/transitions`, { action: 'review', grade: '良' })).toBe(200);
    await signIn(page, server.url, 'haizhu-editor');
    const session = (await (await page.request.get(`${server.url}/api/v1/session`)).json()) as { csrfToken: string };
    const started = await page.request.post(`${server.url}/api/v1/evaluations`, { data: { targetId: formId }, headers: { 'x-csrf-token': session.csrfToken } });
    expect(started.status()).toBe(201);
    evaluationId = ((await started.json()) as EvaluationView).id;
    const rounds = (await (await page.request.get(`${server.url}/api/v1/monitoring/rounds`)).json()) as { rounds: Array<{ id: string }> };
    for (const round of rounds.rounds) {
      const owed = (await (await page.request.get(`${server.url}/api/v1/monitoring/rounds/${round.id}/reports`)).json()) as { reports: Array<{ id: string; targetId: string }> };
      reportId = owed.reports.find((report) => report.targetId === formId)?.id ?? reportId;
    }
    expect(reportId).not.toBe('');
  });

  it('a value typed in the report is saved without a click; Back and a menu link ask before leaving', async () => {
    // Reached in the app, as a person does, so that Back returns to the page before it.
    await page.goto(`${server.url}/monitoring`);
    await page.getByTestId('round-card').first().waitFor();
    await page.getByRole('link', { name: '部门整体', exact: true }).first().click();
    await page.getByTestId('report-page').waitFor();
    expect(page.url()).toContain(reportId);
    const cell = page.locator('[data-row="1"][data-column="actualToDate"]');
    await cell.fill('97%');
    await page.locator('[data-testid=save-status][data-status=dirty]').waitFor();
    // The browser's Back: the question, and staying keeps what was typed.
    await page.goBack();
    await page.getByTestId('leave-prompt').waitFor();
    await screenshot(page, 'report-leave-prompt-1280');
    // By keyboard: the question has the focus on 留在此页, and Escape stays.
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('留在此页');
    await page.keyboard.press('Escape');
    await page.getByTestId('leave-prompt').waitFor({ state: 'detached' });
    expect(await cell.inputValue()).toBe('97%');
    expect(page.url()).toContain(`/monitoring/reports/${reportId}`);
    // A menu link asks too.
    await cell.fill('95%');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '申报表', exact: true }).click();
    await page.getByTestId('leave-prompt').waitFor();
    await page.getByTestId('leave-prompt').getByRole('button', { name: '留在此页' }).click();
    expect(await cell.inputValue()).toBe('95%');
    // Left alone, it is saved: the server has it.
    await waitUntilSaved(page);
    const view = (await (await page.request.get(`${server.url}/api/v1/monitoring/reports/${reportId}`)).json()) as ReportView;
    expect(view.content.indicators[1]?.actualToDate).toBe('95%');
    // Saved: leaving asks nothing.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '申报表', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/declarations');
    expect(await page.getByTestId('leave-prompt').count()).toBe(0);
  });

  it('Ctrl+S saves the report from a box outside the grid, and the toolbar stays in view down the page', async () => {
    await page.goto(`${server.url}/monitoring/reports/${reportId}`);
    await page.getByTestId('report-page').waitFor();
    await page.getByLabel('截至目前执行数').fill('1,200');
    expect(await ctrlSTaken(page, '[aria-label="截至目前执行数"]')).toBe(true);
    await waitUntilSaved(page);
    // Far down the grid, the save state and 保存 are still on screen.
    await page.locator('[data-row="30"][data-column="actualToDate"]').scrollIntoViewIfNeeded();
    const toolbar = await page.getByTestId('editor-toolbar').boundingBox();
    expect(toolbar?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(toolbar?.y ?? 9999).toBeLessThan(80);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'report-editor-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'report-editor-1280');
  });

  it('the self-evaluation’s findings follow what is typed: new points never read as a stale score', async () => {
    await page.goto(`${server.url}/evaluations?year=2025`);
    await page.getByTestId('owed-evaluations').getByRole('row', { name: /部门整体/ }).getByRole('link', { name: '填报' }).click();
    await page.getByTestId('evaluation-page').waitFor();
    const view = (await (await page.request.get(`${server.url}/api/v1/evaluations/${evaluationId}`)).json()) as EvaluationView;
    const name = view.content.indicators[0]?.name ?? '';
    await page.getByLabel(`${name} 分值`, { exact: true }).fill('15');
    // The points no longer add up (E1), but the score follows them: no "得分应为 … 表中为 …".
    await expect.poll(() => page.getByTestId('evaluation-findings').textContent()).toContain('各指标分值合计');
    expect(await page.getByTestId('evaluation-findings').textContent()).not.toContain('得分应为');
    expect(await ctrlSTaken(page, '#closing-conclusion')).toBe(true);
    await waitUntilSaved(page);
    await page.getByLabel(`${name} 分值`, { exact: true }).fill('16');
    await page.goBack();
    await page.getByTestId('leave-prompt').waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'evaluation-leave-prompt-1440');
    await page.getByTestId('leave-prompt').getByRole('button', { name: '保存后离开' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith(`/evaluations/${evaluationId}`));
    const saved = (await (await page.request.get(`${server.url}/api/v1/evaluations/${evaluationId}`)).json()) as EvaluationView;
    expect(saved.content.indicators[0]?.points).toBe('16');
    // One sitting, one version: the autosaves replaced one another.
    const versions = (await (await page.request.get(`${server.url}/api/v1/evaluations/${evaluationId}/versions`)).json()) as { versions: unknown[] };
    expect(versions.versions.length).toBeLessThanOrEqual(3);
  });

  it('the report’s history compares two versions apart and names one, as a target form’s does', async () => {
    // Two more named saves, so that the oldest version is two saves from the current.
    const session = (await (await page.request.get(`${server.url}/api/v1/session`)).json()) as { csrfToken: string };
    for (const value of ['90%', '91%']) {
      const view = (await (await page.request.get(`${server.url}/api/v1/monitoring/reports/${reportId}`)).json()) as ReportView;
      const indicators = view.content.indicators.map((indicator, row) => (row === 2 ? { ...indicator, actualToDate: value } : indicator));
      const saved = await page.request.put(`${server.url}/api/v1/monitoring/reports/${reportId}`, { data: { baseVersion: view.version, content: { ...view.content, indicators }, autosave: false, note: `填报 ${value}` }, headers: { 'x-csrf-token': session.csrfToken } });
      expect(saved.status(), await saved.text()).toBe(200);
    }
    await page.goto(`${server.url}/monitoring/reports/${reportId}`);
    await page.getByTestId('report-page').waitFor();
    await page.getByRole('button', { name: /^展\s*开$/ }).click();
    const rows = page.locator('[data-testid=report-versions] .ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const oldest = Number((await rows.last().locator('td').first().textContent())?.trim());
    // The oldest against the current, then the oldest against the one before the current: any two.
    await page.getByRole('button', { name: `第 ${oldest} 版与当前版本对比` }).click();
    await expect.poll(() => page.getByTestId('diff').textContent()).toContain('91%');
    expect(await page.getByTestId('diff').textContent()).toContain('截至目前完成值');
    // Named by keyboard: 命名, the name, Enter.
    await page.getByRole('button', { name: `命名第 ${oldest} 版` }).click();
    await page.getByLabel(`第 ${oldest} 版的名称`).fill('轮次开始时');
    const named = await answerTo(page, 'PATCH', new RegExp(`/versions/${oldest}$`), () => page.getByLabel(`第 ${oldest} 版的名称`).press('Enter'));
    expect(named.status(), await named.text()).toBe(200);
    await expect.poll(() => rows.last().textContent()).toContain('轮次开始时');
    await page.getByTestId('report-versions').scrollIntoViewIfNeeded();
    await shootAtBothWidths(page, 'history-report');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Restored: a new current version, and the page says which was restored.
    await page.getByRole('button', { name: `恢复第 ${oldest} 版` }).click();
    const restored = await answerTo(page, 'POST', new RegExp(`/versions/${oldest}/restore$`), () => page.locator('.ant-popconfirm:visible').getByRole('button', { name: /恢\s*复/ }).click());
    expect(restored.status(), await restored.text()).toBe(200);
    await page.getByText(`已恢复为第 ${oldest} 版`).waitFor();
  });

  it('in English, the same editor and question read in English', async () => {
    await page.goto(`${server.url}/evaluations/${evaluationId}`);
    await page.getByTestId('evaluation-page').waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByTestId('editor-toolbar').getByRole('button', { name: 'Save' }).waitFor();
    await page.getByRole('radio', { name: '中文' }).check();
  });
});
