import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'

const analyzer = createAnalyzer({ stages: ['actors'] })
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
})
