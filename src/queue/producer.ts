import { Queue } from 'bullmq'
import type { Input } from '../core/doc.js'
import { jobOptions } from './job-options.js'
import { ARTICLE_JOB, type ArticleJob, articleJob, articleJobId, MAX_JOB_CHARS, SOURCE_JOB, type SourceJob, scheduleId, sourceJobId } from './job-schema.js'
import { whenReachable } from './reachable.js'
import { redisConnection } from './redis-url.js'

/** Where a producer sends jobs and how much it lets pile up. */
export interface ProducerOptions {
  readonly url: string
  readonly name: string
  /** Jobs added per round trip to Redis. */
  readonly batch?: number
  /** Waiting jobs above which the producer pauses until workers catch up (back-pressure). */
  readonly highWater?: number
  /** Tries per job before the dead-letter queue. */
  readonly attempts?: number
  /** First retry delay (ms), doubled on each later try. */
  readonly backoffMs?: number
  /** How long to wait between looks at a full queue (ms). */
  readonly pollMs?: number
}

/** What a producer has done so far. */
export interface ProducerStats {
  /** Jobs sent to Redis (one whose id is already there is kept as it is, not added again). */
  sent: number
  /** Documents repeated within a batch, sent once. */
  repeated: number
  /** Times the producer waited for workers to drain the queue. */
  waits: number
}

/** Adds analysis jobs to a BullMQ queue, in batches, pausing while too many wait. */
export interface Producer {
  /** Resolves once Redis answers; refuses after 10 s with the address. */
  ready(): Promise<void>
  /** Queues one document (sent with the next full batch); refuses one too big to carry. */
  add(input: Input, where: string): Promise<void>
  /** Queues a URL (page, feed, sitemap, OPML file) for a worker to fetch and ingest, once. */
  addSource(url: string, where: string): Promise<void>
  /**
   * Polls a URL every `everyMs` from now on: a job scheduler in Redis makes a source job each
   * period (the first at once) until `sitrep queue unschedule`; scheduling it again updates it.
   */
  schedule(url: string, everyMs: number, where: string): Promise<void>
  /** Sends what is buffered. */
  flush(): Promise<void>
  readonly stats: ProducerStats
  /** Flushes and disconnects. */
  close(): Promise<void>
}

/** A document too large to put in a job. */
export class JobTooLargeError extends Error {
  override readonly name = 'JobTooLargeError'
}

/**
 * Opens a producer on a queue. Memory stays bounded: at most one batch is held, and when
 * more than `highWater` jobs wait (workers or the store behind them are slow) `add` waits.
 *
 * @example
 *   const producer = createProducer({ url: 'redis://127.0.0.1:6379', name: 'sitrep' })
 *   await producer.add({ text: '…' }, 'file.txt')
 *   await producer.close()
 */
export function createProducer(options: ProducerOptions): Producer {
  const queue = new Queue(options.name, { connection: redisConnection(options.url) })
  // connection problems are retried by the client and surface through ready() and add()
  queue.on('error', () => {})
  const batchSize = options.batch ?? 200
  const highWater = options.highWater ?? 20_000
  const opts = jobOptions(options.attempts, options.backoffMs)
  const stats: ProducerStats = { sent: 0, repeated: 0, waits: 0 }
  let pending: { name: string; data: ArticleJob | SourceJob; opts: ReturnType<typeof jobOptions> & { jobId: string } }[] = []
  const seen = new Set<string>()

  const backlog = async (): Promise<number> => {
    const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed')
    return Object.values(c).reduce((a, b) => a + b, 0)
  }

  const flush = async (): Promise<void> => {
    if (!pending.length) return
    const send = pending
    pending = []
    seen.clear()
    while ((await backlog()) >= highWater) {
      stats.waits++
      await new Promise((r) => setTimeout(r, options.pollMs ?? 500))
    }
    // a job whose id is already in the queue (waiting, active, or finished and kept) is
    // left as it is by BullMQ: enqueueing a document twice makes one job
    await queue.addBulk(send)
    stats.sent += send.length
  }

  return {
    stats,
    ready: () => whenReachable(queue, options.url),
    async add(input: Input, where: string) {
      const size = (input.text ?? input.html ?? '').length
      if (size > MAX_JOB_CHARS) throw new JobTooLargeError(`${size} characters; a job carries at most ${MAX_JOB_CHARS}`)
      const jobId = articleJobId(input)
      if (seen.has(jobId)) {
        stats.repeated++
        return
      }
      seen.add(jobId)
      pending.push({ name: ARTICLE_JOB, data: articleJob(input, where), opts: { ...opts, jobId } })
      if (pending.length >= batchSize) await flush()
    },
    async addSource(url: string, where: string) {
      const jobId = sourceJobId(url)
      if (seen.has(jobId)) {
        stats.repeated++
        return
      }
      seen.add(jobId)
      pending.push({ name: SOURCE_JOB, data: { v: 1, where: where.slice(0, 4096), url }, opts: { ...opts, jobId } })
      if (pending.length >= batchSize) await flush()
    },
    async schedule(url: string, everyMs: number, where: string) {
      const data: SourceJob = { v: 1, where: where.slice(0, 4096), url }
      await queue.upsertJobScheduler(scheduleId(url), { every: everyMs }, { name: SOURCE_JOB, data, opts })
      stats.sent++
    },
    flush,
    async close() {
      try {
        await flush()
      } finally {
        await queue.close()
      }
    },
  }
}
