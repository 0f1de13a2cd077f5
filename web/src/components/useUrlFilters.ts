/** A list page's filters kept in the address (so a link or a reload shows the same list). */
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { checkedFilters, type FilterCheck } from './checkedFilters.ts';

/** The current parameters and a setter that drops empty values and goes back to page 1 unless the page is what changed. */
export function useUrlFilters(): [URLSearchParams, (changes: Record<string, string | number | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };
  return [params, set];
}

/**
 * The filters named in `checks` as they stand in the address, each '' unless its value passes its
 * check; a value that fails is dropped from the address (replacing it), so a stale link shows the list.
 */
export function useCheckedUrlFilters<K extends string>(checks: Readonly<Record<K, FilterCheck>>) {
  const [params, setFilters] = useUrlFilters();
  const [, setParams] = useSearchParams();
  const { values, rejected } = checkedFilters(params, checks);
  const dropped = rejected.join('&');
  useEffect(() => {
    if (dropped === '') return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of dropped.split('&')) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [dropped, setParams]);
  return { values, params, setFilters };
}
