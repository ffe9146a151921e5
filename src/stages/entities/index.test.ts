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
  // a model span over "in" and a place is two mentions
  it('splits "University of St. Andrews in Scotland" at "in" and a place', () => {
    const all = entities('He is a professor of strategic studies at the University of St. Andrews in Scotland.')
    assert.ok(all.includes('Scotland/GPE') && !all.some((e) => e.includes(' in ')), all.join(' | '))
  })
  for (const [text, expected] of SENTENCES) it(`tags "${text}"`, () => assert.deepEqual(entities(text), expected))

  // a given name that is also a place: a person in a sports report when it says or scores something,
  // the place in political news, and the place wherever the article places it
  const PERSON_OR_PLACE: [string, string][] = [
    ['Jordan said the team played well on Saturday.', 'Jordan/PER'],
    ['Jordan scored twice as the Bulls beat the Knicks.', 'Jordan/PER'],
    ['Jordan said on Sunday it had closed its border with Syria.', 'Jordan/GPE'],
    ['Jordan beat Iraq 2-1 in the Asian Cup match.', 'Jordan/GPE'],
    ['Jordan said the team played well. Fans in Jordan celebrated the win.', 'Jordan/GPE'],
    ['Jordan said the team played well, and Jordanian fans cheered.', 'Jordan/GPE'],
    // sports words in political news: the political words outweigh them
    ['Chad said the points raised by the team were serious, and accused Sudan of backing rebels.', 'Chad/GPE'],
    ['Jordan said a team of inspectors played a role in the talks with Syria.', 'Jordan/GPE'],
  ]
  for (const [text, expected] of PERSON_OR_PLACE) it(`types "${text}"`, () => assert.equal(entities(text)[0], expected))

  it('finds nothing in a sentence without names', () => assert.deepEqual(entities('the talks ended without a deal, officials said.'), []))
})
