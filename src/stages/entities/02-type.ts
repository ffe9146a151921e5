import type { EntityType } from '../../core/types.js'
import { lookupOrganisations, lookupPeople, seatByName, sectorByNoun } from '../../lexicon/actors.js'
import { countryByDemonym, countryByName } from '../../lexicon/countries.js'
import { type EntryFile, lazy, loadLexicon, lookupName, nameKey } from '../../lexicon/load.js'
import { isKnownPlace } from '../places/gazetteer.js'

interface Keywords {
  readonly ORG: readonly string[]
  readonly LOC: readonly string[]
  readonly titles: readonly string[]
}

const keywords = lazy(() => {
  const k = loadLexicon<Keywords>('entities/keywords.json')
  return { org: new Set(k.ORG), loc: new Set(k.LOC), titles: new Set(k.titles) }
})
const groups = lazy(() => new Set(loadLexicon<EntryFile<string>>('entities/groups.json').entries.map(nameKey)))

const dateWords = lazy(() => {
  const d = loadLexicon<{ months: Record<string, number>; weekdays: Record<string, number> }>('dates/words.json')
  return new Set([...Object.keys(d.months), ...Object.keys(d.weekdays)])
})

/** Month and weekday names are dates, not names ("Thursday", "October"). */
export const isDateWord = (word: string): boolean => dateWords().has(word.toLowerCase().replace(/\.$/, ''))

/** Whether a word names a nationality ("Syrian"). */
export const isDemonym = (word: string): boolean => lookupName(countryByDemonym(), word) !== undefined

/** Titles that make the following name a person ("President", "Mr."). */
export const isTitle = (word: string): boolean => keywords().titles.has(word)

/**
 * Types a name from the lexicons: registry people and organisations, countries and
 * places, demonyms and groups, keywords inside the name; null when nothing says.
 */
export function typeFromLexicon(name: string, words: readonly string[]): EntityType | null {
  if (lookupPeople(name).length) return 'PER'
  if (lookupOrganisations(name).length) return 'ORG'
  if (lookupName(countryByName(), name)) return 'GPE'
  if (lookupName(countryByDemonym(), name) || groups().has(nameKey(name))) return 'NORP'
  const last = words[words.length - 1] ?? ''
  if (words.some((w) => keywords().org.has(w))) return 'ORG'
  if (keywords().loc.has(last)) return 'LOC'
  if (seatByName().has(nameKey(name))) return 'GPE'
  if (isKnownPlace(name)) return 'GPE'
  if (/^[A-Z]{2,6}$/.test(name) && !sectorByNoun().has(nameKey(name))) return 'ORG'
  return null
}
