/**
 * What a tester found turning into 500s or wrong answers, and the security settings, over real HTTP
 * on both stores: text the stores cannot keep, hostile names, numbers past the columns, racing
 * creates, oversized imports, sign-in throttling by account and address, tokens, password resets,
 * demo accounts, and the headers every answer carries.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../core/declaration.ts';
import { indicatorRow } from '../core/rules/exampleDeclaration.ts';
import type { Store } from '../store/openStore.ts';
import { buildApp } from './app.ts';
import { seedDemo } from './demo.ts';
import { ApiClient } from './testing/apiClient.ts';
import { dropTestSchemas, STORE_KINDS } from './testing/testStores.ts';

const PASSWORD = 'test-password-123';

interface View {
  id: string;
  version: number;
  content: DepartmentTargetDeclaration;
}

describe.each(STORE_KINDS)('safety on the %s store', (_name, open) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  const client = () => new ApiClient(base);
  const as = (username: string) => client().login(username, PASSWORD);
  let draft: View;
  let bureauId: string;

  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await seedDemo(store, PASSWORD);
    app = await buildApp(store, { loginsPerMinute: 10_000, demoMode: true, trustProxy: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const editor = await as('haizhu-editor');
    const list = await editor.get<{ items: Array<{ id: string; departmentId: string }> }>('/api/v1/declarations');
    bureauId = list.body.items[0]?.departmentId ?? '';
    draft = (await editor.get<View>(`/api/v1/declarations/${list.body.items[0]?.id}`)).body;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await dropTestSchemas();
  });

  it('refuses NUL, lone surrogates and a leading BOM anywhere in a request with a 400 naming the field', async () => {
    const editor = await as('haizhu-editor');
    const cases: Array<[Promise<{ status: number; body: unknown }>, string]> = [
      [client().post('/api/v1/session', { username: 'ad\u0000min', password: 'x' }), 'body.username'],
      [editor.put(`/api/v1/declarations/${draft.id}`, { baseVersion: draft.version, content: { ...draft.content, goals: ['ok', 'bad\u0000'] } }), 'body.content.goals.1'],
      [editor.put(`/api/v1/declarations/${draft.id}`, { baseVersion: draft.version, content: { ...draft.content, title: 'x\uD800y' } }), 'body.content.title'],
      [editor.put(`/api/v1/declarations/${draft.id}`, { baseVersion: draft.version, content: { ...draft.content, department: '\uFEFF海珠' } }), 'body.content.department'],
      [editor.get(`/api/v1/declarations/${encodeURIComponent('a\u0000b')}`), 'params.id'],
      [editor.get(`/api/v1/declarations?q=${encodeURIComponent('\u0000')}`), 'query.q'],
      [editor.post(`/api/v1/declarations/${draft.id}/comments`, { path: '', body: 'x\uDC00' }), 'body.body'],
    ];
    for (const [pending, field] of cases) {
      const answer = await pending;
      expect(answer.status, field).toBe(400);
      expect(answer.body).toMatchObject({ error: { id: 'invalid-text', fields: [{ field }] } });
    }
    // Nothing was stored by any of them.
    expect((await editor.get<View>(`/api/v1/declarations/${draft.id}`)).body.version).toBe(draft.version);
  });

  it('stores prototype names as ordinary text and checks them', async () => {
    const editor = await as('haizhu-editor');
    const current = (await editor.get<View>(`/api/v1/declarations/${draft.id}`)).body;
    const content = { ...current.content, indicators: [...current.content.indicators, indicatorRow('__proto__', 'constructor', 'toString', 'hasOwnProperty', '≥1个')] };
    const saved = await editor.put<{ version: number; findings: Array<{ rule: string; path: string }> }>(`/api/v1/declarations/${draft.id}`, { baseVersion: current.version, content });
    expect(saved.status).toBe(200);
    expect(saved.body.findings.some((f) => f.path === `/indicators/${content.indicators.length - 1}/level1`)).toBe(true);
  });

  it('refuses numbers past what the store holds', async () => {
    const editor = await as('haizhu-editor');
    const current = (await editor.get<View>(`/api/v1/declarations/${draft.id}`)).body;
    const huge = await editor.put(`/api/v1/declarations/${draft.id}`, { baseVersion: current.version, content: { ...current.content, budget: { ...current.content.budget, total: '123456789012345.00' } } });
    expect(huge.status).toBe(400);
    expect((await editor.get(`/api/v1/declarations/${draft.id}/versions/2147483648`)).status).toBe(400);
    expect((await editor.get(`/api/v1/declarations/${draft.id}/diff?from=1&to=99999999999`)).status).toBe(400);
    expect((await editor.get('/api/v1/declarations?page=1e30')).status).toBe(400);
    const admin = await as('admin');
    expect((await admin.post('/api/v1/organisations/regions', { name: '某区', level: 'district', parentId: '' })).status).toBe(400);
  });

  it('answers racing creates of one declaration, username or department with 201 and 409s, never a 500', async () => {
    const editor = await as('haizhu-editor');
    const admin = await as('admin');
    const region = (await admin.get<{ regions: Array<{ id: string }> }>('/api/v1/organisations')).body.regions[0]?.id;
    const races = [
      Array.from({ length: 6 }, () => editor.post('/api/v1/declarations', { departmentId: bureauId, year: 2031 })),
      Array.from({ length: 6 }, () => admin.post('/api/v1/users', { username: 'racing-user', displayName: '并发', password: 'Racing-Password-4821', role: 'admin' })),
      Array.from({ length: 6 }, () => admin.post('/api/v1/organisations/departments', { name: '并发测试局', regionId: region })),
    ];
    for (const race of races) {
      const statuses = (await Promise.all(race)).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    }
  });

  it('imports off the event loop, and refuses a text past the limit with a clear reason', async () => {
    const editor = await as('haizhu-editor');
    const long = `部门整体预算绩效目标申报表\n${'部门名称 某局\n'.repeat(60_000)}`;
    const refused = await editor.post<{ error: { id: string; message: { zh: string } } }>('/api/v1/declarations/import', { departmentId: bureauId, year: 2032, text: long });
    expect(refused.status).toBe(422);
    expect(refused.body.error.id).toBe('import-too-large');
    expect(refused.body.error.message.zh).toContain('行数过多');
    // While a large text is read on a worker, the server answers other requests.
    const order: string[] = [];
    const importing = editor.post('/api/v1/declarations/import', { departmentId: bureauId, year: 2032, text: `部门整体预算绩效目标申报表\n${'绩效指标 x\n'.repeat(45_000)}` }).then(() => order.push('import'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await client().get('/healthz').then(() => order.push('health'));
    await importing;
    expect(order).toEqual(['health', 'import']);
  });

  it('throttles failed sign-ins per account and address, so nobody can lock a colleague out, and audits them', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address, 'content-type': 'application/json' });
    const attempt = (address: string, password: string) => client().request('POST', '/api/v1/session', { username: 'haizhu-approver', password }, from(address));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('203.0.113.7', 'wrong-password-x')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // The owner, at their own desk, signs in.
    expect((await attempt('198.51.100.2', PASSWORD)).status).toBe(200);
    const failures = await store.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'session.failed').execute();
    expect(failures.map((f) => f.detail)).toContainEqual({ username: 'haizhu-approver', address: '203.0.113.7' });
  });

  it('marks the session cookie Secure behind an HTTPS proxy, and sends the security headers', async () => {
    const secure = await client().request('POST', '/api/v1/session', { username: 'haizhu-editor', password: PASSWORD }, { 'x-forwarded-proto': 'https', 'content-type': 'application/json' });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure/);
    const plain = await client().request('POST', '/api/v1/session', { username: 'haizhu-editor', password: PASSWORD }, { 'content-type': 'application/json' });
    expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/);
    const answer = await client().get('/healthz');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('ends sessions and tokens on a password reset; tokens are listed, revoked and expire', async () => {
    const admin = await as('admin');
    const created = await admin.post<{ user: { id: string } }>('/api/v1/users', { username: 'token-owner', displayName: '令牌用户', password: PASSWORD, role: 'admin' });
    const owner = await as('token-owner');
    const token = (await owner.post<{ id: string; token: string; expiresAt: string }>('/api/v1/tokens', { name: 'script', expiresInDays: 30 })).body;
    expect(Date.parse(token.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const script = client().useToken(token.token);
    expect((await script.get('/api/v1/declarations')).status).toBe(200);
    expect((await owner.get<{ tokens: Array<{ id: string; name: string }> }>('/api/v1/tokens')).body.tokens).toEqual([expect.objectContaining({ id: token.id, name: 'script' })]);

    // Weak passwords are refused whoever sets them.
    for (const weak of ['          ', 'token-owner-1', '1234567890']) {
      expect((await admin.request('PATCH', `/api/v1/users/${created.body.user.id}`, { password: weak })).body).toMatchObject({ error: { id: 'weak-password' } });
    }
    const reset = await admin.request('PATCH', `/api/v1/users/${created.body.user.id}`, { password: 'Brand-New-Secret-5519' });
    expect(reset.status).toBe(200);
    expect((await owner.get<{ user: unknown }>('/api/v1/session')).body.user).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 2100)); // other processes' token cache
    expect((await script.get('/api/v1/declarations')).status).toBe(401);

    // A new token, revoked; another, expired.
    const again = await client().login('token-owner', 'Brand-New-Secret-5519');
    const second = (await again.post<{ id: string; token: string }>('/api/v1/tokens', { name: 'second' })).body;
    expect((await again.request('DELETE', `/api/v1/tokens/${second.id}`)).status).toBe(200);
    expect((await client().useToken(second.token).get('/api/v1/declarations')).status).toBe(401);
    const third = (await again.post<{ id: string; token: string }>('/api/v1/tokens', { name: 'third' })).body;
    await sql`update api_tokens set expires_at = '2000-01-01T00:00:00.000Z' where id = ${third.id}`.execute(store.db);
    expect((await client().useToken(third.token).get('/api/v1/declarations')).status).toBe(401);
  });

  it('lets a user change their own password, with the current one, ending their other sessions', async () => {
    const admin = await as('admin');
    await admin.post('/api/v1/users', { username: 'changer', displayName: '改密码', password: PASSWORD, role: 'admin' });
    const desk = await as('changer');
    const laptop = await as('changer');
    expect((await desk.post('/api/v1/session/password', { currentPassword: 'wrong-one-entirely', newPassword: 'Another-Secret-9931' })).body).toMatchObject({ error: { id: 'bad-credentials', fields: [{ field: 'currentPassword' }] } });
    expect((await desk.post('/api/v1/session/password', { currentPassword: PASSWORD, newPassword: 'changer1234' })).body).toMatchObject({ error: { id: 'weak-password' } });
    expect((await desk.post('/api/v1/session/password', { currentPassword: PASSWORD, newPassword: 'Another-Secret-9931' })).status).toBe(200);
    expect((await desk.get<{ user: { username: string } | null }>('/api/v1/session')).body.user?.username).toBe('changer');
    expect((await laptop.get<{ user: unknown }>('/api/v1/session')).body.user).toBeNull();
  });

  it('serves demo accounts only in demo mode', async () => {
    const production = await buildApp(store, { demoMode: false });
    await production.listen({ port: 0, host: '127.0.0.1' });
    try {
      const other = new ApiClient(`http://127.0.0.1:${(production.server.address() as AddressInfo).port}`);
      expect((await other.post('/api/v1/session', { username: 'admin', password: PASSWORD })).status).toBe(401);
      // A session made in demo mode does not carry over either.
      const session = await as('haizhu-editor');
      const cookie = (session as unknown as { cookie: string }).cookie;
      expect((await other.request<{ user: unknown }>('GET', '/api/v1/session', undefined, { cookie })).body.user).toBeNull();
    } finally {
      await production.close();
    }
  });
});
