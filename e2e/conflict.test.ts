/**
 * Two people edit the same draft in two browsers. The second save loses the race: the editor shows
 * both versions side by side and saves nothing until its user chooses; then exactly the choice is saved.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { screenshot, signIn, skipAfterFirstFailure, waitUntilSaved } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

interface DeclarationAnswer {
  id: string;
  version: number;
  content: { goals: string[] };
}

describe.skipIf(missing !== null)('two browsers editing one draft', { timeout: 60_000 }, () => {
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
  }, 180_000);

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

  it('the approver saves first; the editor’s later save is refused and both versions are shown', async () => {
    const before = await current(editor);
    await approver.getByLabel('目标1', { exact: true }).fill('负责人修改的目标一');
    await approver.keyboard.press('Control+s');
    await waitUntilSaved(approver);
    expect((await current(approver)).version).toBe(before.version + 1);

    await editor.getByLabel('目标2', { exact: true }).fill('填报员修改的目标二');
    // Autosave runs into the conflict by itself.
    const table = editor.getByTestId('conflict-table');
    await table.waitFor({ timeout: 20_000 });
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('负责人修改的目标一'); // theirs
    expect(text).toContain('填报员修改的目标二'); // mine
    await editor.locator('[data-testid=save-status][data-status=conflict]').waitFor();
    await screenshot(editor, 'conflict');
    // Nothing of the editor's was saved over the approver's version.
    const after = await current(editor);
    expect(after.version).toBe(before.version + 1);
    expect(after.content.goals[0]).toBe('负责人修改的目标一');
    expect(after.content.goals[1]).not.toBe('填报员修改的目标二');
  });

  it('the editor keeps their version: it is saved as the next version, knowingly', async () => {
    const before = await current(editor);
    await editor.getByRole('button', { name: /保留我的修改/ }).click();
    await waitUntilSaved(editor);
    const after = await current(editor);
    expect(after.version).toBe(before.version + 1);
    expect(after.content.goals[1]).toBe('填报员修改的目标二');
  });

  it('the approver, now behind, takes the other version instead and sees it in the form', async () => {
    await approver.getByLabel('目标3', { exact: true }).fill('负责人再改目标三');
    await approver.getByTestId('conflict-table').waitFor({ timeout: 20_000 });
    await approver.getByRole('button', { name: /采用对方版本/ }).click();
    await approver.locator('[data-testid=save-status][data-status=saved]').waitFor();
    expect(await approver.getByLabel('目标2', { exact: true }).inputValue()).toBe('填报员修改的目标二');
    const after = await current(approver);
    expect(after.content.goals[2]).not.toBe('负责人再改目标三');
  });
});
