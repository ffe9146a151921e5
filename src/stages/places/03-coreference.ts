import type { Place } from '../../core/types.js'
import { lazy, loadLexicon } from '../../lexicon/load.js'

interface KindNoun {
  readonly noun: string
  readonly features: readonly string[]
}

const kinds = lazy(() => {
  const entries = loadLexicon<{ entries: readonly KindNoun[] }>('places/kind-nouns.json').entries
  return {
    features: new Map(entries.map((e) => [e.noun, new Set(e.features)])),
    // the noun in lower case only: "The Country" is a title, "the country" refers back
    pattern: new RegExp(`\\b(?:[Tt]he|[Tt]his|[Tt]hat)\\s+(${entries.map((e) => e.noun).join('|')})\\b(?!\\s+(?:music|singer|club|side|house|road)\\b)`, 'g'),
  }
})

// "the country" refers to a place named shortly before, not to one three screens up
const MAX_DISTANCE = 1500

// Of the places that fit, the one the article names most (its subject), then the nearest:
// "Syria is seeking Russia's support to restore unity in the country" is Syria in an article about Syria.
function mostNamed(named: readonly Place[], fitting: readonly Place[]): Place | undefined {
  const count = (p: Place): number => named.filter((b) => b.id === p.id).length
  let best: Place | undefined
  for (const p of fitting) if (!best || count(p) >= count(best)) best = p
  return best
}

/**
 * Pass 3: "the country", "the city", "the capital" as mentions of a place of that kind
 * named shortly before them (within MAX_DISTANCE characters): the one the article names
 * most, the nearest among equals.
 */
export function kindMentions(text: string, places: readonly Place[]): Place[] {
  const out: Place[] = []
  const { features, pattern } = kinds()
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const fits = features.get(m[1] as string)
    const start = m.index
    const antecedent = mostNamed(
      places,
      places.filter((p) => p.end <= start && start - p.end <= MAX_DISTANCE && fits?.has(p.feature)),
    )
    if (!antecedent) continue
    if (places.some((p) => p.start < start + m[0].length && start < p.end)) continue
    const { text: _named, start: _s, end: _e, ...where } = antecedent
    out.push({ ...where, start, end: start + m[0].length, text: m[0] })
  }
  return out
}
