/** Organisations, users and the audit log: administration. */
import { disclosureSettingsSchema, rectificationSettingsSchema } from '../../format/disclosureSettingsSchema.ts';
import { leagueConfigSchema } from '../../format/resultsSchema.ts';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntrySchema, auditVerificationSchema, createdIdSchema, directoryImportSchema, okSchema, regionNodeSchema, tokenViewSchema, userViewSchema } from '../../format/apiSchemas.ts';
import { CSV, NDJSON, fileResponse } from '../contract/files.ts';
import { errorResponse } from '../contract/errors.ts';
import { monitoringConfigSchema } from '../../format/monitoringConfigSchema.ts';
import { scoringConfigSchema } from '../../format/scoringConfigSchema.ts';
import { assessmentSettingsSchema } from '../../format/assessmentSettingsSchema.ts';
import { canDo, type Actor } from '../../core/policy.ts';
import type { Database } from '../../store/schema.ts';
import { eachAuditEntry, listAudit, verifyAudit } from '../../store/auditLog.ts';
import type { Store } from '../../store/openStore.ts';
import { forbidden } from '../appError.ts';
import { forgetTokenUsers, optionalActor, requireActor } from '../context.ts';
import { createUser, listApiTokens, listUsers, updateUser, USERNAME_PATTERN } from '../services/accounts.ts';
import { auditCsvHeader, auditCsvRow, presentAudit } from '../services/auditPresenter.ts';
import { createDepartment, createRegion, directoryChanged, regionTree, updateDepartment, updateRegion } from '../services/organisations.ts';
import { writeBackup } from '../../store/backup.ts';
import { importDirectory } from '../services/directoryImport.ts';
import { managedUserIds, requireManagesDepartment, requireManagesPlacement, requireManagesRegion, requireManagesUser } from '../services/adminScope.ts';
import { sniffFormat } from '../../readers/importSource.ts';
import { fileRefused, readOffThread } from '../import/importPool.ts';
import { UPLOAD_BODY_LIMIT, uploadedFile } from './downloads.ts';
import { AppError } from '../appError.ts';

const roleSchema = z.enum(['editor', 'approver', 'reviewer', 'admin', 'expert', 'agency']);
const entityId = z.string().min(1).max(100);
const name = z.string().trim().min(1).max(100);

const auditFilter = z.object({
  actorId: entityId.optional(),
  entity: z.string().max(40).optional(),
  entityId: entityId.optional(),
  action: z.string().max(60).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

export function adminRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** A change to the regions and departments by one who may manage them, in one transaction; the directory's readers are told after it. */
  const changeOrganisations = async <T>(request: FastifyRequest, change: (trx: Transaction<Database>, actor: Actor) => Promise<T>): Promise<T> => {
    const actor = requireActor(request);
    if (!canDo(actor, 'manage-organisations')) throw forbidden();
    const result = await store.db.transaction().execute((trx) => change(trx, actor));
    directoryChanged(store.db);
    return result;
  };

  r.get('/api/v1/organisations', { schema: { operationId: 'listOrganisations', response: { 200: z.object({ regions: z.array(regionNodeSchema) }) }, tags: ['organisations'], summary: 'Regions and their departments, as a tree' } }, async (request) => {
    optionalActor(request);
    return { regions: await regionTree(store.db) };
  });

  r.post(
    '/api/v1/organisations/regions',
    { schema: { operationId: 'createRegion', response: { 201: createdIdSchema }, tags: ['organisations'], summary: 'Create a region (admin; a bureau admin only below its own region)', body: z.object({ name, level: z.enum(['province', 'city', 'district', 'county']), parentId: entityId.nullable() }) } },
    async (request, reply) => {
      const id = await changeOrganisations(request, async (trx, actor) => {
        await requireManagesRegion(trx, actor, request.body.parentId, 'parentId');
        return createRegion(trx, actor.id, request.body);
      });
      reply.status(201);
      return { id };
    },
  );

  r.patch(
    '/api/v1/organisations/regions/:id',
    {
      schema: { operationId: 'updateRegion', response: { 200: okSchema },
        tags: ['organisations'],
        summary: "Rename a region or change its bureau's settings (admin)",
        params: z.object({ id: entityId }),
        body: z.object({ name: name.optional(), settings: z.object({ blockSubmitOnErrors: z.boolean().optional(), monitoring: monitoringConfigSchema.optional(), scoring: scoringConfigSchema.optional(), assessment: assessmentSettingsSchema.optional(), rectification: rectificationSettingsSchema.optional(), disclosure: disclosureSettingsSchema.optional(), league: leagueConfigSchema.optional() }).strict().optional() }).strict(),
      },
    },
    async (request) => {
      await changeOrganisations(request, async (trx, actor) => {
        await requireManagesRegion(trx, actor, request.params.id, 'id');
        await updateRegion(trx, actor.id, request.params.id, request.body);
      });
      return { ok: true };
    },
  );

  r.patch(
    '/api/v1/organisations/departments/:id',
    { schema: { operationId: 'updateDepartment', response: { 200: okSchema }, tags: ['organisations'], summary: 'Rename, archive, restore or move a department to another region (admin); its forms stay with it', params: z.object({ id: entityId }), body: z.object({ name: name.optional(), archived: z.boolean().optional(), regionId: entityId.optional() }).strict() } },
    async (request) => {
      await changeOrganisations(request, async (trx, actor) => {
        await requireManagesDepartment(trx, actor, request.params.id);
        if (request.body.regionId !== undefined) await requireManagesRegion(trx, actor, request.body.regionId);
        await updateDepartment(trx, actor.id, request.params.id, request.body);
      });
      return { ok: true };
    },
  );

  r.post(
    '/api/v1/organisations/departments',
    { schema: { operationId: 'createDepartment', response: { 201: createdIdSchema }, tags: ['organisations'], summary: 'Create a department (admin)', body: z.object({ name, regionId: entityId }) } },
    async (request, reply) => {
      const id = await changeOrganisations(request, async (trx, actor) => {
        await requireManagesRegion(trx, actor, request.body.regionId);
        return createDepartment(trx, actor.id, request.body);
      });
      reply.status(201);
      return { id };
    },
  );

  r.post(
    '/api/v1/organisations/import',
    {
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: { operationId: 'importOrganisations', response: { 200: directoryImportSchema, 422: errorResponse(422) },
        tags: ['organisations'],
        summary: 'Departments and users from a sheet (.xlsx, .xls, CSV): the plan row by row with every problem; with commit, all rows stored or none (admin)',
        body: z.object({ file: uploadedFile, commit: z.boolean().default(false) }).strict(),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-organisations') || !canDo(actor, 'manage-users')) throw forbidden();
      const { name } = request.body.file;
      const bytes = new Uint8Array(Buffer.from(request.body.file.data, 'base64'));
      let format = sniffFormat(bytes);
      // A CSV is text: told by its name or its commas.
      if (format === 'text' && (/\.csv$/i.test(name) || /,|\t/.test(Buffer.from(bytes.slice(0, 2000)).toString('utf8')))) format = 'csv';
      if (format !== 'xlsx' && format !== 'xls' && format !== 'csv') throw new AppError(400, 'unreadable', `${name}：请上传 Excel（.xlsx、.xls）或 CSV 表格`, `${name}: upload an Excel (.xlsx, .xls) or CSV sheet`, [{ field: 'file', message: 'not a sheet' }]);
      // Read on a worker thread: a large or hostile sheet never holds up the other requests.
      const read = await readOffThread({ kind: 'tables', bytes, format });
      if (!read.ok) throw fileRefused(name, read);
      const tables = read.tables;
      return importDirectory(store.db, actor, tables, request.body.commit);
    },
  );

  r.get('/api/v1/users', { schema: { operationId: 'listUsers', response: { 200: z.object({ users: z.array(userViewSchema) }) }, tags: ['users'], summary: 'All users (admin; a bureau admin sees those of its region and below)' } }, async (request) => {
    const actor = requireActor(request);
    if (!canDo(actor, 'manage-users')) throw forbidden();
    const managed = await managedUserIds(store.db, actor);
    const users = await listUsers(store.db);
    return { users: managed === null ? users : users.filter((u) => managed.includes(u.id)) };
  });

  r.post(
    '/api/v1/users',
    {
      schema: { operationId: 'createUser', response: { 201: z.object({ user: userViewSchema }) },
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: z.object({
          username: z.string().regex(USERNAME_PATTERN, 'letters, digits, _ . - (2–64)'),
          displayName: name,
          password: z.string().min(1).max(200),
          role: roleSchema,
          departmentId: entityId.nullable().default(null),
          regionId: entityId.nullable().default(null),
          email: z.string().max(254).nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-users')) throw forbidden();
      const user = await store.db.transaction().execute(async (trx) => {
        await requireManagesPlacement(trx, actor, request.body);
        return createUser(trx, actor.id, request.body);
      });
      reply.status(201);
      return { user };
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: { operationId: 'updateUser', response: { 200: z.object({ user: userViewSchema }) },
        tags: ['users'],
        summary: "Disable or enable a user, rename, reset the password, or change the role, department or region (admin); a reset or disabling ends the user's sessions and tokens",
        params: z.object({ id: entityId }),
        body: z
          .object({
            disabled: z.boolean().optional(),
            displayName: name.optional(),
            password: z.string().min(1).max(200).optional(),
            role: roleSchema.optional(),
            departmentId: entityId.nullable().optional(),
            regionId: entityId.nullable().optional(),
            email: z.string().max(254).nullable().optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-users')) throw forbidden();
      const user = await store.db.transaction().execute(async (trx) => {
        const current = await requireManagesUser(trx, actor, request.params.id);
        const { role, departmentId, regionId } = request.body;
        if (role !== undefined || departmentId !== undefined || regionId !== undefined) {
          await requireManagesPlacement(trx, actor, { role: role ?? current.role, departmentId: departmentId !== undefined ? departmentId : current.departmentId, regionId: regionId !== undefined ? regionId : current.regionId });
        }
        return updateUser(trx, actor.id, request.params.id, request.body);
      });
      forgetTokenUsers();
      return { user };
    },
  );

  r.get(
    '/api/v1/users/:id/tokens',
    { schema: { operationId: 'listUserTokens', response: { 200: z.object({ tokens: z.array(tokenViewSchema) }) }, tags: ['users'], summary: "A user's API tokens (admin)", params: z.object({ id: entityId }) } },
    async (request) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'manage-users')) throw forbidden();
      await requireManagesUser(store.db, actor, request.params.id);
      return { tokens: await listApiTokens(store.db, request.params.id) };
    },
  );

  r.get(
    '/api/v1/audit',
    {
      schema: { operationId: 'listAuditEntries', response: { 200: z.object({ entries: z.array(auditEntrySchema), total: z.number().int() }) },
        tags: ['audit'],
        summary: 'The audit log, newest first, with people, forms and actions named (admin)',
        querystring: auditFilter.extend({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'read-audit')) throw forbidden();
      const { page, pageSize, ...filter } = request.query;
      const { entries, total } = await listAudit(store.db, { ...filter, limit: pageSize, offset: (page - 1) * pageSize });
      return { entries: await presentAudit(store.db, entries), total };
    },
  );

  r.get(
    '/api/v1/audit.csv',
    { schema: { operationId: 'downloadAuditCsv', response: { 200: fileResponse('The audit log as CSV', CSV) }, tags: ['audit'], summary: 'The audit log as CSV (UTF-8 with BOM, for Excel and WPS), filtered like the list (admin)', querystring: auditFilter.extend({ lang: z.enum(['zh', 'en']).default('zh') }) } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!canDo(actor, 'read-audit')) throw forbidden();
      const { lang, ...filter } = request.query;
      const db = store.db;
      // Streamed a page at a time: the log grows without bound.
      async function* lines() {
        yield `\uFEFF${auditCsvHeader(lang)}\r\n`;
        let batch = [];
        for await (const entry of eachAuditEntry(db, filter)) {
          batch.push(entry);
          if (batch.length === 500) {
            for (const row of await presentAudit(db, batch)) yield `${auditCsvRow(row, lang)}\r\n`;
            batch = [];
          }
        }
        for (const row of await presentAudit(db, batch)) yield `${auditCsvRow(row, lang)}\r\n`;
      }
      const stamp = new Date().toISOString().slice(0, 10);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="jixiao-audit-${stamp}.csv"`).send(Readable.from(lines()));
    },
  );

  r.get('/api/v1/audit/verify', { schema: { operationId: 'verifyAuditChain', response: { 200: auditVerificationSchema }, tags: ['audit'], summary: 'Verify the hash chain of the audit log (admin)' } }, async (request) => {
    const actor = requireActor(request);
    if (!canDo(actor, 'read-audit')) throw forbidden();
    return verifyAudit(store.db);
  });

  r.get('/api/v1/admin/backup', { schema: { operationId: 'downloadBackup', response: { 200: fileResponse('The whole store as JSON Lines', NDJSON) }, tags: ['admin'], summary: 'A consistent logical backup of the whole store, streamed as JSON Lines (admin)' } }, async (request, reply) => {
    const actor = requireActor(request);
    if (!canDo(actor, 'backup')) throw forbidden();
    const out = new PassThrough();
    // Written as it is read, with back-pressure: the backup of a large store never sits in memory.
    writeBackup(store.db, async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    }).then(
      () => out.end(),
      (error: unknown) => {
        request.log.error({ err: error }, 'backup failed');
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
    const stamp = new Date().toISOString().slice(0, 10);
    return reply.type('application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="jixiao-backup-${stamp}.jsonl"`).send(out);
  });
}
