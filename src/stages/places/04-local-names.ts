import { firstSpanAt } from '../../core/spans.js'
import type { Place, Span } from '../../core/types.js'
import { candidatesFor, type GazetteerPlace, subdivisionCode } from '../../lexicon/gazetteer.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'

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
  // a run of up to six capitalised words (or ordinals: "14th", "Third") and the feature word, which must
  // end a word; bounded, so a long run of capitalised words costs linear time
  const name = `(?:\\p{Lu}[\\p{L}\\p{M}'’-]*|\\d+(?:st|nd|rd|th))(?: (?:\\p{Lu}[\\p{L}\\p{M}'’-]*|\\d+(?:st|nd|rd|th))){0,5}`
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

// "on Royal Street", "at 2700 North Fourth Street", "the corner of Third Street": words before a street's name that say it is one
const STREET_CUE = /(?:^|[^\p{L}])(?:on|in|at|along|off|near|down|up|from|to|into|onto|across|of|past|\d+)\s$/iu

/** The article's towns in text order, and the one it names most when one clearly leads. */
interface Towns {
  readonly list: readonly Place[]
  readonly leader: Place | undefined
}

function townsOf(places: readonly Place[]): Towns {
  const list = places.filter((p) => TOWN.test(p.feature))
  // "Franklin" and "Washington" twice each in a piece about New Orleans streets: no town leads
  const counts = new Map<string, number>()
  for (const t of list) counts.set(t.id, (counts.get(t.id) ?? 0) + 1)
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1])
  const leads = first && !(second && second[1] >= first[1])
  return { list, leader: leads ? list.find((t) => t.id === first[0]) : undefined }
}

/** The town named right after a local name: "Royal Street in New Orleans", "Main Street, Tyler" ("Orange County, California" names no town). */
function townAfter(text: string, towns: Towns, end: number): Place | undefined {
  const next = towns.list[firstSpanAt(towns.list, end)]
  return next && /^,? (?:in )?$/.test(text.slice(end, next.start)) ? next : undefined
}

/** The town whose street it is: "Harare's Third Street". */
function possessor(text: string, towns: Towns, start: number): Place | undefined {
  const i = firstSpanAt(towns.list, start - LONGEST_NAME)
  for (let k = i; k < towns.list.length && (towns.list[k] as Place).end <= start; k++) {
    const t = towns.list[k] as Place
    if (/^['’]s $/.test(text.slice(t.end, start))) return t
  }
  return undefined
}

// no place name is longer than this: the overlap search looks back this far
const LONGEST_NAME = 200

/** The places in `sorted` (by start) that overlap [start, end). */
function overlapping(sorted: readonly Place[], start: number, end: number): Place[] {
  const out: Place[] = []
  for (let i = firstSpanAt(sorted, start - LONGEST_NAME); i < sorted.length && (sorted[i] as Place).start < end; i++) {
    const p = sorted[i] as Place
    if (start < p.end) out.push(p)
  }
  return out
}

// the states and provinces the article's places lie in, for a county named after a town
function regionsOf(places: readonly Place[]): Set<string> {
  const out = new Set<string>()
  for (const p of places) {
    if (p.country && p.admin1) out.add(`${p.country}:${p.admin1}`)
    const state = subdivisionCode(p.id)
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
 * The names a county or street pattern finds, trimmed (see `trimmed`), where the stretch is
 * still free when the caller asks for the next one; `kind` is the feature word ("County").
 */
function* freeNames(
  pattern: RegExp,
  text: string,
  notNames: ReadonlySet<string>,
  free: (start: number, end: number) => boolean,
): Generator<{ start: number; text: string; kind: string }> {
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const name = trimmed(m, notNames)
    if (name && free(name.start, name.start + name.text.length)) yield { ...name, kind: m[2] as string }
  }
}

/**
 * Pass 4: local names no gazetteer lists, placed by the article's own places.
 * - "Orange County", "Cuyahoga County", "Jefferson Parish": at the town of the same name in
 *   a state or country the article names ("Orange" in California), else at the town the
 *   article names most (feature ADM2).
 * - "Royal Street", "Third Street": at the town named right after it, else the town the
 *   article names most, when a word before it says it is a street ("on", "at", a house number).
 * - "Bethesda, Md.", "Richmond, Va.": a state abbreviation that is also a word or a name
 *   counts only right after a town (feature ADM1, the state's centre).
 * Without a town (or state) in the article to put them in, such names are left out: a map
 * point must come from somewhere. Ids say what the point is: `near:<place id>:<name>`.
 * A shorter place inside the longer name gives way to it ("Orange" in "Orange County").
 * Returns all places, in text order.
 */
export function withLocalNames(text: string, places: readonly Place[], persons: readonly Span[] = []): Place[] {
  const t = table()
  const sorted = [...places].sort((a, b) => a.start - b.start)
  const towns = townsOf(sorted)
  const added: Place[] = []
  const replaced = new Set<Place>()
  // a stretch is free when no local name holds it and no place overlaps it without lying inside it
  const free = (start: number, end: number): boolean =>
    !added.some((p) => p.start < end && start < p.end) && overlapping(sorted, start, end).every((p) => p.start >= start && p.end <= end)
  const add = (p: Place): void => {
    for (const inside of overlapping(sorted, p.start, p.end)) replaced.add(inside)
    added.push(p)
  }
  t.abbreviation.lastIndex = 0
  for (let m = t.abbreviation.exec(text); m; m = t.abbreviation.exec(text)) {
    const start = m.index + 2
    const abbr = m[1] as string
    const at = m.index
    // right after a town's name, known to the gazetteer or not ("Haymarket, Va."), not a person's ("Smith, Ga.")
    const town = /\p{Lu}[\p{L}\p{M}'’-]*$/u.test(text.slice(Math.max(0, at - 30), at)) && !persons.some((p) => p.start < at && at <= p.end)
    const region = candidatesFor(t.regionOf.get(abbr) ?? '').find((p) => p.feature === 'ADM1' && p.country === 'USA')
    if (!town || !region || overlapping(sorted, start, start + abbr.length).length || !free(start, start + abbr.length)) continue
    add({ ...placed(region, start, abbr, 'ADM1'), name: region.name, id: region.id })
  }
  const regions = regionsOf(sorted)
  for (const name of freeNames(t.county, text, t.notNames, free)) {
    const end = name.start + name.text.length
    const base = name.text.slice(0, name.text.length - name.kind.length - 1)
    const namesake = candidatesFor(base).find((p) => TOWN.test(p.feature) && regions.has(`${p.country}:${p.admin1}`))
    const at = namesake ?? townAfter(text, towns, end) ?? towns.leader
    if (at) add(placed(at, name.start, name.text, 'ADM2'))
  }
  for (const name of freeNames(t.street, text, t.notNames, free)) {
    const end = name.start + name.text.length
    // "Victory Parade", "the Silk Road": a street needs its town (right after it, or its possessor), or a word before it that says it is one
    const own = townAfter(text, towns, end) ?? possessor(text, towns, name.start)
    const at = own ?? (STREET_CUE.test(text.slice(Math.max(0, name.start - 25), name.start)) ? towns.leader : undefined)
    if (at) add(placed(at, name.start, name.text, 'ST'))
  }
  if (!added.length) return sorted
  return [...sorted.filter((p) => !replaced.has(p)), ...added].sort((a, b) => a.start - b.start)
}
