/**
 * A job whose process is killed is taken over at once by another (docs/deployment.md): two server
 * processes on one PostgreSQL schema, an import of many forms running in one of them, that one
 * killed (SIGKILL) half-way — the other takes the job over when its lease runs out and finishes it,
 * every form stored once, none lost, none twice. Before, the dead process's pg-boss message stayed
 * active for pg-boss's 15 minutes and the message sent to take the job over waited behind it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/openStore.ts';
import { seedDemo } from '../demo.ts';
import { ApiClient } from '../testing/apiClient.ts';
import { startServerProcess, type ServerProcess } from '../testing/cluster.ts';
import { dropTestSchemas, STORE_KINDS, TEST_DATABASE_URL, testSchema } from '../testing/testStores.ts';
import type { JobView } from './jobs.ts';
import { LEASE_MS } from './jobs.ts';

const PASSWORD = 'takeover-password-123';
const postgres = STORE_KINDS.some(([name]) => name.startsWith('PostgreSQL'));
const FORMS = 24;
const FORM = readFileSync(new URL('../../../fixtures/forms/project/pipe-rows.txt', import.meta.url), 'utf8');
/** The project forms to import, each its own project. */
const files = Array.from({ length: FORMS }, (_, i) => ({ name: `project-${i + 1}.txt`, data: Buffer.from(FORM.replace('政务服务“一网通办”推广', `接管测试项目${i + 1}`)).toString('base64') }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exited = (p: ServerProcess) => (p.child.exitCode !== null || p.child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => p.child.once('exit', () => resolve())));

describe.skipIf(!postgres)('a job whose process is killed, on PostgreSQL with two server processes', { timeout: 300_000 }, () => {
  const schema = testSchema();
  let store: Store;
  let processes: ServerProcess[] = [];

  beforeAll(async () => {
    store = await openStore({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
    await store.migrate();
    await seedDemo(store, PASSWORD);
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, JIXIAO_DEMO_PASSWORD: PASSWORD };
    processes = await Promise.all([0, 1].map(() => startServerProcess(env, ['--demo'])));
  }, 300_000);

  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    await Promise.all(processes.map(exited));
    await store?.close();
    await dropTestSchemas();
  });

  it('is finished by the other process once its lease runs out, every form stored once', async () => {
    const editor = await new ApiClient(processes[0]?.url ?? '').login('haizhu-editor', PASSWORD);
    const started = await editor.post<JobView>('/api/v1/jobs/import-forms', { files, year: 2025 });
    expect(started.status).toBe(202);
    const jobId = started.body.id;
    const job = () => store.db.selectFrom('jobs').select(['state', 'done', 'failed', 'locked_by']).where('id', '=', jobId).executeTakeFirstOrThrow();

    // Kill the process that runs it (its pid is in the runner's id, host:pid:…) once a few forms are in.
    let runner: ServerProcess | undefined;
    for (;;) {
      const now = await job();
      if (now.state === 'done') throw new Error('the job finished before it could be interrupted: give it more forms');
      const pid = Number(now.locked_by?.split(':')[1]);
      runner = processes.find((p) => p.child.pid === pid);
      if (runner && now.done >= 3) break;
      await sleep(50);
    }
    const killedAt = Date.now();
    runner.child.kill('SIGKILL');
    await exited(runner);
    const doneAtKill = (await job()).done;
    expect(doneAtKill).toBeLessThan(FORMS);

    // The other process takes it over (within the lease, plus its 15 s look for orphaned jobs) and finishes it.
    const survivor = processes.find((p) => p !== runner);
    let takenOverAfter: number | null = null;
    let finishedAfter: number | null = null;
    while (finishedAfter === null && Date.now() - killedAt < 240_000) {
      const now = await job();
      if (takenOverAfter === null && now.locked_by?.split(':')[1] === String(survivor?.child.pid)) takenOverAfter = Date.now() - killedAt;
      if (now.state === 'done') finishedAfter = Date.now() - killedAt;
      else await sleep(200);
    }
    process.stdout.write(`job taken over ${takenOverAfter} ms and finished ${finishedAfter} ms after the kill (lease ${LEASE_MS} ms; ${doneAtKill} of ${FORMS} forms done at the kill)\n`);
    expect(finishedAfter).not.toBeNull();
    // The lease (30 s) and one look for orphaned jobs (every 15 s), not pg-boss's 15 minutes.
    expect(takenOverAfter ?? finishedAfter).toBeLessThan(60_000);

    // Nothing lost, nothing twice.
    const finished = await job();
    expect([finished.state, finished.done, finished.failed]).toEqual(['done', FORMS, 0]);
    const names = (await store.db.selectFrom('documents').select('project_name').where('project_name', 'like', '接管测试项目%').execute()).map((r) => r.project_name);
    expect(names).toHaveLength(FORMS);
    expect(new Set(names).size).toBe(FORMS);
    const items = await store.db.selectFrom('job_items').select(['state']).where('job_id', '=', jobId).execute();
    expect(items.every((item) => item.state === 'done')).toBe(true);
  });
});
