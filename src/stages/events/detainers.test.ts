import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'

const analyzer = createAnalyzer({ today: '2024-05-01' })

/** The events of a text as "SOURCE code TARGET". */
function events(text: string): string[] {
  const out = analyzer.analyze({ text, published: '2024-05-01', clean: false })
  if (isError(out)) throw new Error(out.error)
  return (out.events ?? []).map((e) => `${e.source?.code ?? '-'} ${e.cameo} ${e.target?.code ?? '-'}`)
}

describe('events: who holds people', () => {
  it('takes authorities and officials in the plural, and a ministry, as detainers', () => {
    assert.ok(events('Peruvian authorities held 35 farmers after the road blockade.').some((e) => e.includes(' 173 ')))
    assert.ok(events('Bolivian officials held 18 miners overnight.').some((e) => e.includes(' 173 ')))
    assert.ok(events('Police in Peru held 35 farmers after the road blockade.').some((e) => e.includes(' 173 ')))
  })

  it('does not read a lone minister who picks people up, or authorities holding a meeting, as an arrest', () => {
    assert.ok(!events('The Bolivian minister picked up two reporters at the airport.').some((e) => e.includes(' 173 ')))
    assert.ok(!events('Peruvian authorities held a meeting with donors.').some((e) => e.includes(' 173 ')))
  })
})
