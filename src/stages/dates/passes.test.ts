import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Token } from '../../core/types.js'
import { parseYmd } from './calendar.js'
import type { Candidate, Found } from './candidate.js'
import { dateWords, fragments, type ResolveContext } from './parser.js'
import { monthDay } from './parsers/02-months.js'
import { unitsAgo } from './parsers/03-relative.js'
import { dropNotTemporal } from './refiners/01-not-temporal.js'
import { readMay } from './refiners/02-may.js'
import { removeOverlaps } from './refiners/03-overlaps.js'

// passes run alone, on hand-built candidates and contexts: no pipeline, no tagger
const context = (dir: -1 | 0 | 1, byQuarter = false): ResolveContext => ({ anchor: parseYmd('2025-07-31'), dir, byQuarter, words: dateWords() })

describe('dates parsers alone', () => {
  it('a month and day takes the year the tense of its clause points to', () => {
    const [re] = monthDay.patterns(fragments(dateWords()))
    const m = re?.exec('talks resume on December 3')
    assert.ok(m?.groups)
    assert.equal(monthDay.resolve(m.groups, context(-1))?.value, '2024-12-03')
    assert.equal(monthDay.resolve(m.groups, context(1))?.value, '2025-12-03')
    // "February 45" is no day to resolve (negative case)
    assert.equal(monthDay.resolve({ month: 'February', d: '45' }, context(0)), null)
  })

  it('"a year ago" in a report about a quarter is the same quarter a year before', () => {
    assert.equal(unitsAgo.resolve({ num: 'a', unit: 'year' }, context(-1))?.value, '2024')
    assert.equal(unitsAgo.resolve({ num: 'a', unit: 'year' }, context(-1, true))?.value, '2024-Q2')
  })
})

describe('dates refiners alone', () => {
  const token = (start: number, end: number, pos: string): Token => ({ start, end, pos, sentence: 0 })

  it('drops a rate and a first name with the reason, keeps a date', () => {
    const text = '700 seats a week; Jan Kavan spoke; on Jan. 5'
    const tokens = [token(0, 3, 'NUM'), token(4, 9, 'NOUN'), token(10, 11, 'DET'), token(12, 16, 'NOUN')]
    const candidates: Candidate[] = [
      { kind: 'duration', start: 10, end: 16, groups: { num: 'a', unit: 'week' } },
      { kind: 'month', start: 18, end: 21, groups: { month: 'Jan' } },
      { kind: 'md', start: 38, end: 44, groups: { month: 'Jan', d: '5' } },
    ]
    const r = dropNotTemporal(candidates, text, tokens)
    assert.deepEqual(
      r.kept.map((c) => c.kind),
      ['md'],
    )
    assert.deepEqual(
      r.dropped.map((d) => d.reason),
      ['"a week" is a rate', '"Jan" is a name'],
    )
  })

  it('reads "May" as the month only beside a preposition of time, another month or its day', () => {
    const text = 'in May; May I; it may; April or May; May 5'
    const candidates: Candidate[] = [
      { kind: 'month', start: 3, end: 6, groups: { month: 'May' } },
      { kind: 'month', start: 8, end: 11, groups: { month: 'May' } },
      { kind: 'month', start: 18, end: 21, groups: { month: 'may' } },
      { kind: 'month', start: 32, end: 35, groups: { month: 'May' } },
      { kind: 'md', start: 37, end: 42, groups: { month: 'May', d: '5' } },
      { kind: 'month', start: 37, end: 40, groups: { month: 'May' } },
    ]
    const r = readMay(candidates, text, [])
    assert.deepEqual(
      r.kept.map((c) => text.slice(c.start, c.end)),
      ['May', 'May', 'May 5', 'May'],
    )
    assert.deepEqual(
      r.dropped.map((d) => [d.item.start, d.reason]),
      [
        [8, '"May" is alone: no preposition of time or other month beside it'],
        [18, '"may" is the modal verb'],
      ],
    )
  })

  it('keeps the longest of overlapping expressions and says which one won', () => {
    const text = 'July 31, 2025'
    const found: Found[] = [
      { kind: 'md', start: 0, end: 7, type: 'DATE', value: '2025-07-31', mod: null },
      { kind: 'mdy', start: 0, end: 13, type: 'DATE', value: '2025-07-31', mod: null },
      { kind: 'bareyear', start: 9, end: 13, type: 'DATE', value: '2025', mod: null },
    ]
    const r = removeOverlaps(found, text)
    assert.deepEqual(
      r.kept.map((f) => f.kind),
      ['mdy'],
    )
    assert.equal(r.dropped.length, 2)
    assert.match(r.dropped[0]?.reason ?? '', /overlaps the longer "July 31, 2025"/)
  })
})
