import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { memoize } from './features.js'

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
})
