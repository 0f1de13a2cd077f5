/**
 * Opens the store: the embedded PostgreSQL (PGlite, persisted to a data directory) by default, or a
 * PostgreSQL server when a URL is given. Both speak the same SQL through the same Kysely dialect.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations.ts';
import type { Database } from './schema.ts';

/** An open store. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: 'embedded' | 'postgres';
  /** Where the data lives, for messages (a directory, or the URL without its password). */
  readonly location: string;
  /** Applies pending migrations; returns their numbers. */
  migrate(): Promise<number[]>;
  /** Reclaims space and refreshes planner statistics (PGlite has no autovacuum). */
  maintain(): Promise<void>;
  close(): Promise<void>;
  /**
   * PostgreSQL server only: listens on a notification channel over a connection of its own,
   * reconnecting when it is lost. `onListening(false)` says notifications may have been missed.
   * Resolves with a function that stops listening.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onListening: (listening: boolean) => void): Promise<() => Promise<void>>;
  /** PostgreSQL server only: how to connect again (the job queue keeps its own connections). */
  readonly connection?: { readonly url: string; readonly schema: string | undefined };
  /** Embedded store only: its data directory as a tarball, which the `from` option opens copies of. */
  dump?(): Promise<Blob>;
}

/**
 * Migrates a PostgreSQL schema under an advisory lock held on a connection of its own, so that several
 * server processes of a new version started together migrate once: the others wait, then find it done.
 */
async function migrateLocked(url: string, schema: string | undefined, db: Kysely<Database>): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const key = `jixiao-migrate:${schema ?? 'public'}`;
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [key]);
    return await migrateToLatest(db);
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** How to open a store. */
export type StoreOptions =
  | {
      readonly kind: 'embedded';
      readonly dataDir: string;
      /** Make the data directory when it does not exist (default). False: a missing directory is an error, so a mistyped path is not a new empty store. */
      readonly create?: boolean;
      /** memory:// only: start from a copy of a store's `dump()` (the tests' templates) instead of a new database. */
      readonly from?: Blob;
    }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string };

/** Why the store could not be opened, said to the user. */
export class StoreOpenError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'StoreOpenError';
  }
}

const LOCK_FILE = 'jixiao.lock';

/**
 * Takes the data directory's lock: PGlite has no lock between processes, and two processes on one
 * directory silently lose commits. A lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new StoreOpenError(
          `数据目录 ${dataDir} 正被进程 ${pid} 使用（如正在运行的 jixiao serve）。请先停止它，或通过它的 API 操作。`,
          `the data directory ${dataDir} is in use by process ${pid} (a running jixiao serve?). Stop it first, or work through its API.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new StoreOpenError(`无法锁定数据目录 ${dataDir}`, `cannot lock the data directory ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** LISTEN on a channel over its own connection; on loss, says so and reconnects (1 s, 2 s, … 10 s apart). */
async function listenOn(url: string, channel: string, onMessage: (payload: string) => void, onListening: (listening: boolean) => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = 1000;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    const lost = () => {
      if (client !== next) return;
      client = null;
      onListening(false);
      next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), delay);
      delay = Math.min(delay * 2, 10_000);
    };
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    client = next;
    try {
      await next.connect();
      await next.query(`listen "${channel.replace(/"/g, '')}"`);
    } catch {
      lost();
      return;
    }
    if (stopped) return;
    delay = 1000;
    onListening(true);
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const current = client;
    client = null;
    onListening(false);
    await current?.end().catch(() => undefined);
  };
}

/** Opens (and for the embedded store, creates) a store. Does not migrate: call `migrate()`. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.kind === 'postgres') {
    if (options.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.schema)) {
      throw new StoreOpenError(`数据库 schema 名「${options.schema}」不可用：只能含字母、数字和下划线`, `the schema name "${options.schema}" cannot be used: letters, digits and _ only`);
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    try {
      const client = await pool.connect();
      try {
        if (options.schema) await client.query(`create schema if not exists "${options.schema.replace(/"/g, '')}"`);
      } catch (error) {
        // Another process made the schema at the same moment (PostgreSQL reports the race as a duplicate).
        if ((error as { code?: string }).code !== '23505') throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      const detail = error instanceof Error ? error.message : String(error);
      throw new StoreOpenError(`无法连接 PostgreSQL（${redact(options.url)}）：${detail}`, `cannot connect to PostgreSQL at ${redact(options.url)}: ${detail}`);
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      location: redact(options.url),
      migrate: () => migrateLocked(options.url, options.schema, db),
      // The store's own tables only: a bare `analyze` reads every schema of the database (other
      // stores sharing the server, every test file's schema) and waits on their locks.
      maintain: async () => {
        const { rows } = await sql<{ name: string }>`select quote_ident(schemaname) || '.' || quote_ident(tablename) as name from pg_tables where schemaname = current_schema()`.execute(db);
        if (rows.length > 0) await sql`analyze ${sql.raw(rows.map((r) => r.name).join(', '))}`.execute(db);
      },
      close: () => db.destroy(),
      listen: (channel, onMessage, onListening) => listenOn(options.url, channel, onMessage, onListening),
      connection: { url: options.url, schema: options.schema },
    };
  }

  const inMemory = options.dataDir.startsWith('memory://');
  let unlock: () => void = () => undefined;
  if (!inMemory && options.create === false && !existsSync(join(options.dataDir, 'pgdata'))) {
    throw new StoreOpenError(
      existsSync(options.dataDir)
        ? `${options.dataDir} 不是 Jixiao 的数据目录（其中没有 pgdata）。请检查路径；新建数据库用 jixiao db migrate --data ${options.dataDir}`
        : `数据目录 ${options.dataDir} 不存在。请检查路径；新建数据库用 jixiao db migrate --data ${options.dataDir}，或 serve 加 --create`,
      existsSync(options.dataDir)
        ? `${options.dataDir} is not a Jixiao data directory (it holds no pgdata). Check the path; to make a new store, run jixiao db migrate --data ${options.dataDir}`
        : `the data directory ${options.dataDir} does not exist. Check the path; to make a new store, run jixiao db migrate --data ${options.dataDir}, or serve with --create`,
    );
  }
  if (!inMemory) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = inMemory ? await PGlite.create(options.dataDir, options.from ? { loadDataDir: options.from } : {}) : await PGlite.create(join(options.dataDir, 'pgdata'));
  } catch (error) {
    unlock();
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreOpenError(`无法打开数据目录 ${options.dataDir}：${detail}`, `cannot open the data directory ${options.dataDir}: ${detail}`);
  }
  const pool = new pg.Pool(createPgConfig(pglite));
  // PGlite runs each query on this thread, and the pool hands its one connection to the next waiting
  // query at once: under load, queries ran back to back and held the event loop for hundreds of
  // milliseconds. Yielding once per acquired connection lets timers and sockets run in between.
  const yieldingPool = {
    connect: async () => {
      const client = await pool.connect();
      await new Promise<void>((resolve) => setImmediate(resolve));
      return client;
    },
    end: () => pool.end(),
    // Kysely 0.29 reads the pool's options (for the connection it cancels queries with).
    options: pool.options,
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: yieldingPool }) });
  return {
    db,
    kind: 'embedded',
    location: options.dataDir,
    migrate: () => migrateToLatest(db),
    maintain: async () => void (await sql`vacuum analyze`.execute(db)),
    close: async () => {
      await db.destroy();
      await pglite.close();
      unlock();
    },
    dump: () => pglite.dumpDataDir('none'),
  };
}
