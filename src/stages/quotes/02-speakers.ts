import { indexSpans, type SpanIndex } from '../../core/spans.js'
import { firstTokenAt, wordReader } from '../../core/tokens.js'
import type { Actor, Entity, QuoteSpeaker, Span, Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'

const words = (file: string) => lazy(() => new Set(loadLexicon<EntryFile<string>>(`quotes/${file}`).entries))
/** Verbs that open or close a direct quote ("he said", "described it as"). */
export const speechVerbs = words('speech-verbs.json')
/** Verbs that introduce reported speech without marks ("Lavrov said Moscow is ..."). */
export const reportingVerbs = words('reporting-verbs.json')
/** Verbs that report a position without a clause ("Clinton wants to triple ...", "Trump attacked Machado"). */
export const stanceVerbs = words('stance-verbs.json')
const pronouns = words('pronouns.json')
/** Phrases that name a secondary source, longest first ("as cited by"). */
export const viaPhrases = lazy(() => [...loadLexicon<EntryFile<string>>('quotes/via.json').entries].sort((a, b) => b.length - a.length))

/** Parts of speech a noun phrase is made of. */
const NP_POS = /^(PROPN|NOUN|ADJ|DET|NUM|PRON)$/
/** Tokens that may stand inside a name or title ("Sen. Jon Tester (D-Mont.)", "Clinton’s campaign"). */
const NP_GLUE = /^(\(|\)|’s|'s|’|-|–|of|the|&)$/i
// how many tokens a speaker phrase may hold ("Rep. Jim Jordan (R-Ohio), an oversight panel member")
const MAX_SPEAKER_TOKENS = 14

/** A cue with its token index, text and span. */
export interface Cue extends Span {
  readonly index: number
  readonly text: string
}

/** Token-level helpers over one document, shared by the passes of the stage. */
export interface Reader {
  readonly text: string
  readonly tokens: readonly Token[]
  word(i: number): string
  lower(i: number): string
  pos(i: number): string
  sentenceOf(i: number): number
  firstTokenAt(offset: number): number
  sentenceStart(i: number): number
  sentenceEnd(i: number): number
  cueAt(i: number): Cue
  /** The noun phrase that ends just before token k (its subject), skipping adverbs and auxiliaries. */
  subjectBefore(k: number, from?: number): Span | null
  /** The noun phrase that starts at token k ("said one Democratic source on the panel"). */
  phraseAfter(k: number): Span | null
  /** A speaker record for a phrase: its named person or actor, pronouns resolved back. */
  speakerOf(phrase: Span): QuoteSpeaker
  /** The secondary source named after token i ("as cited by TASS"). */
  viaAfter(i: number): string | null
}

/** Builds the token helpers for one document. */
export function createReader(
  text: string,
  tokens: readonly Token[],
  entities: readonly Entity[],
  actors: readonly Actor[],
  quoted: () => readonly Span[],
): Reader {
  const word = wordReader(text, tokens)
  const lower = (i: number): string => word(i).toLowerCase()
  // the layers by offset: a long document asks for a speaker thousands of times
  const people = indexSpans(entities.filter((e) => e.type === 'PER'))
  const organisations = indexSpans(entities.filter((e) => e.type === 'ORG'))
  const actorsByOffset = indexSpans(actors)
  const viaSources = indexSpans(entities)
  let peopleOutsideQuotes: Entity[] | null = null
  const pos = (i: number): string => tokens[i]?.pos ?? ''
  const sentenceOf = (i: number): number => tokens[i]?.sentence ?? -1
  const isNp = (i: number): boolean => {
    const w = word(i)
    if (/^[“”"«»]$/.test(w)) return false
    return NP_POS.test(pos(i)) || NP_GLUE.test(w) || /^[A-Z][\w.-]*$/.test(w)
  }
  const sentenceStart = (i: number): number => {
    let s = i
    while (s > 0 && sentenceOf(s - 1) === sentenceOf(i)) s--
    return s
  }
  const sentenceEnd = (i: number): number => {
    let e = i
    while (e + 1 < tokens.length && sentenceOf(e + 1) === sentenceOf(i)) e++
    return e + 1
  }
  const spanOf = (from: number, to: number): Span => ({ start: (tokens[from] as Token).start, end: (tokens[to - 1] as Token).end })

  function npBefore(end: number, floor: number): number {
    let s = end
    while (s > floor && end - s < MAX_SPEAKER_TOKENS && isNp(s - 1)) s--
    // a phrase does not start with glue: "of the bank" is a complement, not a subject
    while (s < end && /^(of|\)|’s|'s|-|–)$/i.test(word(s))) s++
    return s
  }

  return {
    text,
    tokens,
    word,
    lower,
    pos,
    sentenceOf,
    firstTokenAt: (offset: number) => firstTokenAt(tokens, offset),
    sentenceStart,
    sentenceEnd,
    cueAt: (i) => ({ index: i, start: (tokens[i] as Token).start, end: (tokens[i] as Token).end, text: word(i) }),
    subjectBefore(k, from) {
      const floor = Math.max(from ?? 0, sentenceStart(k))
      let end = k
      // "The Republican nominee also outlined ...", "Trump has pooh-poohed ..."
      while (end > floor && /^(ADV|AUX|PART)$/.test(pos(end - 1)) && !/^(’s|'s)$/.test(word(end - 1))) end--
      let start = npBefore(end, floor)
      if (start === end) return null
      // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said" — an appositive after the name
      if (/^(DET)$/.test(pos(start)) && word(start - 1) === ',' && start - 1 > floor) {
        const head = npBefore(start - 1, floor)
        if (head < start - 1 && /^[A-Z]/.test(word(head))) start = head
      }
      return spanOf(start, end)
    },
    phraseAfter(k) {
      const limit = sentenceEnd(k)
      let e = k
      while (e < limit && e - k < MAX_SPEAKER_TOKENS && isNp(e)) e++
      while (e > k && /^(of|the|\(|-|–)$/i.test(word(e - 1))) e--
      return e > k ? spanOf(k, e) : null
    },
    speakerOf(phrase) {
      const inside = <T extends Span>(xs: SpanIndex<T>): T | undefined => xs.inside(phrase.start, phrase.end)[0]
      const named = inside(people) ?? inside(actorsByOffset) ?? inside(organisations)
      if (named) return speakerFrom(named, phrase)
      const raw = text.slice(phrase.start, phrase.end)
      if (pronouns().has(raw.toLowerCase())) {
        const antecedent = /^(he|she)$/i.test(raw) ? lastPersonBefore(phrase.start) : null
        return { ...phrase, text: raw, actor: antecedent?.actor ?? null, name: antecedent?.name ?? null }
      }
      return { ...phrase, text: raw, actor: null, name: null }
    },
    viaAfter(i) {
      const from = tokens[i]
      if (!from) return null
      const rest = text.slice(from.start, from.start + 60).toLowerCase()
      for (const v of viaPhrases()) {
        const at = rest.indexOf(`${v} `)
        if (at < 0 || at > 20) continue
        const after = from.start + at + v.length
        const source = viaSources.startingIn(after, after + 2)[0]
        if (source) return source.text
      }
      return null
    },
  }

  function speakerFrom(x: Actor | Entity, phrase: Span): QuoteSpeaker {
    const actor = 'code' in x ? x : actorsByOffset.containing(x.start, x.end)
    return { ...phrase, text: text.slice(phrase.start, phrase.end), actor: actor?.code ?? null, name: actor?.name ?? x.text }
  }

  function lastPersonBefore(offset: number): QuoteSpeaker | null {
    // a name inside someone's quoted words is not the speaker: "“We thank Lavrov,” he said"
    if (!peopleOutsideQuotes) {
      const marks = indexSpans(quoted())
      // by end, and among names that end together the first of the layer last
      const order = entities.map((e, i) => [e, i] as const).filter(([e]) => e.type === 'PER' && !marks.covers(e.start, e.end))
      peopleOutsideQuotes = order.sort((a, b) => a[0].end - b[0].end || b[1] - a[1]).map(([e]) => e)
    }
    const list = peopleOutsideQuotes
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((list[mid] as Entity).end <= offset) lo = mid + 1
      else hi = mid
    }
    const person = list[lo - 1]
    return person ? speakerFrom(person, person) : null
  }
}
