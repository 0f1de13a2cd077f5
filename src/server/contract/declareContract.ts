/**
 * Completes every route's OpenAPI contract where routes need not repeat themselves: the security of
 * the default (signed in) unless the route names its own, and the error answers any route of its kind
 * can give (400 and 404 with input, 401, 403, 409 for writes, 413/415 with a body,
 * 500), all with the one error shape. What a route must declare itself — its operationId, its 2xx
 * response schema, its tag — the contract test checks (contract.test.ts).
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { errorResponse } from './errors.ts';
import { SIGNED_IN } from './security.ts';

type Requirement = Record<string, string[]>;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error statuses a route can answer, by what it takes. */
function errorStatuses(route: RouteOptions, schema: Record<string, unknown>, security: Requirement[]): number[] {
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method).toUpperCase();
  const statuses = new Set<number>([500]);
  if (schema.params || schema.querystring || schema.body) statuses.add(400);
  // An invalid API token is a 401 on any API route; a public route answers it too.
  statuses.add(401);
  if (security.length > 0) statuses.add(403);
  // What a request names (an id in the path, a round or a form in the body or query) may not exist, or not for this user.
  if (schema.params || schema.querystring || schema.body) statuses.add(404);
  if (WRITES.has(method)) {
    statuses.add(409);
    statuses.add(403);
  }
  if (schema.body) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort();
}

/** Adds the contract's defaults to each API route as it is declared (before the routes are). */
export function declareContract(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    if (schema.hide === true || !route.url.startsWith('/api/')) return;
    const method = String(Array.isArray(route.method) ? route.method[0] : route.method).toUpperCase();
    if (method === 'HEAD') return;
    // Reads need no CSRF header: the session alone.
    const declared = (schema.security as Requirement[] | undefined) ?? SIGNED_IN;
    const security = WRITES.has(method) ? declared : declared.map((requirement) => Object.fromEntries(Object.entries(requirement).filter(([name]) => name !== 'csrf')));
    const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
    for (const status of errorStatuses(route, schema, security.filter((r) => Object.keys(r).length > 0))) response[status] ??= errorResponse(status);
    route.schema = { ...schema, security, response };
  });
}
