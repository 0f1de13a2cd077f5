/** Year-end self-evaluations: the forms owed, start, edit, workflow, comments, versions, overview, documents, public pages. */
import { sharedDocumentRoutes } from './documentRoutes.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evaluationOverviewSchema, evaluationSummarySchema, evaluationViewSchema, owedEvaluationSchema } from '../../format/apiSchemas.ts';
import { PDF, XLSX, fileResponse } from '../contract/files.ts';
import { errorResponse } from '../contract/errors.ts';
import { ANYONE_OR_SIGNED_IN, PUBLIC } from '../contract/security.ts';
import { EVALUATION_STATE_NAMES, EVALUATION_STATES } from '../../core/evaluation/evaluationWorkflow.ts';
import type { EvaluationSummary } from '../../format/apiTypes.ts';
import { writeListWorkbook } from '../../writers/listWorkbook.ts';
import { EVALUATION_GRADES, type SelfEvaluation } from '../../core/selfEvaluation.ts';
import { selfEvaluationSchema } from '../../format/selfEvaluationSchema.ts';
import { fillEvaluationFrom } from '../../core/evaluation/prefill.ts';
import { sniffFormat } from '../../readers/importSource.ts';
import { fileRefused, readOffThread } from '../import/importPool.ts';
import { AppError } from '../appError.ts';
import { attachment, UPLOAD_BODY_LIMIT } from './downloads.ts';
import { importFileBody, saveBody } from './versionBodies.ts';
import type { Store } from '../../store/openStore.ts';
import { writePdf } from '../../writers/pdfWriter.ts';
import { writeWorkbook } from '../../writers/workbookWriter.ts';
import { optionalActor, requireActor } from '../context.ts';
import { createEvaluation, evaluationOverview, getEvaluation, owedEvaluations, publishedEvaluations, updateEvaluation } from '../services/evaluations.ts';

const id = z.object({ id: z.string().min(1).max(100) });
const year = z.coerce.number().int().min(2000).max(2100);


function fileName(e: SelfEvaluation, extension: string): string {
  return `${e.year ?? ''}-${e.projectName ?? e.department ?? '部门'}-${e.title ?? '绩效自评表'}.${extension}`.replace(/[/\\:*?"<>|\r\n]/g, '_');
}

export function evaluationRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Versions, comments and steps: the handlers every kind shares, on the self-evaluations' older path.
  sharedDocumentRoutes(app, store, { base: '/api/v1/evaluations', kinds: ['self-evaluation'], tag: 'evaluations', deprecated: true, noun: ['Evaluation', 'Evaluations'], skip: ['delete', 'version-name', 'version-restore'] });

  r.get('/api/v1/evaluations/owed', { schema: { operationId: 'listOwedEvaluations', response: { 200: z.object({ items: z.array(owedEvaluationSchema) }) }, tags: ['evaluations'], summary: "The approved target forms of a year the user's department owes a self-evaluation on, with the ones begun", querystring: z.object({ year }) } }, async (request) => ({
    items: await owedEvaluations(store.db, requireActor(request), request.query.year),
  }));

  r.post(
    '/api/v1/evaluations',
    { schema: { operationId: 'createEvaluation', response: { 201: evaluationViewSchema }, tags: ['evaluations'], summary: "Start the self-evaluation of an approved or published target form (409 otherwise), prefilled from its targets and the year's last monitoring round", body: z.object({ targetId: z.string().min(1).max(100) }).strict() } },
    async (request, reply) => {
      const actor = requireActor(request);
      const evaluationId = await store.db.transaction().execute((trx) => createEvaluation(trx, actor, request.body));
      reply.status(201);
      return getEvaluation(store.db, actor, evaluationId);
    },
  );

  r.get(
    '/api/v1/evaluations/overview',
    {
      schema: { operationId: 'getEvaluationOverview', response: { 200: evaluationOverviewSchema },
        tags: ['evaluations'],
        summary: "The reviewer's overview of a year: counts by grade and state, every department's and project's total, grade and execution rate, execution by department",
        querystring: z.object({
          year,
          grade: z.enum([...EVALUATION_GRADES, 'none'] as ['优', '良', '中', '差', 'none']).optional(),
          state: z.enum(EVALUATION_STATES as ['draft', 'submitted', 'returned', 'accepted', 'published']).optional(),
          q: z.string().max(100).optional(),
          sort: z.enum(['total', 'department', 'execution', 'updated']).default('total'),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => evaluationOverview(store.db, requireActor(request), request.query),
  );

  r.get(
    '/api/v1/evaluations/overview.xlsx',
    { schema: { operationId: 'downloadEvaluationOverviewXlsx', response: { 200: fileResponse('The overview, Excel', XLSX) }, tags: ['evaluations'], summary: "The year's self-evaluations as an Excel sheet, lowest total first (reviewers, admins), with the overview's filters", querystring: z.object({ year, grade: z.enum([...EVALUATION_GRADES, 'none'] as ['优', '良', '中', '差', 'none']).optional(), state: z.enum(EVALUATION_STATES as ['draft', 'submitted', 'returned', 'accepted', 'published']).optional(), q: z.string().max(100).optional() }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      const items: EvaluationSummary[] = [];
      for (let page = 1; page <= 200; page++) {
        const chunk = await evaluationOverview(store.db, actor, { ...request.query, sort: 'total', page, pageSize: 200 });
        items.push(...chunk.items);
        if (chunk.items.length < 200) break;
      }
      const xlsx = await writeListWorkbook<EvaluationSummary>('绩效自评', [
        { header: '年度', width: 8, value: (e) => e.year },
        { header: '部门', width: 34, value: (e) => e.departmentName },
        { header: '自评对象', width: 34, value: (e) => e.projectName ?? '部门整体' },
        { header: '状态', width: 10, value: (e) => EVALUATION_STATE_NAMES[e.state].zh },
        { header: '总分', width: 10, value: (e) => e.total, amount: true },
        { header: '等级', width: 8, value: (e) => e.grade ?? '' },
        { header: '预算执行率（%）', width: 14, value: (e) => e.executionRate, amount: true },
        { header: '更新时间', width: 18, value: (e) => e.updatedAt, date: true },
      ], items);
      const q = request.query;
      attachment(reply, `${q.year}年绩效自评${[q.grade ? (q.grade === 'none' ? '未评' : q.grade) : '', q.state ? EVALUATION_STATE_NAMES[q.state].zh : '', q.q ? `含「${q.q}」` : ''].filter(Boolean).map((p) => `-${p}`).join('')}.xlsx`);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    },
  );

  // A published self-evaluation is public, as its target form is: the public reads it without signing in.
  r.get('/api/v1/evaluations/:id', { schema: { operationId: 'getEvaluation', response: { 200: evaluationViewSchema }, security: ANYONE_OR_SIGNED_IN, tags: ['evaluations'], summary: 'A self-evaluation: its values, computed scores, findings and what the user may do (see /api/v1/documents/:id)', params: id, deprecated: true } }, async (request) => getEvaluation(store.db, optionalActor(request), request.params.id));

  r.put(
    '/api/v1/evaluations/:id',
    {
      schema: { operationId: 'saveEvaluation', response: { 200: evaluationViewSchema.extend({ savedVersion: z.number().int() }) },
        tags: ['evaluations'],
        summary: "Save the department's values as a new version (names, targets and points stay the target form's; scores are computed; 409 on a stale baseVersion)",
        params: id,
        body: saveBody(selfEvaluationSchema),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const version = await store.db.transaction().execute((trx) => updateEvaluation(trx, actor, request.params.id, request.body));
      return { ...(await getEvaluation(store.db, actor, request.params.id)), savedVersion: version };
    },
  );

  r.post(
    '/api/v1/evaluations/:id/import',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { operationId: 'importEvaluation', response: { 200: evaluationViewSchema.extend({ savedVersion: z.number().int(), matched: z.number().int(), unmatched: z.array(z.unknown()) }), 422: errorResponse(422) },
        tags: ['evaluations'],
        summary: 'Fill the self-evaluation from its table filled offline (Excel, PDF, Word, web page, text): indicators matched by name, the unmatched listed',
        params: id,
        body: importFileBody,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const current = await getEvaluation(store.db, actor, request.params.id);
      const name = request.body.file.name;
      const bytes = new Uint8Array(Buffer.from(request.body.file.data, 'base64'));
      const format = sniffFormat(bytes);
      // Read on a worker thread: a large or hostile file never holds up the other requests.
      const read = await readOffThread({ kind: 'self-evaluation', bytes, format });
      if (!read.ok) throw fileRefused(name, read);
      const outcome = read.outcome;
      if (!outcome.ok) throw new AppError(400, 'not-a-self-evaluation', `${name}：${outcome.message.zh}`, `${name}: ${outcome.message.en}`, [{ field: 'file', message: outcome.message.en }]);
      const filled = fillEvaluationFrom(current.content, outcome.evaluation);
      if (filled.matched === 0) throw new AppError(400, 'nothing-matched', `${name} 中的指标与本自评表的指标没有一项同名`, `no indicator of ${name} has the name of one of this self-evaluation's`, [{ field: 'file', message: 'no indicator matched' }], { unmatched: filled.unmatched });
      const version = await store.db.transaction().execute((trx) => updateEvaluation(trx, actor, request.params.id, { baseVersion: request.body.baseVersion, content: filled.evaluation, note: `由 ${name} 导入 (imported)` }));
      return { ...(await getEvaluation(store.db, actor, request.params.id)), savedVersion: version, matched: filled.matched, unmatched: filled.unmatched };
    },
  );

  for (const [prefix, tag] of [['/api/v1/evaluations', 'evaluations'], ['/api/v1/public/evaluations', 'public']] as const) {
    const publicOnly = tag === 'public';
    const noun = publicOnly ? 'PublicEvaluation' : 'Evaluation';
    const security = publicOnly ? PUBLIC : ANYONE_OR_SIGNED_IN;
    r.get(`${prefix}/:id.pdf`, { schema: { operationId: `download${noun}Pdf`, tags: [tag], summary: 'The scored self-evaluation table, PDF', params: id, response: { 200: fileResponse('The self-evaluation table, PDF', PDF) }, security } }, async (request, reply) => {
      const view = await getEvaluation(store.db, publicOnly ? null : optionalActor(request), request.params.id);
      const pdf = await writePdf([view.content]);
      attachment(reply, fileName(view.content, 'pdf'));
      return reply.type('application/pdf').send(pdf);
    });
    r.get(`${prefix}/:id.xlsx`, { schema: { operationId: `download${noun}Xlsx`, tags: [tag], summary: 'The scored self-evaluation table, Excel', params: id, response: { 200: fileResponse('The self-evaluation table, Excel', XLSX) }, security } }, async (request, reply) => {
      const view = await getEvaluation(store.db, publicOnly ? null : optionalActor(request), request.params.id);
      const xlsx = await writeWorkbook([view.content]);
      attachment(reply, fileName(view.content, 'xlsx'));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    });
  }

  r.get('/api/v1/public/evaluations', { schema: { operationId: 'listPublicEvaluations', response: { 200: z.object({ items: z.array(evaluationSummarySchema), total: z.number().int() }) }, security: PUBLIC, tags: ['public'], summary: 'Published self-evaluations (no sign-in)', querystring: z.object({ year: year.optional(), q: z.string().max(100).optional(), page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) }) } }, async (request) =>
    publishedEvaluations(store.db, request.query),
  );

  r.get('/api/v1/public/evaluations/:id', { schema: { operationId: 'getPublicEvaluation', response: { 200: evaluationViewSchema }, security: PUBLIC, tags: ['public'], summary: 'A published self-evaluation (no sign-in)', params: id } }, async (request) => {
    const view = await getEvaluation(store.db, null, request.params.id);
    return { ...view, allowedActions: [], canEdit: false, canComment: false };
  });
}
