import { escapeRegExp } from '../core/regexp.js'
import type { EventFilter } from '../store/event-filter.js'
import type { StoredEvent } from '../store/store.js'
import type { WatchMatch } from './rule.js'

/** A code pattern as a test: a prefix, each "*" any run of characters ("ISR*MIL" matches ISRGOVMIL). */
function codeTest(pattern: string | undefined): (code: string | null) => boolean {
  if (pattern === undefined) return () => true
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}`)
  return (code) => code !== null && re.test(code)
}

/** Whether an event has a full day date (YYYY-MM-DD): only those fall in a window. */
export const hasDay = (e: StoredEvent): boolean => e.date !== null && e.date.length === 10

/**
 * The test of a watch's match on one stored event; events without a full day date never
 * match, since no window holds them ("2025-07" could be any day of July).
 *
 * @example
 *   const matches = eventMatcher({ actor1: 'ISR', actor2: 'IRN', bothWays: true })
 *   matches(event)
 */
export function eventMatcher(match: WatchMatch): (e: StoredEvent) => boolean {
  const either = codeTest(match.actor)
  const first = codeTest(match.actor1)
  const second = codeTest(match.actor2)
  const countries = match.countries ? new Set(match.countries) : null
  const roots = match.roots ? new Set(match.roots) : null
  const quads = match.quads ? new Set(match.quads) : null
  const bbox = match.bbox
  return (e) => {
    if (!hasDay(e)) return false
    if (e.negated && !match.includeNegated) return false
    if (match.minConfidence !== undefined && e.confidence < match.minConfidence) return false
    if (roots && !roots.has(e.cameo.slice(0, 2))) return false
    if (quads && !quads.has(e.quad)) return false
    if (countries && !(e.placeCountry && countries.has(e.placeCountry))) return false
    if (bbox) {
      if (e.lat === null || e.lon === null) return false
      const [west, south, east, north] = bbox
      if (e.lat < south || e.lat > north) return false
      // a box whose west edge lies east of its east edge spans the antimeridian
      if (west <= east ? e.lon < west || e.lon > east : e.lon < west && e.lon > east) return false
    }
    if (match.actor !== undefined && !either(e.sourceCode) && !either(e.targetCode)) return false
    const forward = first(e.sourceCode) && second(e.targetCode)
    if (forward) return true
    return match.bothWays === true && first(e.targetCode) && second(e.sourceCode)
  }
}

// the letters before a pattern's first "*", when they are enough for the store's prefix filter
const prefixOf = (pattern: string | undefined): string | undefined => {
  const head = pattern?.split('*')[0]
  return head && head.length >= 3 ? head : undefined
}

/**
 * The store filter that narrows a match's events in SQL (the rest is tested with
 * eventMatcher): dates, and the parts a store filter can say exactly.
 */
export function storeFilter(match: WatchMatch, since?: string, until?: string): EventFilter {
  const filter: Record<string, unknown> = {}
  if (since) filter.since = since
  if (until) filter.until = until
  const actor = prefixOf(match.actor)
  if (actor) filter.actor = actor
  if (!match.bothWays) {
    const a1 = prefixOf(match.actor1)
    const a2 = prefixOf(match.actor2)
    if (a1) filter.actor1 = a1
    if (a2) filter.actor2 = a2
  }
  if (match.roots?.length === 1) filter.root = match.roots[0]
  if (match.quads?.length === 1) filter.quad = match.quads[0]
  if (match.countries?.length === 1) filter.country = match.countries[0]
  if (match.bbox) filter.bbox = match.bbox
  return filter as EventFilter
}
