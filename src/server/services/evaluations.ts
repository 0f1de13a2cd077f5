/**
 * Year-end self-evaluations in the store: one per approved or published target form, prefilled from
 * its targets and the year's last monitoring round, scored on every save, reviewed by the finance
 * bureau and published with the final accounts. The one write path is `saveEvaluationVersion`: it
 * writes the computed scores into the content, runs rules E1–E10 with the region's settings, stores the
 * version and the columns the overview sorts and counts on, and audits — in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TargetDocument } from '../../core/document.ts';
import { checkSelfEvaluation } from '../../core/evaluation/evaluationRules.ts';
import { evaluationActionsFrom, evaluationTransition, EVALUATION_STATE_NAMES, EVALUATION_STATES, isEvaluationEditable, type EvaluationRequest, type EvaluationState } from '../../core/evaluation/evaluationWorkflow.ts';
import { lockEvaluationParts, prefillEvaluation, withScores } from '../../core/evaluation/prefill.ts';
import type { ScoringConfig } from '../../core/evaluation/scoring.ts';
import { twoPlaces } from '../../core/monitoring/ratio.ts';
import { pointerExists } from '../../core/jsonDiff.ts';
import type { MonitoringReport } from '../../core/monitoringReport.ts';
import { canOnEvaluation, oversightRegion, type Actor, type EvaluationPolicyAction } from '../../core/policy.ts';
import type { RuleSetting } from '../../core/rules/checkConfig.ts';
import { EVALUATION_GRADES, type EvaluationGrade, type SelfEvaluation } from '../../core/selfEvaluation.ts';
import { STATE_NAMES } from '../../core/workflow.ts';
import type { EvaluationOverview, EvaluationSummary, EvaluationView, OwedEvaluation } from '../../format/apiTypes.ts';
import { parseScoringConfig } from '../../format/scoringConfigSchema.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { Database, SelfEvaluationsTable } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { departmentWithPath, effectiveSettings, regionSubtree } from './organisations.ts';
import { notify } from './notifications.ts';

type Db = Kysely<Database> | Transaction<Database>;

const ACTION_NAMES: Record<EvaluationRequest['action'], { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'submitted' },
  return: { zh: '退回', en: 'returned' },
  accept: { zh: '审核通过', en: 'accepted' },
  publish: { zh: '公开', en: 'published' },
};

/** The scoring settings in force for a region path (its bureau's, else the defaults). */
async function configFor(db: Db, path: readonly string[]): Promise<{ config: ScoringConfig; rules: Record<string, RuleSetting> }> {
  const parsed = parseScoringConfig((await effectiveSettings(db, path)).scoring ?? {});
  return parsed.ok ? parsed : (parseScoringConfig({}) as { ok: true; config: ScoringConfig; rules: Record<string, RuleSetting> });
}

async function loadEvaluation(db: Db, id: string) {
  const row = await db.selectFrom('self_evaluations').innerJoin('departments', 'departments.id', 'self_evaluations.department_id').selectAll('self_evaluations').select('departments.name as department_name').where('self_evaluations.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('self-evaluation', '绩效自评表');
  const department = await departmentWithPath(db, row.department_id);
  return { row, regionPath: department.regionPath };
}

/** Loads a self-evaluation and checks the actor may do `action`; one the actor may not read is a 404. */
async function authorizeEvaluation(db: Db, actor: Actor | null, id: string, action: EvaluationPolicyAction) {
  const loaded = await loadEvaluation(db, id);
  const resource = { departmentId: loaded.row.department_id, regionPath: loaded.regionPath, state: loaded.row.state };
  if (!canOnEvaluation(actor, 'read', resource)) throw notFound('self-evaluation', '绩效自评表');
  if (!canOnEvaluation(actor, action, resource)) throw forbidden();
  return loaded;
}

type Row = SelfEvaluationsTable & { department_name: string };

function summaryOf(row: Row): EvaluationSummary {
  return {
    id: row.id,
    departmentId: row.department_id,
    departmentName: row.department_name,
    targetId: row.target_id,
    targetKind: row.target_kind,
    targetVersion: row.target_version,
    year: row.year,
    projectName: row.project_name,
    state: row.state,
    version: row.current_version,
    total: row.total === null ? null : twoPlaces(String(row.total)),
    grade: row.grade,
    executionRate: row.execution_rate === null ? null : twoPlaces(String(row.execution_rate)),
    errorCount: row.error_count,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** The write path: scores written in, rules run, version stored, summary columns updated, audited. */
async function saveEvaluationVersion(
  trx: Transaction<Database>,
  input: { id: string; version: number; content: SelfEvaluation; authorId: string; note: string | null; path: readonly string[]; action: string; fromVersion: number | null },
): Promise<void> {
  const { config, rules } = await configFor(trx, input.path);
  const content = withScores(input.content, config);
  const { findings, score } = checkSelfEvaluation(content, config, rules);
  const now = new Date().toISOString();
  await trx.insertInto('self_evaluation_versions').values({ evaluation_id: input.id, version: input.version, content: JSON.stringify(content), findings: JSON.stringify(findings), author_id: input.authorId, created_at: now, note: input.note }).execute();
  await trx
    .updateTable('self_evaluations')
    .set({
      current_version: input.version,
      total: score.total,
      grade: score.grade,
      execution_rate: score.funds.rate,
      budget_annual: content.funds.annualBudget,
      budget_executed: content.funds.executed,
      error_count: findings.filter((f) => f.severity === 'error').length,
      updated_at: now,
    })
    .where('id', '=', input.id)
    .execute();
  await appendAudit(trx, { actorId: input.authorId, action: input.action, entity: 'self-evaluation', entityId: input.id, fromVersion: input.fromVersion, toVersion: input.version });
}

/** The target forms of a year the actor's department owes a self-evaluation on, with the ones begun. */
export async function owedEvaluations(db: Kysely<Database>, actor: Actor, year: number): Promise<OwedEvaluation[]> {
  if (!actor.departmentId) return [];
  const targets = await db
    .selectFrom('declarations')
    .leftJoin('self_evaluations', 'self_evaluations.target_id', 'declarations.id')
    .select(['declarations.id', 'declarations.kind', 'declarations.title', 'declarations.project_name', 'declarations.state', 'self_evaluations.id as evaluation_id'])
    .where('declarations.department_id', '=', actor.departmentId)
    .where('declarations.year', '=', year)
    .where('declarations.state', 'in', ['approved', 'published'])
    .orderBy('declarations.kind')
    .orderBy('declarations.project_name')
    .execute();
  const begun = targets.flatMap((t) => (t.evaluation_id ? [t.evaluation_id] : []));
  const rows = begun.length === 0 ? [] : await db.selectFrom('self_evaluations').innerJoin('departments', 'departments.id', 'self_evaluations.department_id').selectAll('self_evaluations').select('departments.name as department_name').where('self_evaluations.id', 'in', begun).execute();
  const byId = new Map(rows.map((r) => [r.id, summaryOf(r)]));
  return targets.map((t) => ({ targetId: t.id, targetKind: t.kind, title: t.title, projectName: t.project_name, evaluation: t.evaluation_id ? (byId.get(t.evaluation_id) ?? null) : null }));
}

/** Starts the self-evaluation of a target form: approved or published only (409 otherwise), one per form. */
export async function createEvaluation(trx: Transaction<Database>, actor: Actor, input: { targetId: string }): Promise<string> {
  const target = await trx.selectFrom('declarations').selectAll().where('id', '=', input.targetId).executeTakeFirst();
  if (!target) throw new AppError(404, 'not-found', '绩效目标申报表不存在', 'target form not found', [{ field: 'targetId', message: 'unknown' }]);
  const department = await departmentWithPath(trx, target.department_id);
  if (!canOnEvaluation(actor, 'create', { departmentId: target.department_id, regionPath: department.regionPath, state: 'draft' })) throw forbidden();
  if (target.state !== 'approved' && target.state !== 'published') {
    throw new AppError(409, 'target-not-approved', `绩效目标${STATE_NAMES[target.state].zh}，审核通过后才能自评`, `the target form is ${STATE_NAMES[target.state].en}: only approved or published targets are evaluated`, [{ field: 'targetId', message: `state ${target.state}` }], { targetState: target.state });
  }
  const existing = await trx.selectFrom('self_evaluations').select('id').where('target_id', '=', target.id).executeTakeFirst();
  if (existing) throw new AppError(409, 'evaluation-exists', '该申报表已有绩效自评表', 'the form already has a self-evaluation', [{ field: 'targetId', message: 'exists' }], { evaluationId: existing.id });
  const version = await trx.selectFrom('declaration_versions').select('content').where('declaration_id', '=', target.id).where('version', '=', target.current_version).executeTakeFirstOrThrow();
  // The year's last monitoring round on this form, for the first actuals and the money spent.
  const last = await trx
    .selectFrom('monitoring_reports')
    .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'monitoring_reports.round_id')
    .innerJoin('monitoring_report_versions', (join) => join.onRef('monitoring_report_versions.report_id', '=', 'monitoring_reports.id').onRef('monitoring_report_versions.version', '=', 'monitoring_reports.current_version'))
    .select('monitoring_report_versions.content')
    .where('monitoring_reports.target_id', '=', target.id)
    .where('monitoring_reports.state', '!=', 'draft')
    .orderBy('monitoring_rounds.through', 'desc')
    .limit(1)
    .executeTakeFirst();
  const { config } = await configFor(trx, department.regionPath);
  const content = prefillEvaluation(version.content as TargetDocument, { id: target.id, version: target.current_version }, (last?.content as MonitoringReport | undefined) ?? null, config);
  const id = randomUUID();
  const now = new Date().toISOString();
  await trx
    .insertInto('self_evaluations')
    .values({ id, department_id: target.department_id, target_id: target.id, target_kind: target.kind, target_version: target.current_version, year: target.year, project_name: target.project_name, state: 'draft', current_version: 0, error_count: 0, created_at: now, updated_at: now })
    .execute();
  await saveEvaluationVersion(trx, { id, version: 1, content, authorId: actor.id, note: last ? '由绩效目标和最近一轮运行监控生成 (from the targets and the last monitoring round)' : '由绩效目标生成 (from the targets)', path: department.regionPath, action: 'evaluation.create', fromVersion: null });
  return id;
}

/** A self-evaluation with its content, computed scores, findings and the actions open to the actor. */
export async function getEvaluation(db: Kysely<Database>, actor: Actor | null, id: string): Promise<EvaluationView> {
  const { row, regionPath } = await authorizeEvaluation(db, actor, id, 'read');
  const [version, target] = await Promise.all([
    db.selectFrom('self_evaluation_versions').select('content').where('evaluation_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow(),
    db.selectFrom('declarations').select(['id', 'kind', 'title', 'state', 'current_version']).where('id', '=', row.target_id).executeTakeFirstOrThrow(),
  ]);
  const content = version.content as SelfEvaluation;
  const { config, rules } = await configFor(db, regionPath);
  const { findings, score } = checkSelfEvaluation(content, config, rules);
  const resource = { departmentId: row.department_id, regionPath, state: row.state };
  const lastReturn = actor && row.state === 'returned' ? await db.selectFrom('self_evaluation_comments').select('body').where('evaluation_id', '=', id).where('path', '=', '').orderBy('created_at', 'desc').limit(1).executeTakeFirst() : undefined;
  return {
    ...summaryOf(row),
    content,
    findings,
    score,
    target: { id: target.id, kind: target.kind, title: target.title, state: target.state, version: row.target_version, currentVersion: target.current_version },
    allowedActions: evaluationActionsFrom(row.state).filter((action) => canOnEvaluation(actor, action, resource)),
    canEdit: isEvaluationEditable(row.state) && canOnEvaluation(actor, 'update', resource),
    canComment: actor !== null && canOnEvaluation(actor, 'comment', resource),
    returnReason: lastReturn?.body ?? null,
    config,
  };
}

/** Saves the department's values as a new version; names, targets and points stay the target form's. */
export async function updateEvaluation(trx: Transaction<Database>, actor: Actor, id: string, input: { baseVersion: number; content: SelfEvaluation; note?: string | undefined }): Promise<number> {
  await sql`select id from self_evaluations where id = ${id} for update`.execute(trx);
  const { row, regionPath } = await authorizeEvaluation(trx, actor, id, 'update');
  if (!isEvaluationEditable(row.state)) throw new AppError(409, 'not-editable', `绩效自评表${EVALUATION_STATE_NAMES[row.state].zh}，不能修改`, `the self-evaluation is ${EVALUATION_STATE_NAMES[row.state].en} and cannot be edited`);
  if (input.baseVersion !== row.current_version) {
    throw new AppError(409, 'version-conflict', `他人已保存了第 ${row.current_version} 版，你的修改基于第 ${input.baseVersion} 版，未被保存`, `version ${row.current_version} was saved meanwhile; your edit of version ${input.baseVersion} was not saved`, [{ field: 'baseVersion', message: 'stale' }], { currentVersion: row.current_version });
  }
  const current = await trx.selectFrom('self_evaluation_versions').select('content').where('evaluation_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const stored = current.content as SelfEvaluation;
  if (input.content.indicators.length !== stored.indicators.length) {
    throw new AppError(400, 'validation-failed', `自评表应有 ${stored.indicators.length} 项指标（来自绩效目标），收到 ${input.content.indicators.length} 项`, `the self-evaluation has ${stored.indicators.length} indicators (from the targets); ${input.content.indicators.length} were sent`, [{ field: 'content.indicators', message: 'count differs' }]);
  }
  const version = row.current_version + 1;
  await saveEvaluationVersion(trx, { id, version, content: lockEvaluationParts(input.content, stored), authorId: actor.id, note: input.note?.trim() || null, path: regionPath, action: 'evaluation.update', fromVersion: row.current_version });
  return version;
}

/** Submits, returns, accepts or publishes a self-evaluation. */
export async function transitionEvaluation(trx: Transaction<Database>, actor: Actor, id: string, request: EvaluationRequest): Promise<EvaluationState> {
  await sql`select id from self_evaluations where id = ${id} for update`.execute(trx);
  const { row, regionPath } = await authorizeEvaluation(trx, actor, id, request.action);
  const version = await trx.selectFrom('self_evaluation_versions').select('content').where('evaluation_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const { config, rules } = await configFor(trx, regionPath);
  const { findings } = checkSelfEvaluation(version.content as SelfEvaluation, config, rules);
  const result = evaluationTransition(row.state, request, findings);
  if (!result.ok) {
    if (result.refusal === 'reason-required') throw new AppError(400, 'reason-required', '退回时须写明退回意见', 'returning a self-evaluation needs a reason', [{ field: 'reason', message: 'required' }]);
    if (result.refusal === 'incomplete') {
      const errors = findings.filter((f) => f.severity === 'error');
      throw new AppError(422, 'evaluation-incomplete', `自评表还有 ${errors.length} 处须处理：${errors.slice(0, 3).map((f) => f.message.zh).join('；')}`, `the self-evaluation has ${errors.length} things to fix: ${errors.slice(0, 3).map((f) => f.message.en).join('; ')}`, errors.map((f) => ({ field: `content${f.path.replaceAll('/', '.')}`, message: f.message.en })), { findings: errors });
    }
    throw new AppError(409, 'wrong-state', `绩效自评表${EVALUATION_STATE_NAMES[row.state].zh}，不能${ACTION_NAMES[request.action].zh}`, `a self-evaluation that is ${EVALUATION_STATE_NAMES[row.state].en} cannot be ${ACTION_NAMES[request.action].en}`);
  }
  const now = new Date().toISOString();
  await trx
    .updateTable('self_evaluations')
    .set({
      state: result.state,
      updated_at: now,
      ...(request.action === 'submit' ? { submitted_at: now } : {}),
      ...(request.action === 'accept' ? { accepted_at: now } : {}),
      ...(request.action === 'publish' ? { published_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
  if (request.action === 'return') {
    await trx.insertInto('self_evaluation_comments').values({ id: randomUUID(), evaluation_id: id, path: '', body: `【退回意见】${request.reason.trim()}`, author_id: actor.id, version: row.current_version, created_at: now }).execute();
  }
  if (request.action !== 'publish') {
    const kind = request.action === 'submit' ? 'evaluation-submitted' : request.action === 'return' ? 'evaluation-returned' : 'evaluation-accepted';
    await notify(trx, { kind, subject: `${row.department_name} ${row.year}年${row.project_name ? `「${row.project_name}」` : '部门整体'}`, body: request.action === 'return' ? request.reason.trim() : '', link: `/evaluations/${id}`, departmentId: row.department_id, authorId: actor.id });
  }
  await appendAudit(trx, { actorId: actor.id, action: `evaluation.${request.action}`, entity: 'self-evaluation', entityId: id, fromVersion: row.current_version, toVersion: row.current_version, detail: { from: row.state, to: result.state, ...(request.action === 'return' ? { reason: request.reason } : {}) } });
  return result.state;
}

/**
 * Comments on a self-evaluation, each anchored to a field or row, oldest first: for whoever may read
 * it, as for declarations and monitoring reports. They are between the department and the finance
 * bureau: the public (of a published one) sees none.
 */
export async function listEvaluationComments(db: Kysely<Database>, actor: Actor | null, id: string) {
  const { row } = await authorizeEvaluation(db, actor, id, 'read');
  if (actor === null) return [];
  const current = await db.selectFrom('self_evaluation_versions').select('content').where('evaluation_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('self_evaluation_comments')
    .innerJoin('users', 'users.id', 'self_evaluation_comments.author_id')
    .select(['self_evaluation_comments.id', 'self_evaluation_comments.path', 'self_evaluation_comments.body', 'self_evaluation_comments.version', 'self_evaluation_comments.created_at', 'users.display_name', 'users.role'])
    .where('evaluation_id', '=', id)
    .orderBy('self_evaluation_comments.created_at')
    .orderBy('self_evaluation_comments.id')
    .execute();
  return rows.map((r) => ({ id: r.id, path: r.path, body: r.body, author: { displayName: r.display_name, role: r.role }, version: r.version, createdAt: r.created_at, anchored: pointerExists(current.content, r.path) }));
}

/** Adds a comment anchored to a field or row of the current version. */
export async function addEvaluationComment(trx: Transaction<Database>, actor: Actor, id: string, input: { path: string; body: string }): Promise<string> {
  const { row } = await authorizeEvaluation(trx, actor, id, 'comment');
  const current = await trx.selectFrom('self_evaluation_versions').select('content').where('evaluation_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  if (!pointerExists(current.content, input.path)) throw new AppError(400, 'validation-failed', `批注位置 ${input.path} 在当前版本中不存在`, `the comment's anchor ${input.path} does not exist in the current version`, [{ field: 'path', message: 'no such field' }]);
  const commentId = randomUUID();
  await trx.insertInto('self_evaluation_comments').values({ id: commentId, evaluation_id: id, path: input.path, body: input.body, author_id: actor.id, version: row.current_version, created_at: new Date().toISOString() }).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'evaluation.comment', entity: 'self-evaluation', entityId: id, toVersion: row.current_version, detail: { path: input.path } });
  return commentId;
}

/** Every saved version, newest first. */
export async function listEvaluationVersions(db: Kysely<Database>, actor: Actor | null, id: string) {
  await authorizeEvaluation(db, actor, id, 'history');
  const rows = await db.selectFrom('self_evaluation_versions').innerJoin('users', 'users.id', 'self_evaluation_versions.author_id').select(['version', 'self_evaluation_versions.created_at', 'note', 'users.display_name']).where('evaluation_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map((r) => ({ version: r.version, createdAt: r.created_at, note: r.note, authorName: r.display_name }));
}

export interface EvaluationOverviewQuery {
  readonly year: number;
  readonly grade?: EvaluationGrade | 'none' | undefined;
  readonly state?: EvaluationState | undefined;
  readonly q?: string | undefined;
  readonly sort: 'total' | 'department' | 'execution' | 'updated';
  readonly page: number;
  readonly pageSize: number;
}

/** The reviewer's overview of a year: counts by grade and state, every evaluation, execution by department. */
export async function evaluationOverview(db: Kysely<Database>, actor: Actor, query: EvaluationOverviewQuery): Promise<EvaluationOverview> {
  if (actor.role !== 'reviewer' && actor.role !== 'admin') throw forbidden();
  const oversight = oversightRegion(actor);
  const scope = oversight !== null ? await regionSubtree(db, oversight) : null;
  const base = () => {
    let q = db.selectFrom('self_evaluations').innerJoin('departments', 'departments.id', 'self_evaluations.department_id').where('self_evaluations.year', '=', query.year);
    if (scope) q = q.where('departments.region_id', 'in', scope);
    // Drafts stay with their department: counted, not shown.
    return q;
  };
  const gradeColumn = sql<string>`case when self_evaluations.state = 'draft' then 'none' else coalesce(self_evaluations.grade, 'none') end`;
  const countRows = await base().select(['self_evaluations.state', gradeColumn.as('grade'), (eb) => eb.fn.countAll<string>().as('n')]).groupBy(['self_evaluations.state', gradeColumn]).execute();
  const byGrade = Object.fromEntries([...EVALUATION_GRADES, 'none'].map((g) => [g, 0])) as Record<EvaluationGrade | 'none', number>;
  const byState = Object.fromEntries(EVALUATION_STATES.map((s) => [s, 0])) as Record<EvaluationState, number>;
  for (const r of countRows) {
    byGrade[r.grade as EvaluationGrade | 'none'] += Number(r.n);
    byState[r.state] += Number(r.n);
  }
  const total = Object.values(byState).reduce((a, b) => a + b, 0);
  let filtered = base().where('self_evaluations.state', '!=', 'draft');
  if (query.grade === 'none') filtered = filtered.where('self_evaluations.grade', 'is', null);
  else if (query.grade) filtered = filtered.where('self_evaluations.grade', '=', query.grade);
  if (query.state) filtered = filtered.where('self_evaluations.state', '=', query.state);
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb) => eb.or([eb('departments.name', 'like', like), eb('self_evaluations.project_name', 'like', like)]));
  }
  const counted = await filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let rows = filtered.selectAll('self_evaluations').select('departments.name as department_name');
  switch (query.sort) {
    case 'total':
      rows = rows.orderBy('self_evaluations.total', (ob) => ob.asc().nullsLast()).orderBy('departments.name');
      break;
    case 'execution':
      rows = rows.orderBy('self_evaluations.execution_rate', (ob) => ob.asc().nullsLast()).orderBy('departments.name');
      break;
    case 'department':
      rows = rows.orderBy('departments.name').orderBy('self_evaluations.target_kind').orderBy('self_evaluations.project_name');
      break;
    case 'updated':
      rows = rows.orderBy('self_evaluations.updated_at', 'desc');
      break;
  }
  const items = await rows.orderBy('self_evaluations.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const execution = await base()
    .where('self_evaluations.state', '!=', 'draft')
    .select([
      'departments.id as department_id',
      'departments.name as department_name',
      sql<string | null>`coalesce(sum(self_evaluations.budget_annual) filter (where self_evaluations.target_kind = 'department-target'), sum(self_evaluations.budget_annual))`.as('annual'),
      sql<string | null>`coalesce(sum(self_evaluations.budget_executed) filter (where self_evaluations.target_kind = 'department-target'), sum(self_evaluations.budget_executed))`.as('executed'),
    ])
    .groupBy(['departments.id', 'departments.name'])
    .orderBy('departments.name')
    .execute();
  return {
    year: query.year,
    counts: { total, byGrade, byState },
    items: items.map(summaryOf),
    total: Number(counted.n),
    execution: execution.map((e) => ({ departmentId: e.department_id, departmentName: e.department_name, annual: e.annual === null ? null : twoPlaces(String(e.annual)), executed: e.executed === null ? null : twoPlaces(String(e.executed)) })),
  };
}

/** Published self-evaluations, for the public pages. */
export async function publishedEvaluations(db: Kysely<Database>, filter: { year?: number | undefined; q?: string | undefined; page: number; pageSize: number }): Promise<{ items: EvaluationSummary[]; total: number }> {
  let q = db.selectFrom('self_evaluations').innerJoin('departments', 'departments.id', 'self_evaluations.department_id').where('self_evaluations.state', '=', 'published');
  if (filter.year !== undefined) q = q.where('self_evaluations.year', '=', filter.year);
  if (filter.q?.trim()) {
    const like = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('departments.name', 'like', like), eb('self_evaluations.project_name', 'like', like)]));
  }
  const counted = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('self_evaluations').select('departments.name as department_name').orderBy('self_evaluations.published_at', 'desc').orderBy('self_evaluations.id').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  return { items: rows.map(summaryOf), total: Number(counted.n) };
}

/**
 * Scores a self-evaluation's current version again with the scoring in force now (after a bureau
 * changed its scoring settings): the derived scores, findings and summary columns are replaced, what
 * the department entered stays; the change of total is audited.
 */
export async function rescoreEvaluation(trx: Transaction<Database>, actorId: string, id: string): Promise<{ totalBefore: string | null; totalAfter: string | null; gradeBefore: string | null; gradeAfter: string | null }> {
  const { row, regionPath: path } = await loadEvaluation(trx, id);
  const version = await trx.selectFrom('self_evaluation_versions').select('content').where('evaluation_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const { config, rules } = await configFor(trx, path);
  const content = withScores(version.content as SelfEvaluation, config);
  const { findings, score } = checkSelfEvaluation(content, config, rules);
  await trx.updateTable('self_evaluation_versions').set({ content: JSON.stringify(content), findings: JSON.stringify(findings) }).where('evaluation_id', '=', id).where('version', '=', row.current_version).execute();
  await trx
    .updateTable('self_evaluations')
    .set({ total: score.total, grade: score.grade, execution_rate: score.funds.rate, error_count: findings.filter((f) => f.severity === 'error').length })
    .where('id', '=', id)
    .execute();
  const before = row.total === null ? null : twoPlaces(row.total);
  if (before !== score.total || row.grade !== score.grade) await appendAudit(trx, { actorId, action: 'evaluation.rescore', entity: 'self-evaluation', entityId: id, detail: { totalBefore: before, totalAfter: score.total, gradeBefore: row.grade, gradeAfter: score.grade } });
  return { totalBefore: before, totalAfter: score.total, gradeBefore: row.grade, gradeAfter: score.grade };
}
