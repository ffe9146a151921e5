import type { Analyzer } from '../analyze.js'
import type { Output } from '../output.js'
import { ingestSources, type SourceStats } from '../sources/index.js'
import type { Store } from '../store/store.js'
import { pipelineVersion } from '../version.js'
import { ingestMemoryCeiling } from './memory-ceiling.js'
import { UsageError } from './util.js'

/** The `ingest` options that concern sources (URLs, feeds, sitemaps, WARC). */
export const SOURCE_OPTIONS = {
  'allow-private': { type: 'boolean', default: false },
  contact: { type: 'string' },
  every: { type: 'string' },
  log: { type: 'string' },
} as const

/** The values parseArgs gives for SOURCE_OPTIONS. */
export interface SourceOptionValues {
  readonly 'allow-private'?: boolean
  readonly contact?: string
  readonly every?: string
  readonly log?: string
}

/** Reads `--every 15m` (s, m or h) as milliseconds. */
export function parseEvery(text: string): number {
  const m = /^(\d+)(s|m|h)$/.exec(text.trim())
  if (!m) throw new UsageError(`--every needs a period such as 30s, 15m or 2h, not "${text}"`)
  const ms = Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h']
  if (ms < 1000) throw new UsageError('--every needs at least 1s')
  return ms
}

/**
 * Ingests the source targets of an `ingest` run into the store: Ctrl-C stops after the current
 * document (a second Ctrl-C ends at once), `--log json` writes one line per document to stdout.
 */
export async function ingestSourceArgs(
  store: Store,
  targets: readonly string[],
  values: SourceOptionValues,
  published: string | undefined,
  report: ((out: Output) => Promise<void>) | undefined,
  analyzer: Analyzer,
  version: string = pipelineVersion(),
): Promise<SourceStats> {
  if (values.log !== undefined && values.log !== 'json') throw new UsageError(`--log takes "json", not "${values.log}"`)
  if (values.contact !== undefined && !/^(https?:\/\/|mailto:)\S+$/i.test(values.contact)) throw new UsageError('--contact needs an http(s) or mailto: URL')
  const everyMs = values.every !== undefined ? parseEvery(values.every) : undefined
  const stop = new AbortController()
  const onSigint = (): void => {
    process.stderr.write('\nsitrep: stopping after the current document (Ctrl-C again to quit now)\n')
    stop.abort()
    process.removeListener('SIGINT', onSigint)
  }
  process.on('SIGINT', onSigint)
  // a long run (a WARC file of any size, feeds polled for days) stays under a memory ceiling
  const memory = ingestMemoryCeiling()
  try {
    return await ingestSources(targets, {
      ledger: store,
      analyzer,
      pipelineVersion: version,
      allowPrivate: values['allow-private'] ?? false,
      signal: stop.signal,
      ...(memory && { memory }),
      ...(values.contact && { contact: values.contact }),
      ...(everyMs && { everyMs }),
      ...(published && { published }),
      ...(report && { report }),
      ...(values.log === 'json' && { log: (entry: object) => process.stdout.write(`${JSON.stringify(entry)}\n`) }),
    })
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}
