/** The CLI as a user runs it: a real process, real files, exit codes and messages. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));
const SEED = fileURLToPath(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url));
const run = promisify(execFile);

async function jixiao(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('jixiao import', () => {
  it('prints the canonical JSON and a one-line summary', async () => {
    const { code, stdout, stderr } = await jixiao('import', SEED);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ kind: 'department-target', department: '广州市海珠区政务服务和数据管理局', year: null });
    expect(json.projects).toHaveLength(14);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('项目 14 个（合计 1628.30 万元）');
  });

  it('takes --year and --out, and speaks English on request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const out = join(dir, 'seed.json');
    const { code, stdout, stderr } = await jixiao('--lang', 'en', 'import', SEED, '--year', '2025', '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).year).toBe(2025);
    expect(stderr).toContain('14 projects (1628.30 万元), 10 goals, 32 indicators, 4 empty second-level groups, 0 unparsed lines');
  });

  it.each([
    ['a missing file', ['/nonexistent/form.txt'], '/nonexistent/form.txt：文件不存在'],
    ['a directory', ['.'], '.：这是一个目录'],
    ['a bad year', [SEED, '--year', '25'], "option '--year <year>' argument '25' is invalid"],
  ])('exits 2 on %s, naming the problem without a stack trace', async (_what, args, message) => {
    const { code, stdout, stderr } = await jixiao('import', ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('exits 2 on empty, binary, and other kinds of form', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const empty = join(dir, 'empty.txt');
    const binary = join(dir, 'scan.pdf');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]));
    const evaluation = fileURLToPath(new URL('../../fixtures/forms/other/self-evaluation.txt', import.meta.url));
    expect(await jixiao('import', empty)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${empty}：文件为空`) });
    expect(await jixiao('import', binary)).toMatchObject({ code: 2, stderr: expect.stringContaining('二进制') });
    expect(await jixiao('--lang', 'en', 'import', evaluation)).toMatchObject({ code: 2, stderr: expect.stringContaining('looks like a self-evaluation form') });
  });

  it('imports a project form, and a text holding two forms as an array of two documents', async () => {
    const project = fileURLToPath(new URL('../../fixtures/forms/project/pipe-rows.txt', import.meta.url));
    const one = await jixiao('import', project);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ kind: 'project-target', project: { name: '政务服务“一网通办”推广' } });
    const two = fileURLToPath(new URL('../../fixtures/forms/project/two-forms.txt', import.meta.url));
    const both = await jixiao('import', two);
    expect(both.code).toBe(0);
    const documents = JSON.parse(both.stdout) as Array<{ kind: string; project: { name: string } }>;
    expect(documents.map((d) => [d.kind, d.project.name])).toEqual([
      ['project-target', '智慧城市运行管理平台运维'],
      ['project-target', '政务服务“一网通办”推广'],
    ]);
  });

  it('refuses a --year that contradicts the form', async () => {
    const hubei = fileURLToPath(new URL('../../fixtures/forms/other/hubei-style-department.txt', import.meta.url));
    const { code, stderr } = await jixiao('import', hubei, '--year', '2025');
    expect(code).toBe(2);
    expect(stderr).toContain('表中写明年度为 2021');
  });
});
