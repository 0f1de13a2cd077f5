/**
 * What a new user and a tester hit, tried again in the browser: money boxes that must never save a
 * wrong amount, undo of a deleted row, an import naming another department and year, the counts
 * before submitting, the administration pages, addresses that lead nowhere or are not for this role,
 * a server that stops, the printed form, English mode, and the editor at 1280 and 1440 px.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, screenshot, signIn, signOut, waitUntilSaved } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const SEED = readFileSync(fileURLToPath(new URL('../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url)), 'utf8');
const missing = chromiumMissing();
/** The editor's pause before an autosave (web/src/editor/useDocumentEditor.ts). */
const AUTOSAVE_DELAY_MS = 2000;
/** pdftotext (Debian's poppler-utils) reads the printed pages back; CI installs it. */
const PDFTOTEXT = '/usr/bin/pdftotext';

interface View {
  version: number;
  content: { budget: { basic: string | null }; indicators: Array<{ name: string }> };
}

describe.skipIf(missing !== null)('a new user’s journeys', { timeout: TEST_TIMEOUT_MS }, () => {
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

  const stored = async (): Promise<View> => (await (await page.request.get(`${server.url}/api/v1/declarations/${id}`)).json()) as View;
  const openEditor = async () => {
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
  };

  it('keeps what is not an amount in the box with its error, and saves nothing until it is one', async () => {
    await openEditor();
    const basic = page.locator('#budget-basic');
    const before = await stored();
    const saves: string[] = [];
    const onRequest = (request: Request) => {
      if (request.method() === 'PUT' && request.url().includes(id)) saves.push(request.url());
    };
    page.on('request', onRequest);
    for (const [typed, error] of [
      ['1e5', '不是有效金额'],
      ['2.507,50', '小数点请用'],
      ['2507.1234567', '六位'],
      ['12345678901234567890123', '金额过大'],
      ['25070元', '单位为万元'],
    ] as const) {
      await basic.fill('');
      await basic.pressSequentially(typed);
      await page.locator('#department').click(); // leave the box
      expect(await basic.inputValue(), typed).toBe(typed);
      // The alert stays from the amount before, its words changing: read once they have.
      await expect.poll(() => page.locator('[data-path="/budget/basic"] [role=alert]').textContent(), { message: typed }).toContain(error);
      await page.locator('[data-testid=save-status][data-status=invalid]').waitFor();
    }
    // Past the autosave delay by the page's own clock (its timer, set after the editor's, fires after
    // it however loaded the machine is): no save was sent, nothing was stored, and the save button
    // cannot be used.
    await page.evaluate(`new Promise((resolve) => setTimeout(resolve, ${AUTOSAVE_DELAY_MS} + 600))`);
    page.off('request', onRequest);
    expect(saves).toEqual([]);
    expect((await stored()).version).toBe(before.version);
    expect(await page.getByTestId('save-button').isDisabled()).toBe(true);
    await screenshot(page, 'editor-invalid-1280');
    // Understood forms are taken and said; a negative amount is flagged.
    await basic.fill('¥2,507.50');
    await expect.poll(() => page.locator('[data-path="/budget/basic"] .field-note').textContent()).toContain('按 2,507.50 万元记录');
    await basic.fill('-1');
    await expect.poll(() => page.locator('[data-path="/budget/basic"] .field-note').textContent()).toContain('负数金额');
    await basic.fill('2,507.50');
    await page.locator('#department').click();
    await waitUntilSaved(page);
    expect((await stored()).content.budget.basic).toBe('2507.50');
  });

  it('undoes a deleted row with the note’s button and with Ctrl+Z, and redoes it', async () => {
    await openEditor();
    const rows = page.getByTestId('indicator-row');
    const count = await rows.count();
    const first = (await stored()).content.indicators[0]?.name ?? '';
    await page.getByRole('button', { name: '删除第 1 行', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(count - 1);
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain(`已删除第 1 行指标「${first}」`);
    await page.getByTestId('toast').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => rows.count()).toBe(count);
    await expect.poll(() => page.getByLabel('第 1 行三级指标', { exact: true }).inputValue()).toBe(first);
    await page.getByRole('button', { name: '删除第 1 行', exact: true }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => rows.count()).toBe(count);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => rows.count()).toBe(count - 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => rows.count()).toBe(count);
    await waitUntilSaved(page);
    expect((await stored()).content.indicators).toHaveLength(count);
  });

  it('asks before leaving the editor through the menu with unsaved typing', async () => {
    await openEditor();
    await page.getByLabel('目标1', { exact: true }).fill('还没保存的目标一');
    await page.getByRole('navigation').getByRole('link', { name: '首页' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('button', { name: '留在此页' }).click();
    expect(page.url()).toContain('/edit');
    await page.getByRole('navigation').getByRole('link', { name: '首页' }).click();
    await page.getByRole('button', { name: '保存后离开' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(((await stored()).content as unknown as { goals: string[] }).goals[0]).toBe('还没保存的目标一');
  });

  it('takes the year and department from an imported text, and asks before saving it elsewhere', async () => {
    const other = SEED.replace('广州市海珠区政务服务和数据管理局', '广水市应急管理局').replace('部门整体预算绩效目标申报表', '2021年部门整体预算绩效目标申报表');
    await page.goto(`${server.url}/import`);
    await page.getByLabel(/粘贴申报表文本/).fill(other);
    await page.getByRole('button', { name: /解\s*析/ }).click();
    await page.getByTestId('source-view').waitFor();
    await expect.poll(() => page.getByLabel('年度').inputValue()).toBe('2021');
    const warning = page.getByTestId('import-mismatch');
    await expect.poll(() => warning.textContent()).toContain('广水市应急管理局');
    const save = page.getByRole('button', { name: /保存为草稿/ });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel('年度').fill('2026');
    await expect.poll(() => warning.textContent()).toContain('此表印的是 2021 年度，确认按 2026 年度保存');
    // The preview says the year chosen, with no second year in its title.
    expect(await page.getByTestId('official-form').locator('caption').first().textContent()).not.toContain('（2026年度）2021');
    await screenshot(page, 'import-mismatch');
    for (const box of await warning.getByRole('checkbox').all()) await box.check();
    await expect.poll(() => save.isDisabled()).toBe(false);
  });

  it('creates a blank form for a year, and deletes it again since it was never submitted', async () => {
    await page.goto(`${server.url}/declarations`);
    await page.getByRole('button', { name: '新建申报表' }).click();
    await page.getByRole('dialog').getByLabel('年度').fill('2030');
    // The page moves on once the server has answered: wait for the answer (and say it if it is a
    // refusal), then for the address it leads to.
    const [created] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST' && new URL(answer.url()).pathname === '/api/v1/declarations'),
      page.getByRole('button', { name: /新建并编辑/ }).click(),
    ]);
    expect(created.status(), await created.text()).toBe(201);
    const newId = ((await created.json()) as { id: string }).id;
    await page.waitForURL(`${server.url}/declarations/${newId}/edit`);
    await page.goto(`${server.url}/declarations/${newId}`);
    await page.getByRole('button', { name: /删除草稿/ }).click();
    const [deleted] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'DELETE' && answer.url().includes(newId)),
      page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click(),
    ]);
    expect(deleted.ok(), await deleted.text()).toBe(true);
    await page.waitForURL(`${server.url}/declarations`);
    expect((await page.request.get(`${server.url}/api/v1/declarations/${newId}`)).status()).toBe(404);
  });

  it('shows the counts of errors, warnings and notes before submitting', async () => {
    await signIn(page, server.url, 'haizhu-approver');
    await page.goto(`${server.url}/declarations/${id}`);
    await page.getByRole('button', { name: '提交审核' }).click();
    const counts = page.getByTestId('submit-counts');
    await expect.poll(() => counts.textContent()).toMatch(/检查发现 \d+ 个错误、\d+ 个警告、\d+ 个提示/);
    await page.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('offers the administrator pages for regions, departments and users, and refuses a weak password there', async () => {
    await signIn(page, server.url, 'admin');
    await page.getByRole('navigation').getByRole('link', { name: '区划与部门' }).click();
    await page.getByRole('treeitem', { name: /海珠区/ }).click();
    await expect.poll(() => page.getByTestId('departments').textContent()).toContain('广州市海珠区政务服务和数据管理局');
    await page.getByRole('button', { name: '新建部门' }).click();
    await page.getByLabel('名称').fill('广州市海珠区审计局');
    const department = await answerTo(page, 'POST', '/api/v1/organisations/departments', () => page.getByRole('button', { name: /保\s*存/ }).click());
    expect(department.status(), await department.text()).toBe(201);
    await expect.poll(() => page.getByTestId('departments').textContent()).toContain('广州市海珠区审计局');
    await screenshot(page, 'admin-organisations');
    await page.getByRole('navigation').getByRole('link', { name: '用户' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByLabel('用户名').fill('audit-editor');
    await page.getByLabel('姓名').fill('审计局填报员');
    await page.getByLabel('初始密码').fill('1234567890');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await page.getByText('密码太容易被猜到').waitFor();
    await page.getByLabel('初始密码').fill('Audit-Bureau-Form-2026');
    await chooseOption(page.getByRole('dialog'), /^部门$/, '广州市海珠区审计局（海珠区）');
    const user = await answerTo(page, 'POST', '/api/v1/users', () => page.getByRole('button', { name: /创\s*建/ }).click());
    expect(user.status(), await user.text()).toBe(201);
    await expect.poll(() => page.getByTestId('users').textContent()).toContain('audit-editor');
    await screenshot(page, 'admin-users');
  });

  it('says 404 for an unknown address and 403 for a page not for this role; a missing form offers the way back', async () => {
    await page.goto(`${server.url}/no/such/page`);
    await page.getByTestId('status-404').waitFor();
    expect(page.url()).toContain('/no/such/page');
    await signIn(page, server.url, 'haizhu-reviewer');
    for (const address of ['/import', '/audit', '/admin/users']) {
      await page.goto(`${server.url}${address}`);
      await page.getByTestId('status-403').waitFor();
    }
    await page.goto(`${server.url}/declarations/00000000-0000-0000-0000-000000000000`);
    await page.getByTestId('status-404').getByRole('link', { name: '返回申报表列表' }).waitFor();
    expect(await page.getByRole('button', { name: /重\s*试/ }).count()).toBe(0);
  });

  it('keeps the frame and offers a retry when a page cannot load because the server stopped', async () => {
    const own = await startServer();
    const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await signIn(other, own.url, 'haizhu-editor');
      await other.getByTestId('counts-by-state').waitFor();
      await own.kill();
      await other.getByRole('navigation').getByRole('link', { name: '申报表' }).first().click();
      await other.getByRole('heading', { name: '页面未能加载' }).waitFor();
      expect(await other.getByRole('navigation').isVisible()).toBe(true);
      expect(await other.getByRole('button', { name: /重\s*试/ }).count()).toBe(1);
    } finally {
      await other.close();
    }
  }, START_TIMEOUT_MS);

  it('prints the signed-in form at the full width of the page, with the header and the first-level label on every page and the running head above the form', async () => {
    await signIn(page, server.url, 'haizhu-editor');
    await page.goto(`${server.url}/declarations/${id}`);
    await page.getByTestId('official-form').waitFor();
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const width = (await page.evaluate("document.querySelector('.official-form')?.getBoundingClientRect().width ?? 0")) as number;
    expect(width).toBeGreaterThan(600);
    if (!existsSync(PDFTOTEXT)) {
      if (process.env.CI === 'true') throw new Error('pdftotext is missing (apt-get install poppler-utils); CI requires it');
      console.warn('⚠ pdftotext not found: the printed pages are not read back');
      return;
    }
    const file = join(mkdtempSync(join(tmpdir(), 'jixiao-print-')), 'form.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync(PDFTOTEXT, ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    const indicatorPages = pages.filter((p) => p.includes('三级指标'));
    expect(indicatorPages.length).toBeGreaterThan(0);
    for (const [n, body] of indicatorPages.entries()) {
      expect(body, `indicator page ${n + 1}`).toMatch(/产出指标|效益指标|满意度指标|成本指标/);
      // The running head sits above the form, never over its last row.
      expect(body.trimStart().split('\n')[0], `page ${n + 1}`).toContain('年度部门整体预算绩效目标申报表');
    }
  });

  it('shows the editor’s grid, classes and states in English in English mode', async () => {
    await page.goto(`${server.url}/declarations/${id}/edit`);
    await page.getByTestId('indicator-editor').waitFor();
    await page.getByRole('radio', { name: 'English' }).check();
    const headers = await page.getByTestId('indicator-editor').locator('thead').textContent();
    expect(headers).toBe('#Level 1Level 2IndicatorPeriod targetAnnual targetActions');
    const options = await page.getByLabel('row 1 level 1', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(['Output', 'Benefit', 'Satisfaction', 'Cost']);
    expect(await page.locator('h1 [data-state]').textContent()).toBe('Draft');
    await screenshot(page, 'editor-english-1280');
    await page.getByRole('radio', { name: '中文' }).check();
  });

  it('gets the small things right: a finding leads to its select, a cleared sign-in form loses its error, the language switch is labelled, home opens at a year with forms', async () => {
    await openEditor();
    // Folded to a button on a narrow window, open on a wide one: whichever is drawn, rather than a
    // click that waits its full time for a button that is not there.
    const toggle = page.getByRole('button', { name: /展开检查结果/ });
    await toggle.or(page.getByTestId('live-findings')).first().waitFor();
    if ((await toggle.count()) > 0) await toggle.click();
    await page.locator('[data-testid=live-findings] [data-path-target$="/level2"]').first().click();
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('SELECT');
    expect(await page.getByRole('group', { name: /Language/ }).count()).toBe(1);
    // Rule ids and 0-based pointers are not what a finding says.
    expect(await page.getByTestId('live-findings').textContent()).not.toMatch(/\/indicators\/\d/);
    await page.goto(`${server.url}/`);
    await page.getByTestId('counts-by-state').waitFor();
    await expect.poll(() => page.locator('#home-year').locator('xpath=ancestor::*[contains(@class,"ant-select")]').first().textContent()).toContain('2025');

    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/login`);
    await visitor.getByLabel('用户名').fill('haizhu-editor');
    await visitor.getByLabel('密码').fill('wrong-password-x');
    await visitor.locator('button[type=submit]').click();
    await visitor.getByText('用户名或密码错误').waitFor();
    await visitor.getByLabel('用户名').fill('');
    await visitor.getByLabel('密码').fill('');
    await expect.poll(() => visitor.getByText('用户名或密码错误').count()).toBe(0);
    await visitor.close();
  });

  it('leaves no Chinese in the app’s own words in English mode (data stays as printed)', async () => {
    // Data is Chinese and stays so: names of departments, people, projects and indicators, and the 中文 choice.
    const DATA = /广州市海珠区[^\s·]*|海珠数管局[^\s·]*|海珠区财政局审核员|系统管理员|广东省|广州市|海珠区|越秀区|中文|演示数据：由公开的申报表导入|部门整体预算绩效目标申报表|项目支出绩效目标申报表/g;
    const CHROME = "nav a, th, label, h2, .ant-statistic-title, .ant-card-head-title, .ant-tabs-tab, .ant-select-selection-placeholder, input[placeholder], .header-tools .btn, .header-tools .ant-btn, .page-title .btn, .page-title .ant-btn, .ant-descriptions-item-label, .chip, .ant-tag, .ant-empty-description";
    const leftovers = async (where: string) => {
      // The page's data in and drawn (no request for half a second, nothing still loading), so that
      // words drawn with the data are read too.
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.boot-loading, .ant-spin-spinning, .ant-skeleton-active, .ant-card-loading-content').count(), { message: where }).toBe(0);
      const texts = (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(CHROME)})].map((e) => (e.getAttribute('placeholder') ?? e.textContent ?? '').trim())`)) as string[];
      return texts.map((t) => t.replace(DATA, '')).filter((t) => /[\u4e00-\u9fff]/.test(t)).map((t) => `${where}: ${t}`);
    };
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/`);
    await page.getByRole('radio', { name: 'English' }).check();
    const found: string[] = [];
    const projects = (await (await page.request.get(`${server.url}/api/v1/declarations?kind=project-target&state=draft`)).json()) as { items: Array<{ id: string }> };
    const project = projects.items[0]?.id ?? '';
    for (const path of ['/', '/declarations', `/declarations/${id}`, `/declarations/${id}/edit`, `/declarations/${id}/history`, `/declarations/${project}`, `/declarations/${project}/edit`, '/import', '/account']) {
      await page.goto(`${server.url}${path}`);
      found.push(...(await leftovers(path)));
    }
    // Signing in is done in Chinese (the helper finds the boxes by their Chinese labels).
    await page.getByRole('radio', { name: '中文' }).check();
    await signIn(page, server.url, 'admin');
    await page.getByRole('radio', { name: 'English' }).check();
    for (const path of ['/audit', '/admin/users', '/admin/organisations', '/admin/library']) {
      await page.goto(`${server.url}${path}`);
      found.push(...(await leftovers(path)));
    }
    expect(found).toEqual([]);
    await page.getByRole('radio', { name: '中文' }).check();
    await signIn(page, server.url, 'haizhu-editor');
  });

  for (const width of [1280, 1440]) {
    it(`lays the editor out at ${width} px with nothing cut off and no sideways scroll`, async () => {
      await page.setViewportSize({ width, height: 800 });
      await openEditor();
      const layout = (await page.evaluate(`(() => {
        const grid = document.querySelector('[data-testid=indicator-editor]')?.getBoundingClientRect();
        const scroller = document.querySelector('.editor-table-scroll');
        const content = document.querySelector('[data-path="/projects/0/content"] textarea')?.getBoundingClientRect();
        return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, gridOverflow: scroller ? scroller.scrollWidth - scroller.clientWidth : -1, gridRight: grid?.right ?? 0, contentWidth: content?.width ?? 0 };
      })()`)) as { page: number; gridOverflow: number; gridRight: number; contentWidth: number };
      expect(layout.page).toBe(0);
      expect(layout.gridOverflow).toBe(0);
      expect(layout.gridRight).toBeLessThanOrEqual(width);
      expect(layout.contentWidth).toBeGreaterThan(300);
      await screenshot(page, `editor-${width}`);
      // Keyboard: the skip link leads past the form to the findings.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: '跳到检查结果' });
      await skip.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('editor-findings');
      await signOut(page).catch(() => undefined);
      await signIn(page, server.url, 'haizhu-editor');
    });
  }
});
