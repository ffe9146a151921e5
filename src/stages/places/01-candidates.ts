import type { Entity } from '../../core/types.js'
import { countryByDemonym } from '../../lexicon/countries.js'
import { candidatesFor, type GazetteerPlace, placeKey } from '../../lexicon/gazetteer.js'
import { lazy, loadLexicon, lookupName } from '../../lexicon/load.js'

/** A stretch of text that may name a place, with the gazetteer places it may be. */
export interface Toponym {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly options: readonly GazetteerPlace[]
  /** How it was found: an entity of the entities stage, a nationality, or the capitalised-run scan. */
  readonly via: 'entity' | 'demonym' | 'scan'
}

interface Cues {
  readonly before: readonly string[]
  readonly after: readonly string[]
  readonly never: readonly string[]
}

const cues = lazy(() => {
  const c = loadLexicon<Cues & { description: string }>('places/cues.json')
  const alt = (ws: readonly string[]): string => [...ws].sort((a, b) => b.length - a.length).join('|')
  return {
    // "in Pandi", "the town of Innisfail": the words right before the name
    before: new RegExp(`(?:^|[^\\p{L}])(?:${alt(c.before)})\\s+(?:the\\s+)?$`, 'iu'),
    // "Sweida province", "Orange County": the word right after the name
    after: new RegExp(`^\\s+(?:${alt(c.after)})\\b`, 'iu'),
    never: new Set(c.never),
  }
})

/** The countries (or world regions) a nationality word points at: "Russian" -> Russia, "European" -> Europe. */
export function demonymPlaces(word: string): GazetteerPlace[] {
  const c = lookupName(countryByDemonym(), word)
  if (c) return candidatesFor(c.name).filter((p) => p.feature === 'PCLI' && p.country === c.code)
  // the world-region table lists adjectives among its aliases ("European", "African")
  return candidatesFor(word).filter((p) => p.curated && (p.feature === 'CONT' || p.feature === 'RGN' || p.feature === 'ZN'))
}

/** Pass 1a: GPE and LOC entities found in the gazetteer, and NORP entities that are nationalities. */
export function entityToponyms(entities: readonly Entity[]): Toponym[] {
  const out: Toponym[] = []
  for (const e of entities) {
    if (e.type === 'GPE' || e.type === 'LOC') {
      const options = candidatesFor(nameOf(e.text))
      if (options.length && !cues().never.has(e.text) && !isStrayAcronym(e.text, options))
        out.push({ start: e.start, end: e.end, text: e.text, options, via: 'entity' })
    } else if (e.type === 'NORP') {
      const options = demonymPlaces(e.text)
      if (options.length) out.push({ start: e.start, end: e.end, text: e.text, options, via: 'demonym' })
    }
  }
  return out
}

// "NATO", "TASS" typed GPE: an all-capitals short name is a place only when the tables list it ("US", "UK", "DRC")
const isStrayAcronym = (surface: string, options: readonly GazetteerPlace[]): boolean =>
  /^[\p{Lu}.&]{2,5}$/u.test(surface) && !options.some((p) => p.curated || p.feature === 'PCLI')

// A capitalised word: "Sweida", "U.S.", "Calif.", "Al-Hasakah", "LOS"
const WORD = /\p{Lu}[\p{L}\p{M}'’.-]*/gu
// Words that may sit inside a multi-word name: "Gulf of Mexico", "Bains and Grants Town", "Trinidad and Tobago"
const JOINER = /^(?:of|and|the|de|del|la|le|du|al|el|upon|on)$/
const stripPunct = (s: string): string => s.replace(/[.,;:]+$/, '').replace(/['’]s$/, '')

/** The name a written stretch may be: punctuation after it dropped, except the dot of an abbreviation the tables list ("N.M.", "Calif.", "D.C."). */
function nameOf(raw: string): string {
  const bare = stripPunct(raw)
  const dotted = raw.replace(/[,;:]+$/, '').replace(/['’]s$/, '')
  return dotted !== bare && dotted.endsWith('.') && !candidatesFor(bare).length && candidatesFor(dotted).length ? dotted : bare
}
const MAX_WORDS = 6

/** The size from which a town is a place without any cue (most towns share names with people and things). */
const orgWords = lazy(() => new Set(loadLexicon<{ ORG: readonly string[] }>('entities/keywords.json').ORG))

// "Nelson", "Tyler", "Jackson": towns named like people (lexicon/places/people-towns.json)
const peopleTowns = lazy(() => new Set(loadLexicon<{ names: readonly string[] }>('places/people-towns.json').names))

const SCAN_POPULATION = 100_000
const CUED_POPULATION = 1000

/**
 * Pass 1b: runs of capitalised words looked up in the gazetteer, longest match first;
 * the toponyms the entity typer missed ("Hawaii", "Pandi, Bulacan", "Washington" in
 * "The Washington Post"). A small town needs a cue ("in", "town of", "province"), and
 * words inside a person's name are skipped ("Jordan Henderson").
 */
export function scanToponyms(text: string, entities: readonly Entity[]): Toponym[] {
  // a place word inside an organisation's name counts only when the name says it is an
  // organisation named after a place ("The Washington Post", "University of Texas"); a
  // two-word ORG without such a word is usually a mistyped person ("Jordan Henderson")
  const people = entities.filter(
    (e) => e.type === 'PER' || (e.type === 'ORG' && e.text.split(/\s+/).length === 2 && !e.text.split(/\s+/).some((w) => orgWords().has(w))),
  )
  // a two-word ORG keeps a country or listed region after its first word ("Air Zimbabwe", "ABC Australia")
  // and the place it wholly is ("Orange County"), not a town that is a surname ("Jordan Henderson")
  const blocks = (start: number, end: number, options: readonly GazetteerPlace[]): boolean =>
    people.some((p) => {
      if (!(p.start < end && start < p.end)) return false
      if (p.type === 'PER') return !(p.start === start && p.end === end)
      const best = options[0]
      const named = best !== undefined && (best.feature === 'PCLI' || best.curated)
      return !(p.start === start && p.end === end) && !(start > p.start && named)
    })
  // a name the entity model typed as a person that is exactly a gazetteer name: a place only where the words say so
  const personTyped = (start: number, end: number): boolean => people.some((p) => p.type === 'PER' && p.start === start && p.end === end)
  const doubtful = new Set<Toponym>()
  // a small town without a cue here, kept when another mention of the same name has one
  const uncued = new Set<Toponym>()
  const words: { start: number; end: number; text: string }[] = []
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) for (const part of hyphenParts(m.index, m[0])) words.push(part)
  const out: Toponym[] = []
  let i = 0
  while (i < words.length) {
    const first = words[i] as (typeof words)[number]
    let found: Toponym | null = null
    let waiting: { toponym: Toponym; used: number } | null = null
    let used = 1
    // the longest run of capitalised words (and joiners between them) that is in the gazetteer
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1 && !found; n--) {
      const last = words[i + n - 1] as (typeof words)[number]
      if (n > 1 && !isRunGap(text, words, i, n)) continue
      const surface = nameOf(text.slice(first.start, last.end))
      if (!surface || (n === 1 && cues().never.has(surface))) continue
      const options = candidatesFor(surface)
      if (!options.length) continue
      const end = first.start + surface.length
      if (blocks(first.start, end, options)) continue
      const verdict = accept(text, first.start, end, options, words, i, n)
      if (verdict === 'no') continue
      if (verdict === 'uncued') {
        waiting ??= { toponym: { start: first.start, end, text: surface, options, via: 'scan' }, used: n }
        continue
      }
      const asPerson = personTyped(first.start, end)
      // "Sweida province": the alias table may list the name with its lower-case feature word
      const feature = /^ (?:province|governorate|region|oblast|district|state)\b/.exec(text.slice(end, end + 14))?.[0]
      const longer = feature ? candidatesFor(surface + feature) : []
      if (feature && longer.length) found = { start: first.start, end: end + feature.length, text: surface + feature, options: longer, via: 'scan' }
      else found = { start: first.start, end, text: surface, options, via: 'scan' }
      // "Austin, in Scott County, Indiana": a name after a comma and another name is the larger region
      if (asPerson && !cued(text, first.start, end) && !/\p{Lu}[\p{L}.]*,\s$/u.test(text.slice(Math.max(0, first.start - 20), first.start))) doubtful.add(found)
      used = n
    }
    if (!found && waiting) {
      found = waiting.toponym
      used = waiting.used
      uncued.add(found)
    }
    if (!found) {
      const demonyms = demonymPlaces(stripPunct(first.text))
      const surface = stripPunct(first.text)
      if (demonyms.length && !people.some((p) => p.start < first.end && first.start < p.end)) {
        found = { start: first.start, end: first.start + surface.length, text: surface, options: demonyms, via: 'demonym' }
      }
    }
    if (found) out.push(found)
    i += used
  }
  // "Hinton" typed as a person stays a place when the article places it elsewhere: "around Hinton ... offer Hinton";
  // one sense per article: "in Nelson" makes "Nelson residents" the town too
  const sure = new Set(out.filter((t) => !doubtful.has(t) && !uncued.has(t)).map((t) => placeKey(t.text)))
  return out.filter((t) => !(doubtful.has(t) || uncued.has(t)) || sure.has(placeKey(t.text)))
}

/**
 * A hyphenated word that is no name as a whole splits into its capitalised parts:
 * "Denver-based Newmont Mining", "UK-based Wellcome Trust", "Pakistan-administered Kashmir",
 * "the India-Pakistan border"; "Al-Fashir" and "Guinea-Bissau" stay whole (the run scan
 * joins parts again across a hyphen, so a longer name still wins).
 */
export function hyphenParts(start: number, word: string): { start: number; end: number; text: string }[] {
  const whole = [{ start, end: start + word.length, text: word }]
  if (!/\p{L}-\p{L}/u.test(word) || candidatesFor(stripPunct(word)).length) return whole
  const parts: { start: number; end: number; text: string }[] = []
  const PART = /[^-]+/g
  for (let m = PART.exec(word); m; m = PART.exec(word)) {
    // "-based", "-led", "-born": the lower-case part says what the place is to the name that follows
    if (/^\p{Lu}/u.test(m[0])) parts.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0] })
  }
  return parts.length ? parts : whole
}

// "in Darfur", "southern Indiana", "Oaxaca State": words around a name that say it is a place
function cued(text: string, start: number, end: number): boolean {
  return cues().before.test(text.slice(Math.max(0, start - 30), start)) || cues().after.test(text.slice(end, end + 20))
}

// Only spaces, one joiner word, or a comma-free hyphen may separate words of one name.
function isRunGap(text: string, words: readonly { start: number; end: number }[], i: number, n: number): boolean {
  for (let k = i; k < i + n - 1; k++) {
    const a = words[k] as { end: number }
    const b = words[k + 1] as { start: number }
    const gap = text.slice(a.end, b.start)
    if (gap === ' ' || gap === '-') continue
    // French elision inside a name: "Côte d'Ivoire", "Val-d'Oise"
    if (/^[ -][dl]['’]$/.test(gap)) continue
    const joiner = gap.trim()
    if (/^ [a-z]+ $/.test(gap) && JOINER.test(joiner)) continue
    if (/^ [a-z]+ [a-z]+ $/.test(gap) && joiner.split(' ').every((w) => JOINER.test(w))) continue
    return false
  }
  // a name does not run over a sentence end: "in Paris. Russia said"
  for (let k = i; k < i + n - 1; k++)
    if (
      /[.!?]$/.test((words[k] as { text?: string }).text ?? '') &&
      !/\p{Lu}\./u.test(text.slice((words[k] as { start: number }).start, (words[k] as { end: number }).end))
    )
      return false
  return true
}

function accept(
  text: string,
  start: number,
  end: number,
  options: readonly GazetteerPlace[],
  words: readonly { start: number; end: number; text: string }[],
  i: number,
  n: number,
): 'yes' | 'no' | 'uncued' {
  const best = options[0] as GazetteerPlace
  const surface = text.slice(start, end)
  // a shouted dateline at the start of a line: "WASHINGTON —", "LOS ANGELES (Reuters)"
  const shouted = surface === surface.toUpperCase() && /\p{Lu}{3}/u.test(surface)
  const dateline = shouted && /(?:^|\n)\s*$/.test(text.slice(Math.max(0, start - 5), start)) && /^\s*(?:[,(—–-]|$)/.test(text.slice(end, end + 3))
  // "NATO", "TASS", "APC": a short all-capitals word is an acronym unless the tables list it ("US", "EU", "DRC")
  if (shouted && !dateline && !/\s/.test(surface) && surface.length <= 5 && !best.curated && best.feature !== 'PCLI') return 'no'
  // "300 BC": two capitals after a number are an era or a unit, not "BC" the province
  if (/^\p{Lu}{2}$/u.test(surface) && /\d\s*$/.test(text.slice(Math.max(0, start - 3), start))) return 'no'
  const prominent = best.feature === 'PCLI' || best.curated || best.feature === 'PPLC' || best.population >= SCAN_POPULATION
  // capitalised words glued to the name are part of another name: "Tyler Perry", "Paris Saint-Germain"
  const before = words[i - 1]
  const after = words[i + n]
  const gluedBefore = before !== undefined && text.slice(before.end, start) === ' ' && !/[.!?:]$/.test(before.text)
  const gluedAfter = after !== undefined && text.slice(end, after.start) === ' '
  const isCued = cued(text, start, end)
  // "Pandi, Bulacan": a town followed by its region or country
  const regionAfter =
    /^,\s+\p{Lu}/u.test(text.slice(end, end + 3)) && after !== undefined && candidatesFor(nameOf(after.text)).some((p) => p.curated || p.feature === 'PCLI')
  const placed = isCued || regionAfter || dateline
  // "Nelson", "Tyler": a town that is also a person's name needs the words to say it is the town
  if (peopleTowns().has(surface)) return gluedBefore || gluedAfter ? 'no' : placed ? 'yes' : 'uncued'
  // a known place inside an organisation's name is still a place mention: "The Washington Post"
  if (prominent) return 'yes'
  if (best.population < CUED_POPULATION) return 'no'
  if (gluedBefore || gluedAfter) return 'no'
  return placed ? 'yes' : 'uncued'
}
