/**
 * The rectification ledger's own routes (reading, answering, the steps, comments and versions of an
 * item are `/api/v1/documents`, as for every kind): opening an item from where the problem was found,
 * the ledger, and the ledger counted by department. Also the files of any kind that takes them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDay, RECTIFICATION_SOURCES, RECTIFICATION_STATES } from '../../core/rectification/rectification.ts';
import type { Store } from '../../store/openStore.ts';
import { optionalActor, requireActor } from '../context.ts';
import { documentHeadChanged } from '../services/documentHeads.ts';
import { deleteEvidence, downloadEvidence, listEvidence, uploadEvidence } from '../services/documentFiles.ts';
import { LEDGER_PAGE_LIMIT, listRectifications, openRectification, rectificationsByDepartment } from '../services/rectifications.ts';
import { errorResponse } from '../contract/errors.ts';
import { DOCX, fileResponse, PDF, XLSX, ZIP } from '../contract/files.ts';
import { attachment } from './downloads.ts';

const tag = 'rectifications';
const id = z.string().min(1).max(100);
const day = z.string().refine(isDay, 'a day YYYY-MM-DD such as "2025-06-30"');
const year = z.coerce.number().int().min(2000).max(2100);

const sourceSchema = z.object({ type: z.enum(RECTIFICATION_SOURCES), documentId: z.string().max(100).nullable(), documentKind: z.string().nullable(), ref: z.string().nullable() });
const rowSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  year: z.number(),
  state: z.string(),
  title: z.string(),
  projectName: z.string().nullable(),
  deadline: z.string(),
  overdue: z.boolean(),
  source: sourceSchema,
  files: z.number(),
  required: z.number(),
  updatedAt: z.string(),
});
const countsSchema = z.object({ departmentId: z.string(), departmentName: z.string(), total: z.number(), open: z.number(), reported: z.number(), accepted: z.number(), reopened: z.number(), overdue: z.number() });
const fileSchema = z.object({ id: z.string(), criterion: z.string().nullable(), item: z.string(), name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string().nullable(), uploadedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(), uploadedAt: z.string() });
const ledgerQuery = z.object({ year: year.optional(), regionId: id.optional(), departmentId: id.optional(), state: z.enum(RECTIFICATION_STATES).optional(), overdue: z.enum(['true', 'false']).optional().describe('only the items past their deadline and still owed') });

export function rectificationRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/rectifications',
    {
      schema: {
        tags: [tag],
        operationId: 'openRectification',
        summary: "Open a rectification item (the bureau's reviewers of the department's region): from a returned form's opinion, a monitoring report accepted with advice, an assessment's or a sampling review's finding (the source's department, year, project and words carried over), or by hand. The department is told.",
        body: z
          .object({
            source: z.object({ type: z.enum(RECTIFICATION_SOURCES), documentId: id.optional(), ref: z.string().trim().max(200).optional().describe("an assessment's finding by its index (default 0)") }).strict(),
            departmentId: id.optional().describe('by hand: the department responsible'),
            year: z.number().int().min(2000).max(2100).optional().describe('by hand: the year the problem belongs to'),
            title: z.string().trim().min(1).max(200).optional(),
            problem: z.string().max(5000).optional(),
            projectName: z.string().trim().max(200).nullable().optional(),
            deadline: day,
            requirement: z.string().max(5000).optional(),
            evidenceRequired: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
          })
          .strict(),
        response: { 201: z.object({ id: z.string() }), 422: errorResponse(422) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await store.db.transaction().execute((trx) => openRectification(trx, actor, request.body));
      reply.status(201);
      return { id: created };
    },
  );

  r.get(
    '/api/v1/rectifications',
    {
      schema: {
        tags: [tag],
        operationId: 'listRectifications',
        summary: 'The ledger: the items the user may see (a department its own, the bureau its region’s), deadline first, each with whether it is overdue; a page of them (up to 5,000) and how many there are in all',
        querystring: ledgerQuery.extend({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(LEDGER_PAGE_LIMIT).default(LEDGER_PAGE_LIMIT),
        }),
        response: { 200: z.object({ items: z.array(rowSchema), total: z.number().describe('every item that passes the filter, on this page or not') }) },
      },
    },
    async (request) => {
      const { page, pageSize, overdue, ...filter } = request.query;
      return listRectifications(store.db, requireActor(request), { ...filter, overdue: overdue === undefined ? undefined : overdue === 'true' }, undefined, { page, pageSize });
    },
  );

  r.get(
    '/api/v1/rectifications/by-department',
    { schema: { tags: [tag], operationId: 'countRectificationsByDepartment', summary: 'The ledger counted by department (the dashboard’s table): open, reported, accepted, reopened and overdue, most overdue first', querystring: ledgerQuery.omit({ state: true, overdue: true }), response: { 200: z.object({ departments: z.array(countsSchema) }) } } },
    async (request) => ({ departments: await rectificationsByDepartment(store.db, requireActor(request), request.query) }),
  );

  // The files of any kind that takes them (a rectification item's proof; an assessment's evidence too).
  r.get(
    '/api/v1/documents/:id/files',
    { schema: { tags: ['documents'], operationId: 'listDocumentFiles', summary: "A document's files (kinds that take files: rectification items, assessments)", params: z.object({ id }), response: { 200: z.object({ files: z.array(fileSchema) }) } } },
    async (request) => ({ files: await listEvidence(store.db, optionalActor(request), request.params.id) }),
  );

  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/documents/:id/files',
      {
        schema: {
          tags: ['documents'],
          operationId: 'uploadDocumentFile',
          summary: 'Upload a file as the raw request body (streamed; typed by its bytes: PDF, PNG, JPEG, Office, OFD, zip, text), answering an item of the document’s checklist, while the document is editable. The region’s evidence limits apply.',
          params: z.object({ id }),
          querystring: z.object({ name: z.string().trim().min(1).max(255).describe('the file name'), item: z.string().trim().min(1).max(500).describe('the checklist item it answers'), criterion: id.optional() }),
          response: { 201: z.object({ file: fileSchema }), 413: errorResponse(413), 415: errorResponse(415), 422: errorResponse(422) },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const file = await uploadEvidence(store.db, actor, request.params.id, { criterion: request.query.criterion ?? null, item: request.query.item, name: request.query.name }, request.raw);
        documentHeadChanged(store.db, request.params.id);
        reply.status(201);
        return { file };
      },
    );
  });

  r.get('/api/v1/documents/:id/files/:fileId', { schema: { tags: ['documents'], operationId: 'downloadDocumentFile', summary: 'Download a file (always as an attachment; audited)', params: z.object({ id, fileId: id }), response: { 200: fileResponse('The file, as uploaded (its type read from its bytes)', 'application/octet-stream', PDF, 'image/png', 'image/jpeg', DOCX, XLSX, ZIP, 'text/plain', 'application/ofd') } } }, async (request, reply) => {
    const { file, stream } = await downloadEvidence(store.db, optionalActor(request), request.params.id, request.params.fileId);
    attachment(reply, file.name);
    reply.header('content-security-policy', "default-src 'none'; sandbox").header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').header('content-length', String(file.size));
    return reply.type(file.contentType).send(stream);
  });

  r.delete('/api/v1/documents/:id/files/:fileId', { schema: { tags: ['documents'], operationId: 'deleteDocumentFile', summary: 'Remove a file while the document is editable (its uploader); its item is missing again', params: z.object({ id, fileId: id }), response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
    const actor = requireActor(request);
    await store.db.transaction().execute((trx) => deleteEvidence(trx, actor, request.params.id, request.params.fileId));
    documentHeadChanged(store.db, request.params.id);
    return { ok: true as const };
  });
}
