import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import type { Quote } from '../../core/types.js'
import { quoteMarks } from './01-marks.js'

const analyzer = createAnalyzer({ stages: ['quotes'] })
function quotesOf(text: string): readonly Quote[] {
  const out = analyzer.analyze({ text, published: '2025-07-31', clean: false })
  if (isError(out)) throw new Error(out.error)
  return out.quotes ?? []
}

describe('quotes', () => {
  // [text, start of the direct quote, speaker phrase, cue]
  const DIRECT: [string, string, string, string][] = [
    ['“Relations are of a historical nature,” he said, as cited by TASS.', 'Relations', 'he', 'said'],
    ['“We do not see a link to terrorism,” the mayor said.', 'We do not', 'the mayor', 'said'],
    ['“Immunity deals are wrong,” said one Democratic source on the panel.', 'Immunity', 'one Democratic source', 'said'],
    ['Damascus hopes. The minister acknowledged Syria is facing “challenges and threats” on every side.', 'challenges', 'The minister', 'acknowledged'],
    ['“Maybe, we can build a wall around him.” ― Steve Quinlan', 'Maybe', 'Steve Quinlan', '―'],
    ['Clinton says she hopes to win, but she knows that “LeBron will always be the king.”', 'LeBron', 'Clinton', 'says'],
    ['He said:\n\n"We have a situation where the inner cities are dangerous."', 'We have', 'He', 'said'],
  ]
  for (const [text, starts, speaker, cue] of DIRECT) {
    it(`direct: ${text.slice(0, 50)}`, () => {
      const q = quotesOf(text).find((x) => x.direct && x.text.startsWith(starts))
      assert.ok(q, 'quote found')
      assert.ok(q.speaker?.text.startsWith(speaker), `speaker ${q.speaker?.text}`)
      assert.equal(q.cue?.text, cue)
    })
  }

  it('joins the fragments of one quotation around its attribution', () => {
    const qs = quotesOf('“This just isn’t right,” Warren said. “You squeezed employees to the breaking point.”').filter((q) => q.direct)
    assert.equal(qs.length, 1)
    assert.match(qs[0]?.text ?? '', /^This just.*breaking point\.$/)
  })

  it('keeps the channel: a pronoun speaker resolves to the last named person', () => {
    const q = quotesOf('Foreign Minister Asaad al-Shaibani spoke in Moscow. “Relations are of a historical nature,” he said, as cited by TASS.').find(
      (x) => x.direct,
    )
    assert.equal(q?.via, 'TASS')
    assert.match(q?.speaker?.name ?? '', /Shaibani/)
  })

  // [text, start of the reported clause, speaker phrase]
  const INDIRECT: [string, string, string][] = [
    ['Lavrov said Moscow is closely following Syria’s transition.', 'Moscow is', 'Lavrov'],
    ['The campaign operative changed course to avoid the doctors, a source said.', 'The campaign', 'a source'],
    ['Clinton beats Trump by 46 percent to 42 percent, according to the poll.', 'Clinton beats', 'the poll'],
    ['Mook told CBS This Morning that the campaign expects a fair debate.', 'the campaign', 'Mook'],
    // no speech verb: found by the trained taggers, as PolNeAR counts stances
    ['Clinton laid out her proposals on Tuesday in Ohio.', 'her proposals', 'Clinton'],
    ['Trump thanked the governor for backing his tax plan.', 'the governor', 'Trump'],
  ]
  for (const [text, starts, speaker] of INDIRECT) {
    it(`indirect: ${text.slice(0, 50)}`, () => {
      const q = quotesOf(text).find((x) => !x.direct && x.text.startsWith(starts))
      assert.ok(q, 'reported clause found')
      assert.ok(q.speaker?.text.includes(speaker), `speaker ${q.speaker?.text}`)
    })
  }

  // [text, number of mark pairs]
  const MARKS: [string, number][] = [
    ['He said “yes” and “no.”', 2],
    ['She said "it is over" and left.', 1],
    ['“One paragraph\n\n“and the next one, still the same quote.”', 1],
    ['Getty.\n\n”Mr. Trump embodies the lasting legacy of racism.” ― Sonya', 1],
  ]
  for (const [text, pairs] of MARKS) {
    it(`marks: ${JSON.stringify(text.slice(0, 30))}`, () => assert.equal(quoteMarks(text).length, pairs))
  }
})
