/** Background jobs: bulk import of forms (files or zips), export of a region's forms, checking and scoring a year again. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jobViewSchema } from '../../format/apiSchemas.ts';
import { errorResponse } from '../contract/errors.ts';
import { fileResponse, ZIP } from '../contract/files.ts';
import { isSystemAdmin, type Actor } from '../../core/policy.ts';
import type { Store } from '../../store/openStore.ts';
import { AppError } from '../appError.ts';
import { requireActor } from '../context.ts';
import { JOB_KIND_NAMES } from '../jobs/jobKinds.ts';
import { cancelJob, getJob, jobOutput, listJobs } from '../jobs/jobs.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { startExport, startImport, startRescore } from '../jobs/startJobs.ts';
import { attachment, uploadedFile } from './downloads.ts';

const id = z.object({ id: z.string().min(1).max(100) });
const year = z.number().int().min(2000).max(2100);
/** A bulk import through the API is up to about 90 MB of files (base64 in the body); larger folders go through `jixiao jobs import`. */
export const BULK_BODY_LIMIT = 120 * 1024 * 1024;

export function jobRoutes(app: FastifyInstance, store: Store, queue: JobQueue | null): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** Starts a job for the signed-in user and answers its view (202 Accepted). */
  const startJob = async (request: FastifyRequest, reply: FastifyReply, start: (actor: Actor) => Promise<string>) => {
    const actor = requireActor(request);
    // Refused before anything is stored: a job no process runs would wait for ever.
    if (!queue) throw new AppError(503, 'jobs-not-running', '本服务进程不运行后台任务', 'this server process runs no background jobs');
    const jobId = await start(actor);
    await queue.enqueue(jobId);
    reply.status(202);
    return getJob(store.db, actor, jobId);
  };

  r.post(
    '/api/v1/jobs/import-forms',
    {
      bodyLimit: BULK_BODY_LIMIT,
      schema: { operationId: 'startImportFormsJob',
        tags: ['jobs'],
        summary: "Import many published forms (files of any supported format, or .zip files of them) as drafts, in the background. A department's users import into their own department; an admin into the departments of its region, each form matched by the department it names",
        body: z.object({
          files: z.array(uploadedFile).min(1).max(2000),
          year: year.nullable().default(null),
          departmentId: z.string().min(1).max(100).nullable().default(null),
        }).strict(),
        response: { 202: jobViewSchema, 503: errorResponse(503) },
      },
    },
    async (request, reply) => startJob(request, reply, (actor) => startImport(store.db, actor, request.body.files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) })), { year: request.body.year, departmentId: request.body.departmentId })),
  );

  r.post(
    '/api/v1/jobs/export-forms',
    { schema: { operationId: 'startExportFormsJob', tags: ['jobs'], summary: "Export a year's forms the user may see (of a region, for reviewers and admins) as a zip of their canonical JSON, in the background", body: z.object({ year, regionId: z.string().min(1).max(100).nullable().default(null) }).strict(), response: { 202: jobViewSchema, 503: errorResponse(503) } } },
    async (request, reply) => startJob(request, reply, (actor) => startExport(store.db, actor, request.body)),
  );

  r.post(
    '/api/v1/jobs/rescore-year',
    { schema: { operationId: 'startRescoreYearJob', tags: ['jobs'], summary: "Check every form of a year again and score its self-evaluations again with the rules and settings in force now (admins, within their region), in the background", body: z.object({ year, regionId: z.string().min(1).max(100).nullable().default(null) }).strict(), response: { 202: jobViewSchema, 503: errorResponse(503) } } },
    async (request, reply) => startJob(request, reply, (actor) => startRescore(store.db, actor, request.body)),
  );

  r.get('/api/v1/jobs', { schema: { operationId: 'listJobs', tags: ['jobs'], summary: "The user's background jobs with their progress (the system admin: everyone's)", response: { 200: z.object({ jobs: z.array(jobViewSchema), names: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })), systemAdmin: z.boolean() }) } } }, async (request) => {
    const actor = requireActor(request);
    return { jobs: await listJobs(store.db, actor), names: JOB_KIND_NAMES, systemAdmin: isSystemAdmin(actor) };
  });

  r.get('/api/v1/jobs/:id', { schema: { operationId: 'getJob', tags: ['jobs'], summary: 'A job: its progress, result and the items that failed, with why', params: id, response: { 200: jobViewSchema } } }, async (request) => getJob(store.db, requireActor(request), request.params.id));

  r.post('/api/v1/jobs/:id/cancel', { schema: { operationId: 'cancelJob', tags: ['jobs'], summary: 'Stop a job after its current item; what it did stays', params: id, response: { 200: jobViewSchema } } }, async (request) => {
    const actor = requireActor(request);
    await cancelJob(store.db, actor, request.params.id);
    return getJob(store.db, actor, request.params.id);
  });

  r.get('/api/v1/jobs/:id/output', { schema: { operationId: 'downloadJobOutput', tags: ['jobs'], summary: "The file a finished job made (an export's zip)", params: id, response: { 200: fileResponse('The zip a job made', ZIP) } } }, async (request, reply) => {
    const output = await jobOutput(store.db, requireActor(request), request.params.id);
    attachment(reply, `jixiao-${output.kind}-${output.createdAt.slice(0, 10)}.zip`);
    return reply.type('application/zip').send(Buffer.from(output.bytes));
  });
}
