/**
 * One request acting on many documents at once, as the batch bars send it: whether it is under
 * way, its error, and its answer kept with the names of the documents it was sent for (the list
 * reloads after it, often without the documents it moved) and what the caller sent it as.
 */
import { useState } from 'react';

/** The server's answer to a batch request: what happened to each document. */
export interface BatchAnswer {
  readonly results: Array<{ id: string; ok: boolean; state?: string; error?: { id: string; message: { zh: string; en: string } } }>;
  readonly done: number;
  readonly failed: number;
}

/** An answer, the names its documents had when it was asked, and the caller's note of what was asked. */
export interface BatchOutcome<Asked> {
  readonly body: BatchAnswer;
  readonly names: ReadonlyMap<string, string>;
  readonly asked: Asked;
}

/** A batch request's state: `run` sends one, `dismiss` puts its answer away. */
export function useBatchRun<Asked>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<BatchOutcome<Asked> | null>(null);
  const run = async (request: { ids: readonly string[]; nameOf: (id: string) => string; asked: Asked; send: () => Promise<BatchAnswer>; then: () => void }) => {
    setBusy(true);
    setError(null);
    try {
      const names = new Map(request.ids.map((id) => [id, request.nameOf(id)]));
      setOutcome({ body: await request.send(), names, asked: request.asked });
      request.then();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, outcome, dismiss: () => setOutcome(null), run };
}
