/**
 * `jixiao jobs` on an embedded store, as a user would run it (driven in this process,
 * testing/runCli.ts): a folder of published forms in every format imported with a progress bar and
 * each failure named; a job stopped half-way resumed; a year exported to a zip; a year checked and
 * scored again by an admin; refusals by role.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/openStore.ts';
import { runCli } from './testing/runCli.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/forms/', import.meta.url));

/** The embedded store in --data, whatever DATABASE_URL the tests run with. */
const jixiao = (args: string[]) => runCli(args, { DATABASE_URL: '' });

describe('jixiao jobs on the embedded store', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-jobs-'));
  const data = join(dir, 'data');
  const forms = join(dir, 'forms');
  let departmentId = '';

  beforeAll(async () => {
    expect((await jixiao(['db', 'migrate', '--data', data])).code).toBe(0);
    const store = await openStore({ kind: 'embedded', dataDir: data });
    try {
      await store.db.insertInto('regions').values({ id: 'gz', name: '广州市', level: 'city', parent_id: null, settings: '{}' }).execute();
      await store.db.insertInto('departments').values({ id: 'bureau', name: '广州市海珠区政务服务和数据管理局', region_id: 'gz', archived_at: null }).execute();
      departmentId = 'bureau';
    } finally {
      await store.close();
    }
    expect((await jixiao(['user', 'add', '--data', data, '--username', 'root', '--name', '管理员', '--role', 'admin', '--password', 'Quiet-Harbour-Lantern-58'])).code).toBe(0);
    expect((await jixiao(['user', 'add', '--data', data, '--username', 'editor', '--name', '填报员', '--role', 'editor', '--department', departmentId, '--password', 'Quiet-Harbour-Lantern-58'])).code).toBe(0);
    cpSync(join(FIXTURES, 'formats'), join(forms, 'formats'), { recursive: true });
    cpSync(join(FIXTURES, 'other'), join(forms, 'other'), { recursive: true });
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a folder of forms in every format, naming each file it could not take', async () => {
    const result = await jixiao(['jobs', 'import', forms, '--as', 'root', '--year', '2025', '--data', data]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/批量导入申报表 \[.*\] 100% \| \d+\/\d+/);
    expect(result.stdout).toMatch(/批量导入申报表（[0-9a-f-]+）：完成 \d+，失败 \d+，共 \d+/);
    expect(result.stdout).toContain('✗ formats/scanned.pdf: 扫描件，无文字层');
    expect(result.stdout).toContain('✗ formats/password.xlsx: 工作簿有密码保护');
    expect(result.stdout).toContain('✗ other/not-a-form.txt:');
    // The department form once (the other copies find it stored), the project forms once each.
    const store = await openStore({ kind: 'embedded', dataDir: data });
    try {
      const rows = await store.db.selectFrom('documents').select(['kind']).where('department_id', '=', departmentId).execute();
      expect(rows.filter((r) => r.kind === 'department-target')).toHaveLength(1);
      expect(rows.filter((r) => r.kind === 'project-target').length).toBeGreaterThanOrEqual(1);
    } finally {
      await store.close();
    }
  });

  it("exports the year a user may see, and refuses an editor's rescoring", async () => {
    const out = join(dir, 'export.zip');
    const result = await jixiao(['jobs', 'export', '--as', 'root', '--year', '2025', '--out', out, '--data', data]);
    expect(result.code).toBe(0);
    const files = Object.keys(unzipSync(new Uint8Array(readFileSync(out))));
    expect(files).toContain('index.csv');
    expect(files.filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(2);
    const refused = await jixiao(['jobs', 'rescore', '--as', 'editor', '--year', '2025', '--data', data]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('无权进行此操作');
    const rescored = await jixiao(['jobs', 'rescore', '--as', 'root', '--year', '2025', '--data', data]);
    expect(rescored.code).toBe(0);
    expect(rescored.stdout).toContain('重新检查与计分');
    const list = await jixiao(['jobs', 'list', '--as', 'root', '--data', data]);
    expect(list.stdout.trim().split('\n')).toHaveLength(3);
    expect((await jixiao(['jobs', 'list', '--as', 'nobody', '--data', data])).stderr).toContain('没有名为 nobody 的可用账号');
  });
});
