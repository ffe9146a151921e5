import { type Analyzer, createAnalyzer, isError } from '../analyze.js'
import type { Input } from '../core/doc.js'
import type { Lexicon } from '../lexicon/lexicon.js'
import type { Output } from '../output.js'
import type { Store } from '../store/store.js'
import { PIPELINE_VERSION } from '../version.js'

/** Options of the analysis service: the store it writes to, the lexicon and the time one document may take. */
export interface AnalysisServiceOptions {
  readonly store: Store
  readonly lexicon: Lexicon
  /** Seconds one document may take, checked between stages (0: no limit). */
  readonly maxSeconds: number
}

/** An analysis or why there is none. */
export type AnalysisResult = { readonly ok: true; readonly output: Output } | { readonly ok: false; readonly error: string }

/** What an ingest did: the stored article's id, whether it was new and how many events it brought. */
export type IngestResult =
  | { readonly ok: true; readonly articleId: string; readonly inserted: boolean; readonly events: number }
  | { readonly ok: false; readonly error: string }

/** Analyses documents with or without storing them: what every front end (API, worker) calls. */
export interface AnalysisService {
  /** Analyses one input and stores nothing. */
  analyze(input: Input, stages?: readonly string[]): AnalysisResult
  /** Analyses one input and stores it once (by the hash of its text). */
  ingest(input: Input): Promise<IngestResult>
  /** Today's analyzer of every stage (kept, as the ones `analyze` uses): what a source run analyses with. */
  analyzer(): Analyzer
}

/**
 * The one place where analysis meets the store for long-running front ends: analyzers are
 * built once per stage selection and kept, so a request pays for the document only.
 *
 * @example
 *   const service = createAnalysisService({ store, lexicon: createLexicon(), maxSeconds: 30 })
 *   await service.ingest({ text: 'Moscow condemned the strikes.', published: '2025-07-31' })
 */
export function createAnalysisService(options: AnalysisServiceOptions): AnalysisService {
  const analyzers = new Map<string, ReturnType<typeof createAnalyzer>>()
  // the date of undated articles is today's, so an analyzer lives for one day at most
  const analyzerFor = (stages: readonly string[] | null): ReturnType<typeof createAnalyzer> => {
    const today = new Date().toISOString().slice(0, 10)
    const key = `${today} ${stages ? [...stages].sort().join(',') : '*'}`
    let analyzer = analyzers.get(key)
    if (!analyzer) {
      for (const k of analyzers.keys()) if (!k.startsWith(today)) analyzers.delete(k)
      analyzer = createAnalyzer({ lexicon: options.lexicon, maxSeconds: options.maxSeconds, today, stages })
      analyzers.set(key, analyzer)
    }
    return analyzer
  }
  const analyze = (input: Input, stages?: readonly string[]): AnalysisResult => {
    const out = analyzerFor(stages?.length ? stages : null).analyze(input)
    return isError(out) ? { ok: false, error: out.error } : { ok: true, output: out }
  }
  return {
    analyze,
    analyzer: () => analyzerFor(null),
    async ingest(input: Input): Promise<IngestResult> {
      const result = analyze(input)
      if (!result.ok) return result
      const saved = await options.store.save(result.output, PIPELINE_VERSION)
      return { ok: true, articleId: saved.articleId, inserted: saved.inserted, events: saved.inserted ? (result.output.events?.length ?? 0) : 0 }
    },
  }
}
