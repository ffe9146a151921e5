import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import { packageRegistry } from '../../lexicon/registry.js'
import { tokenize } from './01-tokenize.js'
import { splitSentences } from './02-sentences.js'
import { sentenceCasings, truecase } from './truecase.js'

const words = (text: string): string[] => tokenize(text).map((t) => text.slice(t.start, t.end))

describe('truecase', () => {
  const registry = packageRegistry()
  it('writes names as prose does in a sentence without capitals', () => {
    assert.deepEqual(truecase(words('soldiers entered kabul after talks in new york.'), 'lower', registry), [
      'Soldiers',
      'entered',
      'Kabul',
      'after',
      'talks',
      'in',
      'New',
      'York',
      '.',
    ])
  })
  it('writes a known acronym in capitals, not a word that spells one', () => {
    assert.deepEqual(truecase(words('un envoys told us they left.'), 'lower', registry), ['UN', 'envoys', 'told', 'us', 'they', 'left', '.'])
  })
  it('reads a sentence in capitals the same way, acronyms kept', () => {
    assert.deepEqual(truecase(words('NATO TROOPS LEFT KABUL ON FRIDAY.'), 'upper', registry), ['NATO', 'troops', 'left', 'Kabul', 'on', 'Friday', '.'])
  })
  it('keeps the capitals a mostly lower-case text has, and leaves prose alone', () => {
    assert.deepEqual(truecase(words('the mayor of Lagos resigned.'), 'lower', registry), ['The', 'mayor', 'of', 'Lagos', 'resigned', '.'])
    assert.deepEqual(truecase(words('the mayor resigned.'), 'cased', registry), ['the', 'mayor', 'resigned', '.'])
  })
  it('tells the casing of each sentence', () => {
    const casings = (text: string) => sentenceCasings(text, words(text), splitSentences(text, tokenize(text)))
    assert.deepEqual(casings('rebels seized the port. the army withdrew.'), ['lower', 'lower'])
    assert.deepEqual(casings('REBELS SEIZE THE PORT. THE ARMY WITHDRAWS.'), ['upper', 'upper'])
    assert.deepEqual(casings('REBELS SEIZE THE PORT\nThe army withdrew from the town on Sunday.'), ['headline', 'cased'])
  })
})

describe('text without capitals or in capitals', () => {
  const analyzer = createAnalyzer({})
  const read = (text: string) => {
    const out = analyzer.analyze({ text, clean: false, published: '2024-03-04' })
    if (isError(out)) throw new Error(out.error)
    return {
      sentences: (out.sentences ?? []).map((s) => text.slice(s.start, s.end)),
      entities: (out.entities ?? []).map((e) => `${e.text.toLowerCase()} ${e.type}`),
      actors: (out.actors ?? []).map((a) => `${a.text.toLowerCase()} ${a.code}`),
      events: (out.events ?? []).map((e) => `${e.source?.code} ${e.cameo} ${e.target?.code}`),
    }
  }
  const cased = 'Kenyan police arrested 40 protesters in Nairobi on Tuesday. The French government condemned the arrests.'
  for (const [regime, recase] of [
    ['lower case', (s: string) => s.toLowerCase()],
    ['capitals', (s: string) => s.toUpperCase()],
  ] as const) {
    it(`segments and codes a text in ${regime} as the same text in prose`, () => {
      const want = read(cased)
      const got = read(recase(cased))
      assert.equal(got.sentences.length, 2)
      assert.deepEqual(got.entities, want.entities)
      assert.deepEqual(got.actors, want.actors)
      assert.deepEqual(got.events, want.events)
      assert.ok(want.actors.includes('nairobi KEN') || want.actors.some((a) => a.startsWith('kenyan police KEN')))
    })
  }
  it('splits sentences without capitals but not after initials, quoted questions or ellipses', () => {
    assert.deepEqual(read('the court heard advocate r. menon. "is this fair?" asked the judge. talks resume ... soon.').sentences, [
      'the court heard advocate r. menon.',
      '"is this fair?" asked the judge.',
      'talks resume ... soon.',
    ])
    assert.deepEqual(read('THE COURT HEARD ADVOCATE R. MENON. "IS THIS FAIR?" ASKED THE JUDGE. SEE WWW.EXAMPLE.ORG NOW.').sentences, [
      'THE COURT HEARD ADVOCATE R. MENON.',
      '"IS THIS FAIR?" ASKED THE JUDGE.',
      'SEE WWW.EXAMPLE.ORG NOW.',
    ])
  })
})
