/**
 * Starting each kind of job for a person, with what the policy lets them: the items are worked out
 * here (which files, which forms), the same for the API and the command line.
 */
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { DOCUMENT_KINDS } from '../../core/document.ts';
import { canManageRegion, oversightRegion, type Actor } from '../../core/policy.ts';
import type { Database } from '../../store/schema.ts';
import { AppError, forbidden } from '../appError.ts';
import { visibleDeclarations } from '../services/declarations.ts';
import { departmentWithPath, regionPath, regionSubtree } from '../services/organisations.ts';
import type { JobInput } from './jobKinds.ts';
import { readOffThread } from '../import/importPool.ts';
import { createJob, uploadItems } from './jobs.ts';

const outside = (field: string) => new AppError(403, 'outside-your-region', '不在您负责的区划内', 'outside your region', [{ field, message: 'outside your region' }]);

/** The region a reviewer's or admin's job covers: the one asked for (within their own), or their own; null for the whole system. */
async function regionFor(db: Kysely<Database>, actor: Actor, regionId: string | null | undefined): Promise<string | null> {
  const region = regionId ?? oversightRegion(actor);
  if (region === null) return null;
  const own = oversightRegion(actor);
  if (own !== null && !(await regionPath(db, region)).includes(own)) throw outside('regionId');
  return region;
}

/**
 * Forms from files (a zip holds many): a department's users into their own department; an admin into
 * one department of its region, or into each department its form names.
 */
export async function startImport(db: Kysely<Database>, actor: Actor, files: ReadonlyArray<{ name: string; bytes: Uint8Array }>, options: { year: number | null; departmentId: string | null }): Promise<string> {
  let departmentId = options.departmentId;
  let regionId: string | null = null;
  if (actor.role === 'editor' || actor.role === 'approver') {
    if (departmentId !== null && departmentId !== actor.departmentId) throw forbidden();
    departmentId = actor.departmentId;
  } else if (actor.role === 'admin') {
    if (departmentId !== null) {
      if (!canManageRegion(actor, (await departmentWithPath(db, departmentId)).regionPath)) throw outside('departmentId');
    } else regionId = oversightRegion(actor);
  } else throw forbidden();
  const input: JobInput = { kind: 'import-forms', year: options.year, departmentId, regionId };
  // The zips are opened on a worker thread, within limits: a bomb is refused with its entry named.
  const upload = await readOffThread({ kind: 'upload', files });
  if (!upload.ok) {
    if (upload.problem === 'too-large') throw new AppError(413, 'upload-too-large', upload.message.zh, upload.message.en, [{ field: 'files', message: upload.message.en }]);
    throw new AppError(400, 'unreadable', upload.message.zh, upload.message.en, [{ field: 'files', message: upload.message.en }]);
  }
  return createJob(db, actor, input, uploadItems(upload));
}

/** A year's forms the person may see (of a region, for reviewers and admins), exported. */
export async function startExport(db: Kysely<Database>, actor: Actor, options: { year: number; regionId: string | null }): Promise<string> {
  const regionId = actor.role === 'reviewer' || actor.role === 'admin' ? await regionFor(db, actor, options.regionId) : null;
  let query = (await visibleDeclarations(db, actor)).where('documents.year', '=', options.year);
  if (regionId) query = query.where('departments.region_id', 'in', await regionSubtree(db, regionId));
  const rows = await query.select(['documents.id', 'departments.name', 'documents.project_name']).orderBy('departments.name').orderBy('documents.kind').orderBy('documents.id').execute();
  return createJob(db, actor, { kind: 'export-forms', year: options.year, regionId }, rows.map((row) => ({ label: `${row.name}${row.project_name ? ` · ${row.project_name}` : ''}`, payload: { declarationId: row.id } })));
}

/** Every form of a year checked again and every self-evaluation scored again (admins, within their region). */
export async function startRescore(db: Kysely<Database>, actor: Actor, options: { year: number; regionId: string | null }): Promise<string> {
  if (actor.role !== 'admin') throw forbidden();
  const regionId = await regionFor(db, actor, options.regionId);
  const scope = regionId ? await regionSubtree(db, regionId) : null;
  const ofKinds = (kinds: readonly string[]) => db.selectFrom('documents').innerJoin('departments', 'departments.id', 'documents.department_id').select(['documents.id', 'departments.name', 'documents.project_name']).where('documents.kind', 'in', kinds).where('documents.year', '=', options.year);
  let forms = ofKinds(DOCUMENT_KINDS);
  let evaluations = ofKinds(['self-evaluation']);
  if (scope) {
    forms = forms.where('departments.region_id', 'in', scope);
    evaluations = evaluations.where('departments.region_id', 'in', scope);
  }
  const [formRows, evaluationRows] = await Promise.all([forms.orderBy('documents.id').execute(), evaluations.orderBy('documents.id').execute()]);
  const items = [
    ...formRows.map((row) => ({ label: `申报表 ${row.name}${row.project_name ? ` · ${row.project_name}` : ''}`, payload: { type: 'declaration' as const, id: row.id } })),
    ...evaluationRows.map((row) => ({ label: `自评 ${row.name}${row.project_name ? ` · ${row.project_name}` : ''}`, payload: { type: 'evaluation' as const, id: row.id } })),
  ];
  return createJob(db, actor, { kind: 'rescore-year', year: options.year, regionId }, items);
}

/**
 * Files of canonical JSON Lines on this machine's disk loaded in bulk (admins, into the departments of
 * their region, each document naming its own): a province's year. The command line's, not the API's:
 * the files are read where the job runs.
 */
export async function startLoad(db: Kysely<Database>, actor: Actor, paths: readonly string[]): Promise<string> {
  if (actor.role !== 'admin') throw forbidden();
  return createJob(db, actor, { kind: 'load-documents', regionId: oversightRegion(actor) }, paths.map((path) => ({ label: basename(path), payload: { path, label: basename(path) } })));
}
