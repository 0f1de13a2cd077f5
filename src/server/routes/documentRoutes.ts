/**
 * Documents of every kind through one API: `/api/v1/documents?kind=&year=&state=…`, `/documents/:id`
 * with its versions, diff, comments, transitions, PDF and Excel, and batch transitions. The paths of
 * the kinds from before they were one module (`/declarations`, `/monitoring/reports`, `/evaluations`)
 * mount the same handlers (`sharedDocumentRoutes`), restricted to their kinds and marked deprecated.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { KindContent } from '../../kinds/kindDefinition.ts';
import { allKinds, findKind, kindOf } from '../../kinds/registry.ts';
import type { Store } from '../../store/openStore.ts';
import { writeLayoutsPdf } from '../../writers/pdfWriter.ts';
import { writeLayoutsWorkbook } from '../../writers/workbookWriter.ts';
import { AppError } from '../appError.ts';
import { optionalActor, requireActor } from '../context.ts';
import { createDeclaration } from '../services/declarations.ts';
import { documentHeadChanged } from '../services/documentHeads.ts';
import { DOCUMENT_COLUMNS_QUALIFIED } from '../../store/documentRow.ts';
import {
  addDocumentComment,
  assignToDocument,
  authorizeDocument,
  createDocument,
  deleteDocument,
  diffDocumentVersions,
  documentHead,
  filterDocuments,
  getDocumentJson,
  getDocumentVersion,
  listAssignments,
  listDocumentComments,
  listDocumentVersions,
  listPage,
  nameDocumentVersion,
  readCurrentDocument,
  restoreDocumentVersion,
  transitionDocument,
  unassignFromDocument,
  updateDocument,
  visibleDocuments,
} from '../services/documents.ts';
import { batchIds, eachInBatch } from './batch.ts';
import { attachment } from './downloads.ts';
import { fileResponse, PDF, XLSX } from '../contract/files.ts';
import { preSerialised } from '../contract/preSerialised.ts';
import { errorResponse } from '../contract/errors.ts';
import { ANYONE_OR_SIGNED_IN } from '../contract/security.ts';
import {
  assignmentSchema,
  batchResultSchema,
  changeSchema,
  commentSchema,
  createdIdSchema,
  documentKindsSchema,
  documentListSchema,
  documentVersionSchema,
  documentViewSchema,
  okSchema,
  savedVersionSchema,
  transitionResultSchema,
  versionSummarySchema,
} from '../../format/apiSchemas.ts';

const id = z.object({ id: z.string().min(1).max(100) });
/** Version numbers are PostgreSQL integers. */
const versionNumber = z.coerce.number().int().min(1).max(2_147_483_647);
const idAndVersion = z.object({ id: z.string().min(1).max(100), version: versionNumber });

/** A step of a workflow: which fields a step reads is its kind's (a review's grade, a return's reason, an acceptance's advice). */
export const transitionRequestBody = z
  .object({
    action: z.string().min(1).max(40).describe('a transition of the kind: submit, review, return, accept, publish …'),
    grade: z.string().max(10).optional().describe('a review grade (优/良/中/差), where the step takes one'),
    reason: z.string().max(5000).optional().describe('the opinion or reason; required to return'),
    advice: z.string().max(5000).optional().describe('rectification advice, where the step takes one'),
  })
  .strict();

/** A comment's anchor and text. */
const commentBody = z.object({ path: z.string().max(200).regex(/^(?:\/[^/]*)*$/, 'a JSON Pointer such as /indicators/3/annualTarget'), body: z.string().trim().min(1).max(5000) }).strict();

/** Where a family of document routes is mounted, and for which kinds. */
export interface DocumentMount {
  /** `/api/v1/documents`, or an older path of one family (`/api/v1/declarations`). */
  readonly base: string;
  /** The kinds it serves (all when absent): an id of another kind there is a 404. */
  readonly kinds?: readonly string[];
  readonly tag: string;
  /** An older path kept for one release: the OpenAPI document says so. */
  readonly deprecated?: boolean;
  /** The noun of its operationIds, singular and plural (getDocumentVersion, transitionDocuments). */
  readonly noun: readonly [one: string, many: string];
  /** Routes the older path never had (it keeps its own versions of them). */
  readonly skip?: ReadonlyArray<'delete' | 'version-name' | 'version-restore' | 'diff' | 'comments'>;
}

/**
 * The routes every kind shares: versions (list, one, name, restore), diff, comments, one step and a
 * batch of steps, delete. Mounted at `/api/v1/documents` and at each older family path.
 */
export function sharedDocumentRoutes(app: FastifyInstance, store: Store, mount: DocumentMount): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { base, kinds, tag } = mount;
  const [one, many] = mount.noun;
  const deprecated = mount.deprecated === true ? { deprecated: true } : {};
  const skip = new Set(mount.skip ?? []);

  r.get(`${base}/:id/versions`, { schema: { operationId: `list${one}Versions`, tags: [tag], summary: 'Every saved version, newest first', params: id, response: { 200: z.object({ versions: z.array(versionSummarySchema) }) }, security: ANYONE_OR_SIGNED_IN, ...deprecated } }, async (request) => ({
    versions: await listDocumentVersions(store.db, optionalActor(request), request.params.id, kinds),
  }));

  r.get(`${base}/:id/versions/:version`, { schema: { operationId: `get${one}Version`, tags: [tag], summary: 'One saved version with its findings', params: idAndVersion, response: { 200: documentVersionSchema }, security: ANYONE_OR_SIGNED_IN, ...deprecated } }, async (request) =>
    getDocumentVersion(store.db, optionalActor(request), request.params.id, request.params.version, kinds),
  );

  if (!skip.has('version-name')) {
    r.patch(
      `${base}/:id/versions/:version`,
      { schema: { operationId: `name${one}Version`, tags: [tag], summary: 'Name a version (a named version is kept; autosaves never replace it)', params: idAndVersion, body: z.object({ note: z.string().trim().min(1).max(500) }), response: { 200: okSchema }, ...deprecated } },
      async (request) => {
        const actor = requireActor(request);
        await store.db.transaction().execute((trx) => nameDocumentVersion(trx, actor, request.params.id, request.params.version, request.body.note, kinds));
        return { ok: true };
      },
    );
  }

  if (!skip.has('version-restore')) {
    r.post(
      `${base}/:id/versions/:version/restore`,
      { schema: { operationId: `restore${one}Version`, tags: [tag], summary: 'Make an earlier version current again, as a new version (audited); baseVersion names the current version the user saw', params: idAndVersion, body: z.object({ baseVersion: versionNumber }), response: { 200: savedVersionSchema }, ...deprecated } },
      async (request) => {
        const actor = requireActor(request);
        const version = await store.db.transaction().execute((trx) => restoreDocumentVersion(trx, actor, request.params.id, { version: request.params.version, baseVersion: request.body.baseVersion }, kinds));
        documentHeadChanged(store.db, request.params.id);
        return { version };
      },
    );
  }

  if (!skip.has('diff')) {
    r.get(`${base}/:id/diff`, { schema: { operationId: `diff${one}Versions`, tags: [tag], summary: 'Field-level differences between two versions (JSON Pointer paths)', params: id, querystring: z.object({ from: versionNumber, to: versionNumber }), response: { 200: z.object({ changes: z.array(changeSchema) }) }, security: ANYONE_OR_SIGNED_IN, ...deprecated } }, async (request) => ({
      changes: await diffDocumentVersions(store.db, optionalActor(request), request.params.id, request.query.from, request.query.to, kinds),
    }));
  }

  if (!skip.has('comments')) {
    r.get(`${base}/:id/comments`, { schema: { operationId: `list${one}Comments`, tags: [tag], summary: 'Comments, each anchored to a field or row (none for the public)', params: id, response: { 200: z.object({ comments: z.array(commentSchema) }) }, security: ANYONE_OR_SIGNED_IN, ...deprecated } }, async (request) => ({
      comments: await listDocumentComments(store.db, optionalActor(request), request.params.id, kinds),
    }));

    r.post(`${base}/:id/comments`, { schema: { operationId: `add${one}Comment`, tags: [tag], summary: 'Comment on a field or row of the current version (JSON Pointer; "" for the whole document)', params: id, body: commentBody, response: { 201: createdIdSchema }, ...deprecated } }, async (request, reply) => {
      const actor = requireActor(request);
      const commentId = await store.db.transaction().execute((trx) => addDocumentComment(trx, actor, request.params.id, request.body, kinds));
      reply.status(201);
      return { id: commentId };
    });
  }

  r.post(
    `${base}/batch-transitions`,
    {
      schema: {
        tags: [tag],
        summary: 'The same step for many documents at once (batch approve, return, submit, accept, publish): each checked by the policy, done in its own transaction and audited one by one; the answer says, per document, what happened',
        operationId: `transition${many}`,
        body: z.object({ ids: batchIds, request: transitionRequestBody }).strict(),
        response: { 200: batchResultSchema },
        ...deprecated,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return eachInBatch(request.body.ids, async (documentId) => {
        const state = await store.db.transaction().execute((trx) => transitionDocument(trx, actor, documentId, request.body.request, kinds));
        documentHeadChanged(store.db, documentId);
        return state;
      });
    },
  );

  r.post(`${base}/:id/transitions`, { schema: { operationId: `transition${one}`, tags: [tag], summary: "Take a step of the document's workflow (which steps a kind has, and what each requires, is its definition's)", params: id, body: transitionRequestBody, response: { 200: transitionResultSchema, 422: errorResponse(422) }, ...deprecated } }, async (request) => {
    const actor = requireActor(request);
    const state = await store.db.transaction().execute((trx) => transitionDocument(trx, actor, request.params.id, request.body, kinds));
    documentHeadChanged(store.db, request.params.id);
    return { state };
  });

  if (!skip.has('delete')) {
    r.delete(`${base}/:id`, { schema: { operationId: `delete${one}`, tags: [tag], summary: 'Delete a draft that was never submitted (its department, where the kind allows; its last content is kept in the audit log)', params: id, response: { 200: okSchema }, ...deprecated } }, async (request) => {
      const actor = requireActor(request);
      await store.db.transaction().execute((trx) => deleteDocument(trx, actor, request.params.id, kinds));
      documentHeadChanged(store.db, request.params.id);
      return { ok: true };
    });
  }
}

/** The list's filters. */
const listQuery = z.object({
  kind: z.string().max(40).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.string().max(40).optional(),
  departmentId: z.string().max(100).optional(),
  regionId: z.string().max(100).optional(),
  parentId: z.string().max(100).optional(),
  targetId: z.string().max(100).optional(),
  purpose: z.string().max(40).optional().describe("an assessment's purpose (ex-ante-project, key-evaluation …): the documents whose facts name it"),
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['updated', 'year', 'department', 'errors', 'score', 'light']).default('updated'),
});

/** An unknown kind named in a request: a 400 that lists the kinds there are. */
function unknownKind(kind: string): AppError {
  const known = allKinds().map((k) => k.kind);
  return new AppError(400, 'validation-failed', `没有「${kind}」这类文件（可选：${known.join('、')}）`, `there is no kind "${kind}" (known: ${known.join(', ')})`, [{ field: 'kind', message: 'unknown kind' }]);
}

/** Validates content by its kind's schema: a 400 naming each field otherwise. */
function parseContent(kind: string, content: unknown): KindContent {
  const parsed = kindOf(kind).schema.safeParse(content);
  if (!parsed.success) {
    const fields = parsed.error.issues.slice(0, 20).map((issue) => ({ field: ['content', ...issue.path.map(String)].join('.'), message: issue.message }));
    throw new AppError(400, 'validation-failed', `内容不符合「${kindOf(kind).names.full.zh}」的格式：${fields[0]?.field ?? ''}`, `the content is not a valid ${kindOf(kind).names.full.en}: ${fields[0]?.field ?? ''}`, fields);
  }
  return parsed.data as KindContent;
}

/** The official form of a document as a download, by its kind's layout. */
async function officialForm(store: Store, request: { params: { id: string } } & Parameters<typeof optionalActor>[0], reply: FastifyReply, format: 'pdf' | 'xlsx') {
  const current = await readCurrentDocument(store.db, optionalActor(request), request.params.id);
  const layout = current.kind.layout;
  if (!layout) throw new AppError(404, 'not-found', `${current.kind.names.full.zh}没有正式表样`, `a ${current.kind.names.full.en} has no official form`);
  const content = JSON.parse(current.texts.content) as KindContent & { title?: string | null };
  const name = `${current.row.year}-${current.departmentName}-${current.row.project_name ?? current.kind.names.full.zh}.${format}`.replace(/[/\\:*?"<>|\r\n]/g, '_');
  attachment(reply, name);
  if (format === 'pdf') return reply.type('application/pdf').send(await writeLayoutsPdf([layout(content)], { title: content.title ?? current.kind.names.full.zh }));
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await writeLayoutsWorkbook([layout(content)]));
}

/** `/api/v1/documents`: every kind through one API. */
export function documentRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tag = 'documents';

  r.get('/api/v1/documents/kinds', { schema: { operationId: 'listDocumentKinds', tags: [tag], summary: 'The kinds of document, with their names and workflows (states and steps)', response: { 200: documentKindsSchema }, security: ANYONE_OR_SIGNED_IN } }, async () => ({
    kinds: allKinds().map((kind) => ({
      kind: kind.kind,
      names: kind.names,
      states: Object.entries(kind.workflow.states).map(([state, definition]) => ({ state, names: definition.names, editable: definition.editable, public: definition.public === true })),
      transitions: kind.workflow.transitions.map((t) => ({ action: t.action, names: t.names, from: t.from, by: t.by, grades: t.grades ?? null })),
    })),
  }));

  r.get('/api/v1/documents', { schema: { operationId: 'listDocuments', tags: [tag], summary: 'Documents of any kind the user may see, filtered and paged (no content: open one for it)', querystring: listQuery, response: { 200: documentListSchema }, security: ANYONE_OR_SIGNED_IN } }, async (request) => {
    const actor = optionalActor(request);
    const { kind, page, pageSize, sort, ...filter } = request.query;
    if (kind !== undefined && !findKind(kind)) throw unknownKind(kind);
    const filtered = await filterDocuments(store.db, await visibleDocuments(store.db, actor, kind ? [kindOf(kind)] : allKinds()), filter);
    const { query } = filtered;
    const sorted = {
      updated: query.orderBy('documents.updated_at', 'desc'),
      year: query.orderBy('documents.year', 'desc'),
      department: query.orderBy('departments.name', 'asc'),
      errors: query.orderBy('documents.error_count', 'desc'),
      score: query.orderBy('documents.score', (ob) => ob.asc().nullsLast()),
      light: query.orderBy('documents.light_rank', (ob) => ob.asc().nullsLast()),
    }[sort].orderBy('documents.id');
    const { rows, ...count } = await listPage(store.db, filtered, sorted.select(DOCUMENT_COLUMNS_QUALIFIED).select('departments.name as department_name'), { limit: pageSize, offset: (page - 1) * pageSize, sort });
    return { items: rows.map((row) => documentHead(row, row.department_name)), ...count };
  });

  r.post(
    '/api/v1/documents',
    {
      schema: { operationId: 'createDocument',
        tags: [tag],
        summary: "Create a document of a kind for a department and year: from its canonical JSON, or empty where the kind starts empty. Documents about another (reports, self-evaluations) start from it: use their kind's own route",
        body: z.object({ kind: z.string().min(1).max(40), departmentId: z.string().min(1).max(100), year: z.number().int().min(2000).max(2100), content: z.unknown().optional(), note: z.string().max(500).optional() }).strict(),
        response: { 201: documentViewSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { kind: kindId, departmentId, year, note } = request.body;
      const kind = findKind(kindId);
      if (!kind) throw unknownKind(kindId);
      if (kind.subjectKinds) throw new AppError(400, 'validation-failed', `${kind.names.full.zh}由其所评的文件生成，不能直接新建`, `a ${kind.names.full.en} is made from the document it is about; it cannot be created directly`, [{ field: 'kind', message: 'made from its subject' }]);
      const given = request.body.content === undefined ? undefined : parseContent(kindId, request.body.content);
      let created: string;
      if (kind.kind === 'department-target' || kind.kind === 'project-target') {
        // Target forms keep their own rules of uniqueness and their ways to start (see declarations.ts).
        created = await store.db.transaction().execute((trx) =>
          createDeclaration(trx, actor, { departmentId, year, kind: kind.kind as 'department-target', source: given ? { kind: 'content', content: given as never, note: note ?? '由 JSON 创建 (created from JSON)' } : { kind: 'empty' } }),
        );
      } else {
        const content = given ?? kind.empty?.({ departmentName: '', year });
        if (!content) throw new AppError(400, 'validation-failed', `须提供${kind.names.full.zh}的内容`, `the content of the ${kind.names.full.en} is required`, [{ field: 'content', message: 'required' }]);
        created = await store.db.transaction().execute((trx) => createDocument(trx, actor, { kind: kind.kind, departmentId, year, content, note: note ?? null }));
      }
      reply.status(201).type('application/json; charset=utf-8');
      return reply.send(preSerialised(await getDocumentJson(store.db, actor, created)));
    },
  );

  r.get('/api/v1/documents/:id', { schema: { operationId: 'getDocument', tags: [tag], summary: 'A document of any kind: its head, what the user may do, what its kind computes, its content and findings', params: id, response: { 200: documentViewSchema }, security: ANYONE_OR_SIGNED_IN } }, async (request, reply) => {
    const body = await getDocumentJson(store.db, optionalActor(request), request.params.id);
    return reply.type('application/json; charset=utf-8').send(preSerialised(body));
  });

  r.put(
    '/api/v1/documents/:id',
    {
      schema: { operationId: 'saveDocument',
        tags: [tag],
        summary: "Save a new version; baseVersion names the version edited (stale → 409 with the current version); the content is validated by its kind's schema",
        params: id,
        body: z.object({ baseVersion: versionNumber, content: z.record(z.string(), z.unknown()), note: z.string().max(500).optional(), autosave: z.boolean().default(false) }).strict(),
        response: { 200: documentViewSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const loaded = await authorizeDocument(store.db, actor, request.params.id, 'read');
      const content = parseContent(loaded.kind.kind, request.body.content);
      await store.db.transaction().execute((trx) => updateDocument(trx, actor, request.params.id, { ...request.body, content }));
      documentHeadChanged(store.db, request.params.id);
      return reply.type('application/json; charset=utf-8').send(preSerialised(await getDocumentJson(store.db, actor, request.params.id)));
    },
  );

  r.get('/api/v1/documents/:id.pdf', { schema: { operationId: 'downloadDocumentPdf', tags: [tag], summary: 'The current version as its official form, PDF (A4 landscape, fonts embedded)', params: id, response: { 200: fileResponse('The official form, PDF', PDF) }, security: ANYONE_OR_SIGNED_IN } }, (request, reply) => officialForm(store, request, reply, 'pdf'));
  r.get('/api/v1/documents/:id.xlsx', { schema: { operationId: 'downloadDocumentXlsx', tags: [tag], summary: 'The current version as its official form, Excel', params: id, response: { 200: fileResponse('The official form, Excel', XLSX) }, security: ANYONE_OR_SIGNED_IN } }, (request, reply) => officialForm(store, request, reply, 'xlsx'));

  r.get('/api/v1/documents/:id/assignments', { schema: { operationId: 'listDocumentAssignments', tags: [tag], summary: 'The people assigned to a document (experts, agencies), for kinds that assign', params: id, response: { 200: z.object({ assignments: z.array(assignmentSchema) }) }, security: ANYONE_OR_SIGNED_IN } }, async (request) => ({
    assignments: await listAssignments(store.db, optionalActor(request), request.params.id),
  }));

  r.post(
    '/api/v1/documents/:id/assignments',
    { schema: { operationId: 'assignDocument', tags: [tag], summary: "Assign a person to a document (the bureau's reviewers, for kinds that assign); a person of the document's own department is refused as a conflict of interest (audited)", params: id, body: z.object({ userId: z.string().min(1).max(100), role: z.string().trim().min(1).max(40) }).strict(), response: { 201: okSchema } } },
    async (request, reply) => {
      await assignToDocument(store.db, requireActor(request), request.params.id, request.body);
      documentHeadChanged(store.db, request.params.id);
      reply.status(201);
      return { ok: true };
    },
  );

  r.delete('/api/v1/documents/:id/assignments/:userId', { schema: { operationId: 'unassignDocument', tags: [tag], summary: 'Take a person off a document', params: z.object({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) }), response: { 200: okSchema } } }, async (request) => {
    const actor = requireActor(request);
    await store.db.transaction().execute((trx) => unassignFromDocument(trx, actor, request.params.id, request.params.userId));
    documentHeadChanged(store.db, request.params.id);
    return { ok: true };
  });

  sharedDocumentRoutes(app, store, { base: '/api/v1/documents', tag, noun: ['Document', 'Documents'] });
}
