/** The years a year filter offers: those that have forms the user may see (and this year, for a new form), newest first. */
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';

/** `work`: the years of the forms the user works on (home); `mine`: of every form the user may see. */
export function useYears(scope: 'mine' | 'work' | 'public'): { years: number[]; withForms: number[]; loading: boolean } {
  const path = scope === 'public' ? '/api/v1/public/declarations/years' : scope === 'work' ? '/api/v1/declarations/years?scope=work' : '/api/v1/declarations/years';
  const answer = useResource(path, () => api<{ years: number[] }>('GET', path));
  const years = [...new Set([...(answer.data?.years ?? []), ...(scope === 'public' ? [] : [new Date().getFullYear()])])].sort((a, b) => b - a);
  return { years, withForms: answer.data?.years ?? [], loading: answer.loading };
}

/** The year a page opens at: this year if there are forms for it, else the latest one before it, else the latest. */
export function defaultYear(years: readonly number[], now = new Date().getFullYear()): number {
  if (years.includes(now)) return now;
  return years.find((y) => y < now) ?? years[0] ?? now;
}
