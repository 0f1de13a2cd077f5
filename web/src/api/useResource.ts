/** Loads something from the API for a page: data, error, loading, and a way to load it again. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
  /** Replaces the data without a request (after a write that returned the new state). */
  readonly set: (data: T) => void;
}

/**
 * Runs `load` now and whenever `key` changes; a later answer always wins over an earlier one. An
 * answer already at hand (`arrived`: a prefetch that has landed) is the data at once, with no first load.
 */
export function useResource<T>(key: string | null, load: () => Promise<T>, arrived?: () => T | undefined): Resource<T> {
  const [first] = useState(() => (key !== null ? arrived?.() : undefined));
  const [data, setData] = useState<T | undefined>(first);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(key !== null && first === undefined);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const skipFirst = useRef(first !== undefined);

  useEffect(() => {
    if (key === null) return;
    if (skipFirst.current) {
      skipFirst.current = false;
      return;
    }
    let current = true;
    setLoading(true);
    loadRef
      .current()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(null);
      })
      .catch((caught: unknown) => current && setError(caught))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload, set: setData };
}
