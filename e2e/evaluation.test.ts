/**
 * The year-end self-evaluation in the browser: the seed's department form approved, the department
 * starts its self-evaluation under 绩效自评, types the actuals (one target half met), sees the score
 * and the grade follow and the cause fields appear for that row, saves; the approver submits; the
 * reviewer finds it in the year's overview and returns it; fixed, resubmitted, accepted, published,
 * it is on the public pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationView } from '../src/format/apiTypes.ts';
import { actualFor } from '../src/server/demoEvaluations.ts';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, postAsSignedIn, screenshot, signIn, skipAfterFirstFailure, stepAnswer, waitUntilSaved } from './support/pages.ts';
import { demoDraftId, startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();


describe.skipIf(missing !== null)('the self-evaluation in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let id = '';
  skipAfterFirstFailure();

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (user: string) => {
    await signIn(page, server.url, user, `/evaluations/${id}`);
    await page.getByTestId('evaluation-page').waitFor();
  };

  /** A step confirmed in its dialog: the server's answer first, so a refusal fails here with its words. */
  const takeStep = async (click: () => Promise<void>) => {
    const answer = await stepAnswer(page, click);
    expect(answer.status(), await answer.text()).toBe(200);
  };

  it('the department starts the self-evaluation of its approved 2025 form under 绩效自评', async () => {
    await signIn(page, server.url, 'haizhu-approver');
    const formId = await demoDraftId(page.request, server.url);
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${formId}/transitions`, { action: 'submit' })).toBe(200);
    await signIn(page, server.url, 'haizhu-reviewer');
    expect(await postAsSignedIn(page.request, server.url, `/api/v1/declarations/${formId}/transitions`, { action: 'review', grade: '良' })).toBe(200);

    await signIn(page, server.url, 'haizhu-editor');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '绩效自评' }).click();
    await page.getByTestId('evaluations-page').waitFor();
    // The seed's year, whatever year it is now (the page opens on the year just closed).
    await page.goto(`${server.url}/evaluations?year=2025`);
    await page.getByTestId('owed-evaluations').waitFor();
    const started = await answerTo(page, 'POST', '/api/v1/evaluations', () => page.getByTestId('owed-evaluations').getByRole('row', { name: /部门整体/ }).getByRole('button', { name: /开始自评/ }).click());
    expect(started.status(), await started.text()).toBe(201);
    await page.getByTestId('evaluation-page').waitFor();
    id = page.url().split('/').pop() ?? '';
    await expect.poll(() => page.getByTestId('evaluation-grid').locator('tbody tr[data-testid^=evaluation-row-]').count()).toBe(32);
  });

  it('scores as the actuals are typed; the half-met row asks for its cause and measures', async () => {
    const view = (await (await page.request.get(`${server.url}/api/v1/evaluations/${id}`)).json()) as EvaluationView;
    await page.getByLabel('全年执行数').fill('4196.63');
    for (const [row, indicator] of view.content.indicators.entries()) {
      await page.getByLabel(`${indicator.name} 实际完成值`, { exact: true }).fill(actualFor(indicator, row === 0 ? 0.5 : 1, 2025));
    }
    await expect.poll(() => page.getByTestId('evaluation-total').textContent()).toContain('98.25');
    expect(await page.getByTestId('evaluation-grade').textContent()).toContain('优');
    expect(await page.getByTestId('score-0').textContent()).toContain('1.25');
    // While the amount executed is not an amount, its rate and score, the total and grade are unknown (not the last amount's).
    await page.getByLabel('全年执行数').fill('4196.6x');
    await expect.poll(() => page.getByTestId('evaluation-total').textContent()).toContain('金额不是数字');
    expect(await page.getByTestId('evaluation-total').textContent()).not.toContain('98.25');
    expect(await page.getByTestId('evaluation-grade').textContent()).not.toContain('优');
    expect(await page.getByTestId('funds-score').textContent()).toContain('—');
    await page.getByLabel('全年执行数').fill('4196.63');
    await expect.poll(() => page.getByTestId('evaluation-total').textContent()).toContain('98.25');
    expect(await page.getByTestId('evaluation-row-0').getAttribute('data-required')).toBe('true');
    expect(await page.locator('textarea[aria-required=true]').count()).toBe(2);
    const name = view.content.indicators[0]?.name ?? '';
    await page.getByLabel(`${name} 偏差原因分析`).fill('上半年系统改造，服务暂停两个月。');
    await page.getByLabel(`${name} 改进措施`).fill('下年度提前安排改造，期间延长服务时间。');
    await expect.poll(() => page.getByTestId('evaluation-findings').textContent()).toContain('可以提交');
    await page.keyboard.press('Control+s');
    await waitUntilSaved(page);
    await screenshot(page, 'evaluation-edit');
  });

  it('the approver submits; the reviewer finds it in the year’s overview and returns it', async () => {
    await open('haizhu-approver');
    await page.getByTestId('submit-evaluation').click();
    await takeStep(() => page.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click());
    await page.locator('[data-state=submitted]').first().waitFor();
    await signIn(page, server.url, 'haizhu-reviewer', '/evaluations?year=2025');
    await page.getByTestId('evaluation-overview').getByRole('link', { name: '部门整体' }).waitFor();
    await page.getByTestId('grade-chart').locator('svg').waitFor();
    await screenshot(page, 'evaluation-overview');
    await page.getByTestId('evaluation-overview').getByRole('link', { name: '部门整体' }).click();
    await page.getByTestId('evaluation-page').waitFor();
    await page.getByTestId('return-evaluation').click();
    await page.getByTestId('return-reason').fill('请补充第1项的服务记录。');
    await takeStep(() => page.getByRole('dialog').getByRole('button', { name: /退\s*回/ }).click());
    await page.locator('[data-state=returned]').first().waitFor();
  });

  it('fixed, resubmitted, accepted and published, it is on the public pages', async () => {
    await open('haizhu-approver');
    await page.getByText('请补充第1项的服务记录').first().waitFor();
    const view = (await (await page.request.get(`${server.url}/api/v1/evaluations/${id}`)).json()) as EvaluationView;
    await page.getByLabel(`${view.content.indicators[0]?.name ?? ''} 偏差原因分析`).fill('上半年系统改造，服务暂停两个月（附服务记录）。');
    await page.getByTestId('submit-evaluation').click();
    await takeStep(() => page.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click());
    await page.locator('[data-state=submitted]').first().waitFor();
    await open('haizhu-reviewer');
    await page.getByTestId('accept-evaluation').click();
    await takeStep(() => page.getByRole('dialog').getByRole('button', { name: /审核通过/ }).click());
    await page.locator('[data-state=accepted]').first().waitFor();
    await open('haizhu-approver');
    await page.getByTestId('publish-evaluation').click();
    await takeStep(() => page.getByRole('dialog').getByRole('button', { name: /公\s*开/ }).click());
    await page.locator('[data-state=published]').first().waitFor();
    await page.context().clearCookies();
    await page.goto(`${server.url}/public/evaluations`);
    await page.getByRole('link', { name: '部门整体' }).first().click();
    await page.getByTestId('evaluation-page').waitFor();
    await expect.poll(() => page.getByTestId('evaluation-total').textContent()).toContain('98.25');
    // Read-only, the table reads as words: 适用 is said, not a greyed box; one 评价结论 heading.
    expect(await page.getByTestId('evaluation-grid').locator('input[type=checkbox]').count()).toBe(0);
    expect(await page.getByTestId('evaluation-row-0').textContent()).toContain('适用');
    expect(await page.getByText('评价结论', { exact: true }).count()).toBe(1);
    // In English the grade is said in English too, and the indicators' classes.
    await page.getByRole('radio', { name: 'English' }).check();
    await expect.poll(() => page.getByTestId('evaluation-grade').textContent()).toContain('Excellent');
    expect(await page.getByTestId('evaluation-row-0').locator('td').nth(1).textContent()).toMatch(/^[A-Za-z /-]+$/);
    await page.getByRole('radio', { name: '中文' }).check();
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `evaluation-public-${width}`);
    }
  });
});
