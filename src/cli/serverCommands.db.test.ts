/**
 * The server's command line on the embedded store: migrate, users, backup and restore, audit, the
 * lock. The commands run in this process (testing/runCli.ts), `jixiao serve`'s refusals too; a
 * `jixiao serve` that serves runs as a process of its own, as a server does — waited for by what it
 * prints, never by a fixed time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../server/testing/apiClient.ts';
import { runCli } from './testing/runCli.ts';

const BIN = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));

/** `jixiao ARGS` in this process, on the embedded store whatever DATABASE_URL the tests run with. */
const jixiao = (args: string[], env: Record<string, string> = {}) => runCli(args, { DATABASE_URL: '', ...env });

describe('jixiao serve refuses what is not safe to serve', () => {
  it('refuses a weak demo password, and --demo in production mode', async () => {
    const data = () => mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
    // In this process: a refusal is a command's answer, and a process of its own would add its start
    // to each case. Told a port that is taken, a server that did not refuse fails at listen (a
    // different message, and nothing left running here) rather than serving inside the test.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as AddressInfo).port);
    try {
      // The missing directory first: the command's modules load here with the test's own NODE_ENV.
      const missing = await jixiao(['serve', '--port', port, '--data', join(data(), 'typo')]);
      const production = await jixiao(['serve', '--demo', '--port', port, '--data', data()], { NODE_ENV: 'production', JIXIAO_DEMO_PASSWORD: 'demo-password-1' });
      const weak = await jixiao(['serve', '--demo', '--port', port, '--data', data()], { JIXIAO_DEMO_PASSWORD: 'x' });
      expect(weak).toMatchObject({ code: 2, stderr: expect.stringContaining('JIXIAO_DEMO_PASSWORD 不能使用') });
      expect(production).toMatchObject({ code: 2, stderr: expect.stringContaining('生产模式') });
      expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('不存在') });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 300_000);
});

describe('jixiao db / user / audit on the embedded store', () => {
  it('migrates, adds a user, backs up, restores into another directory, and verifies the audit chain', async () => {
    const data = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
    expect((await jixiao(['db', 'migrate', '--data', data])).stdout).toContain('applied migrations 1, 2');
    expect((await jixiao(['db', 'migrate', '--data', data])).stdout).toContain('is up to date');
    const added = await jixiao(['user', 'add', '--data', data, '--username', 'root-admin', '--name', '管理员', '--role', 'admin'], { JIXIAO_PASSWORD: 'long-enough-password' });
    expect(added.stdout).toMatch(/^created admin root-admin/);
    const refused = await jixiao(['user', 'add', '--data', data, '--username', 'xy-editor', '--name', 'x', '--role', 'editor', '--password', 'long-enough-password']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('部门填报员和部门负责人须属于一个部门');
    // The API's rules hold on the command line too: usernames, and the password policy.
    const badName = await jixiao(['user', 'add', '--data', data, '--username', 'x y', '--name', 'x', '--role', 'admin', '--password', 'long-enough-password']);
    expect(badName).toMatchObject({ code: 2, stderr: expect.stringContaining('用户名只能包含字母、数字和 _ . -') });
    const weak = await jixiao(['user', 'add', '--data', data, '--username', 'weak-admin', '--name', 'x', '--role', 'admin', '--password', '1234567890']);
    expect(weak).toMatchObject({ code: 2, stderr: expect.stringContaining('密码太容易被猜到') });

    const file = join(data, 'backup.jsonl');
    expect((await jixiao(['db', 'backup', file, '--data', data])).stdout).toMatch(/^wrote .*backup\.jsonl: \d+ rows/);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { t?: string; r?: { username?: string }; end?: boolean });
    expect(lines.filter((l) => l.t === 'users').map((l) => l.r?.username)).toEqual(['root-admin']);
    expect(lines.at(-1)?.end).toBe(true);

    const copy = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
    expect((await jixiao(['db', 'restore', file, '--data', copy])).stdout).toContain('users 1');
    const verified = await jixiao(['audit', 'verify', '--data', copy]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringContaining('audit log intact: 1 entries') });
    expect((await jixiao(['db', 'restore', join(copy, 'nope.json'), '--data', copy])).code).toBe(2);

    // A backup cut short is refused whole, and the store keeps what it had.
    const cut = join(data, 'cut.jsonl');
    writeFileSync(cut, readFileSync(file, 'utf8').split('\n').slice(0, 3).join('\n'));
    const truncated = await jixiao(['db', 'restore', cut, '--data', copy]);
    expect(truncated).toMatchObject({ code: 2, stderr: expect.stringContaining('cut short') });
    expect((await jixiao(['audit', 'verify', '--data', copy])).stdout).toContain('audit log intact: 1 entries');

    // A mistyped data directory is an error, not a new empty store.
    const typo = join(data, 'no-such-dir');
    const missing = await jixiao(['audit', 'verify', '--data', typo]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining(`数据目录 ${typo} 不存在`) });
    expect(existsSync(typo)).toBe(false);
  }, 300_000);

  it('refuses a second process on a data directory a server holds, and backs up through the server instead', async () => {
    const data = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
    const server = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0', '--data', data], { env: { ...process.env, DATABASE_URL: '', JIXIAO_DEMO_PASSWORD: 'demo-password-1', LOG_LEVEL: 'warn', JIXIAO_DEMO_SIZE: 'bureau' }, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stderr?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /serving on (http:\/\/[\d.]+:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        server.on('exit', () => reject(new Error(output)));
      });
      const locked = await jixiao(['db', 'migrate', '--data', data]);
      expect(locked.code).toBe(2);
      expect(locked.stderr).toMatch(/正被进程 \d+ 使用/);

      const admin = await new ApiClient(base).login('admin', 'demo-password-1');
      const token = await admin.post<{ token: string }>('/api/v1/tokens', { name: 'backup' });
      const file = join(mkdtempSync(join(tmpdir(), 'jixiao-cli-')), 'live.jsonl');
      const live = await jixiao(['db', 'backup', file, '--server', base, '--token', token.body.token]);
      expect(live.stderr).toBe('');
      expect(live.stdout).toMatch(/wrote .*live\.jsonl/);
      const rows = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { t?: string; r?: { kind?: string } });
      // The demo: the 2025 and 2024 department forms, 14 project forms for 2025 and 5 for 2024.
      expect(rows.filter((r) => r.t === 'documents' && (r.r?.kind === 'department-target' || r.r?.kind === 'project-target'))).toHaveLength(21);
    } finally {
      // Listen before signalling: an 'exit' listener added after the exit never fires.
      const stopped = server.exitCode === null ? new Promise((resolve) => server.once('exit', resolve)) : Promise.resolve();
      server.kill('SIGTERM');
      await stopped;
    }
  }, 300_000);
});
