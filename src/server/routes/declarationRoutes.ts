/**
 * Target forms: list, read, create (empty, imported, copied), edit, links to each other, the indicator
 * library. History, comments and steps are the routes every kind shares (`documentRoutes.ts`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { preSerialised } from '../contract/preSerialised.ts';
import { declarationListSchema, declarationViewSchema, declarationWithActionsSchema, documentLinksSchema, findingSchema, libraryEntrySchema, okSchema, publicDeclarationSchema, yearStatisticsSchema } from '../../format/apiSchemas.ts';
import { XLSX, fileResponse } from '../contract/files.ts';
import { errorResponse } from '../contract/errors.ts';
import { ANYONE_OR_SIGNED_IN, PUBLIC } from '../contract/security.ts';
import { STATE_NAMES } from '../../core/workflow.ts';
import { writeListWorkbook } from '../../writers/listWorkbook.ts';
import type { DeclarationSummary } from '../../format/apiTypes.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../core/document.ts';
import { documentSchema } from '../../format/documentSchema.ts';
import { IMPORT_LIMITS } from '../../import/text/importFormText.ts';

import { FORMAT_NAMES } from '../../readers/formatNames.ts';
import type { WorkerOutcome } from '../import/importTask.ts';
import { sameDepartment } from '../../import/text/sameDepartment.ts';
import { formYear, overridesPrintedYear, yearNote } from '../../core/formYear.ts';
import { importOffThread } from '../import/importPool.ts';
import type { Store } from '../../store/openStore.ts';
import { AppError } from '../appError.ts';
import { attachment, UPLOAD_BODY_LIMIT, uploadedFile } from './downloads.ts';
import { baseVersion } from './versionBodies.ts';
import { sharedDocumentRoutes } from './documentRoutes.ts';
import { optionalActor, requireActor } from '../context.ts';
import { authorize, createDeclaration, getDeclaration, getDeclarationJson, listDeclarations, TARGET_KINDS, updateDeclaration, visibleDeclarations, workingDeclarations, type CreateSource } from '../services/declarations.ts';
import { recheckDocument } from '../services/documents.ts';
import { documentLinks, formsReadingThis } from '../services/documentLinks.ts';
import { listLibraryForAdmin, lookUpLibrary, mergeEntry, setEntryHidden, similarProjects } from '../services/indicatorLibrary.ts';
import { canOnDocument } from '../../kinds/documentPolicy.ts';
import type { TargetDocument } from '../../core/document.ts';
import { documentHeadChanged } from '../services/documentHeads.ts';
import { departmentWithPath } from '../services/organisations.ts';
import { yearStatistics } from '../services/statistics.ts';

/** Ids are UUIDs; anything longer than any id is refused before it reaches a query. */
const id = z.object({ id: z.string().min(1).max(100) });
const year = z.coerce.number().int().min(2000).max(2100);

const states = z.enum(['draft', 'submitted', 'returned', 'approved', 'published']);

export const listQuery = z.object({
  year: year.optional(),
  state: states.optional(),
  departmentId: z.string().optional(),
  regionId: z.string().optional(),
  q: z.string().max(100).optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['updated', 'year', 'department', 'errors', 'published']).default('updated'),
});


/** What an import reads: pasted text (plain or HTML), or a file's bytes in base64. */
const importSourceBody = z.object({
  text: z.string().min(1).max(IMPORT_LIMITS.characters).optional(),
  file: uploadedFile.optional(),
}).refine((body) => (body.text === undefined) !== (body.file === undefined), { message: 'give either text or file', path: ['text'] });


function taskOf(body: { text?: string | undefined; file?: { name: string; data: string } | undefined }): { text?: string; bytes?: Uint8Array } {
  return body.file ? { bytes: new Uint8Array(Buffer.from(body.file.data, 'base64')) } : { text: body.text ?? '' };
}

function importRefused(outcome: Extract<WorkerOutcome, { ok: false }>): AppError {
  const field = outcome.format === null || outcome.format === 'text' ? 'text' : 'file';
  return new AppError(422, `import-${outcome.problem}`, outcome.message.zh, outcome.message.en, [{ field, message: outcome.message.en }], { format: outcome.format, evidence: outcome.evidence.slice(0, 5) });
}

export function declarationRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Versions, diff, comments, steps and deletion: the handlers every kind shares, on the forms' older path.
  sharedDocumentRoutes(app, store, { base: '/api/v1/declarations', kinds: TARGET_KINDS, tag: 'declarations', deprecated: true, noun: ['Declaration', 'Declarations'] });

  r.get('/api/v1/declarations', { schema: { operationId: 'listDeclarations', response: { 200: declarationListSchema }, security: ANYONE_OR_SIGNED_IN, tags: ['declarations'], summary: 'Declarations the user may see, filtered and paged (see /api/v1/documents?kind=)', querystring: listQuery, deprecated: true } }, async (request) => {
    return listDeclarations(store.db, optionalActor(request), request.query);
  });

  r.get('/api/v1/declarations/list.xlsx', { schema: { operationId: 'downloadDeclarationListXlsx', response: { 200: fileResponse('The list, Excel', XLSX) }, security: ANYONE_OR_SIGNED_IN, tags: ['declarations'], summary: 'The list as filtered, as an Excel sheet (up to 10,000 forms)', querystring: listQuery.omit({ page: true, pageSize: true }) } }, async (request, reply) => {
    const actor = optionalActor(request);
    const items: DeclarationSummary[] = [];
    for (let page = 1; page <= 100; page++) {
      const chunk = await listDeclarations(store.db, actor, { ...request.query, page, pageSize: 100 });
      items.push(...chunk.items);
      if (chunk.items.length < 100) break;
    }
    const xlsx = await writeListWorkbook<DeclarationSummary>('申报表', [
      { header: '年度', width: 8, value: (d) => d.year },
      { header: '部门', width: 34, value: (d) => d.departmentName },
      { header: '种类', width: 12, value: (d) => (d.kind === 'project-target' ? '项目' : '部门整体') },
      { header: '项目', width: 34, value: (d) => d.projectName ?? '' },
      { header: '状态', width: 10, value: (d) => STATE_NAMES[d.state].zh },
      { header: '金额（万元）', width: 14, value: (d) => d.budgetTotal, amount: true },
      { header: '错误', width: 8, value: (d) => d.errorCount },
      { header: '警告', width: 8, value: (d) => d.warningCount },
      { header: '审核结果', width: 10, value: (d) => d.reviewGrade ?? '' },
      { header: '更新时间', width: 18, value: (d) => d.updatedAt, date: true },
    ], items);
    // The file says what it holds: the year, and the filters it was exported with.
    const q = request.query;
    const parts = [q.year ? `${q.year}年` : '全部年度', q.kind ? (q.kind === 'project-target' ? '项目' : '部门整体') : '', q.state ? STATE_NAMES[q.state].zh : '', q.q ? `含「${q.q}」` : ''].filter(Boolean);
    attachment(reply, `申报表-${parts.join('-')}.xlsx`);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
  });

  r.get('/api/v1/declarations/years', { schema: { operationId: 'listDeclarationYears', response: { 200: z.object({ years: z.array(z.number().int()) }) }, security: ANYONE_OR_SIGNED_IN, tags: ['declarations'], summary: 'The years of the declarations the user may see (scope=work: those the user works on, as the home page counts them), newest first', querystring: z.object({ scope: z.enum(['visible', 'work']).default('visible') }) } }, async (request) => {
    const actor = optionalActor(request);
    const query = request.query.scope === 'work' ? await workingDeclarations(store.db, actor) : await visibleDeclarations(store.db, actor);
    const rows = await query.select('documents.year').distinct().orderBy('documents.year', 'desc').execute();
    return { years: rows.map((r) => r.year) };
  });

  r.get('/api/v1/public/declarations/years', { schema: { operationId: 'listPublicDeclarationYears', response: { 200: z.object({ years: z.array(z.number().int()) }) }, security: PUBLIC, tags: ['public'], summary: 'The years of published declarations, newest first' } }, async () => {
    const query = await visibleDeclarations(store.db, null);
    const rows = await query.select('documents.year').distinct().orderBy('documents.year', 'desc').execute();
    return { years: rows.map((r) => r.year) };
  });

  r.get(
    '/api/v1/statistics',
    { schema: { operationId: 'getStatistics', response: { 200: yearStatisticsSchema }, security: ANYONE_OR_SIGNED_IN, tags: ['declarations'], summary: 'Counts by state, budget by department and indicators by first-level class for a year, over what the user may see', querystring: z.object({ year }) } },
    async (request) => yearStatistics(store.db, optionalActor(request), request.query.year),
  );

  r.post(
    '/api/v1/declarations',
    {
      schema: { operationId: 'createDeclaration', response: { 201: declarationViewSchema, 422: errorResponse(422) },
        tags: ['declarations'],
        summary:
          'Create a document of a department for a year: a department-wide form (one a year) or a project form (kind). Empty, from canonical JSON, copied from an earlier form (targets kept, marked carried over), or a project form prefilled from a row of the department form',
        body: z.object({
          departmentId: z.string().min(1).max(100),
          year: z.number().int().min(2000).max(2100),
          kind: z.enum(DOCUMENT_KINDS).default('department-target'),
          source: z.enum(['empty', 'copy-previous-year', 'content', 'copy', 'project-row']).default('empty'),
          content: documentSchema.optional(),
          /** source "copy": the earlier form to copy. */
          fromId: z.string().min(1).max(100).optional(),
          /** source "project-row": the department form and its row (0-based). */
          departmentFormId: z.string().min(1).max(100).optional(),
          row: z.number().int().min(0).max(10_000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { departmentId, year: forYear, kind, source, content, fromId, departmentFormId, row } = request.body;
      const required = (field: string, zh: string) => new AppError(400, 'validation-failed', `缺少${zh}`, `${field} is required for source "${source}"`, [{ field, message: 'required' }]);
      let from: CreateSource;
      if (source === 'content') {
        if (!content) throw required('content', '申报表内容');
        from = { kind: 'content', content, note: '由 JSON 创建 (created from JSON)' };
      } else if (source === 'copy') {
        if (!fromId) throw required('fromId', '要复制的申报表');
        from = { kind: 'copy', fromId };
      } else if (source === 'project-row') {
        if (!departmentFormId) throw required('departmentFormId', '部门整体申报表');
        if (row === undefined) throw required('row', '项目行');
        from = { kind: 'project-row', departmentFormId, row };
      } else {
        from = source === 'copy-previous-year' ? { kind: 'copy-previous-year' } : { kind: 'empty' };
      }
      const created = await store.db.transaction().execute((trx) => createDeclaration(trx, actor, { departmentId, year: forYear, kind, source: from }));
      reply.status(201);
      return getDeclaration(store.db, actor, created);
    },
  );

  r.post(
    '/api/v1/declarations/import/preview',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { operationId: 'previewDeclarationImport', response: { 200: z.object({ format: z.string().nullable(), simplified: z.boolean(), documents: z.array(z.unknown()).describe('the forms read, in the canonical format'), source: z.unknown() }), 422: errorResponse(422) },
        tags: ['declarations'],
        summary: 'Read a form (a file of any format, or pasted text or HTML) without storing it: the documents, and the source as tables for the wizard',
        body: importSourceBody,
      },
    },
    async (request) => {
      requireActor(request);
      const outcome = await importOffThread({ ...taskOf(request.body), year: null, withSource: true });
      if (!outcome.ok) throw importRefused(outcome);
      return { format: outcome.format, simplified: outcome.simplified ?? false, documents: outcome.documents.map((d) => d.document), source: outcome.source };
    },
  );

  r.post(
    '/api/v1/declarations/import',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { operationId: 'importDeclaration', response: { 201: declarationViewSchema.extend({ imported: z.array(z.string()).describe('the ids of the forms made') }), 422: errorResponse(422) },
        tags: ['declarations'],
        summary:
          'Import a published form (a file: .xlsx, .xls, PDF, HTML or text; or pasted text or HTML) as new drafts. Each form keeps the year it prints unless `years` chooses another for it (for a single form, `year` does); a form that prints none takes `year`, noted as assumed. A chosen year other than the printed one, or another department than the form names, must be confirmed',
        body: importSourceBody.extend({
          departmentId: z.string().min(1).max(100),
          /** The year of a single form, and of every form that prints none. */
          year: z.number().int().min(2000).max(2100),
          /** Per form, in the order read: the year chosen for it, or null to keep the printed one. */
          years: z.array(z.number().int().min(2000).max(2100).nullable()).max(1000).optional(),
          /** What the user confirmed after being told the form names another year or department. */
          confirm: z.array(z.enum(['year', 'department'])).max(2).default([]),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { departmentId, year: forYear, years: chosenYears, confirm } = request.body;
      const department = await departmentWithPath(store.db, departmentId);
      // Off the event loop: a large text or PDF takes a second of CPU.
      const outcome = await importOffThread({ ...taskOf(request.body), year: null });
      if (!outcome.ok) throw importRefused(outcome);
      const printed = outcome.declaration;
      const single = outcome.documents.length === 1;
      const years = outcome.documents.map(({ document }, i) => formYear(document.year, chosenYears ? (chosenYears[i] ?? null) : single ? forYear : null, forYear));
      const overridden = years.flatMap((y, i) => (overridesPrintedYear(y) ? [{ index: i, ...y }] : []));
      const mismatches: Array<{ field: 'year' | 'department'; message: string }> = [];
      if (overridden.length > 0 && !confirm.includes('year')) mismatches.push(...overridden.map((o) => ({ field: 'year' as const, message: `form ${o.index + 1} is for ${o.printed}, ${o.year} was chosen` })));
      if (printed.department && !sameDepartment(printed.department, department.name) && !confirm.includes('department')) mismatches.push({ field: 'department', message: `the text names ${printed.department}` });
      if (mismatches.length > 0) {
        const which = (index: number) => (single ? '' : `第 ${index + 1} 份表`);
        const zh = [
          ...(mismatches.some((m) => m.field === 'year') ? overridden.map((o) => `${which(o.index)}文本是 ${o.printed} 年度的申报表，而选择的是 ${o.year} 年度`) : []),
          ...(mismatches.some((m) => m.field === 'department') ? [`文本写的部门是「${printed.department}」，而选择的是「${department.name}」`] : []),
        ].join('；');
        const en = [
          ...(mismatches.some((m) => m.field === 'year') ? overridden.map((o) => `${single ? 'the text' : `form ${o.index + 1}`} is the ${o.printed} form, but ${o.year} was chosen`) : []),
          ...(mismatches.some((m) => m.field === 'department') ? [`the text names ${printed.department}, but ${department.name} was chosen`] : []),
        ].join('; ');
        throw new AppError(409, 'import-mismatch', `${zh}。请核对，确认无误后再保存。`, `${en}. Check, and confirm to save anyway.`, mismatches, { printedYear: printed.year, printedDepartment: printed.department });
      }
      // A text holding several forms makes one document each, all in one transaction: all or none.
      const created = await store.db.transaction().execute(async (trx) => {
        const ids: string[] = [];
        for (const [i, { document }] of outcome.documents.entries()) {
          const decided = years[i] ?? formYear(document.year, null, forYear);
          const content = { ...document, department: department.name, year: decided.year };
          const unparsed = document.unparsed.length;
          const from = FORMAT_NAMES[outcome.format];
          const said = yearNote(decided);
          ids.push(await createDeclaration(trx, actor, { departmentId, year: decided.year, source: { kind: 'content', content, note: `由${from.zh}导入，未识别 ${unparsed} 处${said ? `；${said.zh}` : ''} (imported from ${from.en}, ${unparsed} unparsed${said ? `; ${said.en}` : ''})` } }));
        }
        return ids;
      });
      reply.status(201);
      const first = await getDeclaration(store.db, actor, created[0] as string);
      return { ...first, imported: created };
    },
  );

  r.get('/api/v1/declarations/:id/links', { schema: { operationId: 'getDeclarationLinks', response: { 200: documentLinksSchema }, security: ANYONE_OR_SIGNED_IN, tags: ['declarations'], summary: "What a document is read with: a project form's department form and row, a department form's project forms, last year's form", params: id } }, async (request) => {
    const actor = optionalActor(request);
    const { row, regionPath, kind } = await authorize(store.db, actor, request.params.id, 'read');
    const current = await store.db.selectFrom('document_versions').select('content').where('document_id', '=', row.id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
    const canSee = (other: { state: string }) => canOnDocument(actor, 'read', { departmentId: row.department_id, regionPath, state: other.state }, kind);
    return documentLinks(store.db, { id: row.id, departmentId: row.department_id, year: row.year, kind: row.kind as DocumentKind, projectName: row.project_name, projectRow: row.project_row }, current.content as TargetDocument, canSee);
  });

  r.put(
    '/api/v1/declarations/:id/link',
    { schema: { operationId: 'linkDeclaration', response: { 200: okSchema }, tags: ['declarations'], summary: "Link a project form to a row of its department form (by the row's name; null: automatic, by code, else by name)", params: id, body: z.object({ rowName: z.string().min(1).max(500).nullable() }) } },
    async (request) => {
      const actor = requireActor(request);
      await store.db.transaction().execute(async (trx) => {
        const { row } = await authorize(trx, actor, request.params.id, 'update');
        if (row.kind !== 'project-target') throw new AppError(400, 'validation-failed', '只有项目申报表可以关联部门整体申报表的项目行', 'only a project form links to a row of the department form', [{ field: 'rowName', message: 'not a project form' }]);
        await trx.updateTable('documents').set({ project_row: request.body.rowName }).where('id', '=', row.id).execute();
        // The link decides which row each is checked against: both are checked again with it.
        await recheckDocument(trx, actor.id, row.id);
        for (const other of await formsReadingThis(trx, { id: row.id, departmentId: row.department_id, year: row.year, kind: row.kind as DocumentKind, projectName: row.project_name, projectRow: request.body.rowName })) await recheckDocument(trx, actor.id, other);
      });
      documentHeadChanged(store.db, request.params.id);
      return { ok: true };
    },
  );

  r.get(
    '/api/v1/indicator-library',
    {
      schema: { operationId: 'getIndicatorLibrary', response: { 200: z.object({ entries: z.array(libraryEntrySchema) }) },
        tags: ['library'],
        summary: 'Look up the indicator library: entries whose name starts with or contains q, with class, unit, direction and the targets used',
        querystring: z.object({ q: z.string().max(100).optional(), level1: z.string().max(50).optional(), level2: z.string().max(50).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      },
    },
    async (request) => ({ entries: await lookUpLibrary(store.db, requireActor(request), request.query) }),
  );

  r.get(
    '/api/v1/indicator-library/entries',
    { schema: { operationId: 'listIndicatorLibraryEntries', response: { 200: z.object({ entries: z.array(libraryEntrySchema) }) }, tags: ['library'], summary: 'Library entries for their administration, hidden ones included (admin)', querystring: z.object({ q: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) } },
    async (request) => ({ entries: await listLibraryForAdmin(store.db, requireActor(request), request.query) }),
  );

  r.get(
    '/api/v1/indicator-library/similar-projects',
    { schema: { operationId: 'listSimilarProjects', response: { 200: z.object({ projects: z.array(z.object({ id: z.string(), year: z.number().int(), projectName: z.string(), similarity: z.number(), indicators: z.array(z.unknown()) })) }) }, tags: ['library'], summary: "Past approved or published project forms whose names resemble this one's, with their indicators", querystring: z.object({ name: z.string().min(1).max(200), departmentId: z.string().max(100).optional() }) } },
    async (request) => ({ projects: await similarProjects(store.db, requireActor(request), request.query.name, request.query.departmentId ?? null) }),
  );

  r.patch(
    '/api/v1/indicator-library/:id',
    { schema: { operationId: 'updateIndicatorLibraryEntry', response: { 200: okSchema }, tags: ['library'], summary: 'Hide an entry from suggestions, or show it again (admin)', params: id, body: z.object({ hidden: z.boolean() }) } },
    async (request) => {
      const actor = requireActor(request);
      await store.db.transaction().execute((trx) => setEntryHidden(trx, actor, request.params.id, request.body.hidden));
      return { ok: true };
    },
  );

  r.post(
    '/api/v1/indicator-library/:id/merge',
    { schema: { operationId: 'mergeIndicatorLibraryEntry', response: { 200: okSchema }, tags: ['library'], summary: 'Merge an entry into another: its uses move there (admin)', params: id, body: z.object({ into: z.string().min(1).max(100) }) } },
    async (request) => {
      const actor = requireActor(request);
      await store.db.transaction().execute((trx) => mergeEntry(trx, actor, request.params.id, request.body.into));
      return { ok: true };
    },
  );

  r.get('/api/v1/declarations/:id', { schema: { operationId: 'getDeclaration', response: { 200: declarationWithActionsSchema }, security: ANYONE_OR_SIGNED_IN, tags: ['declarations'], summary: 'The current version with its findings and what the user may do next (see /api/v1/documents/:id)', params: id, deprecated: true } }, async (request, reply) => {
    const body = await getDeclarationJson(store.db, optionalActor(request), request.params.id);
    return reply.type('application/json; charset=utf-8').send(preSerialised(body));
  });

  r.put(
    '/api/v1/declarations/:id',
    {
      schema: { operationId: 'saveDeclaration', response: { 200: declarationViewSchema.extend({ version: z.number().int() }) },
        tags: ['declarations'],
        summary: 'Save a new version; baseVersion names the version edited (stale → 409 with the current version; see PUT /api/v1/documents/:id)',
        params: id,
        deprecated: true,
        body: z.object({
          baseVersion,
          content: documentSchema,
          note: z.string().max(500).optional(),
          /** Saved by the editor's autosave: later autosaves of the same sitting by the same person replace it. */
          autosave: z.boolean().default(false),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const version = await store.db.transaction().execute((trx) => updateDeclaration(trx, actor, request.params.id, request.body));
      documentHeadChanged(store.db, request.params.id);
      return { ...(await getDeclaration(store.db, actor, request.params.id)), version };
    },
  );

  r.get('/api/v1/declarations/:id/findings', { schema: { operationId: 'getDeclarationFindings', response: { 200: z.object({ version: z.number().int(), findings: z.array(findingSchema) }) }, security: ANYONE_OR_SIGNED_IN, tags: ['declarations'], summary: "The checker's findings on the current version", params: id } }, async (request) => {
    const view = await getDeclaration(store.db, optionalActor(request), request.params.id);
    return { version: view.version, findings: view.findings };
  });

  r.get('/api/v1/public/declarations', { schema: { operationId: 'listPublicDeclarations', response: { 200: declarationListSchema }, security: PUBLIC, tags: ['public'], summary: 'Published declarations (no sign-in)', querystring: listQuery.omit({ state: true }) } }, async (request) => {
    return listDeclarations(store.db, null, { ...request.query, state: 'published' });
  });

  r.get('/api/v1/public/declarations/:id', { schema: { operationId: 'getPublicDeclaration', response: { 200: publicDeclarationSchema }, security: PUBLIC, tags: ['public'], summary: 'A published declaration (no sign-in)', params: id } }, async (request) => {
    const view = await getDeclaration(store.db, null, request.params.id);
    return { id: view.id, departmentName: view.departmentName, year: view.year, state: view.state, version: view.version, publishedAt: view.publishedAt, content: view.content };
  });
}
