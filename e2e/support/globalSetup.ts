/**
 * Before any test file runs: the production build of the web app, once. Test files run in parallel,
 * and building from each of them would have them overwrite one another's output. And a folder for
 * this run's copy of the demo, which the first browser test to start a server fills (server.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebApp, TEMPLATE_ROOT_ENV } from './server.ts';

export default function setup(): () => void {
  buildWebApp();
  const root = mkdtempSync(join(tmpdir(), 'jixiao-e2e-template-'));
  // The test files' processes are started after this and inherit it.
  process.env[TEMPLATE_ROOT_ENV] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
