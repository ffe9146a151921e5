import type { Doc } from './doc.js'
import type { LayerName } from './types.js'

/** What every stage may read besides the document: shared, read-only values. */
export interface Context {
  /** The date "today" means when the article has none (YYYY-MM-DD). */
  readonly today: string
  /** When the document's time is up (milliseconds, as `performance.now()`): the runner stops between stages after it, and long stages between sentences (`checkDeadline`). */
  readonly deadline?: number
}

/**
 * A pipeline stage: adds the layers it `provides`, reading only the layers it `needs`.
 * Built by a factory that takes options, e.g. `createDatesStage({})`. The context type is
 * the caller's: sitrep's stages take a context with the lexicon (`src/stages/context.ts`).
 */
export interface Stage<C extends Context = Context> {
  readonly name: string
  readonly needs: readonly LayerName[]
  readonly provides: readonly LayerName[]
  run(doc: Doc, ctx: C): Doc
}
