import type { Entity } from '../../core/types.js'
import { countryByDemonym, countryByName } from '../../lexicon/countries.js'
import { type EntryFile, lazy, loadLexicon, lookupName } from '../../lexicon/load.js'

const givenNamePlaces = lazy(() => new Set(loadLexicon<EntryFile<string>>('entities/given-name-places.json').entries))
const playerVerbs = lazy(() => new Set(loadLexicon<EntryFile<string>>('entities/player-verbs.json').entries))
const weights = (file: string) => () => new Map(loadLexicon<EntryFile<{ word: string; weight: number }>>(file).entries.map((e) => [e.word, e.weight]))
const sportsWeights = lazy(weights('entities/sports-words.json'))
const politicsWeights = lazy(weights('entities/politics-words.json'))

// The weight of distinct sports words from which an article may be a sports report: one strong
// word ("scored") or two shared ones ("the team played well"), and more than its political words weigh.
const SPORTS_REPORT = 2
// "in Jordan", "visit to Jordan", "King Abdullah of Jordan": a word right before the name that makes it the place
const PLACE_BEFORE = /(?:^|[^\p{L}])(?:in|to|from|into|across|near|of|via|through|visit|visited|visiting)\s+$/iu
const WORD = /[\p{L}][\p{L}'’-]*/gu

/**
 * Whether the article reads as a sports report: its distinct sports words weigh enough, and
 * more than its distinct political words ("accused", "rebels", "minister").
 */
export function isSportsReport(text: string): boolean {
  const seen = new Set<string>()
  let sports = 0
  let politics = 0
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const w = m[0].toLowerCase()
    if (seen.has(w)) continue
    seen.add(w)
    sports += sportsWeights().get(w) ?? 0
    politics += politicsWeights().get(w) ?? 0
  }
  return sports >= SPORTS_REPORT && sports > politics
}

/** Whether a person's verb follows or precedes the mention: "Jordan scored", "said Jordan". */
function usedAsPerson(text: string, e: Entity): boolean {
  const after = /^\s+([\p{L}]+)/u.exec(text.slice(e.end, e.end + 20))?.[1]?.toLowerCase()
  const before = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, e.start - 20), e.start))?.[1]?.toLowerCase()
  return (after !== undefined && playerVerbs().has(after)) || (before !== undefined && playerVerbs().has(before))
}

/** Whether any mention of the name, or the country's nationality word, says the article means the place. */
function placedInArticle(text: string, name: string, entities: readonly Entity[]): boolean {
  const country = lookupName(countryByName(), name)
  if (country && entities.some((e) => e.type === 'NORP' && lookupName(countryByDemonym(), e.text) === country)) return true
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (PLACE_BEFORE.test(text.slice(Math.max(0, at - 12), at))) return true
    // "Amman, Jordan", "Jordan, Syria and Iraq": a name in a list of places or after a town
    if (/,\s*$/.test(text.slice(Math.max(0, at - 3), at)) || /^,\s*\p{Lu}/u.test(text.slice(at + name.length, at + name.length + 3))) {
      if (entities.some((e) => (e.type === 'GPE' || e.type === 'LOC') && e.text !== name && Math.abs(e.start - at) < 40)) return true
    }
  }
  return false
}

/**
 * Pass 4: a place name that is also a given name, alone, read as a person where a sports
 * report has it say or score something: "Jordan said the team played well on Saturday",
 * "Jordan scored twice" — unless the article places it ("in Jordan", "Jordanian", "Amman, Jordan").
 */
export function personReadings(text: string, entities: readonly Entity[]): Entity[] {
  const doubtful = entities.filter((e) => (e.type === 'GPE' || e.type === 'LOC') && givenNamePlaces().has(e.text) && usedAsPerson(text, e))
  if (!doubtful.length || !isSportsReport(text)) return entities as Entity[]
  // once per name, not per mention: each look scans the whole text
  const placed = new Map<string, boolean>()
  for (const e of doubtful) if (!placed.has(e.text)) placed.set(e.text, placedInArticle(text, e.text, entities))
  const people = new Set(doubtful.filter((e) => !placed.get(e.text)))
  return entities.map((e) => (people.has(e) ? { ...e, type: 'PER' } : e))
}
