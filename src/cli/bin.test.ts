/**
 * `jixiao` as a process: bin/jixiao.js running the compiled JavaScript, its exit status, stdout and
 * stderr apart, and a build that is out of date compiled again — with a notice — before it runs, so
 * an edited source is never run as its old JavaScript. The commands' behaviour is tested in this
 * process (main.test.ts); these tests wait for the processes however long a loaded machine takes.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED = join(ROOT, 'fixtures/forms/000_168cd24c06a0f893.txt');
const run = promisify(execFile);
/** No test here depends on how fast a process starts. */
const PATIENCE = 300_000;

async function jixiao(bin: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bin/jixiao.js', { timeout: PATIENCE }, () => {
  const bin = join(ROOT, 'bin/jixiao.js');

  it('prints its version and help, exit 0, without compiling (the tests’ set-up built dist/)', async () => {
    const version = await jixiao(bin, '--version');
    expect(version).toEqual({ code: 0, stdout: `${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`, stderr: '' });
    const help = await jixiao(bin, 'help');
    expect(help.code).toBe(0);
    for (const command of ['import', 'check', 'monitor', 'score', 'export', 'serve', 'jobs']) expect(help.stdout).toContain(`${command} `);
  });

  it('imports a form: the JSON on stdout, the summary on stderr; exit 2 naming a missing file, without a stack trace', async () => {
    const { code, stdout, stderr } = await jixiao(bin, 'import', SEED);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'department-target', department: '广州市海珠区政务服务和数据管理局' });
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('项目 14 个（合计 1628.30 万元）')]);
    const missing = await jixiao(bin, 'import', '/nonexistent/form.txt');
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('/nonexistent/form.txt：文件不存在');
    expect(missing.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

describe('a copy of the project whose build is missing or out of date', { timeout: PATIENCE }, () => {
  const copy = mkdtempSync(join(tmpdir(), 'jixiao-build-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('compiles before it runs, says so, and runs the edited source', async () => {
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
    for (const file of ['bin/jixiao.js', 'scripts/nodeBuild.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(copy, file));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const bin = join(copy, 'bin/jixiao.js');

    const first = await jixiao(bin, '--version');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('dist/ has not been built');
    expect((await jixiao(bin, '--version')).stderr).toBe('');

    const main = join(copy, 'src/cli/main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace("'print the version'", "'print the version (edited)'"));
    const edited = await jixiao(bin, 'help');
    expect(edited.stderr).toContain('src/cli/main.ts changed');
    expect(edited.stdout).toContain('print the version (edited)');

    rmSync(join(copy, 'dist/cli/main.js'));
    const repaired = await jixiao(bin, '--version');
    expect(repaired).toMatchObject({ code: 0, stderr: expect.stringContaining('dist/cli/main.js is missing') });
  });
});
