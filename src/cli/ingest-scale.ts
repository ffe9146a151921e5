import { availableParallelism } from 'node:os'
import { createAnalyzer } from '../analyze.js'
import type { Input } from '../core/doc.js'
import type { Output, OutputError } from '../output.js'
import { createProducer, JobTooLargeError } from '../queue/producer.js'
import { queueName, redactUrl } from '../queue/redis-url.js'
import { createAnalysisPool } from '../services/analysis-pool.js'
import type { CommandEnv } from './command.js'
import { forEachDocument } from './ingest-command.js'
import { UsageError } from './util.js'

/** Runs tasks one after another in the order pushed, letting up to `size` be pending; `push` waits when the window is full. */
export function orderedWindow(size: number): { push(task: () => Promise<void>): Promise<void>; drain(): Promise<void> } {
  let tail: Promise<void> = Promise.resolve()
  const pending: Promise<void>[] = []
  return {
    async push(task) {
      const run = tail.then(task)
      // a failed task still lets the next ones run; its error reaches whoever awaits it
      tail = run.catch(() => {})
      pending.push(run)
      while (pending.length >= size) await pending.shift()
    },
    async drain() {
      while (pending.length) await pending.shift()
    },
  }
}

/** Reads `--workers N` (1 or more); without it, the number of cores. */
export function workersOption(value: string | undefined): number {
  if (value === undefined) return availableParallelism()
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256)
    throw new UsageError(`--workers expects a number of threads from 1 to 256, got "${value}"`)
  return Number(value)
}

/**
 * The analysis of `sitrep ingest --workers N`: with N > 1, documents are analysed in N
 * threads and saved in input order (the window keeps 2N in flight). The first document is
 * analysed here, so a one-document ingest starts no thread. Undefined for N = 1.
 */
export function analysisPoolFor(
  workers: string | undefined,
  env: CommandEnv,
  maxSeconds: number,
): { options: { analyze: (input: Input) => Promise<Output | OutputError>; window: number }; close: () => Promise<void> } | undefined {
  const size = workersOption(workers)
  if (size === 1) return undefined
  const today = new Date().toISOString().slice(0, 10)
  const here = createAnalyzer({ lexicon: env.lexicon, maxSeconds, today })
  let pool: ReturnType<typeof createAnalysisPool> | null = null
  let first = true
  return {
    options: {
      window: 2 * size,
      analyze(input) {
        if (first) {
          first = false
          return Promise.resolve(here.analyze(input))
        }
        pool ??= createAnalysisPool({ size, userActors: env.userActors, maxSeconds, today })
        return pool.analyze(input)
      },
    },
    close: async () => {
      await pool?.close()
    },
  }
}

/** `sitrep ingest … --queue URL`: every document becomes a job for `sitrep worker`; nothing is analysed here. */
export async function enqueueCommand(
  paths: readonly string[],
  values: { queue: string; 'queue-name'?: string; report?: boolean; workers?: string },
  published?: string,
): Promise<number> {
  if (values.report) throw new UsageError('--report needs the analysis, which happens in `sitrep worker` with --queue: leave out one of them')
  if (values.workers !== undefined) throw new UsageError('--workers analyses here and --queue sends the documents to `sitrep worker`: use one of them')
  const name = queueName(values['queue-name'])
  const producer = createProducer({ url: values.queue, name })
  let bad = 0
  let docs = 0
  try {
    await producer.ready()
    await forEachDocument(
      paths,
      async (input, where) => {
        docs++
        try {
          await producer.add(published && !input.published ? { ...input, published } : input, where)
        } catch (e) {
          if (!(e instanceof JobTooLargeError)) throw e
          bad++
          process.stderr.write(`sitrep: ${where}: ${e.message}\n`)
        }
      },
      (where, why, isDocument) => {
        if (isDocument) docs++
        bad++
        process.stderr.write(`sitrep: ${where}: ${why}\n`)
      },
    )
    await producer.flush()
  } finally {
    await producer.close()
  }
  const { sent, repeated, waits } = producer.stats
  process.stderr.write(
    `sitrep: ${docs} document(s): ${sent} sent to queue "${name}" at ${redactUrl(values.queue)} (one already there is not added twice), ${repeated} repeated, ${bad} failed${waits ? `; waited ${waits} time(s) for the workers` : ''}.\n`,
  )
  return bad && !sent ? 1 : 0
}
