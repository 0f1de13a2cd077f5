/**
 * The whole cycle in the browser, as the demo users: the editor imports the seed and fixes a target,
 * the approver submits, the reviewer returns it with a comment, the editor fixes what the comment
 * says, the approver resubmits, the reviewer approves, the approver publishes, and anyone finds it
 * on the public pages. Screenshots of the main pages go to docs/screenshots.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, postAsSignedIn, screenshot, shootAtBothWidths, signIn, signOut, skipAfterFirstFailure, stepAnswer, waitUntilSaved } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const SEED = readFileSync(fileURLToPath(new URL('../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url)), 'utf8');
const DEPARTMENT = '广州市海珠区政务服务和数据管理局';
const SATISFACTION = 28; // 群众满意度: printed as ＜5%, a satisfaction target the checker rejects.
const RETURN_ON = 14; // 项目收益率: ≥15% over the period but 15% for the year.

const missing = chromiumMissing();

describe.skipIf(missing !== null)('the declaration cycle in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let id = '';
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

  /** The approver's submit, confirmed, as the first submission and as the resubmission after a return. */
  const submitAsApprover = async () => {
    await signIn(page, server.url, 'haizhu-approver');
    await openForm();
    await page.getByRole('button', { name: '提交审核' }).click();
    const answer = await stepAnswer(page, () => page.getByRole('button', { name: /^提\s*交$/ }).click());
    expect(answer.status(), await answer.text()).toBe(200);
    await page.locator('[data-state=submitted]').first().waitFor();
    await signOut(page);
  };

  const openForm = async () => {
    await page.goto(`${server.url}/declarations/${id}`);
    await page.getByTestId('official-form').waitFor();
  };

  it('the editor imports the seed text, sees unparsed lines marked, and saves it as a 2026 draft', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    // The home page with its counts and both charts drawn.
    await page.getByTestId('counts-by-state').waitFor();
    await expect.poll(() => page.locator('main div[role=img] svg').count()).toBe(2);
    await screenshot(page, 'home');
    await page.getByRole('link', { name: '导入申报表' }).first().click();
    await page.getByLabel(/粘贴申报表文本/).fill(SEED);
    await page.getByRole('button', { name: /解\s*析/ }).click();
    await page.getByTestId('source-view').waitFor();
    expect(await page.locator('[data-testid=source-view] .line').count()).toBeGreaterThan(400);
    await expect.poll(() => page.getByTestId('official-form').locator('tbody[data-testid=indicator-table] tr').count()).toBe(36);
    await page.getByLabel('年度').fill('2026');
    await screenshot(page, 'import');
    // The page moves to the new form once the server made it: its answer first, then the address.
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/declarations/import'),
      page.getByRole('button', { name: /保存为草稿/ }).click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(201);
    id = ((await saved.json()) as { id: string }).id;
    await page.waitForURL(`${server.url}/declarations/${id}`);
    await page.locator('h1', { hasText: `${DEPARTMENT} · 2026` }).waitFor();
    // An editor may edit a draft but not submit it: only 编辑 is offered.
    await expect.poll(() => page.getByTestId('actions').getByRole('button', { name: /提交审核|退回修改|审核通过|公\s*开/ }).count()).toBe(0);
    // …and the page says who submits it.
    expect(await page.getByTestId('next-step').textContent()).toBe('由本部门审批人（部门负责人）提交审核');
    expect(await page.getByTestId('actions').getByRole('link', { name: /编\s*辑/ }).count()).toBe(1);
  });

  it('the editor fixes a target in the editor: the parse and the findings follow as typed, and it autosaves', async () => {
    await page.getByTestId('actions').getByRole('link', { name: /编\s*辑/ }).click();
    const target = page.getByLabel(`第 ${SATISFACTION + 1} 行年度指标值`, { exact: true });
    await target.waitFor();
    await expect.poll(() => page.locator('[data-testid=live-findings] [data-rule=satisfaction-target-form]').count()).toBe(1);
    await target.fill('≥95%');
    await expect.poll(() => page.locator(`[data-path="/indicators/${SATISFACTION}/annualTarget"] .target-parse`).textContent()).toContain('定量: ≥ 95 %');
    await expect.poll(() => page.locator('[data-testid=live-findings] [data-rule=satisfaction-target-form]').count()).toBe(0);
    await waitUntilSaved(page);
    await screenshot(page, 'editor');
    await signOut(page);
  });

  it('the approver submits it', async () => {
    // The page with the most in its toolbar (edit, update from a file, submit, history, print, downloads) fits both widths.
    await signIn(page, server.url, 'haizhu-approver');
    await openForm();
    await shootAtBothWidths(page, 'declaration-page');
    await page.setViewportSize({ width: 1440, height: 900 });
    await submitAsApprover();
  });

  it('the reviewer finds it in the to-do list, comments on a row and returns it', async () => {
    await signIn(page, server.url, 'haizhu-reviewer');
    await page.getByTestId('todo-submitted').getByRole('link', { name: new RegExp(`${DEPARTMENT} · 2026`) }).click();
    await page.getByTestId('official-form').waitFor();
    await page.getByRole('button', { name: `批注: 指标 项目收益率` }).click();
    await page.getByLabel('批注内容').fill('实施周期指标值为“≥15%”，年度指标值却为“15%”，请统一比较符。');
    const commented = await answerTo(page, 'POST', /\/comments$/, () => page.getByRole('button', { name: '添加批注' }).click());
    expect(commented.status(), await commented.text()).toBe(201);
    await page.locator(`[data-comment-path="/indicators/${RETURN_ON}"]`).waitFor();
    await screenshot(page, 'review');
    await page.getByRole('button', { name: '退回修改' }).click();
    // The dialog opens with the reason box focused, for the keyboard.
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('step-reason');
    await page.getByRole('radio', { name: '中', exact: true }).check();
    await page.getByLabel('审核意见').fill('个别指标比较符不一致，请按批注修改后重新提交。');
    const answer = await stepAnswer(page, () => page.getByRole('button', { name: '确认退回' }).click());
    expect(answer.status(), await answer.text()).toBe(200);
    await page.locator('[data-state=returned]').first().waitFor();
    await signOut(page);
  });

  it('the editor sees the comment where it applies, fixes the row and saves', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    // The bell says so, with the opinion, and opens the form.
    await page.getByTestId('unread-count').waitFor();
    await page.getByTestId('notification-bell').click();
    const notice = page.getByTestId('notification-item').filter({ hasText: '被退回修改' }).first();
    await expect.poll(() => notice.textContent()).toContain('个别指标比较符不一致，请按批注修改后重新提交。');
    await notice.click();
    await page.waitForURL(new RegExp(`/declarations/${id}$`));
    await page.getByTestId('official-form').waitFor();
    await page.locator(`tr.has-comment [data-path="/indicators/${RETURN_ON}"]`).waitFor();
    // The reviewer's opinion, grade, name and time are the first thing on the form page and in the editor.
    const banner = page.getByTestId('review-banner');
    expect(await banner.textContent()).toContain('个别指标比较符不一致，请按批注修改后重新提交。');
    expect(await banner.textContent()).toContain('海珠区财政局审核员');
    await page.getByTestId('actions').getByRole('link', { name: /编\s*辑/ }).click();
    const row = page.locator(`tr[data-path="/indicators/${RETURN_ON}"]`);
    await row.getByTestId('comment-marker').waitFor();
    expect(await page.getByTestId('review-banner').textContent()).toContain('审核结果 中');
    await page.getByLabel(`第 ${RETURN_ON + 1} 行年度指标值`, { exact: true }).fill('≥15%');
    await waitUntilSaved(page);
    await signOut(page);
  });

  it('the editor compares two versions apart in the history and names the first', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    await page.goto(`${server.url}/declarations/${id}/history`);
    await expect.poll(() => page.locator('[data-testid=versions] .ant-table-row').count()).toBe(3);
    // Any two: the imported version against the latest, two saves apart.
    await chooseOption(page, '较早的版本', /^第 1 版/);
    await expect.poll(() => page.getByTestId('diff').textContent()).toContain('≥95%');
    expect(await page.getByTestId('diff').textContent()).toContain('≥15%');
    // Named by keyboard: 命名, the name, Enter. The box starts with the note as shown (one language).
    const shownNote = (await page.locator('[data-testid=versions] .ant-table-row').last().getByTestId('version-note').textContent()) ?? '';
    await page.getByRole('button', { name: '命名第 1 版' }).click();
    expect(await page.getByLabel('第 1 版的名称').inputValue()).toBe(shownNote);
    // An empty name is refused, and the box says why.
    await page.getByLabel('第 1 版的名称').fill('   ');
    await page.getByLabel('第 1 版的名称').press('Enter');
    expect(await page.getByTestId('version-name-error').textContent()).toBe('名称不能为空');
    await page.getByLabel('第 1 版的名称').fill('导入的原稿');
    expect(await page.getByTestId('version-name-error').count()).toBe(0);
    const named = await answerTo(page, 'PATCH', new RegExp(`/versions/1$`), () => page.getByLabel('第 1 版的名称').press('Enter'));
    expect(named.status(), await named.text()).toBe(200);
    await expect.poll(() => page.locator('[data-testid=versions] .ant-table-row').last().textContent()).toContain('导入的原稿');
    await shootAtBothWidths(page, 'history-declaration');
    await page.setViewportSize({ width: 1440, height: 900 });
    await signOut(page);
  });

  it('the approver resubmits, the reviewer approves, the approver publishes', async () => {
    await submitAsApprover();

    await signIn(page, server.url, 'haizhu-reviewer');
    await openForm();
    // What the department changed since the return, for the reviewer to check first.
    const since = page.getByTestId('changes-since-return');
    await since.waitFor();
    await expect.poll(() => since.textContent()).toContain('退回（第');
    await expect.poll(() => since.textContent()).toContain('≥15%');
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `changes-since-return-${width}`);
    }
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('radio', { name: '优', exact: true }).check();
    // Approved meanwhile (another reviewer, another window): the step in this dialog is refused, and
    // the dialog says so in the server's words, its button usable again.
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${id}/transitions`, { action: 'review', grade: '优' })).toBe(200);
    const refused = await stepAnswer(page, () => page.getByRole('button', { name: '确认通过' }).click());
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    const words = ((await refused.json()) as { error: { message: { zh: string } } }).error.message.zh;
    await page.getByRole('dialog').getByRole('alert').filter({ hasText: words }).waitFor();
    expect(await page.getByRole('dialog').getByRole('button', { name: '确认通过' }).isEnabled()).toBe(true);
    await screenshot(page, 'step-refused');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await openForm();
    await page.locator('[data-state=approved]').first().waitFor();
    await signOut(page);

    await signIn(page, server.url, 'haizhu-approver');
    await openForm();
    await page.getByTestId('actions').getByRole('button', { name: /^公\s*开$/ }).click();
    const published = await stepAnswer(page, () => page.getByRole('dialog').getByRole('button', { name: /^公\s*开$/ }).click());
    expect(published.status(), await published.text()).toBe(200);
    await page.locator('[data-state=published]').first().waitFor();
    // The return's comments were answered: the published form does not carry them as open.
    await expect.poll(() => page.getByTestId('review-banner').textContent()).not.toContain('处字段带有批注');
    expect(await page.locator('tr.has-comment').count()).toBe(0);
    await screenshot(page, 'form-view');
  });

  it('prints the official form alone on A4 landscape pages', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByTestId('actions').isVisible()).toBe(false);
    expect(await page.getByTestId('official-form').isVisible()).toBe(true);
    await screenshot(page, 'print');
    await page.emulateMedia({ media: null });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    // A4 landscape is 842 × 595 points.
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([842, 595]);
    expect((pdf.match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(2);
  });

  it('history shows every version with its author and the changes between them', async () => {
    await page.goto(`${server.url}/declarations/${id}/history`);
    await page.getByTestId('diff').waitFor();
    // Versions: 1 imported, 2 target fixed, 3 row fixed after the return.
    await expect.poll(() => page.locator('[data-testid=versions] .ant-table-row').count()).toBe(3);
    await expect.poll(() => page.getByTestId('diff').textContent()).toContain('项目收益率');
    const diff = await page.getByTestId('diff').textContent();
    expect(diff).toContain('≥15%');
    // Rows are numbered as the form shows them.
    expect(diff).toContain(`绩效指标第 ${RETURN_ON + 1} 行`);
    await screenshot(page, 'history');
    await signOut(page);
  });

  it('anyone finds it on the public pages without signing in', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const visitor = await context.newPage();
    // The demo has published forms of other years (and project forms) naming it too: this year's only.
    await visitor.goto(`${server.url}/public?year=2026`);
    await visitor.getByLabel('搜索').fill('项目收益率');
    await visitor.getByLabel('搜索').press('Enter');
    await visitor.getByRole('link', { name: DEPARTMENT }).first().waitFor();
    await expect.poll(() => visitor.locator('.ant-table-row').count()).toBe(1);
    await screenshot(visitor, 'public-list');
    await visitor.getByRole('link', { name: DEPARTMENT }).click();
    await expect.poll(() => visitor.getByTestId('official-form').textContent()).toContain('≥95%');
    // Review comments stay between the department and the bureau.
    expect(await visitor.getByText('请统一比较符').count()).toBe(0);
    await context.close();
  });

  it('the admin sees the steps in the audit log, with the chain verified', async () => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('link', { name: '审计日志' }).click();
    await expect.poll(() => page.getByTestId('audit-verification').textContent()).toContain('哈希链完整');
    // Actions in words, people by name, times to the second.
    // 公开 itself, not 公开绩效自评 (the demo's published self-evaluations).
    await expect.poll(() => page.locator('.ant-table-row').filter({ has: page.locator('td', { hasText: /^公开$/ }) }).filter({ hasText: '海珠数管局负责人' }).count()).toBe(1);
    expect(await page.locator('.ant-table-row').filter({ hasText: 'declaration.publish' }).count()).toBe(0);
    expect(await page.getByTestId('audit-entries').textContent()).toMatch(/\d{2}:\d{2}:\d{2}/);
    await screenshot(page, 'audit');
  });
});
