/** `jixiao check` as a user runs it, driven in this process (testing/runCli.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli.ts';

const FORMS = fileURLToPath(new URL('../../fixtures/forms/', import.meta.url));
const SEED = join(FORMS, '000_168cd24c06a0f893.txt');

const jixiao = (...args: string[]) => runCli(args, { NO_COLOR: '1' });

describe('jixiao check', () => {
  it('finds what a reviewer would send back in the seed, by section and source line, and exits 1 on errors', async () => {
    const { code, stdout } = await jixiao('check', SEED);
    expect(code).toBe(1);
    expect(stdout).toContain('绩效指标\n');
    expect(stdout).toMatch(/警告 {2}第 478 行 {2}「琶洲算法库平台年度新注册用户数量」衡量的是人数，指标值「≥4场」的单位却是“场” {2}unit-mismatch/);
    expect(stdout).toMatch(/第 490 行 {2}「项目收益率」年度指标值「15%」缺少比较符号/);
    expect(stdout).toContain('没有成本指标：经济成本指标、社会成本指标、生态环境成本指标下均未填写指标');
    expect(stdout).not.toMatch(/budget-(total|income|level)-sum/);
    expect(stdout.trim().split('\n').at(-1)).toBe(`${SEED}：3 个错误，33 个警告，5 个提示`);
  });

  it('prints JSON findings in English on request', async () => {
    const { code, stdout } = await jixiao('--lang', 'en', 'check', SEED, '--format', 'json');
    expect(code).toBe(1);
    const findings = JSON.parse(stdout);
    expect(findings).toHaveLength(41);
    expect(findings[0]).toEqual({
      rule: 'year-missing',
      severity: 'warning',
      path: '/year',
      message: { zh: '未写明预算年度', en: 'the budget year is not stated' },
      suggestion: expect.objectContaining({ en: 'state the year in the title, or give it with --year when importing' }),
    });
  });

  it('checks canonical JSON and exits 0 when there is no error', async () => {
    const { code, stdout } = await jixiao('check', join(FORMS, '000_168cd24c06a0f893.corrected.json'));
    expect(code).toBe(0);
    expect(stdout).toContain('0 个错误，0 个警告，3 个提示');
  });

  it('applies a configuration file and names its mistakes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'level2-misplaced': 'warning', 'satisfaction-target-form': 'off' } }));
    expect((await jixiao('check', SEED, '--config', config)).code).toBe(0);
    writeFileSync(config, JSON.stringify({ rules: { 'no-such-rule': 'off' }, thresholds: { satisfactionMinimum: 120 } }));
    const bad = await jixiao('--lang', 'en', 'check', SEED, '--config', config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rules.no-such-rule: unknown rule "no-such-rule"');
    expect(bad.stderr).toContain('thresholds.satisfactionMinimum');
  });

  it('exits 2 on unreadable input, naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"kind": "department-target",');
    expect(await jixiao('check', broken)).toMatchObject({ code: 2, stderr: expect.stringContaining(`${broken}：不是有效的 JSON`) });
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ schemaVersion: 1, kind: 'department-target', budget: { basic: 2507.5 } }));
    const result = await jixiao('check', wrong);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/title');
    expect(await jixiao('check', join(dir, 'missing.txt'))).toMatchObject({ code: 2, stderr: expect.stringContaining('文件不存在') });
  });
});
