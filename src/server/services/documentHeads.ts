/**
 * The head row of each document (state, current version, …) kept in memory, where no change can
 * be missed: with the embedded store, whose data directory is locked to one process, always; with a
 * PostgreSQL server, which several processes may share, while this process is listening to the
 * notification every write sends on commit (`DOCUMENT_CHANGED`). When the listening connection is
 * lost the cache is dropped and reads go to the database until it is back.
 *
 * Correctness under concurrent reads and writes rests on a generation count: a writer bumps it
 * after its transaction commits (and drops the entry); a reader caches what it read only if no
 * writer finished while it was reading.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReviewGrade } from '../../core/workflow.ts';
import { DOCUMENT_COLUMNS, type DocumentRow } from '../../store/documentRow.ts';
import type { Database } from '../../store/schema.ts';

/** The columns every read of a document needs first: the row, and its latest review. */
export type DocumentHeadRow = DocumentRow & {
  /** The latest review, as JSON built by the database (null: never reviewed). */
  readonly last_review: LastReviewRow | null;
};

/** The latest review as the API presents it (`reviewerName`, not the row's `reviewer`). */
export function lastReviewView(review: LastReviewRow | null): { grade: ReviewGrade; outcome: 'approved' | 'returned'; opinion: string | null; reviewerName: string; at: string; version: number } | null {
  return review ? { grade: review.grade, outcome: review.outcome, opinion: review.opinion, reviewerName: review.reviewer, at: review.at, version: review.version } : null;
}

/** The latest review of a document as the head row carries it. */
export interface LastReviewRow {
  readonly grade: ReviewGrade;
  readonly outcome: 'approved' | 'returned';
  readonly opinion: string | null;
  readonly at: string;
  readonly version: number;
  readonly reviewer: string;
}

/** The notification channel on which every write of a document's head row names the document. */
export const DOCUMENT_CHANGED = 'jixiao_document_changed';

class HeadCache {
  private readonly rows = new Map<string, DocumentHeadRow>();
  private generation = 0;

  constructor(
    private readonly capacity: number,
    private enabled: boolean,
  ) {}

  async read(id: string, load: () => Promise<DocumentHeadRow | undefined>): Promise<DocumentHeadRow | undefined> {
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
/** Every cache of this process, for a write that changes a document besides the one its route names. */
const allCaches = new Set<WeakRef<HeadCache>>();

function keep(cache: HeadCache): HeadCache {
  allCaches.add(new WeakRef(cache));
  return cache;
}

/** Turns the cache on for a store that only this process writes (the embedded store). */
export function cacheDocumentHeads(db: Kysely<Database>, capacity = 10_000): void {
  caches.set(db, keep(new HeadCache(capacity, true)));
}

/** A cache for a shared store: off until `listening(true)`, and off again whenever notifications may have been missed. */
export function cacheDocumentHeadsWhileListening(db: Kysely<Database>, capacity = 10_000): { listening: (listening: boolean) => void } {
  const cache = keep(new HeadCache(capacity, false));
  caches.set(db, cache);
  return { listening: (listening) => cache.setEnabled(listening) };
}

/** In a write's transaction: tells every server process, on commit, that the document's head row changed. */
export async function announceDocumentChange(trx: Transaction<Database>, id: string): Promise<void> {
  await sql`select pg_notify(${DOCUMENT_CHANGED}, ${id})`.execute(trx);
  // A write may change documents its route does not name (an assessment's decision written into the
  // project form): this process forgets them at once too. (The embedded store runs one transaction at
  // a time, so nothing reads the old row again before the commit; a server's notification follows it.)
  for (const ref of allCaches) {
    const cache = ref.deref();
    if (cache) cache.changed(id);
    else allCaches.delete(ref);
  }
}

/** Reads a document's head row, from memory when this store allows it. */
export function readDocumentHead(db: Kysely<Database>, id: string): Promise<DocumentHeadRow | undefined> {
  const load = () =>
    db
      .selectFrom('documents')
      .select(DOCUMENT_COLUMNS)
      .select(
        sql<LastReviewRow | null>`(select json_build_object('grade', r.grade, 'outcome', r.outcome, 'opinion', r.opinion, 'at', r.created_at, 'version', r.version, 'reviewer', u.display_name)
           from document_reviews r join users u on u.id = r.reviewer_id where r.document_id = documents.id order by r.created_at desc, r.id desc limit 1)`.as('last_review'),
      )
      .where('id', '=', id)
      .executeTakeFirst();
  const cache = caches.get(db);
  return cache ? cache.read(id, load) : load();
}

/** Call after a transaction that changed a document's head row has committed. */
export function documentHeadChanged(db: Kysely<Database>, id: string): void {
  caches.get(db)?.changed(id);
}
