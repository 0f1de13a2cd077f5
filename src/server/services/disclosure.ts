/**
 * 信息公开 in the store: a region's year of forms ready to publish or published, with each unpublished
 * project form's 非公开原因, decided by the pure core (core/disclosure); the department's reasons,
 * recorded and audited; and what each department published and when, for anyone.
 */
import type { Kysely, Transaction } from 'kysely';
import { byDepartment, disclosureRules, formDisclosure, type DepartmentDisclosure, type DisclosedForm, type DisclosedKind, type DisclosureRules, type FormDisclosure } from '../../core/disclosure/disclosure.ts';
import { adminReaches, type Actor } from '../../core/policy.ts';
import type { Database } from '../../store/schema.ts';
import { appendAudit } from '../../store/auditLog.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { authorizeDocument } from './documents.ts';
import { departmentWithPath, effectiveSettings, regionPath, regionSubtree } from './organisations.ts';
import { today } from './rectificationLinks.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The states in which a form is ready to publish (approved, accepted) or published. */
const READY: Record<DisclosedKind, readonly string[]> = { 'department-target': ['approved', 'published'], 'project-target': ['approved', 'published'], 'self-evaluation': ['accepted', 'published'] };

/** The region's rules for a year (the nearest region that sets them). */
export async function rulesFor(db: Db, regionId: string, year: number): Promise<DisclosureRules> {
  const settings = await effectiveSettings(db, await regionPath(db, regionId));
  return disclosureRules(settings.disclosure, year);
}

/** The forms of a region's year (or one department's) ready to publish or published, with their reasons. */
export async function formsOf(db: Db, scope: { regionIds: readonly string[] } | { departmentId: string }, year: number): Promise<DisclosedForm[]> {
  let query = db
    .selectFrom('documents')
    .innerJoin('departments', 'departments.id', 'documents.department_id')
    .leftJoin('disclosure_reasons', 'disclosure_reasons.document_id', 'documents.id')
    .select(['documents.id', 'documents.department_id', 'departments.name as department_name', 'documents.kind', 'documents.project_name', 'documents.state', 'documents.decided_at', 'documents.published_at', 'disclosure_reasons.reason'])
    .where('documents.year', '=', year)
    .where('departments.archived_at', 'is', null)
    .where((eb) => eb.or(Object.entries(READY).map(([kind, states]) => eb.and([eb('documents.kind', '=', kind), eb('documents.state', 'in', states)]))));
  query = 'departmentId' in scope ? query.where('documents.department_id', '=', scope.departmentId) : query.where('departments.region_id', 'in', scope.regionIds.length > 0 ? [...scope.regionIds] : ['']);
  const rows = await query.orderBy('departments.name').orderBy('documents.kind').orderBy('documents.project_name').orderBy('documents.id').execute();
  return rows.map((r) => ({ id: r.id, departmentId: r.department_id, departmentName: r.department_name, kind: r.kind as DisclosedKind, projectName: r.project_name, state: r.state, decidedAt: r.decided_at, publishedAt: r.published_at, reason: r.reason }));
}

/** A region of that id, or 404. */
async function regionExists(db: Db, regionId: string): Promise<void> {
  if (!(await db.selectFrom('regions').select('id').where('id', '=', regionId).executeTakeFirst())) throw notFound('region', '区划');
}

/** Whom the actor may see: a reviewer or admin a region they reach; a department itself. */
export async function scopeOf(db: Kysely<Database>, actor: Actor, query: { regionId?: string | undefined }): Promise<{ regionId: string; scope: { regionIds: readonly string[] } | { departmentId: string } }> {
  if ((actor.role === 'editor' || actor.role === 'approver') && actor.departmentId !== null) {
    const department = await departmentWithPath(db, actor.departmentId);
    return { regionId: department.regionId, scope: { departmentId: actor.departmentId } };
  }
  if (actor.role !== 'reviewer' && actor.role !== 'admin') throw forbidden();
  const regionId = query.regionId ?? actor.regionId;
  if (!regionId) throw new AppError(400, 'validation-failed', '请选择区划', 'choose a region', [{ field: 'regionId', message: 'required' }]);
  await regionExists(db, regionId);
  const path = await regionPath(db, regionId);
  const reaches = actor.role === 'admin' ? adminReaches(actor, path) : actor.regionId !== null && path.includes(actor.regionId);
  if (!reaches) throw forbidden();
  return { regionId, scope: { regionIds: await regionSubtree(db, regionId) } };
}

/** A region's (or the actor's department's) year of disclosure. */
export interface DisclosureView {
  regionId: string;
  year: number;
  today: string;
  rules: DisclosureRules;
  departments: DepartmentDisclosure[];
  forms: FormDisclosure[];
}

export async function disclosureOverview(db: Kysely<Database>, actor: Actor, query: { regionId?: string | undefined; year: number }, on = today()): Promise<DisclosureView> {
  const { regionId, scope } = await scopeOf(db, actor, query);
  const rules = await rulesFor(db, regionId, query.year);
  const forms = (await formsOf(db, scope, query.year)).map((f) => formDisclosure(f, rules, on));
  return { regionId, year: query.year, today: on, rules, departments: byDepartment(forms, rules), forms };
}

/** Records (or replaces) why a form is not published: its department's editors and approvers, while it is unpublished. Audited. */
export async function recordReason(trx: Transaction<Database>, actor: Actor, documentId: string, reason: string): Promise<void> {
  const loaded = await authorizeDocument(trx, actor, documentId, 'read');
  if (!(actor.role === 'editor' || actor.role === 'approver') || actor.departmentId !== loaded.row.department_id) throw forbidden();
  const kind = loaded.row.kind as DisclosedKind;
  if (!Object.hasOwn(READY, kind)) throw new AppError(400, 'validation-failed', '只有申报表和自评表需要公开', 'only target forms and self-evaluations are published', [{ field: 'documentId', message: 'not published kind' }]);
  if (loaded.row.state === 'published') throw new AppError(409, 'already-published', '已公开，无需填写非公开原因', 'it is published: no reason is needed', [{ field: 'documentId', message: 'published' }]);
  const now = new Date().toISOString();
  await trx
    .insertInto('disclosure_reasons')
    .values({ document_id: documentId, reason, recorded_by: actor.id, recorded_at: now })
    .onConflict((oc) => oc.column('document_id').doUpdateSet({ reason, recorded_by: actor.id, recorded_at: now }))
    .execute();
  await appendAudit(trx, { actorId: actor.id, action: 'disclosure.reason', entity: loaded.kind.auditEntity, entityId: documentId, detail: { reason } });
}

/** What a department published of a year, and when: for anyone (public page and API). */
export interface PublishedByDepartment {
  departmentId: string;
  departmentName: string;
  published: Array<{ id: string; kind: DisclosedKind; projectName: string | null; title: string | null; publishedAt: string }>;
}

export async function publishedByDepartment(db: Kysely<Database>, regionId: string, year: number): Promise<PublishedByDepartment[]> {
  await regionExists(db, regionId);
  const regions = await regionSubtree(db, regionId);
  const rows = await db
    .selectFrom('documents')
    .innerJoin('departments', 'departments.id', 'documents.department_id')
    .select(['documents.id', 'documents.department_id', 'departments.name as department_name', 'documents.kind', 'documents.project_name', 'documents.title', 'documents.published_at'])
    .where('documents.year', '=', year)
    .where('documents.state', '=', 'published')
    .where('documents.kind', 'in', Object.keys(READY))
    .where('departments.region_id', 'in', regions)
    .where('departments.archived_at', 'is', null)
    .orderBy('departments.name')
    .orderBy('documents.published_at')
    .orderBy('documents.id')
    .execute();
  const out = new Map<string, PublishedByDepartment>();
  for (const r of rows) {
    const entry = out.get(r.department_id) ?? { departmentId: r.department_id, departmentName: r.department_name, published: [] };
    entry.published.push({ id: r.id, kind: r.kind as DisclosedKind, projectName: r.project_name, title: r.title, publishedAt: r.published_at ?? '' });
    out.set(r.department_id, entry);
  }
  return [...out.values()];
}
