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
  const departments = scope.department
    ? db.selectFrom('departments').select('departments.id').where('departments.id', '=', scope.department.id)
    : db.selectFrom('departments').select('departments.id').where('departments.region_id', 'in', subtreeQuery(scope.regionId));
  const projectIds = db.selectFrom('documents').select('documents.id').where('documents.kind', '=', 'project-target').where('documents.year', '=', resultsYear).where('documents.state', 'in', PROJECT_STATES).where('documents.department_id', 'in', departments);
  const [projects, evaluations, assessments, reports, requests] = await Promise.all([
    db
      .selectFrom('documents as p')
      .innerJoin('departments as d', 'd.id', 'p.department_id')
      .select(['p.id', 'p.department_id', 'd.name as department', 'd.region_id', 'p.project_name', 'p.project_code', 'p.title', sql<string | null>`p.budget_total::text`.as('amount')])
      .where('p.kind', '=', 'project-target')
      .where('p.year', '=', resultsYear)
      .where('p.state', 'in', PROJECT_STATES)
      .where('p.department_id', 'in', departments)
      .execute(),
    db.selectFrom('documents').select(['id', 'target_id', 'grade']).where('kind', '=', 'self-evaluation').where('state', 'in', EVALUATION_STATES).where('target_id', 'in', projectIds).execute(),
    db
      .selectFrom('documents')
      .select(['id', 'target_id', 'grade', sql<string | null>`facts->>'purpose'`.as('purpose'), sql<Decision | null>`facts->>'decision'`.as('decision'), sql<string | null>`facts->>'cut'`.as('cut'), 'decided_at'])
      .where('kind', '=', 'assessment')
      .where('state', 'in', DECIDED)
      .where('department_id', 'in', departments)
      .where('year', 'in', [resultsYear, scope.year])
      .orderBy('decided_at')
      .execute(),
    db
      .selectFrom('documents as r')
      .leftJoin('monitoring_rounds as m', 'm.id', 'r.parent_id')
      .select(['r.id', 'r.target_id', 'r.light'])
      .where('r.kind', '=', 'monitoring-report')
      .where('r.state', 'in', REPORT_STATES)
      .where('r.target_id', 'in', projectIds)
      .orderBy('m.through')
      .orderBy('r.created_at')
      .execute(),
    db
      .selectFrom('documents')
      .select(['id', 'department_id', 'project_name', 'project_code', sql<string | null>`budget_total::text`.as('amount')])
      .where('kind', '=', 'project-target')
      .where('year', '=', scope.year)
      .where('department_id', 'in', departments)
      .execute(),
  ]);

  const evaluationOf = new Map<string, { id: string; grade: string | null }>();
  const projectOfEvaluation = new Map<string, string>();
  for (const e of evaluations) if (e.target_id) {
    evaluationOf.set(e.target_id, { id: e.id, grade: e.grade });
    projectOfEvaluation.set(e.id, e.target_id);
  }
  // Next year's form of a project: by code, else by name, within the department.
  const requestOf = new Map<string, { id: string; amount: string | null }>();
  for (const r of requests) {
    if (r.project_code?.trim()) requestOf.set(`${r.department_id}\u0000c\u0000${r.project_code.trim()}`, r);
    if (r.project_name?.trim()) requestOf.set(`${r.department_id}\u0000n\u0000${r.project_name.trim()}`, r);
  }
  const requestIds = new Map(requests.map((r) => [r.id, r]));
  const lastLight = new Map<string, { id: string; light: Light | null }>();
  for (const r of reports) if (r.target_id) lastLight.set(r.target_id, { id: r.id, light: r.light });
  const sampling = new Map<string, { id: string; grade: string | null }>();
  const key = new Map<string, { id: string; grade: string | null }>();
  const exAnte = new Map<string, { id: string; decision: Decision; cut: string | null }>();
  // The project a next-year form continues, filled below once projects are known.
  const continuing = new Map<string, string>();
  const lines: Array<ProjectResults & { regionId: string }> = [];
  for (const p of projects) {
    const request = (p.project_code?.trim() ? requestOf.get(`${p.department_id}\u0000c\u0000${p.project_code.trim()}`) : undefined) ?? (p.project_name?.trim() ? requestOf.get(`${p.department_id}\u0000n\u0000${p.project_name.trim()}`) : undefined);
    if (request) continuing.set(request.id, p.id);
  }
  // Later conclusions replace earlier ones (ordered by decided_at).
  for (const a of assessments) {
    if (!a.target_id) continue;
    if (a.purpose === 'sampling-review') {
      const project = projectOfEvaluation.get(a.target_id);
      if (project) sampling.set(project, { id: a.id, grade: a.grade });
    } else if (a.purpose === 'key-evaluation') key.set(a.target_id, { id: a.id, grade: a.grade });
    else if (a.purpose === 'ex-ante-project' && a.decision) {
      const project = requestIds.has(a.target_id) ? continuing.get(a.target_id) : a.target_id;
      if (project) exAnte.set(project, { id: a.id, decision: a.decision, cut: a.cut });
    }
  }
  const requestByProject = new Map([...continuing].map(([formId, projectId]) => [projectId, requestIds.get(formId)]));
  for (const p of projects) {
    const self = evaluationOf.get(p.id);
    const review = sampling.get(p.id);
    const keyed = key.get(p.id);
    const ante = exAnte.get(p.id);
    const light = lastLight.get(p.id);
    const request = requestByProject.get(p.id);
    lines.push({
      year: resultsYear,
      regionId: p.region_id,
      department: p.department,
      departmentId: p.department_id,
      project: p.project_name?.trim() || p.title || p.id,
      code: p.project_code?.trim() || null,
      projectId: p.id,
      // numeric(20, 6) as text ("100.000000"): canonical already, the core formats it.
      amount: p.amount ?? '0.00',
      selfEvaluation: self && isGrade(self.grade) ? { grade: self.grade, id: self.id } : null,
      samplingReview: review && isGrade(review.grade) ? { grade: review.grade, id: review.id } : null,
      keyEvaluation: keyed && isGrade(keyed.grade) ? { grade: keyed.grade, id: keyed.id } : null,
      exAnte: ante ? { decision: ante.decision, cut: ante.cut, id: ante.id } : null,
      monitoring: light?.light ? { light: light.light, rectified: false, id: light.id } : null,
      request: request?.amount ? { amount: request.amount, id: request.id } : null,
    });
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
