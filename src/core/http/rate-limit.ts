/**
 * Counting failures per key in a fixed window, in memory (one process). Used for letters to the
 * mayor per address; sign-in has its own delays, kept in the database (accounts/delay-rules.ts).
 */
export class FailureLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may now. */
  blockedFor(key: string): number {
    const w = this.windows.get(key);
    if (!w) return 0;
    const left = w.start + this.windowMs - this.now();
    if (left <= 0) {
      this.windows.delete(key);
      return 0;
    }
    return w.count >= this.max ? Math.ceil(left / 1000) : 0;
  }

  fail(key: string) {
    const w = this.windows.get(key);
    if (!w || w.start + this.windowMs <= this.now())
      this.windows.set(key, { start: this.now(), count: 1 });
    else w.count++;
  }

  reset(key: string) {
    this.windows.delete(key);
  }
}
