/**
 * A kind's documents of each department's year, summed up for the bureau's overview of a year (the
 * self-evaluations of 2024 in a region): how many are in each state with each grade and light, and the
 * money budgeted and executed. One row per kind, department and year, refreshed by the write path in
 * the same transaction — so the overview adds up a row per department instead of every document:
 * over 22,000 self-evaluations, the numeric sums alone cost the embedded store more than the rest.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { takeDepartmentYears } from './departmentYearSummary.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How many of a department-year's documents are in one state with one grade and one light. */
export type OverviewCell = readonly [state: string, grade: string | null, light: string | null, n: number];

/** The statements that sum one set of department-years of the kinds (a `values` list, or all of them). */
async function refresh(db: Db, kinds: readonly string[], where: RawBuilder<unknown> | null): Promise<void> {
  if (kinds.length === 0) return;
  const ofKinds = sql`kind in (${sql.join(kinds.map((k) => sql`${k}`))})`;
  const scoped = where === null ? ofKinds : sql`${ofKinds} and (department_id, year) in (${where})`;
  await sql`delete from department_year_overview where ${scoped}`.execute(db);
  // Drafts are counted (they are still the department's own) but their money is not shown. A
  // department's money is its department-wide document's, else the sum of its projects' (each sum of
  // sums is null where every value was null, as one sum over the documents would be).
  await sql`insert into department_year_overview (kind, department_id, year, cells, shown, annual, executed)
    select kind, department_id, year, jsonb_agg(jsonb_build_array(state, grade, light, n) order by state, grade, light), sum(shown),
      coalesce(sum(wide_annual), sum(annual)), coalesce(sum(wide_executed), sum(executed))
    from (
      select kind, department_id, year, state, grade, light, count(*) as n,
        count(*) filter (where state <> 'draft') as shown,
        sum(budget_total) filter (where state <> 'draft') as annual,
        sum(budget_executed) filter (where state <> 'draft') as executed,
        sum(budget_total) filter (where state <> 'draft' and target_kind = 'department-target') as wide_annual,
        sum(budget_executed) filter (where state <> 'draft' and target_kind = 'department-target') as wide_executed
      from documents where ${scoped}
      group by kind, department_id, year, state, grade, light
    ) cells
    group by kind, department_id, year`.execute(db);
}

/** Sums again the department-years a write of a kind touched (in its transaction). */
export async function refreshYearOverview(trx: Transaction<Database>, kind: string, touched: ReadonlyArray<{ departmentId: string; year: number }>): Promise<void> {
  const years = await takeDepartmentYears(trx, touched);
  if (years) await refresh(trx, [kind], years);
}

/** Sums every department-year of the kinds again (after a restore, or to build the table). */
export async function refreshAllYearOverviews(db: Db, kinds: readonly string[]): Promise<void> {
  await refresh(db, kinds, null);
}
