import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { memoryCeiling } from './memory-ceiling.js'

const MB = 1024 * 1024

/** A process whose resident memory and heap the test sets, and whose collections free the heap down to `live`. */
function fakeProcess(live: number) {
  const p = { rss: 0, heap: 0, collected: 0 }
  const ceiling = memoryCeiling({
    bytes: 500 * MB,
    limitBytes: 580 * MB,
    minGarbageBytes: 10 * MB,
    maxGarbageBytes: 50 * MB,
    rss: () => p.rss,
    heapUsed: () => p.heap,
    collect: () => {
      p.collected++
      p.heap = live
    },
  })
  return { p, ceiling }
}

describe('memory ceiling', () => {
  it('does nothing below the ceiling, however much garbage the heap holds', () => {
    const { p, ceiling } = fakeProcess(100 * MB)
    p.rss = 499 * MB
    p.heap = 400 * MB
    for (let i = 0; i < 10; i++) assert.equal(ceiling.check(), false)
    assert.equal(p.collected, 0)
  })
  it('collects once at the ceiling, then waits for the heap to grow again before the next', () => {
    const { p, ceiling } = fakeProcess(100 * MB)
    p.rss = 520 * MB
    p.heap = 300 * MB
    assert.equal(ceiling.check(), true)
    assert.equal(p.collected, 1)
    // the freed pages are not given back at once: still at the ceiling, but nothing to gain yet
    p.heap = 140 * MB
    assert.equal(ceiling.check(), false)
    p.heap = 151 * MB
    assert.equal(ceiling.check(), true)
    assert.equal(ceiling.collections(), 2)
  })
  it('collects sooner the nearer the process is to its limit', () => {
    const { p, ceiling } = fakeProcess(100 * MB)
    p.rss = 520 * MB
    p.heap = 200 * MB
    assert.equal(ceiling.check(), true)
    // 60 MB left below the limit: the heap may grow by 50 (the most) before the next
    p.heap = 145 * MB
    assert.equal(ceiling.check(), false)
    // 20 MB left: 20 MB of growth is enough
    p.rss = 560 * MB
    p.heap = 115 * MB
    assert.equal(ceiling.check(), false)
    p.heap = 121 * MB
    assert.equal(ceiling.check(), true)
  })
  it('does not collect after every document when the live heap itself fills the ceiling', () => {
    const { p, ceiling } = fakeProcess(480 * MB)
    p.rss = 600 * MB
    p.heap = 480 * MB
    let runs = 0
    for (let doc = 0; doc < 100; doc++) {
      p.heap += 2 * MB
      if (ceiling.check()) runs++
    }
    // past the limit: one collection per 10 MB of growth (the least), not one per document
    assert.ok(runs >= 15 && runs <= 20, `${runs} collections`)
  })
})
