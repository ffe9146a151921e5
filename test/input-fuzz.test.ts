import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkInputCase, inputCase } from './input-fuzz.js'

// 1,000 cases of the input fuzz run (npm run fuzz:input runs 100,000): text files and JSONL
// batches, random, mutated and degenerate, give an output or a clean {id, error}, never a crash.
describe('input fuzz (seed 1, 1,000 cases)', () => {
  it('answers every input without a crash', async () => {
    const failures: string[] = []
    for (let i = 0; i < 1000; i++) {
      const problem = await checkInputCase(inputCase(1, i))
      if (problem) failures.push(`case ${i}: ${problem.slice(0, 500)}`)
    }
    assert.deepEqual(failures, [])
  })
})
