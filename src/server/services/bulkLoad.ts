/**
 * Loading a region's forms in bulk from canonical JSON (a province's year; `jixiao jobs load`): each
 * file of JSON Lines — one canonical document per line, naming its department and year — is read,
 * validated and checked outside any transaction, then stored in one transaction with multi-row
 * inserts, so a file is stored whole or not at all. The same rows as one-by-one creation (drafts,
 * their first version with its findings, the summary columns and dashboard rows), with one audit
 * entry per file instead of one per form. Rules that read other documents (last year's form, the
 * department form of a project) run when the form is next saved or by `jixiao jobs rescore`.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { documentTotal, type TargetDocument } from '../../core/document.ts';
import { budgetLines, countFindingsByFamily } from '../../core/documentFacts.ts';
import { checkDeclaration, countBySeverity } from '../../core/rules/checkDeclaration.ts';
import { documentSchema } from '../../format/documentSchema.ts';
import { appendAudit } from '../../store/auditLog.ts';
import { refreshDepartmentYears } from '../../store/departmentYearSummary.ts';
import { documentRow } from '../../store/documentRow.ts';
import { searchTokens } from '../../store/searchTokens.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../appError.ts';
import { searchText } from './declarations.ts';
import { activeDepartments } from './organisations.ts';

/** A file's forms, checked and made into rows, ready to store. */
export interface PreparedLoad {
  readonly file: string;
  readonly declarations: Database['documents'][];
  readonly versions: Array<Omit<Database['document_versions'], 'content' | 'findings'> & { content: string; findings: string }>;
  readonly findings: Database['declaration_findings'][];
  readonly lines: Database['declaration_budget_lines'][];
}

/** Departments by name, within a region (null: all), for naming each document's department. */
export async function departmentsByName(db: Kysely<Database>, regionId: string | null): Promise<Map<string, string | null>> {
  const byName = new Map<string, string | null>();
  // Two departments of one name cannot be told apart by name: null marks the name as ambiguous.
  for (const d of await activeDepartments(db, regionId)) byName.set(d.name, byName.has(d.name) ? null : d.id);
  return byName;
}

/** Reads, validates and checks a file of JSON Lines; a bad line is refused with its file and line number. */
export function prepareLoad(file: string, text: string, departments: ReadonlyMap<string, string | null>, authorId: string): PreparedLoad {
  const now = new Date().toISOString();
  const prepared: PreparedLoad = { file, declarations: [], versions: [], findings: [], lines: [] };
  const refuse = (line: number, zh: string, en: string) => new AppError(422, 'load-refused', `${file} 第 ${line} 行：${zh}`, `${file} line ${line}: ${en}`, [{ field: `line ${line}`, message: en }]);
  const rows = text.split('\n');
  for (const [index, raw] of rows.entries()) {
    const lineNumber = index + 1;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw refuse(lineNumber, '不是有效的 JSON', 'not valid JSON');
    }
    const parsed = documentSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw refuse(lineNumber, `不符合标准格式（${issue?.path.join('.') ?? ''}：${issue?.message ?? ''}）`, `not the canonical format (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`);
    }
    const content = parsed.data as TargetDocument;
    const departmentName = content.department?.trim() ?? '';
    const departmentId = departments.get(departmentName);
    if (!departmentId) throw refuse(lineNumber, departmentId === null ? `有多个名为「${departmentName}」的部门` : `没有名为「${departmentName}」的部门`, departmentId === null ? `several departments are called "${departmentName}"` : `no department is called "${departmentName}"`);
    if (content.year === null) throw refuse(lineNumber, '没有年度', 'the document has no year');
    const id = randomUUID();
    const findings = checkDeclaration(content);
    const counts = countBySeverity(findings);
    const projectName = content.kind === 'project-target' ? (content.project.name?.trim() || null) : null;
    const text = searchText(content, departmentName);
    prepared.declarations.push(
      documentRow({
        id,
        kind: content.kind,
        department_id: departmentId,
        year: content.year,
        state: 'draft',
        current_version: 1,
        title: content.title,
        search_text: text,
        search_tokens: searchTokens(text),
        budget_total: documentTotal(content),
        error_count: counts.error,
        warning_count: counts.warning,
        created_at: now,
        updated_at: now,
        project_name: projectName,
        project_code: content.kind === 'project-target' ? (content.project.code?.trim() || null) : null,
      }),
    );
    prepared.versions.push({ document_id: id, version: 1, content: JSON.stringify(content), findings: JSON.stringify(findings), author_id: authorId, created_at: now, note: `批量载入 ${file} (bulk load)`, autosave: false });
    for (const c of countFindingsByFamily(findings)) prepared.findings.push({ declaration_id: id, family: c.family, severity: c.severity, n: c.n });
    for (const l of budgetLines(content)) prepared.lines.push({ declaration_id: id, line: l.line, amount: l.amount });
  }
  return prepared;
}

/** Stores a prepared file in the caller's transaction: all its forms or (on any conflict) none. */
export async function storeLoad(trx: Transaction<Database>, authorId: string, prepared: PreparedLoad): Promise<{ declarations: number }> {
  const chunks = <T,>(rows: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, k * size + size));
  for (const rows of chunks(prepared.declarations, 500)) await trx.insertInto('documents').values(rows).execute();
  for (const rows of chunks(prepared.versions, 100)) await trx.insertInto('document_versions').values(rows).execute();
  for (const rows of chunks(prepared.findings, 2000)) await trx.insertInto('declaration_findings').values(rows).execute();
  for (const rows of chunks(prepared.lines, 2000)) await trx.insertInto('declaration_budget_lines').values(rows).execute();
  await refreshDepartmentYears(trx, prepared.declarations.map((d) => ({ departmentId: d.department_id, year: d.year })));
  await appendAudit(trx, { actorId: authorId, action: 'declaration.bulk-load', entity: 'job', entityId: prepared.file, detail: { file: prepared.file, forms: prepared.declarations.length } });
  return { declarations: prepared.declarations.length };
}
