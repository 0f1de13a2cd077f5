/** `jixiao serve`, `jixiao db …`, `jixiao user add`, `jixiao audit verify`: the server's command line. */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Role } from '../core/policy.ts';
import { verifyAudit } from '../store/auditLog.ts';
import { BackupError, readBackup, restoreBackup, writeBackup } from '../store/backup.ts';
import { openStore, StoreOpenError, type Store } from '../store/openStore.ts';
import { createUser } from '../server/services/accounts.ts';
import { WeakDemoPasswordError } from '../server/demo.ts';
import { serve, ServeRefusal, storeOptionsFrom } from '../server/serve.ts';
import { CliError } from './cliError.ts';

/** Data directory and port from options, then the environment, then defaults. */
export function dataDirOf(option: string | undefined): string {
  return option ?? process.env.JIXIAO_DATA ?? './data';
}

/** Opens the store for a command; only commands that make a store (`db migrate`, `db restore`) create a missing directory. */
export async function withStore<T>(dataDir: string, work: (store: Store) => Promise<T>, create = false): Promise<T> {
  let store: Store;
  try {
    store = await openStore(storeOptionsFrom(dataDir, process.env.DATABASE_URL, create));
  } catch (error) {
    if (error instanceof StoreOpenError) throw new CliError(error.zh, error.en);
    throw error;
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export async function runServe(options: { port: number; host: string; data?: string; demo: boolean; create?: boolean; secureCookies?: 'auto' | 'always' | 'never'; trustProxy?: string }): Promise<void> {
  try {
    await serve({
      // A demo makes its store; otherwise a missing data directory is a mistyped path unless --create says otherwise.
      store: storeOptionsFrom(dataDirOf(options.data), process.env.DATABASE_URL, options.demo || options.create === true),
      port: options.port,
      host: options.host,
      demo: options.demo,
      logger: true,
      secureCookies: options.secureCookies === 'always' ? true : options.secureCookies === 'never' ? false : 'auto',
      ...(options.trustProxy !== undefined ? { trustProxy: /^\d+$/.test(options.trustProxy) ? Number(options.trustProxy) : options.trustProxy === 'true' ? true : options.trustProxy } : {}),
    });
  } catch (error) {
    if (error instanceof StoreOpenError || error instanceof ServeRefusal || error instanceof WeakDemoPasswordError) throw new CliError(error.zh, error.en);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`端口 ${options.port} 已被占用`, `port ${options.port} is in use`);
    throw error;
  }
}

export async function runMigrate(options: { data?: string }): Promise<void> {
  await withStore(
    dataDirOf(options.data),
    async (store) => {
      const applied = await store.migrate();
      process.stdout.write(applied.length > 0 ? `applied migrations ${applied.join(', ')} to ${store.location}\n` : `${store.location} is up to date\n`);
    },
    true,
  );
}

export async function runUserAdd(options: { data?: string; username: string; name: string; role: Role; department?: string; region?: string; password?: string }): Promise<void> {
  const password = options.password ?? process.env.JIXIAO_PASSWORD;
  if (!password) throw new CliError('请用 --password 或环境变量 JIXIAO_PASSWORD 给出密码', 'give a password with --password or JIXIAO_PASSWORD');
  await withStore(dataDirOf(options.data), async (store) => {
    await store.migrate();
    try {
      const user = await store.db.transaction().execute((trx) =>
        createUser(trx, null, { username: options.username, displayName: options.name, password, role: options.role, departmentId: options.department ?? null, regionId: options.region ?? null }),
      );
      process.stdout.write(`created ${user.role} ${user.username} (${user.id})\n`);
    } catch (error) {
      const e = error as { zh?: string; en?: string };
      if (e.zh && e.en) throw new CliError(e.zh, e.en);
      throw error;
    }
  });
}

/** Writes to a file that takes its name only when complete: a failed backup never leaves a half file under the name asked for. */
async function writeWhole(file: string, fill: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  try {
    await fill(out);
    // A pipeline has ended (and maybe finished) the file already; waiting for a 'finish' that came would wait forever.
    if (!out.writableFinished) {
      const finished = once(out, 'finish');
      if (!out.writableEnded) out.end();
      await finished;
    }
    renameSync(partial, file);
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw error;
  }
}

export async function runBackup(file: string, options: { data?: string; server?: string; token?: string }): Promise<void> {
  let rows = 0;
  if (options.server) {
    const token = options.token ?? process.env.JIXIAO_TOKEN;
    if (!token) throw new CliError('从运行中的服务器备份需要管理员 API 令牌（--token 或 JIXIAO_TOKEN）', 'backing up a running server needs an admin API token (--token or JIXIAO_TOKEN)');
    const response = await fetch(new URL('/api/v1/admin/backup', options.server), { headers: { authorization: `Bearer ${token}` } }).catch((error: unknown) => {
      throw new CliError(`无法连接 ${options.server}：${String(error)}`, `cannot reach ${options.server}: ${String(error)}`);
    });
    if (!response.ok || !response.body) throw new CliError(`服务器拒绝备份（HTTP ${response.status}）`, `the server refused the backup (HTTP ${response.status})`);
    const body = response.body;
    await writeWhole(file, (out) => pipeline(Readable.fromWeb(body as WebReadableStream), out));
    // What arrived is read back whole: a connection lost half-way leaves no end line.
    try {
      for await (const item of readBackup(createReadStream(file))) if (item.kind === 'row') rows++;
    } catch (error) {
      rmSync(file, { force: true });
      if (error instanceof BackupError) throw new CliError(`备份不完整（第 ${error.line} 行：${error.problem}），已删除`, `the backup is incomplete (line ${error.line}: ${error.problem}); removed`);
      throw error;
    }
  } else {
    await withStore(dataDirOf(options.data), async (store) => {
      await writeWhole(file, async (out) => {
        const counts = await writeBackup(store.db, async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain');
        });
        rows = Object.values(counts).reduce((n, c) => n + c, 0);
      });
    });
  }
  process.stdout.write(`wrote ${file}: ${rows} rows\n`);
}

export async function runRestore(file: string, options: { data?: string }): Promise<void> {
  if (!existsSync(file)) throw new CliError(`${file}：文件不存在`, `${file}: no such file`);
  await withStore(
    dataDirOf(options.data),
    async (store) => {
      await store.migrate();
      try {
        const counts = await restoreBackup(store.db, createReadStream(file));
        await store.maintain();
        process.stdout.write(`restored ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
      } catch (error) {
        if (error instanceof BackupError) {
          throw new CliError(`${file}：第 ${error.line} 行：不是可恢复的备份（${error.problem}）；数据库未被改动`, `${file}: line ${error.line}: not a backup that can be restored (${error.problem}); the store was not changed`);
        }
        throw error;
      }
    },
    true,
  );
}

/** `jixiao audit verify`: exit 0 when the chain is intact, 1 when it is broken. */
export async function runAuditVerify(options: { data?: string }): Promise<number> {
  return withStore(dataDirOf(options.data), async (store) => {
    const result = await verifyAudit(store.db);
    if (result.ok) {
      process.stdout.write(`audit log intact: ${result.entries} entries\n`);
      return 0;
    }
    process.stdout.write(`audit log BROKEN at entry ${result.brokenAt} (${result.reason}); ${result.entries} entries\n`);
    return 1;
  });
}
