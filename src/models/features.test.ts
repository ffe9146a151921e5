import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { memoized } from '../stages/extract/text-utils.js'
import { detached, memoize } from './features.js'

describe('memoize', () => {
  it('computes each argument once while it is kept, and keeps the ones met again', () => {
    const computed: string[] = []
    const upper = memoize((s: string) => {
      computed.push(s)
      return s.toUpperCase()
    }, 4)
    assert.equal(upper('alpha'), 'ALPHA')
    assert.equal(upper('alpha'), 'ALPHA')
    assert.deepEqual(computed, ['alpha'])
    // 'alpha' is met again between the one-off words, so it is never dropped
    for (const w of ['b1', 'b2', 'b3', 'b4', 'b5', 'b6']) {
      upper(w)
      assert.equal(upper('alpha'), 'ALPHA')
    }
    assert.deepEqual(
      computed.filter((w) => w === 'alpha'),
      ['alpha'],
    )
  })

  it('holds no more than its limit: a word not met for a while is computed again', () => {
    let calls = 0
    const length = memoize((s: string) => {
      calls++
      return s.length
    }, 4)
    for (let i = 0; i < 100; i++) length(`w${i}`)
    assert.equal(calls, 100)
    length('w99')
    assert.equal(calls, 100, 'the latest is kept')
    length('w0')
    assert.equal(calls, 101, 'the first is long gone')
  })

  it('keeps its keys as copies: a key cut from a long text does not keep that text alive', () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const heapAfterGc = () => {
      gc()
      gc()
      return process.memoryUsage().heapUsed
    }
    // 60 texts of about 1 MB, each met only through a 30-character slice of it, as a class
    // attribute cut from a page's HTML is
    const sliceOf = (i: number) => `${String(i).padStart(4, '0')}${'x'.repeat(1_000_000)} class-name-of-a-box-${i}`.slice(-30)
    const pos = memoize((s: string) => s.length)
    const vote = memoized((s: string) => s.length)
    const before = heapAfterGc()
    for (let i = 0; i < 60; i++) {
      const key = sliceOf(i)
      pos(key)
      vote(key)
    }
    const grown = heapAfterGc() - before
    assert.ok(grown < 10_000_000, `the memos hold ${(grown / 1e6).toFixed(1)} MB after 60 one-megabyte texts`)
    assert.equal(detached('class-name-of-a-box-7'), 'class-name-of-a-box-7')
  })
})
