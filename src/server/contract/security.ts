/**
 * Who may call an operation, as OpenAPI security requirements. A route declares `security` in its
 * schema only when it differs from the default (signed in, by session or by token).
 */

/** The schemes: a session cookie (writes need the CSRF header too) or an API token. */
export const SECURITY_SCHEMES = {
  session: { type: 'apiKey', in: 'cookie', name: 'jixiao_session', description: 'The session cookie set by POST /api/v1/session (the web app)' },
  csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'With the session cookie, on POST/PUT/PATCH/DELETE: the csrfToken answered by POST or GET /api/v1/session' },
  token: { type: 'http', scheme: 'bearer', description: 'An API token (POST /api/v1/tokens) for scripts: Authorization: Bearer <token>; no CSRF header' },
} as const;

/** Signed in: a session with its CSRF header, or an API token (the default of every route). */
export const SIGNED_IN: Array<Record<string, string[]>> = [{ session: [], csrf: [] }, { token: [] }];
/** Anyone; a signed-in user sees more (their drafts, their department's documents). */
export const ANYONE_OR_SIGNED_IN: Array<Record<string, string[]>> = [{}, ...SIGNED_IN];
/** Anyone, no credentials (sign-in, public data). */
export const PUBLIC: Array<Record<string, string[]>> = [];
