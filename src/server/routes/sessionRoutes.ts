/** Sign in and out, who am I, my password, and my API tokens. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newTokenSchema, okSchema, sessionSchema, signedInUserSchema, tokenViewSchema } from '../../format/apiSchemas.ts';
import { errorResponse } from '../contract/errors.ts';
import { ANYONE_OR_SIGNED_IN, PUBLIC } from '../contract/security.ts';
import { ROLE_NAMES } from '../../core/policy.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { Store } from '../../store/openStore.ts';
import { AppError } from '../appError.ts';
import { forgetTokenUsers, SESSION_COOKIE, requireActor } from '../context.ts';
import { changeOwnPassword, checkSignIn, createApiToken, endSession, listApiTokens, revokeApiToken, startSession, TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX } from '../services/accounts.ts';
import { LoginThrottle } from '../loginThrottle.ts';

export interface SessionRouteOptions {
  readonly secureCookies: boolean | 'auto';
  readonly loginsPerMinute: number;
  readonly demoMode: boolean;
}

/**
 * Tokens are made and revoked by a person signed in, never by a token: a token that could mint
 * another could outlive its own expiry and revocation (a one-day token made a one-year one).
 */
function requireSession(request: FastifyRequest): void {
  requireActor(request);
  if (request.authVia !== 'cookie') {
    throw new AppError(403, 'session-required', 'API 令牌只能在登录网页后于“我的账号”中创建或撤销，不能用 API 令牌操作', 'API tokens are created and revoked by a signed-in user (我的账号 in the web app), not with an API token');
  }
}

export function sessionRoutes(app: FastifyInstance, store: Store, options: SessionRouteOptions): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle();
  // `auto`: Secure whenever the request came over HTTPS (a trusted proxy's X-Forwarded-Proto counts).
  const secure = (request: FastifyRequest) => (options.secureCookies === 'auto' ? request.protocol === 'https' : options.secureCookies);

  r.post(
    '/api/v1/session',
    {
      schema: { operationId: 'signIn', tags: ['session'], summary: 'Sign in', body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }), security: PUBLIC, response: { 200: sessionSchema.extend({ user: signedInUserSchema, csrfToken: z.string() }), 429: errorResponse(429) } },
      config: { rateLimit: { max: options.loginsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const address = request.ip;
      if (throttle.blocked(username, address)) {
        throw new AppError(429, 'too-many-attempts', '从此地址登录该账号失败次数过多，请 15 分钟后再试', 'too many failed sign-ins to this account from this address; try again in 15 minutes');
      }
      const { user, refused } = await checkSignIn(store.db, username, password, { demo: options.demoMode });
      if (!user) {
        throttle.failed(username, address);
        // Failed sign-ins are evidence an auditor looks for: who was tried, from where.
        const known = await store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
        await store.db.transaction().execute((trx) =>
          appendAudit(trx, { actorId: null, action: 'session.failed', entity: 'user', entityId: known?.id ?? null, detail: { username: username.slice(0, 100), address } }),
        );
        if (refused === 'disabled') throw new AppError(403, 'account-disabled', '此账号已停用，请联系管理员', 'this account is disabled; ask your administrator', [{ field: 'username', message: 'disabled' }]);
        throw new AppError(401, 'bad-credentials', '用户名或密码错误', 'wrong username or password', [{ field: 'password', message: 'wrong username or password' }]);
      }
      throttle.succeeded(username, address);
      const { token, csrfToken } = await store.db.transaction().execute((trx) => startSession(trx, user, address));
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(request), maxAge: 12 * 3600 });
      return { user: { ...user, roleName: ROLE_NAMES[user.role] }, csrfToken };
    },
  );

  r.get('/api/v1/session', { schema: { operationId: 'getSession', tags: ['session'], summary: 'The signed-in user (null: nobody)', security: ANYONE_OR_SIGNED_IN, response: { 200: sessionSchema } } }, async (request) => {
    if (!request.user) return { user: null, csrfToken: null };
    return { user: { ...request.user, roleName: ROLE_NAMES[request.user.role] }, csrfToken: request.csrfToken };
  });

  r.delete('/api/v1/session', { schema: { operationId: 'signOut', tags: ['session'], summary: 'Sign out', response: { 200: okSchema } } }, async (request, reply) => {
    const actor = requireActor(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await store.db.transaction().execute((trx) => endSession(trx, token, actor.id));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.post(
    '/api/v1/session/password',
    {
      schema: { operationId: 'changePassword', tags: ['session'], summary: 'Change my password (the current one is asked for; other sessions and all tokens end)', body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }), response: { 200: okSchema, 429: errorResponse(429) } },
      config: { rateLimit: { max: options.loginsPerMinute, timeWindow: '1 minute' } },
    },
    async (request) => {
      const actor = requireActor(request);
      await store.db.transaction().execute((trx) => changeOwnPassword(trx, actor.id, request.sessionToken, request.body.currentPassword, request.body.newPassword));
      forgetTokenUsers();
      return { ok: true };
    },
  );

  r.get('/api/v1/tokens', { schema: { operationId: 'listTokens', tags: ['session'], summary: 'My API tokens (never the tokens themselves)', response: { 200: z.object({ tokens: z.array(tokenViewSchema) }) } } }, async (request) => {
    const actor = requireActor(request);
    return { tokens: await listApiTokens(store.db, actor.id) };
  });

  r.post(
    '/api/v1/tokens',
    {
      schema: { operationId: 'createToken',
        tags: ['session'],
        summary: `Create an API token for scripts (shown once; expires after expiresInDays, default ${TOKEN_DAYS_DEFAULT}, at most ${TOKEN_DAYS_MAX}); a signed-in session only, never with a token (403)`,
        body: z.object({ name: z.string().trim().min(1).max(100), expiresInDays: z.number().int().min(1).max(TOKEN_DAYS_MAX).default(TOKEN_DAYS_DEFAULT) }),
        response: { 201: newTokenSchema },
      },
    },
    async (request, reply) => {
      requireSession(request);
      const user = request.user;
      if (!user) throw new AppError(401, 'not-authenticated', '请先登录', 'sign in first');
      const created = await store.db.transaction().execute((trx) => createApiToken(trx, user, request.body.name, request.body.expiresInDays));
      reply.status(201);
      return created;
    },
  );

  r.delete('/api/v1/tokens/:id', { schema: { operationId: 'revokeToken', tags: ['session'], summary: 'Revoke an API token (my own; an administrator: those of the users it administers); a signed-in session only, never with a token (403)', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: okSchema } } }, async (request) => {
    requireSession(request);
    const actor = requireActor(request);
    await store.db.transaction().execute((trx) => revokeApiToken(trx, actor, request.params.id));
    forgetTokenUsers();
    return { ok: true };
  });
}
