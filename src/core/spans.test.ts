import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { seededRandom } from '../models/random.js'
import { indexSpans } from './spans.js'
import type { Span } from './types.js'

// the answers a full scan of the layer gives, in the layer's order
const naive = {
  inside: (spans: Span[], start: number, end: number) => spans.filter((s) => s.start >= start && s.end <= end),
  containing: (spans: Span[], start: number, end: number) => spans.find((s) => s.start <= start && s.end >= end),
  overlapping: (spans: Span[], start: number, end: number) => spans.filter((s) => s.start < end && start < s.end),
  endingIn: (spans: Span[], from: number, to: number) => spans.filter((s) => s.end >= from && s.end <= to),
  startingIn: (spans: Span[], from: number, to: number) => spans.filter((s) => s.start >= from && s.start <= to),
  covers: (spans: Span[], start: number, end: number) => spans.some((s) => s.start <= start && s.end >= end),
}

describe('indexSpans', () => {
  it('answers every look-up as a full scan does, with spans of very different lengths', () => {
    const random = seededRandom(7)
    for (let round = 0; round < 30; round++) {
      const spans: Span[] = []
      for (let i = 0; i < 60; i++) {
        const start = Math.floor(random() * 1000)
        // mostly short spans, a few very long ones (a quote over a whole article)
        const length = random() < 0.1 ? Math.floor(random() * 900) : Math.floor(random() * 12)
        spans.push({ start, end: start + length })
      }
      const index = indexSpans(spans)
      for (let q = 0; q < 40; q++) {
        const a = Math.floor(random() * 1000)
        const b = a + Math.floor(random() * 40)
        assert.deepEqual(index.inside(a, b), naive.inside(spans, a, b))
        assert.equal(index.containing(a, b), naive.containing(spans, a, b))
        assert.deepEqual(index.overlapping(a, b), naive.overlapping(spans, a, b))
        assert.deepEqual(index.endingIn(a, b), naive.endingIn(spans, a, b))
        assert.deepEqual(index.startingIn(a, b), naive.startingIn(spans, a, b))
        assert.equal(index.covers(a, b), naive.covers(spans, a, b))
      }
    }
  })

  it('answers look-ups beside one span that covers the whole text', () => {
    // 20,000 one-word spans and one span over all of them: each look-up visits the short
    // spans near its offset, not every span the long one could reach back over
    const spans: Span[] = [{ start: 0, end: 200_000 }]
    for (let i = 0; i < 20_000; i++) spans.push({ start: i * 10, end: i * 10 + 5 })
    const index = indexSpans(spans)
    let visited = 0
    for (let i = 0; i < 20_000; i += 7) visited += index.overlapping(i * 10, i * 10 + 5).length
    // each answer is the long span and the one word
    assert.equal(visited, 2 * Math.ceil(20_000 / 7))
  })
})
