import { indexSpans, type SpanIndex } from '../../core/spans.js'
import type { Actor, Arc, DateMention, Place, Quote, Span, Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'
import { createParseView, type ParseView } from '../syntax/relations.js'

/** What every pass of the events stage reads: the text, its tokens and the layers under them. */
export interface EventContext {
  readonly text: string
  readonly tokens: readonly Token[]
  /** Token texts in lower case, by token index. */
  readonly lower: readonly string[]
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

/** The shared view of a document for the events passes. */
export function eventContext(
  text: string,
  tokens: readonly Token[],
  layers: { actors: readonly Actor[]; dates: readonly DateMention[]; places: readonly Place[]; quotes: readonly Quote[]; parse: readonly Arc[] },
): EventContext {
  const lower = tokens.map((t) => text.slice(t.start, t.end).toLowerCase())
  const tokenAt = new Map(tokens.map((t, i) => [t.start, i]))
  const actorAt = new Array<Actor | undefined>(tokens.length)
  // "Palestinian officials demanded Friday that ...": a date is never a party, whatever the actors layer made of it
  // ("Serbia Friday" as one actor is no party either)
  const dates = indexSpans(layers.dates)
  const actors = layers.actors.filter((a) => dates.overlapping(a.start, a.end).length === 0)
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

/** The token index just after an actor's last token. */
export function tokenAfter(ctx: EventContext, a: Span): number {
  let k = ctx.tokenAt.get(a.start) ?? 0
  while (k < ctx.tokens.length && (ctx.tokens[k] as Token).end <= a.end) k++
  return k
}

// verbs of a trailing attribution: "..., the health minister said"
const attributionVerbs = lazy(() => new Set(loadLexicon<EntryFile<string>>('events/attribution-verbs.json').entries))

/**
 * Where a trailing attribution starts in [from, to): "shelled the town, Ukraine’s military
 * said" — the sayer after the comma is not the target.
 */
export function attributionStart(ctx: EventContext, from: number, to: number): number {
  const { lower } = ctx
  for (let k = from; k < to; k++) {
    if (lower[k] !== ',') continue
    const rest = lower.slice(k + 1, Math.min(lower.length, k + 8))
    if (rest.some((w) => attributionVerbs().has(w))) return k
  }
  return to
}
