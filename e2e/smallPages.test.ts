/**
 * The smaller pages and behaviours a new user meets, in the browser: my account (password, tokens),
 * a bureau that refuses forms with errors, pasting a block from a spreadsheet into the grid, a slow
 * network (the frame at once, never "nothing here" while still loading), and the public list.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, screenshot, signIn, waitUntilSaved } from './support/pages.ts';
import { DEMO_PASSWORD, demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('smaller pages and behaviours', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let id = '';

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

  it('spreads a block pasted from a spreadsheet over the grid’s rows and columns', async () => {
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    const rows = page.getByTestId('indicator-row');
    const count = await rows.count();
    const last = page.getByLabel(`第 ${count} 行三级指标`, { exact: true });
    await last.focus();
    // What Excel puts on the clipboard: cells separated by tabs, rows by CRLF.
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '粘贴的指标甲\\t≥1次\\t≥1次\\r\\n粘贴的指标乙\\t≥2次\\t≥2次\\r\\n');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => rows.count()).toBe(count + 1);
    await expect.poll(() => page.getByLabel(`第 ${count} 行三级指标`, { exact: true }).inputValue()).toBe('粘贴的指标甲');
    await expect.poll(() => page.getByLabel(`第 ${count + 1} 行三级指标`, { exact: true }).inputValue()).toBe('粘贴的指标乙');
    await expect.poll(() => page.getByLabel(`第 ${count + 1} 行年度指标值`, { exact: true }).inputValue()).toBe('≥2次');
    await waitUntilSaved(page);
  });

  it('lets me change my own password and manage my API tokens', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '我的账号' }).click();
    const form = page.getByTestId('change-password');
    await form.getByLabel('当前密码').fill('not-my-password');
    await form.getByLabel('新密码', { exact: true }).fill('Quiet-Harbour-Ledger-73');
    await form.getByLabel('再次输入新密码').fill('Quiet-Harbour-Ledger-73');
    await form.getByRole('button', { name: /修改密码/ }).click();
    await form.getByText('当前密码不正确').waitFor();
    await form.getByLabel('当前密码').fill(DEMO_PASSWORD);
    await form.getByLabel('新密码', { exact: true }).fill('1234567890');
    await form.getByLabel('再次输入新密码').fill('1234567890');
    await form.getByRole('button', { name: /修改密码/ }).click();
    await form.getByText('密码太容易被猜到').waitFor();
    await form.getByLabel('新密码', { exact: true }).fill('Quiet-Harbour-Ledger-73');
    await form.getByLabel('再次输入新密码').fill('Quiet-Harbour-Ledger-73');
    await form.getByRole('button', { name: /修改密码/ }).click();
    await page.getByText('密码已修改').waitFor();

    await page.getByLabel('名称', { exact: true }).fill('夜间导出');
    await page.getByRole('button', { name: /创建令牌/ }).click();
    const token = (await page.getByTestId('new-token').textContent()) ?? '';
    expect(token).toMatch(/^jx_/);
    const script = await fetch(`${server.url}/api/v1/declarations`, { headers: { authorization: `Bearer ${token}` } });
    expect(script.status).toBe(200);
    await screenshot(page, 'account');
    await page.getByRole('button', { name: /^吊\s*销$/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^吊\s*销$/ }).click();
    await page.getByText('已吊销').waitFor();
    // Refused once the servers' token caches have let it go (a couple of seconds).
    await expect.poll(async () => (await fetch(`${server.url}/api/v1/declarations`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('refuses, where the bureau says so, to submit a form with errors, and says why in the dialog', async () => {
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/admin/organisations`);
    await page.getByRole('treeitem', { name: /海珠区/ }).click();
    // Stored before the approver signs in: the server's answer, not only the box ticked.
    const stored = await answerTo(page, 'PATCH', /^\/api\/v1\/organisations\/regions\//, () => page.getByRole('checkbox', { name: /检查有错误的申报表不得提交/ }).click());
    expect(stored.status(), await stored.text()).toBe(200);
    await expect.poll(() => page.getByRole('checkbox', { name: /检查有错误的申报表不得提交/ }).isChecked()).toBe(true);
    await signIn(page, server.url, 'haizhu-approver');
    await page.goto(`${server.url}/declarations/${id}`);
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByTestId('submit-counts').getByText('本地区要求改正全部错误后才能提交').waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: /^提\s*交$/ }).isDisabled()).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  });

  it('shows the frame at once on a slow network, and never "nothing here" while a list is still loading', async () => {
    const slow = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      // (The editor's password was changed above.)
      await signIn(slow, server.url, 'haizhu-approver');
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await slow.route('**/api/v1/declarations?*', async (route) => {
        await held;
        await route.continue();
      });
      await slow.goto(`${server.url}/`);
      await slow.getByTestId('todo-approved').waitFor();
      // Still loading (the lists held above), and drawn so: every card spins, and none says there is nothing.
      await expect.poll(() => slow.evaluate(`[...document.querySelectorAll('[data-testid^=todo-]')].every((card) => card.querySelector('.ant-spin-spinning') !== null)`)).toBe(true);
      expect(await slow.getByText('暂无', { exact: true }).count()).toBe(0);
      release();
      // Loaded: every card says what it holds — its forms, or that there are none.
      await expect.poll(() => slow.evaluate(`[...document.querySelectorAll('[data-testid^=todo-]')].every((card) => card.querySelector('.ant-list-item') !== null || card.textContent.includes('暂无'))`)).toBe(true);

      // The session itself slow, held until the frame is seen: the frame is drawn before it arrives,
      // not a blank page (were it drawn only after, the wait for it would fail).
      let answerSession: () => void = () => undefined;
      const sessionHeld = new Promise<void>((resolve) => (answerSession = resolve));
      await slow.route('**/api/v1/session', async (route) => {
        await sessionHeld;
        await route.continue();
      });
      await slow.goto(`${server.url}/declarations`, { waitUntil: 'commit' });
      await slow.locator('.app-sider .brand').waitFor();
      answerSession();
    } finally {
      await slow.close();
    }
  });

  it('offers the public the regions as a tree', async () => {
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await visitor.goto(`${server.url}/public`);
      await visitor.getByLabel('地区').click();
      await expect.poll(() => visitor.getByRole('tree').textContent()).toContain('海珠区');
    } finally {
      await visitor.close();
    }
  });
});
