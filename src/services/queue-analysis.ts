import { createAnalyzer, isError } from '../analyze.js'
import type { Lexicon } from '../lexicon/lexicon.js'
import { PermanentJobError } from '../queue/consumer.js'
import { type ArticleJob, jobInput, type SourceJob } from '../queue/job-schema.js'
import type { HostTurns } from '../sources/host-gate.js'
import { ingestSources } from '../sources/index.js'
import type { Store } from '../store/store.js'
import { PIPELINE_VERSION } from '../version.js'
import type { WatchRunner } from './watch-runner.js'

/** How a queue worker analyses and stores. */
export interface QueueAnalysisOptions {
  readonly store: Store
  readonly lexicon: Lexicon
  /** Seconds a document may take (0: no limit). */
  readonly maxSeconds?: number
  /**
   * How long one save keeps trying a store that refuses (ms) before the job is handed back
   * to the queue for a later try. While it waits the worker takes no new job: a slow or
   * unreachable store slows the workers, and the jobs wait in Redis (back-pressure).
   */
  readonly storePatienceMs?: number
  /** The version stored with each analysis (with the user's registry folded in, as `ingest` stores it). */
  readonly pipelineVersion?: string
  /** Told of each refused save, for a message. */
  readonly onStoreError?: (error: unknown, waitMs: number) => void
  /** The watches to evaluate after an article with events is stored (runs coalesce: a busy runner runs once more after its run). */
  readonly watches?: WatchRunner
  /** Source jobs may fetch from private addresses (an intranet, tests); off by default. */
  readonly allowPrivate?: boolean
  /** The contact URL in the User-Agent of source jobs' requests. */
  readonly contact?: string
  /**
   * Where the hosts' turns are kept for source jobs' requests: shared by every worker of the
   * queue (in its Redis), so one host gets one request a second from all of them together.
   * Without it, each job spaces only its own requests.
   */
  readonly hostTurns?: HostTurns
  /** Told of each problem a source job meets (a page that failed, a feed that could not be read), one line each. */
  readonly onSourceProblem?: (line: string) => void
}

/** What the handler has done. */
export interface QueueAnalysisStats {
  inserted: number
  duplicates: number
  events: number
  storeRetries: number
  /** Source jobs read to the end. */
  sources: number
}

/**
 * Builds the job handler of `sitrep worker`: analyse the job's document, then save it once
 * (the store keys articles by content, so a job run twice — a worker killed after saving,
 * a retry — stores once). A document that cannot be analysed is a permanent failure.
 *
 * @example
 *   const { handle } = queueAnalysis({ store, lexicon })
 *   startConsumer({ url, name, handle })
 */
export function queueAnalysis(options: QueueAnalysisOptions): {
  handle: (job: ArticleJob) => Promise<void>
  handleSource: (job: SourceJob) => Promise<void>
  warm: () => void
  stats: QueueAnalysisStats
} {
  const analyzer = createAnalyzer({ lexicon: options.lexicon, ...(options.maxSeconds !== undefined && { maxSeconds: options.maxSeconds }) })
  const stats: QueueAnalysisStats = { inserted: 0, duplicates: 0, events: 0, storeRetries: 0, sources: 0 }
  const patience = options.storePatienceMs ?? 60_000
  const version = options.pipelineVersion ?? PIPELINE_VERSION
  return {
    stats,
    // loads the models before the first job is claimed, so a job's lock never runs out
    // while a cold worker blocks on loading them
    warm: () => void analyzer.analyze({ text: 'The minister met the ambassador on Monday.', published: '2025-01-01' }),
    /**
     * A source job: the URL is read through the sources layer with the store as its ledger
     * (the safe fetcher, conditional GET with the validators kept in the store, a page whose
     * canonical URL is stored is not fetched again, near-duplicates linked). A feed that
     * cannot be read fails the job (tried again with backoff, then dead); a page of it that
     * fails is reported and the others go on.
     */
    async handleSource(job: SourceJob) {
      const problems: string[] = []
      const lines = {
        isTTY: false,
        write(chunk: string | Uint8Array) {
          const line = String(chunk)
            .replace(/^sitrep: /, '')
            .trimEnd()
          problems.push(line)
          options.onSourceProblem?.(line)
          return true
        },
      } as unknown as NodeJS.WriteStream
      const run = await ingestSources([job.url], {
        ledger: options.store,
        analyzer,
        pipelineVersion: version,
        allowPrivate: options.allowPrivate ?? false,
        stderr: lines,
        ...(options.contact && { contact: options.contact }),
        ...(options.hostTurns && { fetcher: { hostTurns: options.hostTurns } }),
      })
      stats.inserted += run.inserted
      stats.duplicates += run.duplicates
      stats.events += run.events
      if (run.events) options.watches?.kick()
      if (run.failedSources) throw new Error(problems.at(-1) ?? `${job.url}: could not be read`)
      stats.sources++
    },
    async handle(job: ArticleJob) {
      const out = analyzer.analyze(jobInput(job))
      if (isError(out)) throw new PermanentJobError(`${job.where}: ${out.error}`)
      const started = Date.now()
      let wait = 250
      for (;;) {
        try {
          const saved = await options.store.save(out, version)
          if (saved.inserted) {
            stats.inserted++
            stats.events += out.events?.length ?? 0
            // the job is done once saved: the watches run beside the next job, their problems logged by the runner
            if (out.events?.length) options.watches?.kick()
          } else stats.duplicates++
          return
        } catch (e) {
          // the analysis is kept while the store is away: only the save is tried again
          if (Date.now() - started + wait > patience) throw e
          stats.storeRetries++
          options.onStoreError?.(e, wait)
          await new Promise((r) => setTimeout(r, wait))
          wait = Math.min(wait * 2, 5000)
        }
      }
    },
  }
}
