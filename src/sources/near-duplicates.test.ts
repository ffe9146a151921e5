import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bandKeys, isNearDuplicate, similarity, sketchBytes, sketchFromBytes, sketchText } from './near-duplicates.js'
import { generatedArticle } from './test-articles.js'

const text = (i: number) => generatedArticle(i).paragraphs.join('\n\n')

describe('near-duplicates (MinHash over word shingles)', () => {
  it('matches a story with itself trimmed, and not another story', () => {
    const a = sketchText(text(1))
    const trimmed = sketchText(generatedArticle(1).paragraphs.slice(0, 3).join('\n\n'))
    assert.equal(isNearDuplicate(a, trimmed), true)
    assert.ok(similarity(a, trimmed).containment > 0.8)
    assert.equal(isNearDuplicate(a, sketchText(text(2))), false)
  })
  it('refuses to call very short texts copies', () => {
    assert.equal(isNearDuplicate(sketchText('Talks resume on Monday.'), sketchText('Talks resume on Monday.')), false)
  })
  it('keeps a sketch through its stored bytes, with the same band keys', () => {
    const a = sketchText(text(3))
    const back = sketchFromBytes(sketchBytes(a), a.shingles)
    assert.deepEqual(bandKeys(back), bandKeys(a))
    assert.equal(similarity(a, back).resemblance, 1)
  })
})
