/** Users, sign-in sessions and API tokens. Secrets are stored only as hashes. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor, Role } from '../../core/policy.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { UserView } from '../../format/apiTypes.ts';
import type { Database, UsersTable } from '../../store/schema.ts';
import { AppError, notFound } from '../appError.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';

/** Session lifetime. */
const SESSION_HOURS = 12;

export type { UserView };

export function presentUser(row: UsersTable): UserView {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, departmentId: row.department_id, regionId: row.region_id, disabled: row.disabled };
}

export function actorOf(user: UserView): Actor {
  return { id: user.id, role: user.role, departmentId: user.departmentId, regionId: user.regionId };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A new random secret (URL-safe). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  departmentId: string | null;
  regionId: string | null;
}

/** Creates a user; the department or region must fit the role. */
export async function createUser(trx: Transaction<Database>, actorId: string | null, input: NewUser): Promise<UserView> {
  if ((input.role === 'editor' || input.role === 'approver') && !input.departmentId) {
    throw new AppError(400, 'validation-failed', '部门填报员和部门负责人须属于一个部门', 'editors and approvers belong to a department', [{ field: 'departmentId', message: 'required for this role' }]);
  }
  if (input.role === 'reviewer' && !input.regionId) {
    throw new AppError(400, 'validation-failed', '财政审核员须指定负责的区划', 'a reviewer reviews a region', [{ field: 'regionId', message: 'required for this role' }]);
  }
  if (input.departmentId && !(await trx.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst())) {
    throw new AppError(400, 'validation-failed', '部门不存在', 'no such department', [{ field: 'departmentId', message: 'unknown department' }]);
  }
  if (input.regionId && !(await trx.selectFrom('regions').select('id').where('id', '=', input.regionId).executeTakeFirst())) {
    throw new AppError(400, 'validation-failed', '区划不存在', 'no such region', [{ field: 'regionId', message: 'unknown region' }]);
  }
  if (await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
    throw new AppError(409, 'conflict', `用户名 ${input.username} 已被使用`, `the username ${input.username} is taken`, [{ field: 'username', message: 'taken' }]);
  }
  const row: UsersTable = {
    id: randomUUID(),
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    department_id: input.role === 'editor' || input.role === 'approver' ? input.departmentId : null,
    region_id: input.role === 'reviewer' ? input.regionId : null,
    password_hash: await hashPassword(input.password),
    disabled: false,
    created_at: new Date().toISOString(),
  };
  await trx.insertInto('users').values(row).execute();
  await appendAudit(trx, { actorId, action: 'user.create', entity: 'user', entityId: row.id, detail: { username: row.username, role: row.role } });
  return presentUser(row);
}

export async function listUsers(db: Kysely<Database>): Promise<UserView[]> {
  return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(presentUser);
}

export async function updateUser(trx: Transaction<Database>, actorId: string, id: string, changes: { disabled?: boolean; password?: string; displayName?: string }): Promise<UserView> {
  const user = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('user', '用户');
  const update: Partial<UsersTable> = {};
  if (changes.disabled !== undefined) update.disabled = changes.disabled;
  if (changes.displayName !== undefined) update.display_name = changes.displayName;
  if (changes.password !== undefined) update.password_hash = await hashPassword(changes.password);
  if (Object.keys(update).length > 0) await trx.updateTable('users').set(update).where('id', '=', id).execute();
  if (changes.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  await appendAudit(trx, { actorId, action: 'user.update', entity: 'user', entityId: id, detail: { disabled: changes.disabled, displayName: changes.displayName, passwordChanged: changes.password !== undefined } });
  return presentUser({ ...user, ...update });
}

/** Checks a username and password; null when either is wrong or the account is disabled. */
export async function authenticate(db: Kysely<Database>, username: string, password: string): Promise<UserView | null> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  // Verify against a dummy hash for unknown users too, so timing does not tell which usernames exist.
  dummyHash ??= hashPassword(newSecret());
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  return user && ok && !user.disabled ? presentUser(user) : null;
}

let dummyHash: Promise<string> | undefined;

/** Starts a session; returns the token for the cookie and the CSRF token for the client. */
export async function startSession(trx: Transaction<Database>, user: UserView): Promise<{ token: string; csrfToken: string }> {
  const token = newSecret();
  const csrfToken = newSecret();
  const now = new Date();
  await trx
    .insertInto('sessions')
    .values({ id: sha256(token), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() })
    .execute();
  await appendAudit(trx, { actorId: user.id, action: 'session.start', entity: 'user', entityId: user.id });
  return { token, csrfToken };
}

/** The user and CSRF token of a live session, or null. */
export async function sessionUser(db: Kysely<Database>, token: string): Promise<{ user: UserView; csrfToken: string } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.csrf_token', 'sessions.expires_at'])
    .where('sessions.id', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.expires_at < new Date().toISOString()) return null;
  return { user: presentUser(row), csrfToken: row.csrf_token };
}

export async function endSession(trx: Transaction<Database>, token: string, userId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
  await appendAudit(trx, { actorId: userId, action: 'session.end', entity: 'user', entityId: userId });
}

/** Creates an API token for scripts; the token is shown once and stored hashed. */
export async function createApiToken(trx: Transaction<Database>, user: UserView, name: string): Promise<{ id: string; token: string }> {
  const token = `jx_${newSecret()}`;
  const id = randomUUID();
  await trx.insertInto('api_tokens').values({ id, user_id: user.id, name, token_hash: sha256(token), created_at: new Date().toISOString() }).execute();
  await appendAudit(trx, { actorId: user.id, action: 'token.create', entity: 'user', entityId: user.id, detail: { name } });
  return { id, token };
}

/** The user an API token belongs to, or null. */
export async function tokenUser(db: Kysely<Database>, token: string): Promise<UserView | null> {
  const row = await db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id').selectAll('users').where('api_tokens.token_hash', '=', sha256(token)).executeTakeFirst();
  return row && !row.disabled ? presentUser(row) : null;
}
