import type { Found, Refined } from '../candidate.js'

/** Refiner 2: keeps the longest expression where several overlap ("July 31, 2025" over "July 31"). */
export function removeOverlaps(found: readonly Found[], text: string): Refined<Found> {
  const sorted = [...found].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Found[] = []
  const dropped: Refined<Found>['dropped'] = []
  for (const f of sorted) {
    const over = kept.find((k) => k.start < f.end && f.start < k.end)
    if (over) dropped.push({ item: f, ruleId: 'overlap', reason: `"${text.slice(f.start, f.end)}" overlaps the longer "${text.slice(over.start, over.end)}"` })
    else kept.push(f)
  }
  return { kept: kept.sort((a, b) => a.start - b.start), dropped }
}
