import { Queue } from 'bullmq'
import { deadLetterName, jobOptions, plainJobId } from './job-options.js'
import { ARTICLE_JOB, scheduleId } from './job-schema.js'
import { whenReachable } from './reachable.js'
import { redisConnection } from './redis-url.js'

/** Job counts of a queue by state, and its dead letters. */
export interface QueueStatus {
  readonly waiting: number
  readonly active: number
  readonly delayed: number
  readonly completed: number
  readonly failed: number
  readonly dead: number
  /** The most recent dead jobs with their reasons (at most `limit`). */
  readonly deadJobs: readonly DeadJob[]
  /** The most recent failed jobs of the queue itself with their reasons (at most `limit`): the dead ones, and those whose worker died too often. */
  readonly failedJobs: readonly DeadJob[]
  /** URLs polled on a schedule (`ingest … --every … --queue …`), at most `limit`. */
  readonly schedules: readonly Schedule[]
  /** How many URLs are polled on a schedule. */
  readonly scheduled: number
}

/** A URL polled on a schedule. */
export interface Schedule {
  readonly url: string
  readonly everyMs: number
  /** When the next poll is due (ISO time); null when not known. */
  readonly next: string | null
}

/** A job that failed every try. */
export interface DeadJob {
  readonly id: string
  readonly where: string
  readonly reason: string
  readonly attempts: number
  readonly at: string
}

/** Reads, retries and cleans a queue and its dead-letter queue. */
export interface QueueAdmin {
  /** Resolves once Redis answers; refuses after 10 s with the address. */
  ready(): Promise<void>
  status(limit?: number): Promise<QueueStatus>
  /** Stops polling the given URLs (all of them when `urls` is null); returns how many schedules went. */
  unschedule(urls: readonly string[] | null): Promise<number>
  /** Puts every dead job back in the queue with fresh tries; returns how many. */
  retryDead(): Promise<number>
  /** Removes finished and failed jobs (and dead letters) older than `graceMs`; returns how many. */
  clean(graceMs: number): Promise<number>
  /** Deletes the queue and its dead letters entirely, jobs in hand included. */
  obliterate(): Promise<void>
  close(): Promise<void>
}

interface DeadData {
  jobId?: string
  name?: string
  data?: { where?: string; input?: unknown }
  reason?: string
  attempts?: number
  at?: string
}

/**
 * Opens the admin side of a queue.
 *
 * @example
 *   const admin = openQueueAdmin('redis://127.0.0.1:6379', 'sitrep')
 *   console.log(await admin.status())
 */
export function openQueueAdmin(url: string, name: string): QueueAdmin {
  const connection = redisConnection(url)
  const queue = new Queue(name, { connection })
  const dead = new Queue(deadLetterName(name), { connection })
  // connection problems are retried by the client and surface through ready() and the calls
  queue.on('error', () => {})
  dead.on('error', () => {})
  return {
    ready: () => whenReachable(queue, url),
    async status(limit = 10) {
      const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed')
      const d = await dead.getJobCounts('waiting')
      const recent = limit > 0 ? await dead.getJobs(['waiting'], 0, limit - 1, false) : []
      const deadJobs = recent.map((j) => {
        const x = j.data as DeadData
        return { id: x.jobId ?? String(j.id), where: x.data?.where ?? '', reason: x.reason ?? '', attempts: x.attempts ?? 0, at: x.at ?? '' }
      })
      const failedJobs = (limit > 0 ? await queue.getJobs(['failed'], 0, limit - 1, false) : []).map((j) => ({
        id: String(j.id),
        where: whereOf(j.data),
        reason: j.failedReason ?? '',
        attempts: j.attemptsMade,
        at: j.finishedOn ? new Date(j.finishedOn).toISOString() : '',
      }))
      const scheduled = await queue.getJobSchedulersCount()
      const schedules = (limit > 0 ? await queue.getJobSchedulers(0, limit - 1, true) : []).map((j) => ({
        url: (j.template?.data as { url?: string } | undefined)?.url ?? j.key.replace(/^poll:/, ''),
        everyMs: Number(j.every ?? 0),
        next: j.next ? new Date(j.next).toISOString() : null,
      }))
      return {
        scheduled,
        schedules,
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
        dead: d.waiting ?? 0,
        deadJobs,
        failedJobs,
      }
    },
    async unschedule(urls) {
      let ids: string[]
      if (urls) ids = urls.map(scheduleId)
      else {
        ids = []
        const total = await queue.getJobSchedulersCount()
        for (let at = 0; at < total; at += 100) for (const j of await queue.getJobSchedulers(at, at + 99, true)) ids.push(j.key)
      }
      let n = 0
      for (const id of ids) if (await queue.removeJobScheduler(id)) n++
      return n
    },
    async retryDead() {
      let n = 0
      for (;;) {
        const batch = await dead.getJobs(['waiting'], 0, 99, true)
        if (!batch.length) return n
        for (const letter of batch) {
          const x = letter.data as DeadData
          // the letter keeps the original's id (its own may have had its ':' replaced)
          const id = x.jobId ?? String(letter.id)
          // the failed original keeps its id: it goes, then the job comes back with fresh tries
          const original = await queue.getJob(id)
          if (original) await original.remove()
          if (x.data) {
            await queue.add(x.name ?? original?.name ?? ARTICLE_JOB, x.data, { ...jobOptions(), jobId: plainJobId(id) })
            n++
          }
          await letter.remove()
        }
      }
    },
    async clean(graceMs) {
      let n = 0
      for (const state of ['completed', 'failed'] as const) {
        for (;;) {
          const removed = await queue.clean(graceMs, 1000, state)
          n += removed.length
          if (removed.length < 1000) break
        }
      }
      for (;;) {
        const removed = await dead.clean(graceMs, 1000, 'wait')
        n += removed.length
        if (removed.length < 1000) break
      }
      return n
    },
    async obliterate() {
      await queue.obliterate({ force: true })
      await dead.obliterate({ force: true })
    },
    async close() {
      await queue.close()
      await dead.close()
    },
  }
}

/** Where a job's document came from, as its data says (a source job's URL, an article's file or feed). */
function whereOf(data: unknown): string {
  const where = (data as { where?: unknown } | null | undefined)?.where
  return typeof where === 'string' ? where : ''
}
