import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { indexSpans } from '../../core/spans.js'
import type { Actor, Place } from '../../core/types.js'
import type { EventContext } from './context.js'
import { storyCountry } from './story-country.js'

// a context with only what the rule reads: places, actors and the places by offset
const place = (start: number, country: string): Place =>
  ({ start, end: start + 5, text: 'place', name: 'place', id: `p${start}`, lat: 0, lon: 0, country, admin1: null, feature: 'PPL' }) as Place
const actor = (start: number, code: string, country: string | null, via: string): Actor => ({
  start,
  end: start + 5,
  text: 'actor',
  code,
  country,
  sector: code.slice(3, 6) || null,
  name: 'actor',
  id: `a${start}`,
  via,
})
const context = (places: Place[], actors: Actor[]): EventContext =>
  ({ places, actors, byOffset: { places: indexSpans(places), actors: indexSpans(actors) } }) as unknown as EventContext

describe('the country of an unnamed agent', () => {
  const police = actor(200, '---COP', null, 'role')
  it('is the country of a place in its own sentence first', () => {
    const locate = storyCountry(context([place(10, 'IRN'), place(210, 'IRQ')], [police]))
    assert.equal(locate(police, { start: 200, end: 300 }).party?.code, 'IRQCOP')
  })
  it('else the country the story names most up to its sentence, its first place counting more', () => {
    const ctx = context([place(10, 'NPL'), place(60, 'IND')], [actor(80, 'IND', 'IND', 'country'), police])
    assert.equal(storyCountry(ctx)(police, { start: 200, end: 300 }).party?.code, 'NPLCOP')
    const later = context(
      [place(10, 'NPL')],
      [actor(60, 'IND', 'IND', 'country'), actor(80, 'IND', 'IND', 'country'), actor(90, 'IND', 'IND', 'country'), actor(100, 'IND', 'IND', 'country'), police],
    )
    assert.equal(storyCountry(later)(police, { start: 200, end: 300 }).party?.code, 'INDCOP')
  })
  it('leaves a party with a country, and one in a story naming none, as it is', () => {
    const named = actor(200, 'USAGOV', 'USA', 'registry:person')
    assert.equal(storyCountry(context([place(10, 'IRQ')], [named]))(named, { start: 200, end: 300 }).party?.code, 'USAGOV')
    assert.equal(storyCountry(context([], [police]))(police, { start: 200, end: 300 }).party?.code, '---COP')
  })
})
