import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readNewsRelations, scoreNewsRelations } from './news-relations.js'

describe('news relations (test/news-relations.jsonl)', () => {
  // scoreNewsRelations throws on a word that is not a token of its sentence or a malformed arc
  const score = scoreNewsRelations()

  it('names only words of their sentences, in well-formed arcs', () => {
    assert.equal(score.sentences, readNewsRelations().length)
    assert.ok(score.arcs >= 3 * score.sentences, `${score.arcs} arcs`)
  })

  it('keeps the parse of news-style sentences from falling far below the committed parser (uas 0.894)', () => {
    assert.ok(score.uas >= 0.85, `news-syntax uas ${score.uas.toFixed(3)}`)
  })
})
