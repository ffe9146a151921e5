import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Stage } from '../../core/stage.js'
import type { Entity, Place } from '../../core/types.js'
import { countryByDemonym } from '../../lexicon/countries.js'
import { lookupName } from '../../lexicon/load.js'
import { candidatesFor, type GazetteerPlace, placeWeight } from './gazetteer.js'

/**
 * The `places` stage: GPE and LOC mentions -> gazetteer places, preferring places in the
 * countries the article mentions, then the most prominent (country, capital, population).
 *
 * @example
 *   createPlacesStage()
 */
export function createPlacesStage(): Stage {
  return {
    name: 'places',
    needs: ['entities'],
    provides: ['places'],
    run(doc: Doc): Doc {
      const entities = need(doc, 'entities', 'places')
      // a nationality points at its country too ("Russian troops" happen in or for Russia)
      const nationality = (e: Entity): GazetteerPlace[] => {
        const c = e.type === 'NORP' ? lookupName(countryByDemonym(), e.text) : undefined
        return c ? candidatesFor(c.name).filter((p) => p.feature === 'PCLI') : []
      }
      const toponyms = entities.filter((e) => e.type === 'GPE' || e.type === 'LOC' || nationality(e).length > 0)
      const candidates = toponyms.map((e) => (e.type === 'NORP' ? nationality(e) : candidatesFor(e.text)))
      const focus = documentCountries(entities, candidates)
      const places: Place[] = []
      toponyms.forEach((e, i) => {
        const options = candidates[i] ?? []
        if (!options.length) return
        const best = [...options].sort((a, b) => score(b, focus) - score(a, focus))[0] as GazetteerPlace
        places.push({
          start: e.start,
          end: e.end,
          text: e.text,
          name: best.name,
          id: best.id,
          lat: best.lat,
          lon: best.lon,
          country: best.country,
          admin1: best.admin1,
          feature: best.feature,
        })
      })
      return withLayer(doc, 'places', places)
    },
  }
}

/** How many times each country is named (as a country or a nationality) in the document. */
function documentCountries(entities: readonly Entity[], candidates: readonly (readonly GazetteerPlace[])[]): Map<string, number> {
  const counts = new Map<string, number>()
  const bump = (c: string | null | undefined): void => {
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1)
  }
  for (const list of candidates) if (list[0]?.feature === 'PCLI') bump(list[0].country)
  for (const e of entities) if (e.type === 'NORP') bump(lookupName(countryByDemonym(), e.text)?.code)
  return counts
}

// A place in a country the article talks about beats a bigger namesake elsewhere.
const FOCUS_BONUS = 1e8
const score = (p: GazetteerPlace, focus: ReadonlyMap<string, number>): number =>
  placeWeight(p) + (p.country && focus.has(p.country) ? FOCUS_BONUS * (focus.get(p.country) ?? 0) : 0)
