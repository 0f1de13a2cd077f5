import { chromium, type Page } from 'playwright-core';
const base = 'http://127.0.0.1:5555';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
async function login(user: string, path: string, width: number, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  await page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
  if (lang === 'en') await page.evaluate("localStorage.setItem('jixiao.lang', 'en')");
  await page.getByLabel(/用户名|Username/).fill(user);
  await page.getByLabel(/密码|Password/).fill('e2e-demo-password');
  await page.locator('button[type=submit]').click();
  await page.getByTestId('current-user').waitFor();
  await page.waitForTimeout(1200);
  return page;
}
// English round page at 1280 for the reviewer.
const reviewer = await login('haizhu-reviewer', '/monitoring', 1280, 'en');
await reviewer.screenshot({ path: '/tmp/shots/en-monitoring.png', fullPage: true });
// Bad round values.
await reviewer.getByLabel('Data to').fill('2024-07-31');
await reviewer.getByRole('button', { name: 'Open the round' }).click();
await reviewer.waitForTimeout(800);
await reviewer.screenshot({ path: '/tmp/shots/en-badround.png', fullPage: false });
await reviewer.getByRole('link', { name: 'Round overview' }).first().click();
await reviewer.getByTestId('round-page').waitFor();
await reviewer.waitForTimeout(1200);
await reviewer.screenshot({ path: '/tmp/shots/en-round.png', fullPage: true });
// The department's report at 1440 with bad values, in Chinese.
const editor = await login('haizhu-editor', '/monitoring', 1440);
await editor.getByRole('link', { name: '网站内容监测经费' }).click();
await editor.getByTestId('report-page').waitFor();
await editor.getByLabel('截至目前执行数').fill('abc');
await editor.locator('[data-row="0"][data-column="actualToDate"]').fill('');
await editor.locator('[data-row="1"][data-column="actualToDate"]').fill('10%');
await editor.waitForTimeout(500);
await editor.getByRole('button', { name: /保\s*存/ }).click();
await editor.waitForTimeout(800);
await editor.screenshot({ path: '/tmp/shots/report-bad.png', fullPage: true });
await browser.close();
