import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { type ExportFormat, exportEvents } from '../exports/export-events.js'
import { EventFilterSchema } from '../store/event-filter.js'
import type { StoredEvent } from '../store/store.js'
import { type ApiFixture, apiFixture } from './test-helpers.js'

interface Series {
  by: string
  undated: number
  rows: { period: string; events: number; verbalCooperation: number; verbalConflict: number; goldsteinSum: number }[]
}

// what `sitrep export` writes for the same filter, collected in memory
async function cliExport(f: ApiFixture, filter: Record<string, unknown>, format: ExportFormat, mentions = false): Promise<string> {
  let text = ''
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      text += chunk.toString('utf8')
      done()
    },
  })
  await exportEvents(f.store, EventFilterSchema.parse(filter), { format, mentions }, out)
  return text
}

describe('API: dyad series and exports', () => {
  let f: ApiFixture
  before(async () => {
    f = await apiFixture()
  })
  after(async () => f.store.close())

  it('answers a dyad series per day, week or month with the CLI filter names', async () => {
    const day = (await (await f.app.request('/v1/dyads/series?actor1=syr&actor2=RUS')).json()) as Series
    assert.equal(day.by, 'day')
    assert.deepEqual(
      day.rows.map((r) => [r.period, r.events, r.verbalCooperation]),
      [['2025-07-31', 1, 1]],
    )
    const month = (await (await f.app.request('/v1/dyads/series?actor=RUS&by=month')).json()) as Series
    assert.deepEqual(
      month.rows.map((r) => [r.period, r.events, r.verbalCooperation, r.verbalConflict]),
      [['2025-07', 2, 1, 1]],
    )
    const week = (await (await f.app.request('/v1/dyads/series?actor=RUS&by=week&since=2025-07-01&quad=3')).json()) as Series
    assert.deepEqual(
      week.rows.map((r) => [r.period, r.events, r.goldsteinSum]),
      [['2025-07-28', 1, -2]],
    )
    // an event dated by month only has no day
    const egypt = (await (await f.app.request('/v1/dyads/series?actor1=EGY&actor2=ISR')).json()) as Series
    assert.deepEqual([egypt.rows, egypt.undated], [[], 1])
    const csv = await f.app.request('/v1/dyads/series?actor=RUS&by=month&format=csv')
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/)
    assert.equal(
      await csv.text(),
      'period,events,verbalCooperation,materialCooperation,verbalConflict,materialConflict,goldsteinSum,goldsteinMean,toneMean\n2025-07,2,1,0,1,0,1.4,0.7,\n',
    )
  })

  it('refuses a series without an actor, an unknown step and an unknown parameter with 400', async () => {
    for (const query of ['', 'code=111', 'actor=RUS&by=year', 'actor=RUS&format=xml', 'actor=RUS&colour=red', 'actor=RUS&by=day&by=week']) {
      const res = await f.app.request(`/v1/dyads/series?${query}`)
      assert.equal(res.status, 400, query)
      assert.ok(['invalid_request', 'unknown_field'].includes(((await res.json()) as { error: { code: string } }).error.code), query)
    }
  })

  it('streams each export format with the same bytes as `sitrep export`', async () => {
    const cases: [string, Record<string, unknown>, ExportFormat, boolean, string][] = [
      ['format=jsonl', {}, 'jsonl', false, 'application/x-ndjson'],
      ['format=csv&actor=RUS', { actor: 'RUS' }, 'csv', false, 'text/csv'],
      ['format=geojson&since=2025-07-31', { since: '2025-07-31' }, 'geojson', false, 'application/geo+json'],
      ['format=gdelt', {}, 'gdelt', false, 'text/tab-separated-values'],
      ['format=gdelt&mentions=true&code=11', { code: '11' }, 'gdelt', true, 'text/tab-separated-values'],
    ]
    for (const [query, filter, format, mentions, type] of cases) {
      const res = await f.app.request(`/v1/export?${query}`)
      assert.equal(res.status, 200, query)
      assert.match(res.headers.get('content-type') ?? '', new RegExp(`^${type.replace('+', '\\+')}`), query)
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="sitrep-events/)
      const body = await res.text()
      assert.ok(body.length > 0, query)
      assert.equal(body, await cliExport(f, filter, format, mentions), query)
    }
    const lines = (await (await f.app.request('/v1/export?format=jsonl&actor=RUS')).text()).trim().split('\n')
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { cameo: string }).cameo).sort(), ['0233', '111'])
    const geo = (await (await f.app.request('/v1/export?format=geojson')).json()) as { type: string; features: { geometry: { coordinates: number[] } }[] }
    assert.equal(geo.type, 'FeatureCollection')
    assert.deepEqual(
      geo.features.map((g) => g.geometry.coordinates),
      [[36.29, 33.51]],
    )
  })

  it('streams a Parquet file (binary: its magic bytes at both ends)', async () => {
    const res = await f.app.request('/v1/export?format=parquet&actor=RUS')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/vnd.apache.parquet')
    assert.match(res.headers.get('content-disposition') ?? '', /filename="sitrep-events\.parquet"/)
    const bytes = Buffer.from(await res.arrayBuffer())
    assert.ok(bytes.length > 8)
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PAR1')
    assert.equal(bytes.subarray(-4).toString('latin1'), 'PAR1')
  })

  it('refuses an export without a format, an unknown one, mentions without gdelt and an unknown filter with 400', async () => {
    for (const query of ['', 'format=xlsx', 'format=csv&mentions=true', 'format=gdelt&mentions=yes', 'format=csv&colour=red', 'format=csv&since=2025-02-30']) {
      const res = await f.app.request(`/v1/export?${query}`)
      assert.equal(res.status, 400, query)
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
    }
  })

  it('takes a SQL metacharacter in every parameter of both routes with a 400 and changes nothing', async () => {
    const before = await f.snapshot()
    const nasty = ["'", "' OR '1'='1", '1; DROP TABLE events; --', '%', '_', '\\', '"', ') OR 1=1 --']
    const keys = [...Object.keys(EventFilterSchema.shape)]
    for (const value of nasty) {
      const v = encodeURIComponent(value)
      for (const key of [...keys, 'by', 'format']) {
        const res = await f.app.request(`/v1/dyads/series?${key === 'actor' ? '' : 'actor=RUS&'}${key}=${v}`)
        assert.equal(res.status, 400, `dyads ${key}=${value}`)
        await res.body?.cancel()
      }
      for (const key of [...keys, 'format', 'mentions']) {
        const res = await f.app.request(`/v1/export?${key === 'format' ? '' : 'format=gdelt&'}${key}=${v}`)
        assert.equal(res.status, 400, `export ${key}=${value}`)
        await res.body?.cancel()
      }
    }
    assert.equal(await f.snapshot(), before)
  })

  it('stops reading the store when the client leaves part-way, and cuts the body when the store fails', async () => {
    const g = await apiFixture()
    const [one] = await g.store.queryEvents({ limit: 1 })
    let read = 0
    let stopped = false
    // a store whose export never ends on its own
    g.store.streamEvents = async function* (): AsyncGenerator<StoredEvent> {
      try {
        for (;;) {
          read++
          yield one as StoredEvent
        }
      } finally {
        stopped = true
      }
    }
    const res = await g.app.request('/v1/export?format=jsonl')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const first = await reader.read()
    assert.ok(first.value && first.value.length > 0)
    await reader.cancel()
    for (let i = 0; i < 50 && !stopped; i++) await new Promise((r) => setTimeout(r, 10))
    assert.ok(stopped, 'the export stopped')
    const at = read
    await new Promise((r) => setTimeout(r, 50))
    assert.equal(read, at, 'nothing more was read')

    const lines: string[] = []
    const h = await apiFixture({ log: (line) => lines.push(line) })
    h.store.streamEvents = async function* (): AsyncGenerator<StoredEvent> {
      yield one as StoredEvent
      throw new Error('disk on fire')
    }
    const broken = await h.app.request('/v1/export?format=csv')
    assert.equal(broken.status, 200)
    await assert.rejects(broken.text())
    assert.match(lines.join('\n'), /export failed part-way: disk on fire/)
    await g.store.close()
    await h.store.close()
  })
})
