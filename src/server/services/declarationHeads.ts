/**
 * The head row of each declaration (state, current version, …) kept in memory, where no change can
 * be missed: with the embedded store, whose data directory is locked to one process, always; with a
 * PostgreSQL server, which several processes may share, while this process is listening to the
 * notification every write sends on commit (`DECLARATION_CHANGED`). When the listening connection is
 * lost the cache is dropped and reads go to the database until it is back.
 *
 * Correctness under concurrent reads and writes rests on a generation count: a writer bumps it
 * after its transaction commits (and drops the entry); a reader caches what it read only if no
 * writer finished while it was reading.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DocumentKind } from '../../core/document.ts';
import type { DeclarationState, ReviewGrade } from '../../core/workflow.ts';
import type { Database } from '../../store/schema.ts';

/** The columns every read of a declaration needs first. */
export interface DeclarationHeadRow {
  readonly id: string;
  readonly department_id: string;
  readonly year: number;
  readonly state: DeclarationState;
  readonly current_version: number;
  readonly review_grade: ReviewGrade | null;
  readonly updated_at: string;
  readonly submitted_at: string | null;
  readonly published_at: string | null;
  readonly kind: DocumentKind;
  readonly project_name: string | null;
  /** The latest review, as JSON built by the database (null: never reviewed). */
  readonly last_review: LastReviewRow | null;
}

/** The latest review of a declaration as the head row carries it. */
export interface LastReviewRow {
  readonly grade: ReviewGrade;
  readonly outcome: 'approved' | 'returned';
  readonly opinion: string | null;
  readonly at: string;
  readonly version: number;
  readonly reviewer: string;
}

/** The notification channel on which every write of a declaration's head row names the declaration. */
export const DECLARATION_CHANGED = 'jixiao_declaration_changed';

class HeadCache {
  private readonly rows = new Map<string, DeclarationHeadRow>();
  private generation = 0;

  constructor(
    private readonly capacity: number,
    private enabled: boolean,
  ) {}

  async read(id: string, load: () => Promise<DeclarationHeadRow | undefined>): Promise<DeclarationHeadRow | undefined> {
    if (!this.enabled) return load();
    const cached = this.rows.get(id);
    if (cached) return cached;
    const before = this.generation;
    const row = await load();
    if (row && this.enabled && this.generation === before) {
      if (this.rows.size >= this.capacity) this.rows.delete(this.rows.keys().next().value as string);
      this.rows.set(id, row);
    }
    return row;
  }

  changed(id: string): void {
    this.rows.delete(id);
    this.generation++;
  }

  /** Turns caching on or off; either way what was cached is forgotten. */
  setEnabled(enabled: boolean): void {
    this.rows.clear();
    this.generation++;
    this.enabled = enabled;
  }
}

const caches = new WeakMap<Kysely<Database>, HeadCache>();

/** Turns the cache on for a store that only this process writes (the embedded store). */
export function cacheDeclarationHeads(db: Kysely<Database>, capacity = 10_000): void {
  caches.set(db, new HeadCache(capacity, true));
}

/** A cache for a shared store: off until `listening(true)`, and off again whenever notifications may have been missed. */
export function cacheDeclarationHeadsWhileListening(db: Kysely<Database>, capacity = 10_000): { listening: (listening: boolean) => void } {
  const cache = new HeadCache(capacity, false);
  caches.set(db, cache);
  return { listening: (listening) => cache.setEnabled(listening) };
}

/** In a write's transaction: tells every server process, on commit, that the declaration's head row changed. */
export async function announceDeclarationChange(trx: Transaction<Database>, id: string): Promise<void> {
  await sql`select pg_notify(${DECLARATION_CHANGED}, ${id})`.execute(trx);
}

/** Reads a declaration's head row, from memory when this store allows it. */
export function readDeclarationHead(db: Kysely<Database>, id: string): Promise<DeclarationHeadRow | undefined> {
  const load = () =>
    db
      .selectFrom('declarations')
      .select(['id', 'department_id', 'year', 'state', 'current_version', 'review_grade', 'updated_at', 'submitted_at', 'published_at', 'kind', 'project_name'])
      .select(
        sql<LastReviewRow | null>`(select json_build_object('grade', r.grade, 'outcome', r.outcome, 'opinion', r.opinion, 'at', r.created_at, 'version', r.version, 'reviewer', u.display_name)
           from reviews r join users u on u.id = r.reviewer_id where r.declaration_id = declarations.id order by r.created_at desc, r.id desc limit 1)`.as('last_review'),
      )
      .where('id', '=', id)
      .executeTakeFirst();
  const cache = caches.get(db);
  return cache ? cache.read(id, load) : load();
}

/** Call after a transaction that changed a declaration's head row has committed. */
export function declarationHeadChanged(db: Kysely<Database>, id: string): void {
  caches.get(db)?.changed(id);
}
