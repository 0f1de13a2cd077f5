/** Steps the browser tests share: signing in and out as the demo users, waiting for saves. */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect } from 'vitest';
import type { APIRequestContext, Locator, Page, Request, Response } from 'playwright-core';
import { DEMO_PASSWORD } from './server.ts';
import { BROWSER_TIMEOUT_MS } from './timeouts.ts';

/**
 * Where the browser tests save their screenshots: `tmp/screenshots` (ignored by git), so a test run
 * leaves the tree as it was; `UPDATE_SCREENSHOTS=1` writes the README's and docs' pictures in
 * docs/screenshots instead.
 */
export const SCREENSHOTS = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../tmp/screenshots/', import.meta.url));

/** Signs in through the sign-in page and waits for the signed-in frame. */
export async function signIn(page: Page, baseUrl: string, username: string, next = '/'): Promise<void> {
  // Whoever was signed in before (a step that failed half-way) is signed out first.
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('current-user').waitFor();
}

/** Signs out with the header's button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录/ }).click();
  await page.getByLabel('用户名').waitFor();
}

/** The editor's save status once it settles on `saved`. */
export async function waitUntilSaved(page: Page): Promise<void> {
  await page.locator('[data-testid=save-status][data-status=saved]').waitFor();
}

/**
 * Clicks, and resolves with the server's answer to the `method` request to `path` the click sends.
 * A page that moves on (to a new address, a new state) does so after that answer: waiting for it
 * first tells a refusal (its status and words) from a slow machine.
 */
export async function answerTo(page: Page, method: string, path: string | RegExp, click: () => Promise<void>): Promise<Response> {
  const matches = (request: Request) => request.method() === method && (typeof path === 'string' ? new URL(request.url()).pathname === path : path.test(new URL(request.url()).pathname));
  // When no answer comes, the failure says whether the click sent the request at all, and what the page showed.
  let sentAt: number | null = null;
  const onRequest = (request: Request) => {
    if (matches(request)) sentAt ??= Date.now();
  };
  page.on('request', onRequest);
  try {
    const [answer] = await Promise.all([page.waitForResponse((r) => matches(r.request())), click()]);
    return answer;
  } catch (error) {
    const shown = await page.locator('.ant-modal-content, .ant-alert, [role=alert]').allInnerTexts().catch(() => []);
    await screenshot(page, `failed-${method}-${Date.now()}`).catch(() => undefined);
    const said = sentAt === null ? `the click sent no ${method} ${String(path)}` : `${method} ${String(path)} was sent ${((Date.now() - sentAt) / 1000).toFixed(0)} s ago and not answered`;
    throw new Error(`${said}; the page shows: ${shown.join(' | ').replace(/\s+/g, ' ').slice(0, 500) || 'no dialog or alert'}`, { cause: error });
  } finally {
    page.off('request', onRequest);
  }
}

/** How long one try at choosing an option may take before it is tried again (opening the list, the click). */
const CHOOSE_TRY_MS = 15_000;

/**
 * Chooses the option showing `text` in the antd Select labelled `label` inside `scope`, and tries
 * again until the select shows the choice: on a loaded machine a click on an option still sliding in
 * can miss, and what is sent next would then go without it. The select shows its choice as its
 * `.ant-select-content`'s title (antd 6; its text when the label is not plain text): the string
 * `shown` exactly, or what matches `shown` — by default `text`. With `search`, that is typed into
 * the select's box to narrow a long list, instead of opening the list with a click.
 */
export async function chooseOption(
  scope: Page | Locator,
  label: string | RegExp,
  text: string | RegExp,
  options: { readonly search?: string; readonly shown?: string | RegExp } = {},
): Promise<void> {
  const page = 'goto' in scope ? scope : scope.page();
  const box = scope.getByLabel(label);
  // The inner locator of `has` is sought inside each select: from the page, not from `scope` again.
  const select = scope.locator('.ant-select', { has: page.getByLabel(label) });
  const content = select.locator('.ant-select-content');
  const wanted = options.shown ?? text;
  const matches = (shown: string) => (typeof wanted === 'string' ? shown === wanted : wanted.test(shown));
  const shown = async () => ((await content.getAttribute('title', { timeout: CHOOSE_TRY_MS })) ?? (await content.textContent({ timeout: CHOOSE_TRY_MS })) ?? '').trim();
  await expect
    .poll(
      async () => {
        if (!matches(await shown())) {
          if (options.search !== undefined) await box.fill(options.search, { timeout: CHOOSE_TRY_MS });
          // A click on an open select closes it: opened only when it is not.
          else if (!/\bant-select-open\b/.test((await select.getAttribute('class', { timeout: CHOOSE_TRY_MS })) ?? '')) await select.click({ timeout: CHOOSE_TRY_MS });
          await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click({ timeout: CHOOSE_TRY_MS });
        }
        return shown();
      },
      { timeout: BROWSER_TIMEOUT_MS, message: `the select ${String(label)} shows ${String(wanted)}` },
    )
    .toSatisfy(matches);
}

/** The import wizard's 保存为草稿: the new draft's id once the server made it, and the page at it. */
export async function saveImportedDraft(page: Page): Promise<string> {
  const saved = await answerTo(page, 'POST', '/api/v1/declarations/import', () => page.getByRole('button', { name: /保存为草稿/ }).click());
  expect(saved.status(), await saved.text()).toBe(201);
  const { id } = (await saved.json()) as { id: string };
  await page.waitForURL((url) => url.pathname === `/declarations/${id}`);
  return id;
}

/**
 * Clicks what takes a step of a document's workflow (submit, review, publish, report …) and resolves
 * with the server's answer to it. A page shows the new state only after that answer and a reload:
 * waiting for the answer first tells a refusal (its status and words) from a slow machine.
 */
export function stepAnswer(page: Page, click: () => Promise<void>): Promise<Response> {
  return answerTo(page, 'POST', /\/transitions$/, click);
}

/** Saves a screenshot of the current page (see {@link SCREENSHOTS} for where). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false, animations: 'disabled' });
}

/** Screenshots at 1280 and 1440 px wide (scrolled to the top first, if asked), each checked for nothing wider than the window. */
export async function shootAtBothWidths(page: Page, name: string, options: { readonly fromTop?: boolean } = {}): Promise<void> {
  if (options.fromTop) await page.evaluate('window.scrollTo(0, 0)');
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `${name}-${width}`);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), `${name} at ${width}px is wider than the window`).toBe(0);
  }
}

/** The text of the element, trimmed. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const text = await page.locator(selector).first().textContent();
  expect(text).not.toBeNull();
  return (text ?? '').trim();
}

/** In a suite of steps that build on each other, the steps after a failed one are skipped, not failed again. */
export function skipAfterFirstFailure(): void {
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') failed = true;
  });
}

/** A write through the signed-in page's cookies, with the session's CSRF token (set-up steps a test does not click through). */
export async function postAsSignedIn(request: APIRequestContext, base: string, path: string, body: unknown): Promise<number> {
  const session = (await (await request.get(`${base}/api/v1/session`)).json()) as { csrfToken: string };
  return (await request.post(`${base}${path}`, { data: body, headers: { 'x-csrf-token': session.csrfToken } })).status();
}
