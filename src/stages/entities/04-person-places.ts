import type { Entity } from '../../core/types.js'
import { countryByDemonym, countryByName } from '../../lexicon/countries.js'
import { type EntryFile, lazy, loadLexicon, lookupName } from '../../lexicon/load.js'

const givenNamePlaces = lazy(() => new Set(loadLexicon<EntryFile<string>>('entities/given-name-places.json').entries))
const playerVerbs = lazy(() => new Set(loadLexicon<EntryFile<string>>('entities/player-verbs.json').entries))
const sportsWeights = lazy(
  () => new Map(loadLexicon<EntryFile<{ word: string; weight: number }>>('entities/sports-words.json').entries.map((e) => [e.word, e.weight])),
)

// The weight of distinct sports words from which an article is a sports report: one strong word
// ("scored") or two shared ones ("the team played well").
const SPORTS_REPORT = 2
// "in Jordan", "visit to Jordan", "King Abdullah of Jordan": a word right before the name that makes it the place
const PLACE_BEFORE = /(?:^|[^\p{L}])(?:in|to|from|into|across|near|of|via|through|visit|visited|visiting)\s+$/iu
const WORD = /[\p{L}][\p{L}'’-]*/gu

/** Whether the article reads as a sports report: its distinct sports words weigh enough. */
export function isSportsReport(text: string): boolean {
  const seen = new Set<string>()
  let weight = 0
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m && weight < SPORTS_REPORT; m = WORD.exec(text)) {
    const w = m[0].toLowerCase()
    const v = sportsWeights().get(w)
    if (v === undefined || seen.has(w)) continue
    seen.add(w)
    weight += v
  }
  return weight >= SPORTS_REPORT
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
  const people = new Set(doubtful.filter((e) => !placedInArticle(text, e.text, entities)))
  return entities.map((e) => (people.has(e) ? { ...e, type: 'PER' } : e))
}
