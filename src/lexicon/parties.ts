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
  // the first day the table covers a country: the start of its earliest period; before it
  // the table says nothing about who governed, so no party there is OPP
  const coveredFrom = new Map<string, string>()
  for (const p of loadLexicon<EntryFile<GoverningPeriod>>('actors/governing-parties.json').entries) {
    byParty.set(p.party, [...(byParty.get(p.party) ?? []), p])
    const first = coveredFrom.get(p.country)
    if (first === undefined || p.from < first) coveredFrom.set(p.country, p.from)
  }
  return { byParty, coveredFrom }
})

/**
 * Whether a party was in its country's national executive on a day (YYYY-MM-DD): 'GOV'
 * inside one of its periods, 'OPP' outside them, null where the table has no periods for
 * the country at all or the day is before its earliest one (its parties stay PTY).
 *
 * @example
 *   partyStanding('uk-labour', 'GBR', '2005-06-01') // 'GOV'
 *   partyStanding('uk-labour', 'GBR', '1966-06-01') // null: GBR's periods start in 1970
 */
export function partyStanding(party: string, country: string, day: string): 'GOV' | 'OPP' | null {
  const { byParty, coveredFrom } = table()
  const first = coveredFrom.get(country)
  if (first === undefined || day < first) return null
  const held = (byParty.get(party) ?? []).some((p) => day >= p.from && (p.to === null || day <= p.to))
  return held ? 'GOV' : 'OPP'
}
