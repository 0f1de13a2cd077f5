/**
 * 结果应用 in the store: a region's rules by budget year (a version per save, inherited by the regions
 * below), the results of the year before read from the documents of every kind, the proposals'
 * table, the bureau's exceptions (each with its reason) and its approval. Who sees what: a department
 * its own rows, a bureau (its admins and reviewers) its region and below, experts and agencies nothing.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { canManageRegion, oversightRegion, type Actor } from '../../core/policy.ts';
import type { Decision } from '../../core/assessment/assessment.ts';
import type { Light } from '../../core/monitoringReport.ts';
import type { EvaluationGrade } from '../../core/selfEvaluation.ts';
import { formatMoney, money } from '../../core/money.ts';
import { proposalTable, proposeRow, type ProjectResults, type ProposalException, type ProposalTable } from '../../core/results/proposal.ts';
import { DEFAULT_RESULT_RULES, ruleName, type ResultRules } from '../../core/results/rules.ts';
import type { ProposalRecord } from '../../core/rules/rule.ts';
import { resultRulesSchema } from '../../format/resultsSchema.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { Database } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { departmentWithPath, regionPath } from './organisations.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Where a table is looked at: a region (and below), or one department. */
export interface ResultScope {
  readonly year: number;
  readonly regionId: string;
  readonly regionName: string;
  readonly department: { readonly id: string; readonly name: string } | null;
}

const outside = (field: string): AppError => new AppError(403, 'outside-your-region', '不在您管理的区划内', 'this is outside the region you administer', [{ field, message: 'outside your region' }]);

/** Does the actor oversee a region path as a bureau (its admin or reviewer)? */
function oversees(actor: Actor, path: readonly string[]): boolean {
  if (actor.role !== 'admin' && actor.role !== 'reviewer') return false;
  const region = oversightRegion(actor);
  return region === null ? actor.role === 'admin' : path.includes(region);
}

/**
 * The scope an actor asks for, or why not: a department's people only their own department (asking
 * for another's is a 404, as for a document they may not read); experts and agencies nothing.
 */
export async function resultScope(db: Db, actor: Actor, query: { year: number; regionId?: string | undefined; departmentId?: string | undefined }): Promise<ResultScope & { readonly path: readonly string[] }> {
  if (actor.role === 'expert' || actor.role === 'agency') throw forbidden();
  if (actor.role === 'editor' || actor.role === 'approver') {
    if (actor.departmentId === null || (query.departmentId !== undefined && query.departmentId !== actor.departmentId)) throw notFound('department', '部门');
    if (query.regionId !== undefined) throw notFound('region', '区划');
    const found = await departmentWithPath(db, actor.departmentId);
    const region = await db.selectFrom('regions').select('name').where('id', '=', found.regionId).executeTakeFirstOrThrow();
    return { year: query.year, regionId: found.regionId, regionName: region.name, department: { id: found.id, name: found.name }, path: found.regionPath };
  }
  let department: ResultScope['department'] = null;
  let regionId = query.regionId ?? actor.regionId;
  let path: readonly string[];
  if (query.departmentId !== undefined) {
    const found = await departmentWithPath(db, query.departmentId);
    department = { id: found.id, name: found.name };
    regionId = found.regionId;
    path = found.regionPath;
  } else {
    if (regionId === null || regionId === undefined) throw new AppError(400, 'validation-failed', '请指定区划', 'name the region', [{ field: 'regionId', message: 'required' }]);
    const exists = await db.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst();
    if (!exists) throw notFound('region', '区划');
    path = await regionPath(db, regionId);
  }
  if (!oversees(actor, path)) throw notFound(department ? 'department' : 'region', department ? '部门' : '区划');
  const region = await db.selectFrom('regions').select('name').where('id', '=', regionId).executeTakeFirstOrThrow();
  return { year: query.year, regionId, regionName: region.name, department, path };
}

// ——— rules ———

/** A version of a region's rules as the API shows it. */
export interface RulesVersion {
  readonly regionId: string;
  readonly year: number;
  /** null: nobody saved rules on the path, the defaults are in force. */
  readonly version: number | null;
  readonly rules: ResultRules;
  readonly createdBy: string | null;
  readonly createdAt: string | null;
  /** The rules are the region's own (false: inherited from a region above, or the defaults). */
  readonly own: boolean;
}

/** The rules in force for a region path and budget year: the nearest region's latest version, else the defaults. */
export async function rulesInForce(db: Db, path: readonly string[], year: number): Promise<RulesVersion> {
  const rows = path.length === 0 ? [] : await db.selectFrom('result_rules').selectAll().where('region_id', 'in', path).where('year', '=', year).where('kind', '=', 'proposal').orderBy('version', 'desc').execute();
  for (const regionId of path) {
    const row = rows.find((r) => r.region_id === regionId);
    if (row) return { regionId, year, version: row.version, rules: row.rules as ResultRules, createdBy: row.created_by, createdAt: row.created_at, own: regionId === path[0] };
  }
  return { regionId: path[0] ?? '', year, version: null, rules: DEFAULT_RESULT_RULES, createdBy: null, createdAt: null, own: false };
}

/** Every saved version of a region's rules for a year, newest first. */
export async function rulesHistory(db: Db, regionId: string, year: number): Promise<RulesVersion[]> {
  const rows = await db.selectFrom('result_rules').selectAll().where('region_id', '=', regionId).where('year', '=', year).where('kind', '=', 'proposal').orderBy('version', 'desc').execute();
  return rows.map((r) => ({ regionId, year, version: r.version, rules: r.rules as ResultRules, createdBy: r.created_by, createdAt: r.created_at, own: true }));
}

/** Saves a region's rules as a new version; only the region's admins (and the system's). */
export async function saveRules(trx: Transaction<Database>, actor: Actor, input: { regionId: string; year: number; rules: unknown }): Promise<RulesVersion> {
  const exists = await trx.selectFrom('regions').select('id').where('id', '=', input.regionId).executeTakeFirst();
  if (!exists) throw notFound('region', '区划');
  if (!canManageRegion(actor, await regionPath(trx, input.regionId))) throw outside('regionId');
  const parsed = resultRulesSchema.safeParse(input.rules);
  if (!parsed.success) throw new AppError(400, 'validation-failed', '结果应用规则有误', 'invalid rules', parsed.error.issues.slice(0, 20).map((i) => ({ field: ['rules', ...i.path].join('.'), message: i.message })));
  // One saver at a time per region: the version numbers never collide.
  await sql`select id from regions where id = ${input.regionId} for update`.execute(trx);
  const latest = await trx.selectFrom('result_rules').select(sql<number>`coalesce(max(version), 0)`.as('v')).where('region_id', '=', input.regionId).where('year', '=', input.year).where('kind', '=', 'proposal').executeTakeFirstOrThrow();
  const version = Number(latest.v) + 1;
  const now = new Date().toISOString();
  const id = randomUUID();
  await trx.insertInto('result_rules').values({ id, region_id: input.regionId, year: input.year, kind: 'proposal', version, rules: JSON.stringify(parsed.data), created_by: actor.id, created_at: now }).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'results.rules-save', entity: 'result-rules', entityId: id, toVersion: version, detail: { regionId: input.regionId, year: input.year } });
  return { regionId: input.regionId, year: input.year, version, rules: parsed.data, createdBy: actor.id, createdAt: now, own: true };
}

// ——— the results of the year before ———

const PROJECT_STATES = ['approved', 'published'];
const EVALUATION_STATES = ['accepted', 'published'];
const REPORT_STATES = ['submitted', 'accepted'];
const DECIDED = ['concluded', 'released'];

const isGrade = (g: string | null): g is EvaluationGrade => g === '优' || g === '良' || g === '中' || g === '差';

/**
 * Every continuing project of the scope — an approved or published project form of the results'
 * year — with its results, read set-wise (a province's hundred thousand in a handful of queries):
 * the self-evaluation's grade, a sampling review's, a key evaluation's, an ex-ante conclusion on this
 * or next year's form, the year's last monitoring light, and next year's form as the request.
 */
export async function resultLines(db: Db, scope: Pick<ResultScope, 'year' | 'regionId' | 'department'>): Promise<Array<ProjectResults & { regionId: string }>> {
  const resultsYear = scope.year - 1;
  const inScope = scope.department ? sql`select ${scope.department.id}::text as id` : sql`select id from departments where region_id in ${subtreeQuery(scope.regionId)}`;
  const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));
  // One row per project, joined in the database: a province's hundred thousand projects come back
  // as one result set, not one per kind of result (the heap, not the queries, was the cost).
  const [rows, decided, reports] = await Promise.all([sql<{
    id: string;
    department_id: string;
    department: string;
    region_id: string;
    project_name: string | null;
    project_code: string | null;
    title: string | null;
    amount: string | null;
    e_id: string | null;
    e_grade: string | null;
    q_id: string | null;
    q_amount: string | null;
  }>`
    with dep as (${inScope}),
    p as (
      select id, department_id, project_name, project_code, title, budget_total from documents
      where kind = 'project-target' and year = ${resultsYear} and state in (${list(PROJECT_STATES)}) and department_id in (select id from dep)
    ),
    -- One self-evaluation per form (a unique index), one next-year form per project name (the write
    -- path's rule): no sorting to pick one. A code two forms share is rare; its extra rows are dropped below.
    e as (
      select id, target_id, grade from documents
      where kind = 'self-evaluation' and state in (${list(EVALUATION_STATES)}) and year = ${resultsYear} and department_id in (select id from dep)
    ),
    q as (
      select id, department_id, nullif(btrim(project_code), '') as code, nullif(btrim(project_name), '') as name, budget_total from documents
      where kind = 'project-target' and year = ${scope.year} and department_id in (select id from dep)
    ),
    qc as (select * from q where code is not null),
    qn as (select * from q where name is not null)
    select p.id, p.department_id, dp.name as department, dp.region_id, p.project_name, p.project_code, p.title, p.budget_total::text as amount,
      e.id as e_id, e.grade as e_grade,
      coalesce(qc.id, qn.id) as q_id, coalesce(qc.budget_total, qn.budget_total)::text as q_amount
    from p
    join departments dp on dp.id = p.department_id
    left join e on e.target_id = p.id
    left join qc on qc.department_id = p.department_id and qc.code = nullif(btrim(p.project_code), '')
    left join qn on qn.department_id = p.department_id and qn.name = nullif(btrim(p.project_name), '')
  `.execute(db),
    // The bureau's concluded assessments of the scope (a few per hundred projects), matched below: joined
    // in SQL their small, badly estimated sets made the planner loop.
    db
      .selectFrom('documents')
      .select(['id', 'target_id', 'grade', sql<string | null>`facts->>'purpose'`.as('purpose'), sql<Decision | null>`facts->>'decision'`.as('decision'), sql<string | null>`facts->>'cut'`.as('cut')])
      .where('kind', '=', 'assessment')
      .where('state', 'in', DECIDED)
      .where('year', 'in', [resultsYear, scope.year])
      .where('department_id', 'in', scope.department ? [scope.department.id] : db.selectFrom('departments').select('id').where('region_id', 'in', subtreeQuery(scope.regionId)))
      .orderBy('decided_at')
      .orderBy('id')
      .execute(),
    // The year's monitoring reports, in their rounds' order: the last one's light is the one left.
    db
      .selectFrom('documents as d')
      .leftJoin('monitoring_rounds as m', 'm.id', 'd.parent_id')
      .select(['d.id', 'd.target_id', 'd.light'])
      .where('d.kind', '=', 'monitoring-report')
      .where('d.state', 'in', REPORT_STATES)
      .where('d.year', '=', resultsYear)
      .where('d.department_id', 'in', scope.department ? [scope.department.id] : db.selectFrom('departments').select('id').where('region_id', 'in', subtreeQuery(scope.regionId)))
      .orderBy('m.through')
      .orderBy('d.created_at')
      .orderBy('d.id')
      .execute(),
  ]);
  const lastLight = new Map<string, { id: string; light: Light | null }>();
  for (const r of reports) if (r.target_id) lastLight.set(r.target_id, { id: r.id, light: r.light });
  // Later conclusions replace earlier ones.
  const sampling = new Map<string, { id: string; grade: string | null }>();
  const key = new Map<string, { id: string; grade: string | null }>();
  const exAnte = new Map<string, { id: string; decision: Decision; cut: string | null }>();
  for (const a of decided) {
    if (!a.target_id) continue;
    if (a.purpose === 'sampling-review') sampling.set(a.target_id, { id: a.id, grade: a.grade });
    else if (a.purpose === 'key-evaluation') key.set(a.target_id, { id: a.id, grade: a.grade });
    else if (a.purpose === 'ex-ante-project' && a.decision) exAnte.set(a.target_id, { id: a.id, decision: a.decision, cut: a.cut });
  }

  const lines: Array<ProjectResults & { regionId: string }> = [];
  const seen = new Map<string, number>();
  for (const p of rows.rows) {
    // A project matched by two next-year forms comes twice: the form of the smaller id is its request.
    const at = seen.get(p.id);
    if (at !== undefined && (lines[at]?.request?.id ?? '') <= (p.q_id ?? '')) continue;
    if (at === undefined) seen.set(p.id, lines.length);
    const review = p.e_id ? sampling.get(p.e_id) : undefined;
    const keyed = key.get(p.id);
    const light = lastLight.get(p.id);
    // An ex-ante conclusion on next year's form, else on this year's.
    const ante = (p.q_id ? exAnte.get(p.q_id) : undefined) ?? exAnte.get(p.id);
    const line = {
      year: resultsYear,
      regionId: p.region_id,
      department: p.department,
      departmentId: p.department_id,
      project: p.project_name?.trim() || p.title || p.id,
      code: p.project_code?.trim() || null,
      projectId: p.id,
      // numeric(20, 6) as text ("100.000000"): canonical already, the core formats it.
      amount: p.amount ?? '0.00',
      selfEvaluation: p.e_id && isGrade(p.e_grade) ? { grade: p.e_grade, id: p.e_id } : null,
      samplingReview: review && isGrade(review.grade) ? { grade: review.grade, id: review.id } : null,
      keyEvaluation: keyed && isGrade(keyed.grade) ? { grade: keyed.grade, id: keyed.id } : null,
      exAnte: ante ? { decision: ante.decision, cut: ante.cut, id: ante.id } : null,
      monitoring: light?.light ? { light: light.light, rectified: false, id: light.id } : null,
      request: p.q_id && p.q_amount ? { amount: p.q_amount, id: p.q_id } : null,
    };
    if (at === undefined) lines.push(line);
    else lines[at] = line;
  }
  return lines;
}

/** Every region at or below a region, as a recursive subquery (no list of ids in SQL). */
function subtreeQuery(regionId: string) {
  return sql<string>`(with recursive t(id) as (select id from regions where id = ${regionId} union all select r.id from regions r join t on r.parent_id = t.id) select id from t)`;
}

/** The proposals of a scope with its rules and exceptions, and the approval in force. */
export interface Proposals extends ProposalTable {
  readonly scope: ResultScope;
  readonly rules: RulesVersion;
  readonly approval: { readonly approvedAt: string; readonly approvedBy: string; readonly rulesVersion: number | null; readonly total: string; readonly count: number } | null;
}

/** The bureau's latest exception per project of a scope. */
async function exceptionsOf(db: Db, scope: Pick<ResultScope, 'year' | 'regionId' | 'department'>): Promise<Map<string, ProposalException>> {
  let query = db.selectFrom('result_exceptions').select(['project_key', sql<string>`amount::text`.as('amount'), 'reason', 'created_by', 'created_at']).where('year', '=', scope.year);
  query = scope.department ? query.where('department_id', '=', scope.department.id) : query.where('region_id', 'in', subtreeQuery(scope.regionId));
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  const map = new Map<string, ProposalException>();
  for (const r of rows) map.set(r.project_key, { amount: formatMoney(money(r.amount)), reason: r.reason, by: r.created_by, at: r.created_at });
  return map;
}

/** The rules in force for every region of the lines (each department's region's nearest rules). */
async function rulesByRegion(db: Db, year: number, regionIds: ReadonlySet<string>): Promise<Map<string, RulesVersion>> {
  const regions = await db.selectFrom('regions').select(['id', 'parent_id']).execute();
  const parent = new Map(regions.map((r) => [r.id, r.parent_id]));
  const saved = await db.selectFrom('result_rules').selectAll().where('year', '=', year).where('kind', '=', 'proposal').orderBy('version', 'desc').execute();
  const latest = new Map<string, (typeof saved)[number]>();
  for (const r of saved) if (!latest.has(r.region_id)) latest.set(r.region_id, r);
  const out = new Map<string, RulesVersion>();
  for (const regionId of regionIds) {
    let at: string | null | undefined = regionId;
    let found: RulesVersion = { regionId, year, version: null, rules: DEFAULT_RESULT_RULES, createdBy: null, createdAt: null, own: false };
    while (at) {
      const row = latest.get(at);
      if (row) {
        found = { regionId: at, year, version: row.version, rules: row.rules as ResultRules, createdBy: row.created_by, createdAt: row.created_at, own: at === regionId };
        break;
      }
      at = parent.get(at);
    }
    out.set(regionId, found);
  }
  return out;
}

/** The proposals' table an actor may see. */
export async function proposals(db: Kysely<Database>, actor: Actor, query: { year: number; regionId?: string | undefined; departmentId?: string | undefined }): Promise<Proposals> {
  const { path, ...scope } = await resultScope(db, actor, query);
  return proposalsOf(db, scope, path);
}

/** The proposals of a scope, the caller having checked who asks. */
export async function proposalsOf(db: Db, scope: ResultScope, path: readonly string[]): Promise<Proposals> {
  const [lines, exceptions, rules, approval] = await Promise.all([
    resultLines(db, scope),
    exceptionsOf(db, scope),
    rulesInForce(db, path, scope.year),
    db.selectFrom('result_approvals').select(['approved_at', 'approved_by', 'rules_version', sql<string>`total::text`.as('total'), 'row_count']).where('region_id', '=', scope.regionId).where('year', '=', scope.year).orderBy('approved_at', 'desc').limit(1).executeTakeFirst(),
  ]);
  const byRegion = await rulesByRegion(db, scope.year, new Set(lines.map((l) => l.regionId)));
  const table = proposalTable(scope.year, lines, (line) => {
    const inForce = byRegion.get((line as ProjectResults & { regionId: string }).regionId) ?? rules;
    return { rules: inForce.rules, version: inForce.version };
  }, exceptions);
  return {
    ...table,
    scope,
    rules,
    approval: approval ? { approvedAt: approval.approved_at, approvedBy: approval.approved_by, rulesVersion: approval.rules_version, total: formatMoney(money(approval.total)), count: approval.row_count } : null,
  };
}

/** May the actor adjust and approve a region's proposals (its bureau: admins and reviewers)? */
function requireBureau(actor: Actor, path: readonly string[], field: string): void {
  if (actor.role !== 'admin' && actor.role !== 'reviewer') throw forbidden();
  if (!oversees(actor, path)) throw outside(field);
}

/**
 * Records the bureau's exception for one project of a budget year (调整): the amount and the reason,
 * both required. The project is the results year's approved form; the latest exception counts.
 */
export async function addException(trx: Transaction<Database>, actor: Actor, input: { year: number; projectId: string; amount: string; reason: string }): Promise<{ id: string; projectId: string; amount: string; reason: string; createdAt: string }> {
  if (actor.role !== 'admin' && actor.role !== 'reviewer') throw forbidden();
  const project = await trx.selectFrom('documents').select(['id', 'department_id', 'year', 'kind', 'state']).where('id', '=', input.projectId).executeTakeFirst();
  if (!project || project.kind !== 'project-target') throw notFound('project form', '项目申报表');
  const department = await departmentWithPath(trx, project.department_id);
  // A form outside the bureau's region is one it cannot see: not found, as for documents.
  if (!oversees(actor, department.regionPath)) throw notFound('project form', '项目申报表');
  requireBureau(actor, department.regionPath, 'projectId');
  if (project.year !== input.year - 1 || !PROJECT_STATES.includes(project.state)) {
    throw new AppError(400, 'validation-failed', `该项目不是 ${input.year - 1} 年已审核的项目，不在 ${input.year} 年预算安排建议中`, `the project is not an approved form of ${input.year - 1}, so it has no ${input.year} proposal`, [{ field: 'projectId', message: 'not a continuing project of the year before' }]);
  }
  const reason = input.reason.trim();
  if (reason === '') throw new AppError(400, 'validation-failed', '例外调整须写明理由', 'an exception needs a reason', [{ field: 'reason', message: 'required' }]);
  const id = randomUUID();
  const now = new Date().toISOString();
  const amount = formatMoney(money(input.amount));
  await trx.insertInto('result_exceptions').values({ id, region_id: department.regionId, year: input.year, project_key: project.id, department_id: project.department_id, amount, reason, created_by: actor.id, created_at: now }).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'results.exception', entity: 'result-exception', entityId: id, detail: { year: input.year, projectId: project.id, amount, reason } });
  return { id, projectId: project.id, amount, reason, createdAt: now };
}

/** The bureau approves a region's table as it stands: the rules' version and the sum are recorded. */
export async function approveProposals(trx: Transaction<Database>, actor: Actor, input: { year: number; regionId: string }): Promise<NonNullable<Proposals['approval']>> {
  const exists = await trx.selectFrom('regions').select('id').where('id', '=', input.regionId).executeTakeFirst();
  if (!exists) throw notFound('region', '区划');
  const path = await regionPath(trx, input.regionId);
  requireBureau(actor, path, 'regionId');
  const region = await trx.selectFrom('regions').select('name').where('id', '=', input.regionId).executeTakeFirstOrThrow();
  const table = await proposalsOf(trx, { year: input.year, regionId: input.regionId, regionName: region.name, department: null }, path);
  const now = new Date().toISOString();
  const id = randomUUID();
  await trx.insertInto('result_approvals').values({ id, region_id: input.regionId, year: input.year, rules_version: table.rules.version, row_count: table.total.count, total: table.total.proposed, approved_by: actor.id, approved_at: now }).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'results.approve', entity: 'result-approval', entityId: id, detail: { regionId: input.regionId, year: input.year, rulesVersion: table.rules.version, total: table.total.proposed, count: table.total.count } });
  return { approvedAt: now, approvedBy: actor.id, rulesVersion: table.rules.version, total: table.total.proposed, count: table.total.count };
}

/**
 * A project form's budget proposal, when it continues an approved project of the year before (same
 * department, same code, else same name): what the checker compares its request with.
 */
export async function proposalFor(db: Db, form: { id: string; department_id: string; year: number }, project: { name: string | null; code: string | null }): Promise<ProposalRecord | null> {
  const code = project.code?.trim() || null;
  const name = project.name?.trim() || null;
  if (code === null && name === null) return null;
  let query = db.selectFrom('documents').select(['id']).where('kind', '=', 'project-target').where('department_id', '=', form.department_id).where('year', '=', form.year - 1).where('state', 'in', PROJECT_STATES);
  query = code !== null ? query.where('project_code', '=', code) : query.where('project_name', '=', name);
  const last = await query.orderBy('id').limit(1).executeTakeFirst();
  if (!last) return null;
  const department = await departmentWithPath(db, form.department_id);
  const scope = { year: form.year, regionId: department.regionId, department: { id: department.id, name: department.name } };
  const [lines, exceptions, rules] = await Promise.all([resultLines(db, scope), exceptionsOf(db, scope), rulesInForce(db, department.regionPath, form.year)]);
  const line = lines.find((l) => l.projectId === last.id);
  if (!line) return null;
  const row = proposeRow(line, rules.rules, exceptions.get(last.id) ?? null, rules.version);
  const deciding = row.fired.find((f) => f.rule === row.rule);
  const because = row.exception ? { zh: `例外调整：${row.exception.reason}`, en: `exception: ${row.exception.reason}` } : deciding ? { zh: deciding.zh, en: deciding.en } : ruleName(row.rule);
  return { project: last.id, lastAmount: row.lastAmount, proposed: row.proposed, rule: row.rule, rulesVersion: row.rulesVersion, because, source: deciding?.source ?? null };
}
