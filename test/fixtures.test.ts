import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { listFixtures, produce } from './fixtures.js'

describe('golden fixtures (test/fixtures/<stage>/<slug>)', () => {
  for (const [stage, slug, folder] of listFixtures()) {
    it(`${stage}/${slug}`, () => {
      const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'))
      // round-trip through JSON so undefined fields compare as the file stores them
      const actual = JSON.parse(JSON.stringify(produce(stage, folder)))
      assert.deepEqual(actual, expected, `regenerate with "npm run fixtures -- regen ${stage}/${slug}" if the change is intended`)
    })
  }
})
