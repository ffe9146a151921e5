import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PackedModel } from '../../models/packed-model.js'
import { LinearModel } from '../../models/perceptron.js'
import {
  createParser,
  FINE_BASE,
  FineTagger,
  PARSER_ACTIONS_PATH,
  PARSER_FINE_PATH,
  PARSER_LABELS_PATH,
  parserWord,
  tagIds,
  UPOS,
} from './transition-parser.js'

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

  it('tells the past participle from the past tense in its fine tags', () => {
    const model = LinearModel.load(PARSER_FINE_PATH)
    const fine = new FineTagger(new PackedModel(model))
    const ids = tagIds(UPOS)
    const fineOf = ([words, tags]: [string[], string[]], word: string): string => {
      const upos = Int32Array.from(tags, (t) => ids.get(t) ?? 0)
      const out = fine.tag(words.map(parserWord), upos, new Int32Array(words.length))
      return model.classes[(out[words.indexOf(word)] as number) - FINE_BASE] as string
    }
    assert.equal(fineOf(sentences[1] as [string[], string[]], 'captured'), 'VERB/VBN')
    assert.equal(
      fineOf(
        [
          ['Rebels', 'captured', 'the', 'city', '.'],
          ['NOUN', 'VERB', 'DET', 'NOUN', 'PUNCT'],
        ],
        'captured',
      ),
      'VERB/VBD',
    )
  })

  it('parses without a fine-tag model (its features then read the UPOS)', () => {
    const parser = createParser(actions, labels, 1)
    const [words, tags] = sentences[0] as [string[], string[]]
    assert.ok(isTree(parser.parse(words, tags).heads))
  })
})
