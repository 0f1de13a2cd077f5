/**
 * Logical backups: every table as JSON rows, read in one repeatable-read transaction (a consistent
 * copy while the server runs), restored in one transaction (all or nothing). The same format for
 * the embedded store and PostgreSQL, so a backup moves data between them.
 *
 * The file is JSON Lines, written and read as a stream, so a backup of any size never becomes one
 * string (V8 caps a string at about 512 MB): a header line, one line per row (`{"t":table,"r":row}`),
 * and an end line with the row counts, without which the file is known to be cut short. Backups of
 * the first format (one JSON document) are still read.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { sql, type Kysely, type Transaction } from 'kysely';
import { refreshAllDepartmentYears } from './departmentYearSummary.ts';
import { refreshAllYearOverviews } from './departmentYearOverview.ts';
import { yearOverviewKinds } from '../kinds/registry.ts';
import { BACKUP_UPGRADE_FROM, backupUpgrader } from './backupUpgrade.ts';
import { backfillSearchTokens } from './searchTokens.ts';
import { MIGRATIONS } from './migrations.ts';
import type { Database } from './schema.ts';

/**
 * Tables in an order that satisfies foreign keys on restore: every table of the schema, but those of
 * {@link NOT_BACKED_UP}. A test fails when a table is in neither list.
 */
export const TABLES = ['regions', 'departments', 'users', 'api_tokens', 'documents', 'document_versions', 'document_comments', 'document_reviews', 'document_assignments', 'assessment_templates', 'assessment_samples', 'department_year_figures', 'assessment_files', 'assessment_file_chunks', 'disclosure_reasons', 'audit_log', 'indicator_library', 'indicator_uses', 'indicator_library_state', 'monitoring_rounds', 'notifications', 'notification_deliveries', 'declaration_findings', 'declaration_budget_lines', 'jobs', 'job_items', 'result_rules', 'result_exceptions', 'result_approvals'] as const;
type TableName = (typeof TABLES)[number];

/** The tables a backup leaves out, and why. */
export const NOT_BACKED_UP: Readonly<Record<string, string>> = {
  sessions: 'sign-ins belong to the store being replaced: everyone signs in again',
  department_year_forms: 'sums of what is restored, made again by the restore',
  department_year_findings: 'sums of what is restored, made again by the restore',
  department_year_lines: 'sums of what is restored, made again by the restore',
  department_year_overview: 'sums of what is restored, made again by the restore',
  schema_migrations: 'the schema version is in the header; the restoring store has its own',
};

/** Columns of bytes (bytea), written as base64 text: JSON has no bytes. */
const BYTES: Partial<Record<TableName, readonly string[]>> = { jobs: ['output'], job_items: ['data'], assessment_file_chunks: ['data'] };

/** The order rows are read in: parents before children for regions, the chain's order for the audit log. */
const ORDER: Record<TableName, string> = {
  regions: 'id',
  departments: 'id',
  users: 'id',
  api_tokens: 'id',
  documents: 'id',
  document_versions: 'document_id, version',
  document_comments: 'id',
  document_reviews: 'id',
  document_assignments: 'document_id, user_id',
  assessment_templates: 'id',
  assessment_samples: 'id',
  department_year_figures: 'department_id, year',
  assessment_files: 'id',
  assessment_file_chunks: 'file_id, seq',
  disclosure_reasons: 'document_id',
  audit_log: 'seq',
  // Entries merged into another come after it (null first): the reference is restored in order.
  indicator_library: 'merged_into nulls first, id',
  indicator_uses: 'entry_id, declaration_id, annual_target',
  indicator_library_state: 'id',
  monitoring_rounds: 'id',
  notifications: 'id',
  notification_deliveries: 'id',
  declaration_findings: 'declaration_id, family, severity',
  declaration_budget_lines: 'declaration_id, line',
  jobs: 'id',
  job_items: 'job_id, seq',
  result_rules: 'id',
  result_exceptions: 'id',
  result_approvals: 'id',
};


let latest = 0;
for (const m of MIGRATIONS) latest = Math.max(latest, m.version);
const LATEST = latest;

/** The first line of a backup. */
export interface BackupHeader {
  format: 'jixiao-backup';
  /** 2: JSON Lines. */
  layout: 2;
  schemaVersion: number;
  createdAt: string;
}

/** The whole store in the first format (one JSON document), still accepted by restore. */
export interface LegacyBackup {
  format: 'jixiao-backup';
  schemaVersion: number;
  createdAt: string;
  tables: Partial<Record<string, Array<Record<string, unknown>>>>;
}

/** Rows read from the database a cursor fetch at a time. */
const FETCH = 500;

/**
 * Writes a consistent backup through `write` (each call one or more whole lines), table by table
 * through cursors, so memory holds one batch of rows, never the store. Returns the row counts.
 */
export async function writeBackup(db: Kysely<Database>, write: (chunk: string) => Promise<void> | void): Promise<Record<TableName, number>> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const header: BackupHeader = { format: 'jixiao-backup', layout: 2, schemaVersion: LATEST, createdAt: new Date().toISOString() };
    await write(`${JSON.stringify(header)}\n`);
    const counts = {} as Record<TableName, number>;
    for (const table of TABLES) {
      counts[table] = 0;
      const bytes = BYTES[table] ?? [];
      for await (const rows of tableRows(trx, table)) {
        await write(rows.map((row) => `${JSON.stringify({ t: table, r: bytes.length > 0 ? withBase64(row, bytes) : row })}\n`).join(''));
        counts[table] += rows.length;
      }
    }
    await write(`${JSON.stringify({ end: true, rows: counts })}\n`);
    return counts;
  });
}

/** A row with its byte columns as base64 text. */
function withBase64(row: Record<string, unknown>, columns: readonly string[]): Record<string, unknown> {
  const copy = { ...row };
  for (const column of columns) {
    const value = copy[column];
    if (value instanceof Uint8Array) copy[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  }
  return copy;
}

async function* tableRows(trx: Transaction<Database>, table: TableName): AsyncGenerator<Array<Record<string, unknown>>> {
  if (table === 'regions') {
    // Few rows, and parents must come before children.
    const rows = await sql<Record<string, unknown>>`select * from regions`.execute(trx);
    yield regionsInOrder(rows.rows);
    return;
  }
  const cursor = `backup_${table}`;
  await sql.raw(`declare ${cursor} no scroll cursor for select * from ${table} order by ${ORDER[table]}`).execute(trx);
  for (;;) {
    const batch = await sql.raw<Record<string, unknown>>(`fetch ${FETCH} from ${cursor}`).execute(trx);
    if (batch.rows.length > 0) yield batch.rows;
    if (batch.rows.length < FETCH) break;
  }
  await sql.raw(`close ${cursor}`).execute(trx);
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

/** What a restored backup of an older schema needs besides its rows: the titles of the reports and evaluations made documents (from their versions). */
async function finishUpgrade(trx: Transaction<Database>): Promise<void> {
  await sql`update documents d set title = v.content->>'title' from document_versions v where v.document_id = d.id and v.version = d.current_version and d.title is null and d.kind in ('monitoring-report', 'self-evaluation')`.execute(trx);
  // Their index terms, as migrations 9 and 10 give every document.
  await backfillSearchTokens(trx, 'documents', sql`and search_tokens = ''::tsvector`);
}

/** Why a backup cannot be restored, naming the line. */
export class BackupError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'BackupError';
  }
}

/** One item of a backup being read: its header, a row of a table, or its end. */
type BackupItem = { kind: 'header'; header: BackupHeader } | { kind: 'row'; table: TableName; row: Record<string, unknown>; line: number } | { kind: 'end'; rows: Record<string, number>; line: number };

const isTable = (t: unknown): t is TableName => typeof t === 'string' && (TABLES as readonly string[]).includes(t);

/** Reads a backup line by line, checking as it goes; a file cut short or of another version is a {@link BackupError}. */
export async function* readBackup(input: Readable): AsyncGenerator<BackupItem> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  let ended = false;
  // Rows of an older schema become the rows of today's (a report of version 9 becomes a document).
  let upgrader = backupUpgrader(LATEST);
  const upgrade = (table: string, row: Record<string, unknown>, line: number): Array<Extract<BackupItem, { kind: 'row' }>> =>
    upgrader({ table, row }).map((r) => {
      if (!isTable(r.table)) throw new BackupError(line, `not a row of a known table (${table})`);
      return { kind: 'row' as const, table: r.table, row: r.row, line };
    });
  for await (const text of lines) {
    number++;
    if (text.trim() === '') continue;
    if (ended) throw new BackupError(number, 'text after the end of the backup');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new BackupError(number, 'not JSON');
    }
    const item = value as Record<string, unknown>;
    if (number === 1) {
      if (item.format !== 'jixiao-backup') throw new BackupError(1, 'not a Jixiao backup (format field missing)');
      if (typeof item.schemaVersion !== 'number' || item.schemaVersion > LATEST || item.schemaVersion < BACKUP_UPGRADE_FROM) {
        throw new BackupError(1, `made by schema version ${String(item.schemaVersion)}; this Jixiao is at ${LATEST} and restores backups of versions ${BACKUP_UPGRADE_FROM} to ${LATEST}`);
      }
      upgrader = backupUpgrader(item.schemaVersion);
      if (item.layout === undefined && item.tables && typeof item.tables === 'object') {
        // The first format: the whole backup in this one line.
        const legacy = item as unknown as LegacyBackup;
        yield { kind: 'header', header: { format: 'jixiao-backup', layout: 2, schemaVersion: legacy.schemaVersion, createdAt: legacy.createdAt } };
        for (const [table, list] of Object.entries(legacy.tables)) {
          for (const row of table === 'regions' ? regionsInOrder(list ?? []) : (list ?? [])) yield* upgrade(table, row, 1);
        }
        yield { kind: 'end', rows: {}, line: 1 };
        ended = true;
        continue;
      }
      if (item.layout !== 2) throw new BackupError(1, `unknown backup layout ${String(item.layout)}`);
      yield { kind: 'header', header: item as unknown as BackupHeader };
      continue;
    }
    if (item.end === true) {
      yield { kind: 'end', rows: (item.rows ?? {}) as Record<string, number>, line: number };
      ended = true;
      continue;
    }
    if (typeof item.t !== 'string' || item.r === null || typeof item.r !== 'object') throw new BackupError(number, 'not a row of a table');
    yield* upgrade(item.t, item.r as Record<string, unknown>, number);
  }
  if (number === 0) throw new BackupError(0, 'the file is empty');
  if (!ended) throw new BackupError(number, 'the backup is cut short (no end line): it was not written completely');
}

/**
 * Replaces the whole store with a backup, in one transaction: a backup that turns out to be cut
 * short or damaged half-way leaves the store as it was.
 */
export async function restoreBackup(db: Kysely<Database>, input: Readable): Promise<Record<TableName, number>> {
  return db.transaction().execute(async (trx) => {
    let sameVersion = true;
    // Sessions are not backed up: they belong to the store being replaced.
    await sql`delete from sessions`.execute(trx);
    // The sums of each department's year are made again from what is restored.
    await sql`delete from department_year_forms`.execute(trx);
    await sql`delete from department_year_findings`.execute(trx);
    await sql`delete from department_year_lines`.execute(trx);
    await sql`delete from department_year_overview`.execute(trx);
    for (const table of [...TABLES].reverse()) await sql`delete from ${sql.table(table)}`.execute(trx);
    const counts = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<TableName, number>;
    let pending: { table: TableName; rows: Array<Record<string, unknown>> } | null = null;
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      const bytes = BYTES[pending.table] ?? [];
      // Byte columns from their base64; any other object is JSON (jsonb).
      const chunk = pending.rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, bytes.includes(k) && typeof v === 'string' ? Buffer.from(v, 'base64') : v !== null && typeof v === 'object' ? JSON.stringify(v) : v])));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are untyped backup data, one table at a time
      await trx.insertInto(pending.table).values(chunk as any).execute();
      pending = null;
    };
    for await (const item of readBackup(input)) {
      if (item.kind === 'header') sameVersion = item.header.schemaVersion === LATEST;
      if (item.kind === 'row') {
        if (pending && (pending.table !== item.table || pending.rows.length >= 200)) await flush();
        pending ??= { table: item.table, rows: [] };
        pending.rows.push(item.row);
        counts[item.table]++;
      } else if (item.kind === 'end') {
        await flush();
        // An older backup's counts are by its own tables; rows were checked as they were read.
        for (const table of sameVersion ? TABLES : []) {
          const expected = item.rows[table];
          if (expected !== undefined && expected !== counts[table]) throw new BackupError(item.line, `${table}: the end line says ${expected} rows, the file holds ${counts[table]}`);
        }
      }
    }
    await sql`select setval(pg_get_serial_sequence('audit_log', 'seq'), coalesce((select max(seq) from audit_log), 0) + 1, false)`.execute(trx);
    if (!sameVersion) await finishUpgrade(trx);
    // What was notified before the backup is not sent again by e-mail or webhook: deliveries still
    // waiting are let go (the old store may have sent them after the backup).
    await sql`update notifications set fanned_out = true`.execute(trx);
    await sql`update notification_deliveries set state = 'skipped', locked_until = null, last_error = 'restored from a backup: not sent again' where state in ('pending', 'sending')`.execute(trx);
    // Jobs queued or running at backup time run again from their next item: no runner of the old
    // store holds them any more, so every process's look for jobs nobody runs takes them up at once.
    await sql`update jobs set locked_by = null, locked_until = null where state in ('queued', 'running')`.execute(trx);
    await refreshAllDepartmentYears(trx);
    await refreshAllYearOverviews(trx, yearOverviewKinds());
    return counts;
  });
}
