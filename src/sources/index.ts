import { type Analyzer, createAnalyzer } from '../analyze.js'
import type { Output } from '../output.js'
import type { DocumentLog } from './documents.js'
import type { SourceLedger } from './ledger.js'
import type { MemoryCeiling } from './memory-ceiling.js'
import { createProgress, emptyStats, type SourceStats } from './progress.js'
import { ingestSourceTargets, isSourceTarget, type LocalList, readLocalList } from './run-sources.js'
import { createFetcher, type FetcherOptions, userAgent } from './safe-fetch.js'

export type { DocumentLog } from './documents.js'
export type { SourceLedger } from './ledger.js'
export { type MemoryCeiling, type MemoryCeilingOptions, memoryCeiling } from './memory-ceiling.js'
export type { SourceStats } from './progress.js'
export { looksLikeWarc, warcDocuments } from './warc-source.js'
export { isSourceTarget, type LocalList, readLocalList }

/** How `ingest` reads sources: the store, network permissions and what to print. */
export interface IngestSourcesOptions {
  readonly ledger: SourceLedger
  /** The analyzer (its lexicon, time budget); one over the package lexicon by default. */
  readonly analyzer?: Analyzer
  readonly pipelineVersion: string
  readonly published?: string
  readonly allowPrivate?: boolean
  /** The contact URL put in the User-Agent. */
  readonly contact?: string
  /** Read the targets again after this pause, until the signal is aborted. */
  readonly everyMs?: number
  readonly signal?: AbortSignal
  readonly report?: (out: Output) => Promise<void>
  readonly log?: (entry: DocumentLog) => void
  /** Where one-line problems and the progress bar go (a bar only when it is a terminal). */
  readonly stderr?: NodeJS.WriteStream
  /** Overrides for the fetcher (tests inject a resolver and a connector; the politeness interval). */
  readonly fetcher?: FetcherOptions
  /** Checked after each document (`memoryCeiling`): none by default, V8 then sizes its heap alone. */
  readonly memory?: MemoryCeiling
}

/**
 * The one entry point the CLI uses: reads URLs, feeds, sitemaps, OPML and feeds files and WARC
 * files into the ledger through one safe fetcher, and returns the counts.
 *
 * @example
 *   const stats = await ingestSources(['https://example.org/rss'], { ledger: store, pipelineVersion: '0.5.1' })
 */
export async function ingestSources(targets: readonly string[], options: IngestSourcesOptions): Promise<SourceStats> {
  const stderr = options.stderr ?? process.stderr
  const stats = emptyStats()
  const fetcher = createFetcher({ allowPrivate: options.allowPrivate ?? false, userAgent: userAgent(options.contact), ...options.fetcher })
  const progress = createProgress(stderr)
  await ingestSourceTargets(
    {
      analyzer: options.analyzer ?? createAnalyzer(),
      ledger: options.ledger,
      pipelineVersion: options.pipelineVersion,
      stats,
      fetcher,
      progress,
      warn: (line) => stderr.write(`sitrep: ${line}\n`),
      ...(options.published && { published: options.published }),
      ...(options.report && { report: options.report }),
      ...(options.log && { log: options.log }),
      ...(options.signal && { signal: options.signal }),
      ...(options.memory && { memory: options.memory }),
    },
    targets,
    options.everyMs,
  )
  progress?.clear()
  return stats
}
