/**
 * Hostile files at every door that reads one, over real HTTP on both stores: zip bombs refused with
 * the part and the limit named (422), a reader's own RangeError answered as a 422 and never a 500,
 * every door reading on the worker pool while other requests are answered, a worker that runs out
 * of memory ending alone; and the bulk import's zips — bombs, 20,000 entries, entries named to climb
 * out of the folder — refused or listed, its files stored as bytes. The files are made here.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { Piscina } from 'piscina';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { manyEntriesZip, rawZip, textEntry, xlsxBomb, zerosZip } from '../readers/testing/hostileZips.ts';
import type { ApiClient } from './testing/apiClient.ts';
import { finishedJob } from './testing/finishedJob.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';
import { setImportWorkerHeap } from './import/importPool.ts';
import { createJob, runJob, uploadItems, type JobView } from './jobs/jobs.ts';
import { expandUpload } from './import/uploadFiles.ts';
import { migrateToLatest } from '../store/migrations.ts';
import { actorOf, presentUser } from './services/accounts.ts';

const file = (name: string, bytes: Uint8Array) => ({ name, data: Buffer.from(bytes).toString('base64') });
const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/forms/${path}`, import.meta.url)));

/** A page nested 60,000 elements deep: the HTML reader's walk overflows the stack (a RangeError). */
const deepPage = () => new TextEncoder().encode(`<html><body><table><tr><td>${'<div>'.repeat(60_000)}x</td></tr></table></body></html>`);

/** A Word document whose body is 30 MB of empty paragraphs: within the zip limits, but millions of elements to parse. */
function paragraphsDocx(mib: number): Uint8Array {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const block = deflateRawSync(Buffer.from('<w:p/>'.repeat(131_072)), flush);
  const parts = [deflateRawSync(Buffer.from('<w:document xmlns:w="w"><w:body>'), flush), ...Array.from({ length: mib }, () => block), deflateRawSync(Buffer.from('</w:body></w:document>'))];
  return rawZip([textEntry('[Content_Types].xml', '<Types/>'), { name: 'word/document.xml', method: 8, data: Buffer.concat(parts), size: mib * 786_432 }]);
}

type ErrorBody = { error: { id: string; message: { zh: string; en: string } } };

/** Records the kind of every task handed to the worker pool (the real pool still runs it). */
function watchPool(onTask?: (kind: string) => void): string[] {
  const kinds: string[] = [];
  const run = Piscina.prototype.run;
  vi.spyOn(Piscina.prototype, 'run').mockImplementation(function (this: Piscina, task: { kind?: string }, options?: Parameters<Piscina['run']>[1]) {
    kinds.push(task.kind ?? 'documents');
    onTask?.(task.kind ?? 'documents');
    return run.call(this, task, options);
  });
  return kinds;
}

describe.each(STORE_KINDS)('hostile files on the %s store', (_name, open) => {
  let t: TestApp;
  let editor: ApiClient;
  let admin: ApiClient;
  let reportId: string;
  let evaluationId: string;
  let departmentId: string;

  beforeAll(async () => {
    // A small heap makes a worker's death cheap to see; the limits refuse the bombs long before.
    await setImportWorkerHeap(96);
    t = await startTestApp(open, { family: true, jobs: true });
    editor = await t.as('haizhu-editor');
    admin = await t.as('admin');
    departmentId = (await t.store.db.selectFrom('users').select('department_id').where('username', '=', 'haizhu-editor').executeTakeFirstOrThrow()).department_id ?? '';
    reportId = (await t.store.db.selectFrom('documents').select('id').where('kind', '=', 'monitoring-report').orderBy('id').executeTakeFirstOrThrow()).id;
    evaluationId = (await t.store.db.selectFrom('documents').select('id').where('kind', '=', 'self-evaluation').orderBy('id').executeTakeFirstOrThrow()).id;
  }, 180_000);

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await t?.close();
    await setImportWorkerHeap();
  });

  const doors: Array<[string, (name: string, bytes: Uint8Array) => Promise<{ status: number; body: unknown }>]> = [
    ['the import preview', (name, bytes) => editor.post('/api/v1/declarations/import/preview', { file: file(name, bytes) })],
    ['the import of forms', (name, bytes) => editor.post('/api/v1/declarations/import', { file: file(name, bytes), departmentId, year: 2030 })],
    ["a monitoring report's import", (name, bytes) => editor.post(`/api/v1/monitoring/reports/${reportId}/import`, { baseVersion: 1, file: file(name, bytes) })],
    ["a self-evaluation's import", (name, bytes) => editor.post(`/api/v1/evaluations/${evaluationId}/import`, { baseVersion: 1, file: file(name, bytes) })],
    ['the directory import', (name, bytes) => admin.post('/api/v1/organisations/import', { file: file(name, bytes) })],
  ];

  it.each(doors)('%s refuses a 300 KB workbook that inflates to 300 MB: a 422 naming the part and the limit', async (_door, post) => {
    const kinds = watchPool();
    const answer = await post('bomb.xlsx', xlsxBomb(300));
    expect(answer.status).toBe(422);
    const { error } = answer.body as ErrorBody;
    expect(error.id).toBe('import-too-large');
    expect(error.message.en).toContain('xl/sharedStrings.xml in the workbook inflates to more than the limit of 50 MB');
    // Read on the worker pool, not on the server's event loop.
    expect(kinds).toHaveLength(1);
  });

  it.each(doors.slice(0, 4))("%s answers a reader's RangeError (a page nested 60,000 deep) with a 422, not a 500", async (_door, post) => {
    const answer = await post('deep.html', deepPage());
    expect(answer.status).toBe(422);
    expect((answer.body as ErrorBody).error.message.en).toMatch(/Maximum call stack size exceeded|nested too deeply/);
  });

  it('answers other requests while a door reads a file for seconds; a worker out of memory ends alone and the pool serves the next', async () => {
    const order: string[] = [];
    let inWorker: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (inWorker = resolve));
    watchPool((kind) => kind === 'monitoring' && inWorker());
    const importing = editor.post(`/api/v1/monitoring/reports/${reportId}/import`, { baseVersion: 1, file: file('paragraphs.docx', paragraphsDocx(40)) }).then((answer) => {
      order.push('import');
      return answer;
    });
    // Once the file is with a worker, another request goes through the server.
    await Promise.race([started, importing]);
    const other = await editor.get('/api/v1/session');
    order.push('other');
    expect(other.status).toBe(200);
    const answer = await importing;
    expect(order).toEqual(['other', 'import']);
    // The worker hit its heap limit: the request is told so, the server goes on.
    expect(answer.status).toBe(422);
    expect((answer.body as ErrorBody).error.message.en).toContain('needs more memory than an import may use (96 MB)');
    const next = await editor.post<{ documents: unknown[] }>('/api/v1/declarations/import/preview', { file: file('project.xlsx', fixture('formats/project.official.xlsx')) });
    expect(next.status).toBe(200);
    expect(next.body.documents).toHaveLength(1);
  });

  describe('bulk imports', () => {
    it.each([false, true])('refuse a 1.8 MB zip of six 300 MB entries with a 413 naming the first (headers lying: %s); no job is made', async (lie) => {
      const kinds = watchPool();
      const zip = zerosZip(6, 300, { lie });
      expect(zip.length).toBeLessThan(2 * 1024 * 1024);
      const jobsBefore = (await t.store.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const answer = await editor.post<ErrorBody>('/api/v1/jobs/import-forms', { files: [file('zeros.zip', zip)] });
      expect(answer.status).toBe(413);
      expect(answer.body.error.message.en).toBe('form-1.xlsx in the zip zeros.zip inflates to more than the limit of 20 MB: this is not a form');
      expect(answer.body.error.message.zh).toContain('form-1.xlsx');
      expect((await t.store.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toEqual(jobsBefore);
      // Opened on the worker pool, not on the event loop.
      expect(kinds).toEqual(['upload']);
    });

    it('refuse a zip of 20,000 entries instead of making a 20,000-item job', async () => {
      const answer = await editor.post<ErrorBody>('/api/v1/jobs/import-forms', { files: [file('many.zip', manyEntriesZip(20_000))] });
      expect(answer.status).toBe(413);
      expect(answer.body.error.message.en).toBe('the zip many.zip lists 20,000 entries, more than the limit of 5,000');
    });

    it('list each entry of a zip that climbs out of its folder with why, and import the rest', async () => {
      const slip = rawZip([textEntry('../../x.txt', 'x'), textEntry('..\\win.txt', 'x'), textEntry('a/../../b.txt', 'x'), seedEntry()]);
      const started = await editor.post<JobView>('/api/v1/jobs/import-forms', { files: [file('slip.zip', slip)], year: 2036 });
      expect(started.status).toBe(202);
      expect(started.body.total).toBe(4);
      const job = await finishedJob(editor, started.body.id);
      expect(job.done).toBe(1);
      expect(job.failures.map((f) => [f.label, f.error.en])).toEqual([
        ['slip.zip/../../x.txt', 'slip.zip/../../x.txt: the path leads outside the zip (a .. segment, an absolute path or a drive), not imported'],
        ['slip.zip/..\\win.txt', 'slip.zip/..\\win.txt: the path leads outside the zip (a .. segment, an absolute path or a drive), not imported'],
        ['slip.zip/a/../../b.txt', 'slip.zip/a/../../b.txt: the path leads outside the zip (a .. segment, an absolute path or a drive), not imported'],
      ]);
    });

    it("keep a file's bytes as bytes (bytea), not base64 in the item's JSON, and drop them once done", async () => {
      const seed = fixture('000_168cd24c06a0f893.txt');
      // Made here and run below by hand: no queue is asked to run it.
      const user = await t.store.db.selectFrom('users').selectAll().where('username', '=', 'haizhu-editor').executeTakeFirstOrThrow();
      const actor = actorOf(presentUser(user));
      const jobId = await createJob(t.store.db, actor, { kind: 'import-forms', year: 2037, departmentId: actor.departmentId, regionId: null }, uploadItems(expandUpload([{ name: 'forms.zip', bytes: zipSync({ 'seed.txt': seed }) }])));
      const item = await t.store.db.selectFrom('job_items').select(['payload', 'data']).where('job_id', '=', jobId).executeTakeFirstOrThrow();
      expect(item.payload).toEqual({ name: 'seed.txt' });
      expect(item.data).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(item.data ?? new Uint8Array()).equals(Buffer.from(seed))).toBe(true);
      // Run here, or by the queue if it found the job first.
      if ((await runJob(t.store.db, jobId, { id: 'test' })) !== 'done') expect((await finishedJob(editor, jobId)).state).toBe('done');
      expect((await t.store.db.selectFrom('job_items').select('data').where('job_id', '=', jobId).executeTakeFirstOrThrow()).data).toBeNull();
    });

    it('keep the files of imports queued before migration 8, their base64 turned into bytes', async () => {
      const db = t.store.db;
      const seed = fixture('000_168cd24c06a0f893.txt');
      const user = await db.selectFrom('users').select('id').where('username', '=', 'haizhu-editor').executeTakeFirstOrThrow();
      const jobId = `before-8-${Date.now()}`;
      // A job nobody runs (cancelled) with an item as version 7 stored it: the bytes as base64 in the JSON.
      await db.insertInto('jobs').values({ id: jobId, kind: 'import-forms', state: 'cancelled', created_by: user.id, input: JSON.stringify({ kind: 'import-forms', year: null, departmentId: null, regionId: null }), total: 1, done: 0, failed: 0, result: null, error: null, created_at: new Date().toISOString(), started_at: null, finished_at: null, locked_by: null, locked_until: null, output: null }).execute();
      await sql`delete from schema_migrations where version = 8`.execute(db);
      await sql`alter table job_items drop column data`.execute(db);
      await sql`insert into job_items (job_id, seq, label, payload, state) values (${jobId}, 1, 'old.txt', ${JSON.stringify({ name: 'old.txt', data: Buffer.from(seed).toString('base64') })}::jsonb, 'pending')`.execute(db);
      expect(await migrateToLatest(db)).toEqual([8]);
      const item = await db.selectFrom('job_items').select(['payload', 'data']).where('job_id', '=', jobId).executeTakeFirstOrThrow();
      expect(item.payload).toEqual({ name: 'old.txt' });
      expect(Buffer.from(item.data ?? new Uint8Array()).equals(Buffer.from(seed))).toBe(true);
    });
  });
});

/** The seed form as a deflated zip entry. */
function seedEntry() {
  const seed = new TextDecoder().decode(fixture('000_168cd24c06a0f893.txt'));
  return textEntry('ok/seed.txt', seed);
}
