import { createHash } from 'node:crypto'
import type { Input } from './core/doc.js'
import { runPipeline, selectStages, TimeBudgetError, UnusableInputError } from './core/pipeline.js'
import { createLexicon, type Lexicon } from './lexicon/lexicon.js'
import { type Output, type OutputError, toOutput } from './output.js'
import { defaultStages, type PipelineOptions } from './pipeline.js'
import type { PipelineStage, StageContext } from './stages/context.js'

/** Options of an analyzer. */
export interface AnalyzerOptions extends PipelineOptions {
  /** Stage or layer names to produce (their dependencies run too); all when null. */
  readonly stages?: readonly string[] | null
  /** The date used when an article has none (YYYY-MM-DD); defaults to today. */
  readonly today?: string
  /** The lexicon (actor registry with a user's entries); the package's own by default. */
  readonly lexicon?: Lexicon
  /** Seconds a document may take before it is answered with an error (checked between stages); 0 or none for no limit. */
  readonly maxSeconds?: number
}

/** Analyses inputs one at a time with a fixed list of stages. */
export interface Analyzer {
  readonly stages: readonly PipelineStage[]
  /** The output model, or `{id, error}` for an input that cannot be analysed. */
  analyze(input: Input): Output | OutputError
}

/** The content hash that identifies an input without an id. */
export function contentId(input: Input): string {
  return createHash('sha256')
    .update(input.text ?? input.html ?? '')
    .digest('hex')
    .slice(0, 16)
}

/**
 * Builds an analyzer over the default pipeline.
 *
 * @example
 *   const analyzer = createAnalyzer({ stages: ['events'] })
 *   analyzer.analyze({ text: 'Moscow condemned Israel.', published: '2025-07-31' })
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const stages = selectStages(defaultStages(options), options.stages ?? null)
  const ctx: StageContext = { today: options.today ?? new Date().toISOString().slice(0, 10), lexicon: options.lexicon ?? createLexicon() }
  return {
    stages,
    analyze(input: Input): Output | OutputError {
      const id = input.id !== undefined ? String(input.id) : contentId(input)
      try {
        const limit = options.maxSeconds ? { deadline: performance.now() + options.maxSeconds * 1000 } : {}
        return toOutput(runPipeline(stages, input, id, { ...ctx, ...limit }))
      } catch (e) {
        if (e instanceof TimeBudgetError) return { id, error: `${e.message}: it took more than ${options.maxSeconds} s (--max-seconds; 0 for no limit)` }
        if (e instanceof UnusableInputError) return { id, error: e.message }
        // a bug in a stage loses this document only, never the batch
        const err = e as Error
        return { id, error: `internal error: ${err.message}` }
      }
    },
  }
}

/** Whether an analysis failed. */
export const isError = (x: Output | OutputError): x is OutputError => 'error' in x
