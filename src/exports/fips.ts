import { readFileSync } from 'node:fs'

let table: Map<string, string> | null = null

/**
 * The FIPS 10-4 code of an ISO 3166-1 alpha-3 country ("SYR" -> "SY", "DEU" -> "GM"), as
 * GDELT writes its geography; null for a code the table lacks. The table and its source are
 * in lexicon/geo/fips-10-4.tsv.
 */
export function fipsCountry(iso3: string | null | undefined): string | null {
  if (!iso3) return null
  table ??= readTable()
  return table.get(iso3.toUpperCase()) ?? null
}

/** Whether a three-letter code is a country of the table (the first part of a CAMEO actor code). */
export function isCountryCode(code: string): boolean {
  table ??= readTable()
  return table.has(code)
}

function readTable(): Map<string, string> {
  const text = readFileSync(new URL('../../lexicon/geo/fips-10-4.tsv', import.meta.url), 'utf8')
  const rows = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'))
  return new Map(rows.slice(1).map((l) => l.split('\t') as [string, string]))
}
