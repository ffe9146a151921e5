import type { Found, Refined } from '../candidate.js'

/**
 * Refiner 3: keeps the longest expression where several overlap ("July 31, 2025" over "July
 * 31"); of two as long, the earlier. The characters of the kept ones are marked as they are
 * kept, so a candidate is checked over its own characters, not against every kept one.
 */
export function removeOverlaps(found: readonly Found[], text: string): Refined<Found> {
  const sorted = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Found[] = []
  const dropped: Refined<Found>['dropped'] = []
  // owner[i]: 1 + the index in `kept` of the expression that covers character i, 0 when none
  const owner = new Int32Array(text.length + 1)
  for (const f of sorted) {
    let over = 0
    for (let i = f.start; i < f.end && !over; i++) over = owner[i] as number
    const other = over ? kept[over - 1] : undefined
    if (other) {
      const how = other.end - other.start > f.end - f.start ? 'the longer' : 'the earlier'
      dropped.push({ item: f, ruleId: 'overlap', reason: `"${text.slice(f.start, f.end)}" overlaps ${how} "${text.slice(other.start, other.end)}"` })
      continue
    }
    kept.push(f)
    owner.fill(kept.length, f.start, f.end)
  }
  return { kept: kept.sort((a, b) => a.start - b.start), dropped }
}
