/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. Used for a
 * connection's request rate and for failed sign-ins per address. The clock is
 * passed in so tests can move time instead of waiting.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether a token is there, without taking it. */
  peek(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  /** Seconds until the next token. */
  waitSeconds(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.perSecond;
  }

  /** True when the bucket is full again (it can be forgotten). */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }
}
