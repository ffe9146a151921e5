import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import { candidatesFor, placeKey } from '../../lexicon/gazetteer.js'

const analyzer = createAnalyzer({ stages: ['places'] })
function placesOf(text: string) {
  const out = analyzer.analyze({ text, published: '2025-07-31', clean: false })
  if (isError(out)) throw new Error(out.error)
  return out.places ?? []
}

// [sentence, toponym, country of the place it must resolve to, feature]
const CASES: [string, string, string | null, string][] = [
  ['Clashes erupted in Sweida province on Sunday.', 'Sweida province', 'SYR', 'ADM1'],
  ['Shelling hit Kiev overnight.', 'Kiev', 'UKR', 'PPLC'],
  ['Flooding closed roads across Queensland.', 'Queensland', 'AUS', 'ADM1'],
  ['Officials in Hawaii issued a warning.', 'Hawaii', 'USA', 'ADM1'],
  ['WASHINGTON — The Senate voted on Tuesday.', 'WASHINGTON', 'USA', 'PPLC'],
  ['Two cases were confirmed in the town of Innisfail, Queensland.', 'Innisfail', 'AUS', 'PPL'],
  ['Russian troops moved closer to the border.', 'Russian', 'RUS', 'PCLI'],
  ['American officials said the talks would go on.', 'American', 'USA', 'PCLI'],
  ['Police in Santa Ana, California, arrested two men after a chase in Orange County.', 'Santa Ana', 'USA', 'PPLA2'],
  ['Rain is forecast for England and Wales.', 'England', 'GBR', 'ADM1'],
  ['Ministers of the EU met in Brussels.', 'EU', null, 'ZN'],
  ['Storms crossed the Atlantic.', 'Atlantic', null, 'OCN'],
  ['The first case was a girl from Buffalo, New York, health officials said.', 'New York', 'USA', 'ADM1'],
  ['The airline Air Zimbabwe suspended its flights to London.', 'Zimbabwe', 'ZWE', 'PCLI'],
  ['Residents sued Denver-based Newmont Mining over the spill.', 'Denver', 'USA', 'PPLA'],
  ['A man in Pakistan-administered Kashmir tested positive.', 'Pakistan', 'PAK', 'PCLI'],
  ['Troops massed on the India-Pakistan border.', 'India', 'IND', 'PCLI'],
  ['Troops massed on the India-Pakistan border.', 'Pakistan', 'PAK', 'PCLI'],
  ['The frog disease has spread across the Americas.', 'Americas', null, 'CONT'],
  ['ALBUQUERQUE, N.M. (AP) - The state senators met on Monday.', 'N.M.', 'USA', 'ADM1'],
  ['The game was played in Fresno, Calif. Fans cheered.', 'Calif.', 'USA', 'ADM1'],
  ['"In D.C., we have had a large problem," she said.', 'D.C.', 'USA', 'PPLC'],
  ["Cases were reported in Guinea, Côte d'Ivoire and Ghana.", "Côte d'Ivoire", 'CIV', 'PCLI'],
  ['The oldest sample came from a man in Léopoldville in 1959.', 'Léopoldville', 'COD', 'PPLC'],
  ['Students in Parkland marched to the Florida state capitol on Monday.', 'Parkland', 'USA', 'PPL'],
  ['Tyler residents lined up. Officials in Tyler, Texas, said the shelter was full.', 'Tyler', 'USA', 'PPLA2'],
]

describe('places', () => {
  for (const [sentence, toponym, country, feature] of CASES) {
    it(`${toponym} in "${sentence}" -> ${country} ${feature}`, () => {
      const found = placesOf(sentence)
      const p = found.find((x) => x.text === toponym)
      assert.ok(p, `no place "${toponym}" in ${JSON.stringify(found.map((x) => x.text))}`)
      assert.equal(p.country, country)
      assert.equal(p.feature, feature)
    })
  }

  // [sentence, the noun phrase, the place it must refer to]
  const KIND_CASES: [string, string, string][] = [
    ['Syria is seeking support from Moscow. The country has been at war since 2011.', 'The country', 'Syria'],
    ['Shelling hit Kharkiv overnight, and the city was without power on Friday.', 'the city', 'Kharkiv'],
    ["Syria is seeking Russia's support to restore unity in the country. Syria's army entered Sweida.", 'the country', 'Syria'],
  ]
  for (const [sentence, phrase, name] of KIND_CASES) {
    it(`"${phrase}" in "${sentence}" -> ${name}`, () => {
      const p = placesOf(sentence).find((x) => x.text === phrase)
      assert.equal(p?.name, name)
    })
  }

  describe('local names placed by the article (04-local-names)', () => {
    // [sentence, local name, the place whose point it takes, feature]
    const LOCAL: [string, string, string, string][] = [
      ['He grew up in Bethesda, Md., before the move.', 'Md.', 'Maryland', 'ADM1'],
      ['The crash closed a road near Haymarket, Va., on Friday.', 'Va.', 'Virginia', 'ADM1'],
      ['Officials in Orange County, California, said the fires were out.', 'Orange County', 'Orange', 'ADM2'],
      ['The shooting happened on Royal Street in New Orleans late on Friday.', 'Royal Street', 'New Orleans', 'ST'],
      ["Flooding hit Harare's Third Street. Residents of Harare waded home.", 'Third Street', 'Harare', 'ST'],
    ]
    for (const [sentence, name, anchor, feature] of LOCAL) {
      it(`${name} in "${sentence}" -> ${anchor}`, () => {
        const all = placesOf(sentence)
        const p = all.find((x) => x.text === name)
        assert.ok(p, `no place "${name}" in ${JSON.stringify(all.map((x) => x.text))}`)
        assert.equal(p.feature, feature)
        const at = candidatesFor(anchor)[0]
        assert.ok(at && Math.abs(p.lat - at.lat) < 1 && Math.abs(p.lon - at.lon) < 1, `${name} at ${p.lat},${p.lon}, not near ${anchor}`)
      })
    }
    // [why, sentence, a name that must not be a place]
    const NOT: [string, string, string][] = [
      ['a newspaper named after a street', 'The Wall Street Journal reported the deal in New York.', 'Wall Street'],
      ['a street with no town in the article to put it in', 'Fans gathered on Abbey Road to take photographs.', 'Abbey Road'],
      ['"Pa." not after a town', 'He looked at his father. Pa. said nothing to Boston.', 'Pa.'],
      ['a sentence-initial function word is no part of the name', 'In Church Street, Cardiff, shops were shut.', 'In Church Street'],
      ['a parade is no street', 'Crowds in Moscow watched the Victory Parade on Red Square.', 'Victory Parade'],
      ['a road named without a street cue is no street', 'In Beijing officials praised the Silk Road project.', 'Silk Road'],
      ['"Ga." after a person is no state', 'John Smith, Ga. native, spoke in Atlanta.', 'Ga.'],
    ]
    for (const [why, sentence, name] of NOT) {
      it(why, () => assert.ok(!placesOf(sentence).some((x) => x.text === name), JSON.stringify(placesOf(sentence).map((x) => x.text))))
    }
  })

  it('a state the article names decides between towns of one country', () => {
    const p = placesOf('Students in Parkland marched to the Florida state capitol on Monday.').find((x) => x.text === 'Parkland')
    assert.equal(p?.admin1, 'FL')
  })

  it('Arabic articles and hyphens do not change the key', () => {
    assert.equal(placeKey('As-Suwayda'), placeKey('Suwayda'))
    assert.equal(placeKey('Deir ez-Zor'), 'deir ez zor')
  })

  it("a country's point lies near both GeoNames' and Wikipedia's centre when they are close", () => {
    const china = candidatesFor('China').find((p) => p.feature === 'PCLI')
    assert.ok(china && Math.abs(china.lon - 104) < 0.5, `China at ${china?.lon}`)
  })

  it('a part of a country outranks the country it is also a name of', () => {
    assert.equal(candidatesFor('Scotland')[0]?.feature, 'ADM1')
  })
})
