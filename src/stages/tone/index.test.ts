import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createDoc, type Doc, withLayer } from '../../core/doc.js'
import type { Token } from '../../core/types.js'
import { stageContext } from '../context.js'
import { createToneStage } from './index.js'

// a document with hand-built tokens: the tone stage reads nothing else
function docOf(words: readonly [string, string][]): Doc {
  let text = ''
  const tokens: Token[] = []
  for (const [w, pos] of words) {
    if (text && pos !== 'PUNCT') text += ' '
    tokens.push({ start: text.length, end: text.length + w.length, pos, sentence: 0 })
    text += w
  }
  return withLayer(createDoc({ text }, 't'), 'tokens', tokens, { text })
}

const tone = (doc: Doc): number => createToneStage().run(doc, stageContext('2025-07-31')).layers.tone as number

describe('tone stage', () => {
  it('is the share of positive words minus the share of negative ones, in percent', () => {
    // 4 words: one positive, none negative -> +25
    assert.equal(
      tone(
        docOf([
          ['They', 'PRON'],
          ['agreed', 'VERB'],
          ['on', 'ADP'],
          ['Monday', 'PROPN'],
          ['.', 'PUNCT'],
        ]),
      ),
      25,
    )
    // 4 words: one negative -> -25; case does not matter
    assert.equal(
      tone(
        docOf([
          ['Troops', 'NOUN'],
          ['Attacked', 'VERB'],
          ['the', 'DET'],
          ['town', 'NOUN'],
        ]),
      ),
      -25,
    )
    // one of each cancels out
    assert.equal(
      tone(
        docOf([
          ['ceasefire', 'NOUN'],
          ['after', 'ADP'],
          ['airstrikes', 'NOUN'],
        ]),
      ),
      0,
    )
  })

  it('does not count punctuation as words, and rounds to two decimals', () => {
    // 3 words (the full stop and comma are not words): one positive -> 33.33
    assert.equal(
      tone(
        docOf([
          ['Aid', 'NOUN'],
          [',', 'PUNCT'],
          ['they', 'PRON'],
          ['said', 'VERB'],
          ['.', 'PUNCT'],
        ]),
      ),
      33.33,
    )
  })

  it('gives 0 for a document without words, and never a number out of range', () => {
    assert.equal(tone(docOf([])), 0)
    assert.equal(tone(docOf([['.', 'PUNCT']])), 0)
    assert.equal(
      tone(
        docOf([
          ['attack', 'NOUN'],
          ['attack', 'NOUN'],
        ]),
      ),
      -100,
    )
  })

  it('words that are neither positive nor negative leave the tone at 0 (negative case)', () => {
    assert.equal(
      tone(
        docOf([
          ['The', 'DET'],
          ['committee', 'NOUN'],
          ['met', 'VERB'],
          ['in', 'ADP'],
          ['Geneva', 'PROPN'],
        ]),
      ),
      0,
    )
  })

  it('needs the tokens layer', () => {
    assert.throws(() => createToneStage().run(createDoc({ text: 'x' }, 'a'), stageContext('2025-07-31')), /needs the "tokens" layer/)
  })
})
