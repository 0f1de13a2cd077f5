/** The signed-in user's notifications: list (all or unread), mark one or all read. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notificationViewSchema, okSchema } from '../../format/apiSchemas.ts';
import type { Store } from '../../store/openStore.ts';
import { requireActor } from '../context.ts';
import { listNotifications, markAllRead, markRead } from '../services/notifications.ts';

export function notificationRoutes(app: FastifyInstance, store: Store): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/notifications',
    { schema: { operationId: 'listNotifications', tags: ['notifications'], summary: "The user's notifications, newest first, with the unread count", querystring: z.object({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: z.object({ items: z.array(notificationViewSchema), unread: z.number().int() }) } } },
    async (request) => listNotifications(store.db, requireActor(request), { unread: request.query.unread === 'true', limit: request.query.limit }),
  );

  r.post('/api/v1/notifications/:id/read', { schema: { operationId: 'readNotification', tags: ['notifications'], summary: 'Mark one of the user’s notifications read', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: okSchema } } }, async (request) => {
    await markRead(store.db, requireActor(request), request.params.id);
    return { ok: true };
  });

  r.post('/api/v1/notifications/read-all', { schema: { operationId: 'readAllNotifications', tags: ['notifications'], summary: 'Mark all the user’s notifications read', response: { 200: z.object({ marked: z.number().int() }) } } }, async (request) => ({ marked: await markAllRead(store.db, requireActor(request)) }));
}
