/**
 * Requests a page will make, started before the page is there: when the app opens at an address,
 * its page's data is fetched alongside the session and the page's code instead of after them. A page
 * whose data has already arrived renders with it at once, with no loading state in between.
 */
import { api } from './client.ts';

interface Pending {
  readonly request: Promise<unknown>;
  settled?: { ok: true; value: unknown } | { ok: false };
}

const pending = new Map<string, Pending>();

/** Starts a GET now; the page that needs it takes the answer with {@link fetchOnce} or {@link takeSettled}. */
export function prefetch(path: string): void {
  if (pending.has(path)) return;
  const entry: Pending = { request: api<unknown>('GET', path) };
  entry.request.then(
    (value) => (entry.settled = { ok: true, value }),
    // Unused when the user turns out to be signed out: its failure must not surface as unhandled.
    () => (entry.settled = { ok: false }),
  );
  pending.set(path, entry);
}

/** The prefetched answer for a path if there is one (once), else a new request. */
export function fetchOnce<T>(path: string): Promise<T> {
  const found = pending.get(path);
  pending.delete(path);
  return (found?.request as Promise<T> | undefined) ?? api<T>('GET', path);
}

/** The prefetched answer if it has already arrived (once); undefined otherwise, leaving it for {@link fetchOnce}. */
export function takeSettled<T>(path: string): T | undefined {
  const found = pending.get(path);
  if (!found?.settled?.ok) return undefined;
  pending.delete(path);
  return found.settled.value as T;
}

/** Resolves once every listed prefetch has settled (answer or error), or after `ms`, whichever is first. */
export function settled(paths: readonly string[], ms: number): Promise<void> {
  const requests = paths.map((path) => pending.get(path)?.request.catch(() => undefined));
  return Promise.race([Promise.all(requests).then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}
