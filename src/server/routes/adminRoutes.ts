/** Organisations, users and the audit log: administration. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canDo } from '../../core/policy.ts';
import { listAudit, verifyAudit } from '../../store/auditLog.ts';
import type { Store } from '../../store/openStore.ts';
import { forbidden } from '../appError.ts';
import { forgetTokenUsers, optionalActor, requireActor } from '../context.ts';
import { createUser, listUsers, updateUser } from '../services/accounts.ts';
import { createDepartment, createRegion, regionTree } from '../services/organisations.ts';
import { exportBackup } from '../../store/backup.ts';

const roleSchema = z.enum(['editor', 'approver', 'reviewer', 'admin']);

export function adminRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/organisations', { schema: { tags: ['organisations'], summary: 'Regions and their departments, as a tree' } }, async (request) => {
    optionalActor(request);
    return { regions: await regionTree(store.db) };
  });

  r.post(
    '/api/v1/organisations/regions',
    { schema: { tags: ['organisations'], summary: 'Create a region (admin)', body: z.object({ name: z.string().min(1).max(100), level: z.enum(['province', 'city', 'district', 'county']), parentId: z.string().nullable() }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-organisations')) throw forbidden();
      const id = await store.db.transaction().execute((trx) => createRegion(trx, actor.id, request.body));
      reply.status(201);
      return { id };
    },
  );

  r.post(
    '/api/v1/organisations/departments',
    { schema: { tags: ['organisations'], summary: 'Create a department (admin)', body: z.object({ name: z.string().min(1).max(100), regionId: z.string().min(1) }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-organisations')) throw forbidden();
      const id = await store.db.transaction().execute((trx) => createDepartment(trx, actor.id, request.body));
      reply.status(201);
      return { id };
    },
  );

  r.get('/api/v1/users', { schema: { tags: ['users'], summary: 'All users (admin)' } }, async (request) => {
    const actor = requireActor(request);
    if (!canDo(actor, 'manage-users')) throw forbidden();
    return { users: await listUsers(store.db) };
  });

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: z.object({
          username: z.string().regex(/^[A-Za-z0-9_.-]{2,64}$/, 'letters, digits, _ . - (2–64)'),
          displayName: z.string().min(1).max(100),
          password: z.string().min(10, 'at least 10 characters').max(200),
          role: roleSchema,
          departmentId: z.string().nullable().default(null),
          regionId: z.string().nullable().default(null),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-users')) throw forbidden();
      const user = await store.db.transaction().execute((trx) => createUser(trx, actor.id, request.body));
      reply.status(201);
      return { user };
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Disable a user, rename, or reset the password (admin)',
        params: z.object({ id: z.string() }),
        body: z.object({ disabled: z.boolean().optional(), displayName: z.string().min(1).max(100).optional(), password: z.string().min(10).max(200).optional() }).strict(),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-users')) throw forbidden();
      const user = await store.db.transaction().execute((trx) => updateUser(trx, actor.id, request.params.id, request.body));
      forgetTokenUsers();
      return { user };
    },
  );

  r.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (admin)',
        querystring: z.object({
          actorId: z.string().optional(),
          entity: z.string().optional(),
          entityId: z.string().optional(),
          action: z.string().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'read-audit')) throw forbidden();
      const { page, pageSize, ...filter } = request.query;
      return listAudit(store.db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
    },
  );

  r.get('/api/v1/audit/verify', { schema: { tags: ['audit'], summary: 'Verify the hash chain of the audit log (admin)' } }, async (request) => {
    const actor = requireActor(request);
    if (!canDo(actor, 'read-audit')) throw forbidden();
    return verifyAudit(store.db);
  });

  r.get('/api/v1/admin/backup', { schema: { tags: ['admin'], summary: 'A consistent logical backup of the whole store (admin)' } }, async (request) => {
    const actor = requireActor(request);
    if (!canDo(actor, 'backup')) throw forbidden();
    return exportBackup(store.db);
  });
}
