/**
 * Two people — or one person in two windows — edit the same draft. Edits of different fields are
 * merged without a question; only a field both changed is asked about, with both values side by
 * side, and exactly the choice is saved. Nothing the other saved is undone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { screenshot, signIn, skipAfterFirstFailure, waitUntilSaved } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

interface DeclarationAnswer {
  id: string;
  version: number;
  content: { goals: string[]; department: string };
}

describe.skipIf(missing !== null)('two browsers editing one draft', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let editor: Page;
  let approver: Page;
  let id = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    editor = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    approver = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const current = async (page: Page): Promise<DeclarationAnswer> => {
    const response = await page.request.get(`${server.url}/api/v1/declarations/${id}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as DeclarationAnswer;
  };

  it('both open the demo draft in the editor', async () => {
    await signIn(editor, server.url, 'haizhu-editor');
    id = await demoDraftId(editor.request, server.url);
    await signIn(approver, server.url, 'haizhu-approver');
    for (const page of [editor, approver]) {
      await page.goto(`${server.url}/declarations/${id}/edit`);
      await page.getByLabel('目标1', { exact: true }).waitFor();
    }
  });

  it('edits of different fields are merged with no question, and neither is undone', async () => {
    const before = await current(editor);
    await approver.getByLabel('目标1', { exact: true }).fill('负责人修改的目标一');
    await approver.keyboard.press('Control+s');
    await waitUntilSaved(approver);
    await editor.getByLabel('部门名称').fill('广州市海珠区政务服务和数据管理局（填报员）');
    // The editor's autosave meets the approver's version, merges, and saves.
    await editor.getByTestId('toast').filter({ hasText: '已与你的修改合并' }).waitFor();
    expect(await editor.getByTestId('toast').textContent()).toContain('海珠数管局负责人');
    await waitUntilSaved(editor);
    const after = await current(editor);
    expect(after.version).toBe(before.version + 2);
    expect(after.content.goals[0]).toBe('负责人修改的目标一');
    expect(after.content.department).toBe('广州市海珠区政务服务和数据管理局（填报员）');
    // The merged form is in the editor too.
    await expect.poll(() => editor.getByLabel('目标1', { exact: true }).inputValue()).toBe('负责人修改的目标一');
  });

  it('asks only about the one field both changed, and saves exactly the choice', async () => {
    await approver.reload();
    await approver.getByLabel('目标2', { exact: true }).waitFor();
    await approver.getByLabel('目标2', { exact: true }).fill('负责人改的目标二');
    await approver.keyboard.press('Control+s');
    await waitUntilSaved(approver);
    await editor.getByLabel('目标2', { exact: true }).fill('填报员改的目标二');
    await editor.getByLabel('目标3', { exact: true }).fill('只有填报员改的目标三');
    const table = editor.getByTestId('conflict-table');
    await table.waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('负责人改的目标二');
    expect(text).toContain('填报员改的目标二');
    await screenshot(editor, 'conflict');
    // Nothing of the editor's was saved while the question stands.
    expect((await current(editor)).content.goals[1]).toBe('负责人改的目标二');
    await table.getByText('负责人改的目标二').click();
    await editor.getByRole('button', { name: '按所选合并并保存' }).click();
    await waitUntilSaved(editor);
    const after = await current(editor);
    expect(after.content.goals[1]).toBe('负责人改的目标二');
    expect(after.content.goals[2]).toBe('只有填报员改的目标三');
  });

  it('says "another window" when the other save was the same person’s', async () => {
    const second = await editor.context().newPage();
    await second.goto(`${server.url}/declarations/${id}/edit`);
    await second.getByLabel('目标4', { exact: true }).waitFor();
    await editor.reload();
    await editor.getByLabel('目标4', { exact: true }).waitFor();
    await second.getByLabel('目标4', { exact: true }).fill('第二个窗口的目标四');
    await second.keyboard.press('Control+s');
    await waitUntilSaved(second);
    await editor.getByLabel('目标5', { exact: true }).fill('第一个窗口的目标五');
    await editor.getByTestId('toast').filter({ hasText: '另一窗口' }).waitFor();
    await waitUntilSaved(editor);
    const after = await current(editor);
    expect(after.content.goals[3]).toBe('第二个窗口的目标四');
    expect(after.content.goals[4]).toBe('第一个窗口的目标五');
    await second.close();
  });
  it('asks about a field both changed in a project form too, instead of keeping one side unasked', async () => {
    const answer = await editor.request.get(`${server.url}/api/v1/declarations?state=draft&kind=project-target`);
    const projectId = ((await answer.json()) as { items: Array<{ id: string }> }).items[0]?.id ?? '';
    expect(projectId).not.toBe('');
    for (const page of [editor, approver]) {
      await page.goto(`${server.url}/declarations/${projectId}/edit`);
      await page.getByLabel('第 1 行年度指标值').waitFor();
    }
    await approver.getByLabel('第 1 行年度指标值').fill('≥10个（负责人）');
    await approver.keyboard.press('Control+s');
    await waitUntilSaved(approver);
    await editor.getByLabel('第 1 行年度指标值').fill('≥12个（填报员）');
    const table = editor.getByTestId('conflict-table');
    await expect.poll(() => table.textContent()).toContain('≥10个（负责人）');
    expect(await table.textContent()).toContain('≥12个（填报员）');
    // Nothing of the editor's was saved while the question stands.
    const stored = async () => ((await (await editor.request.get(`${server.url}/api/v1/declarations/${projectId}`)).json()) as { content: { indicators: Array<{ annualTarget: string }> } }).content.indicators[0]?.annualTarget;
    expect(await stored()).toBe('≥10个（负责人）');
    await table.getByText('≥12个（填报员）').click();
    await editor.getByRole('button', { name: '按所选合并并保存' }).click();
    await waitUntilSaved(editor);
    expect(await stored()).toBe('≥12个（填报员）');
  });
});
