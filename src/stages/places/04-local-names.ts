import type { Place } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'
import { candidatesFor, type GazetteerPlace } from './gazetteer.js'

interface LocalNames {
  readonly counties: readonly string[]
  readonly streets: readonly string[]
  readonly notNames: readonly string[]
  readonly townAbbreviations: readonly { readonly abbreviation: string; readonly region: string }[]
}

const table = lazy(() => {
  const t = loadLexicon<LocalNames>('places/local-names.json')
  const alt = (ws: readonly string[]): string =>
    [...ws]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/\./g, '\\.'))
      .join('|')
  // a run of capitalised words (or a number: "14th", "Third") and the feature word, which must end a word
  const name = `(?:\\p{Lu}[\\p{L}\\p{M}'’-]*|\\d+(?:st|nd|rd|th))(?: (?:\\p{Lu}[\\p{L}\\p{M}'’-]*|\\d+(?:st|nd|rd|th)))*`
  return {
    // not followed by another capitalised word: "Wall Street Journal", "Orange County Register" name other things
    county: new RegExp(`(?<![\\p{L}\\p{M}])(${name}) (${alt(t.counties)})(?![\\p{L}\\p{M}]| \\p{Lu})`, 'gu'),
    street: new RegExp(`(?<![\\p{L}\\p{M}])(${name}) (${alt(t.streets)})(?![\\p{L}\\p{M}]| \\p{Lu})`, 'gu'),
    // ", Md." after a town: only there is "Md." Maryland ("La." and "Pa." are words elsewhere)
    abbreviation: new RegExp(`, (${alt(t.townAbbreviations.map((a) => a.abbreviation))})(?=[\\s,;:)]|$)`, 'gu'),
    regionOf: new Map(t.townAbbreviations.map((a) => [a.abbreviation, a.region])),
    notNames: new Set(t.notNames),
  }
})

const TOWN = /^PPL/

/**
 * The town a local name lies in: the one named right after it ("Royal Street in New Orleans";
 * "Orange County, California" names no town), else the one the article names most.
 */
function anchorTown(text: string, places: readonly Place[], at: number, end: number): Place | undefined {
  const towns = places.filter((p) => TOWN.test(p.feature))
  const next = towns.find((p) => p.start >= end && /^,? (?:in )?$/.test(text.slice(end, p.start)))
  if (next) return next
  // else the town the article names most, when one clearly leads: "Franklin" and "Washington"
  // twice each in a piece about New Orleans streets leave the street without a point
  const counts = new Map<string, number>()
  for (const t of towns) counts.set(t.id, (counts.get(t.id) ?? 0) + 1)
  const ranked = [...counts].sort((a, b) => b[1] - a[1])
  const [first, second] = ranked
  if (!first || (second && second[1] >= first[1])) return undefined
  return towns.filter((t) => t.id === first[0]).sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0]
}

// the states and provinces the article's places lie in, for a county named after a town
function regionsOf(places: readonly Place[]): Set<string> {
  const out = new Set<string>()
  for (const p of places) {
    if (p.country && p.admin1) out.add(`${p.country}:${p.admin1}`)
    const state = /^iso3166-2:[A-Z]{2}-([A-Z0-9]+)$/.exec(p.id)?.[1]
    if (p.country && state) out.add(`${p.country}:${state}`)
  }
  return out
}

function placed(at: GazetteerPlace | Place, start: number, text: string, feature: string): Place {
  return {
    start,
    end: start + text.length,
    text,
    name: text,
    id: `near:${at.id}:${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`,
    lat: at.lat,
    lon: at.lon,
    country: at.country,
    admin1: at.admin1,
    feature,
  }
}

/** A match less its leading capitalised function words and possessors ("In Royal Street", "Harare's Third Street" -> "Third Street"); null when nothing is left of the name. */
function trimmed(m: RegExpExecArray, notNames: ReadonlySet<string>): { start: number; text: string } | null {
  const words = (m[1] as string).split(' ')
  let k = 0
  // "Harare's Third Street": the town before it is a place of its own
  for (let j = 0; j < words.length; j++) if (/['’]s$/.test(words[j] as string)) k = j + 1
  while (k < words.length && notNames.has(words[k] as string)) k++
  if (k === words.length) return null
  const skip = words.slice(0, k).join(' ').length + (k ? 1 : 0)
  return { start: m.index + skip, text: m[0].slice(skip) }
}

/**
 * Pass 4: local names no gazetteer lists, placed by the article's own places.
 * - "Orange County", "Cuyahoga County", "Jefferson Parish": at the town of the same name in
 *   a state or country the article names ("Orange" in California), else at the town the
 *   article names most (feature ADM2).
 * - "Royal Street", "Third Street": at the town the article names most (feature ST).
 * - "Bethesda, Md.", "Richmond, Va.": a state abbreviation that is also a word or a name
 *   counts only right after a town (feature ADM1, the state's centre).
 * Without a town (or state) in the article to put them in, such names are left out: a map
 * point must come from somewhere. Ids say what the point is: `near:<place id>:<name>`.
 * A shorter place inside the longer name gives way to it ("Orange" in "Orange County").
 * Returns all places, in text order.
 */
export function withLocalNames(text: string, places: readonly Place[]): Place[] {
  const t = table()
  const added: Place[] = []
  const free = (start: number, end: number): boolean =>
    !added.some((p) => p.start < end && start < p.end) && !places.some((p) => p.start < end && start < p.end && (p.start < start || p.end > end))
  t.abbreviation.lastIndex = 0
  for (let m = t.abbreviation.exec(text); m; m = t.abbreviation.exec(text)) {
    const start = m.index + 2
    const abbr = m[1] as string
    const at = m.index
    // right after a town's name, known to the gazetteer or not ("Haymarket, Va.")
    const town = /\p{Lu}[\p{L}\p{M}'’-]*$/u.test(text.slice(Math.max(0, at - 30), at))
    const region = candidatesFor(t.regionOf.get(abbr) ?? '').find((p) => p.feature === 'ADM1' && p.country === 'USA')
    if (!town || !region || !free(start, start + abbr.length) || places.some((p) => p.start === start)) continue
    added.push({ ...placed(region, start, abbr, 'ADM1'), name: region.name, id: region.id })
  }
  const regions = regionsOf(places)
  t.county.lastIndex = 0
  for (let m = t.county.exec(text); m; m = t.county.exec(text)) {
    const name = trimmed(m, t.notNames)
    if (!name || !free(name.start, name.start + name.text.length)) continue
    const base = name.text.slice(0, name.text.length - (m[2] as string).length - 1)
    const namesake = candidatesFor(base).find((p) => TOWN.test(p.feature) && regions.has(`${p.country}:${p.admin1}`))
    const at = namesake ?? anchorTown(text, places, name.start, name.start + name.text.length)
    if (at) added.push(placed(at, name.start, name.text, 'ADM2'))
  }
  t.street.lastIndex = 0
  for (let m = t.street.exec(text); m; m = t.street.exec(text)) {
    const name = trimmed(m, t.notNames)
    if (!name || !free(name.start, name.start + name.text.length)) continue
    const at = anchorTown(text, places, name.start, name.start + name.text.length)
    if (at) added.push(placed(at, name.start, name.text, 'ST'))
  }
  if (!added.length) return [...places]
  const kept = places.filter((p) => !added.some((a) => a.start <= p.start && p.end <= a.end))
  return [...kept, ...added].sort((a, b) => a.start - b.start)
}
