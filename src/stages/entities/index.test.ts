import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'

const analyzer = createAnalyzer({ stages: ['entities'] })
function entities(text: string): string[] {
  const out = analyzer.analyze({ text, clean: false })
  if (isError(out)) throw new Error(out.error)
  return (out.entities ?? []).map((e) => `${e.text}/${e.type}`)
}

describe('entities', () => {
  // the example article's names, which a model trained on 1996 newswire must still get
  const article = readFileSync(new URL('../../../examples/syria-russia-support.txt', import.meta.url), 'utf8')
  const found = entities(article)
  const EXPECTED = [
    'Asaad al-Shaibani/PER',
    'Sergey Lavrov/PER',
    'Hayat Tahrir al-Sham/ORG',
    'HTS/ORG',
    'TASS/ORG',
    'Sweida/GPE',
    'Golan Heights/LOC',
    'Alawites/NORP',
    'Druze/NORP',
    'Damascus/GPE',
    'Syrian/NORP',
  ]
  for (const e of EXPECTED) it(`finds ${e} in the example article`, () => assert.ok(found.includes(e), found.join(' | ')))

  const SENTENCES: [string, string[]][] = [
    [
      'Kenyan President William Ruto met the head of the African Union in Addis Ababa.',
      ['Kenyan/NORP', 'William Ruto/PER', 'African Union/ORG', 'Addis Ababa/GPE'],
    ],
    ['Hezbollah fired rockets at northern Israel, the IDF said.', ['Hezbollah/ORG', 'Israel/GPE', 'IDF/ORG']],
    ['The Kremlin said Vladimir Putin would visit Beijing.', ['Kremlin/GPE', 'Vladimir Putin/PER', 'Beijing/GPE']],
  ]
  for (const [text, expected] of SENTENCES) it(`tags "${text}"`, () => assert.deepEqual(entities(text), expected))

  it('finds nothing in a sentence without names', () => assert.deepEqual(entities('the talks ended without a deal, officials said.'), []))
})
