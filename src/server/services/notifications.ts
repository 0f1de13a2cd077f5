/**
 * Notifications in the store: each event that asks someone to act becomes one message per person it
 * concerns, written in the transaction of the change itself (a return that is rolled back notifies
 * nobody). A person reads only their own.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { audienceOf, notificationTitle, type NotificationEvent } from '../../core/notifications.ts';
import type { Actor } from '../../core/policy.ts';
import type { NotificationView } from '../../format/apiTypes.ts';
import type { Database } from '../../store/schema.ts';
import { notFound } from '../appError.ts';
import { departmentWithPath } from './organisations.ts';

/** Notifies the department's editors and approvers, or the reviewers of its region and the regions above, of an event; never its author. */
export async function notify(
  trx: Transaction<Database>,
  event: NotificationEvent & { readonly departmentId: string; readonly authorId: string | null; readonly title?: { zh: string; en: string } | undefined; readonly audience?: 'department' | 'reviewers' | undefined },
): Promise<number> {
  const department = await departmentWithPath(trx, event.departmentId);
  let users = trx.selectFrom('users').select('id').where('disabled', '=', false);
  users = (event.audience ?? audienceOf(event.kind)) === 'department' ? users.where('department_id', '=', event.departmentId).where('role', 'in', ['editor', 'approver']) : users.where('role', '=', 'reviewer').where('region_id', 'in', department.regionPath);
  if (event.authorId) users = users.where('id', '!=', event.authorId);
  const recipients = await users.execute();
  if (recipients.length === 0) return 0;
  const title = notificationTitle(event);
  const now = new Date().toISOString();
  await trx
    .insertInto('notifications')
    .values(recipients.map((r) => ({ id: randomUUID(), user_id: r.id, kind: event.kind, title_zh: title.zh, title_en: title.en, body: event.body ?? '', link: event.link, created_at: now, read_at: null, fanned_out: false })))
    .execute();
  return recipients.length;
}

/** Notifies one person (an expert assigned to a document) of an event. */
export async function notifyUser(trx: Transaction<Database>, userId: string, event: NotificationEvent & { readonly title: { zh: string; en: string } }): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ id: randomUUID(), user_id: userId, kind: event.kind, title_zh: event.title.zh, title_en: event.title.en, body: event.body ?? '', link: event.link, created_at: new Date().toISOString(), read_at: null, fanned_out: false })
    .execute();
}

/** The actor's notifications, newest first, with how many are unread. */
export async function listNotifications(db: Kysely<Database>, actor: Actor, filter: { unread?: boolean | undefined; limit: number }): Promise<{ items: NotificationView[]; unread: number }> {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', actor.id);
  if (filter.unread) query = query.where('read_at', 'is', null);
  const [rows, unread] = await Promise.all([
    query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute(),
    db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, title: { zh: r.title_zh, en: r.title_en }, body: r.body, link: r.link, createdAt: r.created_at, read: r.read_at !== null })),
    unread: Number(unread.n),
  };
}

/**
 * Marks one of the actor's notifications read — and the others that open the same page, since
 * opening it reads them all; another person's is a 404.
 */
export async function markRead(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  const own = await db.selectFrom('notifications').select(['id', 'link']).where('id', '=', id).where('user_id', '=', actor.id).executeTakeFirst();
  if (!own) throw notFound('notification', '消息');
  await db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', actor.id).where('read_at', 'is', null).where((eb) => eb.or([eb('id', '=', id), eb('link', '=', own.link)])).execute();
}

/** Marks all the actor's notifications read. */
export async function markAllRead(db: Kysely<Database>, actor: Actor): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: new Date().toISOString() }).where('user_id', '=', actor.id).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
