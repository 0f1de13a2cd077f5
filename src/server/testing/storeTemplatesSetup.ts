/**
 * Vitest global set-up: the folder of this run's embedded-store templates (storeTemplates.ts), removed
 * after the run. The test processes are started after this and inherit its path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ROOT_ENV } from './storeTemplates.ts';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-store-templates-'));
  process.env[TEMPLATE_ROOT_ENV] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
