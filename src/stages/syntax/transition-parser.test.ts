import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LinearModel } from '../../models/perceptron.js'
import { createParser, PARSER_ACTIONS_PATH, PARSER_LABELS_PATH } from './transition-parser.js'

const actions = LinearModel.load(PARSER_ACTIONS_PATH)
const labels = LinearModel.load(PARSER_LABELS_PATH)
const sentences: [string[], string[]][] = [
  [
    ['Russia', 'has', 'pledged', 'to', 'continue', 'supporting', 'Syria', '.'],
    ['PROPN', 'AUX', 'VERB', 'PART', 'VERB', 'VERB', 'PROPN', 'PUNCT'],
  ],
  [
    ['The', 'city', 'was', 'captured', 'by', 'the', 'rebels', ',', 'officials', 'said', '.'],
    ['DET', 'NOUN', 'AUX', 'VERB', 'ADP', 'DET', 'NOUN', 'PUNCT', 'NOUN', 'VERB', 'PUNCT'],
  ],
  [['Strikes'], ['NOUN']],
]

/** True when every word reaches the one root without a cycle. */
function isTree(heads: Int32Array): boolean {
  if (heads.filter((h) => h === -1).length !== 1) return false
  return [...heads].every((_, i) => {
    let k = i
    for (let steps = 0; k !== -1; steps++) {
      if (steps > heads.length) return false
      k = heads[k] as number
    }
    return true
  })
}

describe('transition parser', () => {
  for (const beam of [1, 2, 4]) {
    it(`gives a tree with one root and a label per word (beam ${beam})`, () => {
      const parser = createParser(actions, labels, beam)
      for (const [words, tags] of sentences) {
        const parsed = parser.parse(words, tags)
        assert.equal(parsed.heads.length, words.length)
        assert.ok(isTree(parsed.heads), words.join(' '))
        parsed.labels.forEach((l, i) => {
          assert.ok(labels.classes.includes(l), `a known label for "${words[i]}"`)
          assert.equal(l === 'root', parsed.heads[i] === -1)
        })
      }
    })
  }

  it('parses the same sentence the same way twice (no state left from the sentence before)', () => {
    const parser = createParser(actions, labels, 4)
    const [words, tags] = sentences[1] as [string[], string[]]
    const first = parser.parse(words, tags)
    parser.parse(...(sentences[0] as [string[], string[]]))
    const again = parser.parse(words, tags)
    assert.deepEqual([...again.heads], [...first.heads])
    assert.deepEqual(again.labels, first.labels)
  })
})
