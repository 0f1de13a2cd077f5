import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:5555';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (const [user, path, name, width] of [
  ['haizhu-editor', '/monitoring', 'mon-editor', 1280],
  ['haizhu-reviewer', '/monitoring', 'mon-reviewer', 1280],
] as const) {
  const page = await (await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' })).newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  await page.goto(`${base}/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码').fill('e2e-demo-password');
  await page.locator('button[type=submit]').click();
  await page.getByTestId('current-user').waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  if (user === 'haizhu-reviewer') {
    await page.getByRole('link', { name: '查看本轮汇总' }).first().click();
    await page.getByTestId('round-page').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/shots/round.png`, fullPage: true });
  } else {
    await page.getByRole('link', { name: '填报', exact: true }).first().click();
    await page.waitForTimeout(3000);
    await page.screenshot({ path: `/tmp/shots/report-fail.png`, fullPage: true });
    console.log(page.url());
    await page.getByTestId('report-page').waitFor();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `/tmp/shots/report.png`, fullPage: true });
  }
}
await browser.close();
