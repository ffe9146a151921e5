import { createRequire } from 'node:module'
import { type EntryFile, lazy, loadLexicon, nameKey } from './load.js'

/** A country or territory with the names news use for it. */
export interface Country {
  /** ISO 3166-1 alpha-3. */
  readonly code: string
  readonly iso2: string
  readonly name: string
  readonly names: readonly string[]
  readonly demonyms: readonly string[]
  readonly capital: string | null
  readonly lat: number
  readonly lon: number
  /** An independent state (not a territory sharing its demonym: "American" is not the Northern Mariana Islands). */
  readonly independent: boolean
  /** Land area in km². */
  readonly area: number
}

interface WorldCountry {
  name: { common: string; official: string }
  cca2: string
  cca3: string
  capital?: string[]
  altSpellings?: string[]
  demonyms?: { eng?: { f: string; m: string } }
  latlng: [number, number]
  independent?: boolean
  area?: number
}

interface CountryExtra {
  readonly code: string
  readonly names?: readonly string[]
  readonly demonyms?: readonly string[]
  readonly source: string
}

const require = createRequire(import.meta.url)

/** Every country of the world-countries package (ODbL), with sitrep's extra names. */
export const countries = lazy((): readonly Country[] => {
  const world = require('world-countries') as WorldCountry[]
  const extras = loadLexicon<EntryFile<CountryExtra>>('geo/country-names.json').entries
  return world.map((w) => {
    const extra = extras.filter((e) => e.code === (w.cca3 === 'UNK' ? 'XKX' : w.cca3))
    // altSpellings mixes two-letter codes and native names: keep the longer Latin ones
    const alt = (w.altSpellings ?? []).filter((s) => s.length > 3 && /^[\p{Script=Latin}\s.'-]+$/u.test(s))
    const demonyms = new Set<string>()
    if (w.demonyms?.eng) {
      demonyms.add(w.demonyms.eng.m)
      demonyms.add(w.demonyms.eng.f)
    }
    for (const e of extra) for (const d of e.demonyms ?? []) demonyms.add(d)
    // world-countries writes Kosovo as UNK; news coders and CAMEO dictionaries use XKX
    const code = w.cca3 === 'UNK' ? 'XKX' : w.cca3
    return {
      code,
      iso2: w.cca2,
      name: w.name.common,
      names: [...new Set([w.name.common, w.name.official, ...alt, ...extra.flatMap((e) => e.names ?? [])])],
      demonyms: [...demonyms].filter(Boolean),
      capital: w.capital?.[0] ?? null,
      lat: w.latlng[0],
      lon: w.latlng[1],
      independent: w.independent ?? false,
      area: w.area ?? 0,
    }
  })
})

/** Country by alpha-3 code. */
export const countryByCode = lazy(() => new Map(countries().map((c) => [c.code, c])))

/** Country by alpha-2 code. */
export const countryByIso2 = lazy(() => new Map(countries().map((c) => [c.iso2, c])))

/** Normalised country name -> country. */
export const countryByName = lazy(() => {
  const index = new Map<string, Country>()
  // independent states first, so that a name they share with a dependency is theirs
  const ordered = [...countries()].sort((a, b) => Number(b.independent) - Number(a.independent) || b.area - a.area)
  for (const c of ordered) for (const n of c.names) if (!index.has(nameKey(n))) index.set(nameKey(n), c)
  return index
})

/** Normalised demonym (singular and plural) -> country. */
export const countryByDemonym = lazy(() => {
  const index = new Map<string, Country>()
  // a demonym shared by a state and its territories ("American", "French", "British")
  // names the state: independent countries first, the bigger first
  const ordered = [...countries()].sort((a, b) => Number(b.independent) - Number(a.independent) || b.area - a.area)
  for (const c of ordered) {
    for (const d of c.demonyms) {
      const key = nameKey(d)
      if (!index.has(key)) index.set(key, c)
      const plural = key.endsWith('s') || key.startsWith('=') ? key : `${key}s`
      if (!index.has(plural)) index.set(plural, c)
    }
  }
  return index
})

interface DatedCode {
  readonly code: string
  readonly before: string
  readonly as: string
  readonly source: string
}
const datedCodes = lazy(() => loadLexicon<EntryFile<DatedCode>>('actors/dated-country-codes.json').entries)

/**
 * An actor code as CAMEO writes it on a day: "SRBGOV" in 1999 is "YUGGOV"
 * (lexicon/actors/dated-country-codes.json).
 *
 * @example
 *   datedCountryCode('SRBCOP', '1998-03-01') // 'YUGCOP'
 */
export function datedCountryCode(code: string, day: string): string {
  for (const d of datedCodes()) if (code.startsWith(d.code) && day < d.before) return d.as + code.slice(d.code.length)
  return code
}
