/** `jixiao assess` as a user runs it: a real process, real files, exit codes. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../fixtures/assessments/example.json', import.meta.url));
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

function variant(edit: (a: Record<string, unknown> & { scores: Array<{ score: string }>; template: { criteria: Array<{ weight: string }> } }) => void): string {
  const a = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Parameters<typeof edit>[0];
  edit(a);
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-assess-')), 'a.json');
  writeFileSync(file, JSON.stringify(a));
  return file;
}

describe('jixiao assess', () => {
  it('prints the criteria, levels, total, grade, decision and findings as JSON, and exits 0', async () => {
    const { code, stdout } = await jixiao('assess', EXAMPLE, '--format', 'json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { criteria: Array<{ id: string; name: string; weight: string; score: string }>; levels: Array<{ name: string; weight: string; score: string }>; total: string; grade: string; decision: string; findings: unknown[] };
    expect(Object.keys(out)).toEqual(['criteria', 'levels', 'total', 'grade', 'decision', 'findings']);
    expect(out.levels.map((l) => l.name)).toEqual(['立项必要性', '投入经济性', '绩效目标合理性', '实施方案可行性', '筹资合规性']);
    expect(out).toMatchObject({ total: '87.67', grade: '良', decision: 'support-after-adjustment' });
    expect(out.criteria[0]).toEqual({ id: '1', name: '立项必要性', weight: '20.00', score: '17.67' });
  });

  it('prints a sheet in words', async () => {
    const { code, stdout } = await jixiao('assess', EXAMPLE);
    expect(code).toBe(0);
    expect(stdout).toContain('总分 87.67  等级 良  结论 调整后予以支持');
  });

  it('exits 1 on a score outside its criterion’s range, or weights that do not add up, naming where', async () => {
    const outside = await jixiao('assess', variant((a) => void ((a.scores[0] as { score: string }).score = '7')), '--format', 'json');
    expect(outside.code).toBe(1);
    expect(outside.stdout).toContain('超出其分值范围 0–5');
    const weights = await jixiao('--lang', 'en', 'assess', variant((a) => void ((a.template.criteria[0] as { weight: string }).weight = '25')));
    expect(weights.code).toBe(1);
    expect(weights.stdout).toContain('the first-level criteria add up to 105.00, not 100');
  });

  it('exits 2 when the file is missing, not JSON, or not an assessment', async () => {
    expect((await jixiao('assess', '/nonexistent.json')).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-assess-'));
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect((await jixiao('assess', join(dir, 'bad.json'))).code).toBe(2);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ kind: 'self-evaluation' }));
    const other = await jixiao('assess', join(dir, 'other.json'));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('docs/format-assessment.md');
  });
});
