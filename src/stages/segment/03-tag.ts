import type { Span } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'

type ClosedClass = Record<'DET' | 'PRON' | 'ADP' | 'CCONJ' | 'SCONJ' | 'AUX' | 'PART' | 'ADV' | 'NUM' | 'VERB', string[]>

// Where a word is in several lists, the first list wins unless the context rules say otherwise.
const PRIORITY = ['AUX', 'PART', 'PRON', 'DET', 'CCONJ', 'ADP', 'SCONJ', 'NUM', 'ADV', 'VERB'] as const

const lexicon = lazy(() => {
  const lists = loadLexicon<ClosedClass>('segment/closed-class.json')
  const index = new Map<string, string>()
  for (const tag of PRIORITY) for (const w of lists[tag]) if (!index.has(w)) index.set(w, tag)
  return index
})

// Suffix rules for open-class words, most specific first.
const SUFFIXES: readonly [RegExp, string][] = [
  [/(tion|sion|ment|ness|ity|ship|ism|ance|ence|hood|dom|ery|ure|age)s?$/, 'NOUN'],
  [/(ous|ful|ive|able|ible|ical|less|ary|ian|ese|ish|ic|al)$/, 'ADJ'],
  [/ly$/, 'ADV'],
  [/(ing|ed|ize|ise|ify)$/, 'VERB'],
]

/**
 * A first, rule-based UPOS tagger: closed-class words from the lexicon, capitalisation for
 * proper nouns, suffixes and a few context rules for the rest.
 */
export function tagTokens(text: string, tokens: readonly Span[], sentenceStarts: ReadonlySet<number>): string[] {
  const words = tokens.map((t) => text.slice(t.start, t.end))
  const tags: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    const lower = w.toLowerCase().replace(/’/g, "'")
    const prev = tags[i - 1] ?? ''
    const known = lexicon().get(lower)
    let tag: string
    if (/^\p{P}+$/u.test(w)) tag = 'PUNCT'
    else if (/^[\p{S}]+$/u.test(w) || w === '%') tag = 'SYM'
    else if (/^\d/.test(w)) tag = 'NUM'
    else if (/^(https?:|www\.)|@/.test(w)) tag = 'X'
    else if (known && !(known === 'VERB' && /^\p{Lu}/u.test(w) && !sentenceStarts.has(i))) tag = known
    else if (/^\p{Lu}/u.test(w) && (!sentenceStarts.has(i) || /^\p{Lu}/u.test(words[i + 1] ?? '')))
      tag = /^\p{Lu}+$/u.test(w) && w.length > 4 ? 'PROPN' : 'PROPN'
    else tag = SUFFIXES.find(([re]) => re.test(lower))?.[1] ?? 'NOUN'
    // "to" before a verb is a particle; "that" after a verb introduces a clause
    if (lower === 'to' && /^(VERB|AUX)$/.test(guessNext(words[i + 1]))) tag = 'PART'
    // "Russia's support" is a possessive, "Russia's been" and "it's a" are "is"/"has"
    if (lower === "'s" && prev === 'PROPN' && !/^(been|being|going|not|a|an|the|\w+ing|\w+ed)$/i.test(words[i + 1] ?? '')) tag = 'PART'
    if (lower === 'that' && prev === 'VERB') tag = 'SCONJ'
    // after a modal or "to", an unknown word is a verb: "will assist", "to restore"
    if (tag === 'NOUN' && (prev === 'AUX' || (prev === 'PART' && words[i - 1]?.toLowerCase() === 'to'))) tag = 'VERB'
    // plural nouns vs verbs: "-s" after a determiner or adjective is a noun
    if (tag === 'VERB' && (prev === 'DET' || prev === 'ADJ') && !/ing$|ed$/.test(lower)) tag = 'NOUN'
    tags.push(tag)
  }
  return tags
}

const guessNext = (w: string | undefined): string => {
  if (!w) return ''
  const known = lexicon().get(w.toLowerCase())
  if (known) return known
  if (/^\p{Lu}/u.test(w)) return 'PROPN'
  return /(ize|ise|ify|ate|en)$/.test(w) || !/(s|tion|ment|ness|ity)$/.test(w) ? 'VERB' : 'NOUN'
}
