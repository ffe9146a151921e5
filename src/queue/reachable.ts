import { redactUrl } from './redis-url.js'

/** Redis did not answer in time, said in words. */
export class QueueUnreachableError extends Error {
  override readonly name = 'QueueUnreachableError'
}

/**
 * Waits until a queue's Redis connection is ready, or refuses after `ms` with the address:
 * a wrong URL fails at once instead of waiting forever for a server that is not there.
 */
export async function whenReachable(queue: { waitUntilReady(): Promise<unknown> }, url: string, ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnreachableError(`cannot reach Redis at ${redactUrl(url)} (no answer in ${ms / 1000} s)`)), ms)
  })
  try {
    await Promise.race([queue.waitUntilReady(), late])
  } finally {
    clearTimeout(timer)
  }
}
