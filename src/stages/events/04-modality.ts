import type { Modality, Span, Token } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import { baseRelation } from '../syntax/relations.js'
import type { TriggerMatch } from './01-triggers.js'
import type { Coding } from './03-code.js'
import type { EventContext } from './context.js'
import type { GovernedCue } from './learned/features.js'
import { decideModality, defaultEventModels } from './learned/model.js'

interface Cues {
  readonly negators: readonly string[]
  readonly negativeParties: readonly string[]
  readonly future: readonly string[]
  readonly hypothetical: readonly string[]
  readonly reported: readonly string[]
  readonly aspectual: readonly string[]
  readonly necessity: readonly string[]
  readonly willingness: readonly string[]
  readonly denial: readonly string[]
  readonly unrealised: readonly string[]
  readonly unfulfilled: readonly string[]
}
const cues = lazy(() => {
  const c = loadLexicon<Cues>('events/modality-cues.json')
  return {
    negators: new Set(c.negators),
    negativeParties: new Set(c.negativeParties),
    future: new Set(c.future),
    hypothetical: new Set(c.hypothetical),
    reported: new Set(c.reported),
    aspectual: new Set(c.aspectual),
    necessity: new Set(c.necessity),
    willingness: new Set(c.willingness),
    denial: new Set(c.denial),
    unrealised: new Set(c.unrealised),
    unfulfilled: new Set(c.unfulfilled),
  }
})

/**
 * Whether a negator stands within three words before the trigger ("did not attack"), or a
 * party of the act is none (`negativeParty`).
 */
export function isNegated(ctx: EventContext, i: number, r: Span): boolean {
  for (let k = i - 1; k >= Math.max(r.start, i - 3); k--) if (cues().negators.has(ctx.lower[k] ?? '')) return true
  return negativeParty(ctx, i) !== null
}

/**
 * The negative word that opens a verb's subject or object ("no one had been arrested", "none
 * of the attackers has been caught", "police detained nobody"), or null: the act did not
 * happen to or by anyone.
 */
export function negativeParty(ctx: EventContext, i: number): string | null {
  if (ctx.tokens[i]?.pos !== 'VERB') return null
  for (const p of [...ctx.view.subjects(i), ...ctx.view.objects(i)]) {
    const w = ctx.lower[ctx.tokenAt.get(p.start) ?? -1] ?? ''
    if (cues().negativeParties.has(w)) return w
  }
  return null
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
  governed: GovernedCue | null,
): { modality: Modality; negated: boolean; note: string } {
  const models = defaultEventModels()
  if (!models) return { modality, negated, note: '' }
  const d = decideModality(models, ctx, m.at, r, coding.code.code, { modality, negated, recoded: coding.recoded, governed })
  const changed = [d.modality !== modality ? d.modality : '', d.negated !== negated ? (d.negated ? 'negated' : 'not negated') : ''].filter(Boolean)
  return { ...d, note: changed.length ? ` [model: ${changed.join(', ')}]` : '' }
}

/** The relations by which a verb takes the act it governs: "denied that troops attacked", "plans to visit", "denied the killings". */
const COMPLEMENT = new Set(['xcomp', 'ccomp', 'obj'])

/** "denied using tear gas" parsed as an adverbial clause: a gerund right after its verb, with no "after" or "by" before it. */
function bareGerund(ctx: EventContext, k: number, head: number): boolean {
  const a = ctx.arcs[k]
  if (!a || baseRelation(a.dep) !== 'advcl' || k <= head || k - head > 2 || !(ctx.lower[k] ?? '').endsWith('ing')) return false
  for (let j = head + 1; j < k; j++) if (ctx.arcs[j]?.head === k && baseRelation(ctx.arcs[j]?.dep ?? '') === 'mark') return false
  return true
}

/** Speech acts and claims: "denied the accusations" denies the claim, not an act the claim names. */
const CLAIM_ROOTS = new Set(['01', '02', '10', '11', '12', '13'])

/**
 * What the verb governing a trigger says of the act (annotation guide §7), read from the
 * parse: the trigger, or the first of the conjuncts it belongs to ("denied looting and
 * burning"), is the complement of a denial verb (`denied`), of a verb of planning, seeking
 * or attempting (`intended`: planned or tried, not said to be done), or of a verb of failing,
 * refusing or declining, or stands after "without" (negated: "failed to attend", "without
 * firing a shot"). A trigger that is itself a verb of planning with a to-infinitive ("were
 * plotting to kill") is intended too. Null when no such verb governs it.
 */
export function governedBy(ctx: EventContext, i: number, r: Span): GovernedCue | null {
  const c = cues()
  const { arcs, lower } = ctx
  const inside = (k: number): boolean => k >= r.start && k < r.end
  let k = i
  for (let n = 0; n < 4; n++) {
    const a = arcs[k]
    if (!a || a.head < 0 || !inside(a.head) || baseRelation(a.dep) !== 'conj') break
    k = a.head
  }
  // "without firing a shot": the preposition marks the act's own clause
  for (let j = Math.max(r.start, k - 2); j < k; j++) {
    const a = arcs[j]
    if (lower[j] === 'without' && a && a.head === k && c.unfulfilled.has('without')) return { kind: 'unfulfilled', word: 'without' }
  }
  const a = arcs[k]
  if (a && a.head >= 0 && inside(a.head) && (COMPLEMENT.has(baseRelation(a.dep)) || bareGerund(ctx, k, a.head))) {
    const w = lower[a.head] ?? ''
    const to = lower[k - 1] === 'to' || lower[k - 2] === 'to'
    if (c.denial.has(w)) return { kind: 'denied', word: w }
    if (c.unrealised.has(w)) return { kind: 'unrealised', word: w }
    // "failed to attend", not "failed the test"
    if (c.unfulfilled.has(w) && baseRelation(a.dep) === 'xcomp' && to) return { kind: 'unfulfilled', word: w }
  }
  // "of planning to arrest" where the parse hangs the infinitive elsewhere: the verb just before its "to"
  const before = lower[k - 2] ?? ''
  if (k - 2 >= r.start && lower[k - 1] === 'to') {
    if (c.unrealised.has(before)) return { kind: 'unrealised', word: before }
    if (c.unfulfilled.has(before) && before !== 'without') return { kind: 'unfulfilled', word: before }
  }
  const w = lower[i] ?? ''
  if (c.unrealised.has(w))
    for (let j = i + 1; j < Math.min(r.end, i + 4); j++)
      if (arcs[j]?.head === i && baseRelation(arcs[j]?.dep ?? '') === 'xcomp') return { kind: 'unrealised', word: w }
  return null
}

/**
 * The modality and negation an event takes from the verb governing its trigger, over what
 * the words around it and the learned model said (see governedBy): the code family's own
 * modality (02 and 10 requested, 03 and 13 intended) stays; a denied act is not negated; a
 * conditional act stays hypothetical when it is only planned; an act that failed or was
 * refused is negated and no longer intended for its "to". Unchanged when no verb governs it.
 * An act whose subject or object is none ("no one was arrested") is negated (`negativeParty`).
 */
export function governedModality(
  ctx: EventContext,
  i: number,
  r: Span,
  code: string,
  decided: { modality: Modality; negated: boolean },
  governed: GovernedCue | null,
): { modality: Modality; negated: boolean; note: string } {
  const out = byGoverningVerb(ctx, i, r, code, decided, governed)
  // "no one was arrested": too rare in the corpus for the negation model to learn (3 of 2,151 training events), so the rule stands
  const none = out.modality === 'denied' || out.negated ? null : negativeParty(ctx, i)
  return none ? { ...out, negated: true, note: `${out.note} >negated (${none})` } : out
}

/** governedModality's reading of the governing verb alone. */
function byGoverningVerb(
  ctx: EventContext,
  i: number,
  r: Span,
  code: string,
  decided: { modality: Modality; negated: boolean },
  g: GovernedCue | null,
): { modality: Modality; negated: boolean; note: string } {
  const root = code.slice(0, 2)
  const same = { ...decided, note: '' }
  if (root === '02' || root === '10' || root === '03' || root === '13') return same
  if (!g) return same
  // "denied any role in the attacks" denies the role, not the attacks: only a verbal act is denied
  if (g.kind === 'denied')
    return CLAIM_ROOTS.has(root) || ctx.tokens[i]?.pos !== 'VERB' ? same : { modality: 'denied', negated: false, note: ` >denied (${g.word})` }
  if (g.kind === 'unrealised') {
    if (decided.modality === 'intended' || decided.modality === 'hypothetical') return same
    return { modality: 'intended', negated: decided.negated, note: ` >intended (${g.word})` }
  }
  // "if Sudan fails to hand them over": the "to" said intended, the condition says hypothetical
  const conditional = ctx.lower.slice(Math.max(r.start, i - 6), i).some((w) => cues().hypothetical.has(w))
  const open = decided.modality === 'intended' || decided.modality === 'asserted'
  const modality = open ? (conditional ? 'hypothetical' : 'asserted') : decided.modality
  return decided.negated && modality === decided.modality ? same : { modality, negated: true, note: ` >negated (${g.word})` }
}
