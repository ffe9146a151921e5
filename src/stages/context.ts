import type { Context, Stage } from '../core/stage.js'
import { createLexicon, type Lexicon } from '../lexicon/lexicon.js'

/** The context sitrep's stages read: the date of "today" and the lexicon of this analyzer. */
export interface StageContext extends Context {
  readonly lexicon: Lexicon
}

/** A stage of sitrep's pipeline. */
export type PipelineStage = Stage<StageContext>

/**
 * A stage context for a date, with the package's lexicon unless one is given: for tests,
 * benchmarks and callers that run stages without an analyzer.
 *
 * @example
 *   createExtractStage().run(doc, stageContext('2025-07-31'))
 */
export function stageContext(today: string, lexicon: Lexicon = createLexicon()): StageContext {
  return { today, lexicon }
}
