/**
 * Crash safety: a server killed hard (SIGKILL) in the middle of saves starts again with every
 * committed version intact and complete, nothing half-written, and the audit chain verifying.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../core/declaration.ts';
import { ApiClient } from './testing/apiClient.ts';
import { dropTestSchemas, STORE_KINDS, TEST_DATABASE_URL, testSchema } from './testing/testStores.ts';

const BIN = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));
const PASSWORD = 'restart-password-1';

/** Starts `jixiao serve` and resolves with its base URL once it listens. */
function startServer(env: Record<string, string>, dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0', '--data', dataDir], {
    env: { ...process.env, JIXIAO_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', JIXIAO_DEMO_SIZE: 'bureau', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    // A guard against a server that hangs, with what it printed; not a limit on a slow start.
    const timer = setTimeout(() => reject(new Error(`server did not start in 240 s: ${output}`)), 240_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, base: match[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

/** Resolves when the process has exited, even if it already has (an 'exit' listener added late never fires). */
function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const kinds = STORE_KINDS.map(([name]) => name);

describe.each(kinds)('a hard kill during saves, %s store', (name) => {
  const postgres = name.startsWith('PostgreSQL');
  afterAll(() => dropTestSchemas());

  it('keeps committed versions intact and the audit chain verifiable', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-restart-'));
    const env: Record<string, string> = {};
    if (postgres) {
      const schema = testSchema();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`create schema "${schema}"`);
      await client.end();
      env.DATABASE_URL = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    } else {
      env.DATABASE_URL = '';
    }

    let { child, base } = await startServer(env, dataDir);
    const editor = await new ApiClient(base).login('haizhu-editor', PASSWORD);
    const list = await editor.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?kind=department-target&state=draft');
    const id = list.body.items[0]?.id ?? '';
    const first = await editor.get<{ content: DepartmentTargetDeclaration; version: number }>(`/api/v1/declarations/${id}`);
    let acknowledged = first.body.version;
    for (let i = 0; i < 5; i++) {
      const saved = await editor.put<{ version: number }>(`/api/v1/declarations/${id}`, { baseVersion: acknowledged, content: { ...first.body.content, goals: [`第 ${i} 次修改`] } });
      expect(saved.status).toBe(200);
      acknowledged = saved.body.version;
    }
    // One more save in flight, and the process killed under it.
    const inFlight = editor.put(`/api/v1/declarations/${id}`, { baseVersion: acknowledged, content: { ...first.body.content, goals: ['被中断的修改'] } }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const killed = exitOf(child);
    child.kill('SIGKILL');
    await inFlight;
    await killed;

    ({ child, base } = await startServer(env, dataDir));
    try {
      const admin = await new ApiClient(base).login('admin', PASSWORD);
      const after = await admin.get<{ version: number }>(`/api/v1/declarations/${id}`);
      const current = after.body.version;
      // Every acknowledged save is there; the interrupted one is either absent or fully there.
      expect(current === acknowledged || current === acknowledged + 1).toBe(true);
      const versions = await admin.get<{ versions: Array<{ version: number }> }>(`/api/v1/declarations/${id}/versions`);
      expect(versions.body.versions.map((v) => v.version)).toEqual(Array.from({ length: current }, (_, i) => current - i));
      for (let v = 2; v <= acknowledged; v++) {
        const stored = await admin.get<{ content: DepartmentTargetDeclaration; findings: unknown[] }>(`/api/v1/declarations/${id}/versions/${v}`);
        expect(stored.body.content.goals).toEqual([`第 ${v - 2} 次修改`]);
        expect(stored.body.content.indicators).toHaveLength(32);
        expect(stored.body.findings.length).toBeGreaterThan(0);
      }
      expect((await admin.get('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
      const audit = await admin.get<{ entries: Array<{ action: string }> }>(`/api/v1/audit?entityId=${id}&action=declaration.update&pageSize=100`);
      expect(audit.body.entries).toHaveLength(current - 1);
    } finally {
      const stopped = exitOf(child);
      child.kill('SIGTERM');
      await stopped;
    }
  }, 600_000);
});
