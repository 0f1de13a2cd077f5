/**
 * Requests a page will make, started before the page is there: when the app opens at an address,
 * its page's data is fetched alongside the session and the page's code instead of after them.
 */
import { api } from './client.ts';

const pending = new Map<string, Promise<unknown>>();

/** Starts a GET now; the page that needs it takes the answer with {@link fetchOnce}. */
export function prefetch(path: string): void {
  if (pending.has(path)) return;
  const request = api<unknown>('GET', path);
  // Unused when the user turns out to be signed out: its failure must not surface as unhandled.
  request.catch(() => undefined);
  pending.set(path, request);
}

/** The prefetched answer for a path if there is one (once), else a new request. */
export function fetchOnce<T>(path: string): Promise<T> {
  const found = pending.get(path);
  pending.delete(path);
  return (found as Promise<T> | undefined) ?? api<T>('GET', path);
}
