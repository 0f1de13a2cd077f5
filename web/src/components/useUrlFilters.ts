/** A list page's filters kept in the address (so a link or a reload shows the same list). */
import { useSearchParams } from 'react-router';

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
