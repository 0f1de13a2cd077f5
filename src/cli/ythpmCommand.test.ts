/** `jixiao export --format ythpm` and `jixiao import` of the provincial system's CSV pair, as a user runs them. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/jixiao.js', import.meta.url));
const FORM = fileURLToPath(new URL('../../fixtures/forms/project/pipe-rows.txt', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../../fixtures/forms/other/blank-template.txt', import.meta.url));
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

describe('the provincial system’s tables from the command line', () => {
  it('exports a form as the two CSV files and imports them back as the same indicators and goals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-ythpm-'));
    const exported = await jixiao('export', FORM, '--format', 'ythpm', '--agency-code', '001', '--out', dir);
    expect(exported).toMatchObject({ code: 0 });
    expect(existsSync(join(dir, 'pm_perf_goal_info.csv'))).toBe(true);
    expect(readFileSync(join(dir, 'pm_perf_indicator.csv'), 'utf8').split('\r\n')[0]).toBe('\uFEFFfiscal_year,agency_code,agency_name,pro_code,pro_name,lv1_perf_ind_name,lv2_perf_ind_name,lv3_perf_ind_name,kpi_val,computesign,meterunit,kpi_evalstd,kpi_remark');
    const original = JSON.parse((await jixiao('import', FORM)).stdout);
    const back = await jixiao('import', join(dir, 'pm_perf_indicator.csv'));
    expect(back.code).toBe(0);
    const json = JSON.parse(back.stdout);
    expect(json.indicators.map((i: { name: string }) => i.name)).toEqual(original.indicators.map((i: { name: string }) => i.name));
    expect(json.annualGoal).toEqual(original.annualGoal);
  });

  it('refuses a blank template with exit code 2, naming it', async () => {
    const { code, stderr } = await jixiao('import', TEMPLATE);
    expect(code).toBe(2);
    expect(stderr).toContain('空白模板或填报说明');
  });
});
