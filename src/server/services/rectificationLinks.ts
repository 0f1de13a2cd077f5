/** What other documents read of the rectification ledger: a project's overdue items (its next-year form's submit guard). */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { OWED_STATES } from '../../core/rectification/rectification.ts';
import type { Database } from '../../store/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Today as the server knows it, YYYY-MM-DD (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A project's items of earlier years still owed past their deadline (what holds its next-year form). */
export async function overdueRectificationsOf(db: Db, place: { departmentId: string; year: number; projectName: string | null }, on = today()): Promise<Array<{ id: string; title: string; deadline: string }>> {
  if (place.projectName === null) return [];
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'title', 'facts'])
    .where('kind', '=', 'rectification')
    .where('department_id', '=', place.departmentId)
    .where('year', '<', place.year)
    .where('project_name', '=', place.projectName)
    .where('state', 'in', [...OWED_STATES])
    .where(sql<boolean>`facts->>'deadline' < ${on}`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title ?? '', deadline: (r.facts as { deadline?: string }).deadline ?? '' }));
}
