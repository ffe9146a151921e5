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
  const all = sortedByStart(
    spans,
    spans.map((_, i) => i),
  )
  // look-backs ("which spans reach this offset?") go back as far as the longest span can;
  // spans are grouped by length class (1, 2-3, 4-7, ... characters), so that one very long
  // span costs a long look-back only among spans as long as itself, not for the whole layer
  const classes = new Map<number, number[]>()
  spans.forEach((s, i) => {
    const c = Math.max(0, Math.floor(Math.log2(Math.max(1, s.end - s.start))))
    const list = classes.get(c) ?? []
    list.push(i)
    classes.set(c, list)
  })
  const byLength = [...classes.values()].map((members) => sortedByStart(spans, members))
  // the positions, in the layer, of the spans whose start lies in [from - their class's longest, to]
  const reaching = (from: number, to: number, keep: (s: T) => boolean): number[] => {
    const out: number[] = []
    for (const group of byLength) out.push(...group.between(from - group.maxLength, to, keep))
    return out.sort((a, b) => a - b)
  }
  // the furthest end among the spans up to each position of the start order
  const reach: number[] = []
  for (const i of all.order) reach.push(Math.max(reach[reach.length - 1] ?? Number.NEGATIVE_INFINITY, (spans[i] as T).end))
  return {
    inside: (start, end) => all.between(start, end, (s) => s.end <= end).map((i) => spans[i] as T),
    containing(start, end) {
      const [first] = reaching(start, start, (s) => s.end >= end)
      return first === undefined ? undefined : spans[first]
    },
    overlapping: (start, end) => reaching(start, end - 1, (s) => s.start < end && start < s.end).map((i) => spans[i] as T),
    endingIn: (from, to) => reaching(from, to, (s) => s.end >= from && s.end <= to).map((i) => spans[i] as T),
    startingIn: (from, to) => all.between(from, to, () => true).map((i) => spans[i] as T),
    covers(start, end) {
      const n = all.startingBy(start)
      return n > 0 && (reach[n - 1] as number) >= end
    },
  }
}

/** Some of a layer's spans (by position) ordered by start, with look-ups by start offset. */
function sortedByStart<T extends Span>(
  spans: readonly T[],
  members: readonly number[],
): {
  order: number[]
  maxLength: number
  between(from: number, to: number, keep: (s: T) => boolean): number[]
  startingBy(offset: number): number
} {
  const order = [...members].sort((a, b) => (spans[a] as T).start - (spans[b] as T).start || a - b)
  const starts = order.map((i) => (spans[i] as T).start)
  let maxLength = 0
  for (const i of members) maxLength = Math.max(maxLength, (spans[i] as T).end - (spans[i] as T).start)
  // the first position whose start is >= offset (or > offset when `after`)
  const search = (offset: number, after: boolean): number => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const v = starts[mid] as number
      if (v < offset || (after && v === offset)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return {
    order,
    maxLength,
    // positions in the layer of the members whose start lies in [from, to], in the layer's order
    between(from, to, keep) {
      const out: number[] = []
      for (let k = search(from, false); k < starts.length && (starts[k] as number) <= to; k++) {
        const i = order[k] as number
        if (keep(spans[i] as T)) out.push(i)
      }
      return out.sort((a, b) => a - b)
    },
    // how many members start at or before an offset
    startingBy: (offset) => search(offset, true),
  }
}
