/**
 * What the bureau's overviews of a kind share (a monitoring round's page, a year's self-evaluations):
 * counts by state and by a summary column in one scan, the search by department or project, and the
 * money executed per department. Each overview is a query over `documents` joined with `departments`.
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { twoPlaces } from '../../core/monitoring/ratio.ts';
import type { DocumentKind } from '../../core/document.ts';
import type { DocumentRow } from '../../store/documentRow.ts';
import type { Database } from '../../store/schema.ts';

type Overview = SelectQueryBuilder<Database & { documents: Database['documents']; departments: Database['departments'] }, 'documents' | 'departments', object>;

/** What an overview's list is asked for besides its kind's own filter (a light, a grade): a state, words, an order and a page. */
export interface OverviewListQuery<State extends string, Sort extends string> {
  readonly state?: State | undefined;
  readonly q?: string | undefined;
  readonly sort: Sort;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Counts by state and by what a column says of each document (its light, its grade), drafts counted
 * as `none`: they are still the department's own. One scan; every key of both lists present.
 */
export async function countByStateAnd<S extends string, K extends string>(query: Overview, column: 'light' | 'grade', states: readonly S[], keys: readonly K[]): Promise<{ total: number; byState: Record<S, number>; byKey: Record<K | 'none', number> }> {
  const keyColumn = sql<string>`case when documents.state = 'draft' then 'none' else coalesce(${sql.ref(`documents.${column}`)}, 'none') end`;
  const rows = await query.select(['documents.state', keyColumn.as('key'), (eb) => eb.fn.countAll<string>().as('n')]).groupBy(['documents.state', keyColumn]).execute();
  const byKey = Object.fromEntries([...keys, 'none'].map((k) => [k, 0])) as Record<K | 'none', number>;
  const byState = Object.fromEntries(states.map((s) => [s, 0])) as Record<S, number>;
  for (const r of rows) {
    byKey[r.key as K | 'none'] = (byKey[r.key as K | 'none'] ?? 0) + Number(r.n);
    byState[r.state as S] = (byState[r.state as S] ?? 0) + Number(r.n);
  }
  return { total: Object.values<number>(byState).reduce((a, b) => a + b, 0), byState, byKey };
}

/** Documents whose department or project name holds the words (`like`, escaped). */
export function subjectMatches(q: string) {
  const like = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (eb: ExpressionBuilder<Database & { documents: Database['documents']; departments: Database['departments'] }, 'documents' | 'departments'>) => eb.or([eb('departments.name', 'like', like), eb('documents.project_name', 'like', like)]);
}

/** Money budgeted and executed per department: its department-wide document's, else the sum of its projects'. */
export async function executionByDepartment(query: Overview): Promise<Array<{ departmentId: string; departmentName: string; annual: string | null; executed: string | null }>> {
  const rows = await query
    .where('documents.state', '!=', 'draft')
    .select([
      'departments.id as department_id',
      'departments.name as department_name',
      sql<string | null>`coalesce(sum(documents.budget_total) filter (where documents.target_kind = 'department-target'), sum(documents.budget_total))`.as('annual'),
      sql<string | null>`coalesce(sum(documents.budget_executed) filter (where documents.target_kind = 'department-target'), sum(documents.budget_executed))`.as('executed'),
    ])
    .groupBy(['departments.id', 'departments.name'])
    .orderBy('departments.name')
    .execute();
  return rows.map((e) => ({ departmentId: e.department_id, departmentName: e.department_name, annual: e.annual === null ? null : twoPlaces(String(e.annual)), executed: e.executed === null ? null : twoPlaces(String(e.executed)) }));
}

/** What every summary of a document that measures a target form says: which form, of which department, at which version. */
export function measuringSummary(row: DocumentRow & { department_name: string }) {
  return {
    id: row.id,
    departmentId: row.department_id,
    departmentName: row.department_name,
    targetId: row.target_id ?? '',
    targetKind: (row.target_kind ?? 'department-target') as DocumentKind,
    targetVersion: row.target_version ?? 0,
    projectName: row.project_name,
    version: row.current_version,
  };
}
