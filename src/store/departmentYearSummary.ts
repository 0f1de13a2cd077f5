/**
 * Each department's year summed up, for dashboards over a province: its forms by kind and state (with
 * their errors and money), its findings by rule family, its money by budget line. Three narrow tables
 * the write path refreshes, for the department and year it touched, in the same transaction — so a
 * province's dashboard adds up a few rows per department instead of scanning every form.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { DOCUMENT_KINDS } from '../core/document.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The statements that sum one set of department-years (given as a `values` list or all of them). */
async function refresh(db: Db, where: RawBuilder<unknown> | null): Promise<void> {
  // Target forms only: the dashboards sum forms; reports and evaluations have summaries of their own.
  const targets = sql.join(DOCUMENT_KINDS.map((kind) => sql`${kind}`));
  const scoped = (table: string) => (where === null ? sql`where ${sql.ref(`${table}.kind`)} in (${targets})` : sql`where ${sql.ref(`${table}.kind`)} in (${targets}) and (${sql.ref(`${table}.department_id`)}, ${sql.ref(`${table}.year`)}) in (${where})`);
  if (where === null) {
    await sql`delete from department_year_forms`.execute(db);
    await sql`delete from department_year_findings`.execute(db);
    await sql`delete from department_year_lines`.execute(db);
  } else {
    await sql`delete from department_year_forms where (department_id, year) in (${where})`.execute(db);
    await sql`delete from department_year_findings where (department_id, year) in (${where})`.execute(db);
    await sql`delete from department_year_lines where (department_id, year) in (${where})`.execute(db);
  }
  await sql`insert into department_year_forms (department_id, year, kind, state, forms, errors, budget)
    select documents.department_id, documents.year, documents.kind, documents.state, count(*), coalesce(sum(documents.error_count), 0), coalesce(sum(documents.budget_total), 0)
    from documents ${scoped('documents')}
    group by documents.department_id, documents.year, documents.kind, documents.state`.execute(db);
  await sql`insert into department_year_findings (department_id, year, family, severity, n, forms)
    select documents.department_id, documents.year, f.family, f.severity, sum(f.n), count(*)
    from documents join declaration_findings f on f.declaration_id = documents.id ${scoped('documents')}
    group by documents.department_id, documents.year, f.family, f.severity`.execute(db);
  await sql`insert into department_year_lines (department_id, year, kind, line, amount)
    select documents.department_id, documents.year, documents.kind, l.line, sum(l.amount)
    from documents join declaration_budget_lines l on l.declaration_id = documents.id ${scoped('documents')}
    group by documents.department_id, documents.year, documents.kind, l.line`.execute(db);
}

/** The advisory locks' first key for department-years (the second is the department-year's hash). */
const DEPARTMENT_YEAR_LOCKS = 7_170_001;

/**
 * Takes the turns of the department-years a write touched, until its transaction ends, and gives them
 * as an SQL list of `(department, year)` (null: none). Sums are replaced by delete and insert: two
 * writes of one department-year at once on a PostgreSQL server would otherwise both delete the old
 * rows, and the second insert clash with the first's new ones (a unique violation on the second save).
 * The turns are taken in one order, so two writes cannot wait on each other.
 */
export async function takeDepartmentYears(trx: Transaction<Database>, touched: ReadonlyArray<{ departmentId: string; year: number }>): Promise<RawBuilder<unknown> | null> {
  const unique = [...new Map(touched.map((t) => [`${t.departmentId}/${t.year}`, t])).values()];
  if (unique.length === 0) return null;
  // Text sent to the server holds no NUL: the key joins the two with a slash.
  const keys = unique.map((t) => `${t.departmentId}/${t.year}`);
  await sql`select pg_advisory_xact_lock(${DEPARTMENT_YEAR_LOCKS}, h) from (select distinct hashtext(k) as h from unnest(${keys}::text[]) as k order by h) as turns`.execute(trx);
  return sql.join(unique.map((t) => sql`(${t.departmentId}, ${t.year}::integer)`));
}

/** Sums again the department-years a write touched (in its transaction). */
export async function refreshDepartmentYears(trx: Transaction<Database>, touched: ReadonlyArray<{ departmentId: string; year: number }>): Promise<void> {
  const years = await takeDepartmentYears(trx, touched);
  if (years) await refresh(trx, years);
}

/** Sums every department-year again (after a restore, or to build the tables). */
export async function refreshAllDepartmentYears(db: Db): Promise<void> {
  await refresh(db, null);
}
