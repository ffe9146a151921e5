import type { Actor, Span, Token } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import type { TriggerMatch } from './01-triggers.js'
import { type EventContext, tokenAfter } from './context.js'

// The parties around a trigger: the helpers every frame uses to find actors before and after it.

// words that count or part the people named after "of": "thousands of students", "a group of rebels"
export const partitives = lazy(() => new Set(loadLexicon<{ entries: string[] }>('events/partitive-words.json').entries))

// participles that take "to" as adjectives: "is opposed to"
export const adjectivalParticiples = lazy(() => new Set(loadLexicon<{ entries: readonly string[] }>('events/adjectival-participles.json').entries))

/**
 * Acts of force done to people whoever names them: arrests and detentions (173), crowd
 * control (175), assaults (18) and fighting (19), as a security force named before their
 * noun does them ("police firing", "police lathicharge").
 */
export const ACT_ON_PEOPLE = /^(173|175|18|19)/

/**
 * The acts of police on people whose reports often leave the doer unsaid, an event with its
 * source unknown: arrests and detentions (173) and crowd control (175): "the arrests of 70
 * farmers", "detaining dozens of students" (issue #17). Killings and attacks with no doer are
 * not among them: their noun is often a word's other sense ("his attacks on a judge").
 */
export const POLICE_ACT = /^(173|175)/

// the security forces, whose name before an act's noun is its doer: "police firing", "army shelling"
const SECURITY = /(COP|MIL|SPY)$/

/** The security force named right before a noun trigger as its modifier ("police firing"), if any. */
export function securityModifier(ctx: EventContext, i: number): Actor | undefined {
  const a = ctx.actorAt[i - 1]
  return a && SECURITY.test(a.code) ? a : undefined
}

// how far (tokens) from its trigger a source or target may stand
export const SOURCE_WINDOW = 15

export const TARGET_WINDOW = 12

// verbs of saying that close a sentence: ", officials said"
export const BE = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got'])

/**
 * The source and the target of one event; either may be null where the text leaves it
 * implicit ("200 demonstrators were arrested" names no source, "the army opened fire" no
 * target), both only for an act of force done to people no actor names ("the four were arrested").
 */
export type Pair = readonly [source: Actor | null, target: Actor | null]

/**
 * One pair per source and target of different codes: "Russia and Iran condemned Israel"
 * gives two. With no target found each source acts alone ("Russia and Iran protested": two
 * events, no target); with no source each target is acted on by an unnamed party.
 */
export function crossPairs(sources: readonly Actor[], targets: readonly Actor[]): Pair[] {
  if (!targets.length) return distinctCodes(sources).map((s): Pair => [s, null])
  if (!sources.length) return distinctCodes(targets).map((t): Pair => [null, t])
  const pairs: Pair[] = []
  for (const s of distinctCodes(sources)) for (const t of distinctCodes(targets)) if (s.code !== t.code) pairs.push([s, t])
  return pairs
}

/** The first actor of each code. */
export function distinctCodes(actors: readonly Actor[]): Actor[] {
  const seen = new Set<string>()
  return actors.filter((a) => !seen.has(a.code) && !!seen.add(a.code))
}

/**
 * Whether a participle after "be" is an adjective with its own preposition, not a passive:
 * "Peru is opposed to Chilean mediation" opposes it; "was opposed by Peru" and "was
 * extradited to Turkey" stay passive (lexicon/events/adjectival-participles.json).
 */
export function adjectival(ctx: EventContext, m: TriggerMatch): boolean {
  return ctx.lower[m.last + 1] === 'to' && adjectivalParticiples().has(ctx.lower[m.at] ?? '') && !ctx.view.agents(m.at).length
}

/** The nearest actor before token i in the sentence (a pronoun subject stands for its referent, see anaphora.ts). */
export function actorBefore(ctx: EventContext, i: number, r: Span, mode: 'any' | 'verb' | 'noun' = 'any'): Actor | undefined {
  const { actorAt } = ctx
  for (let k = i - 1; k >= Math.max(r.start, i - SOURCE_WINDOW); k--) {
    const a = actorAt[k]
    // a verb's subject is no possessor; a noun's agent may be ("Israel’s actions as a violation")
    if (a && mode !== 'any' && !isSubjectLike(ctx, a, mode === 'noun')) {
      k = ctx.tokenAt.get(a.start) ?? k // skip the rest of this actor's words
      continue
    }
    if (a) return a
  }
  return undefined
}

/**
 * Whether an actor can be the subject of a later verb: not a possessor ("Syria’s
 * transition"), not the object of a preposition ("airstrikes on Syria") or of a verb
 * ("following Syria’s transition and will assist ...").
 */
export function isSubjectLike(ctx: EventContext, a: Actor, allowPossessive: boolean): boolean {
  const { lower, tokens } = ctx
  const first = ctx.tokenAt.get(a.start) ?? 0
  const after = tokenAfter(ctx, a)
  const next = tokens[after]
  // "Lavrov said Moscow is ...": followed by its verb, it heads a clause of its own
  if (next && (next.pos === 'AUX' || next.pos === 'VERB') && !/^['’]s$/.test(lower[after] ?? '')) return true
  if (/^['’]s$/.test(lower[after] ?? '')) return allowPossessive
  // "Thousands of striking miners marched ...": the people counted are the subject
  if (lower[first - 1] === 'of' && partitives().has(lower[first - 2] ?? '')) return true
  const before = lower[first - 1] === 'the' ? tokens[first - 2] : tokens[first - 1]
  return !(before && (before.pos === 'ADP' || before.pos === 'VERB'))
}

/** The country of the first place in tokens [from, to), as a party: "invaded the buffer zone near the Golan Heights". */
export function placeParty(ctx: EventContext, from: number, to: number): Actor | undefined {
  const { tokens } = ctx
  const lo = (tokens[from] as Token | undefined)?.start ?? Number.POSITIVE_INFINITY
  const hi = (tokens[Math.max(from, to - 1)] as Token | undefined)?.end ?? 0
  const p = ctx.byOffset.places.inside(lo, hi).find((x) => x.country)
  if (!p?.country) return undefined
  return {
    start: p.start,
    end: p.end,
    text: p.text,
    code: p.country,
    country: p.country,
    sector: null,
    name: p.name,
    id: `place:${p.id}`,
    via: 'place-country',
  }
}

/**
 * Where a second clause joined by "and"/"but" starts in [from, to): "declined to send
 * troops to Mali and has told its nationals ..." — the second verb's object is not the target.
 */
export function clauseEnd(ctx: EventContext, from: number, to: number): number {
  for (let k = from; k < to - 1; k++) {
    if (!/^(and|but)$/.test(ctx.lower[k] ?? '')) continue
    const next = ctx.tokens[k + 1] as Token
    if (next.pos === 'AUX' || next.pos === 'VERB') return k
  }
  return to
}

/** Actors joined by "and" / commas from token k on: "between Druze militias, Bedouin tribes, and government forces". */
export function coordinatedAfter(ctx: EventContext, k: number, r: Span): Actor[] {
  const { lower, actorAt } = ctx
  const out: Actor[] = []
  // the list ends with the item after "and": "A, B and C, an editor said" stops at C
  let closed = 0
  let joinedByAnd = false
  // "between the two rival militias": a determiner or adjective may come first
  while (k < r.end && !actorAt[k] && /^(DET|ADJ|NUM)$/.test((ctx.tokens[k] as Token).pos)) k++
  while (k < r.end) {
    const a = actorAt[k]
    if (!a) break
    if (!out.includes(a)) out.push(a)
    if (joinedByAnd) closed = out.length
    k = tokenAfter(ctx, a)
    joinedByAnd = lower[k] === 'and' || lower[k] === '&' || (lower[k] === ',' && lower[k + 1] === 'and')
    if (lower[k] === ',' && lower[k + 1] === 'and') k += 2
    else if (/^(and|,|&)$/.test(lower[k] ?? '')) k++
    else break
    while (k < r.end && !actorAt[k] && /^(DET|ADJ)$/.test((ctx.tokens[k] as Token).pos)) k++
  }
  return out.slice(0, closed)
}

/** Actors joined by "and" / commas right before token i: "India and Pakistan agreed". */
export function coordinatedBefore(ctx: EventContext, i: number, r: Span): Actor[] {
  const { lower, actorAt, tokens } = ctx
  const out: Actor[] = []
  let k = i - 1
  // back over the verb chain: "India and Pakistan [have agreed to] hold talks"
  for (let n = 0; n < 4 && k >= r.start && /^(AUX|PART|VERB|ADV)$/.test((tokens[k] as Token).pos) && !actorAt[k]; n++) k--
  while (k >= r.start) {
    const a = actorAt[k]
    if (!a) break
    out.unshift(a)
    k = (ctx.tokenAt.get(a.start) ?? k) - 1
    if (k >= r.start && /^(and|,|&)$/.test(lower[k] ?? '')) k--
    else break
  }
  return out
}

/**
 * The last actor, in the layer's order, that ends at most `reach - 1` characters before an
 * offset and came in a way `via` matches: the one look-back every anaphor shares.
 */
export function actorEndingBefore(ctx: EventContext, offset: number, reach: number, via: RegExp): Actor | undefined {
  return ctx.byOffset.actors
    .endingIn(offset - reach + 1, offset)
    .reverse()
    .find((a) => via.test(a.via))
}

/** The distinct actors of tokens [from, to), in order. */
export function distinctActors(ctx: EventContext, from: number, to: number): Actor[] {
  const out: Actor[] = []
  for (let k = from; k < to; k++) {
    const a = ctx.actorAt[k]
    if (a && !out.includes(a)) out.push(a)
  }
  return out
}
