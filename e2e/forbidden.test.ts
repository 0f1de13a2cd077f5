/**
 * What a user may not do is not offered, and the server refuses it when asked directly: the editor
 * has no submit button and a forged submit is a 403; a reviewer cannot open a draft; the public
 * cannot reach anything unpublished.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { signIn } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('forbidden actions', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let draftId = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, server.url, 'haizhu-editor');
    draftId = await demoDraftId(page.request, server.url);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an editor is offered no workflow action, and a submit sent anyway is refused with 403', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    await page.goto(`${server.url}/declarations/${draftId}`);
    await page.getByTestId('official-form').waitFor();
    const actions = page.getByTestId('actions');
    expect(await actions.getByRole('button', { name: /提交审核|退回修改|审核通过|公\s*开/ }).count()).toBe(0);
    // The same request the approver's button sends, from the editor's signed-in page.
    const answer = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1/declarations/${id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ action: 'submit' }),
      });
      return { status: response.status, body: (await response.json()) as { error: { id: string; message: { zh: string } } } };
    }, draftId);
    expect(answer.status).toBe(403);
    expect(answer.body.error.id).toBe('forbidden');
    expect(answer.body.error.message.zh).toBe('无权进行此操作');
  });

  it('a reviewer cannot open a draft: the page says it does not exist, in Chinese', async () => {
    await signIn(page, server.url, 'haizhu-reviewer');
    await page.goto(`${server.url}/declarations/${draftId}`);
    await page.getByRole('alert').filter({ hasText: '申报表不存在' }).waitFor();
    expect(await page.getByTestId('official-form').count()).toBe(0);
  });

  it('the admin has no edit or review buttons on a form', async () => {
    await signIn(page, server.url, 'admin');
    await page.goto(`${server.url}/declarations/${draftId}`);
    await page.getByTestId('official-form').waitFor();
    expect(await page.getByTestId('actions').getByRole('button', { name: /编\s*辑|提交审核|退回修改|审核通过|公\s*开/ }).count()).toBe(0);
  });

  it('the public page of an unpublished form shows nothing of it', async () => {
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${server.url}/public/${draftId}`);
    await visitor.getByTestId('status-404').filter({ hasText: '没有这张公开的申报表' }).waitFor();
    expect(await visitor.getByTestId('official-form').count()).toBe(0);
    expect(await visitor.getByRole('link', { name: /下载/ }).count()).toBe(0);
    const direct = await visitor.request.get(`${server.url}/api/v1/public/declarations/${draftId}`);
    expect(direct.status()).toBe(404);
    await visitor.context().close();
  });
});
