import { createDoc, type Doc, type Input } from './doc.js'
import type { Context, Stage } from './stage.js'
import type { LayerName } from './types.js'

/** Thrown for a document that cannot be used at all (empty, not text). */
export class UnusableInputError extends Error {
  override readonly name: string = 'UnusableInputError'
}

/** Thrown when a document runs past its time budget: it loses its analysis, the batch goes on. */
export class TimeBudgetError extends UnusableInputError {
  override readonly name = 'TimeBudgetError'
}

/**
 * Throws a `TimeBudgetError` when the document's time is up: the runner calls it between
 * stages, and a long stage between its sentences, so one huge document stops near its budget.
 *
 * @example
 *   for (const sentence of sentences) { checkDeadline(ctx, 'syntax'); ... }
 */
export function checkDeadline(ctx: Context, where: string): void {
  if (ctx.deadline !== undefined && performance.now() > ctx.deadline) {
    throw new TimeBudgetError(`the document ran past its time budget ${where}`)
  }
}

/**
 * Picks, from an ordered stage list, the stages needed to produce the requested
 * layers or stage names (their dependencies included), keeping the list's order.
 *
 * @example
 *   selectStages(defaultStages(), ['entities']) // -> extract, segment, entities
 */
export function selectStages<S extends Stage<never>>(stages: readonly S[], wanted: readonly string[] | null): S[] {
  if (!wanted) return [...stages]
  const byLayer = new Map<string, S>()
  for (const s of stages) for (const l of s.provides) byLayer.set(l, s)
  const chosen = new Set<S>()
  const visit = (name: string): void => {
    const stage = stages.find((s) => s.name === name) ?? byLayer.get(name)
    if (!stage) {
      const known = stages.map((s) => s.name).join(', ')
      throw new TypeError(`unknown stage or layer "${name}": expected one of ${known}`)
    }
    if (chosen.has(stage)) return
    chosen.add(stage)
    for (const need of stage.needs) visit(need)
  }
  for (const w of wanted) visit(w)
  return stages.filter((s) => chosen.has(s))
}

/** Runs the stages in order on one input and returns the finished document. */
export function runPipeline<C extends Context>(stages: readonly Stage<C>[], input: Input, id: string, ctx: C): Doc {
  let doc = createDoc(input, id)
  for (const stage of stages) {
    checkDeadline(ctx, `before the ${stage.name} stage`)
    doc = stage.run(doc, ctx)
    for (const layer of stage.provides) {
      if (doc.layers[layer as LayerName] === undefined) {
        throw new TypeError(`stage "${stage.name}" did not add its "${layer}" layer`)
      }
    }
  }
  return doc
}
