import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { escapeRegExp } from './regexp.js'

describe('escapeRegExp', () => {
  const special = 'a.m.*+?^{}$()|[]\\-/b'

  it('matches the string as written, with and without the u flag', () => {
    for (const flags of ['', 'u', 'iu']) {
      const re = new RegExp(`^${escapeRegExp(special)}$`, flags)
      assert.ok(re.test(special), flags)
      assert.ok(!re.test(special.replace('.', 'x')), flags)
    }
  })

  it('stays literal inside a character class', () => {
    const re = new RegExp(`^[${escapeRegExp('a-z')}]+$`, 'u')
    assert.ok(re.test('a-z'))
    assert.ok(!re.test('b'))
  })
})
