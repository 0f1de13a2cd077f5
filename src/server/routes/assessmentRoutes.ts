/**
 * What is the assessments' own in the API (everything else — read, save, steps, comments,
 * assignments, versions, the list, the score sheet as PDF and Excel — is `/api/v1/documents`):
 * templates by region and year, opening an assessment on a subject, batch assignment, evidence files
 * (streamed up and down), the report as .docx and PDF, 抽评 draws, and a department's yearly figures.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { preSerialised } from '../contract/preSerialised.ts';
import { errorResponse } from '../contract/errors.ts';
import { batchResultSchema, documentViewSchema, evidenceFileSchema, figuresSchema, okSchema, samplePreviewSchema, sampleSummarySchema, sampleViewSchema, templateViewSchema } from '../../format/apiSchemas.ts';
import { DOCX, PDF, XLSX, ZIP, fileResponse } from '../contract/files.ts';
import { ANYONE_OR_SIGNED_IN } from '../contract/security.ts';
import { ASSESSMENT_PURPOSES, SCORER_ROLES, SUBJECT_KINDS, type Assessment } from '../../core/assessment/assessment.ts';
import { templateProblems } from '../../core/assessment/scoring.ts';
import { criterionSchema } from '../../format/assessmentSchema.ts';
import { assessmentReport } from '../../kinds/assessment/report.ts';
import type { Store } from '../../store/openStore.ts';
import { writeListWorkbook } from '../../writers/listWorkbook.ts';
import { writeReportDocx, writeReportPdf } from '../../writers/reportWriters.ts';
import { optionalActor, requireActor } from '../context.ts';
import { deleteEvidence, downloadEvidence, listEvidence, uploadEvidence } from '../services/documentFiles.ts';
import { drawYearSample, getFigures, getSample, getTemplate, listPanelMembers, listSamples, listTemplates, openAssessment, previewSample, putFigures, saveTemplate } from '../services/assessments.ts';
import { documentHeadChanged } from '../services/documentHeads.ts';
import { assignToDocument, getDocumentJson, listAssignments, readCurrentDocument } from '../services/documents.ts';
import { departmentWithPath } from '../services/organisations.ts';
import { batchIds, eachInBatch } from './batch.ts';
import { attachment } from './downloads.ts';

const tag = 'assessments';
const id = z.string().min(1).max(100);
const year = z.coerce.number().int().min(2000).max(2100);
const amount = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'an amount in 万元 such as "120.00"');
const decimal2 = z.string().regex(/^\d{1,12}\.\d{2,6}$/, 'an amount in 万元 with two decimals, such as "120.00"');

const sampleBody = z
  .object({
    regionId: id.optional(),
    year: z.number().int().min(2000).max(2100),
    counts: z.record(z.string().max(4), z.number().int().min(0).max(10_000)).describe('how many of each grade: { "优": 2, "良": 3, "中": 1, "差": 1 }'),
    seed: z.string().trim().min(1).max(200).optional().describe('repeat a draw with its seed; otherwise a random one is made and stored'),
    templateId: id.optional().describe('the quality sheet (default builtin:sampling-quality)'),
  })
  .strict();

export function assessmentRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/assessment-templates',
    { schema: { operationId: 'listAssessmentTemplates', response: { 200: z.object({ templates: z.array(templateViewSchema) }) }, tags: [tag], summary: "The templates in force for a region and year: each built-in one, or the nearest region's edited version of it, and the region's own", querystring: z.object({ regionId: id.optional(), year, purpose: z.enum(ASSESSMENT_PURPOSES).optional() }) } },
    async (request) => ({ templates: await listTemplates(store.db, requireActor(request), request.query) }),
  );

  r.get('/api/v1/assessment-templates/:id', { schema: { operationId: 'getAssessmentTemplate', response: { 200: templateViewSchema.extend({ versions: z.array(z.object({ id: z.string(), version: z.number().int(), used: z.boolean(), updatedAt: z.string() })) }) }, tags: [tag], summary: 'One template with its criteria, where its weights do not add up, and its versions', params: z.object({ id }) } }, async (request) => {
    requireActor(request);
    return getTemplate(store.db, request.params.id);
  });

  r.post(
    '/api/v1/assessment-templates/check',
    { schema: { operationId: 'checkAssessmentTemplate', response: { 200: z.object({ problems: z.array(z.object({ path: z.string(), message: z.object({ zh: z.string(), en: z.string() }) })) }) }, tags: [tag], summary: 'Where the criteria of a template are wrong or their weights do not add up (nothing is stored)', body: z.object({ purpose: z.enum(ASSESSMENT_PURPOSES), criteria: z.array(criterionSchema).max(500) }).strict() } },
    async (request) => {
      requireActor(request);
      return { problems: templateProblems(request.body.criteria, request.body.purpose) };
    },
  );

  r.put(
    '/api/v1/assessment-templates',
    {
      schema: { operationId: 'saveAssessmentTemplate', response: { 200: templateViewSchema },
        tags: [tag],
        summary: "Save a region's template for a year (its admins): refused where the weights do not add up; once an assessment used it, a new version",
        body: z.object({ key: z.string().trim().min(1).max(60).regex(/^[a-z0-9][a-z0-9-]*$/, 'a key such as ex-ante-project'), regionId: id, year: z.number().int().min(2000).max(2100), name: z.string().trim().min(1).max(200), purpose: z.enum(ASSESSMENT_PURPOSES), criteria: z.array(criterionSchema).min(1).max(500), basedOn: id.nullable().optional() }).strict(),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return store.db.transaction().execute((trx) => saveTemplate(trx, actor, request.body));
    },
  );

  r.post(
    '/api/v1/assessments',
    {
      schema: { operationId: 'createAssessment', response: { 201: documentViewSchema },
        tags: [tag],
        summary: 'Open an assessment on a subject with a template (the bureau, or a department for its own projects): the answer is the document, as GET /api/v1/documents/:id gives it',
        body: z
          .object({
            purpose: z.enum(ASSESSMENT_PURPOSES),
            templateId: id.describe('builtin:<key> or a region template’s id'),
            subject: z
              .object({
                kind: z.enum(SUBJECT_KINDS),
                id: id.nullable().optional().describe('the document assessed (project-target, department-target, self-evaluation) or the department (department-year)'),
                name: z.string().trim().max(500).optional().describe('a policy’s name'),
                amount: decimal2.nullable().optional(),
                description: z.string().max(20_000).optional(),
              })
              .strict(),
            departmentId: id.optional().describe('for a policy: the department whose it is'),
            year: z.number().int().min(2000).max(2100).optional(),
            title: z.string().max(500).optional(),
            aggregation: z.object({ method: z.enum(['mean', 'trimmed-mean', 'weighted-mean']), drop: z.number().int().min(0).max(10) }).strict().optional(),
            scorers: z.array(z.object({ id: id, name: z.string().min(1).max(200), role: z.enum(SCORER_ROLES), weight: z.string().regex(/^\d{1,6}(\.\d{1,4})?$/).nullable() }).strict()).max(50).optional().describe('scorers typed in from paper, or the bureau; people who score in Jixiao join through assignments'),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await store.db.transaction().execute((trx) => openAssessment(trx, actor, request.body));
      reply.status(201).type('application/json; charset=utf-8');
      return reply.send(preSerialised(await getDocumentJson(store.db, actor, created)));
    },
  );

  r.post(
    '/api/v1/assessments/batch-assignments',
    { schema: { operationId: 'assignAssessments', response: { 200: batchResultSchema }, tags: [tag], summary: 'Assign one person (an expert, an agency) to many assessments: each checked and audited on its own, a conflict of interest refused; the answer says what happened to each', body: z.object({ ids: batchIds, userId: id, role: z.enum(['expert', 'agency', 'bureau']) }).strict() } },
    async (request) => {
      const actor = requireActor(request);
      return eachInBatch(request.body.ids, async (documentId) => {
        await assignToDocument(store.db, actor, documentId, { userId: request.body.userId, role: request.body.role });
        documentHeadChanged(store.db, documentId);
        return 'assigned';
      });
    },
  );

  r.get('/api/v1/assessments/:id/evidence', { schema: { operationId: 'listEvidence', response: { 200: z.object({ files: z.array(evidenceFileSchema) }) }, security: ANYONE_OR_SIGNED_IN, tags: [tag], summary: "An assessment's evidence files (the checklist and each item's status are in the document's `evidence`)", params: z.object({ id }) } }, async (request) => ({
    files: await listEvidence(store.db, optionalActor(request), request.params.id, ['assessment']),
  }));

  // Uploads are the request's raw bytes, streamed (any content type; the type is read from the bytes).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/assessments/:id/evidence',
      {
        schema: {
          operationId: 'uploadEvidence',
          response: { 201: z.object({ file: evidenceFileSchema }), 413: errorResponse(413), 415: errorResponse(415), 422: errorResponse(422) },
          tags: [tag],
          summary: 'Upload an evidence file as the raw request body (streamed; its type read from its bytes: PDF, PNG, JPEG, Office, OFD, zip, text), answering an item of the checklist, which is marked received. Limits per file and per assessment are the region’s (20 MB, 200 MB)',
          params: z.object({ id }),
          querystring: z.object({ name: z.string().trim().min(1).max(255).describe('the file name'), item: z.string().trim().min(1).max(500).describe('the checklist item it answers'), criterion: id.optional().describe('the criterion it supports') }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const file = await uploadEvidence(store.db, actor, request.params.id, { criterion: request.query.criterion ?? null, item: request.query.item, name: request.query.name }, request.raw, ['assessment']);
        documentHeadChanged(store.db, request.params.id);
        reply.status(201);
        return { file };
      },
    );
  });

  r.get('/api/v1/assessments/:id/evidence/:fileId', { schema: { operationId: 'downloadEvidence', response: { 200: fileResponse('The evidence file, as uploaded (its type read from its bytes)', 'application/octet-stream', PDF, 'image/png', 'image/jpeg', DOCX, XLSX, ZIP, 'text/plain', 'application/ofd') }, security: ANYONE_OR_SIGNED_IN, tags: [tag], summary: 'Download an evidence file (always as an attachment, never shown inline; audited)', params: z.object({ id, fileId: id }) } }, async (request, reply) => {
    const { file, stream } = await downloadEvidence(store.db, optionalActor(request), request.params.id, request.params.fileId, ['assessment']);
    attachment(reply, file.name);
    reply.header('content-security-policy', "default-src 'none'; sandbox").header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').header('content-length', String(file.size));
    return reply.type(file.contentType).send(stream);
  });

  r.delete('/api/v1/assessments/:id/evidence/:fileId', { schema: { operationId: 'deleteEvidence', response: { 200: okSchema }, tags: [tag], summary: 'Remove an evidence file while the assessment is open (its uploader or the bureau); its item is missing again', params: z.object({ id, fileId: id }) } }, async (request) => {
    const actor = requireActor(request);
    await store.db.transaction().execute((trx) => deleteEvidence(trx, actor, request.params.id, request.params.fileId, ['assessment']));
    documentHeadChanged(store.db, request.params.id);
    return { ok: true };
  });

  const report = async (request: { params: { id: string } } & Parameters<typeof optionalActor>[0]) => {
    const actor = optionalActor(request);
    const current = await readCurrentDocument(store.db, actor, request.params.id, ['assessment']);
    const content = JSON.parse(current.texts.content) as Assessment;
    const department = await departmentWithPath(store.db, current.row.department_id);
    const region = await store.db.selectFrom('regions').select('name').where('id', '=', department.regionId).executeTakeFirst();
    const assigned = await listAssignments(store.db, actor, request.params.id);
    const agencies = assigned.filter((a) => a.role === 'agency').map((a) => a.displayName);
    const files = await listEvidence(store.db, actor, request.params.id, ['assessment']);
    const model = assessmentReport(content, {
      organisation: agencies.length > 0 ? agencies.join('、') : `${region?.name ?? ''}财政局`,
      date: (current.row.decided_at ?? current.row.updated_at).slice(0, 10),
      panel: content.scorers.filter((s) => s.role !== 'self').map((s) => ({ name: s.name, role: s.role })),
      files: files.map((f) => ({ id: f.id, name: f.name, size: f.size })),
    });
    return { model, name: `${current.row.year}-${content.subject.name}-${content.purpose.startsWith('ex-ante') ? '评估报告' : '评价报告'}`.replace(/[/\\:*?"<>|\r\n]/g, '_') };
  };

  r.get('/api/v1/assessments/:id/report.docx', { schema: { operationId: 'downloadAssessmentReportDocx', response: { 200: fileResponse('The report, Word', DOCX) }, security: ANYONE_OR_SIGNED_IN, tags: [tag], summary: 'The report as Word (.docx), following the outline of its purpose; made from what the reader may see', params: z.object({ id }) } }, async (request, reply) => {
    const { model, name } = await report(request);
    attachment(reply, `${name}.docx`);
    return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(await writeReportDocx(model));
  });

  r.get('/api/v1/assessments/:id/report.pdf', { schema: { operationId: 'downloadAssessmentReportPdf', response: { 200: fileResponse('The report, PDF', PDF) }, security: ANYONE_OR_SIGNED_IN, tags: [tag], summary: 'The report as PDF (A4, Chinese fonts embedded); made from what the reader may see', params: z.object({ id }) } }, async (request, reply) => {
    const { model, name } = await report(request);
    attachment(reply, `${name}.pdf`);
    return reply.type('application/pdf').send(await writeReportPdf(model));
  });

  r.post('/api/v1/assessments/samples/preview', { schema: { operationId: 'previewSample', response: { 200: samplePreviewSchema }, tags: [tag], summary: "抽评: what a draw gives (the region's reviewers), nothing stored — to preview, or to check a stored draw from its seed", body: sampleBody } }, async (request) =>
    previewSample(store.db, requireActor(request), request.body),
  );

  r.post(
    '/api/v1/assessments/samples',
    { schema: { operationId: 'drawSample', response: { 201: sampleViewSchema }, tags: [tag], summary: "抽评: draw a year's accepted self-evaluations stratified by their grade with the counts given, from a seed stored and audited; each drawn one becomes a sampling review (parentId: the draw)", body: sampleBody } },
    async (request, reply) => {
      const actor = requireActor(request);
      const created = await store.db.transaction().execute((trx) => drawYearSample(trx, actor, request.body));
      reply.status(201);
      return getSample(store.db, actor, created);
    },
  );

  r.get('/api/v1/assessments/samples', { schema: { operationId: 'listSamples', response: { 200: z.object({ samples: z.array(sampleSummarySchema) }) }, tags: [tag], summary: "A region's draws, newest first", querystring: z.object({ regionId: id.optional(), year: year.optional() }) } }, async (request) => ({
    samples: await listSamples(store.db, requireActor(request), request.query),
  }));

  r.get('/api/v1/assessments/samples/:id', { schema: { operationId: 'getSample', response: { 200: sampleViewSchema }, tags: [tag], summary: 'A draw: its seed, counts, what it drew and the reviews made, and whether drawing again from the seed gives the same list', params: z.object({ id }) } }, async (request) =>
    getSample(store.db, requireActor(request), request.params.id),
  );

  r.get('/api/v1/assessments/samples/:id.xlsx', { schema: { operationId: 'downloadSampleXlsx', response: { 200: fileResponse('The draw as a list, Excel', XLSX) }, tags: [tag], summary: 'A draw as a list (Excel), with its seed', params: z.object({ id }) } }, async (request, reply) => {
    const sample = await getSample(store.db, requireActor(request), request.params.id);
    attachment(reply, `${sample.year}-抽评名单.xlsx`);
    const columns = [
      { header: '序号', width: 6, value: (d: (typeof sample.drawn)[number] & { n: number }) => d.n },
      { header: '部门', width: 30, value: (d: (typeof sample.drawn)[number]) => d.department },
      { header: '项目', width: 36, value: (d: (typeof sample.drawn)[number]) => d.name },
      { header: '自评分', width: 10, value: (d: (typeof sample.drawn)[number]) => d.selfScore },
      { header: '自评等级', width: 10, value: (d: (typeof sample.drawn)[number]) => d.grade },
      { header: '自评表', width: 38, value: (d: (typeof sample.drawn)[number]) => d.id },
      { header: `抽评（种子 ${sample.seed}）`, width: 38, value: (d: (typeof sample.drawn)[number]) => d.assessment },
    ];
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await writeListWorkbook('抽评名单', columns, sample.drawn.map((d, i) => ({ ...d, n: i + 1 }))));
  });

  r.get(
    '/api/v1/assessments/panel',
    {
      schema: {
        tags: [tag],
        operationId: 'listPanelMembers',
        summary: "The experts and agencies the region's reviewers may assign (their region's, above and below)",
        response: { 200: z.object({ members: z.array(z.object({ id: z.string(), displayName: z.string(), username: z.string(), role: z.enum(['expert', 'agency']), departmentId: z.string().nullable() })) }) },
      },
    },
    async (request) => ({ members: await listPanelMembers(store.db, requireActor(request)) }),
  );

  r.get('/api/v1/departments/:id/figures/:year', { schema: { operationId: 'getDepartmentFigures', response: { 200: figuresSchema }, tags: [tag], summary: "A department's figures of a year that formulas read (编制数, 在职人数, 三公经费 this year and last)", params: z.object({ id, year }) } }, async (request) =>
    getFigures(store.db, requireActor(request), request.params.id, request.params.year),
  );

  r.put(
    '/api/v1/departments/:id/figures/:year',
    {
      schema: { operationId: 'saveDepartmentFigures', response: { 200: figuresSchema },
        tags: [tag],
        summary: "Enter a department's figures of a year, once (its editors and approvers, or the region's reviewers; audited); its open assessments are checked again with them",
        params: z.object({ id, year }),
        body: z.object({ establishment: z.number().int().min(0).max(10_000_000).nullable(), staff: z.number().int().min(0).max(10_000_000).nullable(), threePublic: amount.nullable(), threePublicLast: amount.nullable() }).strict(),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const figures = await store.db.transaction().execute((trx) => putFigures(trx, actor, request.params.id, request.params.year, request.body));
      return figures;
    },
  );

}
