/**
 * Documents of every kind in the store: the one write path, the one workflow step, comments, versions,
 * history and lists — written once and driven by each kind's definition (`src/kinds`). A route (or a
 * kind's own service, such as a monitoring round opening its reports) calls these in its transaction.
 *
 * The life of a save (`saveDocumentVersion`): normalise → check (rules and computed fields, with the
 * region's settings and the documents it is read with) → store the version (an autosave of the same
 * sitting replaces the last) → keep comments on their rows → summary columns → dashboard facts →
 * announce the change to every server process → audit. All in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Compilable, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { TargetDocument } from '../../core/document.ts';
import type { ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { formatMoney, money } from '../../core/money.ts';
import { diffDeclarations, followPointer, type DeclarationChange } from '../../core/declarationDiff.ts';
import { pointerExists } from '../../core/jsonDiff.ts';
import type { Actor } from '../../core/policy.ts';
import { countBySeverity } from '../../core/rules/checkDeclaration.ts';
import type { Finding } from '../../core/rules/finding.ts';
import { canCreateDocument, canOnDocument, partiesOf, type DocumentAction, type DocumentResource } from '../../kinds/documentPolicy.ts';
import type { AnyKind, DocumentPlace, KindContent, SummaryColumns, Viewer } from '../../kinds/kindDefinition.ts';
import { findKind, kindOf } from '../../kinds/registry.ts';
import { actionsFromState, decideTransition, isEditableState, stateNames, transitionOf, type Party, type TransitionRequest } from '../../kinds/workflow.ts';
import { appendAudit } from '../../store/auditLog.ts';
import { refreshYearOverview } from '../../store/departmentYearOverview.ts';
import { refreshDepartmentYears } from '../../store/departmentYearSummary.ts';
import { storeDocumentFacts } from '../../store/documentFacts.ts';
import { DOCUMENT_COLUMNS, documentRow, type DocumentRow } from '../../store/documentRow.ts';
import { searchTokens } from '../../store/searchTokens.ts';
import type { Database, DocumentsTable } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { announceDocumentChange, lastReviewView, readDocumentHead, type DocumentHeadRow } from './documentHeads.ts';
import { kindEffects } from './kindEffects.ts';
import { assessmentData, exAnteOf } from './assessmentLinks.ts';
import { proposalFor } from './results.ts';
import { formsReadingThis, relatedDocuments } from './documentLinks.ts';
import { recordLibraryUses } from './indicatorLibrary.ts';
import { overdueRectificationsOf } from './rectificationLinks.ts';
import { searchQuery } from './declarationSearch.ts';
import { notify, notifyUser } from './notifications.ts';
import { departmentWithPath, effectiveSettings, regionSubtree } from './organisations.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A document's row with what every command needs beside it: its kind, department and region path. */
export interface LoadedDocument {
  readonly row: DocumentRow;
  readonly kind: AnyKind;
  readonly departmentName: string;
  readonly regionPath: string[];
  readonly resource: DocumentResource;
  readonly place: DocumentPlace;
}

/** How a missing document of some kinds is named in a 404 (the first kind's short name). */
function missing(kinds: readonly string[] | undefined): AppError {
  const kind = kinds?.[0] === undefined ? undefined : findKind(kinds[0]);
  return kind ? notFound(kind.names.short.en, kind.names.short.zh) : notFound('document', '文件');
}

/** Loads a document (of one of `kinds`, when given), or 404. */
export async function loadDocument(db: Db, id: string, kinds?: readonly string[]): Promise<LoadedDocument> {
  const row = await db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
  const kind = row ? findKind(row.kind) : undefined;
  if (!row || !kind || (kinds !== undefined && !kinds.includes(row.kind))) throw missing(kinds);
  const department = await departmentWithPath(db, row.department_id);
  const assignees = kind.assigns ? await assigneesOf(db, row.id) : undefined;
  return {
    row,
    kind,
    departmentName: department.name,
    regionPath: department.regionPath,
    resource: { departmentId: row.department_id, regionPath: department.regionPath, state: row.state, ...(assignees ? { assignees } : {}) },
    place: { id: row.id, departmentId: row.department_id, departmentName: department.name, year: row.year, state: row.state },
  };
}

/** The users assigned to a document. */
async function assigneesOf(db: Db, id: string): Promise<string[]> {
  return (await db.selectFrom('document_assignments').select('user_id').where('document_id', '=', id).execute()).map((r) => r.user_id);
}

/** Who reads or saves, as a kind's `lock` and `redact` see them. */
export function viewerOf(actor: Actor | null, loaded: Pick<LoadedDocument, 'resource' | 'kind'>): Viewer {
  return { userId: actor?.id ?? null, role: actor?.role ?? null, parties: actor ? partiesOf(actor, loaded.resource, loaded.kind) : new Set(), assignees: new Set(loaded.resource.assignees ?? []), today: new Date().toISOString().slice(0, 10) };
}

/** Content as this reader may see it (the kind's `redact`; most kinds show everything). */
export function redacted(content: KindContent, actor: Actor | null, loaded: Pick<LoadedDocument, 'resource' | 'kind'>): KindContent {
  return loaded.kind.redact ? loaded.kind.redact(content, viewerOf(actor, loaded), loaded.resource.state) : content;
}

/** Loads a document and checks the actor may do `action`: one the actor may not read is a 404, one they may read but not change a 403. */
export async function authorizeDocument(db: Db, actor: Actor | null, id: string, action: DocumentAction | (string & {}), kinds?: readonly string[]): Promise<LoadedDocument> {
  const loaded = await loadDocument(db, id, kinds);
  if (!canOnDocument(actor, 'read', loaded.resource, loaded.kind)) throw missing(kinds ?? [loaded.kind.kind]);
  if (!canOnDocument(actor, action, loaded.resource, loaded.kind)) throw forbidden();
  return loaded;
}

/** Locks a document's row for the rest of the transaction: two writes of one document are serialised. */
export async function lockDocument(trx: Transaction<Database>, id: string): Promise<void> {
  await sql`select id from documents where id = ${id} for update`.execute(trx);
}

/** A kind's settings in force for a region path (the nearest region that sets them wins, else the defaults). */
export async function kindSettings(db: Db, kind: AnyKind, regionPath: readonly string[]): Promise<unknown> {
  return kind.settings((await effectiveSettings(db, regionPath)) as Readonly<Record<string, unknown>>);
}

/** The documents a document is checked with, by its kind's relations. */
async function relatedOf(db: Db, kind: AnyKind, row: Pick<DocumentRow, 'id' | 'department_id' | 'year' | 'kind' | 'project_row' | 'target_id'>, content: KindContent): Promise<Record<string, unknown>> {
  const relations = kind.relations ?? [];
  const related: Record<string, unknown> = {};
  if (relations.includes('target-links')) {
    const target = content as TargetDocument;
    const projectName = target.kind === 'project-target' ? target.project.name?.trim() || null : null;
    Object.assign(related, await relatedDocuments(db, { id: row.id, departmentId: row.department_id, year: row.year, kind: target.kind, projectName, projectRow: row.project_row }, target));
  }
  if (relations.includes('ex-ante')) related.exAnte = await exAnteOf(db, row.id);
  if (relations.includes('assessment-data')) related.data = await assessmentData(db, row, content);
  if (relations.includes('rectification')) related.overdueRectifications = await overdueRectificationsOf(db, { departmentId: row.department_id, year: row.year, projectName: (content as TargetDocument).kind === 'project-target' ? ((content as Extract<TargetDocument, { kind: 'project-target' }>).project.name?.trim() || null) : null });
  if (relations.includes('proposal')) {
    const project = (content as TargetDocument).kind === 'project-target' ? (content as ProjectTargetDeclaration).project : null;
    related.proposal = project ? await proposalFor(db, row, project) : null;
  }
  return related;
}

/** Runs a kind's rules over content with everything they read: the stored form of the content and its findings. */
export async function checkDocument(db: Db, loaded: Pick<LoadedDocument, 'kind' | 'row' | 'regionPath' | 'place'>, content: KindContent): Promise<{ content: KindContent; findings: Finding[]; settings: unknown; related: Record<string, unknown> }> {
  const settings = await kindSettings(db, loaded.kind, loaded.regionPath);
  const related = await relatedOf(db, loaded.kind, loaded.row, content);
  const checked = loaded.kind.check(content, { settings, related, place: loaded.place });
  return { ...checked, settings, related };
}

/** How long an editing sitting lasts between autosaves: a later autosave by the same person replaces the earlier one. */
export const AUTOSAVE_SITTING_MS = 10 * 60_000;

/** Sums again what a kind's dashboards and overviews read of the department-year a write touched (in its transaction). */
async function refreshYearSums(trx: Transaction<Database>, kind: AnyKind, row: Pick<DocumentRow, 'department_id' | 'year'>): Promise<void> {
  const touched = [{ departmentId: row.department_id, year: row.year }];
  if (kind.dashboard) await refreshDepartmentYears(trx, touched);
  if (kind.yearOverview) await refreshYearOverview(trx, kind.kind, touched);
}

/** The summary columns as the documents table holds them. */
function summaryColumns(summary: SummaryColumns, findings: readonly Finding[]) {
  const counts = countBySeverity(findings);
  return {
    title: summary.title,
    project_name: summary.subjectName,
    project_code: summary.subjectCode,
    search_text: summary.searchText,
    search_tokens: searchTokens(summary.searchText),
    budget_total: summary.amount,
    budget_executed: summary.executed,
    score: summary.score,
    grade: summary.grade,
    rate: summary.rate,
    light: summary.light as DocumentsTable['light'],
    light_rank: summary.lightRank,
    flag: summary.flag,
    facts: JSON.stringify(summary.facts),
    error_count: counts.error,
    warning_count: counts.warning,
  };
}

/** What the write path needs to store a version. */
export interface SaveInput {
  readonly loaded: Pick<LoadedDocument, 'kind' | 'row' | 'regionPath' | 'place'>;
  readonly version: number;
  readonly content: KindContent;
  /** A user's id, or `system`. */
  readonly authorId: string;
  readonly note: string | null;
  /** The audit verb: create, update, restore … */
  readonly verb: string;
  readonly fromVersion: number | null;
  readonly autosave?: boolean;
}

/** The write path: every change of any document's content goes through here. */
export async function saveDocumentVersion(trx: Transaction<Database>, input: SaveInput): Promise<{ content: KindContent; findings: Finding[] }> {
  const { kind, row } = input.loaded;
  const normalised = kind.normalise(input.content, input.loaded.place);
  const { content, findings } = await checkDocument(trx, input.loaded, normalised);
  const now = new Date().toISOString();
  const autosave = kind.autosave && input.autosave === true && input.note === null;
  // Autosaves of one sitting make one version: the one before this, if it was the same person's
  // autosave of the last few minutes (never the first version, a named one, or one that was submitted), is replaced.
  let replaced: number | null = null;
  if (autosave && input.fromVersion !== null && input.fromVersion > 1) {
    const previous = await trx.selectFrom('document_versions').select(['author_id', 'autosave', 'created_at']).where('document_id', '=', row.id).where('version', '=', input.fromVersion).executeTakeFirst();
    if (previous?.autosave && previous.author_id === input.authorId && Date.parse(now) - Date.parse(previous.created_at) < AUTOSAVE_SITTING_MS) replaced = input.fromVersion;
  }
  await trx.insertInto('document_versions').values({ document_id: row.id, version: input.version, content: JSON.stringify(content), findings: JSON.stringify(findings), author_id: input.authorId, created_at: now, note: input.note, autosave }).execute();
  if (input.fromVersion !== null) await followComments(trx, row.id, input.fromVersion, content);
  if (replaced !== null) await trx.deleteFrom('document_versions').where('document_id', '=', row.id).where('version', '=', replaced).execute();
  const summary = kind.summarize(content, findings, input.loaded.place);
  await trx.updateTable('documents').set({ current_version: input.version, updated_at: now, ...summaryColumns(summary, findings) }).where('id', '=', row.id).execute();
  if (kind.dashboard) await storeDocumentFacts(trx, row.id, content as TargetDocument, findings);
  await refreshYearSums(trx, kind, row);
  await announceDocumentChange(trx, row.id);
  if (kind.relations?.includes('target-links')) {
    // The forms whose findings read this one (its department form, or its project forms) are checked
    // again now, so that their stored findings never wait for their own next save.
    const place = { id: row.id, departmentId: row.department_id, year: row.year, kind: row.kind as TargetDocument['kind'], projectName: row.project_name, projectRow: row.project_row };
    for (const other of await formsReadingThis(trx, place)) await recheckDocument(trx, input.authorId, other);
  }
  const counts = countBySeverity(findings);
  await appendAudit(trx, {
    actorId: input.authorId === 'system' ? null : input.authorId,
    action: kind.auditAction(input.verb),
    entity: kind.auditEntity,
    entityId: row.id,
    fromVersion: input.fromVersion,
    toVersion: input.version,
    detail: { errors: counts.error, warnings: counts.warning, ...(input.note ? { note: input.note } : {}), ...(autosave ? { autosave: true } : {}), ...(replaced !== null ? { replacedAutosave: replaced } : {}) },
  });
  return { content, findings };
}

/**
 * Keeps comments on the rows they were written on: a row inserted above, or one deleted, would
 * otherwise move every comment below it onto its neighbour. A comment whose row was deleted points
 * nowhere, and is shown as such.
 */
async function followComments(trx: Transaction<Database>, id: string, fromVersion: number, content: KindContent): Promise<void> {
  const comments = await trx.selectFrom('document_comments').select(['id', 'path']).where('document_id', '=', id).where('path', 'like', '/%/%').execute();
  if (comments.length === 0) return;
  const previous = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', fromVersion).executeTakeFirst();
  if (!previous) return;
  const alignments = new Map();
  for (const comment of comments) {
    const followed = followPointer(previous.content as TargetDocument, content as TargetDocument, comment.path, alignments) ?? `${comment.path.split('/').slice(0, 2).join('/')}/-`;
    if (followed !== comment.path) await trx.updateTable('document_comments').set({ path: followed }).where('id', '=', comment.id).execute();
  }
}

/** What a new document starts as. */
export interface NewDocument {
  readonly kind: string;
  readonly departmentId: string;
  readonly year: number;
  /** Its first content; validated by the kind's schema (the caller's, from a request or a prefill). */
  readonly content: KindContent;
  readonly note: string | null;
  /** The document it is about (a report's target form) and the version measured. */
  readonly target?: { readonly id: string; readonly kind: string; readonly version: number } | undefined;
  /** What holds it (a report's round). */
  readonly parentId?: string | undefined;
  /** Project forms: the department form's row the user linked it to. */
  readonly projectRow?: string | null | undefined;
}

/**
 * Creates a document: the policy's `canCreateDocument` for an actor (a system-made document, such as
 * a report prefilled when its round opened, passes `null` with `authorId: 'system'`).
 */
export async function createDocument(trx: Transaction<Database>, actor: Actor | null, input: NewDocument, authorId = actor?.id ?? 'system'): Promise<string> {
  const kind = kindOf(input.kind);
  const department = await departmentWithPath(trx, input.departmentId);
  if (actor !== null && !canCreateDocument(actor, kind, input.departmentId, department.regionPath)) throw forbidden();
  if (department.archivedAt) throw new AppError(409, 'department-archived', `${department.name} 已归档，不能新建${kind.names.short.zh}`, `${department.name} is archived and takes no new ${kind.names.short.en}s`, [{ field: 'departmentId', message: 'archived' }]);
  const id = randomUUID();
  const now = new Date().toISOString();
  const row = documentRow({
    id,
    kind: kind.kind,
    department_id: input.departmentId,
    year: input.year,
    state: kind.workflow.initial,
    created_at: now,
    updated_at: now,
    project_row: input.projectRow ?? null,
    target_id: input.target?.id ?? null,
    target_kind: input.target?.kind ?? null,
    target_version: input.target?.version ?? null,
    parent_id: input.parentId ?? null,
  });
  await trx.insertInto('documents').values(row).execute();
  const place: DocumentPlace = { id, departmentId: input.departmentId, departmentName: department.name, year: input.year, state: row.state };
  await saveDocumentVersion(trx, { loaded: { kind, row, regionPath: department.regionPath, place }, version: 1, content: input.content, authorId, note: input.note, verb: 'create', fromVersion: null });
  await kindEffects(kind.kind)?.afterCreate?.(trx, { actor, id, place, content: input.content });
  return id;
}

/** A stale base version: the 409 that carries what is current, for the editor to merge. */
async function versionConflict(trx: Transaction<Database>, actor: Actor, loaded: LoadedDocument, baseVersion: number): Promise<AppError> {
  const current = await trx
    .selectFrom('document_versions')
    .leftJoin('users', 'users.id', 'document_versions.author_id')
    .selectAll('document_versions')
    .select('users.display_name')
    .where('document_id', '=', loaded.row.id)
    .where('version', '=', loaded.row.current_version)
    .executeTakeFirstOrThrow();
  return new AppError(409, 'version-conflict', `他人已保存了第 ${loaded.row.current_version} 版，你的修改基于第 ${baseVersion} 版，未被保存`, `version ${loaded.row.current_version} was saved meanwhile; your edit of version ${baseVersion} was not saved`, [{ field: 'baseVersion', message: 'stale' }], {
    currentVersion: loaded.row.current_version,
    // As the saving person may read it: an expert's clash never shows another expert's scores.
    current: { content: redacted(current.content as KindContent, actor, loaded), authorId: current.author_id, authorName: current.display_name, createdAt: current.created_at },
  });
}

/** Saves edited content over the version the editor started from; a stale base is a 409 with the current version. */
export async function updateDocument(trx: Transaction<Database>, actor: Actor, id: string, input: { baseVersion: number; content: KindContent; note?: string | undefined; autosave?: boolean | undefined }, kinds?: readonly string[], verb = 'update'): Promise<number> {
  await lockDocument(trx, id);
  const loaded = await authorizeDocument(trx, actor, id, 'update', kinds);
  const { row, kind } = loaded;
  if (!isEditableState(kind.workflow, row.state)) {
    const state = stateNames(kind.workflow, row.state);
    throw new AppError(409, 'not-editable', `${kind.names.short.zh}${state.zh}，不能修改`, `the ${kind.names.short.en} is ${state.en} and cannot be edited`);
  }
  if (input.content.kind !== row.kind) {
    throw new AppError(400, 'validation-failed', `不能改变${kind.names.short.zh}的种类`, `a ${row.kind} cannot be saved as a ${input.content.kind}`, [{ field: 'content.kind', message: `must be ${row.kind}` }]);
  }
  if (input.baseVersion !== row.current_version) throw await versionConflict(trx, actor, loaded, input.baseVersion);
  let content = input.content;
  if (kind.lock) {
    const stored = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
    const refused = kind.refuseEdit?.(content, stored.content as KindContent);
    if (refused) throw new AppError(refused.status, refused.code, refused.message.zh, refused.message.en, refused.fields ?? []);
    content = kind.lock(content, stored.content as KindContent, viewerOf(actor, loaded));
  }
  const version = row.current_version + 1;
  await saveDocumentVersion(trx, { loaded, version, content, authorId: actor.id, note: input.note?.trim() || null, verb, fromVersion: row.current_version, autosave: input.autosave ?? false });
  return version;
}

/** Makes an earlier version the current one again, as a new version (nothing is overwritten). */
export async function restoreDocumentVersion(trx: Transaction<Database>, actor: Actor, id: string, input: { version: number; baseVersion: number }, kinds?: readonly string[]): Promise<number> {
  await lockDocument(trx, id);
  const loaded = await authorizeDocument(trx, actor, id, 'update', kinds);
  const source = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', input.version).executeTakeFirst();
  if (!source) throw notFound('version', '版本');
  if (input.version === loaded.row.current_version) throw new AppError(409, 'already-current', `第 ${input.version} 版就是当前版本`, `version ${input.version} is the current version`, [{ field: 'version', message: 'current' }]);
  const version = await updateDocument(trx, actor, id, { baseVersion: input.baseVersion, content: source.content as KindContent, note: `恢复第 ${input.version} 版 (restored version ${input.version})` }, kinds);
  // The restore is its own audited act, beside the save it made.
  await appendAudit(trx, { actorId: actor.id, action: loaded.kind.auditAction('restore'), entity: loaded.kind.auditEntity, entityId: id, fromVersion: loaded.row.current_version, toVersion: version, detail: { restoredVersion: input.version } });
  return version;
}

/** Names a version (kept for good: named versions are never replaced by autosaves). */
export async function nameDocumentVersion(trx: Transaction<Database>, actor: Actor, id: string, version: number, note: string, kinds?: readonly string[]): Promise<void> {
  const loaded = await authorizeDocument(trx, actor, id, 'update', kinds);
  const updated = await trx.updateTable('document_versions').set({ note, autosave: false }).where('document_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw notFound('version', '版本');
  await appendAudit(trx, { actorId: actor.id, action: loaded.kind.auditAction('name-version'), entity: loaded.kind.auditEntity, entityId: id, toVersion: version, detail: { note } });
}

/**
 * Deletes a draft that was never submitted (of a kind that allows it), so that a wrong import or a
 * document made for the wrong year can be undone. Its last content is kept in the audit entry.
 */
export async function deleteDocument(trx: Transaction<Database>, actor: Actor, id: string, kinds?: readonly string[]): Promise<void> {
  await lockDocument(trx, id);
  const loaded = await authorizeDocument(trx, actor, id, 'delete', kinds);
  const { row, kind } = loaded;
  if (row.state !== kind.workflow.initial || row.submitted_at !== null) throw new AppError(409, 'not-deletable', '只有从未提交过的草稿可以删除', 'only a draft that was never submitted can be deleted');
  const dependants = await trx.selectFrom('documents').select('id').where('target_id', '=', id).limit(1).executeTakeFirst();
  if (dependants) throw new AppError(409, 'not-deletable', '已有文件引用该文件，不能删除', 'other documents refer to it; it cannot be deleted');
  const last = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirst();
  const versions = await trx.selectFrom('document_versions').select((eb) => eb.fn.countAll<string>().as('n')).where('document_id', '=', id).executeTakeFirstOrThrow();
  await trx.deleteFrom('document_comments').where('document_id', '=', id).execute();
  await trx.deleteFrom('document_reviews').where('document_id', '=', id).execute();
  await trx.deleteFrom('document_versions').where('document_id', '=', id).execute();
  await trx.deleteFrom('documents').where('id', '=', id).execute();
  await refreshYearSums(trx, kind, row);
  await announceDocumentChange(trx, id);
  await appendAudit(trx, { actorId: actor.id, action: kind.auditAction('delete'), entity: kind.auditEntity, entityId: id, fromVersion: row.current_version, detail: { department: loaded.departmentName, year: row.year, versions: Number(versions.n), content: last?.content ?? null } });
}

/** Who hears of a transition: the department when the bureau acts, the bureau when the department does. */
function audienceOfTransition(by: readonly Party[]): 'department' | 'reviewers' {
  return by.includes('oversight') || by.includes('assignee') ? 'department' : 'reviewers';
}

/** Moves a document along its kind's workflow. Returns the state it reached. */
export async function transitionDocument(trx: Transaction<Database>, actor: Actor, id: string, request: TransitionRequest, kinds?: readonly string[]): Promise<string> {
  await lockDocument(trx, id);
  const readable = await authorizeDocument(trx, actor, id, 'read', kinds);
  if (!transitionOf(readable.kind.workflow, request.action)) {
    const known = readable.kind.workflow.transitions.map((t) => t.action);
    throw new AppError(400, 'validation-failed', `${readable.kind.names.full.zh}没有“${request.action}”这一步（可选：${known.join('、')}）`, `a ${readable.kind.names.full.en} has no step "${request.action}" (steps: ${known.join(', ')})`, [{ field: 'action', message: 'unknown step' }]);
  }
  const loaded = await authorizeDocument(trx, actor, id, request.action, kinds);
  const { row, kind } = loaded;
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  // Decided on the content as it reads now (lights and scores recomputed with today's settings).
  const { content, findings, settings, related } = await checkDocument(trx, loaded, version.content as KindContent);
  const context = { state: row.state, request, content, findings, settings: (settings ?? {}) as Readonly<Record<string, unknown>>, related };
  const outcome = decideTransition(kind.workflow, context);
  if (!outcome.ok) {
    const { refusal } = outcome;
    throw new AppError(refusal.status, refusal.code, refusal.message.zh, refusal.message.en, refusal.fields ?? [], { ...(refusal.details ?? {}) });
  }
  const { transition, to } = outcome;
  const now = new Date().toISOString();
  let currentVersion = row.current_version;
  const revised = transition.revise?.(context) ?? null;
  if (revised) {
    currentVersion += 1;
    await saveDocumentVersion(trx, { loaded: { ...loaded, place: { ...loaded.place, state: to } }, version: currentVersion, content: revised.content, authorId: actor.id, note: revised.note, verb: revised.verb, fromVersion: row.current_version });
  }
  const stamp = transition.stamp;
  const stored = (await trx.selectFrom('document_versions').select(['content', 'findings']).where('document_id', '=', id).where('version', '=', currentVersion).executeTakeFirstOrThrow()) as { content: KindContent; findings: Finding[] };
  const summary = kind.summarize(stored.content, stored.findings, { ...loaded.place, state: to });
  await trx
    .updateTable('documents')
    .set({
      state: to,
      updated_at: now,
      // A summary may depend on the state (an unsubmitted report sorts last).
      light_rank: summary.lightRank,
      ...(transition.review ? { review_grade: request.grade as DocumentsTable['review_grade'] } : {}),
      ...(stamp === 'submitted' || (stamp === 'submitted-first' && row.submitted_at === null) ? { submitted_at: now } : {}),
      ...(stamp === 'decided' ? { decided_at: now } : {}),
      ...(stamp === 'published' ? { published_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
  // What was submitted stays: no autosave replaces the version a reviewer read.
  if (stamp === 'submitted' || stamp === 'submitted-first') await trx.updateTable('document_versions').set({ autosave: false }).where('document_id', '=', id).where('version', '=', currentVersion).execute();
  if (kind.teachesLibrary && (to === 'approved' || to === 'published')) await recordLibraryUses(trx, id);
  await refreshYearSums(trx, kind, row);
  await announceDocumentChange(trx, id);
  const reason = request.reason?.trim() || null;
  if (transition.review) {
    await trx
      .insertInto('document_reviews')
      .values({ id: randomUUID(), document_id: id, version: currentVersion, grade: request.grade as DocumentsTable['review_grade'] & string, outcome: to === 'returned' ? 'returned' : 'approved', opinion: reason, reviewer_id: actor.id, created_at: now })
      .execute();
  }
  if (reason && transition.reasonComment) {
    await trx.insertInto('document_comments').values({ id: randomUUID(), document_id: id, path: '', body: `${transition.reasonComment(request)}${reason}`, author_id: actor.id, version: currentVersion, created_at: now }).execute();
  }
  await appendAudit(trx, {
    actorId: actor.id,
    action: kind.auditAction(request.action),
    entity: kind.auditEntity,
    entityId: id,
    fromVersion: currentVersion,
    toVersion: currentVersion,
    detail: { from: row.state, to, ...(transition.grades ? { grade: request.grade ?? null } : {}), ...(transition.grades || reason ? { reason: request.reason ?? null } : {}) },
  });
  const notification = typeof transition.notification === 'function' ? transition.notification(request, to) : (transition.notification ?? null);
  if (notification) {
    const subject = kind.subject(loaded.place, { subjectName: row.project_name });
    let body = transition.notificationBody ? transition.notificationBody(request, context) : (reason ?? '');
    if (row.state === 'submitted' && transition.by.includes('oversight')) {
      // The comments the bureau left on fields while deciding travel with its decision.
      const fieldComments = await trx.selectFrom('document_comments').innerJoin('users', 'users.id', 'document_comments.author_id').select((eb) => eb.fn.countAll<string>().as('n')).where('document_id', '=', id).where('path', '!=', '').where('users.role', '=', 'reviewer').where('document_comments.created_at', '>=', row.submitted_at ?? row.created_at).executeTakeFirstOrThrow();
      const n = Number(fieldComments.n);
      if (n > 0) body = `${body}（另有 ${n} 处批注 / ${n} comments on fields）`;
    }
    const title = { zh: `${subject.zh}：${kind.names.full.zh}${transition.names.done.zh}`, en: `${subject.en}: ${kind.names.full.en} ${transition.names.done.en}` };
    await notify(trx, { kind: notification, subject, body, link: kind.pagePath(id), departmentId: row.department_id, authorId: actor.id, title, audience: audienceOfTransition(transition.by) });
  }
  await kindEffects(kind.kind)?.afterTransition?.(trx, { actor, id, action: request.action, from: row.state, to });
  return to;
}

/** A comment anchored to a field or row, with whether its anchor still exists. */
export interface CommentView {
  id: string;
  path: string;
  body: string;
  author: { id: string; displayName: string; role: string };
  version: number;
  createdAt: string;
  /** False when the field it points at no longer exists in the current version. */
  anchored: boolean;
}

/** A document's comments, oldest first. Comments are between the department and the bureau: the public sees none. */
export async function listDocumentComments(db: Kysely<Database>, actor: Actor | null, id: string, kinds?: readonly string[]): Promise<CommentView[]> {
  const loaded = await authorizeDocument(db, actor, id, 'read', kinds);
  if (actor === null || !canOnDocument(actor, 'history', loaded.resource, loaded.kind)) return [];
  const current = await db.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', loaded.row.current_version).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('document_comments')
    .innerJoin('users', 'users.id', 'document_comments.author_id')
    .select(['document_comments.id', 'document_comments.path', 'document_comments.body', 'document_comments.version', 'document_comments.created_at', 'users.id as author_id', 'users.display_name', 'users.role'])
    .where('document_comments.document_id', '=', id)
    .orderBy('document_comments.created_at')
    .orderBy('document_comments.id')
    .execute();
  return rows.map((r) => ({ id: r.id, path: r.path, body: r.body, author: { id: r.author_id, displayName: r.display_name, role: r.role }, version: r.version, createdAt: r.created_at, anchored: pointerExists(current.content, r.path) }));
}

/** Adds a comment anchored to a field or row of the current version. */
export async function addDocumentComment(trx: Transaction<Database>, actor: Actor, id: string, input: { path: string; body: string }, kinds?: readonly string[]): Promise<string> {
  const loaded = await authorizeDocument(trx, actor, id, 'comment', kinds);
  const { row, kind } = loaded;
  const current = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  if (!pointerExists(current.content, input.path)) throw new AppError(400, 'validation-failed', `批注位置 ${input.path} 在当前版本中不存在`, `the comment's anchor ${input.path} does not exist in the current version`, [{ field: 'path', message: 'no such field' }]);
  const commentId = randomUUID();
  await trx.insertInto('document_comments').values({ id: commentId, document_id: id, path: input.path, body: input.body, author_id: actor.id, version: row.current_version, created_at: new Date().toISOString() }).execute();
  await appendAudit(trx, { actorId: actor.id, action: kind.auditAction('comment'), entity: kind.auditEntity, entityId: id, toVersion: row.current_version, detail: { path: input.path } });
  // The department hears of the bureau's comments; the bureau reads the department's on the document.
  // While the bureau's decision is pending (submitted), its comments reach the department with the
  // decision, counted in its notification, not one message each.
  if (kind.commentNotification && actor.role === 'reviewer' && row.state !== 'submitted') await notify(trx, { kind: kind.commentNotification, subject: kind.subject(loaded.place, { subjectName: row.project_name }), body: input.body, link: kind.pagePath(id), departmentId: row.department_id, authorId: actor.id });
  return commentId;
}

/** A version as the history lists it. */
export interface VersionSummary {
  version: number;
  createdAt: string;
  note: string | null;
  autosave: boolean;
  /** null: made by the system (a report prefilled when its round opened). */
  author: { id: string; displayName: string } | null;
  /** The author's name (null: the system), as the older report and self-evaluation routes gave it. */
  authorName: string | null;
  errors: number;
  warnings: number;
}

/** Every version's metadata, newest first. */
export async function listDocumentVersions(db: Kysely<Database>, actor: Actor | null, id: string, kinds?: readonly string[]): Promise<VersionSummary[]> {
  await authorizeDocument(db, actor, id, 'history', kinds);
  const rows = await db
    .selectFrom('document_versions')
    .leftJoin('users', 'users.id', 'document_versions.author_id')
    .select(['document_versions.version', 'document_versions.created_at', 'document_versions.note', 'document_versions.autosave', 'document_versions.author_id', 'users.display_name', 'document_versions.findings'])
    .where('document_versions.document_id', '=', id)
    .orderBy('document_versions.version', 'desc')
    .execute();
  return rows.map((r) => {
    const counts = countBySeverity(r.findings as Finding[]);
    return { version: r.version, createdAt: r.created_at, note: r.note, autosave: r.autosave, author: r.display_name === null ? null : { id: r.author_id, displayName: r.display_name }, authorName: r.display_name, errors: counts.error, warnings: counts.warning };
  });
}

/** One stored version with its findings. */
export async function getDocumentVersion(db: Kysely<Database>, actor: Actor | null, id: string, version: number, kinds?: readonly string[]): Promise<{ version: number; createdAt: string; note: string | null; content: KindContent; findings: Finding[] }> {
  const loaded = await authorizeDocument(db, actor, id, 'history', kinds);
  const row = await db.selectFrom('document_versions').selectAll().where('document_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (!row) throw notFound('version', '版本');
  return { version: row.version, createdAt: row.created_at, note: row.note, content: redacted(row.content as KindContent, actor, loaded), findings: row.findings as Finding[] };
}

/** The differences between two versions, rows matched by identity (a deleted row is one removed row). */
export async function diffDocumentVersions(db: Kysely<Database>, actor: Actor | null, id: string, from: number, to: number, kinds?: readonly string[]): Promise<DeclarationChange[]> {
  const [a, b] = await Promise.all([getDocumentVersion(db, actor, id, from, kinds), getDocumentVersion(db, actor, id, to, kinds)]);
  return diffDeclarations(a.content as TargetDocument, b.content as TargetDocument);
}

/** The actions open to the actor on a document now, and whether they may edit, comment or delete it. */
export function actionsFor(actor: Actor | null, loaded: Pick<LoadedDocument, 'kind' | 'resource' | 'row'>): { allowedActions: string[]; canEdit: boolean; canComment: boolean; canDelete: boolean } {
  const { kind, resource, row } = loaded;
  return {
    allowedActions: actionsFromState(kind.workflow, row.state).filter((action) => canOnDocument(actor, action, resource, kind)),
    canEdit: canOnDocument(actor, 'update', resource, kind) && isEditableState(kind.workflow, row.state),
    canComment: canOnDocument(actor, 'comment', resource, kind),
    canDelete: canOnDocument(actor, 'delete', resource, kind) && row.submitted_at === null,
  };
}

/** Filters of a list of documents. */
export interface DocumentFilter {
  readonly kind?: string | undefined;
  readonly kinds?: readonly string[] | undefined;
  readonly year?: number | undefined;
  readonly state?: string | undefined;
  readonly departmentId?: string | undefined;
  readonly regionId?: string | undefined;
  readonly parentId?: string | undefined;
  readonly targetId?: string | undefined;
  /** The purpose a kind's facts name (an assessment's). */
  readonly purpose?: string | undefined;
  readonly q?: string | undefined;
}

/**
 * The documents the actor may see, as a query joined with their departments: the policy's rule for
 * reading, in SQL, over every registered kind (public states anywhere; the department's own; the
 * states a kind shares with the bureau within a reviewer's region; everything within an admin's).
 */
export async function visibleDocuments(db: Kysely<Database>, actor: Actor | null, kinds: readonly AnyKind[]) {
  // A left join, typed as the inner one it is (every document's department_id is a department's, not
  // null): PostgreSQL drops a left join whose columns a query never reads, so the count of an admin's
  // list reads the documents alone (year and state of 10,000 forms, embedded: 3.4 → 1.7 ms); the page still joins.
  const query = db.selectFrom('documents').leftJoin('departments', 'departments.id', 'documents.department_id') as unknown as SelectQueryBuilder<Database, 'documents' | 'departments', object>;
  const statesWhere = (pick: (state: { public?: boolean; private?: boolean }) => boolean) =>
    kinds.map((kind) => [kind.kind, Object.entries(kind.workflow.states).filter(([, s]) => pick(s)).map(([name]) => name)] as const).filter(([, states]) => states.length > 0);
  const publicStates = statesWhere((s) => s.public === true);
  const sharedStates = statesWhere((s) => s.private !== true);
  const kindIn = kinds.map((k) => k.kind);
  const scoped = query.where('documents.kind', 'in', kindIn.length > 0 ? kindIn : ['']);
  const regions = actor?.role === 'reviewer' ? await regionSubtree(db, actor.regionId ?? '') : actor?.role === 'admin' && actor.regionId !== null ? await regionSubtree(db, actor.regionId) : [];
  const assignable = actor !== null && kinds.some((k) => k.assigns === true);
  return scoped.where((eb) => {
    const inStates = (list: typeof publicStates) => (list.length === 0 ? eb.val(false) : eb.or(list.map(([kind, states]) => eb.and([eb('documents.kind', '=', kind), eb('documents.state', 'in', states)]))));
    const isPublic = inStates(publicStates);
    if (actor === null) return isPublic;
    // Whoever is assigned to a document (an expert, an agency) sees it, whatever their role.
    const assigned = assignable ? eb('documents.id', 'in', db.selectFrom('document_assignments').select('document_assignments.document_id').where('document_assignments.user_id', '=', actor.id)) : eb.val(false);
    switch (actor.role) {
      case 'editor':
      case 'approver':
        return eb.or([eb('documents.department_id', '=', actor.departmentId ?? ''), isPublic, assigned]);
      case 'reviewer':
        return eb.or([eb.and([eb('departments.region_id', 'in', regions.length > 0 ? regions : ['']), inStates(sharedStates)]), isPublic, assigned]);
      case 'admin':
        return actor.regionId !== null ? eb.or([eb('departments.region_id', 'in', regions.length > 0 ? regions : ['']), isPublic]) : eb.val(true);
      default:
        return eb.or([isPublic, assigned]);
    }
  });
}

/**
 * Applies a list's filters to a visible-documents query. The words searched for are the index terms
 * of `search_tokens` (GIN) where a term has them, the text itself where not (services/declarationSearch.ts);
 * `byTerms` says which, for {@link runSearch}.
 */
export async function filterDocuments<Q extends Awaited<ReturnType<typeof visibleDocuments>>>(db: Kysely<Database>, query: Q, filter: DocumentFilter): Promise<FilteredDocuments<Q>> {
  let q = query;
  if (filter.kind) q = q.where('documents.kind', '=', filter.kind) as Q;
  if (filter.year !== undefined) q = q.where('documents.year', '=', filter.year) as Q;
  if (filter.state) q = q.where('documents.state', '=', filter.state) as Q;
  if (filter.departmentId) q = q.where('documents.department_id', '=', filter.departmentId) as Q;
  if (filter.parentId) q = q.where('documents.parent_id', '=', filter.parentId) as Q;
  if (filter.targetId) q = q.where('documents.target_id', '=', filter.targetId) as Q;
  if (filter.purpose) q = q.where(sql<string>`documents.facts->>'purpose'`, '=', filter.purpose) as Q;
  if (filter.regionId) q = q.where('departments.region_id', 'in', await regionSubtree(db, filter.regionId)) as Q;
  let byTerms = false;
  const searched = Boolean(filter.q?.trim());
  if (filter.q?.trim()) {
    const search = await searchQuery(filter.q);
    byTerms = search.tsquery !== null;
    if (search.tsquery !== null) {
      q = q.where(sql<boolean>`documents.search_tokens @@ ${search.tsquery}::tsquery`) as Q;
      return { query: q, byTerms, searched, texts: search.substrings };
    }
    for (const text of search.substrings) q = q.where('documents.search_text', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) as Q;
  }
  return { query: q, byTerms, searched, texts: [] };
}

/** A list's query with its filters, and how it was searched. */
export interface FilteredDocuments<Q> {
  readonly query: Q;
  /** Searched by index terms (run with {@link runSearch}). */
  readonly byTerms: boolean;
  readonly searched: boolean;
  /**
   * Texts a document found by its index terms must also contain (a term with letters or digits, as
   * typed), not in `query`: checked by {@link pageOf} and {@link countFound} on the candidates only.
   */
  readonly texts: readonly string[];
}

/** SQL that holds when the search text contains every one of `texts` (a plain substring: no pattern). */
function containsAll(column: string, texts: readonly string[]) {
  return sql<boolean>`${sql.join(texts.map((text) => sql`strpos(${sql.ref(column)}, ${text}) > 0`), sql` and `)}`;
}

/**
 * A page of a list: `selected` (the list's query, ordered, its columns chosen) from `offset`. Texts a
 * search must also contain are checked in the list's order, after the index terms found the
 * candidates, until the page is full: checked in the query itself, the planner reads the text of
 * every candidate first (2 s for the 10,000 forms holding 2025年 in a province).
 */
export function pageOf<R>(db: Kysely<Database>, filtered: FilteredDocuments<unknown>, selected: SelectQueryBuilder<Database, 'documents' | 'departments', R>, limit: number, offset: number): Compilable<R> {
  if (filtered.texts.length === 0) return selected.limit(limit).offset(offset);
  // `offset 0` keeps the check out of the candidates' query; the candidates come sorted, and a scan
  // with a filter and a limit keeps their order.
  const candidates = selected.select('documents.search_text as checked_text').offset(0).as('candidates');
  return (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .selectFrom(candidates as never)
    .selectAll()
    .where(containsAll('candidates.checked_text', filtered.texts))
    .limit(limit)
    .offset(offset) as unknown as Compilable<R>;
}

/**
 * A searched list counts what it found up to this many, then says "at least": counting every form a
 * common word finds in a province means reading each of them (over a second for 110,000 on this
 * machine), where a list searched that widely is narrowed with another word, not paged to page 21.
 */
export const SEARCH_COUNT_LIMIT = 1000;

/** The query that counts what a list's query finds: exactly; or, searched, up to `limit` and one more (there are more). */
function countQuery<Q extends Awaited<ReturnType<typeof visibleDocuments>>>(db: Kysely<Database>, filtered: FilteredDocuments<Q>, limit: number): Compilable<{ n: string | number | bigint }> {
  const { searched, texts } = filtered;
  const query = texts.length === 0 ? filtered.query : filtered.query.where(containsAll('documents.search_text', texts));
  if (!searched) return query.select((eb) => eb.fn.countAll<string>().as('n'));
  return db.selectFrom(query.select(sql<number>`1`.as('one')).limit(limit + 1).as('found')).select((eb) => eb.fn.countAll<string>().as('n'));
}

/** What a count query found, as a list tells it. */
function counted(found: { n: string | number | bigint } | undefined, searched: boolean, limit: number): { total: number; totalAtLeast: boolean } {
  const n = Number(found?.n ?? 0);
  return searched && n > limit ? { total: limit, totalAtLeast: true } : { total: n, totalAtLeast: false };
}

/** How many a list's query finds: exactly; or, searched, up to `limit` and whether there are more. */
export async function countFound<Q extends Awaited<ReturnType<typeof visibleDocuments>>>(db: Kysely<Database>, filtered: FilteredDocuments<Q>, limit = SEARCH_COUNT_LIMIT): Promise<{ total: number; totalAtLeast: boolean }> {
  const [found] = await runSearch(db, filtered.byTerms, countQuery(db, filtered, limit));
  return counted(found, filtered.searched, limit);
}

/**
 * Runs a list's query; one searched by index terms runs with sequential scans off: the planner would
 * otherwise scan the table for common words and read every document's terms (202 → 32 ms at 11,000 forms).
 */
export async function runSearch<R>(db: Kysely<Database>, byTerms: boolean, query: Compilable<R>, inListOrder = false): Promise<R[]> {
  if (!byTerms) return (await db.executeQuery(query.compile())).rows;
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    if (inListOrder) await sql`set local enable_bitmapscan = off`.execute(trx);
    return (await trx.executeQuery(query.compile())).rows;
  });
}

/**
 * A page of a list and how many it found ({@link countFound}, {@link pageOf}), in as few round trips
 * as the search allows: not searched by index terms, the count and the page go at once (on a
 * PostgreSQL server, on two connections); searched, both in one transaction with sequential scans
 * off, the count first, for how many were found decides how the page is best read ({@link readInListOrder}).
 */
export async function listPage<Q extends Awaited<ReturnType<typeof visibleDocuments>>, R>(
  db: Kysely<Database>,
  filtered: FilteredDocuments<Q>,
  selected: SelectQueryBuilder<Database, 'documents' | 'departments', R>,
  page: { readonly limit: number; readonly offset: number; readonly sort: string },
): Promise<{ rows: R[]; total: number; totalAtLeast: boolean }> {
  const limit = SEARCH_COUNT_LIMIT;
  const paged = pageOf(db, filtered, selected, page.limit, page.offset);
  if (!filtered.byTerms) {
    const [found, rows] = await Promise.all([db.executeQuery(countQuery(db, filtered, limit).compile()), db.executeQuery(paged.compile())]);
    return { rows: rows.rows, ...counted(found.rows[0], filtered.searched, limit) };
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const [found] = (await trx.executeQuery(countQuery(db, filtered, limit).compile())).rows;
    const count = counted(found, filtered.searched, limit);
    if (readInListOrder(count, page.sort)) await sql`set local enable_bitmapscan = off`.execute(trx);
    return { rows: (await trx.executeQuery(paged.compile())).rows, ...count };
  });
}

/**
 * Whether a page of a search that found more than it counted is read in the list's order, through the
 * index of that order, stopping at the page's end. The planner cannot tell: it takes the bigrams of a
 * word as independent, so it expects a few hundred forms where thousands hold 2025年, and fetches and
 * sorts them all (0.4–2 s in a province) to show 50. Only for an order an index gives (the latest
 * changed first, the default): read in another order, every form would be read.
 */
export function readInListOrder(count: { readonly totalAtLeast: boolean }, sort: string): boolean {
  return count.totalAtLeast && sort === 'updated';
}

/**
 * Stored versions never change, so their JSON text can be kept in memory by (document, version) and
 * every process's copy stays right. Bounded: least recently used versions are dropped.
 */
export interface VersionText {
  readonly content: string;
  readonly findings: string;
  /** `"content":…,"findings":…}` as UTF-8 bytes, the tail of a GET response body. */
  readonly body: Buffer;
  /** The last whole GET body built on this version, by its head: the same reader's next GET sends it as is. */
  whole?: { readonly head: string; readonly bytes: Buffer };
}

/**
 * A GET's body: the head's JSON object followed by the version's stored fields. Copying a 30 KB body
 * per request (and collecting it after) was a tenth of a GET's CPU; a reader asks again with the same
 * head (the same state, actions and counts), and gets the bytes built the last time.
 */
export function documentBody(texts: VersionText, head: string): Buffer {
  if (texts.whole?.head === head) return texts.whole.bytes;
  const bytes = Buffer.concat([Buffer.from(`${head.slice(0, -1)},`), texts.body]);
  texts.whole = { head, bytes };
  return bytes;
}

class VersionTextCache {
  private readonly entries = new Map<string, VersionText>();

  constructor(private readonly capacity: number) {}

  get(key: string): VersionText | undefined {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  /** Forgets every cached version of a document. */
  forget(id: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${id}:`)) this.entries.delete(key);
  }

  set(key: string, value: VersionText): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

const versionTexts = new VersionTextCache(500);

/** A document's head row (cached where safe) and its current version as stored JSON text, for reading. */
export interface CurrentDocument extends Pick<LoadedDocument, 'kind' | 'departmentName' | 'regionPath' | 'resource' | 'place'> {
  readonly row: DocumentHeadRow;
  readonly texts: VersionText;
}

/**
 * The current version of a document the actor may read (404 otherwise), with content and findings as
 * stored JSON text: parsing and re-serialising a 30 KB form on every read was most of the cost of a
 * GET, and encoding its Chinese text once more than the rest of the request.
 */
export async function readCurrentDocument(db: Kysely<Database>, actor: Actor | null, id: string, kinds?: readonly string[]): Promise<CurrentDocument> {
  const row = await readDocumentHead(db, id);
  const kind = row ? findKind(row.kind) : undefined;
  if (!row || !kind || (kinds !== undefined && !kinds.includes(row.kind))) throw missing(kinds);
  const department = await departmentWithPath(db, row.department_id);
  const assignees = kind.assigns ? await assigneesOf(db, row.id) : undefined;
  const resource: DocumentResource = { departmentId: row.department_id, regionPath: department.regionPath, state: row.state, ...(assignees ? { assignees } : {}) };
  if (!canOnDocument(actor, 'read', resource, kind)) throw missing(kinds ?? [kind.kind]);
  // A recheck rewrites the findings of the same version: the counts and the score keep the key honest in
  // every process (the head row is forgotten by NOTIFY), and this process forgets at once (recheckDocument).
  const key = `${row.id}:${row.current_version}:${row.error_count}:${row.warning_count}:${row.score ?? ''}:${row.grade ?? ''}`;
  let texts = versionTexts.get(key);
  if (!texts) {
    const version = await db
      .selectFrom('document_versions')
      .select([sql<string>`content::text`.as('content'), sql<string>`findings::text`.as('findings')])
      .where('document_id', '=', id)
      .where('version', '=', row.current_version)
      .executeTakeFirstOrThrow();
    texts = { content: version.content, findings: version.findings, body: Buffer.from(`"content":${version.content},"findings":${version.findings}}`) };
    versionTexts.set(key, texts);
  }
  if (kind.redact) {
    // What this reader may see of it: made for them, never cached.
    const content = JSON.stringify(redacted(JSON.parse(texts.content) as KindContent, actor, { resource, kind }));
    texts = { content, findings: texts.findings, body: Buffer.from(`"content":${content},"findings":${texts.findings}}`) };
  }
  return { row, texts, kind, departmentName: department.name, regionPath: department.regionPath, resource, place: { id: row.id, departmentId: row.department_id, departmentName: department.name, year: row.year, state: row.state } };
}

/** What every presentation of a document of any kind says about it. */
export interface DocumentHead {
  id: string;
  kind: string;
  departmentId: string;
  departmentName: string;
  year: number;
  state: string;
  version: number;
  title: string | null;
  projectName: string | null;
  /** The columns lists show: money, score and grade, light, counts; null where the kind has none. */
  summary: { amount: string | null; executed: string | null; score: string | null; grade: string | null; rate: string | null; light: string | null; flag: boolean; errorCount: number; warningCount: number; facts: unknown };
  /** The document it is about (a report's target form) and the version measured. */
  target: { id: string; kind: string; version: number } | null;
  parentId: string | null;
  reviewGrade: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  publishedAt: string | null;
}

const decimal2 = (value: string | null): string | null => (value === null ? null : formatMoney(money(String(value))));

/** The head of a document's presentation, from its row. */
export function documentHead(row: DocumentRow, departmentName: string): DocumentHead {
  return {
    id: row.id,
    kind: row.kind,
    departmentId: row.department_id,
    departmentName,
    year: row.year,
    state: row.state,
    version: row.current_version,
    title: row.title,
    projectName: row.project_name,
    summary: { amount: decimal2(row.budget_total), executed: decimal2(row.budget_executed), score: decimal2(row.score), grade: row.grade, rate: decimal2(row.rate), light: row.light, flag: row.flag, errorCount: row.error_count, warningCount: row.warning_count, facts: row.facts ?? {} },
    target: row.target_id === null ? null : { id: row.target_id, kind: row.target_kind ?? '', version: row.target_version ?? 0 },
    parentId: row.parent_id,
    reviewGrade: row.review_grade,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    publishedAt: row.published_at,
  };
}

/**
 * A document of any kind as the API gives it: its head, what the actor may do, what its kind computes
 * beside the content (`computed`), then the stored content and findings spliced in as JSON text.
 */
export async function getDocumentJson(db: Kysely<Database>, actor: Actor | null, id: string): Promise<Buffer> {
  const current = await readCurrentDocument(db, actor, id);
  const actions = actionsFor(actor, current);
  let computed: unknown = null;
  if (current.kind.present) {
    const settings = await kindSettings(db, current.kind, current.regionPath);
    const content = JSON.parse(current.texts.content) as KindContent;
    computed = current.kind.present(content, { settings, related: {}, place: current.place, findings: JSON.parse(current.texts.findings) as Finding[] });
  }
  const lastReview = lastReviewView(current.row.last_review);
  const head = JSON.stringify({ ...documentHead(current.row, current.departmentName), lastReview, ...actions, computed });
  return documentBody(current.texts, head);
}

/**
 * Checks a document's current version again (after a rule or a setting changed, or the documents it
 * is read with did): its findings, computed fields, summary and dashboard rows are replaced; what
 * people entered and the version number stay. What changed is audited.
 */
export async function recheckDocument(trx: Transaction<Database>, actorId: string, id: string): Promise<{ errorsBefore: number; errorsAfter: number; scoreBefore: string | null; scoreAfter: string | null; gradeBefore: string | null; gradeAfter: string | null }> {
  const loaded = await loadDocument(trx, id);
  const { row, kind } = loaded;
  const version = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const { content, findings } = await checkDocument(trx, loaded, version.content as KindContent);
  await trx.updateTable('document_versions').set({ content: JSON.stringify(content), findings: JSON.stringify(findings) }).where('document_id', '=', id).where('version', '=', row.current_version).execute();
  const summary = kind.summarize(content, findings, loaded.place);
  const columns = summaryColumns(summary, findings);
  await trx.updateTable('documents').set(columns).where('id', '=', id).execute();
  if (kind.dashboard) await storeDocumentFacts(trx, id, content as TargetDocument, findings);
  await refreshYearSums(trx, kind, row);
  await announceDocumentChange(trx, id);
  versionTexts.forget(id);
  const scoreBefore = row.score === null ? null : decimal2(row.score);
  const result = { errorsBefore: row.error_count, errorsAfter: columns.error_count, scoreBefore, scoreAfter: summary.score, gradeBefore: row.grade, gradeAfter: summary.grade };
  if (result.errorsBefore !== result.errorsAfter || result.scoreBefore !== result.scoreAfter || result.gradeBefore !== result.gradeAfter) {
    const scored = summary.score !== null || row.score !== null;
    await appendAudit(trx, {
      actorId: actorId === 'system' ? null : actorId,
      action: kind.auditAction(scored ? 'rescore' : 'recheck'),
      entity: kind.auditEntity,
      entityId: id,
      detail: scored ? { totalBefore: result.scoreBefore, totalAfter: result.scoreAfter, gradeBefore: result.gradeBefore, gradeAfter: result.gradeAfter } : { errorsBefore: result.errorsBefore, errorsAfter: result.errorsAfter },
    });
  }
  return result;
}

/** A person assigned to a document. */
export interface AssignmentView {
  userId: string;
  displayName: string;
  username: string;
  /** Their part in it, the kind's word (expert, agency). */
  role: string;
  assignedAt: string;
}

/** The people assigned to a document (whoever may read it sees who scores it). */
export async function listAssignments(db: Kysely<Database>, actor: Actor | null, id: string): Promise<AssignmentView[]> {
  await authorizeDocument(db, actor, id, 'read');
  const rows = await db
    .selectFrom('document_assignments')
    .innerJoin('users', 'users.id', 'document_assignments.user_id')
    .select(['document_assignments.user_id', 'users.display_name', 'users.username', 'document_assignments.role', 'document_assignments.assigned_at'])
    .where('document_assignments.document_id', '=', id)
    .orderBy('document_assignments.assigned_at')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, username: r.username, role: r.role, assignedAt: r.assigned_at }));
}

/**
 * Assigns a person to a document of a kind that assigns (an expert or agency to an assessment). A
 * person of the document's own department is refused — a conflict of interest — and the refusal is
 * audited in a transaction of its own, so it stays on record though nothing changed.
 */
export async function assignToDocument(db: Kysely<Database>, actor: Actor, id: string, input: { userId: string; role: string }): Promise<void> {
  const refusal = await db.transaction().execute(async (trx) => {
    await lockDocument(trx, id);
    const loaded = await authorizeDocument(trx, actor, id, 'assign');
    const user = await trx.selectFrom('users').select(['id', 'display_name', 'department_id', 'disabled']).where('id', '=', input.userId).executeTakeFirst();
    if (!user || user.disabled) throw new AppError(400, 'validation-failed', '用户不存在或已停用', 'no such user, or the user is disabled', [{ field: 'userId', message: 'unknown' }]);
    if (user.department_id !== null && user.department_id === loaded.row.department_id) {
      return { loaded, user };
    }
    await trx
      .insertInto('document_assignments')
      .values({ document_id: id, user_id: user.id, role: input.role, assigned_by: actor.id, assigned_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['document_id', 'user_id']).doUpdateSet({ role: input.role }))
      .execute();
    await appendAudit(trx, { actorId: actor.id, action: loaded.kind.auditAction('assign'), entity: loaded.kind.auditEntity, entityId: id, detail: { userId: user.id, name: user.display_name, role: input.role } });
    await kindEffects(loaded.kind.kind)?.afterAssign?.(trx, { actor, id, user: { id: user.id, displayName: user.display_name }, role: input.role });
    const subject = loaded.kind.subject(loaded.place, { subjectName: loaded.row.project_name });
    await notifyUser(trx, user.id, { kind: `${loaded.kind.kind}-assigned`, subject, link: loaded.kind.pagePath(id), title: { zh: `您被指派参与${loaded.kind.names.full.zh}：${subject.zh}`, en: `You are assigned to a ${loaded.kind.names.full.en}: ${subject.en}` } });
    return null;
  });
  if (refusal) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, { actorId: actor.id, action: refusal.loaded.kind.auditAction('assign-refused'), entity: refusal.loaded.kind.auditEntity, entityId: id, detail: { userId: refusal.user.id, name: refusal.user.display_name, reason: 'conflict-of-interest' } }),
    );
    throw new AppError(409, 'conflict-of-interest', `${refusal.user.display_name}是被评对象所在部门的人员，不能参与（利益冲突）`, `${refusal.user.display_name} belongs to the department under assessment: a conflict of interest`, [{ field: 'userId', message: 'conflict of interest' }]);
  }
}

/** Takes a person off a document. */
export async function unassignFromDocument(trx: Transaction<Database>, actor: Actor, id: string, userId: string): Promise<void> {
  await lockDocument(trx, id);
  const loaded = await authorizeDocument(trx, actor, id, 'assign');
  const removed = await trx.deleteFrom('document_assignments').where('document_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) throw notFound('assignment', '指派');
  await appendAudit(trx, { actorId: actor.id, action: loaded.kind.auditAction('unassign'), entity: loaded.kind.auditEntity, entityId: id, detail: { userId } });
  await kindEffects(loaded.kind.kind)?.afterUnassign?.(trx, { actor, id, userId });
}
