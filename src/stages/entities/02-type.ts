import type { EntityType } from '../../core/types.js'
import { countryByDemonym, countryByName } from '../../lexicon/countries.js'
import { candidatesFor } from '../../lexicon/gazetteer.js'
import { type EntryFile, lazy, loadLexicon, lookupName, nameKey } from '../../lexicon/load.js'
import type { ActorRegistry } from '../../lexicon/registry.js'

const groups = lazy(() => new Set(loadLexicon<EntryFile<string>>('entities/groups.json').entries.map(nameKey)))

/**
 * The design's type for a CoNLL-typed mention: a location that is a country, a seat of
 * government or a known city is a GPE ("Damascus", "the Kremlin"); a MISC that is a
 * nationality or a religious, ethnic or political group is NORP ("Syrian", "Druze").
 */
export function refineType(conllType: string, name: string, registry: ActorRegistry): EntityType {
  // the lexicons know some names better than a model trained on 1996 newswire:
  // "Hayat Tahrir al-Sham" is an organisation, "Druze" and "Alawites" are groups
  if (groups().has(nameKey(name))) return 'NORP'
  if (conllType !== 'ORG' && name.includes(' ') && registry.lookupOrganisations(name).length && !registry.lookupPeople(name).length) return 'ORG'
  if (conllType === 'PER' || conllType === 'ORG') {
    // "Kremlin", "White House" are often tagged ORG; they stand for a government, a GPE
    return conllType === 'ORG' && registry.seatByName.has(nameKey(name.replace(/^the /i, ''))) ? 'GPE' : conllType
  }
  if (conllType === 'LOC') return lookupName(countryByName(), name) || registry.seatByName.has(nameKey(name)) || isPoliticalPlace(name) ? 'GPE' : 'LOC'
  if (lookupName(countryByDemonym(), name) || groups().has(nameKey(name))) return 'NORP'
  return 'MISC'
}

// GeoNames features of places with a government or population (GPE) as opposed to
// mountains, seas, regions (LOC): "Damascus" PPLC, "Sweida" ADM1, "Golan Heights" MTS
const POLITICAL = /^(PCL|PPL|ADM|TERR)/

/** Whether the gazetteer's best reading of a name is a country, an administrative unit or a town. */
function isPoliticalPlace(name: string): boolean {
  const best = candidatesFor(name)[0]
  return Boolean(best && POLITICAL.test(best.feature))
}

/**
 * A model span that runs over "in" and a place is two mentions: "University of St. Andrews
 * in Scotland" is the university and Scotland (news seldom names an organisation with "in"
 * before a country or town). Spans are word indices within a sentence.
 */
export function splitAtPlace(
  span: { readonly start: number; readonly end: number; readonly type: string },
  words: readonly string[],
): { start: number; end: number; type: string }[] {
  if (span.type === 'LOC') return [span]
  for (let k = span.start + 1; k < span.end - 1; k++) {
    if (words[k] !== 'in') continue
    const place = words.slice(k + 1, span.end).join(' ')
    if (lookupName(countryByName(), place) || isPoliticalPlace(place))
      return [
        { start: span.start, end: k, type: span.type },
        { start: k + 1, end: span.end, type: 'LOC' },
      ]
  }
  return [span]
}
