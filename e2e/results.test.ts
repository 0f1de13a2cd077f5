/**
 * 结果应用 in the browser, on the demo's district (Haizhu's 2024 results → 2025 proposals,
 * src/server/demoResults.ts): the bureau sees a self-evaluation graded 中 cut by 10% and a sampling
 * review graded 差 cancel a project, each with the rule and the rules' version beside it; filters by
 * rule; records an exception (a missing reason and a bad amount refused, each said); downloads the
 * table as Excel and reads it back; approves with the count and sum stated. The region's admin edits
 * the rules (a bad percentage refused) and saves version 3, which the proposals then follow. The
 * department sees only its own rows, read-only, with its request above the proposal flagged. English.
 * Screenshots at 1280 and 1440 px (docs/screenshots with UPDATE_SCREENSHOTS=1).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchBrowser } from './support/browser.ts';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.ts';
import { answerTo, chooseOption, shootAtBothWidths, signIn, skipAfterFirstFailure } from './support/pages.ts';
import { startServer, type RunningServer } from './support/server.ts';

const missing = chromiumMissing();

describe.skipIf(missing !== null)('结果应用 in the browser', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cutProject = '';
  /** The project whose 2024 self-evaluation an agency's 抽评 graded 差 (which one, the demo's draw decides). */
  let sampledProject = '';
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
  const shoot = (name: string) => shootAtBothWidths(page, name, { fromTop: true });
  const table = () => page.getByTestId('proposal-table');
  const rows = (rule: string) => table().locator(`tr[data-rule="${rule}"]`);
  const cells = async (row: Locator) => (await row.locator('td').allTextContents()).map((c) => c.trim());
  const flaggedRows = (p: Page) => p.getByTestId('proposal-table').locator('tr[data-over="true"]');
  /** A cut of `percent`% of an amount in hundredths, in whole integers: halves away from zero. */
  const cutOf = (amount: number, percent: number) => Math.floor((amount * percent + 50) / 100);
  const hundredths = (text: string) => Math.round(Number(/[\d.]+/.exec(text)?.[0]) * 100);

  it('the bureau sees a 中 self-evaluation cut by 10% and a 差 sampling review cancel, with the rule and its version', async () => {
    await signIn(page, server.url, 'haizhu-reviewer');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '结果应用' }).click();
    await page.getByTestId('results-page').waitFor();
    await chooseOption(page, '预算年度', '2025');
    await rows('grades.中').first().waitFor();
    expect(await page.getByTestId('proposal-status').textContent()).toContain('依据规则：第 2 版');

    const cut = rows('grades.中').filter({ hasText: '自评 中' }).first();
    const [, project, last, results, proposed, rule] = await cells(cut);
    cutProject = project ?? '';
    expect(results).toContain('评价等级“中”：核减 10%');
    expect(rule).toContain('v2');
    // 10% off: the change rounded once to the 0.01 万元, halves away from zero.
    expect(hundredths(proposed ?? '')).toBe(hundredths(last ?? '') - cutOf(hundredths(last ?? ''), 10));

    const cancelled = rows('grades.差').filter({ hasText: '抽评 差' });
    expect(await cancelled.count()).toBe(1);
    const sampled = await cells(cancelled);
    sampledProject = sampled[1] ?? '';
    expect(sampled[2]).not.toBe('0.00');
    expect(sampled[3]).toContain('取消安排');
    expect(sampled[4]).toBe('0.00');
    expect(sampled[5]).toContain('评价等级“差”');
    // The total is the sum of the rows (every row is on the one page).
    const proposedColumn = await table().locator('tbody tr.ant-table-row td:nth-child(5) b').allTextContents();
    expect(proposedColumn).toHaveLength(35);
    const sum = proposedColumn.reduce((a, p) => a + hundredths(p), 0);
    expect(await page.getByTestId('proposal-totals').textContent()).toContain(`合计：35 个项目；上年 677.13 万元；建议 ${(sum / 100).toFixed(2)} 万元`);
    await shoot('results-proposals');

    // Filtered by the rule: only the cancelled row, its sums.
    await chooseOption(page, '按依据规则筛选', /^评价等级“差”/);
    await expect.poll(() => table().locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('proposal-totals').textContent()).toContain(`筛选结果：1 个项目；上年 ${sampled[2] ?? ''} 万元；建议 0.00 万元`);
    await page.getByTestId('clear-filters').click();
    await expect.poll(() => table().locator('tbody tr.ant-table-row').count()).toBe(35);
  });

  it('records an exception with its reason; a missing reason and a bad amount are refused', async () => {
    const row = rows('grades.中').filter({ hasText: cutProject }).first();
    await row.getByTestId('open-exception').click();
    const dialog = page.getByTestId('exception-dialog');
    await dialog.waitFor();
    await page.getByTestId('exception-amount').fill('14.5');
    await page.getByTestId('exception-ok').click();
    await expect.poll(() => page.getByTestId('exception-reason-error').textContent()).toBe('请写明例外调整的理由（必填）');
    await page.getByTestId('exception-reason').fill('   ');
    await page.getByTestId('exception-ok').click();
    await expect.poll(() => page.getByTestId('exception-reason-error').textContent()).toContain('必填');
    // Each error is read once the box's new value is drawn: the element stays, its words change.
    await page.getByTestId('exception-amount').fill('145000元');
    await expect.poll(() => page.getByTestId('exception-amount-error').textContent()).toBe('此栏单位为万元：应填 14.50');
    await page.getByTestId('exception-amount').fill('-3');
    await expect.poll(() => page.getByTestId('exception-amount-error').textContent()).toBe('建议金额不能为负数');
    await page.getByTestId('exception-amount').fill('14.50');
    await expect.poll(() => page.getByTestId('exception-amount-error').count()).toBe(0);
    await page.getByTestId('exception-reason').fill('群众反映强烈的宣传培训，维持上年规模（e2e）');
    await shoot('results-exception');
    const recorded = await answerTo(page, 'POST', '/api/v1/results/exceptions', () => page.getByTestId('exception-ok').click());
    expect(recorded.status(), await recorded.text()).toBe(200);
    await dialog.waitFor({ state: 'detached' });
    const excepted = rows('exception').filter({ hasText: cutProject });
    await excepted.waitFor();
    const [, , , , proposed, rule] = await cells(excepted);
    expect(proposed).toMatch(/^14\.50规则测算 [\d.]+$/);
    expect(rule).toContain('例外：群众反映强烈的宣传培训，维持上年规模（e2e）');
  });

  it('downloads the table as Excel, which reads back with the rule beside each figure', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('海珠区-2025-预算安排建议.xlsx');
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    const strings = execFileSync('unzip', ['-p', path, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
    for (const text of [sampledProject, cutProject, '依据规则', '评价等级“差”', '群众反映强烈的宣传培训，维持上年规模（e2e）']) expect(strings).toContain(text);
  });

  it('approves, the confirmation stating the count and the sum', async () => {
    const total = (await page.getByTestId('proposal-totals').textContent()) ?? '';
    const sum = /建议 ([\d.]+) 万元/.exec(total)?.[1] ?? '';
    await page.getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('approve-summary').textContent()).toContain(`共 35 个项目，建议合计 ${sum} 万元（规则第 2 版）`);
    const approved = await answerTo(page, 'POST', '/api/v1/results/approvals', () => page.getByTestId('approve-ok').click());
    expect(approved.status(), await approved.text()).toBe(200);
    await expect.poll(() => page.getByTestId('approved').textContent()).toContain(`35 个项目，合计 ${sum} 万元`);
  });

  it("the region's admin edits the rules, a bad percentage refused, and saves version 3, which the proposals follow", async () => {
    await signIn(page, server.url, 'haizhu-admin', '/results?year=2025&tab=rules');
    await page.getByTestId('rules-in-force').waitFor();
    expect(await page.getByTestId('rules-version').textContent()).toBe('v2');
    await expect.poll(() => page.getByTestId('rules-history').locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.getByTestId('edit-rules').click();
    const percent = page.getByTestId('rule-grades-中-percent');
    await percent.fill('1o');
    await expect.poll(() => page.getByTestId('rule-grades-中').getByRole('alert').textContent()).toContain('百分比须为数字');
    await percent.fill('150');
    await expect.poll(() => page.getByTestId('rule-grades-中').getByRole('alert').textContent()).toBe('核减最多 100%');
    expect(await page.getByTestId('save-rules').isDisabled()).toBe(true);
    await percent.fill('15');
    await shoot('results-rules-editor');
    const saved = await answerTo(page, 'PUT', '/api/v1/results/rules', () => page.getByTestId('save-rules').click());
    expect(saved.status(), await saved.text()).toBe(200);
    await expect.poll(() => page.getByTestId('rules-version').textContent()).toBe('v3');
    expect(await page.getByTestId('rules-summary').textContent()).toContain('中：核减 15%');
    await expect.poll(() => page.getByTestId('rules-history').locator('tbody tr.ant-table-row').count()).toBe(3);
    await page.getByRole('tab', { name: '预算安排建议' }).click();
    await expect.poll(() => page.getByTestId('proposal-status').textContent()).toContain('第 3 版');
    // The project cut for its 中 carries an exception since the step before; the rules' own figure
    // beside it follows version 3: 15% off, the change rounded once, halves away from zero.
    const answer = await page.request.get(`${server.url}/api/v1/results/proposals?year=2025&limit=100000`);
    const table = (await answer.json()) as { rows: Array<{ project: string; lastAmount: string; computed: string; rulesVersion: number | null; fired: Array<{ rule: string; zh: string }> }> };
    const row = table.rows.find((r) => r.project === cutProject);
    expect(row?.rulesVersion).toBe(3);
    expect(row?.fired.map((f) => f.zh).join('；')).toContain('核减 15%');
    expect(hundredths(row?.computed ?? '')).toBe(hundredths(row?.lastAmount ?? '') - cutOf(hundredths(row?.lastAmount ?? ''), 15));
  });

  it('the department sees only its own rows, read-only, its request above the proposal flagged', async () => {
    await signIn(page, server.url, 'haizhu-editor', '/results?year=2025');
    const flagged = flaggedRows(page);
    await flagged.first().waitFor();
    expect(await table().locator('tbody tr.ant-table-row').count()).toBe(5);
    // Its own table: no department column.
    expect((await page.locator('.ant-table-thead th').allTextContents()).slice(0, 2)).toEqual(['项目', '上年']);
    expect(await page.getByTestId('results-scope').textContent()).toContain('广州市海珠区政务服务和数据管理局');
    // Each flagged row asks for more than its proposal, and says so.
    for (const row of await flagged.all()) {
      const [, , , proposed, , request] = await cells(row);
      expect(request).toMatch(/超出建议$/);
      expect(hundredths(request ?? '')).toBeGreaterThan(hundredths(proposed ?? ''));
    }
    expect(await table().locator('tr:not([data-over])').getByTestId('over-request').count()).toBe(0);
    expect(await page.getByTestId('open-exception').count()).toBe(0);
    expect(await page.getByLabel('按部门筛选').count()).toBe(0);
    // Approved by the bureau, without the region's count and sum.
    expect(await page.getByTestId('approved').textContent()).toMatch(/^财政部门已审定：[^，]+$/);
    expect(await page.getByTestId('approve').count()).toBe(0);
    expect(await page.getByTestId('proposal-filters').textContent()).not.toContain('审定');
    await shoot('results-department');
  });

  it('reads in English', async () => {
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('heading', { name: 'Results applied' }).waitFor();
    expect(await page.locator('.ant-table-thead').textContent()).toContain('Requested');
    const [, , results, , rule, request] = await cells(flaggedRows(page).first());
    expect(results).toMatch(/self-evaluation|key evaluation|sampling review|no result/);
    expect(rule).toMatch(/grade|key evaluation|no result|ex-ante|red light|exception/);
    expect(request).toMatch(/Above proposal$/);
    await shoot('results-english');
    await page.getByRole('radio', { name: '中文' }).check();
  });

  it('the league table ranks the district’s departments with each measure’s points, and exports them', async () => {
    await signIn(page, server.url, 'haizhu-reviewer', '/league?year=2024');
    const league = page.getByTestId('league-table');
    await league.locator('tbody tr.ant-table-row').first().waitFor();
    const first = await cells(league.locator('tbody tr.ant-table-row').first());
    // Rank 1, a department, a total out of 100.
    expect(first[0]).toBe('1');
    expect(first[2]).toMatch(/^\d{1,3}\.\d{2}$/);
    expect(await league.locator('.ant-table-thead').textContent()).toContain('监控按时报送');
    const xlsx = await page.request.get(`${server.url}${(await page.getByTestId('league-xlsx').getAttribute('href')) ?? ''}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await shoot('league');
  });
});
