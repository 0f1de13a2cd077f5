/**
 * The one error shape every 4xx and 5xx answer has (AppError.toJSON plus the request id), and which of
 * them an operation declares: the ones any route of its kind can give, added to every route by
 * `declareContract`, plus those a route names itself (422 for a file it cannot read, 503 without jobs).
 */
import { z } from 'zod';

/** The body of every error answer. */
export const errorBody = z
  .object({
    error: z
      .object({
        id: z.string().describe('a stable machine id: validation-failed, not-authenticated, forbidden, not-found, conflict, …'),
        message: z.object({ zh: z.string(), en: z.string() }).describe('what happened, in Chinese and English'),
        fields: z.array(z.object({ field: z.string().describe('a path into the request: body.year, params.id'), message: z.string() })).describe('the offending fields (may be empty)'),
      })
      .catchall(z.unknown())
      .describe('extra members some errors carry, such as the current version on a 409'),
    requestId: z.string().describe('the x-request-id of the request, to quote when reporting a problem'),
  })
  .meta({ id: 'Error', description: 'An error: a stable id, a message in Chinese and English, the fields concerned' });

/** The error answers a route may give, by status, and what each means. */
export const ERROR_MEANINGS: Record<number, string> = {
  400: 'The request is not valid (fields named in error.fields)',
  401: 'Not signed in, or the API token is not valid',
  403: 'Not allowed (the policy), or a cookie-authenticated write without the CSRF header',
  404: 'No such thing, or not visible to the user',
  409: 'A conflict: a stale baseVersion, a duplicate, or a state that does not allow the step',
  413: 'The body is too large',
  415: 'Unsupported content type',
  422: 'The file could not be read as what it should be',
  429: 'Too many requests; try again later',
  500: 'An internal error (logged; nothing internal is said)',
  503: 'Not available on this server (background jobs off)',
};

/** A response entry for an error status: the one error shape with its meaning. */
export function errorResponse(status: number) {
  return errorBody.describe(ERROR_MEANINGS[status] ?? 'An error');
}
