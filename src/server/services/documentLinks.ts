/**
 * How documents of the family are read together: a project form with its department form (and the
 * row it is), a department form with its project forms, any form with last year's. The checker gets
 * these as its `related` documents on every save; the pages show them as links.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EvaluationGrade, SelfEvaluation } from '../../core/selfEvaluation.ts';
import type { EvaluationState } from '../../core/evaluation/evaluationWorkflow.ts';
import type { DeclarationState } from '../../core/workflow.ts';
import type { DepartmentTargetDeclaration } from '../../core/declaration.ts';
import type { TargetDocument } from '../../core/document.ts';
import { formatMoney, money } from '../../core/money.ts';
import { twoPlaces } from '../../core/monitoring/ratio.ts';
import type { RelatedDocuments } from '../../core/rules/rule.ts';
import type { DocumentLinks } from '../../format/apiTypes.ts';
import type { Database } from '../../store/schema.ts';
import { documentsWithCurrentVersion } from './currentVersions.ts';

type Db = Kysely<Database> | Transaction<Database>;

const compactName = (name: string | null | undefined): string => (name ?? '').replace(/\s/g, '');

/** The department form row a project form is: the user's link, else by code, else by name. */
export function projectRow(department: DepartmentTargetDeclaration, project: TargetDocument, userRow: string | null): { row: number | null; by: 'user' | 'code' | 'name' | null } {
  if (project.kind !== 'project-target') return { row: null, by: null };
  if (userRow !== null) {
    const index = department.projects.findIndex((p) => compactName(p.name) === compactName(userRow));
    if (index !== -1) return { row: index, by: 'user' };
  }
  const code = compactName(project.project.code);
  // A row's name may carry the project's code (some regions print 项目编码 in the name cell).
  if (code) {
    const index = department.projects.findIndex((p) => compactName(p.name).includes(code));
    if (index !== -1) return { row: index, by: 'code' };
  }
  const name = compactName(project.project.name);
  const index = name ? department.projects.findIndex((p) => compactName(p.name) === name) : -1;
  return index === -1 ? { row: null, by: null } : { row: index, by: 'name' };
}

async function currentContent(db: Db, id: string): Promise<TargetDocument | null> {
  const row = await documentsWithCurrentVersion(db)
    .select('document_versions.content')
    .where('documents.id', '=', id)
    .executeTakeFirst();
  return row ? (row.content as TargetDocument) : null;
}

/** A form's self-evaluation once submitted (a draft is still the department's own), or null. */
export async function submittedEvaluationOf(db: Db, targetId: string): Promise<SelfEvaluation | null> {
  const row = await documentsWithCurrentVersion(db)
    .select('document_versions.content')
    .where('documents.kind', '=', 'self-evaluation')
    .where('documents.target_id', '=', targetId)
    .where('documents.state', '!=', 'draft')
    .executeTakeFirst();
  return row ? (row.content as SelfEvaluation) : null;
}

export interface Place {
  id: string | null;
  departmentId: string;
  year: number;
  kind: TargetDocument['kind'];
  projectName: string | null;
  projectRow: string | null;
}

async function departmentFormOf(db: Db, place: Place) {
  return db.selectFrom('documents').select(['id', 'state']).where('department_id', '=', place.departmentId).where('year', '=', place.year).where('kind', '=', 'department-target').executeTakeFirst();
}

async function lastYearOf(db: Db, place: Place) {
  let query = db.selectFrom('documents').select(['id', 'year', 'state']).where('department_id', '=', place.departmentId).where('year', '=', place.year - 1).where('kind', '=', place.kind);
  if (place.kind === 'project-target') {
    if (!place.projectName) return undefined;
    query = query.where(sql<string>`replace(project_name, ' ', '')`, '=', compactName(place.projectName));
  }
  return query.executeTakeFirst();
}

/** The project forms of a department's year with their current content, by project name. */
function projectFormsOf(db: Db, place: Place) {
  return documentsWithCurrentVersion(db)
    .select(['documents.id', 'documents.state', 'documents.project_name', 'documents.project_row', 'documents.budget_total', 'documents.error_count', 'documents.warning_count', 'document_versions.content'])
    .where('documents.department_id', '=', place.departmentId)
    .where('documents.year', '=', place.year)
    .where('documents.kind', '=', 'project-target')
    .orderBy('documents.project_name')
    .execute();
}

/**
 * The forms whose findings read this one (a project form's department form; a department form's
 * project forms), not yet published: checked again when this one changes, so that their stored
 * findings never wait for their own next save.
 */
export async function formsReadingThis(db: Db, place: Place): Promise<string[]> {
  if (place.kind === 'project-target') {
    const department = await departmentFormOf(db, place);
    return department && department.state !== 'published' ? [department.id] : [];
  }
  const rows = await db.selectFrom('documents').select('id').where('department_id', '=', place.departmentId).where('year', '=', place.year).where('kind', '=', 'project-target').where('state', '!=', 'published').execute();
  return rows.map((r) => r.id).filter((id) => id !== place.id);
}

/** The documents a document is checked with (see {@link RelatedDocuments}). */
export async function relatedDocuments(db: Db, place: Place, content: TargetDocument): Promise<RelatedDocuments> {
  const last = await lastYearOf(db, place);
  const lastYear = last ? await currentContent(db, last.id) : null;
  const lastYearEvaluation = last ? await submittedEvaluationOf(db, last.id) : null;
  if (content.kind === 'project-target') {
    const department = await departmentFormOf(db, place);
    const document = department ? ((await currentContent(db, department.id)) as DepartmentTargetDeclaration | null) : null;
    return { lastYear, lastYearEvaluation, departmentForm: document ? { document, row: projectRow(document, content, place.projectRow).row } : null };
  }
  const projects = await projectFormsOf(db, place);
  return {
    lastYear,
    lastYearEvaluation,
    projectForms: projects.map((p) => ({ id: p.id, document: p.content as TargetDocument, row: projectRow(content, p.content as TargetDocument, p.project_row).row })),
  };
}

/** The links a page shows for a document. */
export async function documentLinks(db: Db, place: Place & { id: string }, content: TargetDocument, canSee: (departmentState: { state: string }) => boolean): Promise<DocumentLinks> {
  const last = await lastYearOf(db, place);
  const evaluation = last && canSee(last) ? await db.selectFrom('documents').select(['id', 'score as total', 'grade', 'rate as execution_rate', 'state']).where('kind', '=', 'self-evaluation').where('target_id', '=', last.id).where('state', '!=', 'draft').executeTakeFirst() : undefined;
  const lastYear = last && canSee(last)
    ? { id: last.id, year: last.year, state: last.state as DeclarationState, evaluation: evaluation ? { id: evaluation.id, total: evaluation.total === null ? null : twoPlaces(String(evaluation.total)), grade: evaluation.grade as EvaluationGrade | null, executionRate: evaluation.execution_rate === null ? null : twoPlaces(String(evaluation.execution_rate)), state: evaluation.state as EvaluationState } : null }
    : null;
  if (content.kind === 'project-target') {
    const department = await departmentFormOf(db, place);
    if (!department || !canSee(department)) return { departmentForm: null, projectForms: [], rowsWithoutForm: [], lastYear };
    const document = (await currentContent(db, department.id)) as DepartmentTargetDeclaration | null;
    const link = document ? projectRow(document, content, place.projectRow) : { row: null, by: null };
    const row = link.row === null ? undefined : document?.projects[link.row];
    return {
      departmentForm: { id: department.id, state: department.state as DeclarationState, row: link.row, rowName: row?.name ?? null, rowAmount: row?.amount ?? null, linkedBy: link.by, rows: document?.projects.map((p) => p.name) ?? [] },
      projectForms: [],
      rowsWithoutForm: [],
      lastYear,
    };
  }
  const projects = await projectFormsOf(db, place);
  const visible = projects.filter((p) => canSee(p));
  const forms = visible.map((p) => ({
    id: p.id,
    projectName: p.project_name,
    state: p.state as DeclarationState,
    budgetTotal: p.budget_total === null ? null : formatMoney(money(p.budget_total)),
    errorCount: p.error_count,
    warningCount: p.warning_count,
    row: projectRow(content, p.content as TargetDocument, p.project_row).row,
  }));
  const linked = new Set(forms.map((f) => f.row));
  return { departmentForm: null, projectForms: forms, rowsWithoutForm: content.projects.map((_, i) => i).filter((i) => !linked.has(i)), lastYear };
}
