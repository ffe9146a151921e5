import { type Doc, need } from '../../core/doc.js'
import { indexSpans, type SpanIndex } from '../../core/spans.js'
import type { Actor, Arc, DateMention, Place, Quote, Span, Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'
import { createParseView, type ParseView } from '../syntax/relations.js'
import { resolveAnaphora } from './anaphora.js'

/** What every pass of the events stage reads: the text, its tokens and the layers under them. */
export interface EventContext {
  readonly text: string
  readonly tokens: readonly Token[]
  /** Token texts in lower case, by token index. */
  readonly lower: readonly string[]
  /** The actors layer (places in no actor's position left out) with the anaphors resolved to the actors they refer to (`anaphora.ts`). */
  readonly actors: readonly Actor[]
  /** Each token's actor, when the token is inside one. */
  readonly actorAt: readonly (Actor | undefined)[]
  /** Token index by the token's start offset. */
  readonly tokenAt: ReadonlyMap<number, number>
  readonly dates: readonly DateMention[]
  readonly places: readonly Place[]
  readonly quotes: readonly Quote[]
  /** The dependency parse: one arc (head, relation) per token. */
  readonly arcs: readonly Arc[]
  /** The parse's relations (subjects, objects, agents, obliques). */
  readonly view: ParseView
  /** The layers by offset: a pass asks for what is near a trigger, never scans a layer. */
  readonly byOffset: {
    readonly actors: SpanIndex<Actor>
    readonly dates: SpanIndex<DateMention>
    readonly places: SpanIndex<Place>
    readonly indirectQuotes: SpanIndex<Quote>
  }
}

/** The event context of an analysed document, from the layers the events stage needs (`by` names the reader in a missing layer's error). */
export function eventContextOf(doc: Doc, by: string): EventContext {
  return eventContext(doc.text, need(doc, 'tokens', by), {
    actors: need(doc, 'actors', by),
    dates: need(doc, 'dates', by),
    places: need(doc, 'places', by),
    quotes: need(doc, 'quotes', by),
    parse: need(doc, 'parse', by),
  })
}

/** The shared view of a document for the events passes. */
export function eventContext(
  text: string,
  tokens: readonly Token[],
  layers: { actors: readonly Actor[]; dates: readonly DateMention[]; places: readonly Place[]; quotes: readonly Quote[]; parse: readonly Arc[] },
): EventContext {
  const lower = tokens.map((t) => text.slice(t.start, t.end).toLowerCase())
  const tokenAt = new Map(tokens.map((t, i) => [t.start, i]))
  const actorAt = new Array<Actor | undefined>(tokens.length)
  // "Palestinian officials demanded Friday that ...": a date is never a party, whatever the actors layer made of it;
  // an actor that runs on into a date ("The Cuban government Friday") is the words before it
  const dates = indexSpans(layers.dates)
  const named = layers.actors
    .filter((a) => !placeNotActor(text, tokens, tokenAt, a))
    .flatMap((a) => {
      const overlap = dates.overlapping(a.start, a.end)
      if (!overlap.length) return [a]
      let cut = a.end
      for (const d of overlap) cut = Math.min(cut, d.start)
      const words = text.slice(a.start, cut).trimEnd()
      return cut > a.start && /\w/.test(words) && a.end > cut ? [{ ...a, end: a.start + words.length, text: words }] : []
    })
  // "he", "its", "the ministry", "the group": the mentions that refer back to an actor named before (anaphora.ts)
  const actors = resolveAnaphora(text, tokens, lower, layers.parse, named)
  for (const a of actors) {
    for (let i = tokenAt.get(a.start) ?? tokens.length; i < tokens.length && (tokens[i] as Token).end <= a.end; i++) actorAt[i] = a
  }
  const { parse, ...rest } = layers
  const byOffset = {
    actors: indexSpans(actors),
    dates,
    places: indexSpans(layers.places),
    indirectQuotes: indexSpans(layers.quotes.filter((q) => !q.direct)),
  }
  return { text, tokens, lower, actorAt, tokenAt, ...rest, actors, arcs: parse, view: createParseView(text, tokens, parse), byOffset }
}

// how an actor was found when it is a place's name: a party only in an actor's position
const PLACE_VIA = /^(capital-metonymy|seat|country|place-country)$/

// prepositions of where: "talks in Geneva", "fighting near Arbil", "police at Nairobi airport"
const LOCATIVE = new Set(['in', 'at', 'near', 'inside', 'outside', 'around', 'across', 'throughout', 'within'])

// what follows a dateline's place: a date, an agency in brackets, a dash ("CAIRO 1996-08-22", "NAIROBI, May 3 (Reuters) -")
const DATELINE_TAIL = /^(?:[ \t]*,[^\n]{0,40}?)?[ \t]*(?:\d{4}-\d{2}-\d{2}|\(|--?\s|[—–])/

/**
 * Whether a place named as an actor is only where something happens: a dateline (the place
 * opening a line before a date, an agency or a dash, and the agency itself) or a venue
 * after a preposition of where ("clashes in Kabul"). Guide §5: places are actors only in
 * an actor's position.
 */
function placeNotActor(text: string, tokens: readonly Token[], tokenAt: ReadonlyMap<number, number>, a: Actor): boolean {
  const lineStart = text.lastIndexOf('\n', a.start - 1) + 1
  const opensLine = !/\S/.test(text.slice(lineStart, a.start))
  if (opensLine && DATELINE_TAIL.test(text.slice(a.end, a.end + 60)) && (PLACE_VIA.test(a.via) || /^\p{Lu}[\p{Lu} .-]+$/u.test(a.text))) return true
  // "(Reuters) -" after a dateline: the agency that filed it
  if (text[a.start - 1] === '(' && text[a.end] === ')' && /^\s*[-—–]/.test(text.slice(a.end + 1, a.end + 4)) && a.start - lineStart < 60) return true
  if (!PLACE_VIA.test(a.via)) return false
  const k = tokenAt.get(a.start) ?? 0
  const before = k > 0 ? text.slice((tokens[k - 1] as Token).start, (tokens[k - 1] as Token).end).toLowerCase() : ''
  const beforeThe = k > 1 && before === 'the' ? text.slice((tokens[k - 2] as Token).start, (tokens[k - 2] as Token).end).toLowerCase() : ''
  return LOCATIVE.has(before) || LOCATIVE.has(beforeThe)
}

/** The token index just after an actor's last token. */
export function tokenAfter(ctx: EventContext, a: Span): number {
  let k = ctx.tokenAt.get(a.start) ?? 0
  while (k < ctx.tokens.length && (ctx.tokens[k] as Token).end <= a.end) k++
  return k
}

// verbs of a trailing attribution: "..., the health minister said"
const attributionVerbs = lazy(() => new Set(loadLexicon<EntryFile<string>>('events/attribution-verbs.json').entries))

/** Whether a word (lower case) is a verb of attribution: "said", "told", "according". */
export const isAttributionVerb = (word: string): boolean => attributionVerbs().has(word)

// how many words after the comma the attribution's verb may stand: "..., the state news agency
// and local residents said" (a sayer of up to ten words)
const ATTRIBUTION_WORDS = 11

/**
 * Where a trailing attribution starts in [from, to): "shelled the town, Ukraine’s military
 * said" — the sayer after the comma is not the target.
 */
export function attributionStart(ctx: EventContext, from: number, to: number): number {
  const { lower } = ctx
  for (let k = from; k < to; k++) {
    if (lower[k] !== ',') continue
    const rest = lower.slice(k + 1, Math.min(lower.length, k + ATTRIBUTION_WORDS + 1))
    if (rest.some((w) => attributionVerbs().has(w))) return k
  }
  return to
}
