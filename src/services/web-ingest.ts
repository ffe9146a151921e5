import type { Analyzer } from '../analyze.js'
import type { DocumentLog } from '../sources/documents.js'
import { emptyStats, type SourceStats } from '../sources/progress.js'
import { ingestSourceTargets } from '../sources/run-sources.js'
import { FetchError, type FetchErrorKind, type Fetcher } from '../sources/safe-fetch.js'
import type { Store } from '../store/store.js'

/** What reading one URL (a page, or a feed, sitemap or OPML file and its items) did. */
export interface WebIngestResult {
  /** The counts, as `sitrep ingest` prints them. */
  readonly stats: SourceStats
  /** One entry per document met: new, duplicate, copy or failed. */
  readonly documents: readonly DocumentLog[]
  /** One line per list or document that could not be read (the run went on without it). */
  readonly problems: readonly string[]
  /** False when the time budget ran out before every item was read: reading the URL again goes on (stored items are skipped). */
  readonly complete: boolean
  /**
   * Set when the URL itself could not be read (nothing of it was stored): the fetcher's kind
   * of failure (`refused` for a private address, `http` for an error status, ...) or
   * `not-a-source` for a document that is neither a page nor a list, and the reason.
   */
  readonly failure: { readonly kind: FetchErrorKind | 'not-a-source'; readonly message: string } | null
}

/** How one URL is read: the store, the analyzer, the one fetcher of the process and the time budget. */
export interface WebIngestOptions {
  readonly store: Store
  readonly analyzer: Analyzer
  readonly fetcher: Fetcher
  readonly pipelineVersion: string
  /** The date of articles that state none and whose feed gives none. */
  readonly published?: string
  /** No new document is started after this many milliseconds; what was read is kept. */
  readonly budgetMs: number
}

/**
 * Reads one URL through the safe fetcher into the store, as `sitrep ingest URL` does: a page
 * is analysed and stored once; a feed, sitemap or OPML file has its items fetched and stored,
 * each once (by canonical URL, text and near-duplicate sketch). The fetcher refuses private
 * addresses unless it was made to allow them.
 *
 * @example
 *   const r = await ingestWebSource('https://example.org/rss', { store, analyzer, fetcher, pipelineVersion, budgetMs: 15_000 })
 */
export async function ingestWebSource(url: string, options: WebIngestOptions): Promise<WebIngestResult> {
  const stats = emptyStats()
  const documents: DocumentLog[] = []
  const problems: string[] = []
  // the fetcher's errors by URL, so a failure of the URL itself can be told by kind
  const errors = new Map<string, FetchError>()
  const fetcher: Fetcher = {
    fetch: (target, request) =>
      options.fetcher.fetch(target, request).catch((e: unknown) => {
        if (e instanceof FetchError) errors.set(target, e)
        throw e
      }),
    post: (target, request) => options.fetcher.post(target, request),
  }
  const stop = new AbortController()
  const timer = setTimeout(() => stop.abort(), options.budgetMs)
  let failure: WebIngestResult['failure'] = null
  try {
    await ingestSourceTargets(
      {
        analyzer: options.analyzer,
        ledger: options.store,
        pipelineVersion: options.pipelineVersion,
        stats,
        fetcher,
        progress: null,
        signal: stop.signal,
        log: (entry) => documents.push(entry),
        warn: (line) => {
          if (line.startsWith(`${url}: `) && stats.seen === 0 && !failure) {
            const own = errors.get(url)
            failure = own ? { kind: own.kind, message: own.message } : { kind: 'not-a-source', message: line }
          }
          problems.push(line)
        },
        ...(options.published && { published: options.published }),
      },
      [url],
    )
  } finally {
    clearTimeout(timer)
  }
  return { stats, documents, problems, complete: !stop.signal.aborted, failure }
}
