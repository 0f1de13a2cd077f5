/**
 * What each kind of background job does to one of its items, in two steps: `prepare` outside any
 * transaction (reading a PDF takes CPU, and an open transaction would hold the embedded store's one
 * connection), then `store` inside the item's own transaction, which also marks the item done — so
 * an item is stored whole or not at all, and a job stopped half-way goes on from the next item.
 */
import { readFile } from 'node:fs/promises';
import { zipSync, strToU8 } from 'fflate';
import type { Kysely, Transaction } from 'kysely';
import type { TargetDocument } from '../../core/document.ts';
import type { Actor } from '../../core/policy.ts';
import { csvLine } from '../../format/csv.ts';
import { FORMAT_NAMES } from '../../readers/formatNames.ts';
import { sameDepartment } from '../../import/text/sameDepartment.ts';
import { draftingYear, formYear, yearNote } from '../../core/formYear.ts';
import type { JobInput } from '../../format/apiTypes.ts';
import type { Database, JobKind } from '../../store/schema.ts';

export type { JobInput };
import { AppError } from '../appError.ts';
import { importOffThread } from '../import/importPool.ts';
import type { WorkerOutcome } from '../import/importTask.ts';
import { createDeclaration } from '../services/declarations.ts';
import { recheckDocument } from '../services/documents.ts';
import { rescoreEvaluation } from '../services/evaluations.ts';
import { departmentsByName, prepareLoad, storeLoad, type PreparedLoad } from '../services/bulkLoad.ts';
import { activeDepartments, departmentWithPath } from '../services/organisations.ts';

/** The payload of one item, by kind. */
/** A file to import: its name (its bytes are the item's `data`). */
export type ImportItem = { readonly name: string };
export type ExportItem = { readonly declarationId: string };
export type RescoreItem = { readonly type: 'declaration' | 'evaluation'; readonly id: string };

export interface JobContext {
  readonly db: Kysely<Database>;
  readonly actor: Actor;
  readonly input: JobInput;
}

export interface JobKindHandler {
  /** `data`: the item's bytes, for kinds that take files. */
  prepare(context: JobContext, payload: unknown, data: Uint8Array | null): Promise<unknown>;
  store(trx: Transaction<Database>, context: JobContext, prepared: unknown): Promise<unknown>;
  /** After the last item: the job's result and any file it made. */
  finish?(db: Kysely<Database>, jobId: string): Promise<{ result: unknown; output: Uint8Array | null }>;
}

function importRefusal(name: string, outcome: Extract<WorkerOutcome, { ok: false }>): AppError {
  return new AppError(422, `import-${outcome.problem}`, `${name}：${outcome.message.zh}`, `${name}: ${outcome.message.en}`, [{ field: 'file', message: outcome.message.en }]);
}

const importForms: JobKindHandler = {
  async prepare(_context, payload, data) {
    const item = payload as ImportItem;
    const outcome = await importOffThread({ bytes: data ?? new Uint8Array(), year: null });
    if (!outcome.ok) throw importRefusal(item.name, outcome);
    return { name: item.name, format: outcome.format, documents: outcome.documents.map((d) => d.document) };
  },
  async store(trx, context, prepared) {
    const { name, format, documents } = prepared as { name: string; format: keyof typeof FORMAT_NAMES; documents: TargetDocument[] };
    const input = context.input as Extract<JobInput, { kind: 'import-forms' }>;
    const candidates = input.departmentId ? null : await activeDepartments(trx, input.regionId);
    const created: string[] = [];
    const notes: Array<{ zh: string; en: string }> = [];
    for (const document of documents) {
      // The same rule as the import wizard: each form keeps its printed year; one that prints none takes the job's year (or the drafting year), noted as assumed.
      const decided = formYear(document.year, null, input.year ?? draftingYear(new Date()));
      const year = decided.year;
      const said = yearNote(decided);
      if (said) notes.push({ zh: `${name}${documents.length > 1 ? `（${document.kind === 'project-target' ? (document.project.name ?? '项目') : '部门整体'}）` : ''}：${said.zh}`, en: `${name}: ${said.en}` });
      let departmentId = input.departmentId;
      if (departmentId === null) {
        const printed = document.department?.trim() ?? '';
        const matches = (candidates ?? []).filter((d) => printed !== '' && sameDepartment(printed, d.name));
        if (matches.length !== 1) {
          throw new AppError(
            422,
            'import-no-department',
            printed ? `${name}：${matches.length === 0 ? '本区划内没有' : '本区划内有多个'}名为「${printed}」的部门` : `${name}：表上没有部门名称，无法确定所属部门`,
            printed ? `${name}: ${matches.length === 0 ? 'no department' : 'several departments'} of your region ${matches.length === 0 ? 'is' : 'are'} called "${printed}"` : `${name}: the form names no department`,
            [{ field: 'department', message: printed || 'none' }],
          );
        }
        departmentId = matches[0]?.id ?? null;
      }
      const department = await departmentWithPath(trx, departmentId ?? '');
      const content = { ...document, department: department.name, year } as TargetDocument;
      const from = FORMAT_NAMES[format];
      created.push(await createDeclaration(trx, context.actor, { departmentId: department.id, year, source: { kind: 'content', content, note: `批量导入 ${name}（${from.zh}，未识别 ${document.unparsed.length} 处${said ? `；${said.zh}` : ''}） (bulk import of ${name}, ${from.en}${said ? `; ${said.en}` : ''})` } }));
    }
    return { declarations: created, notes };
  },
  async finish(db, jobId) {
    // What the person should know about the forms stored: years assumed for forms that print none.
    const items = await db.selectFrom('job_items').select(['outcome']).where('job_id', '=', jobId).where('state', '=', 'done').orderBy('seq').execute();
    const notes = items.flatMap(({ outcome }) => (outcome as { notes?: Array<{ zh: string; en: string }> } | null)?.notes ?? []);
    const failed = await db.selectFrom('job_items').select((eb) => eb.fn.countAll<string>().as('n')).where('job_id', '=', jobId).where('state', '=', 'failed').executeTakeFirst();
    return { result: { done: items.length, failed: Number(failed?.n ?? 0), notes: notes.slice(0, 500) }, output: null };
  },
};

const exportForms: JobKindHandler = {
  async prepare(context, payload) {
    const { declarationId } = payload as ExportItem;
    const row = await context.db
      .selectFrom('documents')
      .innerJoin('departments', 'departments.id', 'documents.department_id')
      .innerJoin('document_versions', (join) => join.onRef('document_versions.document_id', '=', 'documents.id').onRef('document_versions.version', '=', 'documents.current_version'))
      .select(['documents.id', 'documents.year', 'documents.kind', 'documents.project_name', 'documents.state', 'departments.name as department_name', 'document_versions.content'])
      .where('documents.id', '=', declarationId)
      .executeTakeFirst();
    if (!row) throw new AppError(404, 'not-found', '申报表已不存在', 'the form no longer exists');
    // Characters no file system takes in a name (control characters included) become _.
    const safe = (text: string) => [...text].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('').slice(0, 80);
    const file = `${safe(row.department_name)}/${row.year}-${row.kind === 'project-target' ? `项目-${safe(row.project_name ?? row.id)}` : '部门整体'}.json`;
    return { file, json: JSON.stringify(row.content, null, 2), state: row.state };
  },
  async store(_trx, _context, prepared) {
    return prepared;
  },
  async finish(db, jobId) {
    const items = await db.selectFrom('job_items').select(['outcome']).where('job_id', '=', jobId).where('state', '=', 'done').orderBy('seq').execute();
    const files: Record<string, Uint8Array> = {};
    const index: string[] = [csvLine(['文件', '状态'])];
    for (const { outcome } of items) {
      const { file, json, state } = outcome as { file: string; json: string; state: string };
      // Two forms of one name (a project imported twice) keep both.
      let name = file;
      for (let n = 2; files[name]; n++) name = file.replace(/\.json$/, `-${n}.json`);
      files[name] = strToU8(json);
      // The names come from department and project names: defused like every CSV (format/csv.ts).
      index.push(csvLine([name, state]));
    }
    files['index.csv'] = strToU8(`\uFEFF${index.join('')}`);
    return { result: { files: items.length }, output: zipSync(files, { level: 6 }) };
  },
};

const rescoreYear: JobKindHandler = {
  async prepare(_context, payload) {
    return payload;
  },
  async store(trx, context, prepared) {
    const item = prepared as RescoreItem;
    if (item.type === 'evaluation') return rescoreEvaluation(trx, context.actor.id, item.id);
    const { errorsBefore, errorsAfter } = await recheckDocument(trx, context.actor.id, item.id);
    return { errorsBefore, errorsAfter };
  },
  async finish(db, jobId) {
    const items = await db.selectFrom('job_items').select(['outcome']).where('job_id', '=', jobId).where('state', '=', 'done').execute();
    let changed = 0;
    for (const { outcome } of items) {
      const o = outcome as { errorsBefore?: number; errorsAfter?: number; totalBefore?: string | null; totalAfter?: string | null; gradeBefore?: string | null; gradeAfter?: string | null };
      if (o.errorsBefore !== o.errorsAfter || o.totalBefore !== o.totalAfter || o.gradeBefore !== o.gradeAfter) changed++;
    }
    return { result: { checked: items.length, changed }, output: null };
  },
};

/** Files of JSON Lines on the server's disk (`jixiao jobs load`), each stored whole or not at all. */
export type LoadItem = { readonly path: string; readonly label: string };
const loadDocuments: JobKindHandler = {
  async prepare(context, payload) {
    const item = payload as LoadItem;
    const input = context.input as Extract<JobInput, { kind: 'load-documents' }>;
    // The departments are read once per job and process, not once per file.
    const departments = await cachedDepartments(context.db, input.regionId);
    return prepareLoad(item.label, await readFile(item.path, 'utf8'), departments, context.actor.id);
  },
  async store(trx, context, prepared) {
    return storeLoad(trx, context.actor.id, prepared as PreparedLoad);
  },
};
const departmentCache = new Map<string, Promise<Map<string, string | null>>>();
function cachedDepartments(db: Kysely<Database>, regionId: string | null): Promise<Map<string, string | null>> {
  const key = regionId ?? '';
  let found = departmentCache.get(key);
  if (!found) {
    found = departmentsByName(db, regionId);
    departmentCache.set(key, found);
    // A minute is long enough for a job's files and short enough to see new departments.
    setTimeout(() => departmentCache.delete(key), 60_000).unref();
  }
  return found;
}

export const JOB_KINDS: Record<JobKind, JobKindHandler> = { 'import-forms': importForms, 'export-forms': exportForms, 'rescore-year': rescoreYear, 'load-documents': loadDocuments };

export const JOB_KIND_NAMES: Record<JobKind, { zh: string; en: string }> = {
  'import-forms': { zh: '批量导入申报表', en: 'Bulk import of forms' },
  'export-forms': { zh: '导出申报表', en: 'Export of forms' },
  'rescore-year': { zh: '重新检查与计分', en: 'Check and score again' },
  'load-documents': { zh: '批量载入标准格式', en: 'Bulk load of canonical JSON' },
};
