/**
 * Failed sign-ins per account: after 5 failures in 15 minutes the account is refused until the
 * window passes (the per-address limit is the rate-limit plugin's). In memory: a restart forgets.
 */
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  blocked(username: string): boolean {
    return this.recent(username).length >= MAX_FAILURES;
  }

  failed(username: string): void {
    this.failures.set(username, [...this.recent(username), this.now()]);
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }

  private recent(username: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(username) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(username);
    return list;
  }
}
