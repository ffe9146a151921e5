/** How many times a job is tried before it goes to the dead-letter queue. */
export const DEFAULT_ATTEMPTS = 5

/** The first retry's delay (ms); each later one doubles it. */
export const DEFAULT_BACKOFF_MS = 2000

/** The dead-letter queue of a queue: jobs that failed every try, with their reasons. */
export function deadLetterName(name: string): string {
  return `${name}.dead`
}

/** The options every analysis job is added with: retries with exponential backoff, bounded history in Redis. */
export function jobOptions(attempts = DEFAULT_ATTEMPTS, backoffMs = DEFAULT_BACKOFF_MS) {
  return {
    attempts,
    backoff: { type: 'exponential' as const, delay: backoffMs },
    // finished jobs are kept a day (so a re-enqueue of the same document within a day is
    // a no-op) but never more than 100,000 of them: Redis memory stays bounded
    removeOnComplete: { age: 24 * 3600, count: 100_000 },
    // failed jobs are kept for `queue status` and `queue retry` (their copy in the
    // dead-letter queue keeps the reason); a week at most, 100,000 at most
    removeOnFail: { age: 7 * 24 * 3600, count: 100_000 },
  }
}
