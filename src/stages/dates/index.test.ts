import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../../analyze.js'
import { isoWeek, parseYmd } from './calendar.js'

const analyzer = createAnalyzer({ stages: ['dates'] })
function datesOf(text: string, published = '2025-07-31') {
  const out = analyzer.analyze({ text, published, clean: false })
  if (isError(out)) throw new Error(out.error)
  return (out.dates ?? []).map((d) => [d.text, d.value, d.mod] as const)
}

// [sentence, expression, value, mod]; published Thursday 2025-07-31
const CASES: [string, string, string, string | null][] = [
  ['They met in Moscow on Thursday.', 'Thursday', '2025-07-31', null],
  ['They met on Monday.', 'Monday', '2025-07-28', null],
  ['They will meet on Monday.', 'Monday', '2025-08-04', null],
  ['He will attend the summit in October.', 'October', '2025-10', null],
  ['The talks collapsed in October.', 'October', '2024-10', null],
  ['Assad was ousted late last year.', 'late last year', '2024', 'END'],
  ['Earlier this month, clashes erupted.', 'Earlier this month', '2025-07', null],
  ['The deal was signed on July 12, 2023.', 'July 12, 2023', '2023-07-12', null],
  ['The deal was signed on 12 July 2023.', '12 July 2023', '2023-07-12', null],
  ['It happened yesterday.', 'yesterday', '2025-07-30', null],
  ['It happened three years ago.', 'three years ago', '2022', null],
  ['Fighting lasted two days.', 'two days', 'P2D', null],
  ['Prices rose last week.', 'last week', '2025-W30', null],
  ['The war began in 2022.', 'in 2022', '2022', null],
  ['In the 1990s the country changed.', 'the 1990s', '199', null],
  ['Growth slowed in the first quarter.', 'the first quarter', '2025-Q1', null],
  ['Prices are now falling.', 'now', 'PRESENT_REF', null],
]

describe('dates', () => {
  for (const [sentence, expr, value, mod] of CASES) {
    it(`${expr} in "${sentence}" -> ${value}`, () => {
      const found = datesOf(sentence)
      assert.ok(
        found.some(([t, v, m]) => t === expr && v === value && m === mod),
        `got ${JSON.stringify(found)}`,
      )
    })
  }

  it('ISO weeks start on Monday and week 1 holds the first Thursday', () => {
    assert.equal(isoWeek(parseYmd('2025-07-31')), '2025-W31')
    assert.equal(isoWeek(parseYmd('2021-01-03')), '2020-W53')
    assert.equal(isoWeek(parseYmd('2024-12-30')), '2025-W01')
  })
})
