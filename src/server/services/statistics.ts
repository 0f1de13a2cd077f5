/**
 * Figures for the home page: declarations by state, budget by department and indicators by
 * first-level class, over the declarations the user works on for one year (a department's own, a
 * reviewer's region's) — not what others published, which is on the public pages. Budgets are the
 * department-wide forms'. Computed in SQL from the current versions, so a store of thousands of
 * forms answers without loading them.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../core/policy.ts';
import type { YearStatistics } from '../../format/apiTypes.ts';
import type { Database } from '../../store/schema.ts';
import { workingDeclarations } from './declarations.ts';

export type { YearStatistics };

/** How many departments the budget chart shows at most. */
const BUDGET_DEPARTMENTS = 30;

/** The home page's figures for one year, over what the actor works on. */
export async function yearStatistics(db: Kysely<Database>, actor: Actor | null, year: number): Promise<YearStatistics> {
  const visible = (await workingDeclarations(db, actor)).where('documents.year', '=', year);
  const withContent = visible.innerJoin('document_versions', (join) =>
    join.onRef('document_versions.document_id', '=', 'documents.id').onRef('document_versions.version', '=', 'documents.current_version'),
  );
  const [states, budgets, level1] = await Promise.all([
    visible.select(['documents.state', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('documents.state').execute(),
    withContent
      .where('documents.kind', '=', 'department-target')
      .select([
        'documents.department_id',
        'departments.name',
        sql<string | null>`document_versions.content->'budget'->>'basic'`.as('basic'),
        sql<string | null>`document_versions.content->'budget'->>'project'`.as('project'),
      ])
      .orderBy(sql`documents.budget_total desc nulls last`)
      .orderBy('departments.name')
      .limit(BUDGET_DEPARTMENTS)
      .execute(),
    withContent
      .innerJoin(sql<{ value: unknown }>`jsonb_array_elements(document_versions.content->'indicators')`.as('indicator'), (join) => join.onTrue())
      .select([sql<string | null>`indicator.value->>'level1'`.as('level1'), (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(sql`indicator.value->>'level1'`)
      .orderBy(sql`count(*) desc`)
      .execute(),
  ]);
  return {
    year,
    byState: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])),
    budgetByDepartment: budgets.map((b) => ({ departmentId: b.department_id, departmentName: b.name, basic: b.basic, project: b.project })),
    indicatorsByLevel1: level1.map((l) => ({ level1: l.level1, count: Number(l.n) })),
  };
}
