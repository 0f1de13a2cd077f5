/**
 * A real Jixiao server for the browser tests: the production build of the web app, the embedded
 * store in a fresh directory, the demo loaded with a known password, on a free port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext } from 'playwright-core';
import { START_TIMEOUT_MS } from './timeouts.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_PASSWORD = 'e2e-demo-password';

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
  /** Ends the server at once (SIGKILL), as a crash or a pulled plug would, and removes its data. */
  kill(): Promise<void>;
}

/** Builds the web app unless the build is current (`npm run build:web -- --if-stale`). */
export function buildWebApp(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/buildWeb.ts'), '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the web app failed:\n${result.stdout}\n${result.stderr}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Where the run keeps a data directory with the bureau's demo loaded (set by the global set-up, for
 * this run only), and one with the district's for the tests of its dashboards. Each browser test's
 * server starts from a copy instead of loading the demo again: 5 s instead of 20 on the 2-core test
 * machine for the bureau, for a dozen servers. The first test to need one makes it; the others wait
 * for it. Without the folder (a file run alone) each server loads the demo.
 */
export const TEMPLATE_ROOT_ENV = 'JIXIAO_E2E_TEMPLATE_ROOT';

/** How long a server may take to say it listens before it is taken for hung. */
const SERVER_START_GUARD_MS = START_TIMEOUT_MS - 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bureau's demo, or the district's, in a data directory made once per run; null when there is none to copy. */
async function demoTemplate(options: { district?: boolean }): Promise<string | null> {
  const root = process.env[TEMPLATE_ROOT_ENV];
  if (!root || !existsSync(root)) return null;
  const size = options.district ? 'district' : 'bureau';
  const dir = join(root, size);
  const ready = join(root, `${size}.ready`);
  const failed = join(root, `${size}.failed`);
  try {
    // mkdir is atomic: one test makes the template, the others wait for it.
    mkdirSync(dir);
  } catch {
    while (!existsSync(ready) && !existsSync(failed)) await sleep(200);
    return existsSync(ready) ? dir : null;
  }
  try {
    const server = await launch(dir, options);
    await server.stopKeepingData();
    writeFileSync(ready, '');
    return dir;
  } catch (error) {
    writeFileSync(failed, error instanceof Error ? error.message : String(error));
    return null;
  }
}

/** Starts `jixiao serve --demo` on a free port (the bureau's demo, or the district's); resolves once it listens. */
export async function startServer(options: { district?: boolean } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-'));
  const template = await demoTemplate(options);
  // The template's lock file is its stopped server's; a copy is a store of its own.
  if (template) cpSync(template, dataDir, { recursive: true, filter: (path) => basename(path) !== 'jixiao.lock' });
  const server = await launch(dataDir, options);
  return { url: server.url, stop: server.stop, kill: server.kill };
}

async function launch(dataDir: string, options: { district?: boolean }): Promise<RunningServer & { stopKeepingData(): Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/jixiao.js'), 'serve', '--demo', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    // The one bureau unless a test needs the whole district (its dashboards): quicker to load.
    env: { ...process.env, JIXIAO_DEMO_PASSWORD: DEMO_PASSWORD, DATABASE_URL: '', JIXIAO_DEMO_SIZE: options.district ? 'district' : 'bureau' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const done = exited(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // A guard against a server that hangs, with what it printed, ending before the hook that waits for
    // it (START_TIMEOUT_MS) so that what it printed is seen; not a limit on a slow start.
    const timer = setTimeout(() => reject(new Error(`the server did not start in ${SERVER_START_GUARD_MS / 1000} s:\n${output}`)), SERVER_START_GUARD_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void done.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before listening:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await done;
      rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await done;
      rmSync(dataDir, { recursive: true, force: true });
    },
    async stopKeepingData() {
      child.kill('SIGTERM');
      await done;
    },
  };
}

/** The id of the demo's draft, asked of the server by a signed-in request context (fails if there is none). */
export async function demoDraftId(request: APIRequestContext, baseUrl: string): Promise<string> {
  const answer = await request.get(`${baseUrl}/api/v1/declarations?state=draft&kind=department-target`);
  const id = ((await answer.json()) as { items: Array<{ id: string }> }).items[0]?.id;
  if (!id) throw new Error(`the demo draft is missing (GET /api/v1/declarations?state=draft answered ${answer.status()})`);
  return id;
}
