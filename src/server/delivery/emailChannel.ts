/** Notifications as e-mail through an SMTP server (nodemailer), Chinese first with the English below. */
import nodemailer from 'nodemailer';
import type { DeliveryChannel, OutgoingMessage, Recipient } from './channel.ts';

export interface EmailSettings {
  /** `smtp://user:password@host:587`, `smtps://…:465`; nodemailer's connection URL. */
  readonly url: string;
  /** The sender, e.g. `绩效系统 <jixiao@czj.example.gov.cn>`. */
  readonly from: string;
}

/** The message's plain text: what happened, the opinion, the link — in Chinese, then English. */
export function emailText(message: OutgoingMessage): string {
  return [
    `${message.recipient.displayName}：`,
    '',
    message.title.zh,
    ...(message.body ? ['', `意见：${message.body}`] : []),
    '',
    `查看：${message.link}`,
    '',
    '——',
    message.title.en,
    ...(message.body ? [`Opinion: ${message.body}`] : []),
    `Open: ${message.link}`,
    '',
    '本邮件由绩效系统自动发送。(Sent by Jixiao.)',
  ].join('\n');
}

export function emailChannel(settings: EmailSettings): DeliveryChannel {
  const transport = nodemailer.createTransport(settings.url);
  return {
    name: 'email',
    accepts: (recipient: Recipient) => recipient.email !== null && recipient.email.includes('@'),
    async deliver(message) {
      if (!message.recipient.email) throw new Error('the recipient has no e-mail address');
      await transport.sendMail({
        from: settings.from,
        to: { name: message.recipient.displayName, address: message.recipient.email },
        subject: `【绩效】${message.title.zh}`,
        text: emailText(message),
        headers: { 'X-Jixiao-Notification': message.id },
      });
    },
  };
}
