/**
 * The append-only audit log. Each entry carries the hash of the one before it, so that editing or
 * deleting any entry breaks the chain and `jixiao audit verify` finds where.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { AuditLogTable, Database } from './schema.ts';

/** What happened, as the caller describes it. */
export interface AuditEvent {
  readonly actorId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly fromVersion?: number | null;
  readonly toVersion?: number | null;
  readonly detail?: Record<string, unknown>;
}

/** An entry as stored. */
export interface AuditEntry {
  readonly seq: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly fromVersion: number | null;
  readonly toVersion: number | null;
  readonly detail: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

const GENESIS = '0'.repeat(64);

/** JSON with sorted keys, so that the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of an entry's content chained to the previous hash. */
export function entryHash(entry: Omit<AuditEntry, 'seq' | 'hash'>): string {
  const content = canonicalJson({
    at: entry.at,
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    fromVersion: entry.fromVersion,
    toVersion: entry.toVersion,
    detail: entry.detail,
  });
  return createHash('sha256').update(`${entry.prevHash}\n${content}`).digest('hex');
}

/**
 * Appends an event inside the caller's transaction. The table is locked for the append so that two
 * concurrent writers cannot chain to the same predecessor.
 */
export async function appendAudit(trx: Transaction<Database>, event: AuditEvent): Promise<void> {
  await sql`lock table audit_log in share row exclusive mode`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry = {
    at: new Date().toISOString(),
    actorId: event.actorId,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    fromVersion: event.fromVersion ?? null,
    toVersion: event.toVersion ?? null,
    detail: event.detail ?? {},
    prevHash: last?.hash ?? GENESIS,
  };
  await trx
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      from_version: entry.fromVersion,
      to_version: entry.toVersion,
      detail: JSON.stringify(entry.detail),
      prev_hash: entry.prevHash,
      hash: entryHash(entry),
    })
    .execute();
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    seq: String(row.seq),
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** What the audit log can be filtered by. */
export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  /** ISO times, inclusive lower and exclusive upper bound. */
  from?: string;
  to?: string;
}

function filtered(db: Kysely<Database>, filter: AuditFilter) {
  let query = db.selectFrom('audit_log');
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  return query;
}

/** Entries, newest first, with optional filters. */
export async function listAudit(db: Kysely<Database>, filter: AuditFilter & { limit: number; offset: number }): Promise<{ entries: AuditEntry[]; total: number }> {
  const query = filtered(db, filter);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { entries: rows.map(toEntry), total: Number(count.n) };
}

/** Every matching entry, newest first, a page at a time (for exports of any size). */
export async function* eachAuditEntry(db: Kysely<Database>, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditEntry> {
  let before: string | null = null;
  for (;;) {
    let query = filtered(db, filter);
    if (before !== null) query = query.where('seq', '<', before);
    const rows = await query.selectAll().orderBy('seq', 'desc').limit(pageSize).execute();
    for (const row of rows) yield toEntry(row);
    if (rows.length < pageSize) return;
    before = String(rows[rows.length - 1]?.seq);
  }
}

/** The result of checking the chain. */
export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: string; reason: 'edited' | 'removed-or-reordered' };

/** Recomputes every hash in order; the first mismatch is where the log was altered. */
export async function verifyAudit(db: Kysely<Database>): Promise<AuditVerification> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').execute();
  let previous = GENESIS;
  for (const row of rows) {
    const entry = toEntry(row);
    if (entry.prevHash !== previous) return { ok: false, entries: rows.length, brokenAt: entry.seq, reason: 'removed-or-reordered' };
    if (entryHash(entry) !== entry.hash) return { ok: false, entries: rows.length, brokenAt: entry.seq, reason: 'edited' };
    previous = entry.hash;
  }
  return { ok: true, entries: rows.length };
}
