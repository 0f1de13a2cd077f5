/**
 * Declarations and their versions: the one write path. Every change of content goes through
 * `saveVersion`, which runs the checker, stores the version with its findings, updates the summary
 * columns the lists read, and appends an audit entry — in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Compilable, type Kysely, type Transaction } from 'kysely';
import { emptyDeclaration, type DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { documentTotal, type DocumentKind, type TargetDocument } from '../../core/document.ts';
import { formatMoney, money } from '../../core/money.ts';
import { emptyProjectTarget, goalList, type ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { diffDeclarations, followPointer, type DeclarationChange } from '../../core/declarationDiff.ts';
import { pointerExists } from '../../core/jsonDiff.ts';
import { canCreateFor, canOnDeclaration, type Actor, type DeclarationAction } from '../../core/policy.ts';
import { checkDeclaration, countBySeverity } from '../../core/rules/checkDeclaration.ts';
import type { Finding } from '../../core/rules/finding.ts';
import { actionsFrom, isEditable, STATE_NAMES, transition, type DeclarationState, type TransitionRequest } from '../../core/workflow.ts';
import { parseTargetValue } from '../../core/targetValue.ts';
import { appendAudit } from '../../store/auditLog.ts';
import { searchTokens } from '../../store/searchTokens.ts';
import { storeDocumentFacts } from '../../store/documentFacts.ts';
import { refreshDepartmentYears } from '../../store/departmentYearSummary.ts';
import type { DeclarationHead, DeclarationSummary, DeclarationView, DeclarationViewWithActions } from '../../format/apiTypes.ts';
import type { Database, DeclarationsTable } from '../../store/schema.ts';

export type { DeclarationSummary, DeclarationView };
import { AppError, forbidden, notFound } from '../appError.ts';
import { announceDeclarationChange, readDeclarationHead } from './declarationHeads.ts';
import { departmentWithPath, effectiveSettings, regionSubtree } from './organisations.ts';
import { relatedDocuments } from './documentLinks.ts';
import { recordLibraryUses } from './indicatorLibrary.ts';
import { declarationsWithCurrentVersion } from './currentVersions.ts';
import { notify } from './notifications.ts';
import { searchQuery } from './declarationSearch.ts';

const ACTION_NAMES = { submit: '提交', review: '审核', publish: '公开' } as const;


type Db = Kysely<Database> | Transaction<Database>;

/** A form as a notification names it: its department, and its project for a project form. */
function subjectOf(departmentName: string, row: Pick<DeclarationsTable, 'year' | 'kind' | 'project_name'>): string {
  return `${departmentName} ${row.year}年${row.kind === 'project-target' ? `「${row.project_name ?? '项目'}」项目绩效目标` : '部门整体绩效目标'}`;
}

/** Text the list's search looks in: department, goals, project and indicator names. */
export function searchText(content: TargetDocument, departmentName: string): string {
  if (content.kind === 'project-target') {
    return [departmentName, content.title ?? '', content.project.name ?? '', content.project.code ?? '', content.implementer ?? '', ...goalList(content.periodGoal), ...goalList(content.annualGoal), ...content.indicators.map((i) => i.name)].join('\n');
  }
  return [departmentName, content.title ?? '', ...content.goals, ...content.projects.map((p) => p.name), ...content.indicators.map((i) => i.name)].join('\n');
}

/** A declaration's row as the services read it: every column but the search's index terms (kilobytes no service reads). */
type DeclarationRow = Omit<DeclarationsTable, 'search_tokens'>;
const ROW_COLUMNS = ['id', 'department_id', 'year', 'state', 'current_version', 'title', 'search_text', 'budget_total', 'review_grade', 'error_count', 'warning_count', 'created_at', 'updated_at', 'submitted_at', 'published_at', 'kind', 'project_name', 'project_code', 'project_row'] as const satisfies readonly (keyof DeclarationRow)[];

/** Loads the declaration row and its department's region path, or 404. */
async function loadRow(db: Db, id: string): Promise<{ row: DeclarationRow; departmentName: string; regionPath: string[] }> {
  const row = await db.selectFrom('declarations').select(ROW_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('declaration', '申报表');
  const department = await departmentWithPath(db, row.department_id);
  return { row, departmentName: department.name, regionPath: department.regionPath };
}

/** Loads a declaration and checks the actor may do `action` on it; a declaration one may not read is a 404. */
export async function authorize(db: Db, actor: Actor | null, id: string, action: DeclarationAction) {
  const loaded = await loadRow(db, id);
  const resource = { departmentId: loaded.row.department_id, regionPath: loaded.regionPath, state: loaded.row.state };
  if (!canOnDeclaration(actor, 'read', resource)) throw notFound('declaration', '申报表');
  if (!canOnDeclaration(actor, action, resource)) throw forbidden();
  return loaded;
}

/** Stamps the declaration with its department and year, so the content always says whose it is. */
function normalise(content: TargetDocument, departmentName: string, year: number): TargetDocument {
  // Targets are re-parsed from their printed text, so a client cannot store a parse that disagrees with it.
  if (content.kind === 'project-target') {
    const unitOf = (printed: string, unit: string | null) => (printed !== '' && unit && !printed.endsWith(unit) ? `${printed}${unit}` : printed);
    const indicators = content.indicators.map((i) => ({ ...i, periodTargetValue: parseTargetValue(unitOf(i.periodTarget ?? '', i.unit)), annualTargetValue: parseTargetValue(unitOf(i.annualTarget, i.unit)) }));
    return { ...content, department: content.department ?? departmentName, year, indicators };
  }
  const indicators = content.indicators.map((i) => ({ ...i, periodTargetValue: parseTargetValue(i.periodTarget), annualTargetValue: parseTargetValue(i.annualTarget) }));
  return { ...content, department: content.department ?? departmentName, year, indicators };
}

/** How long an editing sitting lasts between autosaves: a later autosave by the same person replaces the earlier one. */
export const AUTOSAVE_SITTING_MS = 10 * 60_000;

/** The write path: stores a new version with its findings, updates the summary, audits. */
async function saveVersion(
  trx: Transaction<Database>,
  input: { id: string; version: number; content: TargetDocument; authorId: string; note: string | null; action: string; departmentName: string; fromVersion: number | null; autosave?: boolean },
): Promise<Finding[]> {
  const head = await trx.selectFrom('declarations').select(['department_id', 'year', 'kind', 'project_row']).where('id', '=', input.id).executeTakeFirstOrThrow();
  const projectName = input.content.kind === 'project-target' ? (input.content.project.name?.trim() || null) : null;
  // Checked with the documents it is read with: its department form and row, last year's form.
  const related = await relatedDocuments(trx, { id: input.id, departmentId: head.department_id, year: head.year, kind: head.kind, projectName, projectRow: head.project_row }, input.content);
  const findings = checkDeclaration(input.content, undefined, undefined, related);
  const counts = countBySeverity(findings);
  const now = new Date().toISOString();
  const autosave = input.autosave === true && input.note === null;
  // Autosaves of one sitting make one version: the one before this, if it was the same person's
  // autosave of the last few minutes (never the first version, a named one, or one that was submitted), is replaced.
  let replaced: number | null = null;
  if (autosave && input.fromVersion !== null && input.fromVersion > 1) {
    const previous = await trx.selectFrom('declaration_versions').select(['author_id', 'autosave', 'created_at']).where('declaration_id', '=', input.id).where('version', '=', input.fromVersion).executeTakeFirst();
    if (previous?.autosave && previous.author_id === input.authorId && Date.parse(now) - Date.parse(previous.created_at) < AUTOSAVE_SITTING_MS) replaced = input.fromVersion;
  }
  await trx
    .insertInto('declaration_versions')
    .values({ declaration_id: input.id, version: input.version, content: JSON.stringify(input.content), findings: JSON.stringify(findings), author_id: input.authorId, created_at: now, note: input.note, autosave })
    .execute();
  if (input.fromVersion !== null) await followComments(trx, input.id, input.fromVersion, input.content);
  if (replaced !== null) await trx.deleteFrom('declaration_versions').where('declaration_id', '=', input.id).where('version', '=', replaced).execute();
  const text = searchText(input.content, input.departmentName);
  await trx
    .updateTable('declarations')
    .set({
      current_version: input.version,
      title: input.content.title,
      search_text: text,
      search_tokens: searchTokens(text),
      budget_total: documentTotal(input.content),
      project_name: projectName,
      project_code: input.content.kind === 'project-target' ? (input.content.project.code?.trim() || null) : null,
      error_count: counts.error,
      warning_count: counts.warning,
      updated_at: now,
    })
    .where('id', '=', input.id)
    .execute();
  await storeDocumentFacts(trx, input.id, input.content, findings);
  await refreshDepartmentYears(trx, [{ departmentId: head.department_id, year: head.year }]);
  await announceDeclarationChange(trx, input.id);
  await appendAudit(trx, {
    actorId: input.authorId,
    action: input.action,
    entity: 'declaration',
    entityId: input.id,
    fromVersion: input.fromVersion,
    toVersion: input.version,
    detail: { errors: counts.error, warnings: counts.warning, ...(input.note ? { note: input.note } : {}), ...(autosave ? { autosave: true } : {}), ...(replaced !== null ? { replacedAutosave: replaced } : {}) },
  });
  return findings;
}

/**
 * Keeps review comments on the rows they were written on: a row inserted above, or one deleted,
 * would otherwise move every comment below it onto its neighbour. A comment whose row was deleted
 * points nowhere, and is shown as such.
 */
async function followComments(trx: Transaction<Database>, id: string, fromVersion: number, content: TargetDocument): Promise<void> {
  const comments = await trx.selectFrom('review_comments').select(['id', 'path']).where('declaration_id', '=', id).where('path', 'like', '/%/%').execute();
  if (comments.length === 0) return;
  const previous = await trx.selectFrom('declaration_versions').select('content').where('declaration_id', '=', id).where('version', '=', fromVersion).executeTakeFirst();
  if (!previous) return;
  const alignments = new Map();
  for (const comment of comments) {
    const followed = followPointer(previous.content as TargetDocument, content, comment.path, alignments) ?? `${comment.path.split('/').slice(0, 2).join('/')}/-`;
    if (followed !== comment.path) await trx.updateTable('review_comments').set({ path: followed }).where('id', '=', comment.id).execute();
  }
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
  if (!canCreateFor(actor, input.departmentId, department.regionPath)) throw forbidden();
  if (department.archivedAt) throw new AppError(409, 'department-archived', `${department.name} 已归档，不能新建申报表`, `${department.name} is archived and takes no new forms`, [{ field: 'departmentId', message: 'archived' }]);
  const kind: DocumentKind = input.source.kind === 'content' ? input.source.content.kind : input.source.kind === 'project-row' ? 'project-target' : (input.kind ?? 'department-target');
  if (kind === 'department-target') {
    const existing = await trx.selectFrom('declarations').select('id').where('department_id', '=', input.departmentId).where('year', '=', input.year).where('kind', '=', 'department-target').executeTakeFirst();
    if (existing) {
      throw new AppError(409, 'conflict', `${department.name} 已有 ${input.year} 年度部门整体申报表`, `${department.name} already has a ${input.year} department-wide form`, [{ field: 'year', message: 'exists' }], { existingId: existing.id });
    }
  }
  let content: TargetDocument;
  let note: string | null = null;
  let projectRowName: string | null = null;
  switch (input.source.kind) {
    case 'empty':
      content = kind === 'project-target' ? emptyProjectTarget(department.name, input.year) : emptyDeclaration(department.name, input.year);
      break;
    case 'project-row': {
      const source = await declarationsWithCurrentVersion(trx)
        .select(['declarations.department_id', 'declarations.year', 'declarations.kind', 'declaration_versions.content'])
        .where('declarations.id', '=', input.source.departmentFormId)
        .executeTakeFirst();
      if (!source || source.department_id !== input.departmentId || source.kind !== 'department-target') {
        throw new AppError(404, 'not-found', '没有找到该部门的部门整体申报表', "the department's department-wide form was not found", [{ field: 'departmentFormId', message: 'not found' }]);
      }
      const row = (source.content as DepartmentTargetDeclaration).projects[input.source.row];
      if (!row) throw new AppError(404, 'not-found', `部门整体申报表没有第 ${input.source.row + 1} 项`, `the department form has no row ${input.source.row + 1}`, [{ field: 'row', message: 'no such row' }]);
      const blank = emptyProjectTarget(department.name, source.year);
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
      const source = await declarationsWithCurrentVersion(trx)
        .select(['declarations.department_id', 'declarations.year', 'declaration_versions.content'])
        .where('declarations.id', '=', input.source.fromId)
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
      const previous = await declarationsWithCurrentVersion(trx)
        .select('declaration_versions.content')
        .where('declarations.department_id', '=', input.departmentId)
        .where('declarations.year', '=', input.year - 1)
        .where('declarations.kind', '=', 'department-target')
        .executeTakeFirst();
      if (!previous) throw new AppError(404, 'not-found', `没有 ${input.year - 1} 年度的申报表可复制`, `there is no ${input.year - 1} declaration to copy`, [{ field: 'source', message: 'no previous year' }]);
      // Targets carry over, marked as such; what belonged to last year's import (unparsed text) does not.
      content = carryOver(previous.content as TargetDocument);
      note = `复制自 ${input.year - 1} 年度 (copied from ${input.year - 1})`;
      break;
    }
  }
  const id = randomUUID();
  const now = new Date().toISOString();
  const normalised = normalise(content, department.name, input.year);
  const projectName = normalised.kind === 'project-target' ? normalised.project.name?.trim() || null : null;
  if (projectName) {
    const same = await trx.selectFrom('declarations').select('id').where('department_id', '=', input.departmentId).where('year', '=', input.year).where('kind', '=', 'project-target').where('project_name', '=', projectName).executeTakeFirst();
    if (same) throw new AppError(409, 'conflict', `${department.name} 已有 ${input.year} 年度「${projectName}」的项目申报表`, `${department.name} already has a ${input.year} project form for ${projectName}`, [{ field: 'project', message: 'exists' }], { existingId: same.id });
  }
  await trx
    .insertInto('declarations')
    .values({ id, department_id: input.departmentId, year: input.year, kind: normalised.kind, state: 'draft', current_version: 0, title: null, search_text: '', budget_total: null, review_grade: null, error_count: 0, warning_count: 0, created_at: now, updated_at: now, submitted_at: null, published_at: null, project_name: projectName, project_code: null, project_row: projectRowName })
    .execute();
  await saveVersion(trx, { id, version: 1, content: normalised, authorId: actor.id, note, action: 'declaration.create', departmentName: department.name, fromVersion: null });
  return id;
}

/** Saves edited content over the version the editor started from; a stale base is a 409 with the current version. */
export async function updateDeclaration(trx: Transaction<Database>, actor: Actor, id: string, input: { baseVersion: number; content: TargetDocument; note?: string; autosave?: boolean }): Promise<number> {
  // Lock the row: two saves of one declaration are serialised, and the second sees the first's version.
  await sql`select id from declarations where id = ${id} for update`.execute(trx);
  const { row, departmentName } = await authorize(trx, actor, id, 'update');
  if (!isEditable(row.state)) {
    throw new AppError(409, 'not-editable', `申报表${STATE_NAMES[row.state].zh}，不能修改`, `the declaration is ${STATE_NAMES[row.state].en} and cannot be edited`);
  }
  if (input.content.kind !== row.kind) {
    throw new AppError(400, 'validation-failed', '不能改变申报表的种类', `a ${row.kind} form cannot be saved as a ${input.content.kind}`, [{ field: 'content.kind', message: `must be ${row.kind}` }]);
  }
  if (input.baseVersion !== row.current_version) {
    const current = await trx
      .selectFrom('declaration_versions')
      .innerJoin('users', 'users.id', 'declaration_versions.author_id')
      .selectAll('declaration_versions')
      .select('users.display_name')
      .where('declaration_id', '=', id)
      .where('version', '=', row.current_version)
      .executeTakeFirstOrThrow();
    throw new AppError(409, 'version-conflict', `他人已保存了第 ${row.current_version} 版，你的修改基于第 ${input.baseVersion} 版，未被保存`, `version ${row.current_version} was saved meanwhile; your edit of version ${input.baseVersion} was not saved`, [{ field: 'baseVersion', message: 'stale' }], {
      currentVersion: row.current_version,
      current: { content: current.content, authorId: current.author_id, authorName: current.display_name, createdAt: current.created_at },
    });
  }
  const version = row.current_version + 1;
  await saveVersion(trx, { id, version, content: normalise(input.content, departmentName, row.year), authorId: actor.id, note: input.note?.trim() || null, action: 'declaration.update', departmentName, fromVersion: row.current_version, autosave: input.autosave ?? false });
  return version;
}

/** Makes an earlier version the current one again, as a new version (nothing is overwritten). */
export async function restoreVersion(trx: Transaction<Database>, actor: Actor, id: string, input: { version: number; baseVersion: number }): Promise<number> {
  await sql`select id from declarations where id = ${id} for update`.execute(trx);
  const { row } = await authorize(trx, actor, id, 'update');
  const source = await trx.selectFrom('declaration_versions').select('content').where('declaration_id', '=', id).where('version', '=', input.version).executeTakeFirst();
  if (!source) throw notFound('version', '版本');
  if (input.version === row.current_version) throw new AppError(409, 'already-current', `第 ${input.version} 版就是当前版本`, `version ${input.version} is the current version`, [{ field: 'version', message: 'current' }]);
  return updateDeclaration(trx, actor, id, { baseVersion: input.baseVersion, content: source.content as TargetDocument, note: `恢复第 ${input.version} 版 (restored version ${input.version})` }).then(async (version) => {
    // The restore is its own audited act, beside the save it made.
    await appendAudit(trx, { actorId: actor.id, action: 'declaration.restore', entity: 'declaration', entityId: id, fromVersion: row.current_version, toVersion: version, detail: { restoredVersion: input.version } });
    return version;
  });
}

/** Names a version (kept for good: named versions are never replaced by autosaves). */
export async function nameVersion(trx: Transaction<Database>, actor: Actor, id: string, version: number, note: string): Promise<void> {
  await authorize(trx, actor, id, 'update');
  const updated = await trx.updateTable('declaration_versions').set({ note, autosave: false }).where('declaration_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw notFound('version', '版本');
  await appendAudit(trx, { actorId: actor.id, action: 'declaration.name-version', entity: 'declaration', entityId: id, toVersion: version, detail: { note } });
}

/**
 * Deletes a draft that was never submitted, so that a wrong import or a form made for the wrong year
 * can be undone. Its last content is kept in the audit entry: nothing is beyond recovery.
 */
export async function deleteDeclaration(trx: Transaction<Database>, actor: Actor, id: string): Promise<void> {
  await sql`select id from declarations where id = ${id} for update`.execute(trx);
  const { row, departmentName } = await authorize(trx, actor, id, 'delete');
  if (row.state !== 'draft' || row.submitted_at !== null) {
    throw new AppError(409, 'not-deletable', '只有从未提交过的草稿可以删除', 'only a draft that was never submitted can be deleted');
  }
  const last = await trx.selectFrom('declaration_versions').select('content').where('declaration_id', '=', id).where('version', '=', row.current_version).executeTakeFirst();
  const versions = await trx.selectFrom('declaration_versions').select((eb) => eb.fn.countAll<string>().as('n')).where('declaration_id', '=', id).executeTakeFirstOrThrow();
  await trx.deleteFrom('review_comments').where('declaration_id', '=', id).execute();
  await trx.deleteFrom('reviews').where('declaration_id', '=', id).execute();
  await trx.deleteFrom('declaration_versions').where('declaration_id', '=', id).execute();
  await trx.deleteFrom('declarations').where('id', '=', id).execute();
  await refreshDepartmentYears(trx, [{ departmentId: row.department_id, year: row.year }]);
  await announceDeclarationChange(trx, id);
  await appendAudit(trx, {
    actorId: actor.id,
    action: 'declaration.delete',
    entity: 'declaration',
    entityId: id,
    fromVersion: row.current_version,
    detail: { department: departmentName, year: row.year, versions: Number(versions.n), content: last?.content ?? null },
  });
}

/** Moves a declaration along the workflow; a return needs a reason, which becomes a comment. */
export async function transitionDeclaration(trx: Transaction<Database>, actor: Actor, id: string, request: TransitionRequest): Promise<DeclarationState> {
  await sql`select id from declarations where id = ${id} for update`.execute(trx);
  const loaded = await authorize(trx, actor, id, request.action);
  const { row } = loaded;
  const result = transition(row.state, request);
  if (!result.ok) {
    throw result.refusal === 'reason-required'
      ? new AppError(400, 'reason-required', '评为“中”或“差”时须写明审核意见', 'a grade of 中 or 差 needs a written opinion', [{ field: 'reason', message: 'required' }])
      : new AppError(409, 'wrong-state', `申报表${STATE_NAMES[row.state].zh}，不能执行“${ACTION_NAMES[request.action]}”`, `a ${STATE_NAMES[row.state].en} declaration cannot be ${request.action}ed`);
  }
  if (request.action === 'submit' && (await effectiveSettings(trx, loaded.regionPath)).blockSubmitOnErrors && row.error_count > 0) {
    throw new AppError(409, 'has-errors', `检查发现 ${row.error_count} 个错误，本地区要求改正后才能提交`, `the checker finds ${row.error_count} errors; this bureau takes forms only without errors`, [{ field: 'content', message: 'has errors' }], { errors: row.error_count });
  }
  const now = new Date().toISOString();
  await trx
    .updateTable('declarations')
    .set({
      state: result.state,
      updated_at: now,
      ...(request.action === 'review' ? { review_grade: request.grade } : {}),
      ...(request.action === 'submit' && row.submitted_at === null ? { submitted_at: now } : {}),
      ...(request.action === 'publish' ? { published_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
  // Approved and published forms teach the indicator library.
  if (result.state === 'approved' || result.state === 'published') await recordLibraryUses(trx, id);
  // What was submitted stays: no autosave replaces the version a reviewer read.
  if (request.action === 'submit') await trx.updateTable('declaration_versions').set({ autosave: false }).where('declaration_id', '=', id).where('version', '=', row.current_version).execute();
  await refreshDepartmentYears(trx, [{ departmentId: row.department_id, year: row.year }]);
  await announceDeclarationChange(trx, id);
  if (request.action === 'review') {
    const opinion = request.reason?.trim() || null;
    await trx
      .insertInto('reviews')
      .values({ id: randomUUID(), declaration_id: id, version: row.current_version, grade: request.grade, outcome: result.state === 'approved' ? 'approved' : 'returned', opinion, reviewer_id: actor.id, created_at: now })
      .execute();
    if (opinion) {
      await trx.insertInto('review_comments').values({ id: randomUUID(), declaration_id: id, path: '', body: `【审核意见 ${request.grade}】${opinion}`, author_id: actor.id, version: row.current_version, created_at: now }).execute();
    }
  }
  await appendAudit(trx, {
    actorId: actor.id,
    action: `declaration.${request.action}`,
    entity: 'declaration',
    entityId: id,
    fromVersion: row.current_version,
    toVersion: row.current_version,
    detail: { from: row.state, to: result.state, ...(request.action === 'review' ? { grade: request.grade, reason: request.reason ?? null } : {}) },
  });
  const kind = request.action === 'submit' ? 'declaration-submitted' : request.action === 'publish' ? 'declaration-published' : result.state === 'approved' ? 'declaration-approved' : 'declaration-returned';
  const body = request.action === 'review' ? [`【${request.grade}】`, request.reason?.trim() ?? ''].join('') : '';
  await notify(trx, { kind, subject: subjectOf(loaded.departmentName, row), body, link: `/declarations/${id}`, departmentId: row.department_id, authorId: actor.id });
  return result.state;
}

/**
 * Stored versions never change, so their JSON text can be kept in memory by (declaration, version)
 * and every process's copy stays right. Bounded: least recently used versions are dropped.
 */
interface VersionText {
  readonly content: string;
  readonly findings: string;
  /** `"content":…,"findings":…}` as UTF-8 bytes, the tail of a GET response body. */
  readonly body: Buffer;
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

  set(key: string, value: VersionText): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

const versionTexts = new VersionTextCache(500);

/** The current version, with content and findings as stored JSON text (cached; no re-parsing). */
async function loadCurrent(db: Kysely<Database>, actor: Actor | null, id: string) {
  const row = await readDeclarationHead(db, id);
  if (!row) throw notFound('declaration', '申报表');
  const department = await departmentWithPath(db, row.department_id);
  const resource = { departmentId: row.department_id, regionPath: department.regionPath, state: row.state };
  if (!canOnDeclaration(actor, 'read', resource)) throw notFound('declaration', '申报表');
  const key = `${row.id}:${row.current_version}`;
  let texts = versionTexts.get(key);
  if (!texts) {
    const version = await db
      .selectFrom('declaration_versions')
      .select([sql<string>`content::text`.as('content'), sql<string>`findings::text`.as('findings')])
      .where('declaration_id', '=', id)
      .where('version', '=', row.current_version)
      .executeTakeFirstOrThrow();
    texts = { content: version.content, findings: version.findings, body: Buffer.from(`"content":${version.content},"findings":${version.findings}}`) };
    versionTexts.set(key, texts);
  }
  return { row: { ...row, ...texts }, departmentName: department.name, resource };
}

/** The fields of a declaration's view other than its content and findings. */
function viewHead(row: Awaited<ReturnType<typeof loadCurrent>>['row'], departmentName: string): DeclarationHead & Pick<DeclarationView, 'lastReview'> {
  return {
    id: row.id,
    kind: row.kind,
    projectName: row.project_name,
    departmentId: row.department_id,
    departmentName,
    year: row.year,
    state: row.state,
    version: row.current_version,
    reviewGrade: row.review_grade,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    publishedAt: row.published_at,
    lastReview: row.last_review
      ? { grade: row.last_review.grade, outcome: row.last_review.outcome, opinion: row.last_review.opinion, reviewerName: row.last_review.reviewer, at: row.last_review.at, version: row.last_review.version }
      : null,
  };
}

/** The current version of a declaration with its findings. */
export async function getDeclaration(db: Kysely<Database>, actor: Actor | null, id: string): Promise<DeclarationView> {
  const { row, departmentName } = await loadCurrent(db, actor, id);
  return { ...viewHead(row, departmentName), content: JSON.parse(row.content) as TargetDocument, findings: JSON.parse(row.findings) as Finding[] };
}

/**
 * The current version as a JSON response body, with what the actor may do next. The stored JSON
 * text of content and findings is spliced in as is: parsing and re-serialising a 30 KB form on every
 * read was most of the cost of a GET.
 */
export async function getDeclarationJson(db: Kysely<Database>, actor: Actor | null, id: string): Promise<Buffer> {
  const { row, departmentName, resource } = await loadCurrent(db, actor, id);
  const allowedActions = actionsFrom(row.state).filter((action) => canOnDeclaration(actor, action, resource));
  const canEdit = canOnDeclaration(actor, 'update', resource) && isEditable(row.state);
  const canComment = canOnDeclaration(actor, 'comment', resource);
  const canDelete = canOnDeclaration(actor, 'delete', resource) && row.submitted_at === null;
  const blockSubmitOnErrors = allowedActions.includes('submit') ? ((await effectiveSettings(db, resource.regionPath)).blockSubmitOnErrors ?? false) : false;
  const head = JSON.stringify({ ...viewHead(row, departmentName), allowedActions, canEdit, canComment, canDelete, blockSubmitOnErrors } satisfies Omit<DeclarationViewWithActions, 'content' | 'findings'>);
  // The version's part of the body is encoded once and cached as bytes: encoding 30 KB of Chinese
  // text on every read cost more than the rest of the request.
  return Buffer.concat([Buffer.from(`${head.slice(0, -1)},`), row.body]);
}

/** Filters of the list. */
export interface ListFilter {
  year?: number;
  state?: DeclarationState;
  departmentId?: string;
  regionId?: string;
  q?: string;
  kind?: DocumentKind;
  page: number;
  pageSize: number;
  sort: 'updated' | 'year' | 'department' | 'errors';
}

/**
 * The declarations (joined with their departments) the actor may see, as a query: the policy's
 * rules for reading, in SQL (the public: published; the system admin: all; others: theirs and published).
 */
export async function visibleDeclarations(db: Kysely<Database>, actor: Actor | null) {
  const query = db.selectFrom('declarations').innerJoin('departments', 'departments.id', 'declarations.department_id');
  if (actor === null) return query.where('declarations.state', '=', 'published');
  if (actor.role === 'editor' || actor.role === 'approver') {
    return query.where((eb) => eb.or([eb('declarations.department_id', '=', actor.departmentId ?? ''), eb('declarations.state', '=', 'published')]));
  }
  if (actor.role === 'reviewer') {
    const regions = await regionSubtree(db, actor.regionId ?? '');
    return query.where((eb) => eb.or([eb.and([eb('departments.region_id', 'in', regions), eb('declarations.state', '!=', 'draft')]), eb('declarations.state', '=', 'published')]));
  }
  // A bureau's admin: everything of its region, and what is published elsewhere.
  if (actor.regionId !== null) {
    const regions = await regionSubtree(db, actor.regionId);
    return query.where((eb) => eb.or([eb('departments.region_id', 'in', regions), eb('declarations.state', '=', 'published')]));
  }
  return query;
}

/**
 * A list query's rows; one searched by index terms runs with sequential scans off. The planner does
 * not count what reading each form's terms costs (a tsvector of kilobytes, from TOAST): for a word
 * most forms hold it would scan the table and read every one (two seconds over a province), where
 * the GIN index tells the forms without reading their terms.
 */
async function runSearch<R>(db: Kysely<Database>, byTerms: boolean, query: Compilable<R>): Promise<R[]> {
  if (!byTerms) return (await db.executeQuery(query.compile())).rows;
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    return (await trx.executeQuery(query.compile())).rows;
  });
}

/** Declarations the actor may see, filtered and paged on the server. */
export async function listDeclarations(db: Kysely<Database>, actor: Actor | null, filter: ListFilter): Promise<{ items: DeclarationSummary[]; total: number }> {
  let query = await visibleDeclarations(db, actor);
  if (filter.year !== undefined) query = query.where('declarations.year', '=', filter.year);
  if (filter.state) query = query.where('declarations.state', '=', filter.state);
  if (filter.kind) query = query.where('declarations.kind', '=', filter.kind);
  if (filter.departmentId) query = query.where('declarations.department_id', '=', filter.departmentId);
  if (filter.regionId) query = query.where('departments.region_id', 'in', await regionSubtree(db, filter.regionId));
  let byTerms = false;
  if (filter.q?.trim()) {
    // The words' index terms from the GIN index; what those cannot tell exactly, by the text itself.
    const search = await searchQuery(filter.q);
    byTerms = search.tsquery !== null;
    if (search.tsquery !== null) query = query.where(sql<boolean>`declarations.search_tokens @@ ${search.tsquery}::tsquery`);
    for (const text of search.substrings) query = query.where('declarations.search_text', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const sorted = {
    updated: query.orderBy('declarations.updated_at', 'desc'),
    year: query.orderBy('declarations.year', 'desc'),
    department: query.orderBy('departments.name', 'asc'),
    errors: query.orderBy('declarations.error_count', 'desc'),
  }[filter.sort].orderBy('declarations.id');
  const [rows, count] = await Promise.all([
    runSearch(
      db,
      byTerms,
      sorted
        .select([
          'declarations.id',
          'declarations.kind',
          'declarations.project_name',
          'declarations.department_id',
          'departments.name as department_name',
          'declarations.year',
          'declarations.state',
          'declarations.current_version',
          'declarations.title',
          'declarations.budget_total',
          'declarations.error_count',
          'declarations.warning_count',
          'declarations.review_grade',
          'declarations.updated_at',
          'declarations.submitted_at',
          'declarations.published_at',
        ])
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize),
    ),
    runSearch(db, byTerms, query.select((eb) => eb.fn.countAll<string>().as('n'))).then((found) => found[0] ?? { n: '0' }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      projectName: r.project_name,
      departmentId: r.department_id,
      departmentName: r.department_name,
      year: r.year,
      state: r.state,
      version: r.current_version,
      title: r.title,
      // numeric(20,6) comes back as "4417.500000": shown with two decimals, more only when non-zero.
      budgetTotal: r.budget_total === null ? null : formatMoney(money(r.budget_total)),
      errorCount: r.error_count,
      warningCount: r.warning_count,
      reviewGrade: r.review_grade,
      updatedAt: r.updated_at,
      submittedAt: r.submitted_at,
      publishedAt: r.published_at,
    })),
    total: Number(count.n),
  };
}

/** Every version's metadata, newest first. */
export async function listVersions(db: Kysely<Database>, actor: Actor | null, id: string) {
  await authorize(db, actor, id, 'history');
  const rows = await db
    .selectFrom('declaration_versions')
    .innerJoin('users', 'users.id', 'declaration_versions.author_id')
    .select(['declaration_versions.version', 'declaration_versions.created_at', 'declaration_versions.note', 'declaration_versions.autosave', 'users.display_name', 'users.id as author_id', 'declaration_versions.findings'])
    .where('declaration_versions.declaration_id', '=', id)
    .orderBy('declaration_versions.version', 'desc')
    .execute();
  return rows.map((r) => {
    const counts = countBySeverity(r.findings as Finding[]);
    return { version: r.version, createdAt: r.created_at, note: r.note, autosave: r.autosave, author: { id: r.author_id, displayName: r.display_name }, errors: counts.error, warnings: counts.warning };
  });
}

/** One stored version with its findings. */
export async function getVersion(db: Kysely<Database>, actor: Actor | null, id: string, version: number) {
  await authorize(db, actor, id, 'history');
  const row = await db.selectFrom('declaration_versions').selectAll().where('declaration_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (!row) throw notFound('version', '版本');
  return { version: row.version, createdAt: row.created_at, note: row.note, content: row.content as TargetDocument, findings: row.findings as Finding[] };
}

/** The differences between two versions, rows matched by identity (a deleted row is one removed row). */
export async function diffVersions(db: Kysely<Database>, actor: Actor | null, id: string, from: number, to: number): Promise<DeclarationChange[]> {
  const [a, b] = await Promise.all([getVersion(db, actor, id, from), getVersion(db, actor, id, to)]);
  return diffDeclarations(a.content, b.content);
}

/** A review comment anchored to a field or row, with whether its anchor still exists. */
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

export async function listComments(db: Kysely<Database>, actor: Actor | null, id: string): Promise<CommentView[]> {
  const view = await getDeclaration(db, actor, id);
  // Review comments are between the department and the finance bureau: the public sees none.
  if (actor === null) return [];
  const rows = await db
    .selectFrom('review_comments')
    .innerJoin('users', 'users.id', 'review_comments.author_id')
    .select(['review_comments.id', 'review_comments.path', 'review_comments.body', 'review_comments.version', 'review_comments.created_at', 'users.id as author_id', 'users.display_name', 'users.role'])
    .where('review_comments.declaration_id', '=', id)
    .orderBy('review_comments.created_at')
    .orderBy('review_comments.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    path: r.path,
    body: r.body,
    author: { id: r.author_id, displayName: r.display_name, role: r.role },
    version: r.version,
    createdAt: r.created_at,
    anchored: pointerExists(view.content, r.path),
  }));
}

export async function addComment(trx: Transaction<Database>, actor: Actor, id: string, input: { path: string; body: string }): Promise<string> {
  const { row, departmentName } = await authorize(trx, actor, id, 'comment');
  const current = await trx.selectFrom('declaration_versions').select('content').where('declaration_id', '=', id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  if (!pointerExists(current.content, input.path)) {
    throw new AppError(400, 'validation-failed', `批注位置 ${input.path} 在当前版本中不存在`, `the comment's anchor ${input.path} does not exist in the current version`, [{ field: 'path', message: 'no such field' }]);
  }
  const commentId = randomUUID();
  await trx.insertInto('review_comments').values({ id: commentId, declaration_id: id, path: input.path, body: input.body, author_id: actor.id, version: row.current_version, created_at: new Date().toISOString() }).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'comment.create', entity: 'declaration', entityId: id, toVersion: row.current_version, detail: { path: input.path } });
  // The department hears of the bureau's comments; the bureau reads the department's on the form.
  if (actor.role === 'reviewer') await notify(trx, { kind: 'declaration-comment', subject: subjectOf(departmentName, row), body: input.body, link: `/declarations/${id}`, departmentId: row.department_id, authorId: actor.id });
  return commentId;
}

/**
 * Checks a form's current version again (after a rule or a setting changed, or the documents it is
 * read with did): its findings, counts and dashboard rows are replaced; its content and version stay.
 */
export async function recheckDeclaration(trx: Transaction<Database>, actorId: string, id: string): Promise<{ errorsBefore: number; errorsAfter: number }> {
  const head = await trx.selectFrom('declarations').select(['department_id', 'year', 'kind', 'project_row', 'current_version', 'error_count']).where('id', '=', id).executeTakeFirst();
  if (!head) throw notFound('declaration', '申报表');
  const version = await trx.selectFrom('declaration_versions').select('content').where('declaration_id', '=', id).where('version', '=', head.current_version).executeTakeFirstOrThrow();
  const content = version.content as TargetDocument;
  const projectName = content.kind === 'project-target' ? (content.project.name?.trim() || null) : null;
  const related = await relatedDocuments(trx, { id, departmentId: head.department_id, year: head.year, kind: head.kind, projectName, projectRow: head.project_row }, content);
  const findings = checkDeclaration(content, undefined, undefined, related);
  const counts = countBySeverity(findings);
  await trx.updateTable('declaration_versions').set({ findings: JSON.stringify(findings) }).where('declaration_id', '=', id).where('version', '=', head.current_version).execute();
  await trx.updateTable('declarations').set({ error_count: counts.error, warning_count: counts.warning }).where('id', '=', id).execute();
  await storeDocumentFacts(trx, id, content, findings);
  await refreshDepartmentYears(trx, [{ departmentId: head.department_id, year: head.year }]);
  await announceDeclarationChange(trx, id);
  if (counts.error !== head.error_count) await appendAudit(trx, { actorId, action: 'declaration.recheck', entity: 'declaration', entityId: id, detail: { errorsBefore: head.error_count, errorsAfter: counts.error } });
  return { errorsBefore: head.error_count, errorsAfter: counts.error };
}
