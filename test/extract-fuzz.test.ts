import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkExtract, fuzzCase } from './extract-fuzz.js'

// A few hundred cases of the fuzz run (npm run fuzz:extract runs 100,000): random markup and
// mutated news pages give a result or a clear error, never a crash.
describe('extract fuzz (seed 1, 300 cases)', () => {
  it('never throws anything but a clear input error', () => {
    const failures: string[] = []
    for (let i = 0; i < 300; i++) {
      const problem = checkExtract(fuzzCase(1, i))
      if (problem) failures.push(`case ${i}: ${problem}`)
    }
    assert.deepEqual(failures, [])
  })
})
