/** The work one import worker does: the pure importer, on text sent to it. */
import { importFormText, type ImportOutcome } from '../../import/text/importFormText.ts';

/** What the server sends a worker. */
export interface ImportTask {
  readonly text: string;
  /** The year when the text prints none; null keeps what the text says (or nothing). */
  readonly year: number | null;
}

/** The outcome without the claims (the server does not need them, and they are large to send back). */
export type WorkerOutcome = Exclude<ImportOutcome, { ok: true }> | (Omit<Extract<ImportOutcome, { ok: true }>, 'claims'> & { claims: [] });

export function importInWorker(task: ImportTask): WorkerOutcome {
  const outcome = importFormText(task.text, task.year === null ? {} : { year: task.year });
  return outcome.ok ? { ...outcome, claims: [], documents: outcome.documents.map((d) => ({ ...d, claims: [] })) } : outcome;
}
