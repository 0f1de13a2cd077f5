/**
 * The yearly league table of budget management (预算管理综合考核) read from the store: each
 * department's year counted in a handful of set-wise queries, then ranked by the pure core
 * (src/core/results/league.ts) with the region's settings.
 */
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../core/policy.ts';
import { formDisclosure } from '../../core/disclosure/disclosure.ts';
import { OWED_STATES } from '../../core/rectification/rectification.ts';
import { DEFAULT_LEAGUE_CONFIG, leagueTable, type DepartmentYear, type LeagueConfig, type LeagueRow } from '../../core/results/league.ts';
import { leagueConfigSchema } from '../../format/resultsSchema.ts';
import type { Database } from '../../store/schema.ts';
import { formsOf, rulesFor } from './disclosure.ts';
import { effectiveSettings, regionSubtree } from './organisations.ts';
import { today } from './rectificationLinks.ts';
import { resultScope, type ResultScope } from './results.ts';

/** A region's (or one department's) league table of a year, with the settings that made it. */
export interface League {
  readonly scope: ResultScope;
  readonly today: string;
  readonly config: LeagueConfig;
  readonly rows: LeagueRow[];
}

const TARGET_KINDS = ['department-target', 'project-target'];
const DECIDED = ['concluded', 'released'];

/** Every department's counts of the year, for the departments given. */
async function departmentYears(db: Kysely<Database>, departments: ReadonlyArray<{ id: string; name: string }>, year: number, regionId: string, on: string): Promise<DepartmentYear[]> {
  const ids = departments.length > 0 ? departments.map((d) => d.id) : [''];
  const [targets, reports, sampled, rectifications] = await Promise.all([
    // Forms the department sent to the bureau: a draft is still being written.
    db
      .selectFrom('documents')
      .select(['department_id', (eb) => eb.fn.countAll<string>().as('forms'), (eb) => eb.fn.sum<string>('error_count').as('errors')])
      .where('kind', 'in', TARGET_KINDS)
      .where('year', '=', year)
      .where('state', '!=', 'draft')
      .where('department_id', 'in', ids)
      .groupBy('department_id')
      .execute(),
    // Reports of rounds already due: on time when submitted by the due day.
    db
      .selectFrom('documents as d')
      .innerJoin('monitoring_rounds as m', 'm.id', 'd.parent_id')
      .select([
        'd.department_id',
        (eb) => eb.fn.countAll<string>().as('due'),
        sql<string>`count(*) filter (where d.submitted_at is not null and substr(d.submitted_at, 1, 10) <= m.due)`.as('on_time'),
      ])
      .where('d.kind', '=', 'monitoring-report')
      .where('m.year', '=', year)
      .where('m.due', '<', on)
      .where('d.department_id', 'in', ids)
      .groupBy('d.department_id')
      .execute(),
    // Each concluded sampling review beside the self-evaluation it re-scored.
    db
      .selectFrom('documents as a')
      .innerJoin('documents as e', 'e.id', 'a.target_id')
      .select(['e.department_id', sql<string>`e.score::text`.as('self'), sql<string>`a.score::text`.as('review')])
      .where('a.kind', '=', 'assessment')
      .where(sql<boolean>`a.facts->>'purpose' = 'sampling-review'`)
      .where('a.state', 'in', DECIDED)
      .where('a.score', 'is not', null)
      .where('e.kind', '=', 'self-evaluation')
      .where('e.score', 'is not', null)
      .where('e.year', '=', year)
      .where('e.department_id', 'in', ids)
      .execute(),
    db
      .selectFrom('documents')
      .select([
        'department_id',
        (eb) => eb.fn.countAll<string>().as('items'),
        sql<string>`count(*) filter (where state in (${sql.join([...OWED_STATES])}) and facts->>'deadline' < ${on})`.as('overdue'),
      ])
      .where('kind', '=', 'rectification')
      .where('year', '=', year)
      .where('department_id', 'in', ids)
      .groupBy('department_id')
      .execute(),
  ]);
  const rules = await rulesFor(db, regionId, year);
  const disclosed = (await formsOf(db, { regionIds: await regionSubtree(db, regionId) }, year)).map((f) => formDisclosure(f, rules, on)).filter((f) => f.status !== 'pending');
  const byId = <R extends { department_id: string }>(rows: readonly R[]) => new Map(rows.map((r) => [r.department_id, r]));
  const t = byId(targets);
  const r = byId(reports);
  const x = byId(rectifications);
  return departments.map((d) => {
    const forms = disclosed.filter((f) => f.departmentId === d.id);
    return {
      departmentId: d.id,
      departmentName: d.name,
      targetForms: Number(t.get(d.id)?.forms ?? 0),
      targetErrors: Number(t.get(d.id)?.errors ?? 0),
      reportsDue: Number(r.get(d.id)?.due ?? 0),
      reportsOnTime: Number(r.get(d.id)?.on_time ?? 0),
      sampled: sampled.filter((s) => s.department_id === d.id).map((s) => ({ self: s.self, review: s.review })),
      rectificationItems: Number(x.get(d.id)?.items ?? 0),
      rectificationOverdue: Number(x.get(d.id)?.overdue ?? 0),
      disclosureForms: forms.length,
      disclosureOnTime: forms.filter((f) => f.status === 'on-time').length,
    };
  });
}

/**
 * The league table the actor may read: a bureau its region's departments ranked; a department its own
 * row, ranked among its region's; experts and agencies nothing.
 */
export async function leagueOf(db: Kysely<Database>, actor: Actor, query: { year: number; regionId?: string | undefined; departmentId?: string | undefined }, on = today()): Promise<League> {
  const scope = await resultScope(db, actor, query);
  const settings = (await effectiveSettings(db, scope.path)) as Record<string, unknown>;
  const parsed = leagueConfigSchema.safeParse(settings.league);
  const config = parsed.success ? parsed.data : DEFAULT_LEAGUE_CONFIG;
  const departments = await db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('region_id', 'in', await regionSubtree(db, scope.regionId))
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  const rows = leagueTable(await departmentYears(db, departments, scope.year, scope.regionId, on), config);
  return { scope, today: on, config, rows: scope.department ? rows.filter((row) => row.departmentId === scope.department?.id) : rows };
}
