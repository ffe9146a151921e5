import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import { checkRegistry } from '../../lexicon/actors-check.js'
import { partyStanding } from '../../lexicon/parties.js'
import { readPublished } from '../extract/index.js'
import { Coreference } from './04-coreference.js'

const analyzer = createAnalyzer({ stages: ['actors'] })
function actorsOf(text: string, published?: string) {
  const out = analyzer.analyze({ text, clean: false, ...(published ? { published } : {}) })
  if (isError(out)) throw new Error(out.error)
  return (out.actors ?? []).map((a) => [a.text, a.code] as const)
}
const codeOf = (text: string, mention: string, published?: string): string | undefined => actorsOf(text, published).find(([t]) => t === mention)?.[1]

describe('actors', () => {
  // [sentence, date, mention, code]: the same name on two dates
  const DATED: [string, string, string, string][] = [
    ['Bashar al-Assad met the envoy in Damascus.', '2023-05-01', 'Bashar al-Assad', 'SYRGOV'],
    ['Bashar al-Assad met the envoy in Moscow.', '2025-07-31', 'Bashar al-Assad', 'SYRELI'],
    ['Ahmed al-Sharaa addressed the crowd.', '2023-05-01', 'Ahmed al-Sharaa', 'SYRREB'],
    ['Ahmed al-Sharaa addressed the crowd.', '2025-07-31', 'Ahmed al-Sharaa', 'SYRGOV'],
    ['Angela Merkel arrived in Paris.', '2017-04-01', 'Angela Merkel', 'DEUGOV'],
    ['Angela Merkel arrived in Paris.', '2023-04-01', 'Angela Merkel', 'DEUELI'],
    ['Jean-Yves Le Drian visited Mali.', '2015-05-10', 'Jean-Yves Le Drian', 'FRAGOVMIL'],
    ['Jean-Yves Le Drian visited Mali.', '2019-05-10', 'Jean-Yves Le Drian', 'FRAGOV'],
    ['Boyko Borisov met the envoy.', '2010-05-01', 'Boyko Borisov', 'BGRGOV'],
    ['Boyko Borisov met the envoy.', '2022-05-01', 'Boyko Borisov', 'BGRELI'],
    ['Mahinda Rajapaksa addressed parliament.', '2020-02-01', 'Mahinda Rajapaksa', 'LKAGOV'],
    ['Ibrahim Mohamed Solih flew to Delhi.', '2019-03-01', 'Ibrahim Mohamed Solih', 'MDVGOV'],
    ['Kathleen Hicks toured the base.', '2022-03-01', 'Kathleen Hicks', 'USAGOVMIL'],
  ]
  for (const [text, date, mention, code] of DATED) {
    it(`${mention} on ${date} is ${code}`, () => assert.equal(codeOf(text, mention, date), code))
  }

  // [sentence, mention, code]: titles, nationalities, metonymy, compounds; 2025-07-31
  const PHRASES: [string, string, string][] = [
    ['Damascus is eager to restore ties.', 'Damascus', 'SYRGOV'],
    ['The Kremlin did not comment.', 'Kremlin', 'RUSGOV'],
    ['The White House said it would respond.', 'White House', 'USAGOV'],
    ['Moscow condemned the strikes.', 'Moscow', 'RUSGOV'],
    ['They met in Moscow on Thursday.', 'Moscow', ''],
    ['He spoke with former President Bashar Assad.', 'former President Bashar Assad', 'SYRELI'],
    ['Syrian President al-Sharaa will attend.', 'Syrian President al-Sharaa', 'SYRGOV'],
    ['The French President said so.', 'French President', 'FRAGOV'],
    ['Two Chinese warplanes crossed the line.', 'Chinese warplanes', 'CHNMIL'],
    ['Burkina Faso’s ruling junta extended its term.', 'Burkina Faso’s ruling junta', 'BFAGOV'],
    ['The president of the European Council spoke.', 'president of the European Council', 'IGOEUREEC'],
    ['Clashes erupted between Druze militias, Bedouin tribes, and government forces.', 'government forces', '---MIL'],
    ['Kyiv police detained two men.', 'Kyiv police', 'UKRCOP'],
    ['Hezbollah fired rockets.', 'Hezbollah', 'LBNREB'],
    ['TEHRAN', 'TEHRAN', 'IRNGOV'],
    // organisations by kind: universities, companies, legislatures, breakaway regions, cartels
    ['Harvard said it would sue.', 'Harvard', 'USAEDU'],
    ['LinkedIn removed the posts.', 'LinkedIn', 'USABUS'],
    ['The Riigikogu passed the bill.', 'Riigikogu', 'ESTLEG'],
    ['Abkhazia rejected the offer.', 'Abkhazia', 'GEOPRE'],
    ['Los Zetas claimed the area.', 'Los Zetas', 'MEXCRM'],
    // a country's name that is also a given name: the country in political news
    ['Jordan said on Sunday it had closed its border with Syria.', 'Jordan', 'JOR'],
  ]
  for (const [text, mention, code] of PHRASES) {
    it(`"${mention}" in "${text}"`, () => assert.equal(codeOf(text, mention, '2025-07-31') ?? '', code))
  }

  it('a surname after the full name is the same person', () => {
    const actors = actorsOf('Foreign Minister Asaad al-Shaibani visited Moscow. Later, al-Shaibani met Sergey Lavrov. Lavrov said little.', '2025-07-31')
    assert.deepEqual(
      actors.filter(([t]) => /Shaibani|Lavrov/.test(t)).map(([, c]) => c),
      ['SYRGOV', 'SYRGOV', 'RUSGOV', 'RUSGOV'],
    )
  })

  it('an undated article codes people by their latest role', () => {
    assert.equal(codeOf('Heiko Maas spoke.', 'Heiko Maas'), 'DEUGOV')
    assert.equal(codeOf('US Senator Marco Rubio spoke.', 'US Senator Marco Rubio'), 'USALEG')
  })

  describe('no actor', () => {
    const NONE: [string, string][] = [
      ['Wait 5 sec.', 'Wait'],
      ['Roast the turkey slowly.', 'turkey'],
      ['Park the car near the gate.', 'Park'],
      ['Fighting continued in Aleppo.', 'Aleppo'],
      // company names that are also words
      ['Total deaths rose to 40.', 'Total'],
      ['Fires spread across the Amazon.', 'Amazon'],
      ['Reliance on imports grew.', 'Reliance'],
      // a player in a sports report, neither the country nor "Abdullah II of Jordan"
      ['Jordan said the team played well on Saturday.', 'Jordan'],
    ]
    for (const [text, word] of NONE) it(`"${word}" in "${text}"`, () => assert.ok(!actorsOf(text, '2025-07-31').some(([t]) => t.includes(word))))
  })
})

describe('publication dates', () => {
  const CASES: [string, string | null][] = [
    ['2025-07-31', '2025-07-31'],
    ['2025-07-31T10:00:00Z', '2025-07-31'],
    ['10 May 2015', '2015-05-10'],
    ['1 july 2021', '2021-07-01'],
    ['today', '2025-01-02'],
    ['soon', null],
    ['12345', null],
  ]
  for (const [given, want] of CASES) it(`"${given}"`, () => assert.equal(readPublished(given, '2025-01-02'), want))
})

describe('registry check', () => {
  const role = (code: string, title: string, from: string, to: string | null) => ({ code, title, from, to, source: 'test' })
  const person = (id: string, roles: unknown[], aliases: string[] = []) => ({ id, name: id, aliases, roles })
  const lists = (people: unknown[]) => ({
    people: { file: 'p', entries: people },
    organisations: { file: 'o', entries: [] },
    seats: { file: 's', entries: [] },
    sectorNouns: { file: 'n', entries: [] },
  })
  it('finds two holders of one office on the same day', () => {
    const problems = checkRegistry(
      lists([person('a', [role('XXXGOV', 'President', '2010-01-01', '2015-01-01')]), person('b', [role('XXXGOV', 'President', '2014-01-01', null)])]),
    )
    assert.deepEqual(
      problems.map((p) => p.rule),
      ['overlapping-roles'],
    )
  })
  it('accepts a hand-over day and month-precision dates', () => {
    const problems = checkRegistry(
      lists([person('a', [role('XXXGOV', 'President', '2010-01', '2015-01')]), person('b', [role('XXXGOV', 'President', '2015-01-20', null)])]),
    )
    assert.deepEqual(problems, [])
  })
  it('finds bad codes, reversed dates, duplicate ids and shared names', () => {
    const problems = checkRegistry(
      lists([
        person('a', [role('xx', 'President', '2010', null)]),
        person('b', [role('XXXGOV', 'Minister', '2015', '2012')], ['Same Name']),
        person('b', []),
        person('c', [], ['Same Name']),
      ]),
    )
    assert.deepEqual([...new Set(problems.map((p) => p.rule))].sort(), ['duplicate-id', 'role-dates', 'schema', 'shared-alias'])
  })
})

describe('actors: places are no parties', () => {
  it('a seat of government after "in" and a part-of-place word is a place', () => {
    assert.equal(codeOf('Street battles raged in central Baghdad on Monday.', 'Baghdad'), undefined)
    assert.equal(codeOf('Clashes broke out in southern Damascus.', 'Damascus'), undefined)
  })
})

describe('actors: parties and earlier offices', () => {
  const actorOf = (text: string, mention: string, published: string) => {
    const out = analyzer.analyze({ text, clean: false, published })
    if (isError(out)) throw new Error(out.error)
    return out.actors?.find((a) => a.text === mention)
  }
  it('a party is GOV while it is in the national executive and OPP outside it, its sector PTY', () => {
    const inPower = actorOf('The Labour Party promised new schools.', 'Labour Party', '2005-06-01')
    const out = actorOf('The Labour Party promised new schools.', 'Labour Party', '2015-06-01')
    assert.deepEqual([inPower?.code, inPower?.sector], ['GBRGOV', 'PTY'])
    assert.deepEqual([out?.code, out?.sector], ['GBROPP', 'PTY'])
    assert.equal(codeOf('The Republican Party chose its nominee.', 'Republican Party', '2012-08-01'), 'USAOPP')
  })
  it('a party keeps its own code on a day before the table of governing periods covers its country', () => {
    // GBR's periods start in 1970: Labour governed in 1966 but the table cannot say so
    const before = actorOf('The Labour Party promised new schools.', 'Labour Party', '1966-06-01')
    assert.equal(before?.code, 'GBRPTY')
    assert.equal(partyStanding('uk-labour', 'GBR', '1966-06-01'), null)
    assert.equal(partyStanding('uk-labour', 'GBR', '1972-06-01'), 'OPP')
    assert.equal(partyStanding('lfi', 'FRA', '2016-06-01'), null)
    assert.equal(partyStanding('lfi', 'FRA', '2018-06-01'), 'OPP')
  })
  it('a proper name before a party name makes it another party', () => {
    const code = actorOf('The Pirinese Democratic Party boycotted the vote.', 'Democratic Party', '2020-01-01')?.code ?? ''
    assert.ok(!code.startsWith('USA'), code)
  })
  it('an office the Phoenix files date before our first role of a person is found by the full name only', () => {
    assert.equal(codeOf('Benjamin Netanyahu visited Cairo.', 'Benjamin Netanyahu', '1997-03-01'), 'ISRGOV')
    assert.equal(codeOf('Benjamin Netanyahu visited Cairo.', 'Benjamin Netanyahu', '2000-03-01'), 'ISRELI')
  })
})

describe('actors: a lone first word after a full name', () => {
  it('is the actor of the one resolved name it begins', () => {
    const one = actorsOf('Senator Tomas Ferreira spoke first. Later Tomas said the bill would pass.', '2020-01-01')
    assert.deepEqual(
      one.map(([, c]) => c),
      ['---LEG', '---LEG'],
    )
  })
  it('is no one when two resolved names begin with it, and a longer name never matches by its first word', () => {
    const c = new Coreference()
    const a = { code: 'XXXLEG', name: 'Tomas Ferreira', id: 'a', via: 'title' }
    c.remember('Tomas Ferreira', a)
    assert.equal(c.find('Tomas'), a)
    assert.equal(c.find('Tomas Okoro'), undefined)
    c.remember('Tomas Okoro', { code: 'XXXMIL', name: 'Tomas Okoro', id: 'b', via: 'title' })
    assert.equal(c.find('Tomas'), undefined)
    assert.equal(c.find('Ferreira')?.id, 'a')
  })
})

describe('actors: country codes by date', () => {
  it('Serbia before June 2006 is Yugoslavia (CAMEO YUG), Serbia after it', () => {
    assert.equal(codeOf('Serbian police detained two men near Nis.', 'Serbian police', '1998-03-01'), 'YUGCOP')
    assert.equal(codeOf('Serbian police detained two men near Nis.', 'Serbian police', '2010-03-01'), 'SRBCOP')
  })
})

describe('actors: people out of office on the day', () => {
  it('a title before a listed person out of office gives the title with their country', () => {
    assert.equal(codeOf('Opposition leader Boyko Borisov attacked the budget.', 'Opposition leader Boyko Borisov', '2022-05-01'), 'BGROPP')
  })
  it('a later mention of the person keeps that code, by surname or by the name again', () => {
    const text = 'Opposition leader Boyko Borisov attacked the budget. Later Borisov spoke in Sofia. Boyko Borisov left early.'
    assert.deepEqual(
      actorsOf(text, '2022-05-01').map(([, c]) => c),
      ['BGROPP', 'BGROPP', 'BGROPP'],
    )
  })
  it('a surname alone after a listed person resolved by a title is that person', () => {
    const text = 'Finance Minister Angela Merkel presented the budget. Merkel said taxes would fall.'
    assert.deepEqual(actorsOf(text, '1990-05-01'), [
      ['Finance Minister Angela Merkel', 'DEUGOV'],
      ['Merkel', 'DEUGOV'],
    ])
  })
  it('a Phoenix record headed by one of our people is no body ("President Barack Obama" in 2016)', () => {
    assert.equal(codeOf('President Barack Obama signed the bill.', 'President Barack Obama', '2016-03-01'), 'USAGOV')
  })
})

describe('actors: a surname named before the full name', () => {
  it('takes the code the full name gets later in the article; another full name does not', () => {
    assert.equal(codeOf('Ana Ferreira resigns.\nGeneral Tomas Ferreira said on Monday the talks had failed.', 'Ana Ferreira', '2020-01-01'), undefined)
    const text = 'Ferreira says talks failed.\nGeneral Tomas Ferreira said on Monday the talks had failed.'
    assert.deepEqual(actorsOf(text, '2020-01-01'), [
      ['Ferreira', '---MIL'],
      ['General Tomas Ferreira', '---MIL'],
    ])
  })
})

describe("actors: a state's leader", () => {
  it('is its executive, after a nationality or a possessive', () => {
    assert.equal(codeOf('The Chilean leader flew to Lima.', 'Chilean leader', '2020-01-01'), 'CHLGOV')
    assert.equal(codeOf("Peru's leadership rejected the claim.", "Peru's leadership", '2020-01-01'), 'PERGOV')
    assert.equal(codeOf('Chilean business leaders met in Lima.', 'Chilean business leaders', '2020-01-01'), 'CHLBUS')
  })
})

describe('actors: party members', () => {
  it("a party adjective or name before a party role gives the party's standing on the day", () => {
    // Republicans outside the US executive in 2010, in it in 2019 (governing-parties.json)
    assert.equal(codeOf('Republican nominee Tomas Ferreira attacked the plan.', 'Republican nominee Tomas Ferreira', '2010-06-01'), 'USAOPP')
    assert.equal(codeOf('GOP candidate Tomas Ferreira attacked the plan.', 'GOP candidate Tomas Ferreira', '2019-06-01'), 'USAGOV')
    assert.equal(codeOf('Republican candidates met in Ohio.', 'Republican candidates', '2010-06-01'), 'USAOPP')
  })
  it('a later surname keeps the code; another role keeps its own sector with the party country', () => {
    const text = 'Republican nominee Tomas Ferreira attacked the plan. Ferreira spoke again. Republican voters cheered.'
    assert.deepEqual(actorsOf(text, '2010-06-01'), [
      ['Republican nominee Tomas Ferreira', 'USAOPP'],
      ['Ferreira', 'USAOPP'],
      ['Republican voters', 'USACVL'],
    ])
  })
})

describe('actors: a title of an office held before', () => {
  it('is that office, now over', () => {
    assert.equal(codeOf('President Angela Merkel spoke in Paris.', 'President Angela Merkel', '2023-04-01'), 'DEUELI')
  })
})
