/**
 * Target forms (部门整体 and 项目支出绩效目标申报表) in the store: what only target forms have — the ways
 * a form is started (empty, imported, copied from last year, from a row of the department form), the
 * fast read of a form as JSON, and the forms list. Everything else (the write path, the workflow,
 * comments, versions) is the one documents service's (`documents.ts`), driven by the target kinds.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { DOCUMENT_KINDS, type DocumentKind, type TargetDocument } from '../../core/document.ts';
import { formatMoney, money } from '../../core/money.ts';
import type { ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import type { Actor } from '../../core/policy.ts';
import type { Finding } from '../../core/rules/finding.ts';
import type { DeclarationState, ReviewGrade, TransitionAction, TransitionRequest } from '../../core/workflow.ts';
import { kindOf } from '../../kinds/registry.ts';
import { normaliseTarget, targetSearchText } from '../../kinds/shared/targetForms.ts';
import type { DeclarationHead, DeclarationSummary, DeclarationView, DeclarationViewWithActions } from '../../format/apiTypes.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../appError.ts';
import { documentsWithCurrentVersion } from './currentVersions.ts';
import { lastReviewView, type DocumentHeadRow } from './documentHeads.ts';
import { actionsFor, authorizeDocument, createDocument, documentBody, filterDocuments, listPage, readCurrentDocument, transitionDocument, updateDocument, visibleDocuments, type DocumentFilter, type LoadedDocument } from './documents.ts';
import { departmentWithPath, effectiveSettings, regionSubtree } from './organisations.ts';

export type { DeclarationSummary, DeclarationView };

/** The kinds this service is about. */
export const TARGET_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS;
const TARGETS = TARGET_KINDS.map(kindOf);

/** Text the list's search looks in: department, goals, project and indicator names. */
export const searchText = targetSearchText;

/** Loads a target form and checks the actor may do `action` on it; one the actor may not read is a 404. */
export function authorize(db: Kysely<Database> | Transaction<Database>, actor: Actor | null, id: string, action: string): Promise<LoadedDocument> {
  return authorizeDocument(db, actor, id, action, TARGET_KINDS);
}

/** How a new declaration starts. */
export type CreateSource =
  | { kind: 'empty' }
  | { kind: 'content'; content: TargetDocument; note: string }
  | { kind: 'copy-previous-year' }
  /** Copies a given form of an earlier year (the same department's): targets kept and marked as carried over. */
  | { kind: 'copy'; fromId: string }
  /** A project form prefilled from a row of the department form (name, amount, content, expected outcome). */
  | { kind: 'project-row'; departmentFormId: string; row: number };

/** Marks every indicator as carried over from last year, with last year's target. */
function carryOver<D extends TargetDocument>(content: D): D {
  const indicators = content.indicators.map((i) => ({ ...i, carriedOver: i.annualTarget }));
  return { ...content, indicators, unparsed: [] } as D;
}

/** Creates a document of a department for a year: one department-wide form, any number of project forms. */
export async function createDeclaration(trx: Transaction<Database>, actor: Actor, input: { departmentId: string; year: number; kind?: DocumentKind; source: CreateSource }): Promise<string> {
  const department = await departmentWithPath(trx, input.departmentId);
  const kind: DocumentKind = input.source.kind === 'content' ? input.source.content.kind : input.source.kind === 'project-row' ? 'project-target' : (input.kind ?? 'department-target');
  if (kind === 'department-target') {
    const existing = await trx.selectFrom('documents').select('id').where('department_id', '=', input.departmentId).where('year', '=', input.year).where('kind', '=', 'department-target').executeTakeFirst();
    if (existing) {
      throw new AppError(409, 'conflict', `${department.name} 已有 ${input.year} 年度部门整体申报表`, `${department.name} already has a ${input.year} department-wide form`, [{ field: 'year', message: 'exists' }], { existingId: existing.id });
    }
  }
  let content: TargetDocument;
  let note: string | null = null;
  let projectRowName: string | null = null;
  switch (input.source.kind) {
    case 'empty':
      content = kindOf(kind).empty?.({ departmentName: department.name, year: input.year }) as TargetDocument;
      break;
    case 'project-row': {
      const source = await documentsWithCurrentVersion(trx)
        .select(['documents.department_id', 'documents.year', 'documents.kind', 'document_versions.content'])
        .where('documents.id', '=', input.source.departmentFormId)
        .executeTakeFirst();
      if (!source || source.department_id !== input.departmentId || source.kind !== 'department-target') {
        throw new AppError(404, 'not-found', '没有找到该部门的部门整体申报表', "the department's department-wide form was not found", [{ field: 'departmentFormId', message: 'not found' }]);
      }
      const row = (source.content as DepartmentTargetDeclaration).projects[input.source.row];
      if (!row) throw new AppError(404, 'not-found', `部门整体申报表没有第 ${input.source.row + 1} 项`, `the department form has no row ${input.source.row + 1}`, [{ field: 'row', message: 'no such row' }]);
      const blank = kindOf('project-target').empty?.({ departmentName: department.name, year: source.year }) as ProjectTargetDeclaration;
      content = {
        ...blank,
        project: { ...blank.project, name: row.name, content: row.content || null },
        funds: { ...blank.funds, total: row.amount },
        annualGoal: row.expectedOutcome,
      } satisfies ProjectTargetDeclaration;
      projectRowName = row.name;
      note = `由部门整体申报表第 ${input.source.row + 1} 项创建 (from row ${input.source.row + 1} of the department form)`;
      break;
    }
    case 'copy': {
      const source = await documentsWithCurrentVersion(trx)
        .select(['documents.department_id', 'documents.year', 'document_versions.content'])
        .where('documents.id', '=', input.source.fromId)
        .where('documents.kind', 'in', TARGET_KINDS)
        .executeTakeFirst();
      if (!source || source.department_id !== input.departmentId) throw new AppError(404, 'not-found', '没有找到要复制的申报表', 'the form to copy was not found', [{ field: 'fromId', message: 'not found' }]);
      if (source.year >= input.year) throw new AppError(400, 'validation-failed', `只能复制以前年度的申报表（所选为 ${source.year} 年度）`, `only an earlier year's form can be copied (that one is ${source.year})`, [{ field: 'fromId', message: 'not an earlier year' }]);
      content = carryOver(source.content as TargetDocument);
      note = `复制自 ${source.year} 年度 (copied from ${source.year})`;
      break;
    }
    case 'content':
      content = input.source.content;
      note = input.source.note;
      break;
    case 'copy-previous-year': {
      const previous = await documentsWithCurrentVersion(trx)
        .select('document_versions.content')
        .where('documents.department_id', '=', input.departmentId)
        .where('documents.year', '=', input.year - 1)
        .where('documents.kind', '=', 'department-target')
        .executeTakeFirst();
      if (!previous) throw new AppError(404, 'not-found', `没有 ${input.year - 1} 年度的申报表可复制`, `there is no ${input.year - 1} declaration to copy`, [{ field: 'source', message: 'no previous year' }]);
      // Targets carry over, marked as such; what belonged to last year's import (unparsed text) does not.
      content = carryOver(previous.content as TargetDocument);
      note = `复制自 ${input.year - 1} 年度 (copied from ${input.year - 1})`;
      break;
    }
  }
  const normalised = normaliseTarget(content, { departmentName: department.name, year: input.year });
  const projectName = normalised.kind === 'project-target' ? normalised.project.name?.trim() || null : null;
  if (projectName) {
    const same = await trx.selectFrom('documents').select('id').where('department_id', '=', input.departmentId).where('year', '=', input.year).where('kind', '=', 'project-target').where('project_name', '=', projectName).executeTakeFirst();
    if (same) throw new AppError(409, 'conflict', `${department.name} 已有 ${input.year} 年度「${projectName}」的项目申报表`, `${department.name} already has a ${input.year} project form for ${projectName}`, [{ field: 'project', message: 'exists' }], { existingId: same.id });
  }
  return createDocument(trx, actor, { kind: normalised.kind, departmentId: input.departmentId, year: input.year, content: normalised, note, projectRow: projectRowName });
}

/** Saves edited content over the version the editor started from; a stale base is a 409 with the current version. */
export function updateDeclaration(trx: Transaction<Database>, actor: Actor, id: string, input: { baseVersion: number; content: TargetDocument; note?: string; autosave?: boolean }): Promise<number> {
  return updateDocument(trx, actor, id, input, TARGET_KINDS);
}

/** Moves a form along the review workflow; a return needs a reason, which becomes a comment. */
export async function transitionDeclaration(trx: Transaction<Database>, actor: Actor, id: string, request: TransitionRequest): Promise<DeclarationState> {
  return (await transitionDocument(trx, actor, id, request, TARGET_KINDS)) as DeclarationState;
}

/** The fields of a form's view other than its content and findings. */
function viewHead(row: DocumentHeadRow, departmentName: string): DeclarationHead & Pick<DeclarationView, 'lastReview'> {
  return {
    id: row.id,
    kind: row.kind as DocumentKind,
    projectName: row.project_name,
    departmentId: row.department_id,
    departmentName,
    year: row.year,
    state: row.state as DeclarationState,
    version: row.current_version,
    reviewGrade: row.review_grade,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    publishedAt: row.published_at,
    lastReview: lastReviewView(row.last_review),
  };
}

/** The current version of a form with its findings. */
export async function getDeclaration(db: Kysely<Database>, actor: Actor | null, id: string): Promise<DeclarationView> {
  const current = await readCurrentDocument(db, actor, id, TARGET_KINDS);
  return { ...viewHead(current.row, current.departmentName), content: JSON.parse(current.texts.content) as TargetDocument, findings: JSON.parse(current.texts.findings) as Finding[] };
}

/**
 * The current version as a JSON response body, with what the actor may do next. The stored JSON
 * text of content and findings is spliced in as is (see `readCurrentDocument`).
 */
export async function getDeclarationJson(db: Kysely<Database>, actor: Actor | null, id: string): Promise<Buffer> {
  const current = await readCurrentDocument(db, actor, id, TARGET_KINDS);
  const { allowedActions, canEdit, canComment, canDelete } = actionsFor(actor, current);
  const blockSubmitOnErrors = allowedActions.includes('submit') ? ((await effectiveSettings(db, current.resource.regionPath)).blockSubmitOnErrors ?? false) : false;
  const head = JSON.stringify({ ...viewHead(current.row, current.departmentName), allowedActions: allowedActions as TransitionAction[], canEdit, canComment, canDelete, blockSubmitOnErrors } satisfies Omit<DeclarationViewWithActions, 'content' | 'findings'>);
  return documentBody(current.texts, head);
}

/** Filters of the forms list. */
export interface ListFilter {
  year?: number;
  state?: DeclarationState;
  departmentId?: string;
  regionId?: string;
  q?: string;
  kind?: DocumentKind;
  page: number;
  pageSize: number;
  sort: 'updated' | 'year' | 'department' | 'errors' | 'published';
}

/** The target forms (joined with their departments) the actor may see, as a query. */
export function visibleDeclarations(db: Kysely<Database>, actor: Actor | null) {
  return visibleDocuments(db, actor, TARGETS);
}

/**
 * The target forms the actor works on, not all it may read: a department's own forms; a reviewer's
 * region's forms past draft; a bureau admin's region; everything for the system admin. What others
 * published is on the public pages, not in one's own counts (home page).
 */
export async function workingDeclarations(db: Kysely<Database>, actor: Actor | null) {
  const query = db.selectFrom('documents').innerJoin('departments', 'departments.id', 'documents.department_id').where('documents.kind', 'in', TARGET_KINDS);
  if (actor === null) return query.where('documents.state', '=', 'published');
  if (actor.role === 'editor' || actor.role === 'approver') return query.where('documents.department_id', '=', actor.departmentId ?? '');
  if (actor.role === 'reviewer') return query.where('departments.region_id', 'in', await regionSubtree(db, actor.regionId ?? '')).where('documents.state', '!=', 'draft');
  if (actor.role === 'admin') return actor.regionId !== null ? query.where('departments.region_id', 'in', await regionSubtree(db, actor.regionId)) : query;
  // Experts and agencies work on what they are assigned, not on target forms.
  return query.where(sql<boolean>`false`);
}

/** Target forms the actor may see, filtered and paged on the server. */
export async function listDeclarations(db: Kysely<Database>, actor: Actor | null, filter: ListFilter): Promise<{ items: DeclarationSummary[]; total: number; totalAtLeast: boolean }> {
  const filtered = await filterDocuments(db, await visibleDeclarations(db, actor), filter satisfies DocumentFilter);
  const { query } = filtered;
  // Ties in a sort fall to the year (newest first) and the department, so that results never mix years in no order.
  const sorted = {
    updated: query.orderBy('documents.updated_at', 'desc'),
    year: query.orderBy('documents.year', 'desc').orderBy('departments.name', 'asc'),
    department: query.orderBy('departments.name', 'asc').orderBy('documents.year', 'desc'),
    errors: query.orderBy('documents.error_count', 'desc'),
    published: query.orderBy(sql`documents.published_at desc nulls last`).orderBy('documents.year', 'desc'),
  }[filter.sort].orderBy('documents.project_name').orderBy('documents.id');
  const { rows, ...count } = await listPage(
    db,
    filtered,
      sorted.select([
        'documents.id',
        'documents.kind',
        'documents.project_name',
        'documents.department_id',
        'departments.name as department_name',
        'documents.year',
        'documents.state',
        'documents.current_version',
        'documents.title',
        'documents.budget_total',
        'documents.error_count',
        'documents.warning_count',
        'documents.review_grade',
        'documents.updated_at',
        'documents.submitted_at',
        'documents.published_at',
      ]),
    { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize, sort: filter.sort },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as DocumentKind,
      projectName: r.project_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      year: r.year,
      state: r.state as DeclarationState,
      version: r.current_version,
      title: r.title,
      // numeric(20,6) comes back as "4417.500000": shown with two decimals, more only when non-zero.
      budgetTotal: r.budget_total === null ? null : formatMoney(money(r.budget_total)),
      errorCount: r.error_count,
      warningCount: r.warning_count,
      reviewGrade: r.review_grade as ReviewGrade | null,
      updatedAt: r.updated_at,
      submittedAt: r.submitted_at,
      publishedAt: r.published_at,
    })),
    ...count,
  };
}

/** Whether a department form of that department and year exists: the import's duplicate check. */
export async function departmentFormOf(db: Kysely<Database>, departmentId: string, year: number): Promise<string | null> {
  const row = await db.selectFrom('documents').select('id').where('department_id', '=', departmentId).where('year', '=', year).where('kind', '=', 'department-target').executeTakeFirst();
  return row?.id ?? null;
}
