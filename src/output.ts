import type { Doc } from './core/doc.js'
import type { Actor, Article, DateMention, Entity, Event, Message, Place, Quote } from './core/types.js'

/** A token as the output model shows it: its tag and, after `syntax`, its head and relation. */
export interface OutputToken {
  readonly start: number
  readonly end: number
  readonly pos: string
  readonly head?: number
  readonly dep?: string
}

/** The output model of DESIGN §2: one analysed document. */
export interface Output {
  readonly id: string
  readonly article?: Article
  readonly sentences?: readonly { start: number; end: number }[]
  readonly tokens?: readonly OutputToken[]
  readonly entities?: readonly Entity[]
  readonly actors?: readonly Actor[]
  readonly dates?: readonly DateMention[]
  readonly places?: readonly Place[]
  readonly quotes?: readonly Quote[]
  readonly events?: readonly Event[]
  readonly tone?: number
  readonly messages: readonly Message[]
}

/** A document that could not be analysed: its id and why. */
export interface OutputError {
  readonly id: string
  readonly error: string
}

/** Turns a finished document into the output model (the parse is shown on the tokens). */
export function toOutput(doc: Doc): Output {
  const { layers } = doc
  const parse = layers.parse
  const tokens = layers.tokens?.map((t, i): OutputToken => {
    const arc = parse?.[i]
    return arc ? { start: t.start, end: t.end, pos: t.pos, head: arc.head, dep: arc.dep } : { start: t.start, end: t.end, pos: t.pos }
  })
  return {
    id: doc.id,
    ...(layers.article && { article: layers.article }),
    ...(layers.sentences && { sentences: layers.sentences }),
    ...(tokens && { tokens }),
    ...(layers.entities && { entities: layers.entities }),
    ...(layers.actors && { actors: layers.actors }),
    ...(layers.dates && { dates: layers.dates }),
    ...(layers.places && { places: layers.places }),
    ...(layers.quotes && { quotes: layers.quotes }),
    ...(layers.events && { events: layers.events }),
    ...(layers.tone !== undefined && { tone: layers.tone }),
    messages: doc.messages,
  }
}
