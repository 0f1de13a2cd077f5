/**
 * The test mode that holds the API to its contract: every answer of a described route is checked
 * against the schema it declares for that status (JSON bodies by their zod schema, files by their
 * declared content types), whether the route's object was serialised or its pre-serialised JSON text
 * sent as is. A mismatch becomes a 500 and is reported, so the test that caused it fails.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** A response that did not match its declared schema. */
export interface ResponseMismatch {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly problem: string;
}

type ResponseEntry = z.ZodType | { content: Record<string, { schema: z.ZodType }>; description?: string };

/**
 * The mismatches the JIXIAO_VALIDATE_RESPONSES mode found in this process, for the test set-up to
 * fail the test that caused them (vitest.setup.ts).
 */
export const reportedMismatches: ResponseMismatch[] = [];

/** The reporter of the JIXIAO_VALIDATE_RESPONSES mode: kept for the tests, and said on stderr. */
export function reportToTests(mismatch: ResponseMismatch): void {
  reportedMismatches.push(mismatch);
  console.error(`response contract: ${mismatch.method} ${mismatch.url} ${mismatch.status}: ${mismatch.problem}`);
}

/** The declared response of a route for a status: exact, then 2XX-style, then default. */
export function declaredResponse(responses: Record<string, unknown> | undefined, status: number): ResponseEntry | undefined {
  if (!responses) return undefined;
  return (responses[status] ?? responses[`${String(status)[0]}xx`] ?? responses[`${String(status)[0]}XX`] ?? responses.default) as ResponseEntry | undefined;
}

/** What is wrong with a payload given its declared response (null: it matches). */
function mismatch(entry: ResponseEntry | undefined, contentType: string, payload: unknown): string | null {
  if (!entry) return 'no response is declared for this status';
  const mediaType = contentType.split(';')[0]?.trim() ?? '';
  let schema: z.ZodType;
  if (entry instanceof z.ZodType) {
    if (payload === null || payload === undefined || payload === '') return 'an empty body where JSON is declared';
    if (mediaType !== 'application/json') return `content type ${mediaType || '(none)'} where application/json is declared`;
    schema = entry;
  } else {
    const declared = entry.content[mediaType];
    if (!declared) return `content type ${mediaType || '(none)'} is not among the declared ${Object.keys(entry.content).join(', ')}`;
    if (mediaType !== 'application/json') return null;
    schema = declared.schema;
  }
  let body: unknown;
  try {
    body = typeof payload === 'string' ? JSON.parse(payload) : Buffer.isBuffer(payload) ? JSON.parse(payload.toString('utf8')) : undefined;
  } catch {
    return 'the body is not JSON';
  }
  if (body === undefined) return null; // A stream: its bytes are not held here.
  const parsed = schema.safeParse(body);
  if (parsed.success) return null;
  return parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Checks every answer of a described API route; `report` hears each mismatch (and the request fails with a 500). */
export function validateResponses(app: FastifyInstance, report: (mismatch: ResponseMismatch) => void): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const schema = request.routeOptions.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
    if (!schema || schema.hide === true || !request.routeOptions.url?.startsWith('/api/')) return payload;
    // A mismatch already reported answers the 500 it became.
    if ((reply as unknown as { contractFailed?: boolean }).contractFailed) return payload;
    const status = reply.statusCode;
    if (status === 204 || status === 304 || request.method === 'HEAD') return payload;
    // A route not yet described at all (no success answer declared) is the contract test's to refuse.
    if (!Object.keys(schema.response ?? {}).some((code) => /^2/.test(code))) return payload;
    const problem = mismatch(declaredResponse(schema.response, status), String(reply.getHeader('content-type') ?? ''), payload);
    if (!problem) return payload;
    const found = { method: request.method, url: request.routeOptions.url, status, problem };
    report(found);
    (reply as unknown as { contractFailed?: boolean }).contractFailed = true;
    throw new Error(`the ${request.method} ${request.routeOptions.url} answer (${status}) does not match its schema: ${problem}`);
  });
}
