/** The CLI's commands as a user runs them — real files, exit codes and messages — driven in this process (testing/runCli.ts). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './testing/runCli.ts';

const SEED = fileURLToPath(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url));

const jixiao = (...args: string[]) => runCli(args);

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

describe('jixiao import and export of workbooks and PDFs', () => {
  const formats = (name: string) => fileURLToPath(new URL(`../../fixtures/forms/formats/${name}`, import.meta.url));

  it('reads a legacy .xls and a PDF by their content, whatever their name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const disguised = join(dir, 'form.txt');
    writeFileSync(disguised, readFileSync(formats('department.legacy.xls')));
    const xls = await jixiao('import', disguised);
    expect(xls.code).toBe(0);
    expect(JSON.parse(xls.stdout)).toMatchObject({ kind: 'department-target', department: '广州市海珠区政务服务和数据管理局' });
    const pdf = await jixiao('import', formats('project.libreoffice.pdf'));
    expect(pdf.code).toBe(0);
    expect(JSON.parse(pdf.stdout).project.name).toBe('海珠政务基础设施及服务经费');
  });

  it('refuses a scan and a password-protected workbook with exit 2, naming the file', async () => {
    const scan = await jixiao('import', formats('scanned.pdf'));
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain('scanned.pdf');
    expect(scan.stderr).toContain('扫描件，无文字层');
    const locked = await jixiao('--lang', 'en', 'import', formats('password.xlsx'));
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain('password-protected');
  });

  it('exports a form as the official PDF and .xlsx, which import back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    for (const format of ['pdf', 'xlsx'] as const) {
      const out = join(dir, `seed.${format}`);
      expect((await jixiao('export', SEED, '--format', format, '--out', out)).code).toBe(0);
      const back = await jixiao('import', out);
      expect(back.code).toBe(0);
      expect(JSON.parse(back.stdout).indicators).toHaveLength(32);
    }
  });
});

describe('jixiao monitor', () => {
  const report = (name: string) => fileURLToPath(new URL(`../../fixtures/monitoring/${name}`, import.meta.url));

  it('prints the lights of a report on track (exit 0), as JSON on request', async () => {
    const { code, stdout } = await jixiao('monitor', report('on-track.json'), '--format', 'json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.lights).toMatchObject({ budget: 'green', indicators: 'green', overall: 'green' });
    expect(out.indicators[0]).toEqual({ name: '培训人次', progress: '102.86', light: 'green', basis: 'time-share' });
    expect(out.findings).toEqual([]);
  });

  it('exits 1 when a red light lacks its reasons, naming the fields', async () => {
    const { code, stdout } = await jixiao('--lang', 'en', 'monitor', report('red-lights.json'));
    expect(code).toBe(1);
    expect(stdout).toContain('red (well behind)');
    expect(stdout).toContain('/indicators/0/deviation/measures');
  });

  it('reads a report filled in Excel: the exported table back, lights and findings as from its JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const xlsx = join(dir, 'report.xlsx');
    expect((await jixiao('export', report('red-lights.json'), '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const { code, stdout } = await jixiao('monitor', xlsx, '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).lights).toMatchObject({ budget: 'red', overall: 'red' });
    const notMonitoring = await jixiao('monitor', fileURLToPath(new URL('../../fixtures/forms/formats/department.official.xlsx', import.meta.url)));
    expect(notMonitoring.code).toBe(2);
    expect(notMonitoring.stderr).toContain('不是绩效运行监控表');
  });

  it('takes a region’s bands from --config, and refuses a bad configuration or report with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const lenient = join(dir, 'lenient.json');
    writeFileSync(lenient, JSON.stringify({ budget: { red: 10, yellow: 20 }, rules: { 'monitoring-deviation-unexplained': 'warning', 'monitoring-likelihood': 'off' } }));
    const relaxed = await jixiao('monitor', report('red-lights.json'), '--config', lenient, '--format', 'json');
    expect(relaxed.code).toBe(0);
    expect(JSON.parse(relaxed.stdout).lights.budget).toBe('green');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ budget: { red: 90, yellow: 20 } }));
    const refused = await jixiao('monitor', report('red-lights.json'), '--config', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('bands must rise');
    const notReport = await jixiao('monitor', SEED);
    expect(notReport.code).toBe(2);
  });
});

describe('jixiao monitor and jixiao score take a document without what they compute', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
  const without = (source: string, strip: (document: Record<string, unknown>) => void) => {
    const document = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/${source}`, import.meta.url)), 'utf8')) as Record<string, unknown>;
    strip(document);
    const file = join(dir, source.replace('/', '-'));
    writeFileSync(file, JSON.stringify(document));
    return file;
  };

  it('computes the lights of a report made elsewhere, with no lights and no unparsed, as of the whole report', async () => {
    for (const name of ['on-track.json', 'red-lights.json']) {
      const bare = without(`monitoring/${name}`, (report) => {
        delete report.lights;
        delete report.unparsed;
        for (const indicator of report.indicators as Array<Record<string, unknown>>) delete indicator.light;
      });
      const whole = await jixiao('monitor', fileURLToPath(new URL(`../../fixtures/monitoring/${name}`, import.meta.url)), '--format', 'json');
      const stripped = await jixiao('monitor', bare, '--format', 'json');
      expect(stripped.stderr).toBe('');
      expect(stripped.code).toBe(whole.code);
      // The same lights and findings, less the one comparing a light it was told with the one computed.
      const compared = (out: string) => {
        const json = JSON.parse(out) as { lights: unknown; indicators: unknown; findings: Array<{ rule: string }> };
        return { ...json, findings: json.findings.filter((f) => f.rule !== 'monitoring-light') };
      };
      expect(compared(stripped.stdout)).toEqual(compared(whole.stdout));
    }
  });

  it('scores a self-evaluation with no scores, total, grade or unparsed', async () => {
    const bare = without('evaluations/example.json', (evaluation) => {
      delete evaluation.total;
      delete evaluation.grade;
      delete evaluation.unparsed;
      delete (evaluation.funds as Record<string, unknown>).score;
      for (const indicator of evaluation.indicators as Array<Record<string, unknown>>) delete indicator.score;
    });
    const { code, stdout, stderr } = await jixiao('score', bare, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ funds: { rate: '96.00', score: '9.60', printed: null }, total: '99.60', grade: '优', printed: { total: null, grade: null }, findings: [] });
    expect(out.indicators[0]).toMatchObject({ name: '培训人次', score: '20.00', printed: null });
  });

  it('still names a field that is missing and not computed', async () => {
    const bare = without('monitoring/on-track.json', (report) => delete report.budget);
    const { code, stderr } = await jixiao('monitor', bare);
    expect(code).toBe(2);
    expect(stderr).toContain('/budget');
  });
});

describe('jixiao score', () => {
  const evaluation = (name: string) => fileURLToPath(new URL(`../../fixtures/evaluations/${name}`, import.meta.url));

  it('scores canonical JSON: each indicator with its formula, the total and grade (exit 0)', async () => {
    const { code, stdout } = await jixiao('score', evaluation('example.json'), '--format', 'json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.funds).toMatchObject({ rate: '96.00', score: '9.60' });
    expect(out.indicators[0]).toMatchObject({ name: '培训人次', score: '20.00', formula: 'positive' });
    expect(out).toMatchObject({ total: '99.60', grade: '优', findings: [] });
  });

  it('scores the text of a published table and exits 1 where its own scores disagree', async () => {
    const { code, stdout } = await jixiao('score', evaluation('lijiang-2020-cut.txt'));
    expect(code).toBe(1);
    expect(stdout).toContain('⚠ 表中为 9.00');
    expect(stdout).toContain('evaluation-score-formula');
  });

  it('takes the region’s formulas from --config, and refuses a bad configuration or file with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-'));
    const proportional = join(dir, 'proportional.json');
    writeFileSync(proportional, JSON.stringify({ reverseFormula: 'proportional' }));
    const { stdout } = await jixiao('score', evaluation('sichuan-stream.txt'), '--config', proportional, '--format', 'json');
    // 投诉次数 ≤ 5, actually 7: 30 × 5 ÷ 7 instead of 30 × (1 − 2 ÷ 5).
    expect(JSON.parse(stdout).indicators[3]).toMatchObject({ score: '21.43', formula: 'reverse-proportional' });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ grades: { 优: 60, 良: 80, 中: 90 } }));
    const refused = await jixiao('score', evaluation('example.json'), '--config', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('grades must rise');
    const notEvaluation = await jixiao('score', SEED);
    expect(notEvaluation.code).toBe(2);
    expect(notEvaluation.stderr).toContain('不是绩效自评表');
  });
});
