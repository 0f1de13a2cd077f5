/** `jixiao serve`, `jixiao db …`, `jixiao user add`, `jixiao audit verify`: the server's command line. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Role } from '../core/policy.ts';
import { verifyAudit } from '../store/auditLog.ts';
import { backupProblem, exportBackup, restoreBackup, type Backup } from '../store/backup.ts';
import { openStore, StoreOpenError, type Store } from '../store/openStore.ts';
import { createUser } from '../server/services/accounts.ts';
import { serve, storeOptionsFrom } from '../server/serve.ts';
import { CliError } from './cliError.ts';

/** Data directory and port from options, then the environment, then defaults. */
export function dataDirOf(option: string | undefined): string {
  return option ?? process.env.JIXIAO_DATA ?? './data';
}

async function withStore<T>(dataDir: string, work: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(storeOptionsFrom(dataDir));
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

export async function runServe(options: { port: number; host: string; data?: string; demo: boolean }): Promise<void> {
  try {
    await serve({ store: storeOptionsFrom(dataDirOf(options.data)), port: options.port, host: options.host, demo: options.demo, logger: true });
  } catch (error) {
    if (error instanceof StoreOpenError) throw new CliError(error.zh, error.en);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`端口 ${options.port} 已被占用`, `port ${options.port} is in use`);
    throw error;
  }
}

export async function runMigrate(options: { data?: string }): Promise<void> {
  await withStore(dataDirOf(options.data), async (store) => {
    const applied = await store.migrate();
    process.stdout.write(applied.length > 0 ? `applied migrations ${applied.join(', ')} to ${store.location}\n` : `${store.location} is up to date\n`);
  });
}

export async function runUserAdd(options: { data?: string; username: string; name: string; role: Role; department?: string; region?: string; password?: string }): Promise<void> {
  const password = options.password ?? process.env.JIXIAO_PASSWORD;
  if (!password || password.length < 10) throw new CliError('请用 --password 或环境变量 JIXIAO_PASSWORD 给出至少 10 位的密码', 'give a password of at least 10 characters with --password or JIXIAO_PASSWORD');
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

export async function runBackup(file: string, options: { data?: string; server?: string; token?: string }): Promise<void> {
  let backup: Backup;
  if (options.server) {
    const token = options.token ?? process.env.JIXIAO_TOKEN;
    if (!token) throw new CliError('从运行中的服务器备份需要管理员 API 令牌（--token 或 JIXIAO_TOKEN）', 'backing up a running server needs an admin API token (--token or JIXIAO_TOKEN)');
    const response = await fetch(new URL('/api/v1/admin/backup', options.server), { headers: { authorization: `Bearer ${token}` } }).catch((error: unknown) => {
      throw new CliError(`无法连接 ${options.server}：${String(error)}`, `cannot reach ${options.server}: ${String(error)}`);
    });
    if (!response.ok) throw new CliError(`服务器拒绝备份（HTTP ${response.status}）`, `the server refused the backup (HTTP ${response.status})`);
    backup = (await response.json()) as Backup;
  } else {
    backup = await withStore(dataDirOf(options.data), (store) => exportBackup(store.db));
  }
  writeFileSync(file, JSON.stringify(backup));
  const rows = Object.values(backup.tables).reduce((n, t) => n + t.length, 0);
  process.stdout.write(`wrote ${file}: ${rows} rows from ${Object.keys(backup.tables).length} tables\n`);
}

export async function runRestore(file: string, options: { data?: string }): Promise<void> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${file}：无法读取备份（${String(error)}）`, `${file}: cannot read the backup (${String(error)})`);
  }
  const problem = backupProblem(data);
  if (problem) throw new CliError(`${file}：不是可恢复的备份（${problem}）`, `${file}: not a backup that can be restored (${problem})`);
  await withStore(dataDirOf(options.data), async (store) => {
    await store.migrate();
    const counts = await restoreBackup(store.db, data as Backup);
    await store.maintain();
    process.stdout.write(`restored ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
  });
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
