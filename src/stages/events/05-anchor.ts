import type { Actor, Event, Span, Token } from '../../core/types.js'
import { baseRelation } from '../syntax/relations.js'
import { type EventContext, isAttributionVerb } from './context.js'

/**
 * Pass 5: the date of the trigger's clause, so a background act gets its own time ("seized a
 * tanker in 2019", "last year"). The parse decides first: a DATE of the sentence that hangs
 * on the trigger is its date, commas or not ("On Thursday, Iraq accused ...", "inspected
 * farms, laboratories and abattoirs in July 2017"), and one that hangs on another verb is
 * not ("said last month it would consider", "a soldier abducted seven years ago"); a
 * trigger whose clause modifies a date takes it ("since early 1992, when the authorities
 * cancelled the vote"). Where the parse does not say (the date hangs on a noun), a DATE with
 * no comma between it and the trigger, or one in the words that open the sentence before any
 * verb or comma ("For three hours on Tuesday, rebels held the town"): "ties with
 * Moscow, jeopardized following last year’s ouster" keeps the article's date, and so does a
 * date of a clause the trigger governs: in "the ministry said troops had shelled the city in
 * March", March dates the shelling, not the saying.
 */
export function clauseDate(ctx: EventContext, sentence: Span, t: Token): string | null {
  const { text } = ctx
  const at = ctx.tokenAt.get(t.start)
  const inSentence = ctx.byOffset.dates.inside(sentence.start, sentence.end).filter((d) => d.type === 'DATE')
  if (at !== undefined) {
    const head = ctx.arcs[at]?.head ?? -1
    const over = head >= 0 ? (ctx.tokens[head] as Token) : null
    const clause = baseRelation(ctx.arcs[at]?.dep ?? '')
    const modified = over && (clause === 'acl' || clause === 'advcl') ? inSentence.find((d) => d.start <= over.start && over.end <= d.end) : undefined
    if (modified && !(modified.start <= t.start && t.end <= modified.end)) return modified.value ?? null
  }
  const sameClause = (d: Span): boolean => {
    const between = d.end <= t.start ? text.slice(d.end, t.start) : text.slice(t.end, d.start)
    return !/[,;:()–—]/.test(between) || (d.end <= t.start && opening(d))
  }
  // a date in the words that open the sentence, before any verb or comma: "Earlier this month, ...", "For three hours on Tuesday, ..."
  const opening = (d: Span): boolean => {
    if (/[,;:()–—]/.test(text.slice(sentence.start, d.start))) return false
    for (let k = ctx.tokenAt.get(d.start) ?? 0; k >= 0 && (ctx.tokens[k] as Token).start >= sentence.start; k--) {
      const pos = (ctx.tokens[k] as Token).pos
      if (pos === 'VERB' || pos === 'AUX') return false
    }
    return true
  }
  const own = (d: Span): boolean => {
    const by = at === undefined ? 'unknown' : attachment(ctx, d, at)
    return by === 'own' || (by === 'unknown' && sameClause(d) && (at === undefined || !underAnotherVerb(ctx, d, at)))
  }
  const near = inSentence.filter(own).sort((a, b) => Math.abs(a.start - t.start) - Math.abs(b.start - t.start))[0]
  return near?.value ?? null
}

/**
 * What the parse says of a date and a trigger: `own` when the date's head is the trigger,
 * `other` when its nearest verb is one neither coordinated with the trigger nor above it,
 * `unknown` otherwise (the words decide).
 */
function attachment(ctx: EventContext, d: Span, at: number): 'own' | 'other' | 'unknown' {
  let i = ctx.tokenAt.get(d.start) ?? -1
  const outside = (k: number): boolean => {
    const tok = ctx.tokens[k] as Token
    return tok.start >= d.end || tok.end <= d.start
  }
  for (let n = 0; i >= 0 && !outside(i) && n < MAX_CLIMB; n++) i = ctx.arcs[i]?.head ?? -1
  if (i < 0) return 'unknown'
  if (i === at) return 'own'
  for (let n = 0; i >= 0 && n < MAX_CLIMB; n++) {
    if (i === at) return 'unknown'
    // "arrested and charged 20 people on Monday": a verb coordinated with the trigger shares its date;
    // a verb above the trigger ("crushed demonstrations on June 4", "visited on Thursday to meet") leaves it to the words
    if ((ctx.tokens[i] as Token).pos === 'VERB') return conjoined(ctx, i, at) ? 'own' : governs(ctx, i, at) ? 'unknown' : 'other'
    i = ctx.arcs[i]?.head ?? -1
  }
  return 'unknown'
}

/** Whether token `above` is an ancestor of token `at` in the parse. */
function governs(ctx: EventContext, above: number, at: number): boolean {
  for (let j = ctx.arcs[at]?.head ?? -1, n = 0; j >= 0 && n < MAX_CLIMB; j = ctx.arcs[j]?.head ?? -1, n++) if (j === above) return true
  return false
}

/** Whether two verbs are conjuncts of one another ("arrested and charged"). */
function conjoined(ctx: EventContext, a: number, b: number): boolean {
  const conj = (x: number, y: number): boolean => ctx.arcs[x]?.head === y && baseRelation(ctx.arcs[x]?.dep ?? '') === 'conj'
  return conj(a, b) || conj(b, a)
}

// how far up the parse a walk goes before it gives up (a cycle guard too)
const MAX_CLIMB = 40

/** Whether a date hangs on a verb other than the trigger that the trigger governs (a reported or complement clause). */
function underAnotherVerb(ctx: EventContext, d: Span, at: number): boolean {
  let i = ctx.tokenAt.get(d.start) ?? -1
  for (let n = 0; i >= 0 && n < MAX_CLIMB; n++) {
    const tok = ctx.tokens[i] as Token
    if ((tok.start >= d.end || tok.end <= d.start) && tok.pos === 'VERB') break
    i = ctx.arcs[i]?.head ?? -1
  }
  return i >= 0 && i !== at && governs(ctx, at, i)
}

// words that may stand between "had" and its participle: "had not", "had already been"
const BETWEEN_HAD = new Set(['not', "n't", 'been', 'already', 'also', 'just', 'never', 'previously', 'earlier', 'recently', 'once', 'long', 'first'])

// adverbs that place a verb's act before the story's time: "once pledged", "had previously resisted"
const EARLIER = new Set(['once', 'previously', 'formerly'])

/**
 * A background act: a verb in the past perfect ("had shelled", "had already been seized")
 * or with an adverb of earlier time ("once pledged", "previously resisted") outside reported
 * speech (an indirect quote, or a clause under "said", "told" ...), told as earlier than the
 * story's time. With no date of its own it gets none rather than the article's: "said
 * troops had shelled" is only the backshift of reported speech and keeps it.
 */
export function isBackground(ctx: EventContext, at: number, r: Span): boolean {
  const t = ctx.tokens[at] as Token
  if (t.pos !== 'VERB' || ctx.byOffset.indirectQuotes.covers(t.start, t.end)) return false
  let k = at - 1
  while (k >= r.start && BETWEEN_HAD.has(ctx.lower[k] ?? '')) k--
  const earlier = ctx.view.dependents(at, 'advmod').some((c) => EARLIER.has(ctx.lower[c] ?? ''))
  if (!earlier && (k < r.start || ctx.lower[k] !== 'had')) return false
  // "he said his government had asked ...": under a verb of saying, the past perfect is reported speech
  for (let j = ctx.arcs[at]?.head ?? -1, n = 0; j >= 0 && n < MAX_CLIMB; j = ctx.arcs[j]?.head ?? -1, n++)
    if (isAttributionVerb(ctx.lower[j] ?? '')) return false
  return true
}

/** The first place of the sentence that is not one of the parties themselves. */
export function placeIn(ctx: EventContext, sentence: Span, parties: readonly (Actor | null)[]): Event['place'] {
  const p = ctx.byOffset.places.inside(sentence.start, sentence.end).find((x) => !parties.some((a) => a && a.start <= x.start && x.end <= a.end))
  return p ? { name: p.name, lat: p.lat, lon: p.lon } : null
}

/** Higher when a party stands near the trigger, lower when a party was only guessed from a role or is left unsaid. */
export function confidenceOf(source: Actor | null, target: Actor | null, t: Token): number {
  const named = [source, target].filter((a): a is Actor => !!a)
  let distance = Number.POSITIVE_INFINITY
  for (const a of named) distance = Math.min(distance, Math.abs(a.start - t.start))
  const near = distance < 60 ? 0.2 : 0
  const guessed = named.some((a) => a.via.startsWith('role+article') || a.via === 'role') ? -0.2 : 0
  const unsaid = -0.1 * (2 - named.length)
  return Math.round((0.6 + near + guessed + unsaid) * 100) / 100
}
