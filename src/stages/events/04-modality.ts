import type { Modality, Span, Token } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import type { TriggerMatch } from './01-triggers.js'
import type { Coding } from './03-code.js'
import type { EventContext } from './context.js'
import { decideModality, defaultEventModels } from './learned/model.js'

interface Cues {
  readonly negators: readonly string[]
  readonly future: readonly string[]
  readonly hypothetical: readonly string[]
  readonly reported: readonly string[]
  readonly aspectual: readonly string[]
  readonly necessity: readonly string[]
  readonly willingness: readonly string[]
}
const cues = lazy(() => {
  const c = loadLexicon<Cues>('events/modality-cues.json')
  return {
    negators: new Set(c.negators),
    future: new Set(c.future),
    hypothetical: new Set(c.hypothetical),
    reported: new Set(c.reported),
    aspectual: new Set(c.aspectual),
    necessity: new Set(c.necessity),
    willingness: new Set(c.willingness),
  }
})

/** Whether a negator stands within three words before the trigger: "did not attack". */
export function isNegated(ctx: EventContext, i: number, r: Span): boolean {
  for (let k = i - 1; k >= Math.max(r.start, i - 3); k--) if (cues().negators.has(ctx.lower[k] ?? '')) return true
  return false
}

/**
 * Pass 4: the trigger's modality: intended after "will" or "to" (not after an aspectual
 * verb: "continued to send arms"), hypothetical after a modal or "if", reported inside
 * indirect speech or next to "reportedly", else asserted.
 */
/**
 * Whether an intention is stated by the source itself ("will extend", "vowed to fight",
 * "prepared to resume") rather than a purpose ("used tear gas to disperse demonstrators").
 */
export function isCommitment(ctx: EventContext, i: number, r: Span): boolean {
  const c = cues()
  const before = ctx.lower.slice(Math.max(r.start, i - 4), i)
  if (before.some((w) => c.future.has(w))) return true
  const to = before.lastIndexOf('to')
  const head = ctx.tokens[Math.max(r.start, i - 4) + to - 1]
  return to > 0 && !!head && /^(VERB|ADJ|AUX)$/.test(head.pos) && !doneOfNecessity(before, to)
}

/**
 * Whether the trigger is stated as an intent of root 03 when it is intended: a word of
 * willingness ("ready to talk", "offered to mediate") or the future tense ("will assist":
 * PLOVER 2.0 codes future-tense cooperation as an intent) within four words before it. A plan
 * or schedule told with "to" ("plans to visit", "to meet on Friday") keeps the act's own code,
 * the modality saying it is to come (annotation guide §7).
 */
export function isWilling(ctx: EventContext, i: number, r: Span): boolean {
  const c = cues()
  for (let k = i - 1; k >= Math.max(r.start, i - 4); k--) {
    const w = ctx.lower[k] ?? ''
    if (c.willingness.has(w) || c.future.has(w)) return true
  }
  return false
}

/** "riot police had to use tear gas", "were forced to retreat": an act done of necessity, no intention. */
function doneOfNecessity(before: readonly string[], to: number): boolean {
  return to > 0 && cues().necessity.has(before[to - 1] ?? '')
}

export function modalityOf(ctx: EventContext, i: number, r: Span): Modality {
  const c = cues()
  const t = ctx.tokens[i] as Token
  const before = ctx.lower.slice(Math.max(r.start, i - 4), i)
  const to = before.lastIndexOf('to')
  const aspectual = to > 0 && (c.aspectual.has(before[to - 1] ?? '') || doneOfNecessity(before, to))
  if (before.some((w) => c.future.has(w)) || (to >= 0 && !aspectual)) return 'intended'
  if (before.some((w) => c.hypothetical.has(w))) return 'hypothetical'
  if (ctx.byOffset.indirectQuotes.covers(t.start, t.end)) return 'reported'
  if (ctx.lower.slice(r.start, r.end).some((w) => c.reported.has(w))) return 'reported'
  return 'asserted'
}

/**
 * The modality and negation of a coded event as the learned models decide them (the rules'
 * answers, the event's code and the markers around the trigger are their features), with a
 * note for the event's `rule` when they differ from the rules'; the rules' answer when the
 * models are not there.
 */
export function learnedModality(
  ctx: EventContext,
  m: TriggerMatch,
  r: Span,
  coding: Coding,
  modality: Modality,
  negated: boolean,
): { modality: Modality; negated: boolean; note: string } {
  const models = defaultEventModels()
  if (!models) return { modality, negated, note: '' }
  const d = decideModality(models, ctx, m.at, r, coding.code.code, { modality, negated, recoded: coding.recoded })
  const changed = [d.modality !== modality ? d.modality : '', d.negated !== negated ? (d.negated ? 'negated' : 'not negated') : ''].filter(Boolean)
  return { ...d, note: changed.length ? ` [model: ${changed.join(', ')}]` : '' }
}
