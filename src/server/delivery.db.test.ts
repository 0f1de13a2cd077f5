/**
 * Notifications outside the app, on both stores, against real receivers the test starts: an SMTP
 * server (smtp-server) that keeps what it is sent, and an HTTP receiver for the webhook that checks
 * each signature and refuses the first attempt. A return with its opinion reaches the editor by
 * e-mail and both department users by webhook; a failed attempt is retried, nothing is sent twice;
 * an overdue report is told once; someone without an e-mail address gets none.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryChannel } from './delivery/channel.ts';
import { dispatchOnce } from './delivery/dispatcher.ts';
import { emailChannel } from './delivery/emailChannel.ts';
import { signature, webhookChannel } from './delivery/webhookChannel.ts';
import { STORE_KINDS } from './testing/testStores.ts';
import { startTestApp, type TestApp } from './testing/testApp.ts';

interface Mail {
  to: string;
  raw: string;
}
interface Hook {
  body: { id: string; event: string; recipient: { username: string }; title: { zh: string }; body: string; link: string };
  signed: boolean;
}

const SECRET = 'webhook-test-secret';

/** The text part of a raw message, decoded from base64 or quoted-printable as nodemailer encoded it. */
function textOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe.each(STORE_KINDS)('notifications by e-mail and webhook on the %s store', (_name, open) => {
  let t: TestApp;
  let smtp: SMTPServer;
  let receiver: Server;
  let channels: DeliveryChannel[];
  const mails: Mail[] = [];
  const hooks: Hook[] = [];
  let refuseNext = 0;
  const dispatch = (today = '2025-01-01') => dispatchOnce(t.store.db, { channels, publicUrl: 'https://jixiao.example.gov.cn', today: () => today });

  beforeAll(async () => {
    t = await startTestApp(open, { family: true });
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        if (refuseNext > 0) {
          refuseNext--;
          response.writeHead(500).end();
          return;
        }
        hooks.push({ body: JSON.parse(text) as Hook['body'], signed: request.headers['x-jixiao-signature'] === signature(text, SECRET) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    channels = [
      emailChannel({ url: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`, from: '绩效系统 <jixiao@czj.example.gov.cn>' }),
      webhookChannel({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: SECRET }),
    ];
  }, 180_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    await t?.close();
  });

  it('sends a return with its opinion by e-mail to whoever has an address, and by webhook to all, retrying a refusal', async () => {
    const admin = await t.as('admin');
    const users = (await admin.get<{ users: Array<{ id: string; username: string }> }>('/api/v1/users')).body.users;
    const editorId = users.find((u) => u.username === 'haizhu-editor')?.id ?? '';
    expect((await admin.patch(`/api/v1/users/${editorId}`, { email: 'not-an-address' })).status).toBe(400);
    expect((await admin.patch(`/api/v1/users/${editorId}`, { email: ' editor@haizhu.example.gov.cn ' })).status).toBe(200);
    // The demo's history goes out first; then the receiver refuses the next webhook once.
    await dispatch();
    await t.store.db.updateTable('notification_deliveries').set({ next_at: '2000-01-01T00:00:00.000Z' }).where('state', '=', 'pending').execute();
    await dispatch();
    mails.length = 0;
    hooks.length = 0;
    refuseNext = 1;

    const approver = await t.as('haizhu-approver');
    const reviewer = await t.as('haizhu-reviewer');
    const forms = await approver.get<{ items: Array<{ id: string }> }>('/api/v1/declarations?year=2025&kind=department-target');
    const id = forms.body.items[0]?.id ?? '';
    expect((await approver.post(`/api/v1/declarations/${id}/transitions`, { action: 'submit' })).status).toBe(200);
    expect((await reviewer.post(`/api/v1/declarations/${id}/transitions`, { action: 'review', grade: '中', reason: '请补充成本指标。' })).status).toBe(200);

    const first = await dispatch();
    expect(first.sent).toBeGreaterThan(0);
    const mail = mails.map((m) => ({ to: m.to, text: textOf(m.raw) })).find((m) => m.text.includes(`/declarations/${id}`) && m.text.includes('被退回修改'));
    expect(mail?.to).toBe('editor@haizhu.example.gov.cn');
    expect(mail?.text).toContain('意见：【中】请补充成本指标。');
    expect(mail?.text).toContain('was returned for revision');
    expect(mail?.text).toContain(`https://jixiao.example.gov.cn/declarations/${id}`);
    // The approver has no address: no e-mail for them.
    expect(mails.every((m) => m.to === 'editor@haizhu.example.gov.cn')).toBe(true);

    // The receiver refused one webhook: it waits for its retry, the rest arrived, signed.
    const deliveries = await t.store.db.selectFrom('notification_deliveries').select(['state', 'attempts', 'channel']).where('channel', '=', 'webhook').where('state', '=', 'pending').execute();
    expect(deliveries.filter((d) => d.attempts === 1)).toHaveLength(1);
    await t.store.db.updateTable('notification_deliveries').set({ next_at: '2000-01-01T00:00:00.000Z' }).where('state', '=', 'pending').execute();
    await dispatch();
    const returned = hooks.filter((h) => h.body.event === 'declaration-returned');
    expect(returned.map((h) => h.body.recipient.username).sort()).toEqual(['haizhu-approver', 'haizhu-editor']);
    expect(returned.every((h) => h.signed && h.body.body === '【中】请补充成本指标。' && h.body.link === `https://jixiao.example.gov.cn/declarations/${id}`)).toBe(true);

    // Nothing is sent twice.
    const count = mails.length + hooks.length;
    await dispatch();
    expect(mails.length + hooks.length).toBe(count);
    const states = await t.store.db.selectFrom('notification_deliveries').select(['state']).where('state', '!=', 'sent').execute();
    expect(states).toEqual([]);
  });

  it('tells a department once of each report left unsubmitted after its round is due', async () => {
    hooks.length = 0;
    const before = await dispatch('2025-08-15');
    expect(before.overdue).toBe(0);
    const after = await dispatch('2025-08-16');
    expect(after.overdue).toBeGreaterThan(0);
    const editor = await t.as('haizhu-editor');
    const inbox = (await editor.get<{ items: Array<{ kind: string; title: { zh: string }; link: string }> }>('/api/v1/notifications?limit=100')).body.items.filter((n) => n.kind === 'report-overdue');
    expect(inbox.length).toBe(after.overdue);
    expect(inbox[0]?.title.zh).toContain('已逾期未报送');
    expect(inbox[0]?.link).toMatch(/^\/monitoring\/reports\//);
    expect((await dispatch('2025-08-17')).overdue).toBe(0);
    await t.store.db.updateTable('notification_deliveries').set({ next_at: '2000-01-01T00:00:00.000Z' }).where('state', '=', 'pending').execute();
    await dispatch('2025-08-17');
    expect(hooks.filter((h) => h.body.event === 'report-overdue').length).toBe(after.overdue * 2);
  });
});
