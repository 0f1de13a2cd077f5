/**
 * The server's one error type: a stable machine id, an HTTP status, a message in Chinese and
 * English, and the offending fields. Clients translate by id; no stack trace reaches a client.
 */

/** A field an error concerns, as a path into the request body or query. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    readonly zh: string,
    readonly en: string,
    readonly fields: readonly FieldProblem[] = [],
    /** Extra data for the client, such as the current version on a conflict. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(en);
    this.name = 'AppError';
  }

  /** The JSON body of the error response. */
  toJSON(): Record<string, unknown> {
    return { error: { id: this.id, message: { zh: this.zh, en: this.en }, fields: this.fields, ...this.extra } };
  }
}

export const notAuthenticated = (): AppError => new AppError(401, 'not-authenticated', '请先登录', 'sign in first');
export const forbidden = (): AppError => new AppError(403, 'forbidden', '无权进行此操作', 'you may not do this');
export const notFound = (what: string, zh: string): AppError => new AppError(404, 'not-found', `${zh}不存在`, `${what} not found`);
