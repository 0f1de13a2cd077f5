/** The filters of a list page's address read through a check, so a stale or edited link still shows the list. */

/** The values a filter takes, or a test of one. */
export type FilterCheck = readonly string[] | ((value: string) => boolean);

/** A year the server takes in a filter (2000–2100). */
export const isFilterYear = (value: string): boolean => /^\d{4}$/.test(value) && Number(value) >= 2000 && Number(value) <= 2100;

/** An id the server takes in a filter (1–100 characters). */
export const isFilterId = (value: string): boolean => value.length > 0 && value.length <= 100;

/**
 * Each filter's value in `params` when it passes its check, else '' (as if unset); `rejected` names
 * the filters whose value failed, to drop from the address.
 */
export function checkedFilters<K extends string>(params: URLSearchParams, checks: Readonly<Record<K, FilterCheck>>): { values: Record<K, string>; rejected: K[] } {
  const values = {} as Record<K, string>;
  const rejected: K[] = [];
  for (const key of Object.keys(checks) as K[]) {
    const value = params.get(key) ?? '';
    const check = checks[key];
    const passes = value === '' || (typeof check === 'function' ? check(value) : check.includes(value));
    values[key] = passes ? value : '';
    if (!passes) rejected.push(key);
  }
  return { values, rejected };
}
