/**
 * Failed sign-ins per account *and address*: after 5 failures in 15 minutes from one address, that
 * address may not try that account until the window passes. Keyed by both so that nobody can lock a
 * colleague out by typing wrong passwords for them from another machine; the per-address limit of
 * all attempts is the rate-limit plugin's. In memory: a restart forgets.
 */
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;
/** Keys kept at most: an attacker cycling usernames cannot grow the map without bound. */
const MAX_KEYS = 100_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  blocked(username: string, address: string): boolean {
    return this.recent(key(username, address)).length >= MAX_FAILURES;
  }

  failed(username: string, address: string): void {
    const k = key(username, address);
    if (!this.failures.has(k) && this.failures.size >= MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
    this.failures.set(k, [...this.recent(k), this.now()]);
  }

  succeeded(username: string, address: string): void {
    this.failures.delete(key(username, address));
  }

  private recent(k: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(k) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(k);
    return list;
  }
}

function key(username: string, address: string): string {
  return `${username.toLowerCase()}\u0000${address}`;
}
