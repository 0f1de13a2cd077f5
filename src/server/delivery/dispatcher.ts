/**
 * Sends notifications through the configured channels after their transaction has committed (the
 * outbox pattern): a notification is fanned out once into one delivery per channel that can reach its
 * person, and each delivery is sent, retried with back-off, or given up after its last attempt.
 * Every server process runs a dispatcher; rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease,
 * so several processes share the work and a killed one's deliveries are taken over, not lost.
 *
 * The same tick tells departments once of each monitoring report left unsubmitted past its round's
 * due date.
 */
import { notifyOverdueRectifications } from '../services/rectifications.ts';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { notifyOverdueReports } from '../services/monitoring.ts';
import type { DeliveryChannel, OutgoingMessage } from './channel.ts';

/** Attempts before a delivery is given up, and the wait before each retry. */
export const MAX_ATTEMPTS = 8;
const BACKOFF_SECONDS = [10, 30, 60, 300, 900, 1800, 3600];
const LEASE_MS = 60_000;
const BATCH = 50;

export interface DispatcherOptions {
  readonly channels: readonly DeliveryChannel[];
  /** The web app's address for absolute links in messages (`https://jixiao.czj.example.gov.cn`); relative without. */
  readonly publicUrl?: string | undefined;
  /** Milliseconds between ticks (default 2 s). */
  readonly intervalMs?: number;
  /** Today, for overdue reports (tests move the clock). */
  readonly today?: () => string;
  /** Told of a delivery that failed (logged by the server). */
  readonly onError?: (error: unknown, context: { channel: string; notificationId: string; attempts: number }) => void;
}

/** Fans new notifications out to the channels; returns how many deliveries it made. */
export async function fanOut(db: Kysely<Database>, channels: readonly DeliveryChannel[]): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.id', 'users.id as user_id', 'users.username', 'users.display_name', 'users.email'])
      .where('notifications.fanned_out', '=', false)
      .orderBy('notifications.created_at')
      .limit(BATCH)
      .forUpdate('notifications')
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    const now = new Date().toISOString();
    const deliveries = rows.flatMap((row) =>
      channels
        .filter((channel) => channel.accepts({ id: row.user_id, username: row.username, displayName: row.display_name, email: row.email }))
        .map((channel) => ({ id: randomUUID(), notification_id: row.id, channel: channel.name, state: 'pending' as const, attempts: 0, next_at: now })),
    );
    if (deliveries.length > 0) await trx.insertInto('notification_deliveries').values(deliveries).onConflict((oc) => oc.columns(['notification_id', 'channel']).doNothing()).execute();
    await trx.updateTable('notifications').set({ fanned_out: true }).where('id', 'in', rows.map((r) => r.id)).execute();
    return deliveries.length;
  });
}

/** Sends the deliveries that are due; returns how many were sent. */
export async function sendDue(db: Kysely<Database>, options: DispatcherOptions): Promise<number> {
  const now = new Date();
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('notification_deliveries')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('next_at', '<=', now.toISOString())]), eb.and([eb('state', '=', 'sending'), eb('locked_until', '<', now.toISOString())])]))
      .orderBy('next_at')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('notification_deliveries')
      .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), locked_until: new Date(now.getTime() + LEASE_MS).toISOString() }))
      .where('id', 'in', due.map((d) => d.id))
      .returning(['id', 'notification_id', 'channel', 'attempts'])
      .execute();
  });
  let sent = 0;
  for (const delivery of claimed) {
    const channel = options.channels.find((c) => c.name === delivery.channel);
    const message = await messageOf(db, delivery.notification_id, options.publicUrl);
    if (!channel || !message) {
      // A channel no longer configured, or a notification deleted with its document's restore.
      await db.updateTable('notification_deliveries').set({ state: 'skipped', locked_until: null, last_error: channel ? 'the notification is gone' : `no channel ${delivery.channel} is configured` }).where('id', '=', delivery.id).execute();
      continue;
    }
    try {
      await channel.deliver(message);
      await db.updateTable('notification_deliveries').set({ state: 'sent', sent_at: new Date().toISOString(), locked_until: null, last_error: null }).where('id', '=', delivery.id).execute();
      sent++;
    } catch (error) {
      options.onError?.(error, { channel: delivery.channel, notificationId: delivery.notification_id, attempts: delivery.attempts });
      const last = delivery.attempts >= MAX_ATTEMPTS;
      const wait = BACKOFF_SECONDS[Math.min(delivery.attempts - 1, BACKOFF_SECONDS.length - 1)] ?? 3600;
      await db
        .updateTable('notification_deliveries')
        .set({ state: last ? 'failed' : 'pending', next_at: new Date(Date.now() + wait * 1000).toISOString(), locked_until: null, last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500) })
        .where('id', '=', delivery.id)
        .execute();
    }
  }
  return sent;
}

async function messageOf(db: Kysely<Database>, notificationId: string, publicUrl: string | undefined): Promise<OutgoingMessage | null> {
  const row = await db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select(['notifications.id', 'notifications.kind', 'notifications.title_zh', 'notifications.title_en', 'notifications.body', 'notifications.link', 'notifications.created_at', 'users.id as user_id', 'users.username', 'users.display_name', 'users.email'])
    .where('notifications.id', '=', notificationId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    recipient: { id: row.user_id, username: row.username, displayName: row.display_name, email: row.email },
    title: { zh: row.title_zh, en: row.title_en },
    body: row.body,
    link: publicUrl ? new URL(row.link, publicUrl).toString() : row.link,
    createdAt: row.created_at,
  };
}

/** One tick: overdue notices, fan-out, sending. */
export async function dispatchOnce(db: Kysely<Database>, options: DispatcherOptions): Promise<{ overdue: number; fannedOut: number; sent: number }> {
  const today = (options.today ?? (() => new Date().toISOString().slice(0, 10)))();
  const overdue = (await notifyOverdueReports(db, today)) + (await notifyOverdueRectifications(db, today));
  const fannedOut = options.channels.length > 0 ? await fanOut(db, options.channels) : await markFannedOut(db);
  const sent = options.channels.length > 0 ? await sendDue(db, options) : 0;
  return { overdue, fannedOut, sent };
}

/** Without channels there is nothing to send: new notifications are marked so none is mailed when channels are added later. */
async function markFannedOut(db: Kysely<Database>): Promise<number> {
  const result = await db.updateTable('notifications').set({ fanned_out: true }).where('fanned_out', '=', false).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Runs ticks until stopped; a tick that fails is logged and the next one tries again. */
export function startDispatcher(db: Kysely<Database>, options: DispatcherOptions): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = dispatchOnce(db, options)
      .catch((error: unknown) => options.onError?.(error, { channel: '*', notificationId: '', attempts: 0 }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 2000);
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, options.intervalMs ?? 2000);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
