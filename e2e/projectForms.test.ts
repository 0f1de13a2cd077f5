/**
 * Project forms in the browser, as the demo users: from the seed's department form, open project
 * row 2's form, fill it in (the indicator library suggesting a name while typing), submit it and the
 * department form together, and review both; then start next year's project form as a copy of this
 * year's, its targets marked as carried over. Screenshots at 1280 and 1440 px go to docs/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, screenshot, signIn, signOut, skipAfterFirstFailure, stepAnswer, waitUntilSaved } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('project forms in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let departmentId = '';
  let projectId = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const submit = async (id: string) => {
    await page.goto(`${server.url}/declarations/${id}`);
    await page.getByRole('button', { name: '提交审核' }).click();
    const answer = await stepAnswer(page, () => page.getByRole('button', { name: /^提\s*交$/ }).click());
    expect(answer.status(), await answer.text()).toBe(200);
    await page.locator('[data-state=submitted]').first().waitFor();
  };

  const approve = async (id: string) => {
    await page.goto(`${server.url}/declarations/${id}`);
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('radio', { name: '良', exact: true }).check();
    const answer = await stepAnswer(page, () => page.getByRole('button', { name: '确认通过' }).click());
    expect(answer.status(), await answer.text()).toBe(200);
    await page.locator('[data-state=approved]').first().waitFor();
  };

  it('lists the department form’s project forms under it and opens row 2’s', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    await page.goto(`${server.url}/declarations?year=2025&kind=department-target`);
    await page.getByRole('link', { name: '广州市海珠区政务服务和数据管理局' }).first().click();
    await page.getByTestId('official-form').waitFor();
    departmentId = page.url().split('/').pop() ?? '';
    const list = page.getByRole('region', { name: '项目支出绩效目标申报表' });
    await list.waitFor();
    const row2 = list.locator('tbody tr').nth(1);
    expect(await row2.textContent()).toContain('保障广州塔景区智能化管理平台持续高效稳定运行');
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await list.scrollIntoViewIfNeeded();
      await screenshot(page, `project-forms-${width}`);
      expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    }
    await row2.getByRole('link').first().click();
    // The department form's page shows an official form too: the project form's address first.
    await page.waitForURL((url) => /^\/declarations\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(`/${departmentId}`));
    await page.getByTestId('official-form').waitFor();
    projectId = page.url().split('/').pop() ?? '';
    await page.getByText('所属部门整体申报表').waitFor();
  });

  it('fills in the project form, the library suggesting an indicator while the name is typed', async () => {
    await page.goto(`${server.url}/declarations/${projectId}/edit`);
    const grid = page.getByTestId('project-indicator-editor');
    await grid.waitFor();
    // The findings beside the form, as in the department form's editor, with the skip link to them.
    await page.getByTestId('live-findings').waitFor();
    expect(await page.getByRole('link', { name: '跳到检查结果' }).count()).toBe(1);
    const rows = await grid.locator('tbody tr').count();
    await page.getByRole('button', { name: '添加指标' }).click();
    const name = page.getByLabel(`第 ${rows + 1} 行三级指标`);
    await name.fill('培训');
    const suggested = () => page.evaluate(`[...document.querySelectorAll('[data-testid=library-suggestions] option')].map((o) => o.value)`) as Promise<string[]>;
    await expect.poll(suggested).toContain('培训人次');
    await name.fill('培训人次');
    // Picking the entry gave the row its class, and the row joined that class's rows.
    const at = (await page.evaluate(`[...document.querySelectorAll('[data-testid=project-indicator-editor] tbody tr')].findIndex((tr) => [...tr.querySelectorAll('input')].some((i) => i.value === '培训人次')) + 1`)) as number;
    expect(at).toBeGreaterThan(0);
    await page.getByLabel(`第 ${at} 行年度指标值`).fill('≥200人次');
    // Picking the entry filled the unit the row did not have.
    await expect.poll(() => page.getByLabel(`第 ${at} 行计量单位`).inputValue()).toBe('人次');
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `project-editor-${width}`);
    }
    // Undo and redo, by button and by keyboard: the toolbar's (a note about the row moved may offer 撤销 too, as in the department form's editor).
    await page.getByTestId('editor-toolbar').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => page.getByLabel(`第 ${at} 行年度指标值`).inputValue()).toBe('');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => page.getByLabel(`第 ${at} 行年度指标值`).inputValue()).toBe('≥200人次');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await waitUntilSaved(page);
    await page.goto(`${server.url}/declarations/${projectId}`);
    await expect.poll(() => page.getByTestId('official-form').textContent()).toContain('培训人次');
  });

  it('suggests library entries in the department form’s editor too, and a pick sets the name and its classes', async () => {
    await page.goto(`${server.url}/declarations/${departmentId}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    const name = page.getByLabel('第 1 行三级指标');
    const before = await name.inputValue();
    await name.fill('培训合');
    const list = page.getByTestId('library-suggestion-list');
    await list.getByRole('button', { name: /培训合格率/ }).click();
    // The entry gave the row its classes, and the row joined its class's rows (said in a note).
    await page.getByTestId('toast').filter({ hasText: '已移到' }).waitFor();
    const at = (await page.evaluate(`[...document.querySelectorAll('[data-testid=indicator-editor] tbody tr')].findIndex((tr) => [...tr.querySelectorAll('textarea')].some((x) => x.value === '培训合格率')) + 1`)) as number;
    expect(at).toBeGreaterThan(1);
    expect(await page.getByLabel(`第 ${at} 行二级指标`).inputValue()).toBe('质量指标');
    await expect.poll(() => list.count()).toBe(0);
    // Undone, the row is back in its place with its name.
    const undo = page.getByTestId('editor-toolbar').getByRole('button', { name: '撤销' });
    await undo.click();
    await undo.click();
    await expect.poll(() => name.inputValue()).toBe(before);
    await waitUntilSaved(page);
  });

  it('submits the project form and the department form together, and the reviewer approves both', async () => {
    await signOut(page);
    await signIn(page, server.url, 'haizhu-approver');
    await submit(projectId);
    await submit(departmentId);
    await signOut(page);
    await signIn(page, server.url, 'haizhu-reviewer');
    // The reviewer reads them together: from the project form to its department form's row.
    await page.goto(`${server.url}/declarations/${projectId}`);
    await page.getByRole('link', { name: /第 2 项/ }).click();
    // The project form's page shows an official form too: the address is what says the link was followed.
    await page.waitForURL((url) => url.pathname === `/declarations/${departmentId}`);
    await page.getByTestId('official-form').waitFor();
    await approve(projectId);
    await approve(departmentId);
    await signOut(page);
  });

  it('starts next year’s project form as a copy of this year’s, targets marked as carried over', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    await page.goto(`${server.url}/declarations`);
    await page.getByRole('button', { name: '新建申报表' }).click();
    await page.getByRole('radio', { name: '项目支出绩效目标申报表' }).check();
    await page.locator('#new-year').fill('2026');
    await page.getByRole('radio', { name: /复制 2025 年的申报表/ }).check();
    // Last year's forms are many: the one wanted is found by typing its name.
    await chooseOption(page.getByRole('dialog'), '复制哪一张', '保障广州塔景区智能化管理平台持续高效稳定运行', { search: '广州塔' });
    const created = await answerTo(page, 'POST', '/api/v1/declarations', () => page.getByRole('button', { name: '新建并编辑' }).click());
    expect(created.status(), await created.text()).toBe(201);
    await page.getByTestId('project-indicator-editor').waitFor();
    const marks = page.locator('[data-testid=project-indicator-editor] [data-testid=carried-over]');
    const carried = await marks.count();
    expect(carried).toBeGreaterThan(0);
    expect(await marks.first().textContent()).toBe('沿用上年');
    // Edited, a target is no longer marked; the form view and its print mark the others.
    const firstRow = page.locator('[data-testid=project-indicator-editor] tbody tr').filter({ has: page.getByTestId('carried-over') }).first();
    await firstRow.getByLabel(/行年度指标值/).fill('≥1');
    await expect.poll(() => marks.count()).toBe(carried - 1);
    await waitUntilSaved(page);
    await page.getByTestId('editor-toolbar').getByRole('link', { name: '完成' }).click();
    await page.getByTestId('official-form').waitFor();
    await expect.poll(() => page.getByTestId('official-form').getByTestId('carried-over').count()).toBe(carried - 1);
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `carried-over-${width}`);
    }
  });
});
