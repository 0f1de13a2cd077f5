/** The work one import worker does: the pure importers, on a file or text sent to it. */
import { importPasted, importSource, type SourceImportOutcome } from '../../readers/importSource.ts';

/** What the server sends a worker: a file's bytes, or pasted text (plain or HTML). */
export interface ImportTask {
  readonly text?: string;
  readonly bytes?: Uint8Array;
  /** The year when the form prints none; null keeps what the form says (or nothing). */
  readonly year: number | null;
  /** Send back the source's tables (the import wizard shows them). */
  readonly withSource?: boolean;
}

/** The outcome without the claims (the server does not need them, and they are large to send back). */
export type WorkerOutcome =
  | Extract<SourceImportOutcome, { ok: false }>
  | (Omit<Extract<SourceImportOutcome, { ok: true }>, 'claims' | 'lines'> & { claims: [] });

export async function importInWorker(task: ImportTask): Promise<WorkerOutcome> {
  const options = task.year === null ? {} : { year: task.year };
  const outcome = task.bytes ? await importSource(task.bytes, options) : await importPasted(task.text ?? '', options);
  if (!outcome.ok) return outcome;
  // The lines are for an in-process preview; a worker sends back only what the server uses.
  const rest: Omit<typeof outcome, 'lines'> & { lines?: unknown } = { ...outcome };
  delete rest.lines;
  return { ...rest, claims: [], documents: outcome.documents.map((d) => ({ ...d, claims: [] })), source: task.withSource ? outcome.source : null };
}
