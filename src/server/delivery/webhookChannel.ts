/**
 * Notifications POSTed as JSON to a URL — the way to reach 政务微信, 钉钉 or an SMS gateway through
 * a small adapter of the bureau's own. Each body is signed (HMAC-SHA256 of the raw body with the
 * shared secret, in `X-Jixiao-Signature: sha256=<hex>`) so the receiver can tell it came from here.
 */
import { createHmac } from 'node:crypto';
import type { DeliveryChannel, OutgoingMessage } from './channel.ts';

export interface WebhookSettings {
  readonly url: string;
  /** Signs each body; without one the header is left out. */
  readonly secret?: string | undefined;
  /** Milliseconds before a request counts as failed (default 10 s). */
  readonly timeoutMs?: number;
}

/** What the receiver gets: the event, for whom, its bilingual title, the opinion and the link. */
export function webhookBody(message: OutgoingMessage): string {
  return JSON.stringify({
    id: message.id,
    event: message.kind,
    createdAt: message.createdAt,
    recipient: { username: message.recipient.username, displayName: message.recipient.displayName, email: message.recipient.email },
    title: message.title,
    body: message.body,
    link: message.link,
  });
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookChannel(settings: WebhookSettings): DeliveryChannel {
  return {
    name: 'webhook',
    accepts: () => true,
    async deliver(message) {
      const body = webhookBody(message);
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-jixiao-event': message.kind, 'x-jixiao-delivery': message.id, ...(settings.secret ? { 'x-jixiao-signature': signature(body, settings.secret) } : {}) },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
      });
      // The answer is read whole so the connection is freed; only its status counts.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
    },
  };
}
