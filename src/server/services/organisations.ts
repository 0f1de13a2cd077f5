/** Regions (省 → 市 → 区/县) and the departments in them. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../store/auditLog.ts';
import type { Database, RegionsTable } from '../../store/schema.ts';
import { AppError, notFound } from '../appError.ts';

export interface RegionNode {
  id: string;
  name: string;
  level: RegionsTable['level'];
  parentId: string | null;
  departments: Array<{ id: string; name: string }>;
  children: RegionNode[];
}

/** The whole tree of regions with their departments. */
export async function regionTree(db: Kysely<Database>): Promise<RegionNode[]> {
  const [regions, departments] = await Promise.all([
    db.selectFrom('regions').selectAll().orderBy('name').execute(),
    db.selectFrom('departments').selectAll().orderBy('name').execute(),
  ]);
  const nodes = new Map<string, RegionNode>(regions.map((r) => [r.id, { id: r.id, name: r.name, level: r.level, parentId: r.parent_id, departments: [], children: [] }]));
  for (const d of departments) nodes.get(d.region_id)?.departments.push({ id: d.id, name: d.name });
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** A region and every region above it, nearest first. */
export async function regionPath(db: Kysely<Database> | Transaction<Database>, regionId: string): Promise<string[]> {
  const path: string[] = [];
  let current: string | null = regionId;
  while (current !== null && path.length < 10) {
    path.push(current);
    const row: { parent_id: string | null } | undefined = await db.selectFrom('regions').select('parent_id').where('id', '=', current).executeTakeFirst();
    current = row?.parent_id ?? null;
  }
  return path;
}

/** Every region at or below a region. */
export async function regionSubtree(db: Kysely<Database>, regionId: string): Promise<string[]> {
  const regions = await db.selectFrom('regions').select(['id', 'parent_id']).execute();
  const result = [regionId];
  for (let i = 0; i < result.length; i++) for (const r of regions) if (r.parent_id === result[i]) result.push(r.id);
  return result;
}

export async function createRegion(trx: Transaction<Database>, actorId: string, input: { name: string; level: RegionsTable['level']; parentId: string | null }): Promise<string> {
  if (input.parentId) {
    const parent = await trx.selectFrom('regions').select('id').where('id', '=', input.parentId).executeTakeFirst();
    if (!parent) throw new AppError(400, 'validation-failed', '上级区划不存在', 'the parent region does not exist', [{ field: 'parentId', message: 'unknown region' }]);
  }
  const id = randomUUID();
  await trx.insertInto('regions').values({ id, name: input.name, level: input.level, parent_id: input.parentId }).execute();
  await appendAudit(trx, { actorId, action: 'region.create', entity: 'region', entityId: id, detail: input });
  return id;
}

export async function createDepartment(trx: Transaction<Database>, actorId: string, input: { name: string; regionId: string }): Promise<string> {
  const region = await trx.selectFrom('regions').select('id').where('id', '=', input.regionId).executeTakeFirst();
  if (!region) throw new AppError(400, 'validation-failed', '区划不存在', 'the region does not exist', [{ field: 'regionId', message: 'unknown region' }]);
  const clash = await trx.selectFrom('departments').select('id').where('region_id', '=', input.regionId).where('name', '=', input.name).executeTakeFirst();
  if (clash) throw new AppError(409, 'conflict', '该区划下已有同名部门', 'a department of that name exists in the region', [{ field: 'name', message: 'already exists' }]);
  const id = randomUUID();
  await trx.insertInto('departments').values({ id, name: input.name, region_id: input.regionId }).execute();
  await appendAudit(trx, { actorId, action: 'department.create', entity: 'department', entityId: id, detail: input });
  return id;
}

/** A department with the path of its region, or 404. */
export async function departmentWithPath(db: Kysely<Database> | Transaction<Database>, departmentId: string): Promise<{ id: string; name: string; regionId: string; regionPath: string[] }> {
  const department = await db.selectFrom('departments').selectAll().where('id', '=', departmentId).executeTakeFirst();
  if (!department) throw notFound('department', '部门');
  return { id: department.id, name: department.name, regionId: department.region_id, regionPath: await regionPath(db, department.region_id) };
}
