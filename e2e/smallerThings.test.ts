/**
 * The smaller things issue #23 found, tried again in the browser: the monitoring grid at 1280 px with
 * the reviewer's comment buttons, a round's year that is not one, the users page (search, filters, a
 * new user shown, 停用 asked first, an e-mail that is not one), a disabled user told so, a token's
 * days that are not a number, the public list sorted by 公开时间, English money boxes and
 * notifications, the dashboard saying what its counts include and that a year in its address is none,
 * and a public form that does not exist said so, with nothing to download.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, screenshot, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('the smaller things', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a submitted report fits 1280 px for its reviewer, comment buttons included', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', '/monitoring');
    await page.getByRole('link', { name: '查看本轮汇总' }).first().click();
    await page.getByTestId('round-page').waitFor();
    await page.getByTestId('round-reports').locator('tr', { has: page.locator('[data-state=submitted]') }).first().getByRole('link').first().click();
    await page.getByTestId('report-page').waitFor();
    // The grid comes with the report's data, after the page's frame.
    await page.getByTestId('indicator-grid').waitFor();
    const overflow = (await page.evaluate(`(() => { const s = document.querySelector('[data-testid=indicator-grid]').closest('.grid-scroll'); return s.scrollWidth - s.clientWidth; })()`)) as number;
    expect(overflow).toBeLessThanOrEqual(1);
    const comment = await page.getByRole('button', { name: /批注第 1 行/ }).boundingBox();
    expect((comment?.x ?? 9999) + (comment?.width ?? 0)).toBeLessThanOrEqual(1280);
    await screenshot(page, 'report-review-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'report-review-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('a round’s year that is not one is said beside its box', async () => {
    await page.goto(`${server.url}/monitoring`);
    const form = page.getByTestId('open-round');
    await form.waitFor();
    await form.getByLabel('年度').fill('abc');
    await form.getByText('年度应为 2000 至 2100 之间的四位数字').waitFor();
    expect(await form.getByRole('button', { name: '开启轮次' }).isDisabled()).toBe(true);
  });

  it('the dashboard says its counts include drafts the reviewer cannot open', async () => {
    await page.goto(`${server.url}/dashboard?year=2025`);
    await page.getByTestId('dashboard-drafts-findings').waitFor();
    expect(await page.getByTestId('dashboard-drafts-findings').textContent()).toMatch(/含各部门尚未提交的草稿 \d+ 份/);
  });

  it('a dashboard year in the address that is not one is said, and last year offered', async () => {
    await page.goto(`${server.url}/dashboard?year=abc`);
    const notice = page.getByTestId('dashboard-year-invalid');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('“abc”不是年度');
    expect(await page.getByTestId('dashboard-card-findings').count()).toBe(0);
    const lastYear = new Date().getFullYear() - 1;
    await notice.getByRole('button', { name: `查看 ${lastYear} 年度` }).click();
    await page.getByTestId('dashboard-card-findings').waitFor();
    expect(new URL(page.url()).searchParams.get('year')).toBeNull();
  });

  it('users: searched by department, filtered by role, a new one shown, 停用 asked first, a bad e-mail said', async () => {
    await signIn(page, server.url, 'admin', '/admin/users');
    const table = page.getByTestId('users');
    await table.locator('tbody tr').first().waitFor();
    await page.getByLabel('搜索用户').fill('政务服务和数据管理局');
    await expect.poll(() => table.locator('tbody').textContent()).toContain('haizhu-editor');
    await chooseOption(page, '按角色筛选', '财政审核员');
    await expect.poll(() => table.locator('tbody').textContent()).not.toContain('haizhu-editor');
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.locator('#user-username').fill('new-editor');
    await page.locator('#user-name').fill('新填报员');
    await page.locator('#user-password').fill('Quiet-Harbour-Lantern-58');
    await chooseOption(page.getByRole('dialog'), /^部门$/, '广州市海珠区政务服务和数据管理局（海珠区）');
    await page.locator('#user-email').fill('not-an-address');
    await page.getByText('不是有效的电子邮箱地址').waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: /创\s*建/ }).isDisabled()).toBe(true);
    await page.locator('#user-email').fill('li@example.gov.cn');
    const created = await answerTo(page, 'POST', '/api/v1/users', () => page.getByRole('dialog').getByRole('button', { name: /创\s*建/ }).click());
    expect(created.status(), await created.text()).toBe(201);
    await page.getByTestId('user-created').waitFor();
    // The list is filtered to the new user at once, and shows it when it has been read again.
    await expect.poll(() => table.locator('tbody').textContent()).toContain('new-editor');
    await page.getByTestId('disable-user').first().click();
    await page.locator('.ant-popconfirm').getByText('停用后该用户不能登录').waitFor();
    await screenshot(page, 'users-disable-1280');
    const disabled = await answerTo(page, 'PATCH', /^\/api\/v1\/users\//, () => page.locator('.ant-popconfirm').getByRole('button', { name: /停\s*用/ }).click());
    expect(disabled.status(), await disabled.text()).toBe(200);
    await expect.poll(() => table.locator('tbody').textContent()).toContain('已停用');
  });

  it('a disabled user signing in is told the account is disabled', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('new-editor');
    await page.getByLabel('密码').fill('Quiet-Harbour-Lantern-58');
    await page.locator('button[type=submit]').click();
    await page.getByText('此账号已停用，请联系管理员').waitFor();
  });

  it('a token’s days that are not a number are said, not made 90', async () => {
    await signIn(page, server.url, 'haizhu-editor', '/account');
    await page.getByLabel('名称').fill('夜间导出');
    await page.locator('#token-days').fill('abc');
    await page.locator('#token-days').blur();
    await page.getByText('有效天数应为 1 至 365 的整数').waitFor();
    expect(await page.getByRole('button', { name: '创建令牌' }).isDisabled()).toBe(true);
  });

  it('in English, money boxes keep their unit beside the amount, and notifications read in English', async () => {
    const id = await demoDraftId(page.request, server.url);
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    const box = await page.locator('#budget-basic').boundingBox();
    const unit = await page.locator('.money-input', { has: page.locator('#budget-basic') }).locator('.unit').boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(unit?.x ?? 0);
    expect(await page.locator('.money-input', { has: page.locator('#budget-basic') }).locator('.unit').textContent()).toBe('×10k yuan');
    expect(await page.getByTestId('budget-totals').textContent()).not.toContain('万元');
    await screenshot(page, 'editor-english-1280');
    await page.getByRole('radio', { name: '中文' }).check();
    // A form submitted: the reviewer's bell, in English, reads English around the department's name.
    await signIn(page, server.url, 'haizhu-approver');
    const session = (await (await page.request.get(`${server.url}/api/v1/session`)).json()) as { csrfToken: string };
    expect((await page.request.post(`${server.url}/api/v1/declarations/${id}/transitions`, { data: { action: 'submit' }, headers: { 'x-csrf-token': session.csrfToken } })).status()).toBe(200);
    await signIn(page, server.url, 'haizhu-reviewer');
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item').first();
    await expect.poll(() => item.textContent()).toContain('department-wide targets was submitted for review');
    expect(await item.textContent()).not.toContain('部门整体');
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: '中文' }).check();
  });

  it('the public list sorts by 公开时间, newest first', async () => {
    await page.context().clearCookies();
    await page.goto(`${server.url}/public`);
    const table = page.locator('.ant-table');
    await table.locator('tbody tr').first().waitFor();
    await page.getByRole('columnheader', { name: /公开时间/ }).click();
    await page.waitForURL(/sort=published/);
    const sorted = (await (await page.request.get(`${server.url}/api/v1/public/declarations?sort=published&pageSize=20`)).json()) as { items: Array<{ publishedAt: string | null; projectName: string | null }> };
    const published = sorted.items.map((i) => i.publishedAt ?? '');
    expect([...published].sort().reverse()).toEqual(published);
    await expect.poll(() => table.locator('tbody tr').first().textContent()).toContain(sorted.items[0]?.projectName ?? '部门整体');
  });

  it('a public form that does not exist is said not to, with nothing to download', async () => {
    await page.goto(`${server.url}/public/00000000-0000-4000-8000-000000000000`);
    await page.getByTestId('status-404').waitFor();
    expect(await page.getByTestId('status-404').textContent()).toContain('没有这张公开的申报表');
    expect(await page.locator('a[download]').count()).toBe(0);
    await page.getByRole('link', { name: '返回公开列表' }).click();
    await page.locator('.ant-table tbody tr').first().waitFor();
  });
});
