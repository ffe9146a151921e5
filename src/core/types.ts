/** A half-open range of UTF-16 offsets into `article.text`. */
export interface Span {
  readonly start: number
  readonly end: number
}

/** The clean article the `extract` stage produces. */
export interface Article {
  readonly title: string | null
  readonly text: string
  readonly published: string | null
  readonly byline: string | null
  readonly lang: string | null
  readonly url: string | null
  readonly paragraphs: readonly Span[]
}

/** One token with its universal part-of-speech tag. */
export interface Token extends Span {
  readonly pos: string
  /** Index of the sentence (in the `sentences` layer) the token belongs to. */
  readonly sentence: number
}

/** One dependency arc per token, parallel to the `tokens` layer. */
export interface Arc {
  /** Index of the head token in the document's tokens, -1 for the root. */
  readonly head: number
  readonly dep: string
}

export type EntityType = 'PER' | 'ORG' | 'LOC' | 'GPE' | 'NORP' | 'MISC'

/** A named-entity mention. */
export interface Entity extends Span {
  readonly text: string
  readonly type: EntityType
}

/** A mention resolved to an actor of the registry. */
export interface Actor extends Span {
  readonly text: string
  /** CAMEO code chain: country (or ---, IGO, NGO, ...) then 3-letter roles. */
  readonly code: string
  readonly country: string | null
  readonly sector: string | null
  readonly name: string
  readonly id: string
  /** How the mention was resolved: registry entry, title, coreference, ... */
  readonly via: string
}

/** A temporal expression with its TIMEX3 type and normalised value. */
export interface DateMention extends Span {
  readonly text: string
  readonly type: 'DATE' | 'TIME' | 'DURATION' | 'SET'
  readonly value: string
  readonly mod: string | null
}

/** A toponym resolved to a gazetteer place. */
export interface Place extends Span {
  readonly text: string
  readonly name: string
  readonly id: string
  readonly lat: number
  readonly lon: number
  readonly country: string | null
  readonly admin1: string | null
  readonly feature: string
}

export interface QuoteSpeaker extends Span {
  readonly text: string
  readonly actor: string | null
  readonly name: string | null
}

/** A quote (direct, or indirect speech) with its speaker, cue and secondary source. */
export interface Quote extends Span {
  readonly text: string
  readonly direct: boolean
  readonly speaker: QuoteSpeaker | null
  readonly cue: (Span & { readonly text: string }) | null
  readonly via: string | null
}

export interface EventParty extends Span {
  readonly code: string
  readonly text: string
}

export type Modality = 'asserted' | 'intended' | 'hypothetical' | 'reported' | 'denied' | 'requested'

/** One report of an event in the text: its sentence (the evidence span), trigger, code and how sure the coder is. */
export interface EventMention {
  readonly sentence: Span
  readonly trigger: Span & { readonly text: string }
  /** The code this report alone gave (same CAMEO family as its event's; the leaf may differ). */
  readonly cameo: string
  readonly confidence: number
}

/** A coded event with its evidence. */
export interface Event {
  readonly source: EventParty | null
  readonly target: EventParty | null
  readonly cameo: string
  readonly cameoName: string
  readonly plover: string | null
  readonly goldstein: number | null
  readonly quad: number
  readonly negated: boolean
  readonly modality: Modality
  readonly date: string | null
  readonly place: { readonly name: string; readonly lat: number; readonly lon: number } | null
  readonly sentence: Span
  readonly trigger: Span & { readonly text: string }
  readonly rule: string
  readonly confidence: number
  /**
   * Every report of this act in the text, in text order, the event's own evidence
   * (`sentence`, `trigger`) among them: a headline and a lead telling of one strike are one
   * event with two mentions. Absent means one mention, the event's own (see `mentionsOf`).
   */
  readonly mentions?: readonly EventMention[]
}

/** The reports of an event: its `mentions`, or its own evidence alone when it has none listed. */
export function mentionsOf(e: Event): readonly EventMention[] {
  return e.mentions?.length ? e.mentions : [{ sentence: e.sentence, trigger: e.trigger, cameo: e.cameo, confidence: e.confidence }]
}

/** A problem found in the content: never an exception. */
export interface Message {
  /** The stage (or boundary) that wrote it. */
  readonly source: string
  /** A stable kebab-case id of the rule: what a user filters on. */
  readonly ruleId: string
  /** The reason in words, quoting the text where it helps. */
  readonly reason: string
  readonly start: number | null
  readonly end: number | null
  /** info: a decision worth knowing (a candidate dropped); warning: content the stage could not use; error: a part of the document lost. */
  readonly severity: Severity
}

/** How much a message matters to a reader of the output. */
export type Severity = 'info' | 'warning' | 'error'

/**
 * How a sentence is written: `cased` as prose is; `lower`, in a text written without
 * capitals ("police arrested 200 protesters in delhi"); `upper`, in a text written in
 * capitals ("POLICE ARRESTED 200 PROTESTERS"); `headline`, a sentence in capitals in a text
 * that is not ("SOCCER - JAPAN WIN" above a story). The models learnt names from their
 * capitals: the others are read truecased (see stages/segment/truecase.ts; the entity model
 * learnt headlines in capitals from its newswire and reads them as they are).
 */
export type Casing = 'cased' | 'lower' | 'upper' | 'headline'

/**
 * The `truecased` layer (added by segment, read by entities and actors): the document's
 * words as prose would write them, one per token ("delhi" -> "Delhi" in a text without
 * capitals), and the casing of each sentence. Internal: the output model does not carry it.
 */
export interface Truecased {
  readonly words: readonly string[]
  readonly casings: readonly Casing[]
  /** Whether every sentence is written as prose (the words are the text's own). */
  readonly prose: boolean
}

/** Every layer a stage may add, by name. */
export interface Layers {
  readonly article: Article
  readonly sentences: readonly Span[]
  readonly tokens: readonly Token[]
  readonly truecased: Truecased
  readonly entities: readonly Entity[]
  readonly parse: readonly Arc[]
  readonly actors: readonly Actor[]
  readonly dates: readonly DateMention[]
  readonly places: readonly Place[]
  readonly quotes: readonly Quote[]
  readonly events: readonly Event[]
  readonly tone: number
}

export type LayerName = keyof Layers
