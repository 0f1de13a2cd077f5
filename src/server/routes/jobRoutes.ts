/** Background jobs: bulk import of forms (files or zips), export of a region's forms, checking and scoring a year again. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageRegion, isSystemAdmin, oversightRegion, type Actor } from '../../core/policy.ts';
import type { Store } from '../../store/openStore.ts';
import { AppError, forbidden } from '../appError.ts';
import { requireActor } from '../context.ts';
import { JOB_KIND_NAMES, type JobInput } from '../jobs/jobKinds.ts';
import { cancelJob, createJob, getJob, importItems, jobOutput, listJobs } from '../jobs/jobs.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { visibleDeclarations } from '../services/declarations.ts';
import { departmentWithPath, regionPath, regionSubtree } from '../services/organisations.ts';
import { attachment } from './downloads.ts';

const id = z.object({ id: z.string().min(1).max(100) });
const year = z.number().int().min(2000).max(2100);
/** A bulk import through the API is up to about 90 MB of files (base64 in the body); larger folders go through `jixiao jobs import`. */
export const BULK_BODY_LIMIT = 120 * 1024 * 1024;

async function regionFor(store: Store, actor: Actor, regionId: string | null | undefined): Promise<string | null> {
  const region = regionId ?? oversightRegion(actor);
  if (region === null) return null;
  const path = await regionPath(store.db, region);
  const own = oversightRegion(actor);
  if (own !== null && !path.includes(own)) throw new AppError(403, 'outside-your-region', '不在您负责的区划内', 'outside your region', [{ field: 'regionId', message: 'outside your region' }]);
  return region;
}

export function jobRoutes(app: FastifyInstance, store: Store, queue: JobQueue | null): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const start = async (jobId: string) => {
    if (!queue) throw new AppError(503, 'jobs-not-running', '本服务进程不运行后台任务', 'this server process runs no background jobs');
    await queue.enqueue(jobId);
  };

  r.post(
    '/api/v1/jobs/import-forms',
    {
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        tags: ['jobs'],
        summary: "Import many published forms (files of any supported format, or .zip files of them) as drafts, in the background. A department's users import into their own department; an admin into the departments of its region, each form matched by the department it names",
        body: z.object({
          files: z.array(z.object({ name: z.string().min(1).max(255), data: z.base64().min(1) })).min(1).max(2000),
          year: year.nullable().default(null),
          departmentId: z.string().min(1).max(100).nullable().default(null),
        }).strict(),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      let departmentId = request.body.departmentId;
      let regionId: string | null = null;
      if (actor.role === 'editor' || actor.role === 'approver') {
        if (departmentId !== null && departmentId !== actor.departmentId) throw forbidden();
        departmentId = actor.departmentId;
      } else if (actor.role === 'admin') {
        if (departmentId !== null) {
          const department = await departmentWithPath(store.db, departmentId);
          if (!canManageRegion(actor, department.regionPath)) throw new AppError(403, 'outside-your-region', '不在您管理的区划内', 'outside the region you administer', [{ field: 'departmentId', message: 'outside your region' }]);
        } else regionId = oversightRegion(actor);
      } else throw forbidden();
      const items = importItems(request.body.files.map((f) => ({ name: f.name, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) })));
      const input: JobInput = { kind: 'import-forms', year: request.body.year, departmentId, regionId };
      const jobId = await createJob(store.db, actor, input, items);
      await start(jobId);
      reply.status(202);
      return getJob(store.db, actor, jobId);
    },
  );

  r.post(
    '/api/v1/jobs/export-forms',
    { schema: { tags: ['jobs'], summary: "Export a year's forms the user may see (of a region, for reviewers and admins) as a zip of their canonical JSON, in the background", body: z.object({ year, regionId: z.string().min(1).max(100).nullable().default(null) }).strict() } },
    async (request, reply) => {
      const actor = requireActor(request);
      const regionId = actor.role === 'reviewer' || actor.role === 'admin' ? await regionFor(store, actor, request.body.regionId) : null;
      let query = (await visibleDeclarations(store.db, actor)).where('declarations.year', '=', request.body.year);
      if (regionId) query = query.where('departments.region_id', 'in', await regionSubtree(store.db, regionId));
      const rows = await query.select(['declarations.id', 'departments.name', 'declarations.project_name']).orderBy('departments.name').orderBy('declarations.kind').orderBy('declarations.id').execute();
      const jobId = await createJob(store.db, actor, { kind: 'export-forms', year: request.body.year, regionId }, rows.map((row) => ({ label: `${row.name}${row.project_name ? ` · ${row.project_name}` : ''}`, payload: { declarationId: row.id } })));
      await start(jobId);
      reply.status(202);
      return getJob(store.db, actor, jobId);
    },
  );

  r.post(
    '/api/v1/jobs/rescore-year',
    { schema: { tags: ['jobs'], summary: "Check every form of a year again and score its self-evaluations again with the rules and settings in force now (admins, within their region), in the background", body: z.object({ year, regionId: z.string().min(1).max(100).nullable().default(null) }).strict() } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.role !== 'admin') throw forbidden();
      const regionId = await regionFor(store, actor, request.body.regionId);
      const scope = regionId ? await regionSubtree(store.db, regionId) : null;
      let forms = store.db.selectFrom('declarations').innerJoin('departments', 'departments.id', 'declarations.department_id').select(['declarations.id', 'departments.name', 'declarations.project_name']).where('declarations.year', '=', request.body.year);
      let evaluations = store.db.selectFrom('self_evaluations').innerJoin('departments', 'departments.id', 'self_evaluations.department_id').select(['self_evaluations.id', 'departments.name', 'self_evaluations.project_name']).where('self_evaluations.year', '=', request.body.year);
      if (scope) {
        forms = forms.where('departments.region_id', 'in', scope);
        evaluations = evaluations.where('departments.region_id', 'in', scope);
      }
      const [formRows, evaluationRows] = await Promise.all([forms.orderBy('declarations.id').execute(), evaluations.orderBy('self_evaluations.id').execute()]);
      const items = [
        ...formRows.map((row) => ({ label: `申报表 ${row.name}${row.project_name ? ` · ${row.project_name}` : ''}`, payload: { type: 'declaration' as const, id: row.id } })),
        ...evaluationRows.map((row) => ({ label: `自评 ${row.name}${row.project_name ? ` · ${row.project_name}` : ''}`, payload: { type: 'evaluation' as const, id: row.id } })),
      ];
      const jobId = await createJob(store.db, actor, { kind: 'rescore-year', year: request.body.year, regionId }, items);
      await start(jobId);
      reply.status(202);
      return getJob(store.db, actor, jobId);
    },
  );

  r.get('/api/v1/jobs', { schema: { tags: ['jobs'], summary: "The user's background jobs with their progress (the system admin: everyone's)" } }, async (request) => ({ jobs: await listJobs(store.db, requireActor(request)), names: JOB_KIND_NAMES, systemAdmin: isSystemAdmin(requireActor(request)) }));

  r.get('/api/v1/jobs/:id', { schema: { tags: ['jobs'], summary: 'A job: its progress, result and the items that failed, with why', params: id } }, async (request) => getJob(store.db, requireActor(request), request.params.id));

  r.post('/api/v1/jobs/:id/cancel', { schema: { tags: ['jobs'], summary: 'Stop a job after its current item; what it did stays', params: id } }, async (request) => {
    await cancelJob(store.db, requireActor(request), request.params.id);
    return getJob(store.db, requireActor(request), request.params.id);
  });

  r.get('/api/v1/jobs/:id/output', { schema: { tags: ['jobs'], summary: "The file a finished job made (an export's zip)", params: id } }, async (request, reply) => {
    const output = await jobOutput(store.db, requireActor(request), request.params.id);
    attachment(reply, `jixiao-${output.kind}-${output.createdAt.slice(0, 10)}.zip`);
    return reply.type('application/zip').send(Buffer.from(output.bytes));
  });
}
