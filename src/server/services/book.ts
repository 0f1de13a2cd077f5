/**
 * The people's congress book (绩效报告汇编) in the store: what a department's or a region's year holds,
 * gathered from the documents' summary columns (never their content: the book of a province reads one
 * row per document), for whoever may see it — a department its own, the bureau and its admin their
 * region — and made into the PDF and the Excel file by the pure sections of core/book.
 */
import type { Kysely } from 'kysely';
import { bookModel, bookSheets, type BookData, type BookRow } from '../../core/book/book.ts';
import { byDepartment, formDisclosure } from '../../core/disclosure/disclosure.ts';
import type { Actor } from '../../core/policy.ts';
import type { Database } from '../../store/schema.ts';
import { writeSheetsWorkbook, type ListColumn } from '../../writers/listWorkbook.ts';
import { writeReportPdf } from '../../writers/reportWriters.ts';
import { formsOf, rulesFor, scopeOf } from './disclosure.ts';
import { notFound } from '../appError.ts';
import { departmentWithPath, regionPath, regionSubtree } from './organisations.ts';
import { proposalsOf } from './results.ts';
import { ruleName } from '../../core/results/rules.ts';
import { today } from './rectificationLinks.ts';

/** The kinds the book reads, and the states it leaves out (a department's drafts are its own). */
const KINDS = ['department-target', 'project-target', 'monitoring-report', 'self-evaluation', 'assessment', 'rectification'];

/** Gathers a year of a department (or of the actor's region, or a region they reach). */
export async function gatherBook(db: Kysely<Database>, actor: Actor, query: { year: number; departmentId?: string | undefined; regionId?: string | undefined }, on = today()): Promise<BookData> {
  const reach = await scopeOf(db, actor, { regionId: query.regionId });
  let scope = reach.scope;
  if (query.departmentId !== undefined && 'regionIds' in scope) {
    const department = await departmentWithPath(db, query.departmentId);
    // A department of the region the actor reaches; one elsewhere reads as missing.
    if (!(await regionSubtree(db, reach.regionId)).includes(department.regionId)) throw notFound('department', '部门');
    scope = { departmentId: query.departmentId };
  }
  let rows = db
    .selectFrom('documents')
    .innerJoin('departments', 'departments.id', 'documents.department_id')
    .select(['documents.id', 'documents.kind', 'departments.name as department_name', 'documents.project_name', 'documents.title', 'documents.state', 'documents.budget_total', 'documents.budget_executed', 'documents.rate', 'documents.light', 'documents.score', 'documents.grade', 'documents.review_grade', 'documents.published_at', 'documents.facts'])
    .where('documents.year', '=', query.year)
    .where('documents.kind', 'in', KINDS)
    .where('documents.state', '!=', 'draft');
  rows = 'departmentId' in scope ? rows.where('documents.department_id', '=', scope.departmentId) : rows.where('departments.region_id', 'in', scope.regionIds.length > 0 ? [...scope.regionIds] : ['']);
  const found = await rows.orderBy('departments.name').orderBy('documents.kind').orderBy('documents.project_name').orderBy('documents.id').execute();
  const book: BookRow[] = found.map((r) => ({
    id: r.id,
    kind: r.kind,
    departmentName: r.department_name,
    projectName: r.project_name,
    title: r.title,
    state: r.state,
    amount: r.budget_total === null ? null : String(r.budget_total),
    executed: r.budget_executed,
    rate: r.rate,
    light: r.light,
    score: r.score,
    grade: r.grade,
    reviewGrade: r.review_grade,
    publishedAt: r.published_at,
    facts: (r.facts ?? {}) as Record<string, unknown>,
  }));
  const rules = await rulesFor(db, reach.regionId, query.year);
  const disclosure = byDepartment((await formsOf(db, scope, query.year)).map((f) => formDisclosure(f, rules, on)), rules);
  const scopeName = 'departmentId' in scope ? (await departmentWithPath(db, scope.departmentId)).name : ((await db.selectFrom('regions').select('name').where('id', '=', reach.regionId).executeTakeFirst())?.name ?? '');
  // Next year's budget proposals from this year's results, as the bureau's rules make them.
  const department = 'departmentId' in scope ? await departmentWithPath(db, scope.departmentId) : null;
  const regionId = department ? department.regionId : reach.regionId;
  const regionName = (await db.selectFrom('regions').select('name').where('id', '=', regionId).executeTakeFirst())?.name ?? '';
  const table = await proposalsOf(db, { year: query.year + 1, regionId, regionName, department: department ? { id: department.id, name: department.name } : null }, await regionPath(db, regionId));
  const proposals = table.rows.map((r) => ({ department: r.department, project: r.project, lastAmount: r.lastAmount, proposed: r.proposed, rule: r.exception ? '例外调整' : ruleName(r.rule).zh, request: r.request, overRequest: r.overRequest }));
  return { scopeName, scope: 'departmentId' in scope ? 'department' : 'region', year: query.year, today: on, rows: book, disclosure, proposals };
}

/** The book as a PDF: cover, contents, each section, page numbers; the CJK font embedded. */
export function bookPdf(data: BookData): Promise<Buffer> {
  return writeReportPdf(bookModel(data));
}

/** The book as an Excel workbook: a contents sheet, then a sheet per section. */
export function bookWorkbook(data: BookData): Promise<Buffer> {
  return writeSheetsWorkbook(
    bookSheets(data).map(({ name, table }) => ({
      name,
      columns: table.columns.map((header, i): ListColumn<readonly string[]> => ({ header, width: Math.max(8, Math.round((table.widths[i] ?? 10) * 0.9)), value: (row) => row[i] ?? '', amount: table.amounts?.includes(i) ?? false })),
      items: table.rows,
    })),
  );
}
