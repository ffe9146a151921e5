import { type Doc, need, withLayer } from '../../core/doc.js'
import type { Place } from '../../core/types.js'
import type { PipelineStage } from '../context.js'
import { entityToponyms, scanToponyms } from './01-candidates.js'
import { documentCountries, regionsAfterTowns, removeOverlaps, resolve } from './02-resolve.js'
import { kindMentions } from './03-coreference.js'
import { withLocalNames } from './04-local-names.js'

/**
 * The `places` stage: toponyms (GPE and LOC entities, nationalities, and capitalised
 * names found in the gazetteer) -> gazetteer places, preferring places in the countries
 * the article mentions, then the most prominent (country, listed region, capital, population).
 *
 * @example
 *   createPlacesStage()
 */
export function createPlacesStage(): PipelineStage {
  return {
    name: 'places',
    needs: ['entities'],
    provides: ['places'],
    run(doc: Doc): Doc {
      const entities = need(doc, 'entities', 'places')
      // candidates: recall first
      const toponyms = regionsAfterTowns(doc.text, removeOverlaps([...entityToponyms(entities), ...scanToponyms(doc.text, entities)]))
      // resolution: the article's countries decide between namesakes
      const focus = documentCountries(toponyms)
      const places: Place[] = toponyms.map((t) => {
        const best = resolve(t, focus)
        return {
          start: t.start,
          end: t.end,
          text: t.text,
          name: best.name,
          id: best.id,
          lat: best.lat,
          lon: best.lon,
          country: best.country,
          admin1: best.admin1,
          feature: best.feature,
        }
      })
      // "the country", "the city": mentions of the place of that kind named last
      const all = [...places, ...kindMentions(doc.text, places)].sort((a, b) => a.start - b.start)
      // "Orange County", "Royal Street", "Bethesda, Md.": local names placed by the article's places
      return withLayer(
        doc,
        'places',
        withLocalNames(
          doc.text,
          all,
          entities.filter((e) => e.type === 'PER'),
        ),
      )
    },
  }
}
