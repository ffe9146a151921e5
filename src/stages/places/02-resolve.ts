import { candidatesFor, type GazetteerPlace, placeKey, placeWeight, subdivisionCode } from '../../lexicon/gazetteer.js'
import type { Toponym } from './01-candidates.js'

/**
 * Pass 2a: keeps one toponym where several overlap, preferring the longer one
 * ("Sweida province" over the entity "Sweida"), then the entities stage's span.
 */
export function removeOverlaps(toponyms: readonly Toponym[]): Toponym[] {
  const rank = (t: Toponym): number => 2 * (t.end - t.start) + (t.via === 'entity' ? 1 : 0)
  const kept: Toponym[] = []
  for (const t of [...toponyms].sort((a, b) => rank(b) - rank(a) || a.start - b.start)) {
    if (!kept.some((k) => k.start < t.end && t.start < k.end)) kept.push(t)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * How often each country, and each state or province ("USA:FL"), is the clear reading of a
 * mention, per surface key (so a name can be left out of its own context).
 */
export function documentCountries(toponyms: readonly Toponym[]): Map<string, Map<string, number>> {
  const byKey = new Map<string, Map<string, number>>()
  for (const t of toponyms) {
    const best = t.options[0]
    // only readings that need no context count: countries, nationalities, the project's regions
    if (!best?.country || !(best.feature === 'PCLI' || best.curated)) continue
    const key = placeKey(t.text)
    const counts = byKey.get(key) ?? new Map<string, number>()
    counts.set(best.country, (counts.get(best.country) ?? 0) + 1)
    // "Florida" (iso3166-2:US-FL): GeoNames files US towns under the same code ("FL")
    const region = subdivisionCode(best.id)
    if (region) counts.set(`${best.country}:${region}`, (counts.get(`${best.country}:${region}`) ?? 0) + 1)
    byKey.set(key, counts)
  }
  return byKey
}

// Each mention of a country elsewhere in the article is worth this many orders of
// magnitude of prominence, up to FOCUS_CAP: "Santa Ana" in an article about California
// is the Californian city (335,000) and not the Salvadoran provincial capital;
// "Georgia" beside "Atlanta" and "U.S." is the state, alone it is the country.
const FOCUS_STEP = 1
const FOCUS_CAP = 1.5
// A mention of the state or province adds as much again: "Parkland" in an article about
// Florida is the Floridian town (30,000), not its Washington namesake (36,000).
const REGION_STEP = 1
const REGION_CAP = 1.5

const totalsCache = new WeakMap<ReadonlyMap<string, ReadonlyMap<string, number>>, Map<string, number>>()

/** Every name's counts summed, once per article. */
function totals(focus: ReadonlyMap<string, ReadonlyMap<string, number>>): Map<string, number> {
  let sum = totalsCache.get(focus)
  if (!sum) {
    sum = new Map()
    for (const counts of focus.values()) for (const [country, n] of counts) sum.set(country, (sum.get(country) ?? 0) + n)
    totalsCache.set(focus, sum)
  }
  return sum
}

/** Pass 2b: the gazetteer place a toponym most likely names, given the countries the rest of the article is about. */
export function resolve(t: Toponym, focus: ReadonlyMap<string, ReadonlyMap<string, number>>): GazetteerPlace {
  const ownCounts = focus.get(placeKey(t.text))
  const all = totals(focus)
  // the article's mentions of a country (or state) other than this name's own: whole counts, so the difference is exact
  const mentions = (country: string | null): number => {
    if (!country || country.endsWith(':null')) return 0
    return (all.get(country) ?? 0) - (ownCounts?.get(country) ?? 0)
  }
  const score = (p: GazetteerPlace): number =>
    Math.log10(placeWeight(p) + 10) +
    Math.min(FOCUS_CAP, FOCUS_STEP * mentions(p.country)) +
    Math.min(REGION_CAP, REGION_STEP * mentions(`${p.country}:${p.admin1}`))
  return [...t.options].sort((a, b) => score(b) - score(a))[0] as GazetteerPlace
}

/**
 * Pass 2c: a name right after "Town, " is the town's state or province when it has one:
 * "Buffalo, New York" and "Spokane, Washington" name the states, not the cities.
 */
export function regionsAfterTowns(text: string, toponyms: readonly Toponym[]): Toponym[] {
  return toponyms.map((t) => {
    if (!/\p{Lu}[\p{L}.]*,\s$/u.test(text.slice(Math.max(0, t.start - 30), t.start))) return t
    const states = candidatesFor(`${t.text} state`).filter((p) => p.feature === 'ADM1')
    return states.length ? { ...t, options: [...states, ...t.options.filter((o) => !states.includes(o))] } : t
  })
}
