/** `jixiao propose` as a user runs it: a real process, JSON Lines in, the table out as JSON or CSV. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../fixtures/results/results-2024.jsonl', import.meta.url));
const RULES = fileURLToPath(new URL('../../fixtures/results/rules.json', import.meta.url));
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

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-propose-')), name);
  writeFileSync(path, text);
  return path;
}

describe('jixiao propose', () => {
  it("computes next year's table as JSON: every project's amount, the rule behind it, the sums", async () => {
    const { code, stdout } = await jixiao('propose', RESULTS, '--year', '2025', '--config', RULES, '--format', 'json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { year: number; rows: Array<{ project: string; proposed: string; rule: string; overRequest: boolean }>; total: { count: number; lastAmount: string; proposed: string } };
    expect(out.rows.map((r) => [r.project, r.proposed, r.rule])).toEqual([
      ['农村公路养护', '270.00', 'exAnte.cut'],
      ['公共卫生应急', '120.00', 'redLight'],
      ['家庭医生签约', '210.00', 'grades.优'],
      ['校舍维修', '90.00', 'grades.中'],
      ['课后服务', '0.00', 'grades.差'],
    ]);
    expect(out.rows.find((r) => r.project === '校舍维修')?.overRequest).toBe(true);
    expect(out.total).toMatchObject({ count: 5, lastAmount: '830.00', proposed: '690.00' });
  });

  it('writes CSV with the rule beside each figure, in English when asked', async () => {
    const { code, stdout } = await jixiao('--lang', 'en', 'propose', RESULTS, '--year', '2025', '--format', 'csv');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\r\n');
    expect(lines[0]).toBe('Department,Project,Code,Last year (万元),Grade,Results applied,By the rules (万元),Proposed (万元),Rule,Exception reason,Requested (万元),Request above proposal');
    expect(lines).toContain('区教育局,课后服务,JY-002,80.00,sampling review 差,grade 差: cancel,0.00,0.00,grades.差 grade 差,,,');
  });

  it('reads standard input', async () => {
    const child = run(process.execPath, [BIN, 'propose', '--year', '2025'], { encoding: 'utf8' });
    child.child.stdin?.end('{"year":2024,"department":"甲","project":"乙","amount":"10"}\n');
    const { stdout } = await child;
    expect(stdout).toContain('10.00 → 10.00');
  });

  it('exits 2 naming the line and field of a bad line, a bad rule, or a bad year', async () => {
    const bad = await jixiao('propose', file('r.jsonl', '{"year":2024,"department":"甲","project":"乙","amount":"10"}\n{"year":2024,"department":"甲","project":"丙","amount":"-5"}\n'), '--year', '2025');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(':2');
    expect(bad.stderr).toContain('/amount');
    const rules = await jixiao('propose', RESULTS, '--year', '2025', '--config', file('rules.json', '{"grades":{}}'));
    expect(rules.code).toBe(2);
    expect(rules.stderr).toContain('/grades/优');
    expect((await jixiao('propose', RESULTS, '--year', 'next')).code).toBe(2);
    expect((await jixiao('propose', '/nonexistent.jsonl', '--year', '2025')).code).toBe(2);
  });
});
