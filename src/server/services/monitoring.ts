/**
 * In-year monitoring in the store: rounds opened by a finance bureau, the reports each department
 * owes on its approved target forms, their versions, comments and workflow. Like declarations, every
 * change of content goes through one write path (`saveReportVersion`) that recomputes the lights and
 * findings, updates the columns the round page reads, and audits — in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TargetDocument } from '../../core/document.ts';
import { LIGHTS, type Light, type MonitoringReport } from '../../core/monitoringReport.ts';
import { monthsElapsed, needsExplanation, type MonitoringConfig } from '../../core/monitoring/lights.ts';
import { checkMonitoringReport } from '../../core/monitoring/monitoringRules.ts';
import { lockTargetParts, prefillReport } from '../../core/monitoring/prefill.ts';
import { divide, ratio, ratioOf, times, toFixed2, twoPlaces } from '../../core/monitoring/ratio.ts';
import { blockingFindings, isReportEditable, rectificationNeeded, REPORT_STATE_NAMES, REPORT_STATES, reportActionsFrom, reportTransition, type ReportRequest, type ReportState } from '../../core/monitoring/reportWorkflow.ts';
import { canOnReport, canOpenRound, oversightRegion, type Actor, type ReportPolicyAction } from '../../core/policy.ts';
import type { RuleSetting } from '../../core/rules/checkConfig.ts';
import type { Finding } from '../../core/rules/finding.ts';
import { pointerExists } from '../../core/jsonDiff.ts';
import { STATE_NAMES } from '../../core/workflow.ts';
import { parseMonitoringConfig } from '../../format/monitoringConfigSchema.ts';
import type { ReportSummary, ReportView, RoundOverview, RoundView } from '../../format/apiTypes.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { Database, MonitoringReportsTable, MonitoringRoundsTable } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { departmentWithPath, effectiveSettings, regionPath, regionSubtree } from './organisations.ts';
import { notify } from './notifications.ts';

type Db = Kysely<Database> | Transaction<Database>;

const LIGHT_RANK: Record<Light, number> = { red: 0, yellow: 1, green: 2, blue: 3 };
/** Reports never submitted sort after every light: their values are the department's own still. */
const UNSUBMITTED_RANK = 5;
const ACTION_NAMES: Record<ReportRequest['action'], { zh: string; en: string }> = { submit: { zh: '提交', en: 'submitted' }, return: { zh: '退回', en: 'returned' }, accept: { zh: '审核通过', en: 'accepted' } };

/** The monitoring settings in force for a region path (its bureau's, else the defaults). */
async function configFor(db: Db, path: readonly string[]): Promise<{ config: MonitoringConfig; rules: Record<string, RuleSetting> }> {
  const parsed = parseMonitoringConfig((await effectiveSettings(db, path)).monitoring ?? {});
  // Settings are validated when saved; a store edited by hand falls back to the defaults.
  return parsed.ok ? parsed : (parseMonitoringConfig({}) as { ok: true; config: MonitoringConfig; rules: Record<string, RuleSetting> });
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

// ─── Rounds ──────────────────────────────────────────────────────────────────────────────────────

export interface RoundInput {
  readonly regionId: string;
  readonly year: number;
  readonly name: string;
  readonly through: string;
  readonly due: string;
}

function roundProblem(input: RoundInput): { field: string; zh: string; en: string } | null {
  const real = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  if (!real(input.through)) return { field: 'through', zh: `截止日期「${input.through}」不是有效日期（YYYY-MM-DD）`, en: `the cutoff "${input.through}" is not a date (YYYY-MM-DD)` };
  if (Number(input.through.slice(0, 4)) !== input.year) return { field: 'through', zh: `截止日期 ${input.through} 不在 ${input.year} 年度内`, en: `the cutoff ${input.through} is not in ${input.year}` };
  if (!real(input.due)) return { field: 'due', zh: `报送期限「${input.due}」不是有效日期（YYYY-MM-DD）`, en: `the due date "${input.due}" is not a date (YYYY-MM-DD)` };
  if (input.due < input.through) return { field: 'due', zh: `报送期限 ${input.due} 早于数据截止日 ${input.through}`, en: `the due date ${input.due} is before the cutoff ${input.through}` };
  return null;
}

/** Opens a round for a region and year, and makes the reports every approved target form there owes. */
export async function openRound(trx: Transaction<Database>, actor: Actor, input: RoundInput): Promise<{ id: string; reports: number }> {
  const region = await trx.selectFrom('regions').select(['id', 'name']).where('id', '=', input.regionId).executeTakeFirst();
  if (!region) throw new AppError(400, 'validation-failed', '区划不存在', 'no such region', [{ field: 'regionId', message: 'unknown' }]);
  if (!canOpenRound(actor, await regionPath(trx, input.regionId))) throw forbidden();
  const problem = roundProblem(input);
  if (problem) throw new AppError(400, 'validation-failed', problem.zh, problem.en, [{ field: problem.field, message: problem.en }]);
  const clash = await trx.selectFrom('monitoring_rounds').select('id').where('region_id', '=', input.regionId).where('year', '=', input.year).where('through', '=', input.through).executeTakeFirst();
  if (clash) throw new AppError(409, 'round-exists', `${region.name}${input.year}年截至 ${input.through} 的监控轮次已开启`, `a round to ${input.through} of ${input.year} is already open for ${region.name}`, [{ field: 'through', message: 'exists' }], { roundId: clash.id });
  const id = randomUUID();
  await trx.insertInto('monitoring_rounds').values({ id, region_id: input.regionId, year: input.year, name: input.name.trim(), through: input.through, due: input.due, created_by: actor.id, created_at: new Date().toISOString() }).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'monitoring.round-open', entity: 'monitoring-round', entityId: id, detail: { regionId: input.regionId, year: input.year, name: input.name, through: input.through, due: input.due } });
  const reports = await ensureReports(trx, id, null);
  const owing = await trx.selectFrom('monitoring_reports').select('department_id').distinct().where('round_id', '=', id).execute();
  for (const { department_id } of owing) {
    await notify(trx, { kind: 'round-opened', subject: `${region.name} ${input.year}年${input.name.trim()}（${input.due} 前报送）`, link: '/monitoring', departmentId: department_id, authorId: actor.id });
  }
  return { id, reports };
}

async function loadRound(db: Db, id: string): Promise<MonitoringRoundsTable & { region_name: string }> {
  const round = await db.selectFrom('monitoring_rounds').innerJoin('regions', 'regions.id', 'monitoring_rounds.region_id').selectAll('monitoring_rounds').select('regions.name as region_name').where('monitoring_rounds.id', '=', id).executeTakeFirst();
  if (!round) throw notFound('monitoring round', '监控轮次');
  return round;
}

/** Can the actor see the round at all: its region is above their department, or within their region? */
async function roundAccess(db: Db, actor: Actor, round: MonitoringRoundsTable): Promise<{ visible: boolean; oversee: boolean }> {
  const oversight = oversightRegion(actor);
  if (actor.role === 'admin' && oversight === null) return { visible: true, oversee: true };
  if ((actor.role === 'reviewer' || actor.role === 'admin') && oversight !== null) {
    const within = (await regionPath(db, round.region_id)).includes(oversight);
    // A bureau above sets the round; a reviewer (or a bureau's admin) below oversees their own part of it.
    const above = (await regionPath(db, oversight)).includes(round.region_id);
    return { visible: within || above, oversee: within || above };
  }
  if (actor.departmentId) {
    const department = await departmentWithPath(db, actor.departmentId);
    return { visible: department.regionPath.includes(round.region_id), oversee: false };
  }
  return { visible: false, oversee: false };
}

function roundView(round: MonitoringRoundsTable & { region_name: string }, access: { oversee: boolean }, owed: number): RoundView {
  return { id: round.id, regionId: round.region_id, regionName: round.region_name, year: round.year, name: round.name, through: round.through, due: round.due, createdAt: round.created_at, canOversee: access.oversee, owed };
}

/** The rounds the actor takes part in, newest cutoff first. */
export async function listRounds(db: Kysely<Database>, actor: Actor, filter: { year?: number | undefined }): Promise<RoundView[]> {
  let query = db.selectFrom('monitoring_rounds').innerJoin('regions', 'regions.id', 'monitoring_rounds.region_id').selectAll('monitoring_rounds').select('regions.name as region_name').orderBy('through', 'desc').orderBy('monitoring_rounds.id');
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  const rounds = await query.limit(500).execute();
  const views: RoundView[] = [];
  for (const round of rounds) {
    const access = await roundAccess(db, actor, round);
    if (!access.visible) continue;
    let owed = 0;
    if (actor.departmentId) {
      await db.transaction().execute((trx) => ensureReports(trx, round.id, actor.departmentId));
      const row = await db.selectFrom('monitoring_reports').select((eb) => eb.fn.countAll<string>().as('n')).where('round_id', '=', round.id).where('department_id', '=', actor.departmentId).where('state', 'in', ['draft', 'returned']).executeTakeFirstOrThrow();
      owed = Number(row.n);
    }
    views.push(roundView(round, access, owed));
  }
  return views;
}

/**
 * Makes the missing reports of a round: one per approved or published target form of its year in its
 * region (or of one department), prefilled from the form's current version. Forms approved after the
 * round opened join it when their department next looks.
 */
export async function ensureReports(trx: Transaction<Database>, roundId: string, departmentId: string | null): Promise<number> {
  const round = await loadRound(trx, roundId);
  const regions = await regionSubtree(trx as unknown as Kysely<Database>, round.region_id);
  let query = trx
    .selectFrom('declarations')
    .innerJoin('departments', 'departments.id', 'declarations.department_id')
    .innerJoin('declaration_versions', (join) => join.onRef('declaration_versions.declaration_id', '=', 'declarations.id').onRef('declaration_versions.version', '=', 'declarations.current_version'))
    .select(['declarations.id', 'declarations.department_id', 'declarations.kind', 'declarations.current_version', 'declarations.project_name', 'declaration_versions.content'])
    .where('declarations.year', '=', round.year)
    .where('declarations.state', 'in', ['approved', 'published'])
    .where('departments.region_id', 'in', regions)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('monitoring_reports').select('monitoring_reports.id').where('monitoring_reports.round_id', '=', roundId).whereRef('monitoring_reports.target_id', '=', 'declarations.id'))));
  if (departmentId !== null) query = query.where('declarations.department_id', '=', departmentId);
  const targets = await query.execute();
  for (const target of targets) {
    await insertReport(trx, round, { id: target.id, departmentId: target.department_id, kind: target.kind, version: target.current_version, projectName: target.project_name, content: target.content as TargetDocument }, 'system');
  }
  return targets.length;
}

async function insertReport(
  trx: Transaction<Database>,
  round: MonitoringRoundsTable,
  target: { id: string; departmentId: string; kind: MonitoringReportsTable['target_kind']; version: number; projectName: string | null; content: TargetDocument },
  authorId: string,
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const content = prefillReport(target.content, { id: target.id, version: target.version }, { name: round.name, through: round.through });
  await trx
    .insertInto('monitoring_reports')
    .values({ id, round_id: round.id, department_id: target.departmentId, target_id: target.id, target_kind: target.kind, target_version: target.version, project_name: target.projectName, state: 'draft', current_version: 0, light_rank: UNSUBMITTED_RANK, error_count: 0, rectification_needed: false, created_at: now, updated_at: now })
    .execute();
  const path = (await departmentWithPath(trx, target.departmentId)).regionPath;
  await saveReportVersion(trx, { id, version: 1, content, authorId, note: '由已审核的绩效目标生成 (prefilled from the approved targets)', state: 'draft', path, action: 'monitoring.report-create', fromVersion: null });
  return id;
}

/** Makes the report of a round for one target form, which must be approved or published; 409 otherwise. */
export async function createReport(trx: Transaction<Database>, actor: Actor, input: { roundId: string; targetId: string }): Promise<string> {
  const round = await loadRound(trx, input.roundId);
  if (!(await roundAccess(trx, actor, round)).visible) throw notFound('monitoring round', '监控轮次');
  const target = await trx.selectFrom('declarations').selectAll().where('id', '=', input.targetId).executeTakeFirst();
  if (!target) throw new AppError(404, 'not-found', '绩效目标申报表不存在', 'target form not found', [{ field: 'targetId', message: 'unknown' }]);
  const department = await departmentWithPath(trx, target.department_id);
  if (!canOnReport(actor, 'update', { departmentId: target.department_id, regionPath: department.regionPath, state: 'draft' })) throw forbidden();
  if (!department.regionPath.includes(round.region_id)) throw new AppError(409, 'not-in-round', `该部门不在「${round.region_name}」的监控范围内`, `the department is outside ${round.region_name}, the round's region`, [{ field: 'targetId', message: 'outside the round' }]);
  if (target.state !== 'approved' && target.state !== 'published') {
    throw new AppError(409, 'target-not-approved', `绩效目标${STATE_NAMES[target.state].zh}，审核通过后才能监控`, `the target form is ${STATE_NAMES[target.state].en}: only approved or published targets are monitored`, [{ field: 'targetId', message: `state ${target.state}` }], { targetState: target.state });
  }
  if (target.year !== round.year) throw new AppError(409, 'wrong-year', `绩效目标是 ${target.year} 年度的，本轮次监控 ${round.year} 年度`, `the target form is for ${target.year}; the round monitors ${round.year}`, [{ field: 'targetId', message: 'other year' }]);
  const existing = await trx.selectFrom('monitoring_reports').select('id').where('round_id', '=', round.id).where('target_id', '=', target.id).executeTakeFirst();
  if (existing) throw new AppError(409, 'report-exists', '本轮次已有该申报表的监控表', 'the round already has a report on this form', [{ field: 'targetId', message: 'exists' }], { reportId: existing.id });
  const version = await trx.selectFrom('declaration_versions').select('content').where('declaration_id', '=', target.id).where('version', '=', target.current_version).executeTakeFirstOrThrow();
  return insertReport(trx, round, { id: target.id, departmentId: target.department_id, kind: target.kind, version: target.current_version, projectName: target.project_name, content: version.content as TargetDocument }, actor.id);
}

// ─── Reports ─────────────────────────────────────────────────────────────────────────────────────

/** The write path: stores a version with its findings, updates the round page's columns, audits. */
async function saveReportVersion(
  trx: Transaction<Database>,
  input: { id: string; version: number; content: MonitoringReport; authorId: string; note: string | null; state: ReportState; path: readonly string[]; action: string; fromVersion: number | null },
): Promise<Finding[]> {
  const { config, rules } = await configFor(trx, input.path);
  const { findings, lights } = checkMonitoringReport(input.content, config, rules);
  const content: MonitoringReport = {
    ...input.content,
    lights: { budget: lights.budget, indicators: lights.indicators, overall: lights.overall },
    indicators: input.content.indicators.map((indicator, i) => ({ ...indicator, light: lights.perIndicator[i]?.light ?? null })),
  };
  const now = new Date().toISOString();
  await trx.insertInto('monitoring_report_versions').values({ report_id: input.id, version: input.version, content: JSON.stringify(content), findings: JSON.stringify(findings), author_id: input.authorId, created_at: now, note: input.note }).execute();
  await trx
    .updateTable('monitoring_reports')
    .set({
      current_version: input.version,
      light_budget: lights.budget,
      light_indicators: lights.indicators,
      light_overall: lights.overall,
      light_rank: input.state === 'draft' ? UNSUBMITTED_RANK : lights.overall ? LIGHT_RANK[lights.overall] : 4,
      budget_annual: content.budget.annual,
      budget_executed: content.budget.executedToDate,
      error_count: findings.filter((f) => f.severity === 'error').length,
      rectification_needed: rectificationNeeded(content, lights),
      updated_at: now,
    })
    .where('id', '=', input.id)
    .execute();
  await appendAudit(trx, { actorId: input.authorId === 'system' ? null : input.authorId, action: input.action, entity: 'monitoring-report', entityId: input.id, fromVersion: input.fromVersion, toVersion: input.version });
  return findings;
}

async function loadReport(db: Db, id: string) {
  const row = await db.selectFrom('monitoring_reports').innerJoin('departments', 'departments.id', 'monitoring_reports.department_id').selectAll('monitoring_reports').select('departments.name as department_name').where('monitoring_reports.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('monitoring report', '监控表');
  const department = await departmentWithPath(db, row.department_id);
  return { row, regionPath: department.regionPath };
}

/** Loads a report and checks the actor may do `action`; a report one may not read is a 404. */
async function authorizeReport(db: Db, actor: Actor, id: string, action: ReportPolicyAction) {
  const loaded = await loadReport(db, id);
  const resource = { departmentId: loaded.row.department_id, regionPath: loaded.regionPath, state: loaded.row.state };
  if (!canOnReport(actor, 'read', resource)) throw notFound('monitoring report', '监控表');
  if (!canOnReport(actor, action, resource)) throw forbidden();
  return loaded;
}

/** 预算执行率: executed ÷ annual × 100, exact, two decimals; null without a positive budget. */
function executionRate(annual: string | null, executed: string | null): string | null {
  const a = annual === null ? null : ratioOf(annual);
  const e = executed === null ? null : ratioOf(executed);
  if (a === null || e === null || a.num <= 0n) return null;
  const share = divide(e, a);
  return share === null ? null : toFixed2(times(share, ratio(100n)));
}

type ReportRow = MonitoringReportsTable & { department_name: string };

function summaryOf(row: ReportRow): ReportSummary {
  const hidden = row.state === 'draft';
  return {
    id: row.id,
    roundId: row.round_id,
    departmentId: row.department_id,
    departmentName: row.department_name,
    targetId: row.target_id,
    targetKind: row.target_kind,
    targetVersion: row.target_version,
    projectName: row.project_name,
    state: row.state,
    version: row.current_version,
    lights: hidden ? { budget: null, indicators: null, overall: null } : { budget: row.light_budget, indicators: row.light_indicators, overall: row.light_overall },
    executionRate: hidden ? null : executionRate(row.budget_annual, row.budget_executed),
    errorCount: row.error_count,
    rectificationNeeded: !hidden && row.rectification_needed,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

/** The reports of the actor's department in a round (made now if its targets were approved since). */
export async function departmentReports(db: Kysely<Database>, actor: Actor, roundId: string): Promise<ReportSummary[]> {
  const round = await loadRound(db, roundId);
  if (!(await roundAccess(db, actor, round)).visible || !actor.departmentId) throw notFound('monitoring round', '监控轮次');
  const departmentId = actor.departmentId;
  await db.transaction().execute((trx) => ensureReports(trx, roundId, departmentId));
  const rows = await db
    .selectFrom('monitoring_reports')
    .innerJoin('departments', 'departments.id', 'monitoring_reports.department_id')
    .selectAll('monitoring_reports')
    .select('departments.name as department_name')
    .where('round_id', '=', roundId)
    .where('department_id', '=', departmentId)
    .orderBy('target_kind')
    .orderBy('project_name')
    .execute();
  // The department sees its own lights, submitted or not.
  return rows.map((row) => ({ ...summaryOf({ ...row, state: row.state === 'draft' ? 'submitted' : row.state }), state: row.state }));
}

/** A report with its current content, findings, recomputed lights and the actions open to the actor. */
export async function getReport(db: Kysely<Database>, actor: Actor, id: string): Promise<ReportView> {
  const { row, regionPath: path } = await authorizeReport(db, actor, id, 'read');
  const [version, round, target] = await Promise.all([
    db.selectFrom('monitoring_report_versions').select(['content', 'findings']).where('report_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow(),
    loadRound(db, row.round_id),
    db.selectFrom('declarations').select(['id', 'kind', 'title', 'state', 'current_version']).where('id', '=', row.target_id).executeTakeFirstOrThrow(),
  ]);
  const content = version.content as MonitoringReport;
  const { config, rules } = await configFor(db, path);
  const { findings, lights } = checkMonitoringReport(content, config, rules);
  const resource = { departmentId: row.department_id, regionPath: path, state: row.state };
  const allowedActions = reportActionsFrom(row.state).filter((action) => canOnReport(actor, action, resource));
  const lastReturn = row.state === 'returned' ? await db.selectFrom('monitoring_comments').select('body').where('report_id', '=', id).where('path', '=', '').orderBy('created_at', 'desc').limit(1).executeTakeFirst() : undefined;
  const own = actor.departmentId === row.department_id;
  const summary = summaryOf(own && row.state === 'draft' ? { ...row, state: 'submitted' } : row);
  return {
    ...summary,
    state: row.state,
    round: roundView(round, await roundAccess(db, actor, round), 0),
    content,
    findings,
    computed: { budget: lights.budget, indicators: lights.indicators, overall: lights.overall, budgetProgress: lights.budgetProgress, executionRate: lights.executionRate, perIndicator: lights.perIndicator },
    required: { budget: findings.some((f) => f.path === '/budget/reason'), indicators: content.indicators.map((indicator) => needsExplanation(indicator, content.round.through, config)) },
    target: { id: target.id, kind: target.kind, title: target.title, state: target.state, version: row.target_version, currentVersion: target.current_version },
    allowedActions,
    canEdit: isReportEditable(row.state) && canOnReport(actor, 'update', resource),
    returnReason: lastReturn?.body ?? null,
    config,
  };
}

/** Saves the department's values as a new version; what comes from the target and the round stays as it was. */
export async function updateReport(trx: Transaction<Database>, actor: Actor, id: string, input: { baseVersion: number; content: MonitoringReport; note?: string | undefined }): Promise<number> {
  await sql`select id from monitoring_reports where id = ${id} for update`.execute(trx);
  const { row, regionPath: path } = await authorizeReport(trx, actor, id, 'update');
  if (!isReportEditable(row.state)) throw new AppError(409, 'not-editable', `监控表${REPORT_STATE_NAMES[row.state].zh}，不能修改`, `the report is ${REPORT_STATE_NAMES[row.state].en} and cannot be edited`);
  if (input.baseVersion !== row.current_version) {
    throw new AppError(409, 'version-conflict', `他人已保存了第 ${row.current_version} 版，你的修改基于第 ${input.baseVersion} 版，未被保存`, `version ${row.current_version} was saved meanwhile; your edit of version ${input.baseVersion} was not saved`, [{ field: 'baseVersion', message: 'stale' }], { currentVersion: row.current_version });
  }
  const current = await trx.selectFrom('monitoring_report_versions').select('content').where('report_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const stored = current.content as MonitoringReport;
  if (input.content.indicators.length !== stored.indicators.length) {
    throw new AppError(400, 'validation-failed', `监控表应有 ${stored.indicators.length} 项指标（来自绩效目标），收到 ${input.content.indicators.length} 项`, `the report has ${stored.indicators.length} indicators (from the targets); ${input.content.indicators.length} were sent`, [{ field: 'content.indicators', message: 'count differs' }]);
  }
  // The advice is the bureau's; the department may report what it did about it (result).
  const locked = lockTargetParts(input.content, stored);
  const content: MonitoringReport = { ...locked, rectification: { ...stored.rectification, result: input.content.rectification.result } };
  const version = row.current_version + 1;
  await saveReportVersion(trx, { id, version, content, authorId: actor.id, note: input.note?.trim() || null, state: row.state, path, action: 'monitoring.report-update', fromVersion: row.current_version });
  return version;
}

/** Submits, returns or accepts a report. */
export async function transitionReport(trx: Transaction<Database>, actor: Actor, id: string, request: ReportRequest): Promise<ReportState> {
  await sql`select id from monitoring_reports where id = ${id} for update`.execute(trx);
  const { row, regionPath: path } = await authorizeReport(trx, actor, id, request.action);
  const version = await trx.selectFrom('monitoring_report_versions').select(['content', 'findings']).where('report_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const content = version.content as MonitoringReport;
  const { config, rules } = await configFor(trx, path);
  const { findings, lights } = checkMonitoringReport(content, config, rules);
  const result = reportTransition(row.state, request, { report: content, lights, findings });
  if (!result.ok) {
    switch (result.refusal) {
      case 'wrong-state':
        throw new AppError(409, 'wrong-state', `监控表${REPORT_STATE_NAMES[row.state].zh}，不能${ACTION_NAMES[request.action].zh}`, `a report that is ${REPORT_STATE_NAMES[row.state].en} cannot be ${ACTION_NAMES[request.action].en}`);
      case 'reason-required':
        throw new AppError(400, 'reason-required', '退回时须写明退回意见', 'returning a report needs a reason', [{ field: 'reason', message: 'required' }]);
      case 'advice-required':
        throw new AppError(400, 'advice-required', '监控表有红灯或"完全不可能"完成的指标，审核通过前须提出整改意见', 'the report has a red light or an indicator impossible to meet: give rectification advice before accepting it', [{ field: 'advice', message: 'required' }]);
      case 'unexplained': {
        const blocking = blockingFindings(findings);
        throw new AppError(422, 'report-incomplete', `监控表还有 ${blocking.length} 处须填写：${blocking.slice(0, 3).map((f) => f.message.zh).join('；')}`, `the report has ${blocking.length} things to fill in: ${blocking.slice(0, 3).map((f) => f.message.en).join('; ')}`, blocking.map((f) => ({ field: `content${f.path.replaceAll('/', '.')}`, message: f.message.en })), { findings: blocking });
      }
    }
  }
  const now = new Date().toISOString();
  let currentVersion = row.current_version;
  if (request.action === 'accept' && rectificationNeeded(content, lights)) {
    // The advice becomes part of the report the department reads, as a version of its own.
    const advice = (request.advice ?? content.rectification.advice).trim();
    currentVersion += 1;
    await saveReportVersion(trx, { id, version: currentVersion, content: { ...content, rectification: { ...content.rectification, needed: true, advice } }, authorId: actor.id, note: '整改意见 (rectification advice)', state: result.state, path, action: 'monitoring.report-advice', fromVersion: row.current_version });
  }
  await trx
    .updateTable('monitoring_reports')
    .set({
      state: result.state,
      updated_at: now,
      light_rank: result.state === 'draft' ? UNSUBMITTED_RANK : lights.overall ? LIGHT_RANK[lights.overall] : 4,
      ...(request.action === 'submit' ? { submitted_at: now } : {}),
      ...(request.action === 'accept' ? { accepted_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
  if (request.action === 'return') {
    await trx.insertInto('monitoring_comments').values({ id: randomUUID(), report_id: id, path: '', body: `【退回意见】${request.reason.trim()}`, author_id: actor.id, version: currentVersion, created_at: now }).execute();
  }
  const subject = `${row.department_name}${row.project_name ? `「${row.project_name}」` : '部门整体'}`;
  const kind = request.action === 'submit' ? 'report-submitted' : request.action === 'return' ? 'report-returned' : 'report-accepted';
  const body = request.action === 'return' ? request.reason.trim() : request.action === 'accept' ? (request.advice ?? content.rectification.advice).trim() : '';
  await notify(trx, { kind, subject, body, link: `/monitoring/reports/${id}`, departmentId: row.department_id, authorId: actor.id });
  await appendAudit(trx, { actorId: actor.id, action: `monitoring.report-${request.action}`, entity: 'monitoring-report', entityId: id, fromVersion: currentVersion, toVersion: currentVersion, detail: { from: row.state, to: result.state, ...(request.action === 'return' ? { reason: request.reason } : {}) } });
  return result.state;
}

/** Comments on a report, each anchored to a field or row (JSON Pointer), oldest first. */
export async function listReportComments(db: Kysely<Database>, actor: Actor, id: string) {
  await authorizeReport(db, actor, id, 'read');
  const current = await db.selectFrom('monitoring_reports').innerJoin('monitoring_report_versions', (join) => join.onRef('monitoring_report_versions.report_id', '=', 'monitoring_reports.id').onRef('monitoring_report_versions.version', '=', 'monitoring_reports.current_version')).select('content').where('id', '=', id).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('monitoring_comments')
    .innerJoin('users', 'users.id', 'monitoring_comments.author_id')
    .select(['monitoring_comments.id', 'monitoring_comments.path', 'monitoring_comments.body', 'monitoring_comments.version', 'monitoring_comments.created_at', 'users.id as author_id', 'users.display_name', 'users.role'])
    .where('report_id', '=', id)
    .orderBy('monitoring_comments.created_at')
    .orderBy('monitoring_comments.id')
    .execute();
  return rows.map((r) => ({ id: r.id, path: r.path, body: r.body, author: { id: r.author_id, displayName: r.display_name, role: r.role }, version: r.version, createdAt: r.created_at, anchored: pointerExists(current.content, r.path) }));
}

/** Adds a comment anchored to a field or row of the current version. */
export async function addReportComment(trx: Transaction<Database>, actor: Actor, id: string, input: { path: string; body: string }): Promise<string> {
  const { row } = await authorizeReport(trx, actor, id, 'comment');
  const current = await trx.selectFrom('monitoring_report_versions').select('content').where('report_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  if (!pointerExists(current.content, input.path)) throw new AppError(400, 'validation-failed', `批注位置 ${input.path} 在当前版本中不存在`, `the comment's anchor ${input.path} does not exist in the current version`, [{ field: 'path', message: 'no such field' }]);
  const commentId = randomUUID();
  await trx.insertInto('monitoring_comments').values({ id: commentId, report_id: id, path: input.path, body: input.body, author_id: actor.id, version: row.current_version, created_at: new Date().toISOString() }).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'monitoring.comment', entity: 'monitoring-report', entityId: id, toVersion: row.current_version, detail: { path: input.path } });
  return commentId;
}

/** Every saved version of a report, newest first. */
export async function listReportVersions(db: Kysely<Database>, actor: Actor, id: string) {
  await authorizeReport(db, actor, id, 'history');
  const rows = await db.selectFrom('monitoring_report_versions').innerJoin('users', 'users.id', 'monitoring_report_versions.author_id').select(['version', 'monitoring_report_versions.created_at', 'note', 'users.display_name']).where('report_id', '=', id).orderBy('version', 'desc').execute();
  // Prefilled versions are the system's: they have no user row.
  const system = await db.selectFrom('monitoring_report_versions').select(['version', 'created_at', 'note']).where('report_id', '=', id).where('author_id', '=', 'system').execute();
  return [...rows.map((r) => ({ version: r.version, createdAt: r.created_at, note: r.note, authorName: r.display_name })), ...system.map((r) => ({ version: r.version, createdAt: r.created_at, note: r.note, authorName: null }))].sort((a, b) => b.version - a.version);
}

/** One saved version's content. */
export async function getReportVersion(db: Kysely<Database>, actor: Actor, id: string, version: number): Promise<MonitoringReport> {
  await authorizeReport(db, actor, id, 'history');
  const row = await db.selectFrom('monitoring_report_versions').select('content').where('report_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (!row) throw notFound('version', '版本');
  return row.content as MonitoringReport;
}

// ─── The round page ──────────────────────────────────────────────────────────────────────────────

export interface OverviewQuery {
  readonly light?: Light | 'none' | undefined;
  readonly state?: ReportState | undefined;
  readonly q?: string | undefined;
  readonly sort: 'light' | 'department' | 'execution' | 'updated';
  readonly page: number;
  readonly pageSize: number;
}

/** What the reviewer's round page shows, over the departments the reviewer oversees. */
export async function roundOverview(db: Kysely<Database>, actor: Actor, roundId: string, query: OverviewQuery): Promise<RoundOverview> {
  const round = await loadRound(db, roundId);
  const access = await roundAccess(db, actor, round);
  if (!access.visible) throw notFound('monitoring round', '监控轮次');
  if (!access.oversee) throw forbidden();
  // A reviewer below the round's region oversees only their own part of it.
  const oversight = oversightRegion(actor);
  const scope = oversight !== null && !(await regionPath(db, round.region_id)).includes(oversight) ? await regionSubtree(db, oversight) : null;
  const base = () => {
    let q = db.selectFrom('monitoring_reports').innerJoin('departments', 'departments.id', 'monitoring_reports.department_id').where('monitoring_reports.round_id', '=', roundId);
    if (scope) q = q.where('departments.region_id', 'in', scope);
    return q;
  };
  const lightColumn = sql<string>`case when monitoring_reports.state = 'draft' then 'none' else coalesce(monitoring_reports.light_overall, 'none') end`;
  // One scan counts by state and light together; the other counts follow from it.
  const countRows = await base().select(['monitoring_reports.state', lightColumn.as('light'), (eb) => eb.fn.countAll<string>().as('n')]).groupBy(['monitoring_reports.state', lightColumn]).execute();
  const byLight = Object.fromEntries([...LIGHTS, 'none'].map((l) => [l, 0])) as Record<Light | 'none', number>;
  const byState = Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as Record<ReportState, number>;
  for (const r of countRows) {
    byLight[r.light as Light | 'none'] += Number(r.n);
    byState[r.state] += Number(r.n);
  }
  const total = Object.values(byState).reduce((a, b) => a + b, 0);

  let filtered = base();
  if (query.light === 'none') filtered = filtered.where((eb) => eb.or([eb('monitoring_reports.state', '=', 'draft'), eb('monitoring_reports.light_overall', 'is', null)]));
  else if (query.light) filtered = filtered.where('monitoring_reports.state', '!=', 'draft').where('monitoring_reports.light_overall', '=', query.light);
  if (query.state) filtered = filtered.where('monitoring_reports.state', '=', query.state);
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filtered = filtered.where((eb) => eb.or([eb('departments.name', 'like', like), eb('monitoring_reports.project_name', 'like', like)]));
  }
  const unfiltered = !query.light && !query.state && !query.q?.trim();
  const counted = unfiltered ? { n: String(total) } : await filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let rows = filtered.selectAll('monitoring_reports').select('departments.name as department_name');
  switch (query.sort) {
    case 'light':
      rows = rows.orderBy('monitoring_reports.light_rank').orderBy('departments.name').orderBy('monitoring_reports.target_kind').orderBy('monitoring_reports.project_name');
      break;
    case 'department':
      rows = rows.orderBy('departments.name').orderBy('monitoring_reports.target_kind').orderBy('monitoring_reports.project_name');
      break;
    case 'execution':
      rows = rows.orderBy(sql`case when monitoring_reports.state = 'draft' or monitoring_reports.budget_annual is null or monitoring_reports.budget_annual = 0 then null else monitoring_reports.budget_executed / monitoring_reports.budget_annual end`, (ob) => ob.asc().nullsLast()).orderBy('departments.name');
      break;
    case 'updated':
      rows = rows.orderBy('monitoring_reports.updated_at', 'desc');
      break;
  }
  const items = await rows.orderBy('monitoring_reports.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();

  const overdueQuery = () => (todayIso() > round.due ? base().where('monitoring_reports.state', 'in', ['draft', 'returned']) : null);
  const overdueBase = overdueQuery();
  const [overdueRows, overdueCount, execution] = await Promise.all([
    overdueBase ? overdueBase.selectAll('monitoring_reports').select('departments.name as department_name').orderBy('departments.name').orderBy('monitoring_reports.project_name').orderBy('monitoring_reports.id').limit(100).execute() : Promise.resolve([]),
    Promise.resolve({ n: String(overdueBase ? byState.draft + byState.returned : 0) }),
    base()
      .where('monitoring_reports.state', '!=', 'draft')
      .select([
        'departments.id as department_id',
        'departments.name as department_name',
        sql<string | null>`coalesce(sum(monitoring_reports.budget_annual) filter (where monitoring_reports.target_kind = 'department-target'), sum(monitoring_reports.budget_annual))`.as('annual'),
        sql<string | null>`coalesce(sum(monitoring_reports.budget_executed) filter (where monitoring_reports.target_kind = 'department-target'), sum(monitoring_reports.budget_executed))`.as('executed'),
      ])
      .groupBy(['departments.id', 'departments.name'])
      .orderBy('departments.name')
      .execute(),
  ]);
  const elapsed = monthsElapsed(round.through);
  return {
    round: roundView(round, access, 0),
    counts: { total, byLight, byState },
    items: items.map(summaryOf),
    total: Number(counted.n),
    execution: execution.map((e) => {
      const annual = e.annual === null ? null : twoPlaces(String(e.annual));
      const executed = e.executed === null ? null : twoPlaces(String(e.executed));
      return { departmentId: e.department_id, departmentName: e.department_name, annual, executed, rate: executionRate(annual, executed) };
    }),
    timeElapsed: elapsed ? toFixed2(times(elapsed, ratio(100n, 12n))) : '0.00',
    overdue: overdueRows.map(summaryOf),
    overdueTotal: Number(overdueCount.n),
  };
}

/**
 * Tells each department, once, of its reports left unsubmitted (to fill in, or returned) after their
 * round's due date. Run by every server process's dispatcher: rows are claimed with SKIP LOCKED, so
 * two processes never send the same notice.
 */
export async function notifyOverdueReports(db: Kysely<Database>, today: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('monitoring_reports')
      .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'monitoring_reports.round_id')
      .innerJoin('departments', 'departments.id', 'monitoring_reports.department_id')
      .select(['monitoring_reports.id', 'monitoring_reports.department_id', 'monitoring_reports.project_name', 'monitoring_rounds.name as round_name', 'monitoring_rounds.year', 'monitoring_rounds.due', 'departments.name as department_name'])
      .where('monitoring_rounds.due', '<', today)
      .where('monitoring_reports.state', 'in', ['draft', 'returned'])
      .where('monitoring_reports.overdue_notified_at', 'is', null)
      .where('departments.archived_at', 'is', null)
      .orderBy('monitoring_reports.id')
      .limit(200)
      .forUpdate('monitoring_reports')
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    const now = new Date().toISOString();
    for (const row of rows) {
      await notify(trx, { kind: 'report-overdue', subject: `${row.department_name}${row.project_name ? `「${row.project_name}」` : '部门整体'}（${row.year}年${row.round_name}，${row.due} 截止）`, link: `/monitoring/reports/${row.id}`, departmentId: row.department_id, authorId: null });
    }
    await trx.updateTable('monitoring_reports').set({ overdue_notified_at: now }).where('id', 'in', rows.map((r) => r.id)).execute();
    return rows.length;
  });
}
