import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { describe, it } from 'node:test'
import { PackedModel } from '../../models/packed-model.js'
import { FeatureBuffer, LinearModel, PerceptronTrainer } from '../../models/perceptron.js'
import {
  createParser,
  FINE_BASE,
  FineTagger,
  PARSER_ACTIONS_PATH,
  PARSER_FINE_PATH,
  PARSER_LABELS_PATH,
  PARSER_SUPER_PATH,
  parserWord,
  SuperTagger,
  superFeatures,
  supertagOf,
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

  describe('supertags', () => {
    const ids = tagIds(UPOS)
    const uposOf = (tags: string[]): Int32Array => Int32Array.from(tags, (t) => ids.get(t) ?? 0)
    // "The city was captured by the rebels , officials said ." with its gold tree
    const [words, tags] = sentences[1] as [string[], string[]]
    const heads = [1, 3, 3, 9, 6, 6, 3, 9, 9, -1, 9]
    const relations = ['det', 'nsubj:pass', 'aux:pass', 'ccomp', 'case', 'det', 'obl:agent', 'punct', 'nsubj', 'root', 'punct']
    const gold = relations.map((l, i) => supertagOf(l, i, heads[i] as number))

    it('names the base relation and the side of the head', () => {
      assert.equal(supertagOf('nsubj:pass', 1, 3), 'nsubj/R')
      assert.equal(supertagOf('obl:agent', 6, 3), 'obl/L')
      assert.equal(supertagOf('root', 9, -1), 'root')
    })

    it('reads the supertags before the word, never those after it', () => {
      const lexical = words.map(parserWord)
      const upos = uposOf(tags)
      const before = new Int32Array(words.length).fill(3)
      const first = [...superFeatures(new FeatureBuffer(), lexical, upos, upos, before, 4).values.subarray(0, 29)]
      before.fill(7, 4)
      const again = [...superFeatures(new FeatureBuffer(), lexical, upos, upos, before, 4).values.subarray(0, 29)]
      assert.deepEqual(again, first)
      before[3] = 5
      assert.notDeepEqual([...superFeatures(new FeatureBuffer(), lexical, upos, upos, before, 4).values.subarray(0, 29)], first)
    })

    it('learns a sentence left to right, each word after the supertags it gave before', () => {
      const classes = [...new Set(gold)].sort()
      const trainer = new PerceptronTrainer(classes)
      const lexical = words.map(parserWord)
      const upos = uposOf(tags)
      const before = new Int32Array(words.length)
      const buffer = new FeatureBuffer()
      const scores = new Float64Array(classes.length)
      for (let it = 0; it < 5; it++)
        gold.forEach((t, i) => {
          const feats = superFeatures(buffer, lexical, upos, upos, before, i)
          const guess = trainer.model.predict(feats, scores)
          trainer.update(feats, classes.indexOf(t), guess)
          before[i] = guess + 1
        })
      const model = trainer.average()
      const out = new SuperTagger(new PackedModel(model)).tag(lexical, upos, upos, new Int32Array(words.length))
      assert.deepEqual(
        [...out].map((id) => classes[id - 1]),
        gold,
      )
      // the parser reads them beside its other features (an action model trained without them ignores them)
      const parser = createParser(actions, labels, 1, undefined, model)
      assert.ok(isTree(parser.parse(words, tags).heads))
    })

    it('foresees the passive subject and the agent in the committed model', { skip: !existsSync(PARSER_SUPER_PATH) }, () => {
      const model = LinearModel.load(PARSER_SUPER_PATH)
      const lexical = words.map(parserWord)
      const upos = uposOf(tags)
      const fine = existsSync(PARSER_FINE_PATH) ? new FineTagger(new PackedModel(LinearModel.load(PARSER_FINE_PATH))) : undefined
      const fineTags = fine ? fine.tag(lexical, upos, new Int32Array(words.length)) : upos
      const out = new SuperTagger(new PackedModel(model)).tag(lexical, upos, fineTags, new Int32Array(words.length))
      const of = (word: string): string => model.classes[(out[words.indexOf(word)] as number) - 1] as string
      assert.equal(of('city'), 'nsubj/R')
      assert.equal(of('rebels'), 'obl/L')
      assert.equal(of('said'), 'root')
    })
  })
})
