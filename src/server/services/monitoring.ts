/**
 * In-year monitoring in the store: rounds opened by a finance bureau and the reports each department
 * owes on its approved target forms. A report is a document of the kind `monitoring-report`
 * (src/kinds/monitoringReport): its versions, comments, workflow and write path are the documents
 * service's; what is the round's — who owes what, the round page, overdue notices — is here.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DocumentKind, TargetDocument } from '../../core/document.ts';
import { LIGHTS, type Light, type MonitoringReport } from '../../core/monitoringReport.ts';
import { monthsElapsed } from '../../core/monitoring/lights.ts';
import { prefillReport } from '../../core/monitoring/prefill.ts';
import { ratio, times, toFixed2, twoPlaces } from '../../core/monitoring/ratio.ts';
import { REPORT_STATES, type ReportRequest, type ReportState } from '../../core/monitoring/reportWorkflow.ts';
import { canOpenRound, oversightRegion, type Actor } from '../../core/policy.ts';
import type { Finding } from '../../core/rules/finding.ts';
import { STATE_NAMES, type DeclarationState } from '../../core/workflow.ts';
import { canOnDocument } from '../../kinds/documentPolicy.ts';
import { executionRate, monitoringReportKind } from '../../kinds/monitoringReport/index.ts';
import type { ReportSummary, ReportView, RoundOverview, RoundView } from '../../format/apiTypes.ts';
import { appendAudit } from '../../store/auditLog.ts';
import { DOCUMENT_COLUMNS, DOCUMENT_COLUMNS_QUALIFIED, type DocumentRow } from '../../store/documentRow.ts';
import type { Database, MonitoringRoundsTable } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { actionsFor, authorizeDocument, createDocument, kindSettings, transitionDocument, updateDocument } from './documents.ts';
import { countByStateAnd, countedWhere, measuringSummary, subjectMatches, type OverviewListQuery } from './documentOverview.ts';
import { departmentWithPath, regionPath, regionSubtree } from './organisations.ts';
import { notify } from './notifications.ts';
import { remindOverdueOnce } from './overdueReminders.ts';

const REPORT = ['monitoring-report'] as const;

type Db = Kysely<Database> | Transaction<Database>;


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
  const owing = await trx.selectFrom('documents').select('department_id').distinct().where('kind', '=', 'monitoring-report').where('parent_id', '=', id).execute();
  for (const { department_id } of owing) {
    await notify(trx, { kind: 'round-opened', subject: { zh: `${region.name} ${input.year}年${input.name.trim()}（${input.due} 前报送）`, en: `${region.name} ${input.year} ${input.name.trim()} (due ${input.due})` }, link: '/monitoring', departmentId: department_id, authorId: actor.id });
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
      const row = await db.selectFrom('documents').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'monitoring-report').where('parent_id', '=', round.id).where('department_id', '=', actor.departmentId).where('state', 'in', ['draft', 'returned']).executeTakeFirstOrThrow();
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
    .selectFrom('documents as target')
    .innerJoin('departments', 'departments.id', 'target.department_id')
    .innerJoin('document_versions', (join) => join.onRef('document_versions.document_id', '=', 'target.id').onRef('document_versions.version', '=', 'target.current_version'))
    .select(['target.id', 'target.department_id', 'target.kind', 'target.current_version', 'target.project_name', 'document_versions.content'])
    .where('target.kind', 'in', monitoringReportKind.subjectKinds ?? [])
    .where('target.year', '=', round.year)
    .where('target.state', 'in', ['approved', 'published'])
    .where('departments.region_id', 'in', regions)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('documents as report').select('report.id').where('report.kind', '=', 'monitoring-report').where('report.parent_id', '=', roundId).whereRef('report.target_id', '=', 'target.id'))));
  if (departmentId !== null) query = query.where('target.department_id', '=', departmentId);
  const targets = await query.execute();
  for (const target of targets) {
    await insertReport(trx, round, { id: target.id, departmentId: target.department_id, kind: target.kind as DocumentKind, version: target.current_version, content: target.content as TargetDocument }, null);
  }
  return targets.length;
}

/** Makes a report on a target form, prefilled from it: by the system when a round opens, or by a user. */
async function insertReport(trx: Transaction<Database>, round: MonitoringRoundsTable, target: { id: string; departmentId: string; kind: DocumentKind; version: number; content: TargetDocument }, actor: Actor | null): Promise<string> {
  const content = prefillReport(target.content, { id: target.id, version: target.version }, { name: round.name, through: round.through });
  return createDocument(trx, null, { kind: 'monitoring-report', departmentId: target.departmentId, year: round.year, content, note: '由已审核的绩效目标生成 (prefilled from the approved targets)', target: { id: target.id, kind: target.kind, version: target.version }, parentId: round.id }, actor?.id ?? 'system');
}

/** Makes the report of a round for one target form, which must be approved or published; 409 otherwise. */
export async function createReport(trx: Transaction<Database>, actor: Actor, input: { roundId: string; targetId: string }): Promise<string> {
  const round = await loadRound(trx, input.roundId);
  if (!(await roundAccess(trx, actor, round)).visible) throw notFound('monitoring round', '监控轮次');
  const target = await trx.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', '=', input.targetId).where('kind', 'in', monitoringReportKind.subjectKinds ?? []).executeTakeFirst();
  if (!target) throw new AppError(404, 'not-found', '绩效目标申报表不存在', 'target form not found', [{ field: 'targetId', message: 'unknown' }]);
  const department = await departmentWithPath(trx, target.department_id);
  if (!canOnDocument(actor, 'update', { departmentId: target.department_id, regionPath: department.regionPath, state: 'draft' }, monitoringReportKind)) throw new AppError(403, 'forbidden', '无权进行此操作', 'you may not do this');
  if (!department.regionPath.includes(round.region_id)) throw new AppError(409, 'not-in-round', `该部门不在「${round.region_name}」的监控范围内`, `the department is outside ${round.region_name}, the round's region`, [{ field: 'targetId', message: 'outside the round' }]);
  if (target.state !== 'approved' && target.state !== 'published') {
    const names = STATE_NAMES[target.state as DeclarationState];
    throw new AppError(409, 'target-not-approved', `绩效目标${names.zh}，审核通过后才能监控`, `the target form is ${names.en}: only approved or published targets are monitored`, [{ field: 'targetId', message: `state ${target.state}` }], { targetState: target.state });
  }
  if (target.year !== round.year) throw new AppError(409, 'wrong-year', `绩效目标是 ${target.year} 年度的，本轮次监控 ${round.year} 年度`, `the target form is for ${target.year}; the round monitors ${round.year}`, [{ field: 'targetId', message: 'other year' }]);
  const existing = await trx.selectFrom('documents').select('id').where('kind', '=', 'monitoring-report').where('parent_id', '=', round.id).where('target_id', '=', target.id).executeTakeFirst();
  if (existing) throw new AppError(409, 'report-exists', '本轮次已有该申报表的监控表', 'the round already has a report on this form', [{ field: 'targetId', message: 'exists' }], { reportId: existing.id });
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', target.id).where('version', '=', target.current_version).executeTakeFirstOrThrow();
  return insertReport(trx, round, { id: target.id, departmentId: target.department_id, kind: target.kind as DocumentKind, version: target.current_version, content: version.content as TargetDocument }, actor);
}

// ─── Reports ─────────────────────────────────────────────────────────────────────────────────────

type ReportRow = DocumentRow & { department_name: string };

/** A report's lights as its summary keeps them. */
function lightsOf(row: Pick<DocumentRow, 'facts'>): ReportSummary['lights'] {
  const lights = (row.facts as { lights?: ReportSummary['lights'] } | null)?.lights;
  return { budget: lights?.budget ?? null, indicators: lights?.indicators ?? null, overall: lights?.overall ?? null };
}

function summaryOf(row: ReportRow): ReportSummary {
  const hidden = row.state === 'draft';
  return {
    ...measuringSummary(row),
    roundId: row.parent_id ?? '',
    state: row.state as ReportState,
    lights: hidden ? { budget: null, indicators: null, overall: null } : lightsOf(row),
    executionRate: hidden ? null : executionRate(row.budget_total === null ? null : String(row.budget_total), row.budget_executed === null ? null : String(row.budget_executed)),
    errorCount: row.error_count,
    rectificationNeeded: !hidden && row.flag,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

/** The reports of a round with their departments, as a query. */
function roundReports(db: Db, roundId: string) {
  return db.selectFrom('documents').innerJoin('departments', 'departments.id', 'documents.department_id').where('documents.kind', '=', 'monitoring-report').where('documents.parent_id', '=', roundId);
}

/** The reports of the actor's department in a round (made now if its targets were approved since). */
export async function departmentReports(db: Kysely<Database>, actor: Actor, roundId: string): Promise<ReportSummary[]> {
  const round = await loadRound(db, roundId);
  if (!(await roundAccess(db, actor, round)).visible || !actor.departmentId) throw notFound('monitoring round', '监控轮次');
  const departmentId = actor.departmentId;
  await db.transaction().execute((trx) => ensureReports(trx, roundId, departmentId));
  const rows = await roundReports(db, roundId).select(DOCUMENT_COLUMNS_QUALIFIED).select('departments.name as department_name').where('documents.department_id', '=', departmentId).orderBy('documents.target_kind').orderBy('documents.project_name').execute();
  // The department sees its own lights, submitted or not.
  return rows.map((row) => ({ ...summaryOf({ ...row, state: row.state === 'draft' ? 'submitted' : row.state }), state: row.state as ReportState }));
}

/** A report with its current content, findings, recomputed lights and the actions open to the actor. */
export async function getReport(db: Kysely<Database>, actor: Actor, id: string): Promise<ReportView> {
  const loaded = await authorizeDocument(db, actor, id, 'read', REPORT);
  const { row, regionPath: path } = loaded;
  const [version, round, target] = await Promise.all([
    db.selectFrom('document_versions').select(['content', 'findings']).where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow(),
    loadRound(db, row.parent_id ?? ''),
    db.selectFrom('documents').select(['id', 'kind', 'title', 'state', 'current_version']).where('id', '=', row.target_id ?? '').executeTakeFirstOrThrow(),
  ]);
  const content = version.content as MonitoringReport;
  const settings = await kindSettings(db, monitoringReportKind, path);
  const findings = version.findings as Finding[];
  const presented = monitoringReportKind.present?.(content, { settings, related: {}, place: loaded.place, findings }) as Pick<ReportView, 'computed' | 'required' | 'config'>;
  const actions = actionsFor(actor, loaded);
  const lastReturn = row.state === 'returned' ? await db.selectFrom('document_comments').select('body').where('document_id', '=', id).where('path', '=', '').orderBy('created_at', 'desc').limit(1).executeTakeFirst() : undefined;
  const own = actor.departmentId === row.department_id;
  const summary = summaryOf({ ...(own && row.state === 'draft' ? { ...row, state: 'submitted' } : row), department_name: loaded.departmentName });
  return {
    ...summary,
    state: row.state as ReportState,
    round: roundView(round, await roundAccess(db, actor, round), 0),
    content,
    findings,
    ...presented,
    target: { id: target.id, kind: target.kind as DocumentKind, title: target.title, state: target.state as DeclarationState, version: row.target_version ?? 0, currentVersion: target.current_version },
    allowedActions: actions.allowedActions as ReportView['allowedActions'],
    canEdit: actions.canEdit,
    returnReason: lastReturn?.body ?? null,
  };
}

/** Saves the department's values as a new version; what comes from the target and the round stays as it was. */
export function updateReport(trx: Transaction<Database>, actor: Actor, id: string, input: { baseVersion: number; content: MonitoringReport; note?: string | undefined; autosave?: boolean | undefined }): Promise<number> {
  return updateDocument(trx, actor, id, input, REPORT);
}

/** Submits, returns or accepts a report. */
export async function transitionReport(trx: Transaction<Database>, actor: Actor, id: string, request: ReportRequest): Promise<ReportState> {
  return (await transitionDocument(trx, actor, id, request, REPORT)) as ReportState;
}

// ─── The round page ──────────────────────────────────────────────────────────────────────────────

export interface OverviewQuery extends OverviewListQuery<ReportState, 'light' | 'department' | 'execution' | 'updated'> {
  readonly light?: Light | 'none' | undefined;
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
    let q = roundReports(db, roundId);
    if (scope) q = q.where('departments.region_id', 'in', scope);
    return q;
  };
  let filtered = base();
  if (query.light === 'none') filtered = filtered.where((eb) => eb.or([eb('documents.state', '=', 'draft'), eb('documents.light', 'is', null)]));
  else if (query.light) filtered = filtered.where('documents.state', '!=', 'draft').where('documents.light', '=', query.light);
  if (query.state) filtered = filtered.where('documents.state', '=', query.state);
  const searched = Boolean(query.q?.trim());
  if (query.q?.trim()) filtered = filtered.where(subjectMatches(query.q));
  let rows = filtered.select(DOCUMENT_COLUMNS_QUALIFIED).select('departments.name as department_name');
  switch (query.sort) {
    case 'light':
      rows = rows.orderBy('documents.light_rank').orderBy('departments.name').orderBy('documents.target_kind').orderBy('documents.project_name');
      break;
    case 'department':
      rows = rows.orderBy('departments.name').orderBy('documents.target_kind').orderBy('documents.project_name');
      break;
    case 'execution':
      rows = rows.orderBy(sql`case when documents.state = 'draft' or documents.budget_total is null or documents.budget_total = 0 then null else documents.budget_executed / documents.budget_total end`, (ob) => ob.asc().nullsLast()).orderBy('departments.name');
      break;
    case 'updated':
      rows = rows.orderBy('documents.updated_at', 'desc');
      break;
  }
  const overdueBase = todayIso() > round.due ? base().where('documents.state', 'in', ['draft', 'returned']) : null;
  // The reads do not depend on each other: on PostgreSQL they run on the pool's connections at once.
  const [counts, searchedCount, items, overdueRows, execution] = await Promise.all([
    // One scan counts by state and light together; the other counts follow from it.
    countByStateAnd(base(), 'light', REPORT_STATES, LIGHTS),
    searched ? filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow() : null,
    rows.orderBy('documents.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    overdueBase ? overdueBase.select(DOCUMENT_COLUMNS_QUALIFIED).select('departments.name as department_name').orderBy('departments.name').orderBy('documents.project_name').orderBy('documents.id').limit(100).execute() : Promise.resolve([]),
    // Each report a bar: a department-wide report and its projects' reports told apart by name.
    base()
      .where('documents.state', '!=', 'draft')
      .select(['documents.id as report_id', 'departments.id as department_id', 'departments.name as department_name', 'documents.project_name', 'documents.budget_total as annual', 'documents.budget_executed as executed'])
      .orderBy('departments.name')
      .orderBy('documents.project_name')
      .orderBy('documents.id')
      .limit(500)
      .execute(),
  ]);
  const { total, byState, byKey: byLight } = counts;
  // Without words the filters are on state and light alone (a draft's light counts as none), which the counts already hold.
  const counted = searchedCount ? Number(searchedCount.n) : countedWhere(counts, (state, light) => (!query.light || light === query.light) && (!query.state || state === query.state));
  const overdueCount = overdueBase ? byState.draft + byState.returned : 0;
  const elapsed = monthsElapsed(round.through);
  return {
    round: roundView(round, access, 0),
    counts: { total, byLight, byState },
    items: items.map(summaryOf),
    total: counted,
    execution: execution.map((e) => {
      const annual = e.annual === null ? null : twoPlaces(String(e.annual));
      const executed = e.executed === null ? null : twoPlaces(String(e.executed));
      return { reportId: e.report_id, departmentId: e.department_id, departmentName: e.department_name, projectName: e.project_name, annual, executed, rate: executionRate(annual, executed) };
    }),
    timeElapsed: elapsed ? toFixed2(times(elapsed, ratio(100n, 12n))) : '0.00',
    overdue: overdueRows.map(summaryOf),
    overdueTotal: overdueCount,
  };
}

/**
 * Tells each department, once, of its reports left unsubmitted (to fill in, or returned) after their
 * round's due date. Run by every server process's dispatcher (see overdueReminders.ts).
 */
export async function notifyOverdueReports(db: Kysely<Database>, today: string): Promise<number> {
  return remindOverdueOnce(db, {
    overdue: (candidates) =>
      candidates
        .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'documents.parent_id')
        .select(['documents.id', 'documents.department_id', 'documents.project_name', 'monitoring_rounds.name as round_name', 'monitoring_rounds.year', 'monitoring_rounds.due', 'departments.name as department_name'])
        .where('monitoring_rounds.due', '<', today)
        .where('documents.kind', '=', 'monitoring-report')
        .where('documents.state', 'in', ['draft', 'returned']),
    remind: (trx, row) =>
      notify(trx, { kind: 'report-overdue', subject: { zh: `${row.department_name}${row.project_name ? `「${row.project_name}」` : '部门整体'}（${row.year}年${row.round_name}，${row.due} 截止）`, en: `${row.department_name}${row.project_name ? ` "${row.project_name}"` : ' (department-wide)'} (${row.year} ${row.round_name}, due ${row.due})` }, link: `/monitoring/reports/${row.id}`, departmentId: row.department_id, authorId: null }),
  });
}
