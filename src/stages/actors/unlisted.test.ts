import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import type { Entity, Token } from '../../core/types.js'
import { packageRegistry } from '../../lexicon/registry.js'
import { truecasedWords } from '../segment/truecase.js'
import { findMentions } from './01-mentions.js'

const analyzer = createAnalyzer({ stages: ['actors'] })

// The candidate mentions of one sentence's hand-made tokens, read truecased as the segment stage would
function mentionsOfSentence(text: string, tokens: readonly Token[], entities: readonly Entity[]) {
  const registry = packageRegistry()
  return findMentions(text, tokens, truecasedWords(text, tokens, [{ start: 0, end: tokens.length }], registry), entities, registry)
}
function actorsOf(text: string, published = '2025-07-31') {
  const out = analyzer.analyze({ text, clean: false, published })
  if (isError(out)) throw new Error(out.error)
  return (out.actors ?? []).map((a) => ({ text: a.text, code: a.code, via: a.via }))
}

// people and groups no registry lists: a code from their title and context
describe('actors no registry lists', () => {
  it('gives a name after a title abbreviation the title and the article country', () => {
    const a = actorsOf('Gen. Cartwright said the army would stay out of Kenya politics.').find((x) => x.text.includes('Cartwright'))
    assert.equal(a?.code, 'KENMIL')
    assert.equal(a?.via, 'title')
  })

  it('gives an unknown name the role of its apposition, and drops the role as a second actor', () => {
    const actors = actorsOf('Evelyne Anite, the minister of state for investment, said Uganda would act.')
    assert.deepEqual(
      actors.filter((a) => a.via === 'apposition').map((a) => [a.text, a.code]),
      [['Evelyne Anite', 'UGAGOV']],
    )
    assert.equal(
      actors.some((a) => a.text.startsWith('minister')),
      false,
    )
  })

  it('does not read a surname inside a longer unknown name as a registry person', () => {
    const actors = actorsOf('John Smith, a police spokesman, said two men were arrested.')
    assert.equal(
      actors.some((a) => a.code.startsWith('AUS')),
      false,
    )
    assert.equal(actors.find((a) => a.text === 'John Smith')?.code, '---COP')
  })

  it('lets a spokesperson speak for the body named before', () => {
    assert.equal(
      actorsOf('An army spokesman denied the report.')
        .find((a) => a.text === 'army spokesman')
        ?.code.slice(3, 6),
      'MIL',
    )
  })

  it('reads a subnational unit named with its kind as its country', () => {
    assert.equal(actorsOf('The Kano State government closed the schools.').find((a) => a.text.includes('government'))?.code, 'NGAGOV')
  })

  it('takes the article country from its places where it names no country', () => {
    assert.equal(actorsOf('The judge ordered the release of the protesters in Nairobi.').find((a) => a.text === 'judge')?.code, 'KENJUD')
    // a named country still decides over places
    assert.equal(actorsOf('In Nairobi, Ugandan officials met. The judge spoke.').find((a) => a.text === 'judge')?.code, 'UGAJUD')
  })

  it('codes kin and other generic people as civilians of the story country', () => {
    const actors = actorsOf('Her brother told Ghanaian reporters that three men had taken the car.')
    assert.equal(actors.find((a) => a.text === 'brother')?.code, 'GHACVL')
    assert.equal(actors.find((a) => a.text === 'men')?.code, 'GHACVL')
    assert.equal(actorsOf('Relatives of the crew waited at the port in Mombasa.').find((a) => a.text === 'Relatives')?.code, 'KENCVL')
  })

  it('leaves words that only look like kin nouns alone', () => {
    const actors = actorsOf('Trade stayed at a relative low in Peru while the parent company grew.')
    assert.equal(
      actors.some((a) => a.code.endsWith('CVL')),
      false,
    )
  })

  it('gives hijackers, exiles and abbreviated senators their sectors', () => {
    assert.equal(actorsOf('The hijackers freed the crew at a Chilean airport.').find((a) => a.text === 'hijackers')?.code, 'CHLUAF')
    assert.equal(actorsOf('Bolivian exiles marched on Sunday.').find((a) => a.text.includes('exiles'))?.code, 'BOLOPP')
    const senator = actorsOf('Sen. Ruth Alder of Ohio voted against the bill.').find((a) => a.text.includes('Alder'))
    assert.equal(senator?.code, 'USALEG')
    assert.equal(senator?.via, 'title')
  })

  it('splits a title off a name the entities stage typed with it', () => {
    const text = 'Sen. Ruth Alder voted.'
    const tokens: Token[] = [
      { start: 0, end: 4, pos: 'PROPN', sentence: 0 },
      { start: 5, end: 9, pos: 'PROPN', sentence: 0 },
      { start: 10, end: 15, pos: 'PROPN', sentence: 0 },
      { start: 16, end: 21, pos: 'VERB', sentence: 0 },
      { start: 21, end: 22, pos: 'PUNCT', sentence: 0 },
    ]
    const entities: Entity[] = [{ start: 0, end: 15, text: 'Sen. Ruth Alder', type: 'PER' }]
    const mentions = mentionsOfSentence(text, tokens, entities)
    assert.deepEqual(
      mentions.map((m) => [m.first, m.end, m.kind, m.role?.sector ?? null]),
      [
        [0, 1, 'role', 'LEG'],
        [1, 3, 'name', null],
      ],
    )
  })

  it('splits a title off a name the entities stage typed with it in a text written in capitals', () => {
    const text = 'SEN. MARA QUILLEN OBJECTED.'
    const tokens: Token[] = [
      { start: 0, end: 4, pos: 'PROPN', sentence: 0 },
      { start: 5, end: 9, pos: 'PROPN', sentence: 0 },
      { start: 10, end: 17, pos: 'PROPN', sentence: 0 },
      { start: 18, end: 26, pos: 'VERB', sentence: 0 },
      { start: 26, end: 27, pos: 'PUNCT', sentence: 0 },
    ]
    const entities: Entity[] = [{ start: 0, end: 17, text: 'SEN. MARA QUILLEN', type: 'PER' }]
    const mentions = mentionsOfSentence(text, tokens, entities)
    assert.deepEqual(
      mentions.map((m) => [m.first, m.end, m.kind, m.role?.sector ?? null]),
      [
        [0, 1, 'role', 'LEG'],
        [1, 3, 'name', null],
      ],
    )
  })

  it('reads a country name that is also a state of the country the article is in as that state', () => {
    const text = 'Polls closed in Georgia, Ohio, Iowa and Virginia. Sen. Ruth Alder said turnout was high.'
    assert.equal(actorsOf(text).find((a) => a.text.includes('Alder'))?.code, 'USALEG')
    // named more often than the other country's places, it stays the country
    assert.equal(actorsOf('Georgia and Armenia met in Iowa. Georgia said the judge ruled.').find((a) => a.text === 'judge')?.code, 'GEOJUD')
  })
})
