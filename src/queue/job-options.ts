/** How many times a job is tried before it goes to the dead-letter queue. */
export const DEFAULT_ATTEMPTS = 5

/** The first retry's delay (ms); each later one doubles it. */
export const DEFAULT_BACKOFF_MS = 2000

/** The dead-letter queue of a queue: jobs that failed every try, with their reasons. */
export function deadLetterName(name: string): string {
  return `${name}.dead`
}

/**
 * The id a job gets when it is put in the dead-letter queue, or back in the queue by a retry:
 * its own, with any ':' made '_' (BullMQ refuses a custom id with ':'; the jobs a schedule makes
 * are named `repeat:KEY:TIME`, so a failed poll could be neither buried nor retried).
 */
export function plainJobId(id: string): string {
  return id.replaceAll(':', '_')
}

/** The options every analysis job is added with: retries with exponential backoff, bounded history in Redis. */
export function jobOptions(attempts = DEFAULT_ATTEMPTS, backoffMs = DEFAULT_BACKOFF_MS) {
  return {
    attempts,
    backoff: { type: 'exponential' as const, delay: backoffMs },
    // a finished job keeps its document in Redis: an hour (a re-enqueue of the same
    // document within it is a no-op; later, the store still keeps it once) and at most
    // 10,000 of them, so Redis memory stays bounded (about 10,000 x the average article)
    removeOnComplete: { age: 3600, count: 10_000 },
    // failed jobs are kept for `queue status` and `queue retry` (their copy in the
    // dead-letter queue keeps the reason); a week at most, 10,000 at most
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  }
}
