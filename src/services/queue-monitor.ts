import { openQueueAdmin, type QueueAdmin, type QueueStatus } from '../queue/queue-admin.js'
import { whenReachable } from '../queue/reachable.js'
import { queueName, redactUrl } from '../queue/redis-url.js'

export type { DeadJob, QueueStatus, Schedule } from '../queue/queue-admin.js'

/** Redis did not answer a monitor's call in time (the server is down or unreachable). */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError'
}

/** The queue a long-running server shows and manages (the dashboard's queue page): the admin side of `sitrep queue`. */
export interface QueueMonitor {
  /** The queue's name. */
  readonly name: string
  /** The Redis URL with its password hidden. */
  readonly where: string
  status(limit: number): Promise<QueueStatus>
  /** Puts every dead job back with fresh tries; how many. */
  retryDead(): Promise<number>
  /** Removes finished, failed and dead jobs older than `graceMs`; how many. */
  clean(graceMs: number): Promise<number>
  close(): Promise<void>
}

/** How long one call may wait for Redis before it is refused (ms). */
const CALL_MS = 5000

/**
 * Opens a queue for a server to show. Each call first checks that Redis answers (within 5 s),
 * so an action is not left queued in the client to run long after its request was refused;
 * a status read gets 5 s in all.
 *
 * @example
 *   const queue = openQueueMonitor('redis://127.0.0.1:6379', 'news')
 *   console.log((await queue.status(10)).waiting)
 */
export function openQueueMonitor(url: string, name?: string, callMs = CALL_MS): QueueMonitor {
  const queue = queueName(name)
  const admin: QueueAdmin = openQueueAdmin(url, queue)
  const where = redactUrl(url)
  // a probe of the connection: the admin's own queue answers waitUntilReady once Redis does
  const reachable = async (): Promise<void> => {
    try {
      await whenReachable({ waitUntilReady: () => admin.ready() }, url, callMs)
    } catch (e) {
      throw new QueueUnavailableError(e instanceof Error ? e.message : `cannot reach Redis at ${where}`)
    }
  }
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    await reachable()
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError(`Redis at ${where} did not answer in ${callMs / 1000} s`)), callMs)
    })
    try {
      return await Promise.race([work(), late])
    } finally {
      clearTimeout(timer)
    }
  }
  return {
    name: queue,
    where,
    status: (limit) => timed(() => admin.status(limit)),
    // an action runs to its end once Redis answered (the request's own time limit bounds the wait for it)
    retryDead: async () => {
      await reachable()
      return admin.retryDead()
    },
    clean: async (graceMs) => {
      await reachable()
      return admin.clean(graceMs)
    },
    close: () => admin.close(),
  }
}
