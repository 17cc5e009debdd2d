/**
 * Failed sign-ins, counted per client address: a few mistakes are fine, a
 * guessing loop is not. Each address has a bucket of `attempts` failures that
 * refills over `perSeconds`; while it is empty every attempt from that
 * address (even one with a good token) is refused with 429 and Retry-After.
 * The table is bounded: full buckets are forgotten first, then the oldest.
 */
import { TokenBucket } from '../host/token-bucket';

export interface AuthLimiterOptions {
  /** Failures allowed in a burst (default 10). */
  readonly attempts?: number;
  /** Seconds for the bucket to refill completely (default 60). */
  readonly perSeconds?: number;
  /** Addresses remembered at most (default 10,000). */
  readonly maxAddresses?: number;
  readonly now?: () => number;
}

export class AuthLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly attempts: number;
  private readonly rate: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: AuthLimiterOptions = {}) {
    this.attempts = options.attempts ?? 10;
    this.rate = this.attempts / (options.perSeconds ?? 60);
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Seconds the address must wait before trying again; 0 when it may try now. */
  blockedFor(address: string): number {
    const bucket = this.buckets.get(address);
    return bucket === undefined ? 0 : Math.ceil(bucket.waitSeconds());
  }

  /** Counts one failure; returns true when this failure used up the address's allowance. */
  failed(address: string): boolean {
    let bucket = this.buckets.get(address);
    if (bucket === undefined) {
      this.makeRoom();
      bucket = new TokenBucket(this.attempts, this.rate, this.now);
      this.buckets.set(address, bucket);
    }
    bucket.take();
    return !bucket.peek();
  }

  private makeRoom(): void {
    if (this.buckets.size < this.maxAddresses) return;
    for (const [address, bucket] of this.buckets) if (bucket.full) this.buckets.delete(address);
    // Still full of active guessers: forget the oldest (Map keeps insertion order).
    while (this.buckets.size >= this.maxAddresses) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) break;
      this.buckets.delete(oldest.value);
    }
  }
}
