/** One busy flag and one error for the requests a part of a page makes (a document page, its history). */
import { useState } from 'react';

export interface Requests {
  readonly busy: boolean;
  readonly error: unknown;
  readonly setError: (error: unknown) => void;
  /** Runs a request with the busy flag; its error is kept to be shown, the last one forgotten. */
  readonly run: (work: () => Promise<void>) => Promise<void>;
}

/** The busy flag and the error of a part's requests. */
export function useRequests(): Requests {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
