/** A write a page does on a button or dialog: busy while it runs, its error kept for the page, and what follows success. */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from './client.ts';

export interface Action {
  /** Runs a request; on success calls the page's `done`, on failure keeps the error. */
  readonly run: (request: () => Promise<unknown>) => Promise<void>;
  readonly busy: boolean;
  readonly error: ApiError | null;
  readonly setError: (error: ApiError | null) => void;
}

export function useAction(done: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const doneRef = useRef(done);
  doneRef.current = done;
  const run = useCallback(async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
      doneRef.current();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', { zh: '操作失败', en: 'failed' }));
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error, setError };
}
