/** What every route handler gets: the store, and the signed-in user of the request (if any). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../core/policy.ts';
import type { Store } from '../store/openStore.ts';
import { AppError, notAuthenticated } from './appError.ts';
import { actorOf, sessionUser, tokenUser, type UserView } from './services/accounts.ts';

export const SESSION_COOKIE = 'jixiao_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for the public. */
    user: UserView | null;
    /** How the user signed in: a session cookie (CSRF applies) or an API token. */
    authVia: 'cookie' | 'token' | null;
    csrfToken: string | null;
    /** The session cookie's token, when signed in by cookie. */
    sessionToken: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Scripts send their token with every request; looking it up each time doubled the cost of a read.
 * A lookup is reused for two seconds: a disabled account or a new token takes at most that long to
 * be seen by other processes (this process forgets at once: see forgetTokenUsers).
 */
const TOKEN_TTL_MS = 2000;
const tokenCache = new Map<string, { user: UserView | null; until: number }>();

async function cachedTokenUser(store: Store, token: string): Promise<UserView | null> {
  const now = Date.now();
  const hit = tokenCache.get(token);
  if (hit && hit.until > now) return hit.user;
  const user = await tokenUser(store.db, token);
  if (tokenCache.size > 1000) tokenCache.clear();
  tokenCache.set(token, { user, until: now + TOKEN_TTL_MS });
  return user;
}

/** Drops cached token lookups (after an account changes). */
export function forgetTokenUsers(): void {
  tokenCache.clear();
}

/** Resolves the user of a request and enforces CSRF on cookie-authenticated writes; demo accounts count only in demo mode. */
export function authenticateRequest(store: Store, options: { demoMode: boolean }) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.user = null;
    request.authVia = null;
    request.csrfToken = null;
    request.sessionToken = null;
    // The web app's files and page are the same for everyone: only the API looks up who is asking, so a
    // page load's scripts and stylesheets do not each wait for a session query.
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const user = await cachedTokenUser(store, header.slice(7).trim());
      if (!user || (user.demo && !options.demoMode)) throw new AppError(401, 'invalid-token', 'API 令牌无效', 'the API token is not valid');
      request.user = user;
      request.authVia = 'token';
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await sessionUser(store.db, token);
    if (!session || (session.user.demo && !options.demoMode)) return;
    request.user = session.user;
    request.authVia = 'cookie';
    request.csrfToken = session.csrfToken;
    const isLogin = request.routeOptions.url === '/api/v1/session' && request.method === 'POST';
    request.sessionToken = token;
    if (UNSAFE.has(request.method) && !isLogin && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError(403, 'csrf-failed', '请求缺少有效的 CSRF 令牌，请刷新页面后重试', 'missing or wrong CSRF token; reload and try again');
    }
  };
}

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.user) throw notAuthenticated();
  return actorOf(request.user);
}

/** The actor or null for the public. */
export function optionalActor(request: FastifyRequest): Actor | null {
  return request.user ? actorOf(request.user) : null;
}
