import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isCalendarDate } from '../core/calendar-date.js'
import { eventQuery, parseEventFilter } from './event-filter.js'

describe('isCalendarDate', () => {
  it('takes real days only', () => {
    for (const d of ['2025-07-31', '2024-02-29', '2000-02-29', '1999-12-31']) assert.equal(isCalendarDate(d), true, d)
    for (const d of ['2025-02-29', '1900-02-29', '2025-02-30', '2025-13-45', '2025-00-10', '2025-04-31', '2025-7-31', '2025-07-31T00:00', ''])
      assert.equal(isCalendarDate(d), false, d)
  })
})

describe('EventFilter', () => {
  it('validates and normalises each field', () => {
    assert.deepEqual(parseEventFilter({ actor: 'rusgov', code: '19', since: '2025-01-01', until: '2025-12-31', limit: '10' }), {
      ok: true,
      filter: { actor: 'RUSGOV', code: '19', since: '2025-01-01', until: '2025-12-31', limit: 10 },
    })
    assert.deepEqual(parseEventFilter({ limit: 5 }), { ok: true, filter: { limit: 5 } })
  })

  it('names the field and what it expects for every problem', () => {
    const r = parseEventFilter({ actor: 'S%', code: '1', since: '2025-02-30', limit: '0x10' })
    assert.equal(r.ok, false)
    assert.deepEqual(!r.ok && r.problems.map((p) => p.path), ['actor', 'code', 'since', 'limit'])
    for (const limit of ['0', '-1', '1e3', '16.0', ' 5', 0, 1.5]) assert.equal(parseEventFilter({ limit }).ok, false, String(limit))
    assert.equal(parseEventFilter({ country: 'SYR' }).ok, false, 'an unknown field is refused')
  })

  it('writes one SQL text with the placeholders of either database', () => {
    const filter = { actor: 'SYR', code: '19', since: '2025-07', until: '2025-07-31', limit: 5 }
    const q = eventQuery(filter, (n) => `$${n}`)
    assert.match(q.sql, /source_code LIKE \$1 OR e\.target_code LIKE \$2/)
    assert.match(q.sql, /LIMIT \$6/)
    assert.deepEqual(q.params, ['SYR%', 'SYR%', '19%', '2025-07', '2025-07-31', 5])
    assert.equal(eventQuery({}, () => '?').sql.includes('WHERE'), false)
  })
})
