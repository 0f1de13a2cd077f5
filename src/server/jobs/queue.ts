/**
 * Which process runs a job when. On a PostgreSQL server the jobs go through pg-boss (a well-kept
 * queue on the same server: SKIP LOCKED, retries, any number of processes); the embedded store,
 * which only one process opens, runs them in that process, one at a time. Either way a job's
 * progress lives in the jobs tables (jobs.ts), and every process looks now and then for a job
 * nobody is running — queued, or left by a process that died — and queues it again.
 *
 * The queue's messages only wake a runner: who may work on a job is decided by the job's lease in
 * the jobs table (`runJob` takes it in one update), so a message for a job someone else holds ends
 * at once, and a second message for one job is harmless. That is why the queue's policy is `short`
 * (one *waiting* message per job, any number active) and not `stately` (one active message per
 * job as well): under `stately` the message of a killed process stayed active until pg-boss expired
 * it (15 minutes), and the message sent to take its job over waited behind it.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { Store } from '../../store/openStore.ts';
import { orphanedJobs, runJob } from './jobs.ts';

export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** Asks for a job (already stored) to be run. */
  enqueue(jobId: string): Promise<void>;
  start(): Promise<void>;
  /** Stops taking jobs; a job in hand stops after its current item and is taken up on the next start. */
  stop(): Promise<void>;
}

const QUEUE = 'jixiao-jobs';
/** One waiting message per job; see the top of this file. */
const POLICY = 'short';
/** How often a process looks for jobs nobody runs. */
const RECOVER_MS = 15_000;

/**
 * pg-boss's tables: `<schema>_queue` (or `jixiao_queue`). Not `<schema>_boss`/`pgboss`, where
 * pg-boss 10 kept them: pg-boss 12 cannot upgrade that schema (it starts from pg-boss 11's), and
 * `pgboss` may be another application's. The old schema holds nothing a job needs (the jobs
 * tables do, and every process queues again what is queued or orphaned), so it is left for the
 * administrator to drop (docs/deployment.md).
 */
export function queueSchema(schema: string | undefined): string {
  return schema ? `${schema}_queue` : 'jixiao_queue';
}

/** This process, in the jobs' `locked_by`. */
const runnerId = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly waiting: string[] = [];
  private running: Promise<void> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly id = runnerId();

  constructor(private readonly store: Store) {}

  async enqueue(jobId: string): Promise<void> {
    if (!this.waiting.includes(jobId)) this.waiting.push(jobId);
    this.drain();
  }

  private drain(): void {
    if (this.running || this.stopping) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.running = runJob(this.store.db, next, { id: this.id, shouldStop: () => this.stopping })
      .then(() => undefined, () => undefined)
      .finally(() => {
        this.running = null;
        this.drain();
      });
  }

  async start(): Promise<void> {
    const recover = async () => {
      for (const id of await orphanedJobs(this.store.db).catch(() => [])) await this.enqueue(id);
    };
    await recover();
    this.timer = setInterval(() => void recover(), RECOVER_MS);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly id = runnerId();
  private readonly inHand = new Set<Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly connection: { url: string; schema: string | undefined },
    /** False: only sends jobs, for a process that leaves the running to the servers (a benchmark, a script). */
    private readonly work = true,
  ) {
    this.boss = new PgBoss({ connectionString: connection.url, schema: queueSchema(connection.schema), max: 4, application_name: 'jixiao-jobs' });
    this.boss.on('error', (error) => process.stderr.write(`jixiao: job queue: ${error instanceof Error ? error.message : String(error)}\n`));
  }

  async enqueue(jobId: string): Promise<void> {
    // One waiting message per job at most (keyed by the job): sending again while one waits does nothing.
    await this.boss.send(QUEUE, { jobId }, { singletonKey: jobId, retryLimit: 3, retryDelay: 5 });
  }

  async start(): Promise<void> {
    // pg-boss installs its schema on first start; several processes starting together would deadlock
    // doing it at once, so they take turns under an advisory lock.
    const client = new pg.Client({ connectionString: this.connection.url });
    await client.connect();
    const key = `jixiao-boss:${this.connection.schema ?? 'public'}`;
    try {
      await client.query('select pg_advisory_lock(hashtext($1))', [key]);
      await this.boss.start();
      // A queue's policy cannot be changed: one made with another (by an earlier version) is made again;
      // its messages are only wake-ups, and the recovery below sends them again.
      const existing = await this.boss.getQueue(QUEUE);
      if (existing && existing.policy !== POLICY) await this.boss.deleteQueue(QUEUE);
      if (!existing || existing.policy !== POLICY) await this.boss.createQueue(QUEUE, { policy: POLICY });
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
      await client.end().catch(() => undefined);
    }
    if (!this.work) return;
    await this.boss.work<{ jobId: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job || this.stopping) return;
      const run = runJob(this.store.db, job.data.jobId, { id: this.id, shouldStop: () => this.stopping });
      this.inHand.add(run);
      try {
        await run;
      } finally {
        this.inHand.delete(run);
      }
    });
    const recover = async () => {
      for (const id of await orphanedJobs(this.store.db).catch(() => [])) await this.enqueue(id).catch(() => undefined);
    };
    this.timer = setInterval(() => void recover(), RECOVER_MS);
    await recover();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.inHand]);
    await this.boss.stop({ graceful: true, timeout: 5000 });
  }
}

/**
 * The queue for a store: pg-boss on a PostgreSQL server, in this process on the embedded store.
 * `work: false` (PostgreSQL only) sends jobs for the server processes to run.
 */
export function jobQueueFor(store: Store, options: { work?: boolean } = {}): JobQueue {
  return store.kind === 'postgres' && store.connection ? new PgBossQueue(store, store.connection, options.work ?? true) : new InProcessQueue(store);
}
