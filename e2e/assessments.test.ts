/**
 * 评估评价 in the browser (issue 25): the bureau opens an ex-ante assessment of a new project form
 * and assigns two experts (one from the list in a batch, one on the page); each expert scores on the
 * keyboard alone — a score outside its criterion's range refused naming it; the department uploads a
 * missing document against the checklist; the bureau sees the panel, concludes 调整后予以支持 with a
 * cut, and the project form shows it; the report downloads and reads back (pdftotext) with its score
 * table. Then 抽评's draw with its seed, English, and a server that cannot be reached. Screenshots at
 * 1280 and 1440 px of each page (docs/screenshots with UPDATE_SCREENSHOTS=1).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, postAsSignedIn, shootAtBothWidths, signIn, skipAfterFirstFailure, stepAnswer, waitUntilSaved } from './support/pages.ts';
import { DEMO_PASSWORD, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();
const PROJECT = '项目管理服务经费';
const PDF = '%PDF-1.4\n% 政策依据\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';

describe.skipIf(missing !== null)('评估评价 in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let id = '';
  let formId = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Screenshots at both widths, and nothing wider than the window. */
  const shoot = (name: string) => shootAtBothWidths(page, name);

  const openTab = async (name: RegExp) => {
    await page.getByRole('tab', { name }).click();
  };

  it('the region’s admin adds two experts (set-up, through the API)', async () => {
    await signIn(page, server.url, 'admin');
    const tree = (await (await page.request.get(`${server.url}/api/v1/organisations`)).json()) as { regions: Array<{ name: string; id: string; children: unknown[] }> };
    const find = (nodes: Array<{ name: string; id: string; children: unknown[] }>): string | undefined => nodes.map((n) => (n.name === '海珠区' ? n.id : find(n.children as typeof nodes))).find(Boolean);
    const regionId = find(tree.regions);
    expect(regionId).toBeDefined();
    for (const [username, displayName] of [['expert-zhang', '张华（财务专家）'], ['expert-zhao', '赵明（行业专家）']] as const) {
      expect(await postAsSignedIn(page.request, server.url, '/api/v1/users', { username, displayName, password: DEMO_PASSWORD, role: 'expert', regionId, departmentId: null })).toBe(201);
    }
  });

  it('the department marks a draft project form as a new project and submits it (set-up, through the API)', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    const list = (await (await page.request.get(`${server.url}/api/v1/documents?kind=project-target&year=2025&q=${encodeURIComponent(PROJECT)}`)).json()) as { items: Array<{ id: string; projectName: string }> };
    formId = list.items.find((f) => f.projectName === PROJECT)?.id ?? '';
    expect(formId).not.toBe('');
    const form = (await (await page.request.get(`${server.url}/api/v1/documents/${formId}`)).json()) as { version: number; content: { project: Record<string, unknown> } };
    const session = (await (await page.request.get(`${server.url}/api/v1/session`)).json()) as { csrfToken: string };
    const saved = await page.request.put(`${server.url}/api/v1/documents/${formId}`, { data: { baseVersion: form.version, content: { ...form.content, project: { ...form.content.project, nature: '新增项目' } } }, headers: { 'x-csrf-token': session.csrfToken } });
    expect(saved.status()).toBe(200);
    await signIn(page, server.url, 'haizhu-approver');
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${formId}/transitions`, { action: 'submit' })).toBe(200);
  });

  it('the bureau opens an ex-ante assessment of the new project form from 评估评价', async () => {
    await signIn(page, server.url, 'haizhu-reviewer');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '评估评价' }).click();
    await page.getByTestId('assessments-page').waitFor();
    await page.getByTestId('new-assessment').click();
    const dialog = page.getByRole('dialog', { name: '新建评估评价' });
    await chooseOption(dialog, '年度', '2025');
    // Nothing picked: the dialog says what is missing, and opens nothing.
    await page.getByTestId('new-assessment-ok').click();
    await expect.poll(() => dialog.textContent()).toContain('请选择被评估的项目申报表');
    await chooseOption(dialog, '被评估的项目申报表', new RegExp(PROJECT), { search: PROJECT });
    await expect.poll(() => dialog.getByLabel('评分模板').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).toContain('事前绩效评估');
    await shoot('assessment-new');
    const created = await answerTo(page, 'POST', '/api/v1/assessments', () => page.getByTestId('new-assessment-ok').click());
    expect(created.status(), await created.text()).toBe(201);
    await page.getByTestId('assessment-page').waitFor();
    id = page.url().split('/').pop()?.split('?')[0] ?? '';
    expect(await page.getByTestId('assessment-state').getAttribute('data-state')).toBe('draft');
    const view = (await (await page.request.get(`${server.url}/api/v1/documents/${id}`)).json()) as { content: { subject: { id: string; name: string } } };
    expect(view.content.subject).toMatchObject({ id: formId, name: PROJECT });
  });

  it('assigns one expert from the list in a batch and the other on the page, then starts scoring', async () => {
    await page.goto(`${server.url}/assessments?purpose=ex-ante-project&year=2025`);
    const row = page.getByTestId('assessment-list').getByRole('row', { name: new RegExp(PROJECT) });
    await row.getByRole('checkbox').check();
    await page.getByTestId('batch-assign-button').click();
    const dialog = page.getByRole('dialog', { name: /指派评分人/ });
    await chooseOption(dialog, '评分人', /张华/);
    const assigned = await answerTo(page, 'POST', '/api/v1/assessments/batch-assignments', () => page.getByTestId('batch-assign-ok').click());
    expect(assigned.status(), await assigned.text()).toBe(200);
    await expect.poll(() => page.getByTestId('batch-assign-result').textContent()).toContain('已将 张华（财务专家） 指派到 1 项');
    await shoot('assessments-list');

    await row.getByRole('link', { name: PROJECT }).click();
    await page.getByTestId('assessment-page').waitFor();
    await openTab(/专家组评分/);
    await page.getByTestId('assigned-expert-zhang').waitFor();
    await chooseOption(page, '添加评分人', /赵明/);
    const added = await answerTo(page, 'POST', /\/assignments$/, () => page.getByTestId('assign-button').click());
    expect(added.status(), await added.text()).toBe(201);
    await page.getByTestId('assigned-expert-zhao').waitFor();
    const started = await stepAnswer(page, () => page.getByTestId('step-start').click());
    expect(started.status(), await started.text()).toBe(200);
    await expect.poll(() => page.getByTestId('assessment-state').getAttribute('data-state')).toBe('scoring');
  });

  /** An expert scores every criterion on the keyboard alone: the score, Enter to the next. */
  const score = async (username: string, value: string, reasons: boolean) => {
    await signIn(page, server.url, username, '/assessments');
    // The expert's menu: the assessments, not the departments' paperwork.
    const menu = page.getByRole('navigation', { name: '主菜单' });
    expect(await menu.getByRole('link', { name: '申报表' }).count()).toBe(0);
    await page.getByTestId('assessment-list').getByRole('link', { name: PROJECT }).click();
    await page.getByTestId('score-sheet').waitFor();
    const cells = page.locator('[data-column=score]');
    const count = await cells.count();
    expect(count).toBe(20);
    await cells.first().focus();
    // A score outside the range is refused, naming the criterion, and nothing is saved.
    await page.keyboard.type('7');
    await expect.poll(() => page.getByTestId('invalid-entries').textContent()).toContain('政策相关性');
    expect(await page.getByTestId('invalid-entries').textContent()).toContain('0–5');
    expect(await page.getByTestId('save-status').getAttribute('data-status')).toBe('invalid');
    await page.keyboard.press('Backspace');
    for (let i = 0; i < count; i += 1) {
      await page.keyboard.type(value);
      if (reasons) {
        await page.keyboard.press('Tab');
        await page.keyboard.type(`第 ${i + 1} 项依据申报材料评分`);
        await page.keyboard.press('Tab');
      } else {
        await page.keyboard.press('Enter');
      }
    }
    expect(await page.getByTestId('invalid-entries').count()).toBe(0);
    await page.keyboard.press('Control+s');
    await waitUntilSaved(page);
    await expect.poll(() => page.getByTestId('sheet-progress').textContent()).toContain('已评 20 / 20 项');
  };

  it('the first expert scores on the keyboard: Enter moves down; an out-of-range score is refused naming its criterion', async () => {
    await score('expert-zhang', '4.5', false);
    await expect.poll(() => page.getByTestId('sheet-progress').textContent()).toContain('合计 90.00 分');
    await page.locator('[data-column=score]').first().focus();
    await shoot('assessment-sheet');
  });

  it('the second expert scores with reasons, Tab between score and reason', async () => {
    await score('expert-zhao', '4', true);
    await expect.poll(() => page.getByTestId('sheet-progress').textContent()).toContain('合计 80.00 分');
    // Another expert's scores are never shown to this one.
    expect(await page.getByTestId('sheet-row-1.1').textContent()).not.toContain('4.50');
  });

  it('the department uploads a missing document against the checklist', async () => {
    await signIn(page, server.url, 'haizhu-editor', `/assessments/${id}`);
    await page.getByTestId('assessment-page').waitFor();
    await openTab(/佐证材料/);
    const row = page.getByTestId('evidence-row-0');
    expect(await row.getAttribute('data-status')).toBe('missing');
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-evidence-'));
    // A file whose bytes are not what its name says is refused with the reason.
    writeFileSync(join(dir, '伪装.pdf'), '<html><script>alert(1)</script></html>');
    await page.getByLabel('上传 政策依据文件').setInputFiles(join(dir, '伪装.pdf'));
    await expect.poll(() => page.getByTestId('evidence-checklist').getByRole('alert').first().textContent()).toContain('不能作为佐证材料');
    expect(await page.getByTestId('evidence-row-0').getAttribute('data-status')).toBe('missing');
    writeFileSync(join(dir, '政策依据文件.pdf'), PDF);
    await page.getByLabel('上传 政策依据文件').setInputFiles(join(dir, '政策依据文件.pdf'));
    await expect.poll(() => page.getByTestId('evidence-done').textContent()).toContain('已上传「政策依据文件.pdf」');
    await expect.poll(() => page.getByTestId('evidence-row-0').getAttribute('data-status')).toBe('received');
    await expect.poll(() => page.getByTestId('evidence-row-0').textContent()).toContain('政策依据文件.pdf');
    // The department does not see the experts' scores while the panel scores.
    expect(await page.getByRole('tab', { name: /专家组评分/ }).count()).toBe(0);
    await shoot('assessment-evidence');
  });

  it('the bureau sees the panel, accepts the document, and concludes 调整后予以支持 with a cut', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', `/assessments/${id}?tab=panel`);
    await page.getByTestId('panel-table').waitFor();
    expect(await page.getByTestId('aggregate-1.1').textContent()).toContain('4.25');
    expect(await page.getByTestId('panel-total').textContent()).toContain('85.00');
    await shoot('assessment-panel');

    await openTab(/佐证材料/);
    await chooseOption(page, '政策依据文件 状态', '已通过');
    const download = page.waitForEvent('download');
    await page.getByTestId('evidence-download').first().click();
    expect((await download).suggestedFilename()).toBe('政策依据文件.pdf');

    await openTab(/结论/);
    await page.getByRole('radio', { name: '调整后予以支持' }).check();
    await page.getByTestId('cut').fill('abc');
    await expect.poll(() => page.getByTestId('invalid-entries').textContent()).toContain('核减金额');
    await page.getByTestId('cut').fill('50.00');
    await expect.poll(() => page.getByTestId('invalid-entries').textContent()).toContain('不能达到或超过申请金额');
    await page.getByTestId('cut').fill('5.00');
    await expect.poll(() => page.getByTestId('amounts').textContent()).toContain('予以支持 45.00 万元，核减 5.00 万元');
    await page.getByLabel('总体意见和建议').fill('项目管理服务按询价结果核减后予以支持。');
    await page.keyboard.press('Control+s');
    await waitUntilSaved(page);
    await shoot('assessment-conclusion');
    await page.getByTestId('step-conclude').click();
    // The server's answer first: a refusal then fails here with its words, not as a state that never came.
    const concluded = await answerTo(page, 'POST', `/api/v1/documents/${id}/transitions`, () => page.getByRole('dialog').getByRole('button', { name: '出具结论' }).click());
    expect(concluded.status(), await concluded.text()).toBe(200);
    await expect.poll(() => page.getByTestId('assessment-state').getAttribute('data-state')).toBe('concluded');
    expect(await page.getByTestId('assessment-decision').textContent()).toContain('调整后予以支持');
  });

  it('the project form shows the conclusion', async () => {
    await page.goto(`${server.url}/declarations/${formId}`);
    const note = page.getByTestId('ex-ante-note');
    await note.waitFor();
    expect(await note.getAttribute('data-decision')).toBe('support-after-adjustment');
    expect(await note.textContent()).toContain('调整后予以支持');
    expect(await note.textContent()).toContain('核减 5.00 万元');
    expect(await note.textContent()).toContain('予以支持 45.00 万元');
    await shoot('project-form-ex-ante');
  });

  it('the report previews and downloads as PDF, which reads back with its score table', async () => {
    await page.goto(`${server.url}/assessments/${id}?tab=report`);
    await page.getByTestId('report-score-table').waitFor();
    await shoot('assessment-report');
    const download = page.waitForEvent('download');
    await page.getByTestId('report-pdf').click();
    const file = await (await download).path();
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(PROJECT);
    expect(text).toContain('调整后予以支持');
    expect(text).toMatch(/立项必要性\s+20(\.00)?\s+17\.00/);
    expect(text).toContain('85.00');
    expect(text).toContain('张华');
    const docx = page.waitForEvent('download');
    await page.getByTestId('report-docx').click();
    const bytes = readFileSync(await (await docx).path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('抽评: bad counts refused, a preview with its seed, the draw stored, its reviews opened and its list exported', async () => {
    await page.goto(`${server.url}/assessments/samples?year=2024`);
    await page.getByTestId('sampling-page').waitFor();
    await page.getByTestId('count-优').fill('x');
    expect(await page.getByTestId('draw-sample').isDisabled()).toBe(true);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('抽取数须为 0–9999 的整数');
    await page.getByTestId('count-优').fill('1');
    await page.getByTestId('count-良').fill('1');
    await page.getByTestId('count-中').fill('0');
    await page.getByTestId('count-差').fill('0');
    await page.getByTestId('seed').fill('e2e-seed');
    const preview = await answerTo(page, 'POST', '/api/v1/assessments/samples/preview', () => page.getByTestId('preview-sample').click());
    expect(preview.status(), await preview.text()).toBe(200);
    await expect.poll(() => page.getByTestId('sample-seed').textContent()).toBe('e2e-seed');
    const previewed = await page.getByTestId('sample-result').locator('tbody tr').allTextContents();
    expect(previewed.length).toBeGreaterThan(0);
    const drawn = await answerTo(page, 'POST', '/api/v1/assessments/samples', () => page.getByTestId('draw-sample').click());
    expect(drawn.status(), await drawn.text()).toBe(201);
    await page.getByTestId('export-sample').waitFor();
    expect(await page.getByTestId('sample-seed').textContent()).toBe('e2e-seed');
    // The same seed draws the same list, and the bureau is told so.
    expect(await page.getByTestId('sample-result').textContent()).toContain('名单一致');
    expect(await page.getByTestId('sample-result').locator('tbody tr').allTextContents()).toEqual(previewed.map((row) => row.replace(/—$/, '打开')));
    expect(previewed.join('')).toContain('广州市海珠区');
    await shoot('assessment-sampling');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-sample').click();
    expect((await download).suggestedFilename()).toContain('抽评名单');
    await page.getByTestId('sample-result').getByRole('link', { name: '打开' }).first().click();
    await page.getByTestId('assessment-page').waitFor();
    expect(await page.getByTestId('assessment-head').textContent()).toContain('绩效自评抽评');
    await openTab(/评分表/);
    await page.getByTestId('score-sheet').waitFor();
    await shoot('assessment-sampling-review');
  });

  it('reads in English, and says so clearly when the server cannot be reached', async () => {
    await page.goto(`${server.url}/assessments/${id}?tab=panel`);
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('tab', { name: 'Panel' }).waitFor();
    expect(await page.getByTestId('assessment-head').textContent()).toContain('Ex-ante assessment of a project');
    expect(await page.getByTestId('assessment-decision').textContent()).toContain('supported after adjustment');
    await shoot('assessment-english');
    await page.getByRole('radio', { name: '中文' }).check();
    await page.route('**/api/v1/documents?*', (route) => route.abort());
    await page.goto(`${server.url}/assessments`);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('无法连接服务器');
    await page.unroute('**/api/v1/documents?*');
  });
});
