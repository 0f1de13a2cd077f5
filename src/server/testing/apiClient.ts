/** A small HTTP client for API tests: one cookie jar and CSRF token per user, like a browser. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  private cookie: string | null = null;
  private csrf: string | null = null;
  private token: string | null = null;

  constructor(private readonly base: string) {}

  /** Signs in; throws when the server refuses. */
  async login(username: string, password: string): Promise<this> {
    const response = await this.request('POST', '/api/v1/session', { username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    return this;
  }

  /** Uses an API token instead of the session. */
  useToken(token: string): this {
    this.token = token;
    return this;
  }

  /** Forgets the CSRF token (to test the CSRF door). */
  dropCsrf(): this {
    this.csrf = null;
    return this;
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const all: Record<string, string> = { ...headers };
    if (body !== undefined && typeof body !== 'string') all['content-type'] ??= 'application/json';
    if (this.cookie) all.cookie = this.cookie;
    if (this.csrf) all['x-csrf-token'] = this.csrf;
    if (this.token) all.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.base}${path}`, { method, headers: all, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    const csrf = (parsed as { csrfToken?: string } | null)?.csrfToken;
    if (typeof csrf === 'string') this.csrf = csrf;
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** A GET whose body is kept as bytes (fetch's text() drops a byte-order mark). */
  async bytes(path: string): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.base}${path}`, { headers });
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
  }

  /** Sends bytes as the raw request body (an upload), as a browser's fetch of a File does. */
  async send<T = Record<string, unknown>>(method: string, path: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'content-type': contentType };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.base}${path}`, { method, headers, body: bytes });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
}
