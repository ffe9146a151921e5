import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { actorCodeProblem } from '../scripts/corpus/annotations.js'
import { detokenize } from '../scripts/corpus/detokenize.js'
import { CRITERIA, cohenKappa, matchEvents, type ScoredEvent, scoreEvents } from '../scripts/corpus/score.js'

const ev = (over: Partial<ScoredEvent>): ScoredEvent => ({
  doc: 'd1',
  sent: 0,
  start: 10,
  end: 18,
  code: '173',
  source: 'EGYCOP',
  target: 'EGYREB',
  modality: 'asserted',
  negated: false,
  ...over,
})

describe('corpus detokenizer', () => {
  it('attaches punctuation, clitics and alternating straight quotes', () => {
    assert.equal(detokenize(['He', 'said', '"', 'we', 'do', "n't", 'know', '"', ',', 'adding', '(', 'AP', ')', '.']), 'He said "we don\'t know", adding (AP).')
    assert.equal(detokenize(['It', 'rose', '5', '%', 'to', '$', '3', 'million', '.']), 'It rose 5% to $3 million.')
  })
})

describe('corpus actor codes', () => {
  it('accepts CAMEO chains and says what is wrong with others', () => {
    for (const code of ['USAGOV', 'IRQ', '---REB', 'IGOUNO', 'IGOWSTNAT', 'NGOHRIAMN', 'PSEREB']) assert.equal(actorCodeProblem(code), null, code)
    assert.match(actorCodeProblem('GOVUSA') ?? '', /no country/)
    assert.match(actorCodeProblem('USAXYZ') ?? '', /XYZ/)
    assert.match(actorCodeProblem('usagov') ?? '', /three capital letters/)
    assert.match(actorCodeProblem('USAGOVMILCOP') ?? '', /1-3 elements/)
  })
})

describe('corpus event matching', () => {
  it('needs the same sentence, the same root and overlapping triggers', () => {
    const gold = [ev({})]
    assert.equal(matchEvents(gold, [ev({ code: '172' })], CRITERIA.root).length, 1)
    assert.equal(matchEvents(gold, [ev({ code: '190' })], CRITERIA.root).length, 0)
    assert.equal(matchEvents(gold, [ev({ sent: 1 })], CRITERIA.root).length, 0)
    assert.equal(matchEvents(gold, [ev({ start: 18, end: 25 })], CRITERIA.root).length, 0)
    assert.equal(matchEvents(gold, [ev({ start: 16, end: 25 })], CRITERIA.root).length, 1)
  })

  it('pairs one to one and prefers the prediction that agrees on more', () => {
    const gold = [ev({})]
    const pred = [ev({ code: '172', source: null }), ev({ code: '173' })]
    assert.deepEqual(matchEvents(gold, pred, CRITERIA.root), [[0, 1]])
  })

  it('scores pairs by country and by full code, modality on root matches', () => {
    const gold = [ev({}), ev({ start: 30, end: 36, code: '112', source: 'CHN', target: 'TWNGOV' })]
    const pred = [
      ev({ source: 'EGYGOV', modality: 'reported' }),
      ev({ start: 30, end: 36, code: '111', source: 'CHN', target: 'TWNGOV' }),
      ev({ sent: 2, code: '010' }),
    ]
    const s = scoreEvents(gold, pred)
    assert.equal(s.criteria.root.tp, 2)
    assert.equal(s.criteria.root_pair_country.tp, 2)
    assert.equal(s.criteria.root_pair.tp, 1)
    assert.equal(s.criteria.leaf.tp, 1)
    assert.equal(s.criteria.full.tp, 0)
    assert.equal(s.fullyCorrect, 0)
    assert.equal(s.modality.both, 1)
    assert.ok(Math.abs(s.criteria.root.precision - 2 / 3) < 1e-9)
    assert.equal(s.criteria.root.recall, 1)
  })

  it('gives a perfect score to the gold itself', () => {
    const gold = [ev({}), ev({ start: 30, end: 36, code: '112', source: 'CHN', target: null })]
    const s = scoreEvents(gold, gold)
    assert.equal(s.criteria.full.f1, 1)
    assert.equal(s.fullyCorrect, 1)
  })
})

describe('Cohen kappa', () => {
  it('is 1 for identical labels, 0 at chance and negative below it', () => {
    assert.equal(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a']), 1)
    assert.equal(cohenKappa(['a', 'a', 'b', 'b'], ['a', 'b', 'a', 'b']), 0)
    assert.ok(cohenKappa(['a', 'b'], ['b', 'a']) < 0)
    assert.throws(() => cohenKappa(['a'], []), TypeError)
  })
})
