/** Users, sign-in sessions and API tokens. Secrets are stored only as hashes. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Actor, Role } from '../../core/policy.ts';
import { requireManagesUser } from './adminScope.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { TokenView, UserView } from '../../format/apiTypes.ts';
import type { Database, UsersTable } from '../../store/schema.ts';
import { AppError, notFound } from '../appError.ts';
import { passwordProblem } from '../passwordPolicy.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';

/** Session lifetime. */
const SESSION_HOURS = 12;
/** API tokens expire after this many days unless asked otherwise (at most a year). */
export const TOKEN_DAYS_DEFAULT = 90;
export const TOKEN_DAYS_MAX = 365;

/** Usernames: letters, digits and `_ . -`, 2–64 long — the same rule for the API and the CLI. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{2,64}$/;

/** Refuses a password the policy does not accept, naming the field. */
function requireGoodPassword(password: string, owner: { username?: string; displayName?: string }, field = 'password'): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw new AppError(400, 'weak-password', problem.zh, problem.en, [{ field, message: problem.en }]);
}

export type { TokenView, UserView };

export function presentUser(row: UsersTable): UserView {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, departmentId: row.department_id, regionId: row.region_id, disabled: row.disabled, demo: row.demo, email: row.email };
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
  /** An account of the demo (only signs in while the server runs with --demo). */
  demo?: boolean;
  /** Where e-mail notifications go. */
  email?: string | null;
}

/** An e-mail address as stored: trimmed, empty as none; one that is not an address is refused, naming the field. */
function normalEmail(email: string | null): string | null {
  const trimmed = email?.trim() ?? '';
  if (trimmed === '') return null;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) || trimmed.length > 254) {
    throw new AppError(400, 'validation-failed', `「${trimmed}」不是有效的电子邮箱地址`, `"${trimmed}" is not an e-mail address`, [{ field: 'email', message: 'not an e-mail address' }]);
  }
  return trimmed;
}

/** The department or region a role needs, checked to exist; the one it does not use is cleared. */
async function placement(trx: Transaction<Database>, role: Role, departmentId: string | null, regionId: string | null): Promise<{ department_id: string | null; region_id: string | null }> {
  if ((role === 'editor' || role === 'approver') && !departmentId) {
    throw new AppError(400, 'validation-failed', '部门填报员和部门负责人须属于一个部门', 'editors and approvers belong to a department', [{ field: 'departmentId', message: 'required for this role' }]);
  }
  if (role === 'reviewer' && !regionId) {
    throw new AppError(400, 'validation-failed', '财政审核员须指定负责的区划', 'a reviewer reviews a region', [{ field: 'regionId', message: 'required for this role' }]);
  }
  if ((role === 'expert' || role === 'agency') && !regionId) {
    throw new AppError(400, 'validation-failed', '专家和第三方机构须指定聘用其的区划（财政局）', 'an expert or agency is engaged by the bureau of a region', [{ field: 'regionId', message: 'required for this role' }]);
  }
  // An expert may work in a department: never assigned to its own department's documents (conflict of interest).
  const department_id = role === 'editor' || role === 'approver' || role === 'expert' ? departmentId : null;
  // An admin with a region is that bureau's admin; without one, the system's. Experts and agencies are engaged by a region's bureau.
  const region_id = role === 'reviewer' || role === 'admin' || role === 'expert' || role === 'agency' ? regionId : null;
  if (department_id) {
    const department = await trx.selectFrom('departments').select(['id', 'archived_at']).where('id', '=', department_id).executeTakeFirst();
    if (!department) throw new AppError(400, 'validation-failed', '部门不存在', 'no such department', [{ field: 'departmentId', message: 'unknown department' }]);
    if (department.archived_at) throw new AppError(400, 'validation-failed', '部门已归档，不能再分配用户', 'the department is archived and takes no users', [{ field: 'departmentId', message: 'archived' }]);
  }
  if (region_id && !(await trx.selectFrom('regions').select('id').where('id', '=', region_id).executeTakeFirst())) {
    throw new AppError(400, 'validation-failed', '区划不存在', 'no such region', [{ field: 'regionId', message: 'unknown region' }]);
  }
  return { department_id, region_id };
}

/** Creates a user; the department or region must fit the role, the password must meet the policy. */
export async function createUser(trx: Transaction<Database>, actorId: string | null, input: NewUser): Promise<UserView> {
  if (!USERNAME_PATTERN.test(input.username)) {
    throw new AppError(400, 'validation-failed', '用户名只能包含字母、数字和 _ . -，长 2–64 个字符', 'a username has 2–64 letters, digits or _ . -', [{ field: 'username', message: 'letters, digits, _ . - (2–64)' }]);
  }
  requireGoodPassword(input.password, { username: input.username, displayName: input.displayName });
  const placed = await placement(trx, input.role, input.departmentId, input.regionId);
  if (await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst()) {
    throw new AppError(409, 'conflict', `用户名 ${input.username} 已被使用`, `the username ${input.username} is taken`, [{ field: 'username', message: 'taken' }]);
  }
  const row: UsersTable = {
    id: randomUUID(),
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    ...placed,
    password_hash: await hashPassword(input.password),
    disabled: false,
    demo: input.demo ?? false,
    created_at: new Date().toISOString(),
    email: normalEmail(input.email ?? null),
  };
  await trx.insertInto('users').values(row).execute();
  await appendAudit(trx, { actorId, action: 'user.create', entity: 'user', entityId: row.id, detail: { username: row.username, role: row.role } });
  return presentUser(row);
}

export async function listUsers(db: Kysely<Database>): Promise<UserView[]> {
  return (await db.selectFrom('users').selectAll().orderBy('username').execute()).map(presentUser);
}

/** What an administrator may change of a user. */
export interface UserChanges {
  disabled?: boolean;
  password?: string;
  displayName?: string;
  role?: Role;
  departmentId?: string | null;
  regionId?: string | null;
  email?: string | null;
}

/** Ends every way a user is signed in: sessions and API tokens (after a password reset or disabling). */
async function signOutEverywhere(trx: Transaction<Database>, userId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await trx.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** Changes a user (an administrator's action): every change audited, a new password or disabling signs them out everywhere. */
export async function updateUser(trx: Transaction<Database>, actorId: string, id: string, changes: UserChanges): Promise<UserView> {
  const user = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw notFound('user', '用户');
  if (actorId === id && (changes.disabled === true || (changes.role !== undefined && changes.role !== user.role))) {
    throw new AppError(409, 'self-lockout', '不能停用自己的账号或改变自己的角色', 'you cannot disable your own account or change your own role', [{ field: changes.disabled ? 'disabled' : 'role', message: 'own account' }]);
  }
  const update: Partial<UsersTable> = {};
  if (changes.disabled !== undefined) update.disabled = changes.disabled;
  if (changes.displayName !== undefined) update.display_name = changes.displayName;
  if (changes.email !== undefined) update.email = normalEmail(changes.email);
  if (changes.password !== undefined) {
    requireGoodPassword(changes.password, { username: user.username, displayName: changes.displayName ?? user.display_name });
    update.password_hash = await hashPassword(changes.password);
  }
  if (changes.role !== undefined || changes.departmentId !== undefined || changes.regionId !== undefined) {
    const role = changes.role ?? user.role;
    const placed = await placement(trx, role, changes.departmentId !== undefined ? changes.departmentId : user.department_id, changes.regionId !== undefined ? changes.regionId : user.region_id);
    update.role = role;
    update.department_id = placed.department_id;
    update.region_id = placed.region_id;
  }
  if (Object.keys(update).length > 0) await trx.updateTable('users').set(update).where('id', '=', id).execute();
  const roleOrPlaceChanged = update.role !== undefined && (update.role !== user.role || update.department_id !== user.department_id || update.region_id !== user.region_id);
  if (changes.disabled || changes.password !== undefined || roleOrPlaceChanged) await signOutEverywhere(trx, id);
  await appendAudit(trx, {
    actorId,
    action: 'user.update',
    entity: 'user',
    entityId: id,
    detail: {
      username: user.username,
      ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
      ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
      ...(changes.email !== undefined ? { email: update.email ?? null } : {}),
      ...(changes.password !== undefined ? { passwordReset: true } : {}),
      ...(roleOrPlaceChanged ? { role: update.role, departmentId: update.department_id, regionId: update.region_id } : {}),
    },
  });
  return presentUser({ ...user, ...update });
}

/** A user changes their own password: the current one is asked for, every other session and token ends. */
export async function changeOwnPassword(trx: Transaction<Database>, userId: string, keepSession: string | null, current: string, next: string): Promise<void> {
  const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('user', '用户');
  if (!(await verifyPassword(user.password_hash, current))) {
    throw new AppError(400, 'bad-credentials', '当前密码不正确', 'the current password is wrong', [{ field: 'currentPassword', message: 'wrong password' }]);
  }
  if (current === next) throw new AppError(400, 'validation-failed', '新密码与当前密码相同', 'the new password is the current one', [{ field: 'newPassword', message: 'unchanged' }]);
  requireGoodPassword(next, { username: user.username, displayName: user.display_name }, 'newPassword');
  await trx.updateTable('users').set({ password_hash: await hashPassword(next) }).where('id', '=', userId).execute();
  let sessions = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSession) sessions = sessions.where('id', '!=', sha256(keepSession));
  await sessions.execute();
  await trx.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  await appendAudit(trx, { actorId: userId, action: 'user.password', entity: 'user', entityId: userId, detail: { username: user.username } });
}

/** Checks a username and password; null when either is wrong or the account is disabled (or a demo account outside demo mode). */
export async function authenticate(db: Kysely<Database>, username: string, password: string, options: { demo: boolean } = { demo: true }): Promise<UserView | null> {
  const checked = await checkSignIn(db, username, password, options);
  return checked.user;
}

/**
 * A sign-in checked, with why it is refused: a wrong username or password (never told apart), or —
 * only to someone who knows the password — an account that is disabled, so that its owner is not
 * sent looking for a typo.
 */
export async function checkSignIn(db: Kysely<Database>, username: string, password: string, options: { demo: boolean }): Promise<{ user: UserView; refused: null } | { user: null; refused: 'wrong' | 'disabled' }> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  // Verify against a dummy hash for unknown users too, so timing does not tell which usernames exist.
  dummyHash ??= hashPassword(newSecret());
  const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
  if (!user || !ok || (!options.demo && user.demo)) return { user: null, refused: 'wrong' };
  if (user.disabled) return { user: null, refused: 'disabled' };
  return { user: presentUser(user), refused: null };
}

let dummyHash: Promise<string> | undefined;

/** Starts a session; returns the token for the cookie and the CSRF token for the client. */
export async function startSession(trx: Transaction<Database>, user: UserView, address?: string): Promise<{ token: string; csrfToken: string }> {
  const token = newSecret();
  const csrfToken = newSecret();
  const now = new Date();
  await trx
    .insertInto('sessions')
    .values({ id: sha256(token), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() })
    .execute();
  await appendAudit(trx, { actorId: user.id, action: 'session.start', entity: 'user', entityId: user.id, detail: address ? { address } : {} });
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

/** Creates an API token for scripts; the token is shown once and stored hashed. It expires. */
export async function createApiToken(trx: Transaction<Database>, user: UserView, name: string, days = TOKEN_DAYS_DEFAULT): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = `jx_${newSecret()}`;
  const id = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + Math.min(days, TOKEN_DAYS_MAX) * 86_400_000).toISOString();
  await trx.insertInto('api_tokens').values({ id, user_id: user.id, name, token_hash: sha256(token), created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, last_used_at: null }).execute();
  await appendAudit(trx, { actorId: user.id, action: 'token.create', entity: 'user', entityId: user.id, detail: { name, tokenId: id, expiresAt } });
  return { id, token, expiresAt };
}

/** A user's API tokens, newest first (an administrator may list anyone's). */
export async function listApiTokens(db: Kysely<Database>, userId: string): Promise<TokenView[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at, userId: r.user_id }));
}

/**
 * Revokes a token: its owner's own, or one of a user the administrator administers (a bureau's admin:
 * the users of its region, as for listing them; never the system admin's).
 */
export async function revokeApiToken(trx: Transaction<Database>, actor: Actor, tokenId: string): Promise<void> {
  const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
  if (!row || (row.user_id !== actor.id && actor.role !== 'admin')) throw notFound('token', 'API 令牌');
  if (row.user_id !== actor.id) await requireManagesUser(trx, actor, row.user_id);
  if (row.revoked_at) return;
  await trx.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', tokenId).execute();
  await appendAudit(trx, { actorId: actor.id, action: 'token.revoke', entity: 'user', entityId: row.user_id, detail: { name: row.name, tokenId } });
}

/** The user an API token belongs to, or null (unknown, revoked, expired, or the account disabled). */
export async function tokenUser(db: Kysely<Database>, token: string): Promise<UserView | null> {
  const now = new Date().toISOString();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled || row.revoked_at || (row.expires_at !== null && row.expires_at <= now)) return null;
  // When it was last used, to the hour: a write per request would make every read a write.
  if (!row.last_used_at || row.last_used_at < new Date(Date.now() - 3600_000).toISOString()) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute();
  }
  return presentUser(row);
}
