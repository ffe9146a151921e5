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
})
