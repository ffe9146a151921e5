import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import type { Event, Message } from '../../core/types.js'

const analyzer = createAnalyzer({ today: '2025-07-31' })
function analyze(text: string): { events: readonly Event[]; messages: readonly Message[] } {
  const out = analyzer.analyze({ text, published: '2025-07-31', clean: false })
  if (isError(out)) throw new Error(out.error)
  return { events: out.events ?? [], messages: out.messages ?? [] }
}
const dyad = (e: Event): string => `${e.source?.code.slice(0, 3)} ${e.cameo} ${e.target?.code.slice(0, 3)}`

describe('events: one act, one event', () => {
  it('a headline and its lead telling of one act are one event with two mentions', () => {
    const text = 'Egypt expels Sudanese envoy\n\nEgypt expelled the Sudanese ambassador on Sunday, its foreign ministry said.'
    const expulsions = analyze(text).events.filter((e) => e.cameo.startsWith('16'))
    assert.equal(expulsions.length, 1)
    const [event] = expulsions as [Event]
    assert.equal(dyad(event), 'EGY 161 SDN')
    assert.deepEqual(
      event.mentions?.map((m) => m.trigger.text),
      ['expels', 'expelled'],
    )
    // the first report stays the evidence; the date only the lead gives is the event's
    assert.equal(event.trigger.text, 'expels')
    assert.equal(event.date, '2025-07-27')
  })
  it('two acts of one dyad on different dates stay two events', () => {
    const { events } = analyze('Norway criticised Chile in February. Norway criticised Chile in August.')
    const criticisms = events.filter((e) => dyad(e) === 'NOR 111 CHL')
    assert.equal(criticisms.length, 2)
    assert.ok(criticisms.every((e) => !e.mentions))
    assert.notEqual(criticisms[0]?.date, criticisms[1]?.date)
  })
  it('an act told as happening again is a new event', () => {
    const { events } = analyze('Norway criticised Chile over the fishing dispute. Later, Norway criticised Chile again.')
    assert.equal(events.filter((e) => dyad(e) === 'NOR 111 CHL').length, 2)
  })
  it('another code of the same family is another act', () => {
    const { events } = analyze('Israel invaded southern Lebanon. It also carried out airstrikes on Lebanon.')
    assert.ok(events.every((e) => !e.mentions))
  })
  it('statements are never merged: each "said" says something else', () => {
    const { events } = analyze('Peru said it would hold talks with Bolivia. Peru said the border was calm.')
    assert.ok(events.every((e) => !e.mentions))
  })
})

describe('events: ordinary crime is discarded', () => {
  const CRIMES: [string, string][] = [
    ['A pensioner was murdered by her nephew in Leeds, police said.', 'murdered'],
    ['Robbers attacked a shopkeeper in a Kenyan market town.', 'attacked'],
    ['Gang members attacked two Kenyan traders.', 'attacked'],
  ]
  for (const [text, trigger] of CRIMES)
    it(`no event for "${trigger}": ${text}`, () => {
      const { events, messages } = analyze(text)
      assert.ok(!events.some((e) => e.trigger.text === trigger))
      assert.ok(messages.some((m) => m.ruleId === 'ordinary-crime' && text.slice(m.start ?? 0, m.end ?? 0) === trigger))
    })
  it('a killing of a legislator by gunmen is kept', () => {
    assert.ok(analyze('Gunmen killed a senator in Kaduna on Monday.').events.some((e) => e.cameo.startsWith('1') && e.target?.code.endsWith('LEG')))
  })
  it('the arrest of the suspects is kept', () => {
    assert.ok(analyze('Police in Ghana arrested two robbers on Friday.').events.some((e) => e.cameo === '173'))
  })
})

describe('events: background acts dated to their own time', () => {
  it('a year of its own clause', () => {
    const { events } = analyze('Iran, which seized a British tanker in 2019, threatened Britain on Monday.')
    assert.equal(events.find((e) => e.trigger.text === 'seized')?.date, '2019')
  })
  it('a date of the reported clause dates the reported act, not the saying', () => {
    const { events } = analyze('The ministry said Russian troops had shelled Kharkiv in March.')
    assert.equal(events.find((e) => e.trigger.text === 'shelled')?.date, '2025-03')
    assert.equal(events.find((e) => e.trigger.text === 'said')?.date, '2025-07-31')
  })
  it('a past perfect under a verb of saying is reported speech and keeps the article date', () => {
    const { events } = analyze('Russia had attacked Ukraine, Kyiv officials said.')
    assert.equal(events.find((e) => e.trigger.text === 'attacked')?.date, '2025-07-31')
  })
  it('a past perfect act with no date of its own is not given the article date', () => {
    const { events } = analyze('Russia had attacked Ukraine before the talks began.')
    assert.equal(events.find((e) => e.trigger.text === 'attacked')?.date, null)
  })
  it('a date the parse hangs on the trigger dates it across commas', () => {
    const opening = analyze('On Tuesday, Iraq accused Iran of aggression.').events
    assert.equal(opening.find((e) => e.trigger.text === 'accused')?.date, '2025-07-29')
    const listed = analyze('Serbian police arrested the mayor of Nis, his deputy and two aides in March 2021.').events
    assert.equal(listed.find((e) => e.trigger.text === 'arrested')?.date, '2021-03')
  })
  it('a date in the phrase that opens the sentence dates its act', () => {
    const { events } = analyze('For three hours on Tuesday, Malian soldiers attacked the rebels near Gao.')
    assert.equal(events.find((e) => e.trigger.text === 'attacked')?.date, '2025-07-29')
  })
  it('an act told with "once" or "previously" is background: no article date', () => {
    const { events } = analyze('Peru once accused Bolivia of sheltering the rebels.')
    assert.equal(events.find((e) => e.trigger.text === 'accused')?.date, null)
  })
})

describe('events: unconventional violence and plans (issue #17)', () => {
  it('a killing of civilians by an unknown attacker is root 18, with explosives 183', () => {
    const { events } = analyze('Nine Ruritanian villagers were killed by a car bomb in Sandford on Tuesday.')
    const killing = events.find((e) => e.trigger.text === 'killed')
    assert.equal(killing?.cameo, '183')
  })
  it('people named by their nationality are civilians when killed', () => {
    const { events } = analyze('Three Britons were killed near Sandford on Tuesday.')
    const killing = events.find((e) => e.trigger.text === 'killed')
    assert.equal(killing?.cameo.slice(0, 2), '18')
  })
  it('troops killing rebels stay a use of force (root 19)', () => {
    const { events } = analyze('Turkish troops killed 12 Kurdish rebels in southeastern Turkey, the army said.')
    const killing = events.find((e) => e.trigger.text === 'killed')
    assert.equal(killing?.cameo.slice(0, 2), '19')
  })
  it('a clash between police and students is a riot (145), one between troops and rebels a use of force', () => {
    const riot = analyze('Riot police clashed with thousands of Bangladeshi students in Dhaka on Monday.').events.find((e) => e.trigger.text === 'clashed')
    assert.equal(riot?.cameo, '145')
    const fight = analyze('Government troops clashed with Tamil rebels in northern Sri Lanka on Monday.').events.find((e) => e.trigger.text === 'clashed')
    assert.equal(fight?.cameo.slice(0, 2), '19')
  })
  it('an attack by one politician on another is criticism (111)', () => {
    const attack = analyze('Senator Ted Cruz attacked President Barack Obama over the deal on Monday.').events.find((e) => e.trigger.text === 'attacked')
    assert.equal(attack?.cameo, '111')
  })
  it('"called" is a verb: no telephone call', () => {
    const { events, messages } = analyze('Opposition leader Sheikh Hasina called the vote a farce.')
    assert.ok(!events.some((e) => e.cameo === '041'))
    // not even a noun trigger for the model to drop
    assert.ok(!messages.some((m) => m.source === 'events' && m.reason.includes('"call"')))
  })
  it('a visit planned with "to" keeps its own code, intended; "will" makes it an intent', () => {
    const planned = analyze('Danish Foreign Minister Niels Helveg Petersen plans to visit Norway next week.').events.find((e) => e.trigger.text === 'visit')
    assert.equal(planned?.cameo.slice(0, 2), '04')
    assert.equal(planned?.modality, 'intended')
    const future = analyze('Danish Foreign Minister Niels Helveg Petersen will visit Norway next week.').events.find((e) => e.trigger.text === 'visit')
    assert.equal(future?.cameo.slice(0, 2), '03')
  })
})

describe('events: the trigger names the act', () => {
  it('an entry that needs its object takes the object into its words', () => {
    const { events } = analyze('Riot police in Lagos fired tear gas at the marchers. Chile voiced its dissatisfaction with the Peruvian ruling.')
    assert.deepEqual(
      events.map((e) => `${e.cameo} ${e.trigger.text}`),
      ['175 fired tear gas', '110 voiced its dissatisfaction'],
    )
  })
  it('an object that names a party stays out of the words', () => {
    const { events } = analyze('Norway expelled three Iranian diplomats on Monday.')
    assert.equal(events[0]?.trigger.text, 'expelled')
  })
  it("a verb entry's particle is part of its verb, no act of its own", () => {
    const out = analyze('Britain handed back the disputed islands to Argentina in a ceremony on Monday.').events
    assert.ok(out.length > 0, 'the return is coded')
    assert.ok(!out.some((e) => e.trigger.text === 'back'), out.map(dyad).join('; '))
  })
})
