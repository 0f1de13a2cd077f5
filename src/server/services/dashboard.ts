/**
 * A region's year across its departments — or one department's — for the dashboards: forms by
 * state, findings by rule family, money by department and budget line, monitoring lights,
 * self-evaluation grades and scores, execution, the drill-down rows and the trend over years.
 *
 * Every figure comes from rows the write path keeps (the forms' summary columns, their findings and
 * budget lines, the reports' lights, the evaluations' scores), never from a form's JSON. Counts
 * include drafts: a draft is the department's to show, but how many there are is the bureau's to
 * know; the one-department list offers to open only what the viewer may read.
 */
import { rectificationsByDepartment } from './rectifications.ts';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { oversightRegion, type Actor } from '../../core/policy.ts';
import { canOnDocument } from '../../kinds/documentPolicy.ts';
import { kindOf } from '../../kinds/registry.ts';
import { addMoney, formatMoney, money, type Money } from '../../core/money.ts';
import { divide, ratio, ratioOf, times, toFixed2, twoPlaces } from '../../core/monitoring/ratio.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../core/document.ts';
import type { Light } from '../../core/monitoringReport.ts';
import type { EvaluationGrade } from '../../core/selfEvaluation.ts';
import type { DeclarationState } from '../../core/workflow.ts';
import type { DashboardChild, DashboardForm, RegionDashboard } from '../../format/apiTypes.ts';
import type { Database } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { departmentWithPath, regionPath, regionSubtree } from './organisations.ts';

export interface DashboardQuery {
  readonly year: number;
  readonly regionId?: string | undefined;
  readonly departmentId?: string | undefined;
}

const ZERO: Money = { units: 0n };
const sumOf = (texts: Iterable<string | null>): string => {
  let total = ZERO;
  for (const text of texts) if (text !== null) total = addMoney(total, money(text));
  return formatMoney(total);
};
/** numeric in SQL, as exact text with two places. */
const exact = (expression: ReturnType<typeof sql>) => sql<string>`coalesce(sum(${expression}), 0)::numeric(16, 2)::text`;
/** A chart of departments shows this many (the largest budgets, the lowest execution); a province's others are counted. */
export const PER_DEPARTMENT_ROWS = 200;

const SCORE_BANDS: ReadonlyArray<readonly [string, number, number]> = [
  ['<60', 0, 60],
  ['60–69', 60, 70],
  ['70–79', 70, 80],
  ['80–89', 80, 90],
  ['90–100', 90, 1000],
];

/** The region the actor may look at by default: where their oversight starts, or the first top region. */
async function defaultRegion(db: Kysely<Database>, actor: Actor): Promise<string> {
  const own = oversightRegion(actor);
  if (own) return own;
  const top = await db.selectFrom('regions').select('id').where('parent_id', 'is', null).orderBy('name').limit(1).executeTakeFirst();
  if (!top) throw notFound('region', '区划');
  return top.id;
}

/** A dashboard for reviewers and admins, within their oversight (404 for a region they may not see). */
export async function regionDashboard(db: Kysely<Database>, actor: Actor, query: DashboardQuery): Promise<RegionDashboard> {
  if (actor.role !== 'reviewer' && actor.role !== 'admin') throw forbidden();
  const oversight = oversightRegion(actor);
  let regionId = query.regionId ?? (await defaultRegion(db, actor));
  let department: { id: string; name: string } | null = null;
  if (query.departmentId) {
    const found = await departmentWithPath(db, query.departmentId);
    department = { id: found.id, name: found.name };
    regionId = found.regionId;
  }
  const path = await regionPath(db, regionId);
  if (oversight !== null && !path.includes(oversight)) throw notFound('region', '区划');
  const pathRows = await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', path).execute();
  const names = new Map(pathRows.map((r) => [r.id, r.name]));
  const regionName = names.get(regionId);
  if (regionName === undefined) throw notFound('region', '区划');
  const reachableFrom = oversight === null ? path.length - 1 : path.indexOf(oversight);
  const breadcrumb = [...path].reverse().map((id, i) => ({ id, name: names.get(id) ?? id, reachable: path.length - 1 - i <= reachableFrom }));

  const subtree = await regionSubtree(db, regionId);
  const departments = department
    ? [{ id: department.id, name: department.name, region_id: regionId }]
    : await db.selectFrom('departments').select(['id', 'name', 'region_id']).where('region_id', 'in', subtree).orderBy('name').execute();
  const year = query.year;
  // The departments in view, as a subquery (a province has tens of thousands: no list of ids in SQL).
  const inScope = department ? [department.id] : db.selectFrom('departments').select('departments.id').where('departments.region_id', 'in', subtree);

  // The sums of each department's year (store/departmentYearSummary.ts), not the forms themselves.
  const [allGroups, findings, departmentLines, lines, years, evaluationRows, grades] = await Promise.all([
    db
      .selectFrom('department_year_forms')
      .select(['year', 'department_id', 'kind', 'state', sql<string>`forms`.as('n'), sql<string>`errors`.as('errors'), sql<string>`budget::text`.as('budget')])
      .where('department_id', 'in', inScope)
      .execute(),
    db
      .selectFrom('department_year_findings')
      .select(['family', 'severity', sql<string>`sum(n)`.as('n'), sql<string>`sum(forms)`.as('forms')])
      .where('department_id', 'in', inScope)
      .where('year', '=', year)
      .groupBy(['family', 'severity'])
      .execute(),
    db
      .selectFrom('department_year_lines')
      .select(['department_id', 'line', sql<string>`amount::text`.as('amount')])
      .where('department_id', 'in', inScope)
      .where('year', '=', year)
      .where('kind', '=', 'department-target')
      .where('line', 'in', ['basic', 'project'])
      .execute(),
    db
      .selectFrom('department_year_lines')
      .select(['kind', 'line', exact(sql`amount`).as('amount')])
      .where('department_id', 'in', inScope)
      .where('year', '=', year)
      .groupBy(['kind', 'line'])
      .execute(),
    db.selectFrom('documents').select('year').distinct().where('kind', 'in', DOCUMENT_KINDS).orderBy('year', 'desc').execute(),
    db
      .selectFrom('documents')
      .select(['year', sql<string | null>`avg(score)::numeric(6, 2)::text`.as('average')])
      .where('kind', '=', 'self-evaluation')
      .where('department_id', 'in', inScope)
      .where('state', '!=', 'draft')
      .groupBy('year')
      .execute(),
    db
      .selectFrom('documents')
      .select([sql<string>`case when state = 'draft' then 'none' else coalesce(grade, 'none') end`.as('grade'), (eb) => eb.fn.countAll<string>().as('n')])
      .where('kind', '=', 'self-evaluation')
      .where('department_id', 'in', inScope)
      .where('year', '=', year)
      .groupBy(sql`case when state = 'draft' then 'none' else coalesce(grade, 'none') end`)
      .execute(),
  ]);

  const perGroup = allGroups.filter((g) => g.year === year);
  const trendOf = new Map<number, { forms: number; budgets: string[]; errors: number; published: number }>();
  for (const g of allGroups) {
    const entry = trendOf.get(g.year) ?? { forms: 0, budgets: [], errors: 0, published: 0 };
    entry.forms += Number(g.n);
    entry.errors += Number(g.errors);
    if (g.kind === 'department-target') entry.budgets.push(g.budget);
    if (g.state === 'published') entry.published += Number(g.n);
    trendOf.set(g.year, entry);
  }
  const trendRows = [...trendOf].sort(([a], [b]) => a - b).map(([y, t]) => ({ year: y, forms: t.forms, budget: sumOf(t.budgets), errors: t.errors, published: t.published }));

  // Scores by band, and per department: the year's self-evaluations that left the department.
  const scored = await db
    .selectFrom('documents')
    .select(['department_id', sql<string | null>`score::text`.as('total'), sql<string>`coalesce(budget_executed, 0)::text`.as('executed'), sql<string>`coalesce(budget_total, 0)::text`.as('annual')])
    .where('kind', '=', 'self-evaluation')
    .where('department_id', 'in', inScope)
    .where('year', '=', year)
    .where('state', '!=', 'draft')
    .execute();
  const scores = SCORE_BANDS.map(([band, from, to]) => ({ band, n: scored.filter((s) => s.total !== null && Number(s.total) >= from && Number(s.total) < to).length }));

  // The year's latest monitoring round that reaches the region (set by it, above it or below it).
  const round = await db
    .selectFrom('monitoring_rounds')
    .select(['id', 'name', 'through'])
    .where('year', '=', year)
    .where('region_id', 'in', [...new Set([...path, ...subtree])])
    .orderBy('through', 'desc')
    .limit(1)
    .executeTakeFirst();
  const [lightRows, monitoringByDepartment] = round
    ? await Promise.all([
        db
          .selectFrom('documents')
          .select([sql<string>`case when state = 'draft' then 'none' else coalesce(light, 'none') end`.as('light'), 'department_id', (eb) => eb.fn.countAll<string>().as('n')])
          .where('kind', '=', 'monitoring-report')
          .where('parent_id', '=', round.id)
          .where('department_id', 'in', inScope)
          .groupBy([sql`case when state = 'draft' then 'none' else coalesce(light, 'none') end`, 'department_id'])
          .execute(),
        db
          .selectFrom('documents')
          .select(['department_id', exact(sql`budget_executed`).as('executed'), exact(sql`budget_total`).as('annual')])
          .where('kind', '=', 'monitoring-report')
          .where('parent_id', '=', round.id)
          .where('department_id', 'in', inScope)
          .where('state', '!=', 'draft')
          .groupBy('department_id')
          .execute(),
      ])
    : [[], []];

  const rate = (executed: string, annual: string): string | null => {
    const share = divide(times(ratioOf(executed) ?? ratio(0n), ratio(100n)), ratioOf(annual) ?? ratio(0n));
    return share === null ? null : toFixed2(share);
  };
  const evaluationByDepartment = new Map<string, { executed: string[]; annual: string[] }>();
  for (const s of scored) {
    const entry = evaluationByDepartment.get(s.department_id) ?? { executed: [], annual: [] };
    entry.executed.push(s.executed);
    entry.annual.push(s.annual);
    evaluationByDepartment.set(s.department_id, entry);
  }
  const monitoringOf = new Map(monitoringByDepartment.map((r) => [r.department_id, r]));
  const execution = departments
    .map((d) => {
      const m = monitoringOf.get(d.id);
      const e = evaluationByDepartment.get(d.id);
      return { departmentId: d.id, departmentName: d.name, monitoring: m ? rate(m.executed, m.annual) : null, evaluation: e ? rate(sumOf(e.executed), sumOf(e.annual)) : null };
    })
    .filter((r) => r.monitoring !== null || r.evaluation !== null)
    // The lowest first: those are the ones to look at.
    .sort((a, b) => Number(a.monitoring ?? a.evaluation ?? 0) - Number(b.monitoring ?? b.evaluation ?? 0));

  const lineOf = new Map(departmentLines.map((l) => [`${l.department_id}\u0000${l.line}`, l.amount]));
  const projectBudgets = new Map<string, string[]>();
  for (const g of perGroup) if (g.kind === 'project-target') projectBudgets.set(g.department_id, [...(projectBudgets.get(g.department_id) ?? []), g.budget]);
  const projectTotalOf = new Map([...projectBudgets].map(([id, amounts]) => [id, sumOf(amounts)]));
  const byState = new Map<string, { kind: DocumentKind; state: DeclarationState; n: number }>();
  for (const g of perGroup) {
    const key = `${g.kind}\u0000${g.state}`;
    byState.set(key, { kind: g.kind, state: g.state, n: (byState.get(key)?.n ?? 0) + Number(g.n) });
  }
  const budgetByDepartment = departments
    .map((d) => ({
      departmentId: d.id,
      departmentName: d.name,
      basic: lineOf.get(`${d.id}\u0000basic`) ?? '0.00',
      project: lineOf.get(`${d.id}\u0000project`) ?? '0.00',
      projectForms: projectTotalOf.get(d.id) ?? '0.00',
    }))
    .filter((r) => r.basic !== '0.00' || r.project !== '0.00' || r.projectForms !== '0.00')
    .sort((a, b) => Number(money(b.basic).units + money(b.project).units - (money(a.basic).units + money(a.project).units)));

  // Project forms' categories stand on their own; the other lines are the department forms' splits.
  const budgetByLine = lines.filter((l) => (l.kind === 'project-target') === l.line.startsWith('category:')).map((l) => ({ line: l.line, amount: l.amount }));

  const lightTotals = new Map<string, number>();
  for (const r of lightRows) lightTotals.set(r.light, (lightTotals.get(r.light) ?? 0) + Number(r.n));

  const children = department ? [] : await drillDown(db, regionId, inScope, departments, perGroup, year, round?.id ?? null);
  const averages = new Map(evaluationRows.map((r) => [r.year, r.average]));
  const formRows = department ? await departmentForms(db, actor, department.id, path, year, round?.id ?? null) : null;

  return {
    scope: { region: { id: regionId, name: regionName }, path: breadcrumb, department, year, years: years.map((y) => y.year) },
    formsByState: [...byState.values()],
    findingsByFamily: findings.map((r) => ({ family: r.family, severity: r.severity, n: Number(r.n), forms: Number(r.forms) })).sort((a, b) => b.n - a.n),
    budgetByDepartment: budgetByDepartment.slice(0, PER_DEPARTMENT_ROWS),
    budgetByLine,
    lights: { round: round ? { id: round.id, name: round.name, through: round.through } : null, counts: [...lightTotals].map(([light, n]) => ({ light: light as Light | 'none', n })) },
    grades: grades.map((g) => ({ grade: g.grade as EvaluationGrade | 'none', n: Number(g.n) })),
    scores,
    execution: execution.slice(0, PER_DEPARTMENT_ROWS),
    omitted: { budgetByDepartment: Math.max(0, budgetByDepartment.length - PER_DEPARTMENT_ROWS), execution: Math.max(0, execution.length - PER_DEPARTMENT_ROWS) },
    children,
    trends: trendRows.map((r) => ({
      year: r.year,
      forms: Number(r.forms),
      budget: r.budget,
      errorsPerForm: (Number(r.forms) === 0 ? 0 : Number(r.errors) / Number(r.forms)).toFixed(2),
      averageScore: averages.get(r.year) ?? null,
      published: Number(r.published),
    })),
    forms: formRows,
    rectification: await rectificationsByDepartment(db, actor, { year, regionId, departmentId: department?.id }),
  };
}

/** One row per sub-region (its whole subtree) and per department directly in the region. */
async function drillDown(
  db: Kysely<Database>,
  regionId: string,
  inScope: readonly string[] | SelectQueryBuilder<Database, 'departments', { id: string }>,
  departments: ReadonlyArray<{ id: string; name: string; region_id: string }>,
  perGroup: ReadonlyArray<{ department_id: string; kind: DocumentKind; state: DeclarationState; n: string; errors: string; budget: string }>,
  year: number,
  roundId: string | null,
): Promise<DashboardChild[]> {
  if (departments.length === 0) {
    const regions = await db.selectFrom('regions').select(['id', 'name']).where('parent_id', '=', regionId).orderBy('name').execute();
    return regions.map((r) => ({ kind: 'region', id: r.id, name: r.name, departments: 0, forms: 0, submitted: 0, errors: 0, budget: '0.00', averageScore: null, redLights: 0 }));
  }
  const [scores, reds, subRegions] = await Promise.all([
    db.selectFrom('documents').select(['department_id', sql<string | null>`score::text`.as('total')]).where('kind', '=', 'self-evaluation').where('department_id', 'in', inScope).where('year', '=', year).where('state', '!=', 'draft').where('score', 'is not', null).execute(),
    roundId
      ? db.selectFrom('documents').select(['department_id', (eb) => eb.fn.countAll<string>().as('n')]).where('kind', '=', 'monitoring-report').where('parent_id', '=', roundId).where('department_id', 'in', inScope).where('state', '!=', 'draft').where('light', '=', 'red').groupBy('department_id').execute()
      : Promise.resolve([]),
    db.selectFrom('regions').select(['id', 'name']).where('parent_id', '=', regionId).orderBy('name').execute(),
  ]);
  const formsOf = new Map<string, { forms: number; submitted: number; errors: number; budgets: string[] }>();
  for (const g of perGroup) {
    const entry = formsOf.get(g.department_id) ?? { forms: 0, submitted: 0, errors: 0, budgets: [] };
    entry.forms += Number(g.n);
    if (g.state !== 'draft') entry.submitted += Number(g.n);
    entry.errors += Number(g.errors);
    if (g.kind === 'department-target') entry.budgets.push(g.budget);
    formsOf.set(g.department_id, entry);
  }
  const redsOf = new Map(reds.map((r) => [r.department_id, r.n]));
  const scoresOf = new Map<string, string[]>();
  for (const score of scores) if (score.total !== null) scoresOf.set(score.department_id, [...(scoresOf.get(score.department_id) ?? []), score.total]);
  // Which row each department adds to: its own, or the sub-region it lies under.
  const bucketOf = new Map<string, { kind: 'region' | 'department'; id: string; name: string }>();
  for (const sub of subRegions) for (const id of await regionSubtree(db, sub.id)) bucketOf.set(id, { kind: 'region', id: sub.id, name: sub.name });
  const rows = new Map<string, DashboardChild & { scoreSum: number; scored: number; budgets: string[] }>();
  for (const sub of subRegions) rows.set(sub.id, { kind: 'region', id: sub.id, name: sub.name, departments: 0, forms: 0, submitted: 0, errors: 0, budget: '0.00', averageScore: null, redLights: 0, scoreSum: 0, scored: 0, budgets: [] });
  for (const d of departments) {
    const bucket = d.region_id === regionId ? { kind: 'department' as const, id: d.id, name: d.name } : bucketOf.get(d.region_id);
    if (!bucket) continue;
    const row = rows.get(bucket.id) ?? { ...bucket, departments: 0, forms: 0, submitted: 0, errors: 0, budget: '0.00', averageScore: null, redLights: 0, scoreSum: 0, scored: 0, budgets: [] };
    row.departments++;
    const f = formsOf.get(d.id);
    if (f) {
      row.forms += f.forms;
      row.submitted += f.submitted;
      row.errors += f.errors;
      row.budgets.push(...f.budgets);
    }
    for (const total of scoresOf.get(d.id) ?? []) {
      row.scoreSum += Number(total);
      row.scored++;
    }
    row.redLights += Number(redsOf.get(d.id) ?? 0);
    rows.set(bucket.id, row);
  }
  return [...rows.values()].map(({ scoreSum, scored, budgets, ...row }) => ({ ...row, budget: sumOf(budgets), averageScore: scored === 0 ? null : (scoreSum / scored).toFixed(2) }));
}

/** A department's forms of the year with their light and grade; drafts listed, opened only by whom the policy lets. */
async function departmentForms(db: Kysely<Database>, actor: Actor, departmentId: string, regionPathIds: readonly string[], year: number, roundId: string | null): Promise<DashboardForm[]> {
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'kind', 'project_name', 'state', 'budget_total', 'error_count', 'warning_count'])
    .where('kind', 'in', DOCUMENT_KINDS)
    .where('department_id', '=', departmentId)
    .where('year', '=', year)
    .orderBy('kind')
    .orderBy('project_name')
    .execute();
  const ids = rows.length === 0 ? ['\u0000'] : rows.map((r) => r.id);
  const [lights, evaluations] = await Promise.all([
    roundId ? db.selectFrom('documents').select(['target_id', 'light as light_overall', 'state']).where('kind', '=', 'monitoring-report').where('parent_id', '=', roundId).where('target_id', 'in', ids).execute() : Promise.resolve([]),
    db.selectFrom('documents').select(['target_id', 'grade', sql<string | null>`score::text`.as('total'), 'state']).where('kind', '=', 'self-evaluation').where('target_id', 'in', ids).execute(),
  ]);
  return rows.map((r) => {
    const light = lights.find((l) => l.target_id === r.id && l.state !== 'draft');
    const evaluation = evaluations.find((e) => e.target_id === r.id && e.state !== 'draft');
    return {
      id: r.id,
      kind: r.kind as DocumentKind,
      projectName: r.project_name,
      state: r.state as DeclarationState,
      budget: r.budget_total === null ? null : twoPlaces(r.budget_total),
      errors: r.error_count,
      warnings: r.warning_count,
      light: light?.light_overall ?? null,
      grade: (evaluation?.grade ?? null) as EvaluationGrade | null,
      score: evaluation?.total == null ? null : twoPlaces(evaluation.total),
      canOpen: canOnDocument(actor, 'read', { departmentId, regionPath: regionPathIds, state: r.state }, kindOf(r.kind)),
    };
  });
}

/** Refuses a year outside what a form can have. */
export function dashboardYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError(400, 'validation-failed', '年度须在 2000–2100 之间', 'the year is 2000–2100', [{ field: 'year', message: 'out of range' }]);
  return year;
}
