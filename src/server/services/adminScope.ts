/**
 * What an administrator may administer: the system admin everything, a bureau's admin (an admin
 * bound to a region) its region and below. The policy decides (canManageRegion); this module finds
 * the region of what is being touched — a region, a department, a user's placement.
 */
import type { Kysely, Transaction } from 'kysely';
import { canManageRegion, type Actor, type Role } from '../../core/policy.ts';
import type { Database } from '../../store/schema.ts';
import { AppError, notFound } from '../appError.ts';
import { regionPath, regionSubtree } from './organisations.ts';

type Db = Kysely<Database> | Transaction<Database>;

const outside = (field: string): AppError =>
  new AppError(403, 'outside-your-region', '不在您管理的区划内', 'this is outside the region you administer', [{ field, message: 'outside your region' }]);

/** Refuses unless the actor administers the region (null: the whole system, the system admin's alone). */
export async function requireManagesRegion(db: Db, actor: Actor, regionId: string | null, field = 'regionId'): Promise<void> {
  const path = regionId === null ? [] : await regionPath(db, regionId);
  if (!canManageRegion(actor, path)) throw outside(field);
}

/** The region a role's placement belongs to: the department's region, or the region itself. */
async function placementRegion(db: Db, role: Role, departmentId: string | null, regionId: string | null): Promise<string | null> {
  if (role === 'editor' || role === 'approver') {
    if (!departmentId) return null;
    const department = await db.selectFrom('departments').select('region_id').where('id', '=', departmentId).executeTakeFirst();
    // An unknown department is the account service's error to name; here it is nobody's region.
    return department?.region_id ?? null;
  }
  return role === 'reviewer' || role === 'admin' || role === 'expert' || role === 'agency' ? regionId : null;
}

/** Refuses unless the actor administers where a (new or changed) user would be placed. */
export async function requireManagesPlacement(db: Db, actor: Actor, placement: { role: Role; departmentId: string | null; regionId: string | null }): Promise<void> {
  const region = await placementRegion(db, placement.role, placement.departmentId, placement.regionId);
  if (region === null && placement.role !== 'admin') return; // incomplete: the account service names what is missing
  await requireManagesRegion(db, actor, region, placement.role === 'editor' || placement.role === 'approver' ? 'departmentId' : 'regionId');
}

/** Refuses unless the actor administers an existing user; 404 when there is none. */
export async function requireManagesUser(db: Db, actor: Actor, userId: string): Promise<{ role: Role; departmentId: string | null; regionId: string | null }> {
  const user = await db.selectFrom('users').select(['role', 'department_id', 'region_id']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('user', '用户');
  const placement = { role: user.role, departmentId: user.department_id, regionId: user.region_id };
  const region = await placementRegion(db, placement.role, placement.departmentId, placement.regionId);
  await requireManagesRegion(db, actor, region, 'id');
  return placement;
}

/** Refuses unless the actor administers a department's region; 404 when there is none. */
export async function requireManagesDepartment(db: Db, actor: Actor, departmentId: string): Promise<void> {
  const department = await db.selectFrom('departments').select('region_id').where('id', '=', departmentId).executeTakeFirst();
  if (!department) throw notFound('department', '部门');
  await requireManagesRegion(db, actor, department.region_id, 'id');
}

/** The ids of the users an admin administers, or null for all (the system admin). */
export async function managedUserIds(db: Kysely<Database>, actor: Actor): Promise<string[] | null> {
  if (actor.regionId === null) return null;
  const regions = await regionSubtree(db, actor.regionId);
  const rows = await db
    .selectFrom('users')
    .leftJoin('departments', 'departments.id', 'users.department_id')
    .select('users.id')
    .where((eb) => eb.or([eb('users.region_id', 'in', regions), eb('departments.region_id', 'in', regions)]))
    .execute();
  return rows.map((r) => r.id);
}
