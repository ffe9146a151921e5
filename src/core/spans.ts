import type { Span } from './types.js'

/** Index of the first span that starts at or after an offset, in spans ordered by start (binary search). */
export function firstSpanAt(spans: readonly Span[], offset: number): number {
  let lo = 0
  let hi = spans.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((spans[mid] as Span).start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}
