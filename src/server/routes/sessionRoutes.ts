/** Sign in and out, and who am I. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_NAMES } from '../../core/policy.ts';
import type { Store } from '../../store/openStore.ts';
import { AppError } from '../appError.ts';
import { SESSION_COOKIE, requireActor } from '../context.ts';
import { authenticate, createApiToken, endSession, startSession } from '../services/accounts.ts';
import { LoginThrottle } from '../loginThrottle.ts';

export function sessionRoutes(app: FastifyInstance, store: Store, options: { secureCookies: boolean; loginsPerMinute: number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle();

  r.post(
    '/api/v1/session',
    {
      schema: { tags: ['session'], summary: 'Sign in', body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }) },
      config: { rateLimit: { max: options.loginsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      if (throttle.blocked(username)) {
        throw new AppError(429, 'too-many-attempts', '该账号登录失败次数过多，请 15 分钟后再试', 'too many failed sign-ins for this account; try again in 15 minutes');
      }
      const user = await authenticate(store.db, username, password);
      if (!user) {
        throttle.failed(username);
        throw new AppError(401, 'bad-credentials', '用户名或密码错误', 'wrong username or password', [{ field: 'password', message: 'wrong username or password' }]);
      }
      throttle.succeeded(username);
      const { token, csrfToken } = await store.db.transaction().execute((trx) => startSession(trx, user));
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: options.secureCookies, maxAge: 12 * 3600 });
      return { user: { ...user, roleName: ROLE_NAMES[user.role] }, csrfToken };
    },
  );

  r.get('/api/v1/session', { schema: { tags: ['session'], summary: 'The signed-in user' } }, async (request) => {
    if (!request.user) return { user: null, csrfToken: null };
    return { user: { ...request.user, roleName: ROLE_NAMES[request.user.role] }, csrfToken: request.csrfToken };
  });

  r.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Sign out' } }, async (request, reply) => {
    const actor = requireActor(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await store.db.transaction().execute((trx) => endSession(trx, token, actor.id));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.post('/api/v1/tokens', { schema: { tags: ['session'], summary: 'Create an API token for scripts (shown once)', body: z.object({ name: z.string().min(1).max(100) }) } }, async (request, reply) => {
    requireActor(request);
    const user = request.user;
    if (!user) throw new AppError(401, 'not-authenticated', '请先登录', 'sign in first');
    const created = await store.db.transaction().execute((trx) => createApiToken(trx, user, request.body.name));
    reply.status(201);
    return created;
  });
}
