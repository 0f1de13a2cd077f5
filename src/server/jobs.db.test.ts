/**
 * Background jobs over real HTTP, on both stores (pg-boss on the PostgreSQL server, the in-process
 * runner on the embedded store): a zip of forms in several formats imported with each bad file named
 * and nothing half-stored; an admin's import matched by the department each form names; a job
 * stopped half-way and another runner's takeover after its lease ran out; an export's zip; a year
 * checked and scored again after a setting changed; who may do and see what.
 */
import { draftingYear } from '../core/formYear.ts';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { finishedJob } from './testing/finishedJob.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { useTestApp } from './testing/testApp.ts';
import type { JobView } from './jobs/jobs.ts';
import { createJob, runJob, uploadItems } from './jobs/jobs.ts';
import { expandUpload } from './import/uploadFiles.ts';
import { actorOf, presentUser } from './services/accounts.ts';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/forms/${path}`, import.meta.url)));
const file = (name: string, bytes: Uint8Array) => ({ name, data: Buffer.from(bytes).toString('base64') });

describe.each(STORE_KINDS)('background jobs on the %s store', (_name, open) => {
  const t = useTestApp(open, { family: true, jobs: true });

  it("imports a zip of forms in several formats into the department, naming each file it could not take", async () => {
    const admin = await t.as('admin');
    const tree = (await admin.get<{ regions: Array<{ children: Array<{ children: Array<{ id: string; name: string }> }> }> }>('/api/v1/organisations')).body;
    const haizhu = tree.regions[0]?.children[0]?.children.find((r) => r.name === '海珠区')?.id ?? '';
    const department = (await admin.post<{ id: string }>('/api/v1/organisations/departments', { name: '广州市海珠区批量导入测试局', regionId: haizhu })).body.id;
    expect((await admin.post('/api/v1/users', { username: 'bulk-editor', displayName: '批量导入填报员', password: 'Quiet-Harbour-Lantern-58', role: 'editor', departmentId: department })).status).toBe(201);
    const editor = await t.as('bulk-editor', 'Quiet-Harbour-Lantern-58');
    const zip = zipSync({
      'forms/seed.txt': fixture('000_168cd24c06a0f893.txt'),
      'forms/project.xlsx': fixture('formats/project.official.xlsx'),
      'forms/project.pdf': fixture('formats/project.jixiao.pdf'),
      'forms/not-a-form.txt': fixture('other/not-a-form.txt'),
      'forms/.DS_Store': new Uint8Array([0, 1, 2]),
      '__MACOSX/forms/._seed.txt': new Uint8Array([0, 1, 2]),
    });
    // No year given: each form's own. The project forms print 2025; the seed prints none, and takes the drafting year, noted as assumed.
    const started = await editor.post<JobView>('/api/v1/jobs/import-forms', { files: [file('forms.zip', zip), file('other.txt', fixture('other/project-target.txt'))] });
    expect(started.status).toBe(202);
    // Apple's metadata folder is left out; a hidden file is listed, not imported.
    expect(started.body.total).toBe(6);
    const job = await finishedJob(editor, started.body.id);
    expect(job.state).toBe('done');
    // The PDF and the workbook are the same project: the second finds the first stored.
    expect(job.failures.map((f) => [f.label, f.error.en])).toEqual([
      ['forms.zip/forms/.DS_Store', 'forms.zip/forms/.DS_Store: a hidden file or folder (its name starts with .), not imported'],
      ['forms.zip/forms/not-a-form.txt', expect.stringMatching(/^not-a-form\.txt: not recognisable as a target form/)],
      ['forms.zip/forms/project.xlsx', expect.stringMatching(/already has a 2025 project form for/)],
    ]);
    expect(job.done).toBe(3);
    const assumed = draftingYear(new Date());
    expect((job.result as { notes: Array<{ zh: string }> }).notes.map((n) => n.zh)).toEqual([`seed.txt：表上未印年度，按 ${assumed} 年度保存（假定）`]);
    const stored = await editor.get<{ items: Array<{ kind: string; state: string; year: number }>; total: number }>('/api/v1/declarations?pageSize=100');
    expect(stored.body.items.filter((f) => f.state === 'draft')).toHaveLength(3);
    expect(stored.body.items.filter((f) => f.state === 'draft').map((f) => f.year).sort()).toEqual([2025, 2025, assumed].sort());
  });

  it("lets an admin import into its region's departments, each form matched by the department it names", async () => {
    const admin = await t.as('admin');
    const unknown = new TextEncoder().encode(new TextDecoder().decode(fixture('000_168cd24c06a0f893.txt')).replaceAll('广州市海珠区政务服务和数据管理局', '广州市海珠区不存在局'));
    const started = await admin.post<JobView>('/api/v1/jobs/import-forms', { files: [file('bureau.txt', fixture('000_168cd24c06a0f893.txt')), file('unknown.txt', unknown), file('bureau-again.txt', fixture('000_168cd24c06a0f893.txt'))], year: 2028 });
    const job = await finishedJob(admin, started.body.id);
    expect([job.done, job.failed]).toEqual([1, 2]);
    expect(job.failures[0]?.error.zh).toContain('本区划内没有名为「广州市海珠区不存在局」的部门');
    // The second copy finds the first stored: one form per department and year, the rest named.
    expect(job.failures[1]?.error.zh).toContain('已有 2028 年度部门整体申报表');
    // The draft is the department's: its editor sees it, the admin cannot edit it.
    const editor = await t.as('haizhu-editor');
    expect((await editor.get<{ total: number }>('/api/v1/declarations?year=2028')).body.total).toBe(1);
  });

  it('goes on from the next item after its runner stopped, and takes over a job whose runner died', async () => {
    const user = await t.store.db.selectFrom('users').selectAll().where('username', '=', 'haizhu-editor').executeTakeFirstOrThrow();
    const actor = actorOf(presentUser(user));
    const texts = [1, 2, 3].map((n) => ({ name: `not-a-form-${n}.txt`, bytes: fixture('other/not-a-form.txt') }));
    // Three files, one item each.
    const items = uploadItems(expandUpload(texts));
    const jobId = await createJob(t.store.db, actor, { kind: 'import-forms', year: null, departmentId: actor.departmentId, regionId: null }, items);
    // None is a form: every item fails the same way, which is enough to follow the items.
    let calls = 0;
    expect(await runJob(t.store.db, jobId, { id: 'first', shouldStop: () => calls++ >= 1 })).toBe('running');
    let row = await t.store.db.selectFrom('jobs').select(['state', 'done', 'failed', 'locked_by']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'running', done: 0, failed: 1, locked_by: null });
    // Another runner holds it (a live lease): hands off.
    await t.store.db.updateTable('jobs').set({ locked_by: 'elsewhere', locked_until: new Date(Date.now() + 60_000).toISOString() }).where('id', '=', jobId).execute();
    expect(await runJob(t.store.db, jobId, { id: 'second' })).toBeNull();
    // That runner died: its lease ran out, and the job is taken over from its next item.
    await t.store.db.updateTable('jobs').set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where('id', '=', jobId).execute();
    expect(await runJob(t.store.db, jobId, { id: 'second' })).toBe('done');
    row = await t.store.db.selectFrom('jobs').select(['state', 'done', 'failed', 'locked_by']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'done', done: 0, failed: 3, locked_by: null });
    const failures = await t.store.db.selectFrom('job_items').select(['seq', 'error']).where('job_id', '=', jobId).orderBy('seq').execute();
    expect(failures.map((f) => (f.error as { en: string }).en)).toEqual(texts.map((i) => expect.stringMatching(new RegExp(`^${i.name}: not recognisable as a target form`))));
  });

  it("exports a reviewer's view of a year as a zip of canonical JSON", async () => {
    const reviewer = await t.as('haizhu-reviewer');
    const started = await reviewer.post<JobView>('/api/v1/jobs/export-forms', { year: 2024 });
    const job = await finishedJob(reviewer, started.body.id);
    expect(job.state).toBe('done');
    expect(job.hasOutput).toBe(true);
    const zip = await reviewer.bytes(`/api/v1/jobs/${job.id}/output`);
    expect(zip.status).toBe(200);
    const files = unzipSync(zip.bytes);
    const json = Object.keys(files).filter((n) => n.endsWith('.json'));
    expect(json).toHaveLength(job.total);
    const first = JSON.parse(strFromU8(files[json[0] ?? ''] ?? new Uint8Array())) as { schemaVersion: number };
    expect(first.schemaVersion).toBe(1);
    expect(strFromU8(files['index.csv'] ?? new Uint8Array())).toContain('published');
    // Someone else's job is not theirs to see.
    const editor = await t.as('haizhu-editor');
    expect((await editor.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
    expect((await editor.bytes(`/api/v1/jobs/${job.id}/output`)).status).toBe(404);
  });

  it('checks and scores a year again after the bureau raised its grade lines, and says what changed', async () => {
    const admin = await t.as('admin');
    const tree = (await admin.get<{ regions: Array<{ children: Array<{ children: Array<{ id: string; name: string }> }> }> }>('/api/v1/organisations')).body;
    const haizhu = tree.regions[0]?.children[0]?.children.find((r) => r.name === '海珠区')?.id ?? '';
    expect((await admin.patch(`/api/v1/organisations/regions/${haizhu}`, { settings: { scoring: { grades: { 优: 99, 良: 98, 中: 97 } } } })).status).toBe(200);
    const started = await admin.post<JobView>('/api/v1/jobs/rescore-year', { year: 2024 });
    expect(started.status).toBe(202);
    const job = await finishedJob(admin, started.body.id);
    expect(job.state).toBe('done');
    expect(job.failed).toBe(0);
    expect((job.result as { changed: number }).changed).toBeGreaterThan(0);
    const audit = await admin.get<{ total: number }>('/api/v1/audit?action=evaluation.rescore');
    expect(audit.body.total).toBeGreaterThan(0);
  });

  it('refuses what a role may not start', async () => {
    const reviewer = await t.as('haizhu-reviewer');
    expect((await reviewer.post('/api/v1/jobs/import-forms', { files: [file('a.txt', fixture('000_168cd24c06a0f893.txt'))] })).status).toBe(403);
    expect((await reviewer.post('/api/v1/jobs/rescore-year', { year: 2024 })).status).toBe(403);
    const bureauAdmin = await t.as('haizhu-admin');
    const tree = (await bureauAdmin.get<{ regions: Array<{ children: Array<{ children: Array<{ id: string; name: string }> }> }> }>('/api/v1/organisations')).body;
    const yuexiu = tree.regions[0]?.children[0]?.children.find((r) => r.name === '越秀区')?.id ?? '';
    expect((await bureauAdmin.post('/api/v1/jobs/rescore-year', { year: 2024, regionId: yuexiu })).status).toBe(403);
    const editor = await t.as('haizhu-editor');
    expect((await editor.post('/api/v1/jobs/import-forms', { files: [file('bad.zip', new Uint8Array([0x50, 0x4b, 1, 2, 3]))] })).status).toBe(400);
    expect((await editor.post('/api/v1/jobs/export-forms', { year: 1999 })).status).toBe(400);
  });
});
