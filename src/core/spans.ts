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

/** Look-ups of a layer's spans by offset, without scanning the whole layer. */
export interface SpanIndex<T extends Span> {
  /** The spans that lie inside [start, end], in the layer's order. */
  inside(start: number, end: number): T[]
  /** The first span, in the layer's order, that contains [start, end]. */
  containing(start: number, end: number): T | undefined
  /** The spans that overlap [start, end), in the layer's order. */
  overlapping(start: number, end: number): T[]
  /** The spans that end in [from, to], in the layer's order. */
  endingIn(from: number, to: number): T[]
  /** The spans that start in [from, to], in the layer's order. */
  startingIn(from: number, to: number): T[]
  /** Whether some span contains [start, end]. */
  covers(start: number, end: number): boolean
}

/**
 * Indexes a layer's spans by their start, so that a pass asks for the spans near an offset
 * in logarithmic time instead of filtering the whole layer for every item (a long document
 * has as many actors as it has sentences). Every answer keeps the layer's own order.
 *
 * @example
 *   const actorsByOffset = indexSpans(actors)
 *   actorsByOffset.inside(phrase.start, phrase.end)
 */
export function indexSpans<T extends Span>(spans: readonly T[]): SpanIndex<T> {
  const order = spans.map((_, i) => i).sort((a, b) => (spans[a] as T).start - (spans[b] as T).start || a - b)
  const starts = order.map((i) => (spans[i] as T).start)
  let maxLength = 0
  for (const s of spans) maxLength = Math.max(maxLength, s.end - s.start)
  // the furthest end among the spans up to each position of `order`
  const reach: number[] = []
  for (const i of order) reach.push(Math.max(reach[reach.length - 1] ?? Number.NEGATIVE_INFINITY, (spans[i] as T).end))
  // how many spans start at or before an offset
  const startingBy = (offset: number): number => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((starts[mid] as number) <= offset) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  // positions in `order` of the spans whose start lies in [from, to]
  const between = (from: number, to: number, keep: (s: T) => boolean): number[] => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((starts[mid] as number) < from) lo = mid + 1
      else hi = mid
    }
    const out: number[] = []
    for (let k = lo; k < starts.length && (starts[k] as number) <= to; k++) {
      const i = order[k] as number
      if (keep(spans[i] as T)) out.push(i)
    }
    return out.sort((a, b) => a - b)
  }
  return {
    inside: (start, end) => between(start, end, (s) => s.end <= end).map((i) => spans[i] as T),
    containing(start, end) {
      const [first] = between(start - maxLength, start, (s) => s.end >= end)
      return first === undefined ? undefined : spans[first]
    },
    overlapping: (start, end) => between(start - maxLength, end - 1, (s) => s.start < end && start < s.end).map((i) => spans[i] as T),
    endingIn: (from, to) => between(from - maxLength, to, (s) => s.end >= from && s.end <= to).map((i) => spans[i] as T),
    startingIn: (from, to) => between(from, to, () => true).map((i) => spans[i] as T),
    covers(start, end) {
      const n = startingBy(start)
      return n > 0 && (reach[n - 1] as number) >= end
    },
  }
}
