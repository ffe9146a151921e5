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
    assert.deepEqual(parseEventFilter({ actor1: 'rus', actor2: 'syr', root: '19', quad: '4', country: 'syr', bbox: '35.5, 32.3,42.4,37.3' }), {
      ok: true,
      filter: { actor1: 'RUS', actor2: 'SYR', root: '19', quad: 4, country: 'SYR', bbox: [35.5, 32.3, 42.4, 37.3] },
    })
    assert.deepEqual(parseEventFilter({ quad: 2, bbox: [170, -50, -170, -40] }), { ok: true, filter: { quad: 2, bbox: [170, -50, -170, -40] } })
  })

  it('names the field and what it expects for every problem', () => {
    const r = parseEventFilter({ actor: 'S%', code: '1', since: '2025-02-30', limit: '0x10' })
    assert.equal(r.ok, false)
    assert.deepEqual(!r.ok && r.problems.map((p) => p.path), ['actor', 'code', 'since', 'limit'])
    for (const limit of ['0', '-1', '1e3', '16.0', ' 5', 0, 1.5]) assert.equal(parseEventFilter({ limit }).ok, false, String(limit))
    assert.equal(parseEventFilter({ countries: 'SYR' }).ok, false, 'an unknown field is refused')
    for (const bad of [{ quad: '5' }, { quad: 0 }, { root: '1' }, { root: '190' }, { country: 'SY' }, { actor1: 'S%' }, { actor2: '1' }])
      assert.equal(parseEventFilter(bad).ok, false, JSON.stringify(bad))
    for (const bbox of ['1,2,3', '1,2,3,x', '0,50,10,40', '0,-91,10,0', '200,0,10,10', [0, 0, 10]])
      assert.equal(parseEventFilter({ bbox }).ok, false, JSON.stringify(bbox))
  })

  it('writes one SQL text with the placeholders of either database', () => {
    const filter = { actor: 'SYR', code: '19', since: '2025-07', until: '2025-07-31', limit: 5 }
    const q = eventQuery(filter, (n) => `$${n}`)
    assert.match(q.sql, /source_code LIKE \$1 OR e\.target_code LIKE \$2/)
    assert.match(q.sql, /LIMIT \$6/)
    assert.deepEqual(q.params, ['SYR%', 'SYR%', '19%', '2025-07', '2025-07-31', 5])
    assert.equal(eventQuery({}, () => '?').sql.includes('WHERE'), false)
    const box = eventQuery({ bbox: [170, -50, -170, -40] }, () => '?')
    assert.match(box.sql, /\(e\.lon >= \? OR e\.lon <= \?\)/, 'a box over the antimeridian takes either side')
  })
})
