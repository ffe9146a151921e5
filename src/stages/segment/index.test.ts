import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'

const analyzer = createAnalyzer({ stages: ['segment'] })
function segment(text: string) {
  const out = analyzer.analyze({ text, clean: false })
  if (isError(out)) throw new Error(out.error)
  const tokens = (out.tokens ?? []).map((t) => text.slice(t.start, t.end))
  const sentences = (out.sentences ?? []).map((s) => text.slice(s.start, s.end))
  return { tokens, sentences }
}

describe('segment', () => {
  const TOKENS: [string, string[]][] = [
    ['The U.S. said no.', ['The', 'U.S.', 'said', 'no', '.']],
    ['Ahmed al-Sharaa met Mr. Lavrov.', ['Ahmed', 'al-Sharaa', 'met', 'Mr.', 'Lavrov', '.']],
    ['Israel’s strikes don’t stop.', ['Israel', '’s', 'strikes', 'do', 'n’t', 'stop', '.']],
    ['Prices rose 12.5% to $1,200.', ['Prices', 'rose', '12.5', '%', 'to', '$', '1,200', '.']],
    ['See https://example.com/a?b=1, now.', ['See', 'https://example.com/a?b=1', ',', 'now', '.']],
    ['“Good,” he said.', ['“', 'Good', ',', '”', 'he', 'said', '.']],
  ]
  for (const [text, expected] of TOKENS) it(`tokenizes "${text}"`, () => assert.deepEqual(segment(text).tokens, expected))

  it('splits sentences at full stops before capitals, not after abbreviations or initials', () => {
    assert.deepEqual(segment('Gen. Smith met J. Doe in the U.S. capital. They talked. “Fine.” He left.').sentences, [
      'Gen. Smith met J. Doe in the U.S. capital.',
      'They talked.',
      '“Fine.”',
      'He left.',
    ])
  })

  it('ends a dateline at its dash, a headline keeps its dash', () => {
    assert.deepEqual(segment('HARARE, June 4 (Reuters) - Zimbabwe closed its border. Talks stalled.').sentences, [
      'HARARE, June 4 (Reuters) -',
      'Zimbabwe closed its border.',
      'Talks stalled.',
    ])
    assert.deepEqual(segment('LIMA (AP) — Peru recalled its envoy.').sentences, ['LIMA (AP) —', 'Peru recalled its envoy.'])
    assert.deepEqual(segment('CRICKET - PAKISTAN LOSE').sentences, ['CRICKET - PAKISTAN LOSE'])
  })

  it('ends sentences before lower-case words in a text written without capitals, not in prose', () => {
    assert.deepEqual(segment('troops shelled the town on friday. the mayor fled. talks resume ... soon.').sentences, [
      'troops shelled the town on friday.',
      'the mayor fled.',
      'talks resume ... soon.',
    ])
    assert.deepEqual(segment('The ship sailed at 5 p.m. on Friday. Then it sank.').sentences, ['The ship sailed at 5 p.m. on Friday.', 'Then it sank.'])
  })

  it('ends a sentence at every line break', () => {
    assert.deepEqual(segment('SOCCER - JAPAN WIN\nTokyo 1996-12-06').sentences, ['SOCCER - JAPAN WIN', 'Tokyo 1996-12-06'])
  })
})

describe('part of speech', () => {
  const analyzerPos = createAnalyzer({ stages: ['segment'] })
  const tags = (text: string): string[] => {
    const out = analyzerPos.analyze({ text, clean: false })
    if (isError(out)) throw new Error(out.error)
    return (out.tokens ?? []).map((t) => t.pos)
  }
  const CASES: [string, string[]][] = [
    ['Moscow condemned Israel ’s actions .', ['PROPN', 'VERB', 'PROPN', 'PART', 'NOUN', 'PUNCT']],
    // UD: a preposition that introduces a gerund clause is SCONJ ("in stabilizing")
    ['Russia will assist Damascus in stabilizing the country .', ['PROPN', 'AUX', 'VERB', 'PROPN', 'SCONJ', 'VERB', 'DET', 'NOUN', 'PUNCT']],
    ['The clashes erupted between Druze militias and government forces .', ['DET', 'NOUN', 'VERB', 'ADP', 'PROPN', 'NOUN', 'CCONJ', 'NOUN', 'NOUN', 'PUNCT']],
  ]
  for (const [text, expected] of CASES) it(`tags "${text}"`, () => assert.deepEqual(tags(text), expected))
  it('tags a sentence in capitals as the words it spells', () => {
    assert.deepEqual(tags('TROOPS SHELLED THE TOWN .'), tags('troops shelled the town .'))
    assert.equal(tags('TROOPS SHELLED THE TOWN .')[1], 'VERB')
  })
})
