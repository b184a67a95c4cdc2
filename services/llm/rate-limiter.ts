/**
 * How many model calls one user may cause: a sliding window per user, kept in
 * this instance's memory (a limit on cost and on abuse, not an exact quota —
 * several instances each allow the limit). Beyond it the bot answers without
 * the model.
 */
export class UserRateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a call for the user and says whether it is within the limit. */
  tryTake(userKey: string): boolean {
    const now = this.now();
    const recent = (this.calls.get(userKey) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.calls.set(userKey, recent);
      return false;
    }
    recent.push(now);
    this.calls.set(userKey, recent);
    if (this.calls.size > 10_000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, times] of this.calls) if (times.every((t) => now - t >= this.windowMs)) this.calls.delete(key);
  }
}
