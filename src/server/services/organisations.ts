/** Regions (省 → 市 → 区/县) and the departments in them. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../store/auditLog.ts';
import { sql } from 'kysely';
import type { RegionNode, RegionSettings } from '../../format/apiTypes.ts';
import type { Database, RegionsTable } from '../../store/schema.ts';
import { AppError, notFound } from '../appError.ts';

export type { RegionNode };

/** The whole tree of regions with their departments. */
export async function regionTree(db: Kysely<Database>): Promise<RegionNode[]> {
  const [regions, departments] = await Promise.all([
    db.selectFrom('regions').selectAll().orderBy('name').execute(),
    db.selectFrom('departments').selectAll().orderBy('name').execute(),
  ]);
  const nodes = new Map<string, RegionNode>(
    regions.map((r) => [r.id, { id: r.id, name: r.name, level: r.level, parentId: r.parent_id, departments: [], children: [], settings: (r.settings ?? {}) as RegionSettings }]),
  );
  for (const d of departments) nodes.get(d.region_id)?.departments.push({ id: d.id, name: d.name, archivedAt: d.archived_at });
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The channel on which every change of a region or department is announced to every server process. */
export const DIRECTORY_CHANGED = 'jixiao_directory_changed';

/**
 * Regions and departments, cached in memory: every request checks a region path and they change
 * rarely. Nothing is ever deleted; a rename, an archive or a settings change drops the cache of
 * this process at once, and of the others through {@link DIRECTORY_CHANGED}.
 */
class Directory {
  private parents = new Map<string, string | null>();
  private settings = new Map<string, RegionSettings>();
  private departments = new Map<string, { name: string; regionId: string; archivedAt: string | null }>();
  private generation = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  /** Forgets everything; the next look-up reloads. */
  forget(): void {
    this.generation++;
    this.parents = new Map();
    this.settings = new Map();
    this.departments = new Map();
  }

  async reload(): Promise<void> {
    this.loading ??= (async () => {
      // Forgotten while reading (another process announced a change): what was read may be stale,
      // so read again; returning with nothing loaded would answer a look-up with "not found".
      for (;;) {
        const generation = this.generation;
        const [regions, departments] = await Promise.all([
          this.db.selectFrom('regions').select(['id', 'parent_id', 'settings']).execute(),
          this.db.selectFrom('departments').select(['id', 'name', 'region_id', 'archived_at']).execute(),
        ]);
        if (generation !== this.generation) continue;
        this.parents = new Map(regions.map((r) => [r.id, r.parent_id]));
        this.settings = new Map(regions.map((r) => [r.id, (r.settings ?? {}) as RegionSettings]));
        this.departments = new Map(departments.map((d) => [d.id, { name: d.name, regionId: d.region_id, archivedAt: d.archived_at }]));
        return;
      }
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async settingsOf(regionId: string): Promise<RegionSettings> {
    if (!this.settings.has(regionId)) await this.reload();
    return this.settings.get(regionId) ?? {};
  }

  async department(id: string): Promise<{ name: string; regionId: string; archivedAt: string | null } | undefined> {
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

/** Drops a database's cached directory (after a change, or when another process announced one). */
export function directoryChanged(db: Kysely<Database> | Transaction<Database>): void {
  directories.get(db as object)?.forget();
}

/** In a write's transaction: tells every server process, on commit, that regions or departments changed. */
async function announceDirectoryChange(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_notify(${DIRECTORY_CHANGED}, '')`.execute(trx);
}

/** The settings in force for a region: for each setting, the nearest region on its path that sets it. */
export async function effectiveSettings(db: Kysely<Database> | Transaction<Database>, regionPath: readonly string[]): Promise<RegionSettings> {
  const merged: RegionSettings = {};
  for (const regionId of [...regionPath].reverse()) Object.assign(merged, await directory(db).settingsOf(regionId));
  return merged;
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
  await trx.insertInto('regions').values({ id, name: input.name, level: input.level, parent_id: input.parentId, settings: '{}' }).execute();
  await announceDirectoryChange(trx);
  await appendAudit(trx, { actorId, action: 'region.create', entity: 'region', entityId: id, detail: input });
  return id;
}

export async function createDepartment(trx: Transaction<Database>, actorId: string, input: { name: string; regionId: string }): Promise<string> {
  const region = await trx.selectFrom('regions').select('id').where('id', '=', input.regionId).executeTakeFirst();
  if (!region) throw new AppError(400, 'validation-failed', '区划不存在', 'the region does not exist', [{ field: 'regionId', message: 'unknown region' }]);
  const clash = await trx.selectFrom('departments').select('id').where('region_id', '=', input.regionId).where('name', '=', input.name).executeTakeFirst();
  if (clash) throw new AppError(409, 'conflict', '该区划下已有同名部门', 'a department of that name exists in the region', [{ field: 'name', message: 'already exists' }]);
  const id = randomUUID();
  await trx.insertInto('departments').values({ id, name: input.name, region_id: input.regionId, archived_at: null }).execute();
  await announceDirectoryChange(trx);
  await appendAudit(trx, { actorId, action: 'department.create', entity: 'department', entityId: id, detail: input });
  return id;
}

/** A department with the path of its region, or 404. */
export async function departmentWithPath(
  db: Kysely<Database> | Transaction<Database>,
  departmentId: string,
): Promise<{ id: string; name: string; regionId: string; regionPath: string[]; archivedAt: string | null }> {
  const department = await directory(db).department(departmentId);
  if (!department) throw notFound('department', '部门');
  return { id: departmentId, name: department.name, regionId: department.regionId, regionPath: await directory(db).path(department.regionId), archivedAt: department.archivedAt };
}

/** Renames a region, or changes its settings (an administrator's action). */
export async function updateRegion(trx: Transaction<Database>, actorId: string, id: string, changes: { name?: string; settings?: RegionSettings }): Promise<void> {
  const region = await trx.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!region) throw notFound('region', '区划');
  if (changes.name !== undefined) {
    const clash = await trx.selectFrom('regions').select('id').where('name', '=', changes.name).where('id', '!=', id).where((eb) => (region.parent_id === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', region.parent_id))).executeTakeFirst();
    if (clash) throw new AppError(409, 'conflict', '同一上级下已有同名区划', 'a region of that name exists under the same parent', [{ field: 'name', message: 'already exists' }]);
  }
  const settings = changes.settings === undefined ? undefined : { ...((region.settings ?? {}) as RegionSettings), ...changes.settings };
  await trx
    .updateTable('regions')
    .set({ ...(changes.name !== undefined ? { name: changes.name } : {}), ...(settings ? { settings: JSON.stringify(settings) } : {}) })
    .where('id', '=', id)
    .execute();
  await announceDirectoryChange(trx);
  await appendAudit(trx, { actorId, action: 'region.update', entity: 'region', entityId: id, detail: { name: region.name, ...(changes.name !== undefined ? { newName: changes.name } : {}), ...(settings ? { settings } : {}) } });
}

/**
 * Renames, archives, restores or moves a department to another region (an administrator's action);
 * its forms, reports and self-evaluations stay with it, and who reviews them follows the new region.
 */
export async function updateDepartment(trx: Transaction<Database>, actorId: string, id: string, changes: { name?: string; archived?: boolean; regionId?: string }): Promise<void> {
  const department = await trx.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!department) throw notFound('department', '部门');
  const regionId = changes.regionId ?? department.region_id;
  if (changes.regionId !== undefined && !(await trx.selectFrom('regions').select('id').where('id', '=', changes.regionId).executeTakeFirst())) {
    throw new AppError(400, 'validation-failed', '目标区划不存在', 'the region to move to does not exist', [{ field: 'regionId', message: 'unknown region' }]);
  }
  const newName = changes.name ?? department.name;
  if (newName !== department.name || regionId !== department.region_id) {
    const clash = await trx.selectFrom('departments').select('id').where('region_id', '=', regionId).where('name', '=', newName).where('id', '!=', id).executeTakeFirst();
    if (clash) throw new AppError(409, 'conflict', '该区划下已有同名部门', 'a department of that name exists in the region', [{ field: changes.regionId !== undefined ? 'regionId' : 'name', message: 'already exists' }]);
  }
  const archivedAt = changes.archived === undefined ? undefined : changes.archived ? (department.archived_at ?? new Date().toISOString()) : null;
  await trx
    .updateTable('departments')
    .set({ ...(changes.name !== undefined ? { name: changes.name } : {}), ...(archivedAt !== undefined ? { archived_at: archivedAt } : {}), ...(changes.regionId !== undefined ? { region_id: changes.regionId } : {}) })
    .where('id', '=', id)
    .execute();
  await announceDirectoryChange(trx);
  await appendAudit(trx, {
    actorId,
    action: changes.archived === true ? 'department.archive' : changes.archived === false ? 'department.restore' : changes.regionId !== undefined && changes.regionId !== department.region_id ? 'department.move' : 'department.update',
    entity: 'department',
    entityId: id,
    detail: { name: department.name, ...(changes.name !== undefined ? { newName: changes.name } : {}), ...(changes.regionId !== undefined ? { fromRegionId: department.region_id, toRegionId: changes.regionId } : {}) },
  });
}

/** The departments that take forms (not archived), within a region's subtree (null: everywhere). */
export async function activeDepartments(db: Kysely<Database> | Transaction<Database>, regionId: string | null): Promise<Array<{ id: string; name: string }>> {
  let query = db.selectFrom('departments').select(['id', 'name']).where('archived_at', 'is', null);
  if (regionId) query = query.where('region_id', 'in', await directory(db).subtree(regionId));
  return query.execute();
}
