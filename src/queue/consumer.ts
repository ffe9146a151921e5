import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq'
import { DEFAULT_ATTEMPTS, deadLetterName, plainJobId } from './job-options.js'
import { ARTICLE_JOB, type ArticleJob, parseArticleJob, parseSourceJob, SOURCE_JOB, type SourceJob } from './job-schema.js'
import { whenReachable } from './reachable.js'
import { redisConnection } from './redis-url.js'

/** An error that no retry can cure (bad input): the job goes to the dead-letter queue at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError'
}

/** What a consumer does with one job; throwing retries it later, a PermanentJobError does not. */
export type JobHandler = (job: ArticleJob, info: { id: string; attempt: number }) => Promise<void>

/** What a consumer does with one source job (a URL to fetch and ingest); errors as for JobHandler. */
export type SourceJobHandler = (job: SourceJob, info: { id: string; attempt: number }) => Promise<void>

/** How a consumer takes jobs. */
export interface ConsumerOptions {
  readonly url: string
  readonly name: string
  readonly handle: JobHandler
  /** Source jobs (URLs, feeds polled on a schedule); without it they are dead on arrival. */
  readonly handleSource?: SourceJobHandler
  /** Jobs run at once in this process (analysis is CPU-bound: 1 per core, in separate processes). */
  readonly concurrency?: number
  /**
   * How long a job stays claimed without a heartbeat (ms): a worker killed mid-job has its
   * job taken back by another worker within about this time (stalled-job recovery).
   */
  readonly lockMs?: number
  /** Times a job may be found stalled (its worker died) before it counts as failed. */
  readonly maxStalled?: number
  /** Called with each finished or dead job, for progress messages. */
  readonly onEvent?: (event: ConsumerEvent) => void
}

/** Something that happened to a job in this consumer. */
export type ConsumerEvent =
  | { readonly kind: 'done'; readonly id: string }
  | { readonly kind: 'retry'; readonly id: string; readonly attempt: number; readonly reason: string }
  | { readonly kind: 'dead'; readonly id: string; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string }

/** A running consumer. */
export interface Consumer {
  /** Resolves once Redis answers; refuses after 10 s with the address. */
  ready(): Promise<void>
  /** Stops taking jobs, lets the current ones finish, then disconnects. */
  stop(): Promise<void>
}

/**
 * Starts consuming a queue. Each job's data is validated first (a malformed job is dead at
 * once); a handler error is retried with exponential backoff, and after the last try the
 * job, its data and the reason are copied into the dead-letter queue (`NAME.dead`).
 *
 * @example
 *   const consumer = startConsumer({ url, name: 'sitrep', handle: async (job) => {…} })
 *   process.once('SIGTERM', () => consumer.stop())
 */
export function startConsumer(options: ConsumerOptions): Consumer {
  const connection = redisConnection(options.url)
  const dead = new Queue(deadLetterName(options.name), { connection })
  const emit = options.onEvent ?? (() => {})
  dead.on('error', (e) => emit({ kind: 'error', reason: e.message }))
  const lockMs = options.lockMs ?? 30_000

  const bury = async (job: Job, reason: string): Promise<void> => {
    await dead.add(
      'dead',
      { queue: options.name, jobId: job.id, name: job.name, data: job.data, reason, attempts: job.attemptsMade + 1, at: new Date().toISOString() },
      { ...(job.id !== undefined && { jobId: plainJobId(job.id) }), removeOnComplete: true, removeOnFail: true },
    )
    emit({ kind: 'dead', id: String(job.id), reason })
  }

  const worker = new Worker(
    options.name,
    async (job: Job) => {
      const id = String(job.id)
      const refuse = async (reason: string): Promise<never> => {
        await bury(job, reason)
        throw new UnrecoverableError(reason)
      }
      let run: (info: { id: string; attempt: number }) => Promise<void>
      if (job.name === ARTICLE_JOB) {
        const parsed = parseArticleJob(job.data)
        if (!parsed.ok) return refuse(parsed.error)
        run = (info) => options.handle(parsed.job, info)
      } else if (job.name === SOURCE_JOB) {
        const parsed = parseSourceJob(job.data)
        if (!parsed.ok) return refuse(parsed.error)
        const handleSource = options.handleSource
        if (!handleSource) return refuse('this worker takes no source jobs')
        run = (info) => handleSource(parsed.job, info)
      } else return refuse(`unknown job name "${job.name}"`)
      const attempt = job.attemptsMade + 1
      try {
        await run({ id, attempt })
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e)
        const last = e instanceof PermanentJobError || attempt >= (job.opts.attempts ?? DEFAULT_ATTEMPTS)
        if (!last) {
          emit({ kind: 'retry', id, attempt, reason })
          throw e
        }
        await bury(job, reason)
        throw new UnrecoverableError(reason)
      }
      emit({ kind: 'done', id })
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      lockDuration: lockMs,
      // look for jobs of dead workers twice per lock period
      stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
      maxStalledCount: options.maxStalled ?? 3,
      // an idle worker blocks on Redis at most 1 s at a time, so a stop is prompt
      drainDelay: 1,
    },
  )
  worker.on('error', (e) => emit({ kind: 'error', reason: e.message }))

  let stopping: Promise<void> | null = null
  let reached = true
  return {
    ready: async () => {
      try {
        await whenReachable(worker, options.url)
        reached = true
      } catch (e) {
        reached = false
        throw e
      }
    },
    stop() {
      stopping ??= (async () => {
        // close() without force waits for the jobs in hand to finish; a worker that never
        // reached Redis has none, and waiting would wait for the connection
        await worker.close(!reached)
        await dead.close()
      })()
      return stopping
    },
  }
}
