import type { Modality, Span, Token } from '../../core/types.js'
import type { EventContext } from './context.js'

const NEGATORS = new Set(['not', "n't", 'never', 'no'])
const FUTURE = new Set(['will', "'ll", 'shall', 'would'])
const HYPOTHETICAL = new Set(['may', 'might', 'could', 'can', 'should', 'if'])
const REPORTED = new Set(['reportedly', 'allegedly', 'purportedly', 'reported', 'claimed'])

/** Whether a negator stands within three words before the trigger: "did not attack". */
export function isNegated(ctx: EventContext, i: number, r: Span): boolean {
  for (let k = i - 1; k >= Math.max(r.start, i - 3); k--) if (NEGATORS.has(ctx.lower[k] ?? '')) return true
  return false
}

/**
 * Pass 4: the trigger's modality: intended after "will" or "to", hypothetical after a modal
 * or "if", reported inside indirect speech or next to "reportedly", else asserted.
 */
export function modalityOf(ctx: EventContext, i: number, r: Span): Modality {
  const t = ctx.tokens[i] as Token
  const before = ctx.lower.slice(Math.max(r.start, i - 4), i)
  if (before.some((w) => FUTURE.has(w)) || before.includes('to')) return 'intended'
  if (before.some((w) => HYPOTHETICAL.has(w))) return 'hypothetical'
  if (ctx.quotes.some((q) => !q.direct && q.start <= t.start && t.end <= q.end)) return 'reported'
  if (ctx.lower.slice(r.start, r.end).some((w) => REPORTED.has(w))) return 'reported'
  return 'asserted'
}
