import { letterCasing } from '../../core/tokens.js'
import type { Casing, Span, Truecased } from '../../core/types.js'
import { countryByDemonym, countryByName } from '../../lexicon/countries.js'
import { isKnownPlace } from '../../lexicon/gazetteer.js'
import { lookupName } from '../../lexicon/load.js'
import { type ActorRegistry, perRegistry } from '../../lexicon/registry.js'
import { normWord } from '../../models/features.js'
import { defaultWordClusters } from '../../models/word-clusters.js'

// the capital bin of the word clusters (scripts/build-clusters.ts): bin 4 and up, the raw text
// writes the word with a capital inside a sentence at least 80% of the time ("delhi", "march")
const NAME_BIN = 4
const CLUSTER_CAPITAL = 3
// bin 2 and up: at least 20% of the time ("ministry", "national")
const MAYBE_NAME_BIN = 2
// "Democratic Forces for the Liberation of Rwanda": the longest registry names run to about eight words
const MAX_NAME_WORDS = 8
// words a multi-word name keeps in lower case ("Bank of England", "Hayat Tahrir al-Sham")
const CONNECTOR = /^(?:of|and|for|the|de|la|le|du|da|del|der|van|von|on|in|al|el|bin|ibn)$/
const PARTICLE = /^(?<particle>al|el|as|ash|ad|an|ar|at|az|abu|bin|ibn)-(?<rest>\p{L})/u

/**
 * The casing of each sentence (token ranges [start, end) over `words`): `lower` for every
 * sentence of a text written without capitals, `upper` for every one of a text in capitals
 * (under 1% of its letters, in its first 20,000 characters, lower-case), `headline` for a
 * sentence in capitals (at least three words of two capitals, none with a lower-case
 * letter) in another text, `cased` otherwise.
 */
export function sentenceCasings(
  text: string,
  words: readonly string[],
  ranges: readonly Span[],
  whole: 'cased' | 'lower' | 'upper' = letterCasing(text),
): Casing[] {
  if (whole !== 'cased') return ranges.map(() => whole)
  return ranges.map((r) => (shouted(words, r) ? 'headline' : 'cased'))
}

function shouted(words: readonly string[], r: Span): boolean {
  let cased = 0
  for (let i = r.start; i < r.end; i++) {
    const w = words[i] as string
    if (/\p{Ll}/u.test(w)) return false
    if (/\p{Lu}{2}/u.test(w)) cased++
  }
  return cased >= 3
}

/** The registry's and the country table's acronyms ("UN", "NATO", "BJP"), in capitals without dots. */
const acronyms = perRegistry((registry) => {
  const out = new Set<string>()
  for (const index of [registry.organisationsByName, countryByName()]) for (const key of index.keys()) if (key.startsWith('=')) out.add(key.slice(1))
  return out
})

const capitalise = (w: string): string => {
  const p = PARTICLE.exec(w)
  // "al-sham" -> "al-Sham", as the registry and the news write it
  if (p?.groups) return `${p.groups.particle}-${(p.groups.rest as string).toUpperCase()}${w.slice((p.groups.particle as string).length + 2)}`
  return w.charAt(0).toUpperCase() + w.slice(1)
}

/** Whether a registry, country, demonym or multi-word place name is written by words [i, i + len) (lower-cased). */
function namesActor(registry: ActorRegistry, lower: readonly string[], i: number, len: number): boolean {
  let surface = lower[i] as string
  for (let k = i + 1; k < i + len; k++) surface += ` ${lower[k] as string}`
  return (
    lookupName(countryByName(), surface) !== undefined ||
    lookupName(countryByDemonym(), surface) !== undefined ||
    registry.lookupOrganisations(surface).length > 0 ||
    (len > 1 && registry.lookupPeople(surface).length > 0) ||
    lookupName(registry.seatByName, surface) !== undefined ||
    // "new york", "tamil nadu": a place of several words the gazetteer knows
    (len > 1 && isKnownPlace(surface))
  )
}

/**
 * The words of a sentence as prose would write them, for the models and the name look-ups
 * that read capitals: "police arrested 200 protesters in delhi" -> "Police arrested 200
 * protesters in Delhi". Built from the project's own data: the registry's and the country
 * table's names (every word of a multi-word name, acronyms in capitals), the word clusters'
 * count of how often the raw text capitalises a word inside a sentence, and the gazetteer
 * for words too rare to have one; the first word takes a capital. A `cased` sentence is
 * returned as it is; in a `lower` one, words already written with a capital keep it.
 *
 * @example
 *   truecase(['troops', 'entered', 'kabul', '.'], 'lower', registry) // ['Troops', 'entered', 'Kabul', '.']
 */
export function truecase(words: readonly string[], casing: Casing, registry: ActorRegistry): string[] {
  if (casing === 'cased') return [...words]
  const lower = words.map((w) => w.toLowerCase())
  const shout = casing !== 'lower'
  const out = shout ? [...lower] : [...words]
  const kept = (k: number): boolean => casing === 'lower' && out[k] !== lower[k]
  const known = acronyms(registry)
  const clusters = defaultWordClusters()
  const done = new Array<boolean>(words.length).fill(false)
  // a name starts or ends with a word the raw text capitalises at least one time in five, or
  // one it hardly met ("world bank", "hayat tahrir al-sham"); "police arrested" is no name,
  // and costs no look-up
  const nameish = lower.map((w) => {
    if (!/\p{L}/u.test(w)) return false
    const bin = clusters.get(normWord(w))?.[CLUSTER_CAPITAL]
    return bin === undefined || bin < 0 || bin >= MAYBE_NAME_BIN
  })
  for (let i = 0; i < words.length; i++) {
    if (!/\p{L}/u.test(lower[i] as string) || CONNECTOR.test(lower[i] as string)) continue
    // the longest registry name starting here: "hayat tahrir al-sham", "ministry of defence"
    let len = Math.min(MAX_NAME_WORDS, words.length - i)
    while (len > 0 && ((!nameish[i] && !nameish[i + len - 1]) || !namesActor(registry, lower, i, len))) len--
    if (len === 0) continue
    for (let k = i; k < i + len; k++) {
      done[k] = true
      if (kept(k)) continue
      const w = lower[k] as string
      const upper = w.replace(/\./g, '').toUpperCase()
      if (known.has(upper) && (shout || len === 1)) out[k] = w.toUpperCase()
      else if (k === i || !CONNECTOR.test(w)) out[k] = capitalise(w)
    }
    i += len - 1
  }
  for (let i = 0; i < words.length; i++) {
    if (done[i] || kept(i) || !/^\p{L}/u.test(lower[i] as string)) continue
    const w = lower[i] as string
    // "UN" in a headline in capitals is the acronym it spells
    if (shout && words[i] === w.toUpperCase() && known.has(w.replace(/\./g, '').toUpperCase())) {
      out[i] = words[i] as string
      continue
    }
    const entry = clusters.get(normWord(w))
    const bin = entry?.[CLUSTER_CAPITAL]
    // "un", "bjp": a known acronym the raw text writes with capitals (or hardly ever met), not "us" or "who"
    const acronym = w.replace(/\./g, '').toUpperCase()
    if (known.has(acronym) && (entry === undefined || (bin !== undefined && bin >= NAME_BIN))) {
      out[i] = w.toUpperCase()
      continue
    }
    // a word the raw text hardly ever met is a name when the gazetteer knows it as a place
    if ((bin !== undefined && bin >= NAME_BIN) || (entry === undefined && w.length > 3 && isKnownPlace(w))) out[i] = capitalise(w)
    else if (w === 'i') out[i] = 'I'
  }
  // the sentence's first word, after any opening quote or bracket
  const first = out.findIndex((w) => /\p{L}/u.test(w))
  if (first >= 0 && !kept(first) && (shout || out[first] === lower[first]) && !known.has(out[first] as string)) out[first] = capitalise(out[first] as string)
  return out
}

/**
 * The words of a document's tokens as prose would write them (see `truecase`), sentence by
 * sentence, and each sentence's casing: the text's own words when it is written as prose.
 * `whole` is letterCasing(text), when the caller has it. The segment stage keeps the answer
 * as the document's `truecased` layer, which the entities and actors stages read.
 */
export function truecasedWords(
  text: string,
  tokens: readonly Span[],
  ranges: readonly Span[],
  registry: ActorRegistry,
  whole: 'cased' | 'lower' | 'upper' = letterCasing(text),
): Truecased {
  const raw = tokens.map((t) => text.slice(t.start, t.end))
  const casings = sentenceCasings(text, raw, ranges, whole)
  const prose = casings.every((c) => c === 'cased')
  if (prose) return { words: raw, casings, prose }
  const words = [...raw]
  for (const [si, r] of ranges.entries()) {
    const casing = casings[si] as Casing
    if (casing === 'cased') continue
    const cased = truecase(raw.slice(r.start, r.end), casing, registry)
    for (let k = 0; k < cased.length; k++) words[r.start + k] = cased[k] as string
  }
  return { words, casings, prose }
}
