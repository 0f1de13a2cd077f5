/** The channels a server process sends through, from its environment (every process of a deployment alike). */
import type { DeliveryChannel } from './channel.ts';
import { emailChannel } from './emailChannel.ts';
import { webhookChannel } from './webhookChannel.ts';

/** A setting that cannot be used, naming the variable. */
export class DeliverySettingError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'DeliverySettingError';
  }
}

function url(variable: string, value: string, protocols: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new DeliverySettingError(variable, `not a URL: ${value}`);
  }
  if (!protocols.includes(parsed.protocol)) throw new DeliverySettingError(variable, `must start with ${protocols.join(' or ')}`);
  return value;
}

/**
 * `JIXIAO_SMTP_URL` (+ `JIXIAO_MAIL_FROM`) for e-mail, `JIXIAO_WEBHOOK_URL` (+ `JIXIAO_WEBHOOK_SECRET`)
 * for the webhook, `JIXIAO_PUBLIC_URL` for the links in them. Unset: the in-app bell only.
 */
export function deliveryFromEnv(env: NodeJS.ProcessEnv): { channels: DeliveryChannel[]; publicUrl: string | undefined } {
  const channels: DeliveryChannel[] = [];
  if (env.JIXIAO_SMTP_URL) {
    const from = env.JIXIAO_MAIL_FROM;
    if (!from) throw new DeliverySettingError('JIXIAO_MAIL_FROM', 'the sender address is required with JIXIAO_SMTP_URL');
    channels.push(emailChannel({ url: url('JIXIAO_SMTP_URL', env.JIXIAO_SMTP_URL, ['smtp:', 'smtps:']), from }));
  }
  if (env.JIXIAO_WEBHOOK_URL) channels.push(webhookChannel({ url: url('JIXIAO_WEBHOOK_URL', env.JIXIAO_WEBHOOK_URL, ['http:', 'https:']), secret: env.JIXIAO_WEBHOOK_SECRET || undefined }));
  const publicUrl = env.JIXIAO_PUBLIC_URL ? url('JIXIAO_PUBLIC_URL', env.JIXIAO_PUBLIC_URL, ['http:', 'https:']) : undefined;
  return { channels, publicUrl };
}
