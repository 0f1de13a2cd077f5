/**
 * Year-end self-evaluations in the store: one per approved or published target form, prefilled from
 * its targets and the year's last monitoring round. A self-evaluation is a document of the kind
 * `self-evaluation` (src/kinds/selfEvaluation): scored on every save by the one write path, reviewed
 * and published through the one workflow step. What is the evaluations' own — which forms are owed one,
 * the reviewer's overview of a year, the public list — is here.
 */
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { DocumentKind, TargetDocument } from '../../core/document.ts';
import { EVALUATION_STATES, type EvaluationRequest, type EvaluationState } from '../../core/evaluation/evaluationWorkflow.ts';
import { prefillEvaluation } from '../../core/evaluation/prefill.ts';
import type { EvaluationScore } from '../../core/evaluation/scoring.ts';
import { twoPlaces } from '../../core/monitoring/ratio.ts';
import type { MonitoringReport } from '../../core/monitoringReport.ts';
import { oversightRegion, type Actor } from '../../core/policy.ts';
import type { Finding } from '../../core/rules/finding.ts';
import { EVALUATION_GRADES, type EvaluationGrade, type SelfEvaluation } from '../../core/selfEvaluation.ts';
import { STATE_NAMES, type DeclarationState } from '../../core/workflow.ts';
import { canCreateDocument } from '../../kinds/documentPolicy.ts';
import { selfEvaluationKind, type ScoringSettings } from '../../kinds/selfEvaluation/index.ts';
import type { EvaluationOverview, EvaluationSummary, EvaluationView, OwedEvaluation } from '../../format/apiTypes.ts';
import { DOCUMENT_COLUMNS, DOCUMENT_COLUMNS_QUALIFIED, type DocumentRow } from '../../store/documentRow.ts';
import type { Database } from '../../store/schema.ts';
import { AppError, forbidden } from '../appError.ts';
import { actionsFor, authorizeDocument, createDocument, kindSettings, recheckDocument, transitionDocument, updateDocument } from './documents.ts';
import { countedWhere, yearCountsAndExecution, measuringSummary, subjectMatches, type OverviewListQuery } from './documentOverview.ts';
import { departmentWithPath, regionSubtree } from './organisations.ts';

type Db = Kysely<Database> | Transaction<Database>;

const EVALUATION = ['self-evaluation'] as const;

type Row = DocumentRow & { department_name: string };

function summaryOf(row: Row): EvaluationSummary {
  return {
    ...measuringSummary(row),
    year: row.year,
    state: row.state as EvaluationState,
    total: row.score === null ? null : twoPlaces(String(row.score)),
    grade: row.grade as EvaluationGrade | null,
    executionRate: row.rate === null ? null : twoPlaces(String(row.rate)),
    errorCount: row.error_count,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** Self-evaluations with their departments, as a query. */
function evaluations(db: Db) {
  return db.selectFrom('documents').innerJoin('departments', 'departments.id', 'documents.department_id').where('documents.kind', '=', 'self-evaluation');
}

/** The target forms of a year the actor's department owes a self-evaluation on, with the ones begun. */
export async function owedEvaluations(db: Kysely<Database>, actor: Actor, year: number): Promise<OwedEvaluation[]> {
  if (!actor.departmentId) return [];
  const targets = await db
    .selectFrom('documents as target')
    .leftJoin('documents as evaluation', (join) => join.onRef('evaluation.target_id', '=', 'target.id').on('evaluation.kind', '=', 'self-evaluation'))
    .select(['target.id', 'target.kind', 'target.title', 'target.project_name', 'target.state', 'evaluation.id as evaluation_id'])
    .where('target.kind', 'in', selfEvaluationKind.subjectKinds ?? [])
    .where('target.department_id', '=', actor.departmentId)
    .where('target.year', '=', year)
    .where('target.state', 'in', ['approved', 'published'])
    .orderBy('target.kind')
    .orderBy('target.project_name')
    .execute();
  const begun = targets.flatMap((t) => (t.evaluation_id ? [t.evaluation_id] : []));
  const rows = begun.length === 0 ? [] : await evaluations(db).select(DOCUMENT_COLUMNS_QUALIFIED).select('departments.name as department_name').where('documents.id', 'in', begun).execute();
  const byId = new Map(rows.map((r) => [r.id, summaryOf(r)]));
  return targets.map((t) => ({ targetId: t.id, targetKind: t.kind as DocumentKind, title: t.title, projectName: t.project_name, evaluation: t.evaluation_id ? (byId.get(t.evaluation_id) ?? null) : null }));
}

/** Starts the self-evaluation of a target form: approved or published only (409 otherwise), one per form. */
export async function createEvaluation(trx: Transaction<Database>, actor: Actor, input: { targetId: string }): Promise<string> {
  const target = await trx.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', '=', input.targetId).where('kind', 'in', selfEvaluationKind.subjectKinds ?? []).executeTakeFirst();
  if (!target) throw new AppError(404, 'not-found', '绩效目标申报表不存在', 'target form not found', [{ field: 'targetId', message: 'unknown' }]);
  const department = await departmentWithPath(trx, target.department_id);
  if (!canCreateDocument(actor, selfEvaluationKind, target.department_id, department.regionPath)) throw forbidden();
  if (target.state !== 'approved' && target.state !== 'published') {
    const names = STATE_NAMES[target.state as DeclarationState];
    throw new AppError(409, 'target-not-approved', `绩效目标${names.zh}，审核通过后才能自评`, `the target form is ${names.en}: only approved or published targets are evaluated`, [{ field: 'targetId', message: `state ${target.state}` }], { targetState: target.state });
  }
  const existing = await trx.selectFrom('documents').select('id').where('kind', '=', 'self-evaluation').where('target_id', '=', target.id).executeTakeFirst();
  if (existing) throw new AppError(409, 'evaluation-exists', '该申报表已有绩效自评表', 'the form already has a self-evaluation', [{ field: 'targetId', message: 'exists' }], { evaluationId: existing.id });
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', target.id).where('version', '=', target.current_version).executeTakeFirstOrThrow();
  // The year's last monitoring round on this form, for the first actuals and the money spent.
  const last = await trx
    .selectFrom('documents as report')
    .innerJoin('monitoring_rounds', 'monitoring_rounds.id', 'report.parent_id')
    .innerJoin('document_versions', (join) => join.onRef('document_versions.document_id', '=', 'report.id').onRef('document_versions.version', '=', 'report.current_version'))
    .select('document_versions.content')
    .where('report.kind', '=', 'monitoring-report')
    .where('report.target_id', '=', target.id)
    .where('report.state', '!=', 'draft')
    .orderBy('monitoring_rounds.through', 'desc')
    .limit(1)
    .executeTakeFirst();
  const { config } = (await kindSettings(trx, selfEvaluationKind, department.regionPath)) as ScoringSettings;
  const content = prefillEvaluation(version.content as TargetDocument, { id: target.id, version: target.current_version }, (last?.content as MonitoringReport | undefined) ?? null, config);
  return createDocument(trx, actor, {
    kind: 'self-evaluation',
    departmentId: target.department_id,
    year: target.year,
    content,
    note: last ? '由绩效目标和最近一轮运行监控生成 (from the targets and the last monitoring round)' : '由绩效目标生成 (from the targets)',
    target: { id: target.id, kind: target.kind, version: target.current_version },
  });
}

/** A self-evaluation with its content, computed scores, findings and the actions open to the actor. */
export async function getEvaluation(db: Kysely<Database>, actor: Actor | null, id: string): Promise<EvaluationView> {
  const loaded = await authorizeDocument(db, actor, id, 'read', EVALUATION);
  const { row } = loaded;
  const [version, target] = await Promise.all([
    db.selectFrom('document_versions').select(['content', 'findings']).where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow(),
    db.selectFrom('documents').select(['id', 'kind', 'title', 'state', 'current_version']).where('id', '=', row.target_id ?? '').executeTakeFirstOrThrow(),
  ]);
  const content = version.content as SelfEvaluation;
  const settings = (await kindSettings(db, selfEvaluationKind, loaded.regionPath)) as ScoringSettings;
  const findings = version.findings as Finding[];
  const presented = selfEvaluationKind.present?.(content, { settings, related: {}, place: loaded.place, findings }) as { score: EvaluationScore };
  const actions = actionsFor(actor, loaded);
  const lastReturn = actor && row.state === 'returned' ? await db.selectFrom('document_comments').select('body').where('document_id', '=', id).where('path', '=', '').orderBy('created_at', 'desc').limit(1).executeTakeFirst() : undefined;
  return {
    ...summaryOf({ ...row, department_name: loaded.departmentName }),
    content,
    findings,
    score: presented.score,
    target: { id: target.id, kind: target.kind as DocumentKind, title: target.title, state: target.state as DeclarationState, version: row.target_version ?? 0, currentVersion: target.current_version },
    allowedActions: actions.allowedActions as EvaluationView['allowedActions'],
    canEdit: actions.canEdit,
    canComment: actions.canComment,
    returnReason: lastReturn?.body ?? null,
    config: settings.config,
  };
}

/** Saves the department's values as a new version; names, targets and points stay the target form's. */
export function updateEvaluation(trx: Transaction<Database>, actor: Actor, id: string, input: { baseVersion: number; content: SelfEvaluation; note?: string | undefined; autosave?: boolean | undefined }): Promise<number> {
  return updateDocument(trx, actor, id, input, EVALUATION);
}

/** Submits, returns, accepts or publishes a self-evaluation. */
export async function transitionEvaluation(trx: Transaction<Database>, actor: Actor, id: string, request: EvaluationRequest): Promise<EvaluationState> {
  return (await transitionDocument(trx, actor, id, request, EVALUATION)) as EvaluationState;
}

export interface EvaluationOverviewQuery extends OverviewListQuery<EvaluationState, 'total' | 'department' | 'execution' | 'updated'> {
  readonly year: number;
  readonly grade?: EvaluationGrade | 'none' | undefined;
}

/** The reviewer's overview of a year: counts by grade and state, every evaluation, execution by department. */
export async function evaluationOverview(db: Kysely<Database>, actor: Actor, query: EvaluationOverviewQuery): Promise<EvaluationOverview> {
  if (actor.role !== 'reviewer' && actor.role !== 'admin') throw forbidden();
  const oversight = oversightRegion(actor);
  const scope = oversight !== null ? await regionSubtree(db, oversight) : null;
  const base = () => {
    let q = evaluations(db).where('documents.year', '=', query.year);
    if (scope) q = q.where('departments.region_id', 'in', scope);
    // Drafts stay with their department: counted, not shown.
    return q;
  };
  let filtered = base().where('documents.state', '!=', 'draft');
  if (query.grade === 'none') filtered = filtered.where('documents.grade', 'is', null);
  else if (query.grade) filtered = filtered.where('documents.grade', '=', query.grade);
  if (query.state) filtered = filtered.where('documents.state', '=', query.state);
  const searched = Boolean(query.q?.trim());
  if (query.q?.trim()) filtered = filtered.where(subjectMatches(query.q));
  const inOrder = <O>(q: SelectQueryBuilder<Database, 'documents' | 'departments', O>) => {
    switch (query.sort) {
      case 'total':
        return q.orderBy('documents.score', (ob) => ob.asc().nullsLast()).orderBy('departments.name').orderBy('documents.id');
      case 'execution':
        return q.orderBy('documents.rate', (ob) => ob.asc().nullsLast()).orderBy('departments.name').orderBy('documents.id');
      case 'department':
        return q.orderBy('departments.name').orderBy('documents.target_kind').orderBy('documents.project_name').orderBy('documents.id');
      case 'updated':
        return q.orderBy('documents.updated_at', 'desc').orderBy('documents.id');
    }
  };
  // The page is chosen by id, and only its 50 rows read whole: sorting the year's wide rows to keep 50 cost a third of the overview.
  const pageIds = inOrder(filtered.select('documents.id')).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  const page = inOrder(base().where('documents.id', 'in', pageIds).select(DOCUMENT_COLUMNS_QUALIFIED).select('departments.name as department_name'));
  // The reads do not depend on each other: on PostgreSQL they run on the pool's connections at once.
  const [{ counts, execution }, searchedCount, items] = await Promise.all([
    yearCountsAndExecution(db, selfEvaluationKind.kind, query.year, scope, 'grade', EVALUATION_STATES, EVALUATION_GRADES),
    searched ? filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow() : null,
    page.execute(),
  ]);
  const { total, byState, byKey: byGrade } = counts;
  // Without words the filters are on state and grade alone, which the counts already hold.
  const counted = searchedCount
    ? Number(searchedCount.n)
    : countedWhere(counts, (state, grade) => state !== 'draft' && (!query.grade || grade === query.grade) && (!query.state || state === query.state));
  return {
    year: query.year,
    counts: { total, byGrade, byState },
    items: items.map(summaryOf),
    total: counted,
    execution,
  };
}

/** Published self-evaluations, for the public pages. */
export async function publishedEvaluations(db: Kysely<Database>, filter: { year?: number | undefined; q?: string | undefined; page: number; pageSize: number }): Promise<{ items: EvaluationSummary[]; total: number }> {
  let q = evaluations(db).where('documents.state', '=', 'published');
  if (filter.year !== undefined) q = q.where('documents.year', '=', filter.year);
  if (filter.q?.trim()) q = q.where(subjectMatches(filter.q));
  const counted = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(DOCUMENT_COLUMNS_QUALIFIED).select('departments.name as department_name').orderBy('documents.published_at', 'desc').orderBy('documents.id').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  return { items: rows.map(summaryOf), total: Number(counted.n) };
}

/**
 * Scores a self-evaluation's current version again with the scoring in force now (after a bureau
 * changed its scoring settings): the derived scores, findings and summary columns are replaced, what
 * the department entered stays; the change of total is audited.
 */
export async function rescoreEvaluation(trx: Transaction<Database>, actorId: string, id: string): Promise<{ totalBefore: string | null; totalAfter: string | null; gradeBefore: string | null; gradeAfter: string | null }> {
  const result = await recheckDocument(trx, actorId, id);
  return { totalBefore: result.scoreBefore, totalAfter: result.scoreAfter, gradeBefore: result.gradeBefore, gradeAfter: result.gradeAfter };
}
