/** A per-key token bucket: `perMinute` requests a minute, refilled continuously, bursts up to `perMinute`. */
export interface RateLimiter {
  /** Takes one request for `key`: 0 when allowed, or the seconds to wait before the next one is. */
  take(key: string): number
}

// the most keys remembered; past it the oldest are forgotten (a flood of new addresses cannot fill memory)
const MAX_KEYS = 10_000

/**
 * Builds a rate limiter held in memory (one process); `perMinute` 0 allows everything.
 *
 * @example
 *   const limiter = createRateLimiter(600)
 *   if (limiter.take('tok_ab12') > 0) answer429()
 */
export function createRateLimiter(perMinute: number, now: () => number = () => performance.now()): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  const perMs = perMinute / 60_000
  return {
    take(key: string): number {
      if (perMinute <= 0) return 0
      const t = now()
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: t }
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs)
      bucket.at = t
      // re-inserted so the map's order is the order of last use
      buckets.delete(key)
      buckets.set(key, bucket)
      if (buckets.size > MAX_KEYS) {
        const oldest = buckets.keys().next().value
        if (oldest !== undefined) buckets.delete(oldest)
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return 0
      }
      return Math.ceil((1 - bucket.tokens) / perMs / 1000)
    },
  }
}
