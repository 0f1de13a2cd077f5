/** Regions (省 → 市 → 区/县) and the departments in them. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../store/auditLog.ts';
import type { RegionNode } from '../../format/apiTypes.ts';
import type { Database, RegionsTable } from '../../store/schema.ts';
import { AppError, notFound } from '../appError.ts';

export type { RegionNode };

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

/**
 * Regions and departments, cached in memory: every request checks a region path and they change
 * rarely. Nothing is ever moved or deleted, so a cache that reloads on a miss is never stale in a
 * way that matters, even with several server processes on one PostgreSQL.
 */
class Directory {
  private parents = new Map<string, string | null>();
  private departments = new Map<string, { name: string; regionId: string }>();
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  async reload(): Promise<void> {
    this.loading ??= (async () => {
      const [regions, departments] = await Promise.all([
        this.db.selectFrom('regions').select(['id', 'parent_id']).execute(),
        this.db.selectFrom('departments').select(['id', 'name', 'region_id']).execute(),
      ]);
      this.parents = new Map(regions.map((r) => [r.id, r.parent_id]));
      this.departments = new Map(departments.map((d) => [d.id, { name: d.name, regionId: d.region_id }]));
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async department(id: string): Promise<{ name: string; regionId: string } | undefined> {
    if (!this.departments.has(id)) await this.reload();
    return this.departments.get(id);
  }

  async path(regionId: string): Promise<string[]> {
    if (!this.parents.has(regionId)) await this.reload();
    const path: string[] = [];
    for (let current: string | null | undefined = regionId; current && path.length < 10; current = this.parents.get(current)) path.push(current);
    return path;
  }

  async subtree(regionId: string): Promise<string[]> {
    if (!this.parents.has(regionId)) await this.reload();
    const result = [regionId];
    for (let i = 0; i < result.length; i++) for (const [id, parent] of this.parents) if (parent === result[i]) result.push(id);
    return result;
  }
}

// One directory per database handle (a process has one or two).
const directories = new WeakMap<object, Directory>();

/** The cached directory of a database (a transaction uses its database's). */
function directory(db: Kysely<Database> | Transaction<Database>): Directory {
  const key = db as object;
  let found = directories.get(key);
  if (!found) {
    found = new Directory(db as Kysely<Database>);
    directories.set(key, found);
  }
  return found;
}

/** A region and every region above it, nearest first. */
export async function regionPath(db: Kysely<Database> | Transaction<Database>, regionId: string): Promise<string[]> {
  return directory(db).path(regionId);
}

/** Every region at or below a region. */
export async function regionSubtree(db: Kysely<Database>, regionId: string): Promise<string[]> {
  return directory(db).subtree(regionId);
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
  const department = await directory(db).department(departmentId);
  if (!department) throw notFound('department', '部门');
  return { id: departmentId, name: department.name, regionId: department.regionId, regionPath: await directory(db).path(department.regionId) };
}
