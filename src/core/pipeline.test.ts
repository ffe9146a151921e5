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
