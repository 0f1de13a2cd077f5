/**
 * `jixiao jobs …`: background jobs from the command line, on the store directly (`--data` or
 * DATABASE_URL) and as a named user, so the policy applies as in the web app. A job runs in this
 * process with a progress bar (cli-progress; plain lines when the output is not a terminal) and is
 * stored like any other: if this process is stopped, `jixiao jobs resume ID` — or any server —
 * goes on from the next item.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { closeImportPool } from '../server/import/importPool.ts';
import { getJob, listJobs, runJob, type JobView } from '../server/jobs/jobs.ts';
import { JOB_KIND_NAMES } from '../server/jobs/jobKinds.ts';
import { startExport, startImport, startLoad, startRescore } from '../server/jobs/startJobs.ts';
import { actorOf, presentUser } from '../server/services/accounts.ts';
import type { Store } from '../store/openStore.ts';
import type { Actor } from '../core/policy.ts';
import { CliError, type Lang } from './cliError.ts';
import { dataDirOf, withStore } from './serverCommands.ts';

interface Common {
  data?: string;
  as: string;
  lang: Lang;
}

/** The files under the paths given: folders walked (hidden files and folders left out), zips kept whole (the job opens them). */
export function filesUnder(paths: readonly string[]): Array<{ name: string; bytes: Uint8Array }> {
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  const walk = (path: string, root: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new CliError(`找不到 ${path}`, `${path} does not exist`);
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!entry.startsWith('.') && entry !== '__MACOSX') walk(join(path, entry), root);
    } else if (stat.isFile()) {
      files.push({ name: path === root ? basename(path) : relative(root, path), bytes: new Uint8Array(readFileSync(path)) });
    }
  };
  for (const path of paths) walk(path, path);
  if (files.length === 0) throw new CliError('没有找到任何文件', 'no files found');
  return files;
}

async function actorNamed(store: Store, username: string): Promise<Actor> {
  const user = await store.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user || user.disabled) throw new CliError(`没有名为 ${username} 的可用账号`, `no active account is called ${username}`);
  return actorOf(presentUser(user));
}

/** Runs a job here with a progress bar; prints what failed; exit code 1 when any item failed. */
async function runHere(store: Store, actor: Actor, jobId: string, lang: Lang): Promise<JobView> {
  const before = await getJob(store.db, actor, jobId);
  const name = JOB_KIND_NAMES[before.kind][lang];
  const bar = new cliProgress.SingleBar(
    { format: `${name} [{bar}] {percentage}% | {value}/{total} | ${lang === 'zh' ? '失败' : 'failed'} {failed}`, noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(before.total, before.done + before.failed, { failed: before.failed });
  let stopping = false;
  const stop = () => {
    stopping = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await runJob(store.db, jobId, { id: `cli:${process.pid}`, shouldStop: () => stopping, onProgress: (p) => bar.update(p.done + p.failed, { failed: p.failed }) });
  } finally {
    bar.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // The import's worker threads would keep the process alive.
    await closeImportPool();
  }
  const job = await getJob(store.db, actor, jobId);
  const say = (zh: string, en: string) => process.stdout.write(`${lang === 'zh' ? zh : en}\n`);
  if (job.state === 'running') say(`已暂停：完成 ${job.done}，失败 ${job.failed}，共 ${job.total}。继续：jixiao jobs resume ${job.id}`, `paused: ${job.done} done, ${job.failed} failed of ${job.total}. Go on with: jixiao jobs resume ${job.id}`);
  else say(`${name}（${job.id}）：完成 ${job.done}，失败 ${job.failed}，共 ${job.total}`, `${name} (${job.id}): ${job.done} done, ${job.failed} failed of ${job.total}`);
  for (const failure of job.failures.slice(0, 50)) {
    // The message names its file already; the label says where the file was (a folder, a zip).
    const message = (lang === 'zh' ? failure.error.zh : failure.error.en).replace(/^[^：:]+[：:]\s*/, '');
    process.stdout.write(`  ✗ ${failure.label}: ${message}\n`);
  }
  if (job.failures.length > 50) say(`  …另有 ${job.failures.length - 50} 项失败`, `  …and ${job.failures.length - 50} more`);
  if (job.failed > 0) process.exitCode = 1;
  return job;
}

/** Refusals of the services (AppError) said as the CLI says errors. */
async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as { zh?: unknown; en?: unknown };
    if (typeof e.zh === 'string' && typeof e.en === 'string' && !(error instanceof CliError)) throw new CliError(e.zh, e.en);
    throw error;
  }
}

export async function runJobsImport(paths: readonly string[], options: Common & { year?: number; department?: string }): Promise<void> {
  const files = filesUnder(paths);
  await withStore(dataDirOf(options.data), (store) =>
    asCli(async () => {
      const actor = await actorNamed(store, options.as);
      const jobId = await startImport(store.db, actor, files, { year: options.year ?? null, departmentId: options.department ?? null });
      await runHere(store, actor, jobId, options.lang);
    }),
  );
}

export async function runJobsExport(options: Common & { year: number; region?: string; out: string }): Promise<void> {
  await withStore(dataDirOf(options.data), (store) =>
    asCli(async () => {
      const actor = await actorNamed(store, options.as);
      const jobId = await startExport(store.db, actor, { year: options.year, regionId: options.region ?? null });
      const job = await runHere(store, actor, jobId, options.lang);
      const row = await store.db.selectFrom('jobs').select('output').where('id', '=', job.id).executeTakeFirstOrThrow();
      if (row.output) {
        writeFileSync(options.out, row.output);
        process.stdout.write(`${options.lang === 'zh' ? '已写出' : 'wrote'} ${options.out}\n`);
      }
    }),
  );
}

export async function runJobsRescore(options: Common & { year: number; region?: string }): Promise<void> {
  await withStore(dataDirOf(options.data), (store) =>
    asCli(async () => {
      const actor = await actorNamed(store, options.as);
      const jobId = await startRescore(store.db, actor, { year: options.year, regionId: options.region ?? null });
      await runHere(store, actor, jobId, options.lang);
    }),
  );
}

export async function runJobsResume(id: string, options: Common): Promise<void> {
  await withStore(dataDirOf(options.data), (store) =>
    asCli(async () => {
      const actor = await actorNamed(store, options.as);
      const job = await getJob(store.db, actor, id);
      if (job.state !== 'queued' && job.state !== 'running') throw new CliError(`任务 ${id} 已结束（${job.state}）`, `job ${id} has finished (${job.state})`);
      await runHere(store, actor, id, options.lang);
    }),
  );
}

export async function runJobsList(options: Common): Promise<void> {
  await withStore(dataDirOf(options.data), (store) =>
    asCli(async () => {
      const actor = await actorNamed(store, options.as);
      for (const job of await listJobs(store.db, actor)) {
        process.stdout.write(`${job.id}  ${job.createdAt.slice(0, 19)}  ${JOB_KIND_NAMES[job.kind][options.lang].padEnd(8)}  ${job.state.padEnd(9)}  ${job.done + job.failed}/${job.total}  ${options.lang === 'zh' ? '失败' : 'failed'} ${job.failed}\n`);
      }
    }),
  );
}

/** The JSON Lines files under the paths (folders walked), by absolute path. */
function jsonLinesUnder(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new CliError(`找不到 ${path}`, `${path} does not exist`);
    if (stat.isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    else if (/\.(jsonl|ndjson)$/i.test(path)) found.push(resolve(path));
  };
  for (const path of paths) walk(path);
  if (found.length === 0) throw new CliError('没有找到 .jsonl 文件', 'no .jsonl files found');
  return found;
}

export async function runJobsLoad(paths: readonly string[], options: Common): Promise<void> {
  const files = jsonLinesUnder(paths);
  await withStore(dataDirOf(options.data), (store) =>
    asCli(async () => {
      const actor = await actorNamed(store, options.as);
      const jobId = await startLoad(store.db, actor, files);
      await runHere(store, actor, jobId, options.lang);
    }),
  );
}
