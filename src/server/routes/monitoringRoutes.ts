/** In-year monitoring: rounds, the reports departments owe, their workflow, comments, versions, documents. */
import { sharedDocumentRoutes } from './documentRoutes.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportSummarySchema, reportViewSchema, roundOverviewSchema, roundViewSchema } from '../../format/apiSchemas.ts';
import { PDF, XLSX, fileResponse } from '../contract/files.ts';
import { errorResponse } from '../contract/errors.ts';
import { LIGHT_NAMES, LIGHTS, type MonitoringReport } from '../../core/monitoringReport.ts';
import type { ReportSummary } from '../../format/apiTypes.ts';
import { writeListWorkbook } from '../../writers/listWorkbook.ts';
import { fillFrom } from '../../core/monitoring/prefill.ts';
import { REPORT_STATE_NAMES, REPORT_STATES } from '../../core/monitoring/reportWorkflow.ts';
import { monitoringReportSchema } from '../../format/monitoringReportSchema.ts';
import { sniffFormat } from '../../readers/importSource.ts';
import { fileRefused, readOffThread } from '../import/importPool.ts';
import type { Store } from '../../store/openStore.ts';
import { writePdf } from '../../writers/pdfWriter.ts';
import { writeWorkbook } from '../../writers/workbookWriter.ts';
import { AppError } from '../appError.ts';
import { attachment, UPLOAD_BODY_LIMIT } from './downloads.ts';
import { importFileBody, saveBody } from './versionBodies.ts';
import { requireActor } from '../context.ts';
import {
  createReport,
  departmentReports,
  getReport,
  listRounds,
  openRound,
  roundOverview,
  updateReport,
} from '../services/monitoring.ts';

const id = z.object({ id: z.string().min(1).max(100) });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const year = z.coerce.number().int().min(2000).max(2100);


function reportFileName(report: MonitoringReport, extension: string): string {
  return `${report.year ?? ''}-${report.projectName ?? report.department ?? '部门'}-${report.round.name}-${report.title ?? '绩效运行监控表'}.${extension}`.replace(/[/\\:*?"<>|\r\n]/g, '_');
}

export function monitoringRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Versions, comments and steps: the handlers every kind shares, on the reports' older path.
  sharedDocumentRoutes(app, store, { base: '/api/v1/monitoring/reports', kinds: ['monitoring-report'], tag: 'monitoring', deprecated: true, noun: ['Report', 'Reports'], skip: ['delete', 'version-name', 'version-restore'] });

  r.get('/api/v1/monitoring/rounds', { schema: { operationId: 'listRounds', response: { 200: z.object({ rounds: z.array(roundViewSchema) }) }, tags: ['monitoring'], summary: 'The monitoring rounds the user takes part in, newest cutoff first, with the reports their department owes', querystring: z.object({ year: year.optional() }) } }, async (request) => ({
    rounds: await listRounds(store.db, requireActor(request), request.query),
  }));

  r.post(
    '/api/v1/monitoring/rounds',
    {
      schema: { operationId: 'createRound', response: { 201: z.object({ id: z.string(), reports: z.number().int().describe('the reports made for it') }) },
        tags: ['monitoring'],
        summary: "Open a round for a region and year (admin, or a reviewer of the region): every approved target form there gets a report, prefilled from its targets",
        body: z.object({ regionId: z.string().min(1).max(100), year: z.number().int().min(2000).max(2100), name: z.string().trim().min(1).max(100), through: date, due: date }).strict(),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const opened = await store.db.transaction().execute((trx) => openRound(trx, actor, request.body));
      reply.status(201);
      return opened;
    },
  );

  r.get(
    '/api/v1/monitoring/rounds/:id',
    {
      schema: { operationId: 'getRoundOverview', response: { 200: roundOverviewSchema },
        tags: ['monitoring'],
        summary: "The round page (reviewers, admins): counts by light and state, the reports red first, budget execution per department, overdue reports",
        params: id,
        querystring: z.object({
          light: z.enum([...LIGHTS, 'none']).optional(),
          state: z.enum(REPORT_STATES as ['draft', 'submitted', 'returned', 'accepted']).optional(),
          q: z.string().max(100).optional(),
          sort: z.enum(['light', 'department', 'execution', 'updated']).default('light'),
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => roundOverview(store.db, requireActor(request), request.params.id, request.query),
  );

  r.get(
    '/api/v1/monitoring/rounds/:id/reports.xlsx',
    { schema: { operationId: 'downloadRoundReportsXlsx', response: { 200: fileResponse('The round’s reports, Excel', XLSX) }, tags: ['monitoring'], summary: "The round's reports as an Excel sheet, red first (reviewers, admins), with the page's filters", params: id, querystring: z.object({ light: z.enum([...LIGHTS, 'none']).optional(), state: z.enum(REPORT_STATES as ['draft', 'submitted', 'returned', 'accepted']).optional(), q: z.string().max(100).optional() }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      const items: ReportSummary[] = [];
      for (let page = 1; page <= 200; page++) {
        const chunk = await roundOverview(store.db, actor, request.params.id, { ...request.query, sort: 'light', page, pageSize: 200 });
        items.push(...chunk.items);
        if (chunk.items.length < 200) break;
      }
      const light = (l: string | null) => (l ? LIGHT_NAMES[l as keyof typeof LIGHT_NAMES].zh : '');
      const xlsx = await writeListWorkbook<ReportSummary>('运行监控', [
        { header: '部门', width: 34, value: (r) => r.departmentName },
        { header: '监控对象', width: 34, value: (r) => r.projectName ?? '部门整体' },
        { header: '状态', width: 10, value: (r) => REPORT_STATE_NAMES[r.state].zh },
        { header: '总体', width: 16, value: (r) => light(r.lights.overall) },
        { header: '预算', width: 16, value: (r) => light(r.lights.budget) },
        { header: '指标', width: 16, value: (r) => light(r.lights.indicators) },
        { header: '预算执行率（%）', width: 14, value: (r) => r.executionRate, amount: true },
        { header: '须整改', width: 8, value: (r) => (r.rectificationNeeded ? '是' : '') },
        { header: '更新时间', width: 18, value: (r) => r.updatedAt, date: true },
      ], items);
      // The file says which round it is, and the filters it was exported with.
      const q = request.query;
      const round = (await roundOverview(store.db, actor, request.params.id, { sort: 'light', page: 1, pageSize: 1 })).round;
      attachment(reply, `运行监控-${round.year}年${round.name}${[q.light ? (q.light === 'none' ? '未报送' : LIGHT_NAMES[q.light].zh) : '', q.state ? REPORT_STATE_NAMES[q.state].zh : '', q.q ? `含「${q.q}」` : ''].filter(Boolean).map((p) => `-${p}`).join('')}.xlsx`);
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
    },
  );

  r.get('/api/v1/monitoring/rounds/:id/reports', { schema: { operationId: 'listRoundReports', response: { 200: z.object({ reports: z.array(reportSummarySchema) }) }, tags: ['monitoring'], summary: "The reports the user's department owes in a round (made now for targets approved since it opened)", params: id } }, async (request) => ({
    reports: await departmentReports(store.db, requireActor(request), request.params.id),
  }));

  r.post(
    '/api/v1/monitoring/reports',
    { schema: { operationId: 'createReport', response: { 201: reportViewSchema }, tags: ['monitoring'], summary: 'Make the report of a round for one target form (approved or published only: 409 otherwise)', body: z.object({ roundId: z.string().min(1).max(100), targetId: z.string().min(1).max(100) }).strict() } },
    async (request, reply) => {
      const actor = requireActor(request);
      const reportId = await store.db.transaction().execute((trx) => createReport(trx, actor, request.body));
      reply.status(201);
      return getReport(store.db, actor, reportId);
    },
  );

  r.get('/api/v1/monitoring/reports/:id', { schema: { operationId: 'getReport', response: { 200: reportViewSchema }, tags: ['monitoring'], summary: 'A report: its values, recomputed lights, findings, the rows to explain, and what the user may do', params: id } }, async (request) => getReport(store.db, requireActor(request), request.params.id));

  r.put(
    '/api/v1/monitoring/reports/:id',
    {
      schema: { operationId: 'saveReport', response: { 200: reportViewSchema.extend({ savedVersion: z.number().int() }) },
        tags: ['monitoring'],
        summary: "Save the department's values as a new version (targets and round stay as the target form has them; 409 on a stale baseVersion)",
        params: id,
        body: saveBody(monitoringReportSchema),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const version = await store.db.transaction().execute((trx) => updateReport(trx, actor, request.params.id, request.body));
      return { ...(await getReport(store.db, actor, request.params.id)), savedVersion: version };
    },
  );

  r.post(
    '/api/v1/monitoring/reports/:id/import',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { operationId: 'importReport', response: { 200: reportViewSchema.extend({ savedVersion: z.number().int(), matched: z.number().int(), unmatched: z.array(z.unknown()) }), 422: errorResponse(422) },
        tags: ['monitoring'],
        summary: 'Fill the report from a monitoring table filled offline (Excel, PDF, web page): indicators matched by name, the unmatched listed',
        params: id,
        body: importFileBody,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const current = await getReport(store.db, actor, request.params.id);
      const bytes = new Uint8Array(Buffer.from(request.body.file.data, 'base64'));
      const format = sniffFormat(bytes);
      if (format === 'text') throw new AppError(400, 'unreadable', `${request.body.file.name}：不是 Excel、PDF、Word 或网页文件`, `${request.body.file.name}: not an Excel, PDF, Word or web page file`, [{ field: 'file', message: 'unknown format' }]);
      // Read on a worker thread: a large or hostile file never holds up the other requests.
      const read = await readOffThread({ kind: 'monitoring', bytes, format, through: current.content.round.through });
      if (!read.ok) throw fileRefused(request.body.file.name, read);
      if (!read.report) throw new AppError(400, 'not-a-monitoring-table', `${request.body.file.name} 中没有绩效运行监控表（应有“截至目前完成值”“全年预计完成值”等列）`, `${request.body.file.name} holds no monitoring table (columns such as 截至目前完成值, 全年预计完成值)`, [{ field: 'file', message: 'no monitoring table' }]);
      const filled = fillFrom(current.content, read.report);
      if (filled.matched === 0) throw new AppError(400, 'nothing-matched', `${request.body.file.name} 中的指标与本监控表的指标没有一项同名`, `no indicator of ${request.body.file.name} has the name of one of this report's`, [{ field: 'file', message: 'no indicator matched' }], { unmatched: filled.unmatched });
      const version = await store.db.transaction().execute((trx) => updateReport(trx, actor, request.params.id, { baseVersion: request.body.baseVersion, content: filled.report, note: `由 ${request.body.file.name} 导入 (imported)` }));
      return { ...(await getReport(store.db, actor, request.params.id)), savedVersion: version, matched: filled.matched, unmatched: filled.unmatched };
    },
  );

  r.get('/api/v1/monitoring/reports/:id.pdf', { schema: { operationId: 'downloadReportPdf', response: { 200: fileResponse('The monitoring table, PDF', PDF) }, tags: ['monitoring'], summary: 'The report as the official monitoring table, PDF', params: id } }, async (request, reply) => {
    const view = await getReport(store.db, requireActor(request), request.params.id);
    const pdf = await writePdf([view.content]);
    attachment(reply, reportFileName(view.content, 'pdf'));
    return reply.type('application/pdf').send(pdf);
  });

  r.get('/api/v1/monitoring/reports/:id.xlsx', { schema: { operationId: 'downloadReportXlsx', response: { 200: fileResponse('The monitoring table, Excel', XLSX) }, tags: ['monitoring'], summary: 'The report as the official monitoring table, Excel (to fill offline and import back)', params: id } }, async (request, reply) => {
    const view = await getReport(store.db, requireActor(request), request.params.id);
    const xlsx = await writeWorkbook([view.content]);
    attachment(reply, reportFileName(view.content, 'xlsx'));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx);
  });
}
