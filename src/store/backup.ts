/**
 * Logical backups: every table as JSON rows, read in one repeatable-read transaction (a consistent
 * copy while the server runs), restored in one transaction (all or nothing). The same format for
 * the embedded store and PostgreSQL, so a backup moves data between them.
 */
import { sql, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations.ts';
import type { Database } from './schema.ts';

/** Tables in an order that satisfies foreign keys on restore (sessions are not kept: sign in again). */
const TABLES = ['regions', 'departments', 'users', 'api_tokens', 'declarations', 'declaration_versions', 'review_comments', 'audit_log'] as const;
type TableName = (typeof TABLES)[number];

export interface Backup {
  format: 'jixiao-backup';
  schemaVersion: number;
  createdAt: string;
  tables: Record<TableName, Array<Record<string, unknown>>>;
}

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));

/** Reads the whole store consistently. */
export async function exportBackup(db: Kysely<Database>): Promise<Backup> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tables = {} as Backup['tables'];
    for (const table of TABLES) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(trx);
      tables[table] = rows.rows;
    }
    tables.audit_log.sort((a, b) => Number(a.seq) - Number(b.seq));
    return { format: 'jixiao-backup', schemaVersion: LATEST, createdAt: new Date().toISOString(), tables };
  });
}

/** Why a file is not a backup this version can restore. */
export function backupProblem(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return 'not a JSON object';
  const backup = data as Partial<Backup>;
  if (backup.format !== 'jixiao-backup') return 'not a Jixiao backup (format field missing)';
  if (backup.schemaVersion !== LATEST) return `made by schema version ${String(backup.schemaVersion)}, this Jixiao is at ${LATEST}`;
  for (const table of TABLES) if (!Array.isArray(backup.tables?.[table])) return `table ${table} missing`;
  return null;
}

/** Parents before children, for the self-referencing regions table. */
function regionsInOrder(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const ordered: Array<Record<string, unknown>> = [];
  const placed = new Set<unknown>([null]);
  let remaining = rows;
  while (remaining.length > 0) {
    const ready = remaining.filter((r) => placed.has(r.parent_id ?? null));
    if (ready.length === 0) throw new Error('regions form a cycle');
    for (const r of ready) {
      ordered.push(r);
      placed.add(r.id);
    }
    remaining = remaining.filter((r) => !ready.includes(r));
  }
  return ordered;
}

/** Replaces the whole store with a backup, in one transaction. */
export async function restoreBackup(db: Kysely<Database>, backup: Backup): Promise<Record<TableName, number>> {
  return db.transaction().execute(async (trx) => {
    await sql`delete from sessions`.execute(trx);
    for (const table of [...TABLES].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
    const counts = {} as Record<TableName, number>;
    for (const table of TABLES) {
      const rows = table === 'regions' ? regionsInOrder(backup.tables.regions) : backup.tables[table];
      for (let i = 0; i < rows.length; i += 200) {
        const chunk = rows.slice(i, i + 200).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v])));
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are untyped backup data, one table at a time
        if (chunk.length > 0) await trx.insertInto(table).values(chunk as any).execute();
      }
      counts[table] = rows.length;
    }
    await sql`select setval(pg_get_serial_sequence('audit_log', 'seq'), coalesce((select max(seq) from audit_log), 0) + 1, false)`.execute(trx);
    return counts;
  });
}
