/**
 * Reminding once of documents past their deadline: the shape the monitoring reports and the
 * rectification items share. Every server process's dispatcher runs it, so the rows are claimed
 * with SKIP LOCKED (two processes never send the same notice) and stamped reminded_at in the same
 * transaction; a batch at a time keeps one tick's transaction short, the rest wait for the next.
 */
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';

/** How many documents one tick reminds of at the most. */
export const OVERDUE_BATCH = 200;

/** The documents of departments still in use never reminded of, joined to their department, before the caller narrows them. */
export type OverdueCandidates = SelectQueryBuilder<Database, 'documents' | 'departments', object>;

/** What a kind of reminder decides: which documents are overdue (and the columns its notice needs), and the notice for each. */
export interface OverdueReminder<Row extends { readonly id: string }> {
  /** Narrows the candidates to the overdue documents and selects the columns the notice reads. */
  readonly overdue: (candidates: OverdueCandidates) => { execute(): Promise<Row[]> };
  /** Sends the notice for one document, inside the claiming transaction. */
  readonly remind: (trx: Transaction<Database>, row: Row) => Promise<unknown>;
}

/** Reminds once of up to OVERDUE_BATCH overdue documents not yet reminded of; answers how many. */
export async function remindOverdueOnce<Row extends { readonly id: string }>(db: Kysely<Database>, reminder: OverdueReminder<Row>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Kysely builds the statement from its parts, so the caller's joins and conditions added after
    // the limit and the lock still come before them in the SQL.
    const candidates = trx
      .selectFrom('documents')
      .innerJoin('departments', 'departments.id', 'documents.department_id')
      .where('documents.reminded_at', 'is', null)
      .where('departments.archived_at', 'is', null)
      .orderBy('documents.id')
      .limit(OVERDUE_BATCH)
      .forUpdate('documents')
      .skipLocked();
    const rows = await reminder.overdue(candidates).execute();
    if (rows.length === 0) return 0;
    const now = new Date().toISOString();
    for (const row of rows) await reminder.remind(trx, row);
    await trx.updateTable('documents').set({ reminded_at: now }).where('id', 'in', rows.map((r) => r.id)).execute();
    return rows.length;
  });
}
