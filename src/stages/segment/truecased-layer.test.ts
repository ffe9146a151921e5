import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDoc, type Doc, withLayer } from '../../core/doc.js'
import { createActorsStage } from '../actors/index.js'
import { stageContext } from '../context.js'
import { createEntitiesStage } from '../entities/index.js'
import { createSegmentStage } from './index.js'

const ctx = stageContext('2026-01-15')
const segment = createSegmentStage()
const entities = createEntitiesStage()
const actors = createActorsStage()

// A document past extract: its text as the article, one paragraph.
function articleDoc(id: string, text: string): Doc {
  const article = { title: null, text, published: '2026-01-14', byline: null, lang: 'en', url: null, paragraphs: [{ start: 0, end: text.length }] }
  return withLayer(createDoc({ text }, id), 'article', article, { text })
}

// Texts written three ways, each with names the truecaser has to find in the first two.
const LOWER = 'police in kabul said troops of the united nations reached the border town on monday.'
const UPPER = 'THE FOREIGN MINISTER OF NORWAY MET OFFICIALS IN NAIROBI. TALKS ON TRADE WILL GO ON IN MAY.'
const PROSE = 'The President of Kenya told reporters in Mombasa that the ceasefire with rebels was holding.'

describe('the truecased layer', () => {
  it('keeps the words as prose would write them, and each sentence casing, on the document', () => {
    const lower = segment.run(articleDoc('lower', LOWER), ctx)
    const cased = lower.layers.truecased
    assert.ok(cased)
    assert.equal(cased.words.length, lower.layers.tokens?.length)
    assert.ok(cased.words.includes('Kabul'), 'a known place takes its capital')
    assert.deepEqual(cased.casings, ['lower'])
    assert.equal(cased.prose, false)
    const prose = segment.run(articleDoc('prose', PROSE), ctx)
    assert.deepEqual(
      prose.layers.truecased?.words,
      prose.layers.tokens?.map((t) => PROSE.slice(t.start, t.end)),
      'prose keeps its own words',
    )
    assert.equal(prose.layers.truecased?.prose, true)
  })

  it('gives the same entities and actors when the stages of several documents interleave', () => {
    const texts: [string, string][] = [
      ['lower', LOWER],
      ['upper', UPPER],
      ['prose', PROSE],
    ]
    // one document after another, each through all three stages
    const straight = texts.map(([id, text]) => actors.run(entities.run(segment.run(articleDoc(id, text), ctx), ctx), ctx))
    // every document segmented first, then the later stages in another order
    const segmented = texts.map(([id, text]) => segment.run(articleDoc(id, text), ctx))
    const order = [2, 0, 1]
    const named = new Map<number, Doc>()
    for (const i of order) named.set(i, entities.run(segmented[i] as Doc, ctx))
    for (const i of [1, 2, 0]) {
      const done = actors.run(named.get(i) as Doc, ctx)
      assert.deepEqual(done.layers.entities, straight[i]?.layers.entities, `${texts[i]?.[0]}: entities`)
      assert.deepEqual(done.layers.actors, straight[i]?.layers.actors, `${texts[i]?.[0]}: actors`)
    }
    // the names only the truecased words give
    assert.deepEqual(
      straight[0]?.layers.actors?.map((a) => a.code),
      ['AFGCOP', 'IGOUNO'],
    )
    assert.deepEqual(
      straight[1]?.layers.actors?.map((a) => a.code),
      ['NORGOV', 'KENGOV'],
    )
  })

  it('is what the entities stage reads: without it the stage asks for segment', () => {
    const done = segment.run(articleDoc('lower', LOWER), ctx)
    const partial = withLayer(withLayer(articleDoc('lower', LOWER), 'tokens', done.layers.tokens ?? []), 'sentences', done.layers.sentences ?? [])
    assert.throws(() => entities.run(partial, ctx), /needs the "truecased" layer/)
  })
})
