/**
 * The indicator library in the store: entries learnt from approved and published forms (and the
 * built-in common indicators), their uses by year and department, and the look-up the editor asks
 * while a user types. Look-ups run on an in-memory index of the entries, rebuilt when the library's
 * generation (bumped by every write, in the writer's transaction) has changed — so every server
 * process on one PostgreSQL sees every other's writes, and a look-up over 100,000 entries stays
 * within a few milliseconds on both stores (`npm run bench -- library`).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TargetDocument } from '../../core/document.ts';
import { entryOf, nameSimilarity, rankLibrary, searchLibrary, type LibraryEntry } from '../../core/indicatorLibrary.ts';
import { canDo, type Actor } from '../../core/policy.ts';
import type { LibraryEntryView } from '../../format/apiTypes.ts';
import { appendAudit } from '../../store/auditLog.ts';
import type { Database } from '../../store/schema.ts';
import { AppError, forbidden, notFound } from '../appError.ts';
import { documentsWithCurrentVersion } from './currentVersions.ts';

type Db = Kysely<Database> | Transaction<Database>;

async function bumpGeneration(trx: Db): Promise<void> {
  await trx.updateTable('indicator_library_state').set({ generation: sql`generation + 1` }).where('id', '=', 1).execute();
}

/**
 * Records the indicators of a form that was approved or published (its earlier uses replaced) — only
 * those the checker passed: a row with an error or a warning (群众满意度 "＜5%", a name holding its
 * value) is not taught to others as an example, even on an approved form.
 */
export async function recordLibraryUses(trx: Transaction<Database>, declarationId: string): Promise<void> {
  const row = await documentsWithCurrentVersion(trx)
    .select(['documents.year', 'documents.department_id', 'document_versions.content', 'document_versions.findings'])
    .where('documents.id', '=', declarationId)
    .executeTakeFirstOrThrow();
  const content = row.content as TargetDocument;
  const flagged = new Set<number>();
  for (const finding of (row.findings ?? []) as ReadonlyArray<{ severity: string; path: string }>) {
    const at = /^\/indicators\/(\d+)(?:\/|$)/.exec(finding.path);
    if (at && (finding.severity === 'error' || finding.severity === 'warning')) flagged.add(Number(at[1]));
  }
  const touched = new Set<string>((await trx.selectFrom('indicator_uses').select('entry_id').where('declaration_id', '=', declarationId).execute()).map((r) => r.entry_id));
  await trx.deleteFrom('indicator_uses').where('declaration_id', '=', declarationId).execute();
  const now = new Date().toISOString();
  const seen = new Set<string>();
  for (const [index, indicator] of (content.indicators as ReadonlyArray<(typeof content.indicators)[number]>).entries()) {
    if (!indicator.name.trim() || flagged.has(index)) continue;
    const fields = entryOf(indicator);
    let entry = await trx.selectFrom('indicator_library').select(['id', 'merged_into']).where('key', '=', fields.key).executeTakeFirst();
    if (!entry) {
      const id = randomUUID();
      await trx.insertInto('indicator_library').values({ id, ...fields, builtin: false, hidden: false, merged_into: null, updated_at: now, use_count: 0 }).execute();
      entry = { id, merged_into: null };
    }
    // A merged entry's uses count for the one it was merged into.
    const target = entry.merged_into ?? entry.id;
    const useKey = `${target}\u0000${indicator.annualTarget}`;
    if (seen.has(useKey)) continue;
    seen.add(useKey);
    touched.add(target);
    await trx.insertInto('indicator_uses').values({ entry_id: target, declaration_id: declarationId, year: row.year, department_id: row.department_id, annual_target: indicator.annualTarget }).execute();
  }
  await recount(trx, [...touched]);
  await bumpGeneration(trx);
}

async function recount(trx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('indicator_library')
    .set({ use_count: sql`(select count(distinct u.declaration_id) from indicator_uses u where u.entry_id = indicator_library.id)`, updated_at: new Date().toISOString() })
    .where('id', 'in', ids)
    .execute();
}

interface Index {
  generation: string;
  entries: LibraryEntry[];
}

const indexes = new WeakMap<Kysely<Database>, Index>();
const loading = new WeakMap<Kysely<Database>, Promise<Index>>();

async function loadIndex(db: Kysely<Database>, generation: string): Promise<Index> {
  const rows = await db
    .selectFrom('indicator_library')
    .select(['id', 'name', 'level1', 'level2', 'unit', 'direction', 'builtin', 'use_count'])
    .where('hidden', '=', false)
    .where('merged_into', 'is', null)
    .execute();
  return { generation, entries: rankLibrary(rows.map((r) => ({ id: r.id, name: r.name, level1: r.level1, level2: r.level2, unit: r.unit, direction: r.direction, builtin: r.builtin, uses: r.use_count }))) };
}

/** The look-up index, current with the store (one small read of the generation per look-up). */
async function currentIndex(db: Kysely<Database>): Promise<Index> {
  const state = await db.selectFrom('indicator_library_state').select('generation').where('id', '=', 1).executeTakeFirstOrThrow();
  const generation = String(state.generation);
  const index = indexes.get(db);
  if (index?.generation === generation) return index;
  let pending = loading.get(db);
  if (!pending) {
    pending = loadIndex(db, generation).finally(() => loading.delete(db));
    loading.set(db, pending);
  }
  const loaded = await pending;
  indexes.set(db, loaded);
  return loaded;
}

/** Entries for what a user types, with the targets used (newest year first). */
export async function lookUpLibrary(db: Kysely<Database>, actor: Actor | null, query: { q?: string; level1?: string; level2?: string; limit?: number }): Promise<LibraryEntryView[]> {
  if (!canDo(actor, 'read-library')) throw forbidden();
  const index = await currentIndex(db);
  const found = searchLibrary(index.entries, query);
  if (found.length === 0) return [];
  const uses = await db
    .selectFrom('indicator_uses')
    .select(['entry_id', 'year', 'annual_target', (eb) => eb.fn.countAll<string>().as('n')])
    .where('entry_id', 'in', found.map((e) => e.id))
    .groupBy(['entry_id', 'year', 'annual_target'])
    .orderBy('year', 'desc')
    .execute();
  return found.map((entry) => ({
    ...entry,
    hidden: false,
    targets: uses
      .filter((u) => u.entry_id === entry.id)
      .slice(0, 5)
      .map((u) => ({ year: u.year, target: u.annual_target, count: Number(u.n) })),
  }));
}

/** The entries an admin manages: hidden ones too, merged ones not (they live on in their target). */
export async function listLibraryForAdmin(db: Kysely<Database>, actor: Actor | null, query: { q?: string; limit: number }): Promise<LibraryEntryView[]> {
  if (!canDo(actor, 'manage-library')) throw forbidden();
  let select = db.selectFrom('indicator_library').select(['id', 'name', 'level1', 'level2', 'unit', 'direction', 'builtin', 'hidden', 'use_count']).where('merged_into', 'is', null);
  const q = query.q?.trim();
  if (q) select = select.where('name', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const rows = await select.orderBy('use_count', 'desc').orderBy('name').limit(query.limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, level1: r.level1, level2: r.level2, unit: r.unit, direction: r.direction, builtin: r.builtin, hidden: r.hidden, uses: r.use_count, targets: [] }));
}

/** An admin hides an entry from suggestions (or shows it again). */
export async function setEntryHidden(trx: Transaction<Database>, actor: Actor, id: string, hidden: boolean): Promise<void> {
  if (!canDo(actor, 'manage-library')) throw forbidden();
  const updated = await trx.updateTable('indicator_library').set({ hidden, updated_at: new Date().toISOString() }).where('id', '=', id).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw notFound('library-entry', '指标库条目');
  await bumpGeneration(trx);
  await appendAudit(trx, { actorId: actor.id, action: hidden ? 'library.hide' : 'library.show', entity: 'indicator-library', entityId: id, detail: {} });
}

/** An admin merges an entry into another: its uses move there, and it stops being suggested. */
export async function mergeEntry(trx: Transaction<Database>, actor: Actor, id: string, into: string): Promise<void> {
  if (!canDo(actor, 'manage-library')) throw forbidden();
  if (id === into) throw new AppError(400, 'validation-failed', '不能合并到自身', 'an entry cannot be merged into itself', [{ field: 'into', message: 'same entry' }]);
  const [source, target] = await Promise.all([
    trx.selectFrom('indicator_library').select(['id', 'name']).where('id', '=', id).executeTakeFirst(),
    trx.selectFrom('indicator_library').select(['id', 'name', 'merged_into']).where('id', '=', into).executeTakeFirst(),
  ]);
  if (!source) throw notFound('library-entry', '指标库条目');
  if (!target || target.merged_into !== null) throw new AppError(400, 'validation-failed', '合并目标不存在或已被合并', 'the entry to merge into does not exist or was merged itself', [{ field: 'into', message: 'not found' }]);
  // Uses both entries had for the same form and target are one use.
  await sql`insert into indicator_uses (entry_id, declaration_id, year, department_id, annual_target)
            select ${into}, declaration_id, year, department_id, annual_target from indicator_uses where entry_id = ${id}
            on conflict do nothing`.execute(trx);
  await trx.deleteFrom('indicator_uses').where('entry_id', '=', id).execute();
  await trx.updateTable('indicator_library').set({ merged_into: into }).where('merged_into', '=', id).execute();
  await trx.updateTable('indicator_library').set({ merged_into: into, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  await recount(trx, [id, into]);
  await bumpGeneration(trx);
  await appendAudit(trx, { actorId: actor.id, action: 'library.merge', entity: 'indicator-library', entityId: id, detail: { into, name: source.name, intoName: target.name } });
}

/** Past project forms (approved or published) whose names resemble a new project's, with their indicators. */
export async function similarProjects(db: Kysely<Database>, actor: Actor | null, name: string, departmentId: string | null): Promise<Array<{ id: string; year: number; projectName: string; similarity: number; indicators: TargetDocument['indicators'] }>> {
  if (!canDo(actor, 'read-library')) throw forbidden();
  if (name.trim().length < 2) return [];
  let query = db
    .selectFrom('documents')
    .select(['id', 'year', 'project_name'])
    .where('kind', '=', 'project-target')
    .where('state', 'in', ['approved', 'published'])
    .where('project_name', 'is not', null);
  if (departmentId) query = query.where((eb) => eb.or([eb('department_id', '=', departmentId), eb('state', '=', 'published')]));
  else query = query.where('state', '=', 'published');
  const candidates = (await query.execute())
    .map((r) => ({ ...r, similarity: nameSimilarity(name, r.project_name ?? '') }))
    .filter((r) => r.similarity >= 0.3)
    .sort((a, b) => b.similarity - a.similarity || b.year - a.year)
    .slice(0, 3);
  const result = [];
  for (const candidate of candidates) {
    const version = await documentsWithCurrentVersion(db)
      .select('document_versions.content')
      .where('documents.id', '=', candidate.id)
      .executeTakeFirstOrThrow();
    result.push({ id: candidate.id, year: candidate.year, projectName: candidate.project_name ?? '', similarity: Math.round(candidate.similarity * 100) / 100, indicators: (version.content as TargetDocument).indicators });
  }
  return result;
}
