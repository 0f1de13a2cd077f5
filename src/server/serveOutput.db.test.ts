/**
 * What `jixiao serve --demo` prints: the demo password generated for a new store is repeated on the
 * "serving on" line, and requests are not logged line by line, so that it never scrolls away.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));

describe('jixiao serve --demo', () => {
  it('repeats the generated demo password where it says where it serves, and does not log each request', { timeout: 120_000 }, async () => {
    const data = mkdtempSync(join(tmpdir(), 'jixiao-serve-output-'));
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: '', JIXIAO_DEMO_SIZE: 'bureau', JIXIAO_DEMO_PASSWORD: undefined, LOG_LEVEL: undefined };
    const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--port', '0', '--data', data], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`did not start: ${output}`)), 100_000);
        child.stderr?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const serving = output.split('\n').find((l) => l.includes('serving on'));
          if (serving) {
            clearTimeout(timer);
            resolve(serving);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
      });
      const generated = /demo password \(shown once\): (\S+)/.exec(output)?.[1];
      expect(generated).toBeDefined();
      expect(line).toContain(`demo password: ${generated}`);
      const base = /serving on (http:\/\/[\d.]+:\d+)/.exec(line)?.[1] ?? '';
      const before = output.length;
      for (let i = 0; i < 3; i++) expect((await fetch(`${base}/api/v1/session`)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(output.slice(before)).not.toContain('"req"');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(data, { recursive: true, force: true });
    }
  });
});
