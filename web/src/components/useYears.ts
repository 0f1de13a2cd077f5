/** The years a year filter offers: those that have forms the user may see (and this year, for a new form), newest first. */
import { api } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';

export function useYears(scope: 'mine' | 'public'): { years: number[]; withForms: number[]; loading: boolean } {
  const path = scope === 'public' ? '/api/v1/public/declarations/years' : '/api/v1/declarations/years';
  const answer = useResource(path, () => api<{ years: number[] }>('GET', path));
  const years = [...new Set([...(answer.data?.years ?? []), ...(scope === 'mine' ? [new Date().getFullYear()] : [])])].sort((a, b) => b - a);
  return { years, withForms: answer.data?.years ?? [], loading: answer.loading };
}

/** The year a page opens at: this year if there are forms for it, else the latest one before it, else the latest. */
export function defaultYear(years: readonly number[], now = new Date().getFullYear()): number {
  if (years.includes(now)) return now;
  return years.find((y) => y < now) ?? years[0] ?? now;
}
