/**
 * The work one import worker does: every door that reads a file (an import of forms, a monitoring
 * table, a self-evaluation, a directory sheet, a bulk upload's zips) reads it here, off the server's
 * event loop. Whatever a reader throws — a ReaderError, or its own RangeError on a hostile file — is
 * answered as a reader's refusal, never as a crash of the request.
 */
import { isMonitoringTable, readMonitoringTables } from '../../import/monitoringTable.ts';
import { readSelfEvaluationTables, readSelfEvaluationText, type EvaluationReadOutcome } from '../../import/evaluation/readSelfEvaluation.ts';
import type { ImportProblem } from '../../import/text/importFormText.ts';
import { decodeText } from '../../import/text/decodeText.ts';
import type { MonitoringReport } from '../../core/monitoringReport.ts';
import { importPasted, importSource, readSourceTables, type SourceImportOutcome } from '../../readers/importSource.ts';
import { checkSourceSize, ReaderError } from '../../readers/readerError.ts';
import type { SourceFormat, SourceTables } from '../../table/sourceTable.ts';
import { expandUpload, type UploadExpansion } from './uploadFiles.ts';

/** An import of forms: a file's bytes, or pasted text (plain or HTML). */
export interface ImportTask {
  readonly kind?: 'documents';
  readonly text?: string;
  readonly bytes?: Uint8Array;
  /** The year when the form prints none; null keeps what the form says (or nothing). */
  readonly year: number | null;
  /** Send back the source's tables (the import wizard shows them). */
  readonly withSource?: boolean;
}

/** The other reads: a file's tables, a monitoring table, a self-evaluation, a bulk upload's files. */
export type ReadTask =
  | { readonly kind: 'tables'; readonly bytes: Uint8Array; readonly format: Exclude<SourceFormat, 'text'> }
  | { readonly kind: 'monitoring'; readonly bytes: Uint8Array; readonly format: Exclude<SourceFormat, 'text'>; readonly through: string | null }
  | { readonly kind: 'self-evaluation'; readonly bytes: Uint8Array; readonly format: SourceFormat }
  | { readonly kind: 'upload'; readonly files: ReadonlyArray<{ name: string; bytes: Uint8Array }> };

/** Why a file could not be read: what every door answers as a 422 naming the file. */
export type ReadFailure = { readonly ok: false } & Pick<ImportProblem, 'problem' | 'message'>;

/** What each read gives back. */
export interface ReadResults {
  tables: { ok: true; tables: SourceTables };
  /** `report` null: the tables hold no monitoring table. */
  monitoring: { ok: true; report: MonitoringReport | null };
  'self-evaluation': { ok: true; outcome: EvaluationReadOutcome };
  upload: { ok: true } & UploadExpansion;
}

/** The outcome without the claims (the server does not need them, and they are large to send back). */
export type WorkerOutcome =
  | Extract<SourceImportOutcome, { ok: false }>
  | (Omit<Extract<SourceImportOutcome, { ok: true }>, 'claims' | 'lines'> & { claims: [] });

/** A reader's exception as the refusal the user reads. */
export function readFailure(error: unknown): ReadFailure {
  if (error instanceof ReaderError) return { ok: false, problem: error.problem, message: { zh: error.zh, en: error.en } };
  const message = error instanceof Error ? error.message : String(error);
  // A stack or size limit of the engine: the file is built to be too deep or too large to read.
  if (error instanceof RangeError) return { ok: false, problem: 'too-large', message: { zh: `文件结构过深或过大，无法读取（${message}）`, en: `the file is nested too deeply or too large to read (${message})` } };
  return { ok: false, problem: 'corrupt', message: { zh: `文件无法读取：${message}`, en: `the file cannot be read: ${message}` } };
}

async function read(task: ReadTask): Promise<ReadResults[ReadTask['kind']]> {
  switch (task.kind) {
    case 'tables':
      checkSourceSize(task.bytes);
      return { ok: true, tables: await readSourceTables(task.bytes, task.format) };
    case 'monitoring': {
      checkSourceSize(task.bytes);
      const tables = await readSourceTables(task.bytes, task.format);
      return { ok: true, report: isMonitoringTable(tables) ? readMonitoringTables(tables, task.through) : null };
    }
    case 'self-evaluation': {
      checkSourceSize(task.bytes);
      if (task.format !== 'text') return { ok: true, outcome: readSelfEvaluationTables(await readSourceTables(task.bytes, task.format)) };
      const decoded = decodeText(task.bytes);
      if (!decoded.ok) throw new ReaderError('corrupt', `无法读取（${decoded.message}）`, `cannot be read (${decoded.message})`);
      return { ok: true, outcome: readSelfEvaluationText(decoded.text) };
    }
    case 'upload':
      return { ok: true, ...expandUpload(task.files) };
  }
}

const isReadTask = (task: ImportTask | ReadTask): task is ReadTask => task.kind !== undefined && task.kind !== 'documents';

/** The worker's entry: an import of forms, or one of the other reads. Never throws for what a file holds. */
export async function importInWorker(task: ImportTask | ReadTask): Promise<WorkerOutcome | ReadResults[ReadTask['kind']] | ReadFailure> {
  if (isReadTask(task)) {
    try {
      return await read(task);
    } catch (error) {
      return readFailure(error);
    }
  }
  const options = task.year === null ? {} : { year: task.year };
  const outcome = task.bytes ? await importSource(task.bytes, options) : await importPasted(task.text ?? '', options);
  if (!outcome.ok) return outcome;
  // The lines are for an in-process preview; a worker sends back only what the server uses.
  const rest: Omit<typeof outcome, 'lines'> & { lines?: unknown } = { ...outcome };
  delete rest.lines;
  return { ...rest, claims: [], documents: outcome.documents.map((d) => ({ ...d, claims: [] })), source: task.withSource ? outcome.source : null };
}
