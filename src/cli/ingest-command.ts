import { createReadStream, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createAnalyzer, isError } from '../analyze.js'
import type { Input } from '../core/doc.js'
import type { Lexicon } from '../lexicon/lexicon.js'
import type { Output, OutputError } from '../output.js'
import { isSourceTarget } from '../sources/index.js'
import { createStore } from '../store/create-store.js'
import type { Store } from '../store/store.js'
import { pipelineVersion } from '../version.js'
import { readInput } from './analyze-command.js'
import type { CommandEnv } from './command.js'
import { dbLocation, shownDb } from './db-option.js'
import { errorInWords } from './errors.js'
import { analysisPoolFor, enqueueCommand, orderedWindow } from './ingest-scale.js'
import { batchLines } from './input-schema.js'
import { ingestSourceArgs, SOURCE_OPTIONS } from './source-ingest.js'
import { formatReport } from './table.js'
import { maxSecondsOption, UsageError, validDateOption, writeLine } from './util.js'

const ARTICLE_FILE = /\.(txt|text|html?|xhtml|md)$/i
const JSONL_FILE = /\.jsonl$/i

/** `sitrep ingest`: files, folders and JSONL batches -> analysed and stored once each. */
export async function ingestCommand(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      date: { type: 'string' },
      report: { type: 'boolean', default: false },
      'max-seconds': { type: 'string' },
      ...SOURCE_OPTIONS,
      // scale-out (ingest-scale.ts): analyse in N threads, or enqueue for `sitrep worker`
      workers: { type: 'string' },
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
    },
  })
  if (!positionals.length) throw new UsageError('ingest needs at least one FILE, DIR, JSONL, URL, feeds file or WARC')
  const published = values.date !== undefined ? validDateOption(values.date, '--date') : undefined
  if (values.queue !== undefined) return enqueueCommand(positionals, { ...values, queue: values.queue }, published)
  const maxSeconds = maxSecondsOption(values['max-seconds'])
  const pool = analysisPoolFor(values.workers, env, maxSeconds)
  const store = createStore(dbLocation(values.db))
  await store.migrate()
  const report = values.report ? (out: Output) => writeLine(`${formatReport(out)}\n`) : undefined
  const sources = positionals.filter(isSourceTarget)
  const stats = await ingestPaths(
    store,
    positionals.filter((p) => !sources.includes(p)),
    { lexicon: env.lexicon, userActors: env.userActors, maxSeconds, ...(published && { published }), ...(report && { report }), ...pool?.options },
  ).finally(() => pool?.close())
  const analyzer = createAnalyzer({ lexicon: env.lexicon, maxSeconds })
  const fromSources = sources.length ? await ingestSourceArgs(store, sources, values, published, report, analyzer, pipelineVersion(env.userActors)) : null
  if (fromSources) for (const k of ['seen', 'inserted', 'duplicates', 'failed', 'events'] as const) stats[k] += fromSources[k]
  const totals = await store.counts()
  await store.close()
  process.stderr.write(
    `sitrep: ${stats.seen} document(s): ${stats.inserted} new, ${stats.duplicates} already stored, ${stats.failed} failed; ${stats.events} new event(s)${fromSources ? `; ${fromSources.copies} near-duplicate(s) linked, ${fromSources.failedSources} source(s) failed` : ''}. ${shownDb(dbLocation(values.db))} holds ${totals.articles} article(s), ${totals.events} event(s).\n`,
  )
  if (fromSources && (fromSources.failed || fromSources.failedSources)) return 1
  return stats.failed && !stats.inserted && !stats.duplicates ? 1 : 0
}

/** How an ingest run analyses: the lexicon, the date of undated documents, a report per stored document. */
export interface IngestOptions {
  readonly lexicon: Lexicon
  /** Seconds a document may take (0: no limit). */
  readonly maxSeconds?: number
  readonly published?: string
  readonly report?: (out: Output) => Promise<void>
  /** The user's registry lists, part of the pipeline version stored with each analysis. */
  readonly userActors?: unknown
  /** Analyses elsewhere (worker threads) instead of in this thread; reports and saves stay in input order. */
  readonly analyze?: (input: Input) => Promise<Output | OutputError>
  /** Documents analysed ahead of the one being saved (with `analyze`); 1 by default. */
  readonly window?: number
}

/** What an ingest run did. */
export interface IngestStats {
  seen: number
  inserted: number
  duplicates: number
  failed: number
  events: number
}

/** Analyses and stores every document under the given paths; problems are reported and skipped. */
export async function ingestPaths(store: Store, paths: readonly string[], options: IngestOptions): Promise<IngestStats> {
  const { published, report } = options
  const version = pipelineVersion(options.userActors ?? {})
  const analyzer = createAnalyzer({ lexicon: options.lexicon, ...(options.maxSeconds !== undefined && { maxSeconds: options.maxSeconds }) })
  const stats: IngestStats = { seen: 0, inserted: 0, duplicates: 0, failed: 0, events: 0 }
  const fail = (where: string, why: string): void => {
    stats.failed++
    process.stderr.write(`sitrep: ${where}: ${why}\n`)
  }
  const analyze = options.analyze ?? (async (input: Input) => analyzer.analyze(input))
  const inOrder = orderedWindow(options.window ?? 1)
  const one = async (input: Input, where: string): Promise<void> => {
    stats.seen++
    const analysed = analyze(published && !input.published ? { ...input, published } : input)
    await inOrder.push(async () => {
      const out = await analysed
      if (isError(out)) return fail(where, out.error)
      if (report) await report(out)
      const saved = await store.save(out, version)
      if (saved.inserted) {
        stats.inserted++
        stats.events += out.events?.length ?? 0
      } else stats.duplicates++
    })
  }
  await forEachDocument(paths, one, (where, why, isDocument) => {
    if (isDocument) stats.seen++
    fail(where, why)
  }).finally(() => inOrder.drain())
  return stats
}

/**
 * Calls `one` with every document under the paths, in order, and `bad` with each problem:
 * a document that cannot be read (`isDocument`), or a missing path or unreadable file.
 */
export async function forEachDocument(
  paths: readonly string[],
  one: (input: Input, where: string) => Promise<void>,
  bad: (where: string, why: string, isDocument: boolean) => void,
): Promise<void> {
  const fail = (where: string, why: string): void => bad(where, why, false)
  for (const file of expand(paths, fail)) {
    if (JSONL_FILE.test(file)) {
      try {
        for await (const line of batchLines(createReadStream(file))) {
          if (line.blank) continue
          if (!line.parsed.ok) {
            bad(`${file}:${line.n}`, line.parsed.error, true)
            continue
          }
          await one(line.parsed.input, `${file}:${line.n}`)
        }
      } catch (e) {
        // what was read before stays stored; the next file goes on
        fail(file, `cannot read: ${errorInWords(e)}`)
      }
      continue
    }
    const read = await readInput(file)
    if (!read.ok) {
      bad(file, read.error, true)
      continue
    }
    await one(read.input, file)
  }
}

/** Files under the paths: folders are walked for article and JSONL files. */
function expand(paths: readonly string[], fail: (where: string, why: string) => void): string[] {
  const out: string[] = []
  const walk = (p: string, top: boolean): void => {
    let st: ReturnType<typeof statSync>
    try {
      st = statSync(p)
    } catch {
      fail(p, 'no such file or folder')
      return
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name), false)
    } else if (top || ARTICLE_FILE.test(p) || JSONL_FILE.test(p)) out.push(p)
  }
  for (const p of paths) walk(p, true)
  return out
}
