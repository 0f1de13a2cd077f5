/**
 * 整改台账 and 信息公开 in the browser (issue 26): the bureau sees the district's ledger with the
 * overdue items in red, opens an item from a monitoring report accepted with rectification advice;
 * the department answers it with text and a file and reports it; the bureau accepts it. The
 * disclosure page shows a late form; the department records its 非公开原因; the people's congress
 * book downloads as a PDF. Screenshots at 1280 and 1440 px (docs/screenshots with UPDATE_SCREENSHOTS=1).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, shootAtBothWidths, stepAnswer, signIn, skipAfterFirstFailure, waitUntilSaved } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();
const PDF = '%PDF-1.4\n% 整改报告\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';

interface Head {
  id: string;
  departmentId: string;
  departmentName: string;
  projectName: string | null;
  summary: { flag: boolean };
}

describe.skipIf(missing !== null)('整改台账 and 信息公开 in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let report: Head | undefined;
  let departmentUser = '';
  let itemId = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ district: true }), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Screenshots at both widths, and nothing wider than the window. */
  const shoot = (name: string) => shootAtBothWidths(page, name);

  /** The department's user of a department (an editor), by the admin's list of users. */
  const userOf = async (departmentId: string): Promise<string> => {
    await signIn(page, server.url, 'admin');
    const users = ((await (await page.request.get(`${server.url}/api/v1/users`)).json()) as { users: Array<{ username: string; role: string; departmentId: string | null; disabled: boolean }> }).users;
    const user = users.find((u) => u.departmentId === departmentId && u.role === 'editor' && !u.disabled) ?? users.find((u) => u.departmentId === departmentId && u.role === 'approver' && !u.disabled);
    expect(user, `a user of department ${departmentId}`).toBeDefined();
    return user?.username ?? '';
  };

  it('the bureau sees the district’s ledger, the overdue items in red and counted by department', async () => {
    await signIn(page, server.url, 'haizhu-reviewer');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '整改台账' }).click();
    await page.getByTestId('rectifications-page').waitFor();
    await expect.poll(() => page.getByTestId('rectification-list').locator('tbody tr.row-overdue').count()).toBe(2);
    await page.getByTestId('rectification-counts').waitFor();
    await shoot('rectifications-list');
    // Only the overdue ones, by the filter.
    await page.goto(`${server.url}/rectifications?overdue=true`);
    await expect.poll(() => page.getByTestId('rectification-list').locator('tbody tr.row-overdue').count()).toBe(2);
    expect(await page.getByTestId('rectification-list').locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.getByTestId('rectification-counts').waitFor();
    // The way out of a filter: the whole ledger again.
    await page.getByTestId('clear-filters').click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expect.poll(() => page.getByTestId('rectification-list').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(2);
    // A stale or edited address: its unknown filters are dropped, and the ledger still lists.
    await page.goto(`${server.url}/rectifications?state=bogus&overdue=maybe&year=abc`);
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.getByTestId('rectification-list').locator('tbody tr.row-overdue').first().waitFor();
    expect(await page.getByText('请求内容有误').count()).toBe(0);
    expect(await page.getByTestId('clear-filters').count()).toBe(0);
  });

  it('opens an item from a monitoring report accepted with rectification advice', async () => {
    const list = (await (await page.request.get(`${server.url}/api/v1/documents?kind=monitoring-report&state=accepted&year=2025&pageSize=100`)).json()) as { items: Head[] };
    report = list.items.find((r) => r.summary.flag);
    expect(report, 'an accepted report with a red light').toBeDefined();
    if (!report) return;
    await page.goto(`${server.url}/rectifications?year=2025&new=monitoring-report&source=${report.id}`);
    const dialog = page.getByRole('dialog', { name: '登记整改事项' });
    await dialog.waitFor();
    await dialog.getByLabel('整改期限').fill('2099-06-30');
    await dialog.getByLabel('整改要求').fill('9月底前报送整改报告');
    await dialog.getByLabel('佐证材料要求').fill('整改报告');
    await shoot('rectification-new');
    const opened = await answerTo(page, 'POST', '/api/v1/rectifications', () => page.getByTestId('open-rectification-ok').click());
    expect(opened.status(), await opened.text()).toBe(201);
    await page.getByTestId('rectification-page').waitFor();
    itemId = page.url().split('/').pop() ?? '';
    expect(await page.getByTestId('rectification-state').getAttribute('data-state')).toBe('open');
    expect(await page.getByTestId('rectification-source').getAttribute('href')).toBe(`/monitoring/reports/${report.id}`);
    expect(await page.getByTestId('rectification-page').textContent()).toContain(report.departmentName);
  });

  it('the department answers with text and a file, and reports it', async () => {
    departmentUser = await userOf(report?.departmentId ?? '');
    await signIn(page, server.url, departmentUser, '/rectifications');
    await page.getByTestId('rectification-list').getByRole('link', { name: /./ }).first().waitFor();
    await page.goto(`${server.url}/rectifications/${itemId}`);
    await page.getByTestId('rectification-page').waitFor();
    const dialog = page.getByRole('dialog', { name: '报送整改情况' });
    // Not anchored at the start: while a request is on its way the button's name begins with its spinner's ("loading").
    const send = dialog.getByRole('button', { name: /报\s*送$/ });
    const transitions = (answer: Response) => answer.url().endsWith(`/api/v1/documents/${itemId}/transitions`) && answer.request().method() === 'POST';
    // Nothing written, no file: refused, saying what is missing (the refusal itself, not the dialog's
    // title, which names 整改情况 too), and only then the dialog is left.
    await page.getByTestId('step-report').click();
    const [refused] = await Promise.all([page.waitForResponse(transitions), send.click()]);
    expect(refused.status()).toBe(422);
    await dialog.getByRole('alert').filter({ hasText: '报送前须填写整改情况' }).waitFor();
    await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
    await page.getByTestId('response-text').fill('已调整实施进度，9月完成招标，执行率提高到65%。');
    await waitUntilSaved(page);
    // The upload held on its way: the report cannot be sent until the file is in.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let passed: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (passed = resolve));
    const uploads = `**/api/v1/documents/${itemId}/files?*`;
    await page.route(uploads, async (route) => {
      await held;
      await route.continue();
      passed();
    });
    await page.getByLabel('上传「整改报告」').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await page.getByTestId('step-report').click();
    await dialog.getByTestId('report-waits-for-files').waitFor();
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
    release();
    // Unrouted only once the held upload went on (unrouting first would hand it on twice).
    await sent;
    await page.unroute(uploads);
    await page.getByTestId('evidence-items').getByRole('link', { name: '整改报告.pdf' }).waitFor();
    await shoot('rectification-item');
    await page.getByTestId('step-report').click();
    // The click waits for the button to be enabled: the upload has settled.
    const [reported] = await Promise.all([page.waitForResponse(transitions), send.click()]);
    expect(reported.status()).toBe(200);
    await expect.poll(() => page.getByTestId('rectification-state').getAttribute('data-state')).toBe('reported');
  });

  it('the bureau accepts it, and the ledger shows it accepted', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', `/rectifications/${itemId}`);
    await page.getByTestId('rectification-page').waitFor();
    await expect.poll(() => page.getByTestId('response-text-read').textContent()).toContain('执行率提高到65%');
    await page.getByTestId('step-accept').click();
    const accepted = await stepAnswer(page, () => page.getByRole('dialog').getByRole('button', { name: '验收通过' }).click());
    expect(accepted.status(), await accepted.text()).toBe(200);
    await expect.poll(() => page.getByTestId('rectification-state').getAttribute('data-state')).toBe('accepted');
    await shoot('rectification-accepted');
    await page.goto(`${server.url}/rectifications?state=accepted`);
    await page.getByTestId('rectification-list').locator(`a[href="/rectifications/${itemId}"]`).waitFor();
  });

  it('the bureau reopens a reported item with a reason, which the department reads', async () => {
    await page.goto(`${server.url}/rectifications?state=reported`);
    const link = page.getByTestId('rectification-list').locator('tbody tr.ant-table-row a[href^="/rectifications/"]').first();
    await link.click();
    await page.getByTestId('rectification-page').waitFor();
    await page.getByTestId('step-reopen').click();
    const dialog = page.getByRole('dialog', { name: '退回重新整改' });
    // No reason: the step cannot be taken.
    expect(await dialog.getByRole('button', { name: /^退\s*回$/ }).isDisabled()).toBe(true);
    await dialog.getByLabel('理由').fill('佐证材料未体现整改成效，请补充资金执行数据');
    const reopened = await stepAnswer(page, () => dialog.getByRole('button', { name: /^退\s*回$/ }).click());
    expect(reopened.status(), await reopened.text()).toBe(200);
    await expect.poll(() => page.getByTestId('rectification-state').getAttribute('data-state')).toBe('reopened');
    await expect.poll(() => page.getByTestId('rectification-page').textContent()).toContain('请补充资金执行数据');
  });

  it('the bureau opens an item by hand for a department, the problem required', async () => {
    await page.goto(`${server.url}/rectifications?year=2025`);
    await page.getByTestId('new-rectification').click();
    const dialog = page.getByRole('dialog', { name: '登记整改事项' });
    const departmentName = report?.departmentName ?? '';
    // The choice must have taken before the form is sent, or the item would go without its department.
    await chooseOption(dialog, '责任部门', departmentName, { search: departmentName });
    await dialog.getByLabel('整改期限').fill('2099-03-31');
    // No problem named: refused, saying so.
    await page.getByTestId('open-rectification-ok').click();
    await expect.poll(() => dialog.textContent()).toContain('请写明整改问题');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('问题', { exact: true }).fill('内控制度不健全，未建立项目库管理办法');
    const opened = await answerTo(page, 'POST', '/api/v1/rectifications', () => page.getByTestId('open-rectification-ok').click());
    expect(opened.status(), await opened.text()).toBe(201);
    await page.getByTestId('rectification-page').waitFor();
    expect(await page.getByTestId('rectification-state').getAttribute('data-state')).toBe('open');
    expect(await page.getByTestId('rectification-page').textContent()).toContain(report?.departmentName ?? '');
    expect(await page.getByTestId('rectification-page').textContent()).toContain('手工登记');
  });

  it('the disclosure page shows the late forms; a department records its 非公开原因', async () => {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '信息公开' }).click();
    await page.goto(`${server.url}/disclosure?year=2025`);
    await page.getByTestId('disclosure-departments').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('disclosure-forms').locator('[data-status=overdue]').first().waitFor();
    await shoot('disclosure');
    const view = (await (await page.request.get(`${server.url}/api/v1/disclosure?year=2025`)).json()) as { forms: Array<{ id: string; departmentId: string; kind: string; projectName: string | null; reasonMissing: boolean }> };
    const owing = view.forms.find((f) => f.reasonMissing && f.kind === 'project-target');
    expect(owing, 'an overdue project form without its reason').toBeDefined();
    if (!owing) return;
    await signIn(page, server.url, await userOf(owing.departmentId), '/disclosure?year=2025');
    const row = page.getByTestId('disclosure-forms').getByRole('row', { name: new RegExp(owing.projectName ?? '') }).first();
    await row.getByTestId('record-reason').click();
    await page.getByRole('dialog').getByLabel('非公开原因').fill('涉及国家秘密，按规定不予公开');
    const recorded = await answerTo(page, 'PUT', /^\/api\/v1\/disclosure\/reasons\//, () => page.getByTestId('reason-ok').click());
    expect(recorded.status(), await recorded.text()).toBe(200);
    await expect.poll(() => row.getByTestId('disclosure-reason').textContent()).toContain('涉及国家秘密');
    await shoot('disclosure-department');
  });

  it('the department’s book downloads as a PDF', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('book-pdf').click()]);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('reads in English', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', `/rectifications/${itemId}`);
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => page.getByTestId('rectification-page').textContent()).toContain('Deadline');
    await shoot('rectification-item-en');
    await page.goto(`${server.url}/disclosure?year=2025`);
    await expect.poll(() => page.getByTestId('disclosure-page').textContent()).toContain('Projects published');
    await shoot('disclosure-en');
  });
});
