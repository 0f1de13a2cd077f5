/**
 * The one way the web app talks to the server: JSON over fetch, the CSRF header on writes, and every
 * failure — an error response or a lost connection — turned into an ApiError with a bilingual message
 * and the fields it concerns.
 */

/** A field the server named in an error. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A failed request, as the UI shows it. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's stable error id, e.g. `version-conflict`. */
    readonly id: string,
    readonly text: { zh: string; en: string },
    readonly fields: readonly FieldProblem[] = [],
    /** Extra members of the error body (e.g. the current version on a 409). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(text.en);
  }

  /** The server's message for a field (`body.content.title`, `year`, …), if it named one. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field || f.field.endsWith(`.${field}`))?.message;
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the session (sent with every cookie-authenticated write). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

interface ErrorBody {
  error?: { id?: string; message?: { zh: string; en: string }; fields?: FieldProblem[] } & Record<string, unknown>;
}

/** Sends a request to the API; resolves with the parsed body or rejects with an ApiError. */
export function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : { type: 'application/json', data: JSON.stringify(body) });
}

/** Sends a file's bytes as the request body (an upload streamed by the server), with the same answers and errors as {@link api}. */
export function apiUpload<T>(path: string, file: Blob): Promise<T> {
  return send<T>('POST', path, { type: file.type || 'application/octet-stream', data: file });
}

async function send<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body: { type: string; data: string | Blob } | undefined): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = body.type;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body?.data, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', { zh: '无法连接服务器，请检查网络后重试（已填写的内容未丢失）', en: 'cannot reach the server; check the network and retry (nothing you typed is lost)' });
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: reported below by status.
  }
  if (!response.ok) {
    const error = (parsed as ErrorBody | null)?.error;
    const { id, message, fields, ...extra } = error ?? {};
    throw new ApiError(
      response.status,
      id ?? `http-${response.status}`,
      message ?? { zh: `服务器返回错误（${response.status}）`, en: `the server answered ${response.status}` },
      fields ?? [],
      extra,
    );
  }
  return parsed as T;
}

/** Builds a query string from the defined values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
