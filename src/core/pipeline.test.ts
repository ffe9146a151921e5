import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultStages } from '../pipeline.js'
import { createDoc, withLayer } from './doc.js'
import { runPipeline, selectStages } from './pipeline.js'
import type { Stage } from './stage.js'

describe('core', () => {
  it('withLayer returns a new frozen document and never rewrites a layer', () => {
    const doc = createDoc({ text: 'x' }, 'a')
    const next = withLayer(doc, 'tone', 1.5)
    assert.equal(doc.layers.tone, undefined)
    assert.equal(next.layers.tone, 1.5)
    assert.ok(Object.isFrozen(next) && Object.isFrozen(next.layers))
    assert.throws(() => withLayer(next, 'tone', 2), TypeError)
  })

  it('the default pipeline lists every stage of the design in order', () => {
    assert.deepEqual(
      defaultStages().map((s) => s.name),
      ['extract', 'segment', 'entities', 'syntax', 'actors', 'dates', 'places', 'quotes', 'events', 'tone'],
    )
  })

  it('selectStages adds the dependencies of what is asked, in pipeline order', () => {
    assert.deepEqual(
      selectStages(defaultStages(), ['entities']).map((s) => s.name),
      ['extract', 'segment', 'entities'],
    )
    assert.deepEqual(
      selectStages(defaultStages(), ['parse']).map((s) => s.name),
      ['extract', 'segment', 'syntax'],
    )
    assert.throws(() => selectStages(defaultStages(), ['nonsense']), /unknown stage or layer "nonsense"/)
  })

  it('runPipeline rejects a stage that does not add its layer', () => {
    const broken: Stage = { name: 'broken', needs: [], provides: ['tone'], run: (d) => d }
    assert.throws(() => runPipeline([broken], { text: 'x' }, 'id', { today: '2025-01-01' }), /did not add its "tone" layer/)
  })
})

describe('span index', () => {
  it('answers as a filter over the whole layer would, in the layer order', async () => {
    const { indexSpans } = await import('./spans.js')
    const { seededRandom } = await import('../models/random.js')
    const random = seededRandom(7)
    const int = (n: number): number => Math.floor(random() * n)
    for (let round = 0; round < 50; round++) {
      const spans = Array.from({ length: int(40) }, () => {
        const start = int(200)
        return { start, end: start + int(12) }
      })
      const index = indexSpans(spans)
      for (let q = 0; q < 30; q++) {
        const start = int(210)
        const end = start + int(30)
        assert.deepEqual(
          index.inside(start, end),
          spans.filter((s) => s.start >= start && s.end <= end),
        )
        assert.equal(
          index.containing(start, end),
          spans.find((s) => s.start <= start && end <= s.end),
        )
        assert.deepEqual(
          index.overlapping(start, end),
          spans.filter((s) => s.start < end && start < s.end),
        )
        assert.deepEqual(
          index.endingIn(start, end),
          spans.filter((s) => s.end >= start && s.end <= end),
        )
        assert.deepEqual(
          index.startingIn(start, end),
          spans.filter((s) => s.start >= start && s.start <= end),
        )
        assert.equal(
          index.covers(start, end),
          spans.some((s) => s.start <= start && end <= s.end),
        )
      }
    }
  })
})
