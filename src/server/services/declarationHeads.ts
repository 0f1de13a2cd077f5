/**
 * The head row of each declaration (state, current version, …) kept in memory — only for the
 * embedded store. Its data directory is locked to one process, so every write goes through this
 * process and the cache cannot miss a change; a PostgreSQL server may be shared by several
 * processes, so there every read goes to the database.
 *
 * Correctness under concurrent reads and writes rests on a generation count: a writer bumps it
 * after its transaction commits (and drops the entry); a reader caches what it read only if no
 * writer finished while it was reading.
 */
import type { Kysely } from 'kysely';
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
}

class HeadCache {
  private readonly rows = new Map<string, DeclarationHeadRow>();
  private generation = 0;

  constructor(private readonly capacity: number) {}

  async read(id: string, load: () => Promise<DeclarationHeadRow | undefined>): Promise<DeclarationHeadRow | undefined> {
    const cached = this.rows.get(id);
    if (cached) return cached;
    const before = this.generation;
    const row = await load();
    if (row && this.generation === before) {
      if (this.rows.size >= this.capacity) this.rows.delete(this.rows.keys().next().value as string);
      this.rows.set(id, row);
    }
    return row;
  }

  changed(id: string): void {
    this.rows.delete(id);
    this.generation++;
  }
}

const caches = new WeakMap<Kysely<Database>, HeadCache>();

/** Turns the cache on for a store that only this process writes (the embedded store). */
export function cacheDeclarationHeads(db: Kysely<Database>, capacity = 10_000): void {
  caches.set(db, new HeadCache(capacity));
}

/** Reads a declaration's head row, from memory when this store allows it. */
export function readDeclarationHead(db: Kysely<Database>, id: string): Promise<DeclarationHeadRow | undefined> {
  const load = () =>
    db.selectFrom('declarations').select(['id', 'department_id', 'year', 'state', 'current_version', 'review_grade', 'updated_at']).where('id', '=', id).executeTakeFirst();
  const cache = caches.get(db);
  return cache ? cache.read(id, load) : load();
}

/** Call after a transaction that changed a declaration's head row has committed. */
export function declarationHeadChanged(db: Kysely<Database>, id: string): void {
  caches.get(db)?.changed(id);
}
