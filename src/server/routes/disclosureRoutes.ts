/**
 * 信息公开: a region's year of disclosure (deadlines, what is late, the reasons, each department's
 * share against the goal), a department's reason for a form it does not publish, and — for anyone,
 * signed in or not — what each department published and when.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DISCLOSED_KINDS } from '../../core/disclosure/disclosure.ts';
import type { Store } from '../../store/openStore.ts';
import { requireActor } from '../context.ts';
import { disclosureOverview, publishedByDepartment, recordReason } from '../services/disclosure.ts';

const tag = 'disclosure';
const id = z.string().min(1).max(100);
const year = z.coerce.number().int().min(2000).max(2100);

const rulesSchema = z.object({ days: z.number(), goalPercent: z.number(), budgetApproved: z.string().nullable(), accountsApproved: z.string().nullable() });
const formSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  kind: z.enum(DISCLOSED_KINDS),
  projectName: z.string().nullable(),
  state: z.string(),
  decidedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  reason: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(['on-time', 'late', 'overdue', 'pending']),
  reasonMissing: z.boolean(),
});
const departmentSchema = z.object({ departmentId: z.string(), departmentName: z.string(), forms: z.number(), published: z.number(), onTime: z.number(), late: z.number(), overdue: z.number(), reasonsMissing: z.number(), projectForms: z.number(), projectPublished: z.number(), share: z.string().nullable(), meetsGoal: z.boolean() });

export function disclosureRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/disclosure',
    {
      schema: {
        tags: [tag],
        operationId: 'getDisclosure',
        summary: "A region's year of disclosure (reviewers and admins within their region; a department its own): each form's deadline and status, the reasons recorded, and per department the share of project forms published against the goal",
        querystring: z.object({ regionId: id.optional(), year }),
        response: { 200: z.object({ regionId: z.string(), year: z.number(), today: z.string(), rules: rulesSchema, departments: z.array(departmentSchema), forms: z.array(formSchema) }) },
      },
    },
    async (request) => disclosureOverview(store.db, requireActor(request), request.query),
  );

  r.put(
    '/api/v1/disclosure/reasons/:documentId',
    {
      schema: {
        tags: [tag],
        operationId: 'recordNonDisclosureReason',
        summary: "Record why a form is not published (非公开原因): the form's department, while it is unpublished; audited",
        params: z.object({ documentId: id }),
        body: z.object({ reason: z.string().trim().min(1, '须写明非公开原因').max(2000) }).strict(),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await store.db.transaction().execute((trx) => recordReason(trx, actor, request.params.documentId, request.body.reason));
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/public/disclosure',
    {
      schema: {
        tags: [tag],
        operationId: 'listPublishedByDepartment',
        summary: 'What each department of a region published of a year, and when (public: no sign-in)',
        querystring: z.object({ regionId: id, year }),
        response: { 200: z.object({ departments: z.array(z.object({ departmentId: z.string(), departmentName: z.string(), published: z.array(z.object({ id: z.string(), kind: z.enum(DISCLOSED_KINDS), projectName: z.string().nullable(), title: z.string().nullable(), publishedAt: z.string() })) })) }) },
      },
    },
    async (request) => ({ departments: await publishedByDepartment(store.db, request.query.regionId, request.query.year) }),
  );
}
