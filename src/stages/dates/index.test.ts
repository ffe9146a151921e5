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
  // the tense of the clause chooses the direction of a bare weekday or month
  ['The monarch will meet the president on Friday in Maine.', 'Friday', '2025-08-01', null],
  ['Protesters planned to march through the capital on Saturday.', 'Saturday', '2025-08-02', null],
  ['The deal is expected to be completed by Dec. 15.', 'Dec. 15', '2025-12-15', null],
  ['The talks are scheduled for completion by Dec. 10.', 'Dec. 10', '2025-12-10', null],
  ['The increased dividend will be paid Dec. 14 to holders of record.', 'Dec. 14', '2025-12-14', null],
  ['The tender offer had been due to expire Friday evening.', 'Friday evening', '2025-07-25', null],
  ['In September, the company bought a rival for $22 million.', 'September', '2024-09', null],
  ['The group has scheduled a news conference Monday.', 'Monday', '2025-08-04', null],
  ['Since KKR bought the company in December, it has sold three units.', 'December', '2024-12', null],
  // a participle after a present "is" is a passive, not a past tense; "be supposed to" looks ahead
  ['The appeal is argued in October.', 'October', '2025-10', null],
  ['The talks are supposed to end in November.', 'November', '2025-11', null],
  // a report about a quarter compares with the same quarter a year before
  ['Third-quarter profit rose 12%. Sales were $1.2 billion, up from $1 billion a year earlier.', 'a year earlier', '2024-Q2', null],
  ['The company made a profit for the year.', 'the year', '2025', null],
  ['Shares rose at 10 p.m. Wednesday.', '10 p.m. Wednesday', '2025-07-30T22:00', null],
  ['Prices have climbed in recent years.', 'recent years', 'PXY', null],
  ['Protesters rallied in the square on Friday night.', 'Friday night', '2025-07-25', null],
  ['A third flight departs each Thursday.', 'each Thursday', 'XXXX-WXX-4', null],
  ['The festival is held every July.', 'every July', 'XXXX-07', null],
  ['Dividends are paid every quarter.', 'every quarter', 'P1Q', null],
  ['The merger could close in next year’s first quarter.', 'next year’s first quarter', '2026-Q1', null],
  ['Sales for this year’s third quarter rose.', 'this year’s third quarter', '2025-Q3', null],
  ['Lawyers said they would appeal Wednesday’s ruling.', 'Wednesday', '2025-07-30', null],
  ['The club was founded in the year 1990.', '1990', '1990', null],
  ['The siege lasted 2 1/2 years.', '2 1/2 years', 'P2Y6M', null],
  ['He spent two and a half years in prison.', 'two and a half years', 'P2Y6M', null],
  ['Talks lasted 5 1/2 hours.', '5 1/2 hours', 'PT5H30M', null],
  ['The two sides have fought for years.', 'years', 'PXY', null],
  ['The deal could take a couple of years.', 'a couple of years', 'P2Y', null],
  ['Such mistakes belong to the past.', 'the past', 'PAST_REF', null],
  ['He was born in nineteen ninety-six.', 'nineteen ninety-six', '1996', null],
  ['The plan was announced in January nineteen ninety-seven.', 'January nineteen ninety-seven', '1997-01', null],
  // "May" is the month where its neighbours say so: a preposition of time, another month, a day, a year, "last"
  ['The election was held in May.', 'May', '2025-05', null],
  ['Parliament will reconvene by May.', 'May', '2026-05', null],
  ['Exports fell between April and May.', 'May', '2025-05', null],
  ['Rainfall was low in May and June.', 'May', '2025-05', null],
  ['The ceasefire began on May 3.', 'May 3', '2025-05-03', null],
  ['Talks resumed in May 2024.', 'May 2024', '2024-05', null],
  ['Inflation peaked last May.', 'last May', '2025-05', null],
  ['Prices dipped in mid-May.', 'mid-May', '2025-05', 'MID'],
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
