/**
 * Background jobs in the store: a job and its items (files to import, forms to export or to check
 * again), their progress and per-item errors, and the runner that works through them. The queue
 * (queue.ts) only says which process runs a job when; everything a job has done is here, so a job
 * survives its process: a lease (renewed while it runs) lets another process, or the next start,
 * take over a job whose runner died, from its next pending item.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isSystemAdmin, type Actor } from '../../core/policy.ts';
import type { Database, JobKind, JobState } from '../../store/schema.ts';
import { appendAudit } from '../../store/auditLog.ts';
import { ReaderError } from '../../readers/readerError.ts';
import { AppError, notFound } from '../appError.ts';
import { actorOf, presentUser } from '../services/accounts.ts';
import type { JobView } from '../../format/apiTypes.ts';
import type { UploadExpansion } from '../import/uploadFiles.ts';
import { JOB_KINDS, type ImportItem, type JobInput } from './jobKinds.ts';

export type { JobView };

/** How long a runner holds a job without renewing: a killed process's job waits this long at most. */
export const LEASE_MS = 30_000;

/** One item of a new job: what it is, a file's bytes (imports), and why it is refused already, if it is. */
export interface NewJobItem {
  readonly label: string;
  readonly payload: unknown;
  readonly data?: Uint8Array;
  readonly refused?: { zh: string; en: string };
}

/** Makes a job with its items, queued; the caller enqueues it once committed. Refused items are stored failed, with why. */
export async function createJob(db: Kysely<Database>, actor: Actor, input: JobInput, items: readonly NewJobItem[]): Promise<string> {
  if (items.length === 0) throw new AppError(400, 'validation-failed', '没有要处理的内容', 'there is nothing to do', [{ field: 'items', message: 'empty' }]);
  const id = randomUUID();
  const refused = items.filter((item) => item.refused).length;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('jobs').values({ id, kind: input.kind, state: 'queued', created_by: actor.id, input: JSON.stringify(input), total: items.length, done: 0, failed: refused, result: null, error: null, created_at: new Date().toISOString(), started_at: null, finished_at: null, locked_by: null, locked_until: null, output: null }).execute();
    // At most 200 items and about 32 MB of files per statement.
    for (let start = 0, end = 0; start < items.length; start = end) {
      let bytes = 0;
      end = start;
      do bytes += items[end++]?.data?.length ?? 0;
      while (end < items.length && end - start < 200 && bytes + (items[end]?.data?.length ?? 0) <= 32 * 1024 * 1024);
      await trx
        .insertInto('job_items')
        .values(items.slice(start, end).map((item, k) => ({
          job_id: id,
          seq: start + k + 1,
          label: item.label.slice(0, 300),
          payload: JSON.stringify(item.payload),
          data: item.data ?? null,
          state: item.refused ? ('failed' as const) : ('pending' as const),
          error: item.refused ? JSON.stringify(item.refused) : null,
          outcome: null,
        })))
        .execute();
    }
    await appendAudit(trx, { actorId: actor.id, action: 'job.create', entity: 'job', entityId: id, detail: { kind: input.kind, items: items.length, ...(refused > 0 ? { refused } : {}) } });
  });
  return id;
}

/** An upload opened on a worker (import/uploadFiles.ts) as a job's items: each form with its bytes, each refused entry with why. */
export function uploadItems(upload: UploadExpansion): NewJobItem[] {
  return upload.entries.map((entry) => {
    const payload: ImportItem = { name: entry.name };
    return entry.refused ? { label: entry.label, payload, refused: { zh: `${entry.label}：${entry.refused.zh}`, en: `${entry.label}: ${entry.refused.en}` } } : { label: entry.label, payload, data: entry.bytes };
  });
}

function view(row: Database['jobs'], failures: JobView['failures']): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    input: row.input as JobInput,
    total: row.total,
    done: row.done,
    failed: row.failed,
    result: row.result,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    hasOutput: row.output !== null,
    failures,
  };
}

/** A job its maker (or the system admin) may see; anyone else's is a 404. */
async function ownJob(db: Kysely<Database>, actor: Actor, id: string): Promise<Database['jobs']> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.created_by !== actor.id && !isSystemAdmin(actor))) throw notFound('job', '后台任务');
  return row;
}

export async function getJob(db: Kysely<Database>, actor: Actor, id: string): Promise<JobView> {
  const row = await ownJob(db, actor, id);
  const failed = await db.selectFrom('job_items').select(['seq', 'label', 'error']).where('job_id', '=', id).where('state', '=', 'failed').orderBy('seq').limit(500).execute();
  return view(row, failed.map((f) => ({ seq: f.seq, label: f.label, error: f.error as JobView['failures'][number]['error'] })));
}

/** The actor's jobs (the system admin: everyone's), newest first, without their failures. */
export async function listJobs(db: Kysely<Database>, actor: Actor): Promise<JobView[]> {
  let query = db.selectFrom('jobs').select(['id', 'kind', 'state', 'input', 'total', 'done', 'failed', 'result', 'error', 'created_at', 'started_at', 'finished_at', 'locked_by', 'locked_until', 'created_by', (eb) => eb('output', 'is not', null).as('has_output')]);
  if (!isSystemAdmin(actor)) query = query.where('created_by', '=', actor.id);
  const rows = await query.orderBy('created_at', 'desc').limit(100).execute();
  return rows.map((r) => view({ ...r, output: r.has_output ? new Uint8Array() : null }, []));
}

export async function jobOutput(db: Kysely<Database>, actor: Actor, id: string): Promise<{ bytes: Uint8Array; kind: JobKind; createdAt: string }> {
  const row = await ownJob(db, actor, id);
  if (!row.output) throw new AppError(404, 'not-found', '该任务没有可下载的文件（尚未完成，或不是导出任务）', 'the job has no file to download (not finished, or not an export)');
  return { bytes: row.output, kind: row.kind, createdAt: row.created_at };
}

/** Stops a queued or running job after its current item; what it did stays. */
export async function cancelJob(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const row = await ownJob(db, actor, id);
  if (row.state !== 'queued' && row.state !== 'running') throw new AppError(409, 'job-finished', '任务已结束，无法取消', 'the job has finished', [{ field: 'id', message: row.state }]);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('jobs').set({ state: 'cancelled', finished_at: new Date().toISOString() }).where('id', '=', id).where('state', 'in', ['queued', 'running']).execute();
    await appendAudit(trx, { actorId: actor.id, action: 'job.cancel', entity: 'job', entityId: id, detail: { done: row.done, total: row.total } });
  });
}

/** Why an item failed, as the person reading the job should see it. */
function itemError(error: unknown): { zh: string; en: string; field?: string } {
  if (error instanceof AppError) return { zh: error.zh, en: error.en, ...(error.fields[0] ? { field: error.fields[0].field } : {}) };
  if (error instanceof ReaderError) return { zh: error.zh, en: error.en };
  const message = error instanceof Error ? error.message : String(error);
  return { zh: `处理失败：${message}`, en: `failed: ${message}` };
}

/** Jobs that should be running and are not: queued, or running under a lease that ran out. */
export async function orphanedJobs(db: Kysely<Database>): Promise<string[]> {
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('state', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('created_at')
    .limit(100)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Works through a job's pending items, one transaction each, renewing its lease; returns when the job
 * is finished, cancelled, held by another runner, or `shouldStop()` says so (the process is stopping —
 * the lease is let go so the next start takes it up). `onProgress` hears of every item.
 */
export async function runJob(db: Kysely<Database>, jobId: string, runner: { id: string; shouldStop?: () => boolean; onProgress?: (job: { done: number; failed: number; total: number }) => void }): Promise<JobState | null> {
  const lease = () => new Date(Date.now() + LEASE_MS).toISOString();
  const now = new Date().toISOString();
  const taken = await db
    .updateTable('jobs')
    .set((eb) => ({ state: 'running', locked_by: runner.id, locked_until: lease(), started_at: eb.fn.coalesce('started_at', eb.val(now)) }))
    .where('id', '=', jobId)
    .where('state', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now), eb('locked_by', '=', runner.id)]))
    .returningAll()
    .executeTakeFirst();
  if (!taken) return null;
  const user = await db.selectFrom('users').selectAll().where('id', '=', taken.created_by).executeTakeFirstOrThrow();
  const context = { db, actor: actorOf(presentUser(user)), input: taken.input as JobInput };
  const handler = JOB_KINDS[taken.kind];
  let progress = { done: taken.done, failed: taken.failed, total: taken.total };
  let ahead: { seq: number; prepared: Promise<unknown> } | null = null;
  for (;;) {
    if (runner.shouldStop?.()) {
      await db.updateTable('jobs').set({ locked_until: null, locked_by: null }).where('id', '=', jobId).where('locked_by', '=', runner.id).execute();
      return 'running';
    }
    const [item, following] = await db.selectFrom('job_items').select(['seq', 'payload', 'data']).where('job_id', '=', jobId).where('state', '=', 'pending').orderBy('seq').limit(2).execute();
    if (!item) break;
    let prepared: unknown;
    let failure: unknown = null;
    try {
      prepared = ahead?.seq === item.seq ? await ahead.prepared : await handler.prepare(context, item.payload, item.data);
    } catch (error) {
      failure = error;
    }
    // The next item is read and checked while this one is stored: the CPU's work and the database's overlap.
    ahead = following ? { seq: following.seq, prepared: handler.prepare(context, following.payload, following.data) } : null;
    ahead?.prepared.catch(() => undefined);
    // The item and the job's count change together with what the item stored: all or nothing.
    const outcome = await db.transaction().execute(async (trx) => {
      const job = await trx.selectFrom('jobs').select(['state', 'locked_by']).where('id', '=', jobId).forUpdate().executeTakeFirstOrThrow();
      if (job.state !== 'running' || job.locked_by !== runner.id) return 'lost' as const;
      if (failure !== null) return 'failed' as const;
      // A throw here rolls back whatever the item stored; the catch below records why.
      const stored = await handler.store(trx, context, prepared);
      await trx.updateTable('job_items').set({ state: 'done', outcome: JSON.stringify(stored ?? null), payload: null, data: null }).where('job_id', '=', jobId).where('seq', '=', item.seq).execute();
      await trx.updateTable('jobs').set((eb) => ({ done: eb('done', '+', 1), locked_until: lease() })).where('id', '=', jobId).execute();
      return 'done' as const;
    }).catch((error: unknown) => {
      // The store step threw: its transaction is rolled back; the failure is recorded on its own.
      failure ??= error;
      return 'failed' as const;
    });
    if (outcome === 'lost') return null;
    if (outcome === 'failed') {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('job_items').set({ state: 'failed', error: JSON.stringify(itemError(failure)), payload: null, data: null }).where('job_id', '=', jobId).where('seq', '=', item.seq).where('state', '=', 'pending').execute();
        await trx.updateTable('jobs').set((eb) => ({ failed: eb('failed', '+', 1), locked_until: lease() })).where('id', '=', jobId).where('locked_by', '=', runner.id).execute();
      });
      progress = { ...progress, failed: progress.failed + 1 };
    } else {
      progress = { ...progress, done: progress.done + 1 };
    }
    runner.onProgress?.(progress);
  }
  const finished = handler.finish ? await handler.finish(db, jobId) : { result: { done: progress.done, failed: progress.failed }, output: null };
  const ended = await db
    .updateTable('jobs')
    .set({ state: 'done', result: JSON.stringify(finished.result), output: finished.output, finished_at: new Date().toISOString(), locked_by: null, locked_until: null })
    .where('id', '=', jobId)
    .where('state', '=', 'running')
    .where('locked_by', '=', runner.id)
    .executeTakeFirst();
  return Number(ended.numUpdatedRows) > 0 ? 'done' : null;
}
