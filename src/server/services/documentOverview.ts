/**
 * What the bureau's overviews of a kind share (a monitoring round's page, a year's self-evaluations):
 * counts by state and by a summary column in one scan, the search by department or project, and the
 * money executed per department. Each overview is a query over `documents` joined with `departments`.
 */
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
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
export async function countByStateAnd<S extends string, K extends string>(query: Overview, column: 'light' | 'grade', states: readonly S[], keys: readonly K[]): Promise<StateKeyCounts<S, K>> {
  const keyColumn = keyOf(column);
  const rows = await query.select(['documents.state', keyColumn.as('key'), (eb) => eb.fn.countAll<string>().as('n')]).groupBy(['documents.state', keyColumn]).execute();
  return tally(states, keys, rows.map((r) => ({ state: r.state as S, key: r.key as K | 'none', n: Number(r.n) })));
}

/** What a column says of a document for the counts: `none` for a draft (still the department's own) or an empty column. */
function keyOf(column: 'light' | 'grade') {
  return sql<string>`case when documents.state = 'draft' then 'none' else coalesce(${sql.ref(`documents.${column}`)}, 'none') end`;
}

/** The counts by state and by key from each (state, key) pair's count, every key of both lists present. */
function tally<S extends string, K extends string>(states: readonly S[], keys: readonly K[], cells: StateKeyCounts<S, K>['cells']): StateKeyCounts<S, K> {
  const byKey = Object.fromEntries([...keys, 'none'].map((k) => [k, 0])) as Record<K | 'none', number>;
  const byState = Object.fromEntries(states.map((s) => [s, 0])) as Record<S, number>;
  for (const { state, key, n } of cells) {
    byKey[key] = (byKey[key] ?? 0) + n;
    byState[state] = (byState[state] ?? 0) + n;
  }
  return { total: Object.values<number>(byState).reduce((a, b) => a + b, 0), byState, byKey, cells };
}

/** What {@link countByStateAnd} counted: the totals, and each (state, key) pair's count for the filters' counts. */
export interface StateKeyCounts<S extends string, K extends string> {
  readonly total: number;
  readonly byState: Record<S, number>;
  readonly byKey: Record<K | 'none', number>;
  readonly cells: ReadonlyArray<{ readonly state: S; readonly key: K | 'none'; readonly n: number }>;
}

/**
 * How many documents a list filtered by state and key holds, from the counts already made: a filter
 * on those two columns alone needs no second scan of the year's documents.
 */
export function countedWhere<S extends string, K extends string>(counts: StateKeyCounts<S, K>, keep: (state: S, key: K | 'none') => boolean): number {
  return counts.cells.reduce((sum, cell) => (keep(cell.state, cell.key) ? sum + cell.n : sum), 0);
}

/** Documents whose department or project name holds the words (`like`, escaped). */
export function subjectMatches(q: string) {
  const like = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (eb: ExpressionBuilder<Database & { documents: Database['documents']; departments: Database['departments'] }, 'documents' | 'departments'>) => eb.or([eb('departments.name', 'like', like), eb('documents.project_name', 'like', like)]);
}

/** Money budgeted and executed by one department in a year's overview. */
export interface DepartmentExecution {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly annual: string | null;
  readonly executed: string | null;
}

/**
 * A kind's year in a region (null: everywhere): its counts by state and by what a column says of each
 * document (as {@link countByStateAnd}), and the money budgeted and executed per department (its
 * department-wide document's, else the sum of its projects'; drafts left out). Read from each
 * department-year's sums the write path keeps (store/departmentYearOverview.ts): a row per department
 * rather than every document, whose numeric sums cost the embedded store more than the rest of the overview.
 */
export async function yearCountsAndExecution<S extends string, K extends string>(db: Kysely<Database>, kind: string, year: number, regions: readonly string[] | null, column: 'light' | 'grade', states: readonly S[], keys: readonly K[]): Promise<{ counts: StateKeyCounts<S, K>; execution: DepartmentExecution[] }> {
  let query = db
    .selectFrom('department_year_overview as o')
    .innerJoin('departments', 'departments.id', 'o.department_id')
    .select(['o.department_id', 'departments.name', 'o.cells', 'o.shown', 'o.annual', 'o.executed'])
    .where('o.kind', '=', kind)
    .where('o.year', '=', year);
  if (regions) query = query.where('departments.region_id', 'in', regions);
  const rows = await query.orderBy('departments.name').orderBy('o.department_id').execute();
  const cells = new Map<string, { state: S; key: K | 'none'; n: number }>();
  const execution: DepartmentExecution[] = [];
  for (const row of rows) {
    for (const [state, grade, light, n] of row.cells) {
      // As keyOf: a draft is still the department's own, whatever it says.
      const key = (state === 'draft' ? 'none' : ((column === 'grade' ? grade : light) ?? 'none')) as K | 'none';
      const id = `${state}\u0000${key}`;
      const cell = cells.get(id);
      if (cell) cell.n += n;
      else cells.set(id, { state: state as S, key, n });
    }
    if (row.shown > 0) execution.push({ departmentId: row.department_id, departmentName: row.name, annual: row.annual === null ? null : twoPlaces(String(row.annual)), executed: row.executed === null ? null : twoPlaces(String(row.executed)) });
  }
  return { counts: tally(states, keys, [...cells.values()]), execution };
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
