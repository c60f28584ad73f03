/**
 * Sliding-window-ish rate limiter (two fixed windows, weighted), in memory, per key.
 * Bounded: keys idle for a window are dropped, and the map never grows past `maxKeys`.
 */
export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Seconds until a request would be allowed again (when not allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  windowStart: number;
  current: number;
  previous: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  hit(key: string): RateDecision {
    const now = this.now();
    const { limit, windowMs } = this.rule;
    const windowStart = now - (now % windowMs);
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.windowStart < windowStart - windowMs) {
      bucket = { windowStart, current: 0, previous: 0 };
    } else if (bucket.windowStart < windowStart) {
      bucket = { windowStart, current: 0, previous: bucket.current };
    }
    const weight = 1 - (now - windowStart) / windowMs;
    const estimate = bucket.previous * weight + bucket.current;
    if (estimate >= limit) {
      this.buckets.set(key, bucket);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
    }
    bucket.current += 1;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return { allowed: true, retryAfterSeconds: 0 };
  }
}
