import { availableParallelism } from 'node:os'
import { createAnalyzer } from '../analyze.js'
import type { Input } from '../core/doc.js'
import type { Output, OutputError } from '../output.js'
import { createProducer, JobTooLargeError } from '../queue/producer.js'
import { queueName, redactUrl } from '../queue/redis-url.js'
import { createAnalysisPool } from '../services/analysis-pool.js'
import { isSourceTarget, looksLikeWarc, readLocalList, warcDocuments } from '../sources/index.js'
import type { CommandEnv } from './command.js'
import { errorInWords } from './errors.js'
import { forEachDocument } from './ingest-command.js'
import { parseEvery } from './source-ingest.js'
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
  values: { queue: string; 'queue-name'?: string; report?: boolean; workers?: string; every?: string },
  published?: string,
): Promise<number> {
  if (values.report) throw new UsageError('--report needs the analysis, which happens in `sitrep worker` with --queue: leave out one of them')
  const sources = paths.filter(isSourceTarget)
  const everyMs = values.every !== undefined ? parseEvery(values.every) : undefined
  if (everyMs !== undefined) {
    const local = paths.find((p) => !sources.includes(p) || (!/^https?:\/\//i.test(p) && looksLikeWarc(p)))
    if (local) throw new UsageError(`${local}: --every polls URLs, feeds files and OPML files; a file of documents is enqueued once, without --every`)
  }
  if (values.workers !== undefined) throw new UsageError('--workers analyses here and --queue sends the documents to `sitrep worker`: use one of them')
  const name = queueName(values['queue-name'])
  const producer = createProducer({ url: values.queue, name })
  let bad = 0
  let docs = 0
  let urls = 0
  let scheduled = 0
  // as without --queue: any failed source (a WARC record, a list file) makes the exit code 1
  let sourceBad = 0
  const addDocument = async (input: Input, where: string): Promise<void> => {
    docs++
    try {
      await producer.add(published && !input.published ? { ...input, published } : input, where)
    } catch (e) {
      if (!(e instanceof JobTooLargeError)) throw e
      bad++
      process.stderr.write(`sitrep: ${where}: ${e.message}\n`)
    }
  }
  // a URL becomes a source job (or a schedule): the worker that takes it fetches it
  const addUrl = async (url: string, where: string): Promise<void> => {
    if (everyMs === undefined) {
      urls++
      return producer.addSource(url, where)
    }
    scheduled++
    return producer.schedule(url, everyMs, where)
  }
  try {
    await producer.ready()
    for (const target of sources) {
      try {
        if (/^https?:\/\//i.test(target)) await addUrl(target, target)
        else if (looksLikeWarc(target)) {
          // the records are read here (the file is on this machine) and each HTML page sent as a document
          for await (const doc of warcDocuments(target)) {
            const where = `${target} at byte ${doc.offset}${doc.url ? ` (${doc.url})` : ''}`
            if (doc.input) await addDocument(doc.input, where)
            else {
              docs++
              bad++
              sourceBad++
              process.stderr.write(`sitrep: ${where}: ${doc.error}\n`)
            }
          }
        } else {
          const list = readLocalList(target)
          for (const url of list.urls) await addUrl(url, target)
          for (const input of list.documents) await addDocument(input, target)
        }
      } catch (e) {
        bad++
        sourceBad++
        process.stderr.write(`sitrep: ${target}: ${errorInWords(e)}\n`)
      }
    }
    await forEachDocument(
      paths.filter((p) => !sources.includes(p)),
      addDocument,
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
  const also = [urls && `${urls} URL(s) for the workers to fetch`, scheduled && `${scheduled} URL(s) polled every ${values.every}`].filter(Boolean)
  process.stderr.write(
    `sitrep: ${docs} document(s)${also.length ? ` and ${also.join(' and ')}` : ''}: ${sent} job(s) sent to queue "${name}" at ${redactUrl(values.queue)} (one already there is not added twice), ${repeated} repeated, ${bad} failed${waits ? `; waited ${waits} time(s) for the workers` : ''}.\n`,
  )
  return sourceBad || (bad && !sent) ? 1 : 0
}
