/**
 * The web app: how much JavaScript a first visit downloads (gzip, from the production build), and
 * how long from navigation until the editor holds the seed form and answers typing, in headless
 * Chromium against the real server. The baseline, measured in the same run, is a navigation to a
 * page with no script (the server's round trip and the browser's own start-up cost).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/support/browser.ts';
import { buildWebApp, DEMO_PASSWORD, startServer } from '../e2e/support/server.ts';
import { median } from './harness.ts';

const DIST = fileURLToPath(new URL('../dist/web/', import.meta.url));
const INITIAL_JS_GOAL_KB = 400;
const EDITOR_GOAL_MS = 1000;
const RUNS = 7;

/** In the page: resolves with the time once the next frame is painted and the main thread is free. */
const READY = 'new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))';

/** In the page: types a target the way a keystroke does and resolves with the ms until its parse is shown. */
const TYPE_AND_WAIT = `(async () => {
  const input = document.querySelector('[data-path="/indicators/31/annualTarget"] input');
  const parse = document.querySelector('[data-path="/indicators/31/annualTarget"] .target-parse');
  if (!input || !parse) throw new Error('target field not found');
  // A value other than the one there (an earlier run's autosave may have kept its own).
  const number = input.value.includes('97') ? '96' : '97';
  const start = performance.now();
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '≥' + number + '%');
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((resolve) => {
    const check = () => (parse.textContent.includes(number) ? resolve() : requestAnimationFrame(check));
    check();
  });
  return performance.now() - start;
})()`;

const kb = (bytes: number) => bytes / 1024;
const gzipped = (file: string) => gzipSync(readFileSync(join(DIST, file))).length;

/** The scripts a first visit loads: the entry and every chunk index.html preloads. */
function initialScripts(): string[] {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
}

export async function webBench(): Promise<{ markdown: string; ok: boolean }> {
  buildWebApp();
  const initial = initialScripts();
  const initialBytes = initial.reduce((sum, file) => sum + gzipped(file), 0);
  const chunks = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
  const lazy = chunks.filter((f) => !initial.includes(`assets/${f}`)).map((f) => ({ file: f, bytes: gzipped(`assets/${f}`) })).sort((a, b) => b.bytes - a.bytes);
  const totalBytes = chunks.reduce((sum, f) => sum + gzipped(`assets/${f}`), 0);

  const server = await startServer();
  const browser = await launchBrowser();
  const editorTimes: number[] = [];
  const warmTimes: number[] = [];
  const inAppTimes: number[] = [];
  const typingTimes: number[] = [];
  const baselineTimes: number[] = [];
  const steps: Array<Record<string, number>> = [];
  try {
    const signInContext = await browser.newContext();
    const login = await signInContext.request.post(`${server.url}/api/v1/session`, { data: { username: 'haizhu-editor', password: DEMO_PASSWORD } });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    const storage = await signInContext.storageState();
    const list = (await (await signInContext.request.get(`${server.url}/api/v1/declarations?state=draft`)).json()) as { items: Array<{ id: string }> };
    const id = list.items[0]?.id;
    if (!id) throw new Error('the demo draft is missing');
    await signInContext.close();

    for (let run = 0; run < RUNS + 1; run++) {
      // A new context per run: nothing cached, as on a first visit.
      const context = await browser.newContext({ storageState: storage, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/healthz`);
      const baseline = (await page.evaluate("performance.getEntriesByType('navigation')[0].duration")) as number;

      await page.goto(`${server.url}/declarations/${id}/edit`, { waitUntil: 'commit' });
      const last = page.getByLabel('第 32 行年度指标值', { exact: true });
      await last.waitFor();
      // Interactive: every row is there and the page's main thread is free to take input.
      const ready = (await page.evaluate(READY)) as number;
      // Where the time went: the app's own marks (web/src/main.tsx, EditorPage.tsx).
      const marks = (await page.evaluate("Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]))")) as Record<string, number>;
      // The same address loaded again: scripts come from the browser's cache, as for anyone who has
      // opened Jixiao before (assets are cached for a year).
      await page.goto(`${server.url}/declarations/${id}/edit`, { waitUntil: 'commit' });
      await last.waitFor();
      const warm = (await page.evaluate(READY)) as number;
      // Passed as text: tsx's transform would add helper calls the page does not have.
      const typed = (await page.evaluate(TYPE_AND_WAIT)) as number;
      await page.close();
      // The usual way in: from the form's page, the 编辑 button (no page load).
      const inApp = await context.newPage();
      await inApp.goto(`${server.url}/declarations/${id}`);
      await inApp.getByTestId('official-form').waitFor();
      const clicked = (await inApp.evaluate('performance.now()')) as number;
      await inApp.getByTestId('actions').getByRole('button', { name: /编\s*辑/ }).click();
      await inApp.getByLabel('第 32 行年度指标值', { exact: true }).waitFor();
      const opened = ((await inApp.evaluate(READY)) as number) - clicked;
      // The first run warms the server's caches and is not counted.
      if (run > 0) {
        baselineTimes.push(baseline);
        editorTimes.push(ready);
        warmTimes.push(warm);
        inAppTimes.push(opened);
        typingTimes.push(typed);
        steps.push(marks);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  const editorMs = median(editorTimes);
  const warmMs = median(warmTimes);
  const inAppMs = median(inAppTimes);
  const typingMs = median(typingTimes);
  const baselineMs = median(baselineTimes);
  const jsOk = kb(initialBytes) <= INITIAL_JS_GOAL_KB;
  const editorOk = editorMs < EDITOR_GOAL_MS;
  const warmOk = warmMs < EDITOR_GOAL_MS;
  const inAppOk = inAppMs < EDITOR_GOAL_MS;
  const rows = [
    '| Measure | Result | Goal | Met |',
    '|---|---:|---:|:-:|',
    `| Initial JavaScript of a first visit (gzip; entry + preloaded chunks, ${initial.length} files) | ${kb(initialBytes).toFixed(0)} KB | ≤ ${INITIAL_JS_GOAL_KB} KB | ${jsOk ? 'yes' : 'no'} |`,
    `| All JavaScript of the build (gzip, ${chunks.length} files) | ${kb(totalBytes).toFixed(0)} KB | — | |`,
    `| Navigation → editor interactive with the seed form (32 indicator rows), first visit (nothing cached), median of ${RUNS} | ${editorMs.toFixed(0)} ms | < ${EDITOR_GOAL_MS} ms | ${editorOk ? 'yes' : 'no'} |`,
    `| The same address loaded again (scripts cached by the browser), median of ${RUNS} | ${warmMs.toFixed(0)} ms | < ${EDITOR_GOAL_MS} ms | ${warmOk ? 'yes' : 'no'} |`,
    `| From the form's page, 编辑 clicked → editor interactive (in-app navigation), median of ${RUNS} | ${inAppMs.toFixed(0)} ms | < ${EDITOR_GOAL_MS} ms | ${inAppOk ? 'yes' : 'no'} |`,
    `| Typing a target → its parse shown (median) | ${typingMs.toFixed(0)} ms | — | |`,
    `| Baseline: navigation to a page with no script (same run, median) | ${baselineMs.toFixed(0)} ms | — | |`,
  ];
  const step = (name: string) => median(steps.map((m) => m[name] ?? Number.NaN)).toFixed(0);
  const lazyRows = [
    '',
    'What is done for speed: every page is its own chunk and the one an address opens is fetched with its data while the session loads (web/src/App.tsx); assets are precompressed (brotli) and cached for a year; the editor grid is native inputs, selects and buttons, not a few hundred Ant Design components; the checker runs in the browser only after the first edit. ' +
      'What is left on a first visit is the download and first compilation of React and Ant Design with no code cache, and Ant Design styling components at run time (CSS-in-JS): on this 2-core VM the baseline page with no script already takes over 100 ms. Next steps: extract Ant Design styles at build time, and render the first HTML on the server.',
    `Where the editor's time goes (medians, ms from navigation): app code running ${step('jixiao:app-start')} · form data in the editor ${step('jixiao:editor-data')} · form rendered ${step('jixiao:editor-rendered')} · interactive ${editorMs.toFixed(0)}.`,'', 'Chunks loaded on demand (gzip): ' + lazy.slice(0, 6).map((c) => `${c.file.replace(/-[\w-]{8}\.js$/, '')} ${kb(c.bytes).toFixed(0)} KB`).join(', ') + '.', '', `Editor runs (ms), first visit: ${editorTimes.map((t) => t.toFixed(0)).join(', ')}; loaded again: ${warmTimes.map((t) => t.toFixed(0)).join(', ')}; from the form's page: ${inAppTimes.map((t) => t.toFixed(0)).join(', ')}.`];
  return { markdown: [...rows, ...lazyRows].join('\n'), ok: jsOk && editorOk };
}
