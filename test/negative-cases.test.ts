import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../src/analyze.js'
import type { Output } from '../src/output.js'

const analyzer = createAnalyzer({ today: '2025-07-31' })
function analyse(text: string, clean = true): Output {
  const out = analyzer.analyze({ text, published: '2025-07-31', ...(clean ? {} : { clean: false }) })
  if (isError(out)) throw new Error(out.error)
  return out
}

// Text that must yield nothing of a kind: each case quotes the input that made the rule necessary.
describe('negative cases', () => {
  describe('no event', () => {
    const CASES: [string, string][] = [
      [
        'a teaser removed by extraction',
        'Headline of the story\n\nWe are with you. Read more US takes credit for Israel-Syria ceasefire He added that Damascus is interested.',
      ],
      ['a question', 'Will Russia attack Ukraine again this winter?'],
      ['a recipe', 'Roast the turkey and serve it with jordan almonds.'],
      ['a question in a headline', 'Will Iran retaliate against Israel?\n\nAnalysts are divided.'],
      ['a question in the body', 'Could China invade Taiwan before 2030?'],
      ['scare quotes around the trigger', 'In the video, Kyiv’s “attack” on Russia was staged by actors.'],
      ['scare quotes around a noun trigger', 'The so-called "invasion" of Ukraine by tourists filled the hotels.'],
      ['a teaser line after the story', 'Syria is rebuilding.\n\nREAD MORE: Israel strikes Syria again'],
      ['an actor and a place of the same country', 'Russia held a parade in Moscow.'],
      ['a reported obligation on the speaker’s own country', 'Lavrov said Moscow must stay strong.'],
      ['"according to" is an attribution, no accord', 'Turnout was low in Syria, according to the Russian government.'],
    ]
    for (const [why, text] of CASES) {
      it(why, () => assert.deepEqual(analyse(text).events, []))
    }
    // issue #17: an act whose parties the registry does not know is still an event, its parties unknown
    it('no known actor pair: an event with no parties, never a pair guessed', () => {
      const events = analyse('The committee condemned the decision.').events ?? []
      assert.ok(events.every((e) => e.source === null && e.target === null && e.rule.includes('>no parties')))
    })
  })

  describe('no date', () => {
    const CASES: [string, string][] = [
      ['a percentage', 'Inflation reached 12.5% and then 2025.5 points.'],
      ['"may" the verb', 'Officials may meet again. May I ask a question?'],
      ['"May" the verb in a title-case headline', 'Rebels May Seize Capital After Talks Fail'],
      ['"May" the surname, once the text names her', 'Prime Minister Theresa May spoke. The plan was backed by May.'],
      ['a count, not a year', 'About 2000 people protested.'],
      ['a fall that is not autumn', 'After Assad’s fall the country changed.'],
      ['a fraction, not a quarter of the year', 'The country imports about three-quarters of its food.'],
      ['a rate, not a stretch of time', 'The airline will add 700 seats a week and save $2 million a year.'],
      ['a first name, not January', 'Foreign Minister Jan Kavan met his Polish counterpart.'],
    ]
    for (const [why, text] of CASES) {
      it(why, () => assert.deepEqual(analyse(text, false).dates, []))
    }
  })

  describe('no internal error', () => {
    // the tagger's word tables are plain objects: "Constructor" once read Object's constructor
    it('a word that names an object property', () => {
      assert.ok(analyse('The survey ship Constructor searched the area; its toString valueOf was lost.', false).sentences)
    })
  })

  describe('no place', () => {
    const CASES: [string, string][] = [
      ['the bird in a recipe', 'Roast the turkey for three hours and baste it often.'],

      ['an acronym that a village shares', 'NATO and TASS reported the same figures.'],
      ['a small town that is also a word, without a cue', 'Commerce Secretary spoke. No comment was given.'],
      ['"the country" with no country named before it', 'The country has changed, he said. He loves the city and country music.'],
      ['an era after a year', 'The temple was built in 300 BC and rebuilt later.'],
      ['a town name that is a person, without a cue', 'Nelson said the talks would resume. Tyler agreed with him.'],
      ['hyphenated given names and brands', 'Jean-Pierre Bemba said the Coca-Cola plant would close.'],
    ]
    for (const [why, text] of CASES) {
      it(why, () => assert.deepEqual(analyse(text, false).places, []))
    }
    // the entity model types "Jordan Henderson" ORG (not PER); places keeps a country at the
    // start of a two-word organisation name out
    it('a person named Jordan', () => assert.deepEqual(analyse('Jordan Henderson scored twice for the club.', false).places, []))
    // alone, a given name that is also a country says or scores something in a sports report: a player
    it('a player called Jordan alone', () => assert.deepEqual(analyse('Jordan said the team played well on Saturday.', false).places, []))
    it('a player called Jordan alone, in a longer report', () =>
      assert.deepEqual(analyse('The Bulls beat the Knicks 102-97 on Friday. Jordan scored 31 points and the coach praised the defence.', false).places, []))
  })

  describe('no quote', () => {
    const TITLES: [string, string][] = [
      ['a programme title', 'On this weekend’s broadcast of “Fox News Sunday,” the governor spoke about taxes.'],
      ['a film title', 'DuVernay’s “13th” documents how black life has changed.'],
      ['a so-called label', 'Tea Party "super PACs" supported by the brothers spent millions.'],
    ]
    for (const [why, text] of TITLES) {
      it(why, () =>
        assert.deepEqual(
          analyse(text, false).quotes?.filter((q) => q.direct),
          [],
        ),
      )
    }
    it('the channel of a quote is not a reported clause', () => {
      const out = analyse('“Relations are good,” he said, as cited by TASS.', false)
      assert.deepEqual(
        out.quotes?.filter((q) => !q.direct),
        [],
      )
    })
    // the trained taggers see cues everywhere PolNeAR does; plain narration and weather are not attributed
    const NARRATION: [string, string][] = [
      ['a weather report', 'Heavy rain fell over Damascus on Tuesday and the roads were closed.'],
      ['a description of a place', 'The village lies on a hill above the river, two hours from the border.'],
    ]
    for (const [why, text] of NARRATION) {
      it(why, () =>
        assert.deepEqual(
          analyse(text, false).quotes?.filter((q) => !q.direct),
          [],
        ),
      )
    }
    it('a scare quote around one word', () => {
      assert.deepEqual(
        analyse('The so-called "moderate" rebels left.', false).quotes?.filter((q) => q.direct),
        [],
      )
    })
  })

  describe('no actor', () => {
    it('debris and teasers do not become actors', () => {
      const out = analyse(
        'Syria counting on Russian support\n\nWait 5 sec.\n\nThe minister spoke. READ MORE: Kremlin reveals details of Putin-Netanyahu call Moscow has condemned the strikes.',
      )
      for (const name of ['Wait', 'Putin', 'Netanyahu']) assert.ok(!out.actors?.some((a) => a.text.includes(name)), name)
    })
    it('a lower-case word that is also a country name', () => {
      assert.deepEqual(analyse('Roast the turkey slowly.', false).actors, [])
    })
  })

  describe('no article body', () => {
    // pages that are not articles: the body stays empty and a "no-body" message says so
    const CASES: [string, string][] = [
      [
        'a login page',
        '<html><body><form><label>Email</label><input name="e"><label>Password</label><input type="password"><button>Sign in</button></form></body></html>',
      ],
      [
        'a section front of headline links',
        `<html><body><nav><a href="/">Home</a></nav><ul>${Array.from({ length: 20 }, (_, i) => `<li><a href="/s${i}">Headline number ${i} about the talks in Moscow and Damascus</a></li>`).join('')}</ul></body></html>`,
      ],
      [
        'an app shell rendered by scripts',
        '<html><head><script>window.__STATE__={"headline":"x"}</script></head><body><div id="app"></div><noscript>Please enable JavaScript to use this site.</noscript></body></html>',
      ],
      ['a frameset', '<html><frameset rows="20%,80%"><frame src="top.html"><frame src="main.html"></frameset></html>'],
      [
        'a cookie wall only',
        '<html><body><div class="cookie-consent"><p>We use cookies to give you the best experience on our website, and to measure traffic.</p><button>Accept</button></div></body></html>',
      ],
    ]
    for (const [why, html] of CASES) {
      it(why, () => {
        const out = analyzer.analyze({ html })
        if (isError(out)) return
        assert.equal(out.article?.text, '')
        assert.ok(out.messages.some((m) => m.ruleId === 'no-body'))
      })
    }
  })
})
