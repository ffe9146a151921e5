import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { indexSpans } from '../../core/spans.js'
import type { Actor } from '../../core/types.js'
import { seededRandom } from '../../models/random.js'
import type { EventContext } from './context.js'
import { actorEndingBefore } from './parties.js'

const VIAS = ['country', 'seat', 'registry:person', 'title', 'coreference', 'role+possessor', 'place-country']

describe('actorEndingBefore', () => {
  it('finds the actor a scan of the whole layer from its end would: the last that ends in reach', () => {
    const random = seededRandom(11)
    const int = (n: number): number => Math.floor(random() * n)
    for (let round = 0; round < 40; round++) {
      // actors of a layer, in the order the actors stage gives them (by start), some ending together
      const actors: Actor[] = Array.from({ length: int(30) }, () => {
        const start = int(3000)
        const via = VIAS[int(VIAS.length)] as string
        return { start, end: start + int(3) * 4, text: 'x', code: `C${int(5)}`, country: null, sector: null, name: 'x', id: 'x', via }
      }).sort((a, b) => a.start - b.start)
      const ctx = { byOffset: { actors: indexSpans(actors) } } as unknown as EventContext
      for (let q = 0; q < 30; q++) {
        const offset = int(3200)
        const reach = [400, 600][int(2)] as number
        const via = [/^country/, /^(registry:|title|coreference)/][int(2)] as RegExp
        const scan = [...actors].reverse().find((a) => a.end <= offset && offset - a.end < reach && via.test(a.via))
        assert.equal(actorEndingBefore(ctx, offset, reach, via), scan)
      }
    }
  })
})
