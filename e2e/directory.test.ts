/**
 * A region's administration in the browser: the admin creates a department and its users from a
 * sheet — the plan shown row by row first, a bad row marked — moves the department to another
 * district, and a new user signs in with the password Jixiao generated for them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, screenshot, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();
const sheet = (rows: string[]) => ({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`, 'utf8') });

describe.skipIf(missing !== null)('departments and users from a sheet in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let password = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the plan with a bad row marked, and stores nothing until it is right', async () => {
    await signIn(page, server.url, 'admin', '/admin/organisations');
    await page.getByTestId('directory-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(sheet(['部门,区划,用户名,姓名,角色,初始密码', '广州市海珠区教育局,海珠区,edu-editor,教育局填报员,部门填报员,', '广州市海珠区教育局,海珠区,edu-boss,教育局负责人,校长,']));
    await page.getByTestId('directory-plan').getByText('角色「校长」无法识别', { exact: false }).waitFor();
    expect(await page.getByTestId('directory-commit').isDisabled()).toBe(true);
  });

  it('stores the corrected sheet at once, and the new editor signs in with the generated password', async () => {
    await page.locator('.ant-modal input[type=file]').setInputFiles(sheet(['部门,区划,用户名,姓名,角色,初始密码', '广州市海珠区教育局,海珠区,edu-editor,教育局填报员,部门填报员,', '广州市海珠区教育局,海珠区,edu-boss,教育局负责人,部门负责人,']));
    await expect.poll(() => page.getByTestId('directory-plan').getByText('可以导入').count()).toBe(2);
    await screenshot(page, 'directory-import');
    const committed = await answerTo(page, 'POST', '/api/v1/organisations/import', () => page.getByTestId('directory-commit').click());
    expect(committed.status(), await committed.text()).toBe(200);
    const stored = page.getByTestId('directory-stored');
    await stored.waitFor();
    expect(await stored.textContent()).toContain('已新建 1 个部门、2 个用户');
    password = (await stored.locator('li', { hasText: 'edu-editor' }).locator('code').nth(1).textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(10);
    await stored.getByRole('button', { name: /完\s*成/ }).click();
    // The department is in the district's list.
    await page.locator('.ant-tree-title', { hasText: '海珠区' }).first().click();
    await page.getByText('广州市海珠区教育局').first().waitFor();

    // Moved to another district, with everything it holds.
    await page.getByRole('button', { name: '移动「广州市海珠区教育局」到其他区划' }).click();
    await chooseOption(page.getByRole('dialog'), '移动到', '越秀区');
    const moved = await answerTo(page, 'PATCH', /^\/api\/v1\/organisations\/departments\//, () => page.getByRole('dialog').getByRole('button', { name: /移\s*动/ }).click());
    expect(moved.status(), await moved.text()).toBe(200);
    await page.locator('.ant-tree-title', { hasText: '越秀区' }).first().click();
    await page.getByTestId('departments').getByText('广州市海珠区教育局').waitFor();

    await page.context().clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('edu-editor');
    await page.getByLabel('密码').fill(password);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('广州市海珠区教育局');
  });

  it("the district bureau's admin sees and manages only its district, and is told when it reaches outside", async () => {
    await page.context().clearCookies();
    await signIn(page, server.url, 'haizhu-admin', '/admin/organisations');
    // No system-wide pages in its menu; its tree starts at its district.
    const menu = (await page.getByRole('navigation').textContent()) ?? '';
    expect(menu).toContain('区划与部门');
    expect(menu).not.toContain('审计日志');
    expect(menu).not.toContain('指标库');
    await page.locator('.ant-tree-title', { hasText: '海珠区' }).first().waitFor();
    expect(await page.locator('.ant-tree-title', { hasText: '越秀区' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '新建顶级区划' }).count()).toBe(0);

    // Its users only; a new reviewer for its district; a system admin it may not make.
    await page.getByRole('navigation').getByRole('link', { name: '用户' }).click();
    await page.getByText('haizhu-editor').first().waitFor();
    expect(await page.getByText('yuexiu-reviewer').count()).toBe(0);
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('海珠 审核员');
    await dialog.getByLabel('姓名').fill('海珠区第二审核员');
    await dialog.getByLabel('初始密码').fill('Quiet-Harbour-Lantern-58');
    // Its own district is chosen for it, for an admin (no system admin offered) as for a reviewer.
    const regionItem = dialog.locator('.ant-form-item', { has: page.locator('#user-region') });
    await chooseOption(dialog, '角色', '管理员');
    await expect.poll(() => regionItem.locator('.ant-select-content').getAttribute('title')).toBe('海珠区');
    await chooseOption(dialog, '角色', '财政审核员');
    await expect.poll(() => regionItem.locator('.ant-select-content').getAttribute('title')).toBe('海珠区');
    // A username the server refuses is said beside the username, in words, not as a vague 请求内容有误.
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    const usernameItem = dialog.locator('.ant-form-item', { has: page.locator('#user-username') });
    await expect.poll(() => usernameItem.locator('.ant-form-item-explain').textContent()).toBe('用户名只能包含字母、数字和 _ . -，长 2–64 个字符');
    expect(await dialog.textContent()).not.toContain('请求内容有误');
    await dialog.getByLabel('用户名').fill('hz-reviewer-2');
    await screenshot(page, 'bureau-admin-user');
    const created = await answerTo(page, 'POST', '/api/v1/users', () => dialog.getByRole('button', { name: /创\s*建/ }).click());
    expect(created.status(), await created.text()).toBe(201);
    // Announced, and shown in the list read again.
    await page.getByTestId('user-created').filter({ hasText: 'hz-reviewer-2' }).waitFor();
    await page.getByTestId('users').getByText('hz-reviewer-2').waitFor();
  });
});
