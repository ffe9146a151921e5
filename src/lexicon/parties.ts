import { type EntryFile, lazy, loadLexicon } from './load.js'

/** A period in which a party was in its country's national executive (lexicon/actors/governing-parties.json). */
export interface GoverningPeriod {
  /** The party's organisation id. */
  readonly party: string
  readonly country: string
  readonly from: string
  /** The last day, or null while it lasts. */
  readonly to: string | null
  readonly source: string
}

const table = lazy(() => {
  const byParty = new Map<string, GoverningPeriod[]>()
  const countries = new Set<string>()
  for (const p of loadLexicon<EntryFile<GoverningPeriod>>('actors/governing-parties.json').entries) {
    byParty.set(p.party, [...(byParty.get(p.party) ?? []), p])
    countries.add(p.country)
  }
  return { byParty, countries }
})

/**
 * Whether a party was in its country's national executive on a day (YYYY-MM-DD): 'GOV'
 * inside one of its periods, 'OPP' outside them, null where the table has no periods for
 * the country at all (its parties stay PTY).
 *
 * @example
 *   partyStanding('uk-labour', 'GBR', '2005-06-01') // 'GOV'
 */
export function partyStanding(party: string, country: string, day: string): 'GOV' | 'OPP' | null {
  const { byParty, countries } = table()
  if (!countries.has(country)) return null
  const held = (byParty.get(party) ?? []).some((p) => day >= p.from && (p.to === null || day <= p.to))
  return held ? 'GOV' : 'OPP'
}
