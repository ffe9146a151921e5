import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import { runPipeline, selectStages } from '../../core/pipeline.js'
import { createLexicon } from '../../lexicon/lexicon.js'
import { defaultStages } from '../../pipeline.js'
import { isAnaphor } from './anaphora.js'
import { eventContextOf } from './context.js'

const analyzer = createAnalyzer({ today: '2025-07-31' })

/** The events of a text as "SOURCE code TARGET" (full codes), each with its rule. */
function events(text: string): { pair: string; rule: string }[] {
  const out = analyzer.analyze({ text, published: '2025-07-31', clean: false })
  if (isError(out)) throw new Error(out.error)
  return (out.events ?? []).map((e) => ({ pair: `${e.source?.code ?? '-'} ${e.cameo} ${e.target?.code ?? '-'}`, rule: e.rule }))
}

const stages = selectStages(defaultStages({}), ['tokens', 'sentences', 'parse', 'actors', 'dates', 'places', 'quotes', 'article'])

/** The anaphors the event context resolved in a text, as "words=code". */
function anaphors(text: string): string[] {
  const doc = runPipeline(stages, { id: 't', text, published: '2025-07-31', clean: false }, 't', { today: '2025-07-31', lexicon: createLexicon() })
  return eventContextOf(doc, 'test')
    .actors.filter(isAnaphor)
    .map((a) => `${a.text}=${a.code}`)
}

describe('events: anaphora', () => {
  it('takes a person named in the sentence before for "he", and says so in the rule', () => {
    const found = events('Brazilian Foreign Minister Paulo Ramos arrived in Lima on Monday. He condemned Chile on Tuesday.')
    const condemn = found.find((e) => e.pair.endsWith('111 CHL'))
    assert.equal(condemn?.pair, 'BRAGOV 111 CHL')
    assert.match(condemn?.rule ?? '', />refers He=Paulo Ramos/)
  })

  it('takes the nearest mention of its sector for a definite role of no country', () => {
    const found = events(
      'Kenyan troops crossed into Somalia on Monday, and German Foreign Minister Paul Weber protested. The ministry also condemned Kenya on Tuesday.',
    )
    assert.ok(
      found.some((e) => e.pair === 'DEUGOV 111 KEN'),
      found.map((e) => e.pair).join('; '),
    )
  })

  it('takes the last armed group named for "the rebels", and the troops named before for "the army"', () => {
    const found = anaphors('Colombian troops clashed with the FARC near the border. The rebels later accused Ecuador of helping the army.')
    assert.deepEqual(found, ['rebels=COLREB', 'army=COLMIL'])
  })

  it('gives "it" a body or state, never a person, and "they" a group', () => {
    const found = anaphors('The Egyptian interior ministry said on Monday that it had arrested 12 militants. Egyptian police said they also seized weapons.')
    assert.deepEqual(found, ['it=EGYGOV', 'they=EGYCOP'])
  })

  it('skips a person of the other gender', () => {
    const found = anaphors(
      'Mr. Jorge Vega, the Chilean foreign minister, met Mrs. Ana Souza, the Peruvian trade minister, in Lima. Later she accused Bolivia of spying.',
    )
    assert.deepEqual(found, ['she=PERGOV'])
  })

  it('prefers the subject of a sentence before to a person named ahead of it in a fronted clause', () => {
    const found = anaphors(
      'Speaking alongside his Peruvian counterpart Jorge Vidal in Quito on Monday, Ecuadorian Foreign Minister Pablo Mena praised the new trade route. "Our two nations share a long border," he said.',
    )
    assert.ok(found.includes('he=ECUGOV'), found.join(', '))
  })

  it("never gives an object pronoun the person its own verb's subject pronoun stands for", () => {
    const found = anaphors('Lula da Silva met Gabriel Boric in Brasilia on Monday. He later thanked him for the visit.')
    assert.ok(found.includes('He=BRAGOV') && found.includes('him=CHLGOV'), found.join(', '))
  })

  it('leaves an empty "it" and a pronoun with nothing before it alone', () => {
    assert.deepEqual(anaphors('It is unclear whether Chile will sign the treaty. They met in Lima.'), [])
  })
})
