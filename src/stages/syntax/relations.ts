import { wordReader } from '../../core/tokens.js'
import type { Arc, Span, Token } from '../../core/types.js'
import { type EntryFile, lazy, loadLexicon } from '../../lexicon/load.js'

const wordSet = (path: string) => lazy(() => new Set(loadLexicon<EntryFile<string>>(path).entries))
const negators = wordSet('syntax/negation-words.json')
const modals = lazy(
  () => new Map(loadLexicon<EntryFile<{ word: string; modality: string }>>('syntax/modal-markers.json').entries.map((e) => [e.word, e.modality])),
)
// the quotes stage's verb lists (read only): a clause under one of these verbs is reported speech
const speechVerbs = wordSet('quotes/speech-verbs.json')
const reportingVerbs = wordSet('quotes/reporting-verbs.json')

/** A phrase of the parse: its head token and the span of the words it covers. */
export interface Phrase extends Span {
  /** Index of the phrase's head in the document's tokens. */
  readonly head: number
  readonly text: string
}

/** An oblique or nominal modifier with its preposition: "strikes on Syria" -> {prep: "on", ...}. */
export interface Oblique extends Phrase {
  /** The preposition(s) in lower case ("on", "because of"), "" when there is none ("last year"). */
  readonly prep: string
  /** The relation: obl (of a verb) or nmod (of a noun). */
  readonly rel: string
}

/** What a verb's dependents say about it: negation and a modal or future marker. */
export interface VerbMarkers {
  readonly negated: boolean
  /** "future", "conditional", "possible", "ability", "obligation", or null when asserted. */
  readonly modality: string | null
  /** The marker words found ("not", "will"). */
  readonly markers: readonly string[]
}

// relations that are not part of the noun phrase a role names:
// "Assad, a close ally of Moscow, was replaced": the apposition is its own phrase
const OUTSIDE_PHRASE = new Set(['punct', 'appos', 'acl:relcl', 'conj', 'cc', 'parataxis', 'dep'])

/** The parts of a relation without its subtype: "nsubj:pass" -> "nsubj". */
export function baseRelation(dep: string): string {
  const colon = dep.indexOf(':')
  return colon < 0 ? dep : dep.slice(0, colon)
}

/** Curly apostrophes fold to straight ones so that "didn’t" finds "n't". */
function fold(word: string): string {
  return word.toLowerCase().replace(/[’‘]/g, "'")
}

/**
 * A read-only view of a document's parse for the stages after `syntax` (events first): the
 * roles around a verb (subject, object, passive agent, obliques with their prepositions),
 * coordination, appositions, reported clauses and the negation and modal markers of a verb.
 * All indices are indices in the document's tokens.
 *
 * @example
 *   const view = createParseView(doc.text, tokens, parse)
 *   view.agent(view.find('replaced')[0])  // "HTS leader Ahmed al-Sharaa"
 */
export interface ParseView {
  /** The dependents of a token, left to right. */
  children(i: number): readonly number[]
  /** The dependents of a token whose relation (with or without subtype) is one of `deps`. */
  dependents(i: number, ...deps: string[]): number[]
  /** The word of a token. */
  word(i: number): string
  /** Tokens whose word is `word` (case-insensitive), for tests and rules keyed by a trigger. */
  find(word: string): number[]
  /** The token itself and the tokens coordinated with it ("clashes between A, B and C" -> A, B, C). */
  conjuncts(i: number): number[]
  /** True when the verb is passive ("was replaced"): a passive subject or auxiliary. */
  isPassive(verb: number): boolean
  /** The verb's subjects, coordinated ones included; a coordinated verb without its own takes the first verb's ("Russia condemned and rejected"). */
  subjects(verb: number): Phrase[]
  /** The verb's direct and indirect objects, coordinated ones included. */
  objects(verb: number): Phrase[]
  /** The agent of a passive verb ("was replaced by HTS leader Ahmed al-Sharaa"), coordinated ones included. */
  agents(verb: number): Phrase[]
  /** Obliques (of a verb) and nominal modifiers (of a noun) with their prepositions: "strikes on Syria". */
  obliques(head: number): Oblique[]
  /** The appositions of a noun ("Assad, a close ally of Moscow"). */
  appositions(noun: number): Phrase[]
  /** The clause a speech or reporting verb reports ("said Moscow is ready", "“…,” he said"), as its head verbs. */
  reportedClauses(verb: number): number[]
  /** Negation and modal/future markers attached to a verb or to its auxiliaries. */
  markers(verb: number): VerbMarkers
  /** The noun phrase headed by a token: its subtree without appositions, relative clauses, conjuncts and punctuation. */
  phrase(i: number): Phrase
}

/** Builds the view over one document's tokens and its `parse` layer (one arc per token). */
export function createParseView(text: string, tokens: readonly Token[], parse: readonly Arc[]): ParseView {
  if (parse.length !== tokens.length)
    throw new TypeError(`the parse has ${parse.length} arcs for ${tokens.length} tokens: run the syntax stage on this document`)
  const kids: number[][] = tokens.map(() => [])
  parse.forEach((a, i) => {
    if (a.head >= 0) kids[a.head]?.push(i)
  })
  const dep = (i: number): string => (parse[i] as Arc).dep
  const word = wordReader(text, tokens)
  const children = (i: number): readonly number[] => kids[i] ?? []
  const dependents = (i: number, ...deps: string[]): number[] => children(i).filter((c) => deps.includes(dep(c)) || deps.includes(baseRelation(dep(c))))

  const conjuncts = (i: number): number[] => {
    const out = [i]
    for (let k = 0; k < out.length; k++) for (const c of dependents(out[k] as number, 'conj')) out.push(c)
    return out.sort((a, b) => a - b)
  }

  const phrase = (i: number): Phrase => {
    let lo = i
    let hi = i
    const stack = [i]
    while (stack.length) {
      const k = stack.pop() as number
      lo = Math.min(lo, k)
      hi = Math.max(hi, k)
      for (const c of children(k)) {
        // "replaced by HTS leader Ahmed al-Sharaa": the agent is the noun phrase, without its preposition
        if (k === i && (baseRelation(dep(c)) === 'case' || baseRelation(dep(c)) === 'mark')) continue
        // an apposition with no comma before it names the same person: "HTS leader Ahmed al-Sharaa"
        const closeAppos = dep(c) === 'appos' && c > k && !/[,(–—:;]/.test(text.slice((tokens[k] as Token).end, (tokens[c] as Token).start))
        if (closeAppos || (!OUTSIDE_PHRASE.has(dep(c)) && !OUTSIDE_PHRASE.has(baseRelation(dep(c))))) stack.push(c)
      }
    }
    // "by HTS leader Ahmed al-Sharaa" where "by" hangs from "leader": leading markers stay out
    while (lo < i && (baseRelation(dep(lo)) === 'case' || baseRelation(dep(lo)) === 'mark' || dep(lo) === 'punct')) lo++
    const start = (tokens[lo] as Token).start
    const end = (tokens[hi] as Token).end
    return { head: i, start, end, text: text.slice(start, end) }
  }
  const phrases = (heads: number[]): Phrase[] => heads.flatMap(conjuncts).map(phrase)

  // a verb coordinated with an earlier one shares its subject: "Russia condemned the strikes and called for calm"
  const subjectHeads = (verb: number): number[] => {
    const own = dependents(verb, 'nsubj', 'csubj')
    if (own.length) return own
    const arc = parse[verb] as Arc
    return arc.dep === 'conj' && arc.head >= 0 ? subjectHeads(arc.head) : []
  }
  const isPassive = (verb: number): boolean => dependents(verb, 'nsubj:pass', 'aux:pass', 'csubj:pass').length > 0

  const prepOf = (i: number): string =>
    children(i)
      .filter((c) => baseRelation(dep(c)) === 'case' && c < i)
      .flatMap((c) => [c, ...dependents(c, 'fixed')])
      .sort((a, b) => a - b)
      .map((c) => fold(word(c)))
      .join(' ')

  const obliques = (head: number): Oblique[] =>
    dependents(head, 'obl', 'nmod')
      .filter((c) => dep(c) !== 'nmod:poss')
      .flatMap((c) => conjuncts(c).map((k) => ({ ...phrase(k), prep: prepOf(c), rel: baseRelation(dep(c)) })))

  const agents = (verb: number): Phrase[] => {
    const explicit = dependents(verb, 'obl:agent')
    // the parser may label the agent plain obl: "was replaced by HTS leader ..." still has "by"
    const heads = explicit.length ? explicit : isPassive(verb) ? dependents(verb, 'obl').filter((c) => prepOf(c) === 'by') : []
    return phrases(heads)
  }

  const markers = (verb: number): VerbMarkers => {
    const found: string[] = []
    let negated = false
    let modality: string | null = null
    // "did not attack", "will not be sent": markers hang from the verb, or from a copula's predicate
    for (const c of children(verb)) {
      const w = fold(word(c))
      const d = baseRelation(dep(c))
      if ((d === 'advmod' || d === 'aux' || d === 'det' || d === 'cc') && negators().has(w)) {
        negated = true
        found.push(w)
      } else if (d === 'aux' && modals().has(w)) {
        modality ??= modals().get(w) as string
        found.push(w)
      }
    }
    // "no troops were sent": the negative determiner sits on the subject
    for (const s of dependents(verb, 'nsubj'))
      for (const d of dependents(s, 'det'))
        if (fold(word(d)) === 'no') {
          negated = true
          found.push('no')
        }
    return { negated, modality, markers: found }
  }

  const reportedClauses = (verb: number): number[] => {
    const w = fold(word(verb))
    if (!speechVerbs().has(w) && !reportingVerbs().has(w)) return []
    const out = dependents(verb, 'ccomp')
    // "“Relations ... are of a historical nature,” he said": the quote's verb heads "said" as parataxis
    const arc = parse[verb] as Arc
    if (baseRelation(arc.dep) === 'parataxis' && arc.head >= 0) out.push(arc.head)
    for (const c of dependents(verb, 'parataxis')) out.push(c)
    return out.sort((a, b) => a - b)
  }

  return {
    children,
    dependents,
    word,
    find: (w) => tokens.flatMap((_, i) => (word(i).toLowerCase() === w.toLowerCase() ? [i] : [])),
    conjuncts,
    isPassive,
    subjects: (verb) => phrases(subjectHeads(verb)),
    objects: (verb) => phrases(dependents(verb, 'obj', 'iobj')),
    agents,
    obliques,
    appositions: (noun) => phrases(dependents(noun, 'appos')),
    reportedClauses,
    markers,
    phrase,
  }
}
