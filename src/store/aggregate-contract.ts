import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Event } from '../core/types.js'
import type { Output } from '../output.js'
import type { Store } from './store.js'

type Row = [source: string | null, target: string | null, cameo: string, quad: number, goldstein: number, date: string | null, place: string | null]

// Where the hand-built events happen: two places in one cell at coarse zoom, one west of Greenwich and south of the equator.
const POINTS: Record<string, { lat: number; lon: number; country: string }> = {
  Aleppo: { lat: 36.2, lon: 37.15, country: 'SYR' },
  Idlib: { lat: 35.93, lon: 36.63, country: 'SYR' },
  Lima: { lat: -12.04, lon: -77.03, country: 'PER' },
}

const ROWS: Row[] = [
  ['RUSGOV', 'SYRREB', '190', 4, -10, '2025-03-03', 'Aleppo'], // a Monday
  ['RUSMIL', 'SYRREB', '193', 4, -10, '2025-03-09', 'Idlib'], // the Sunday of the same ISO week
  ['SYRGOV', 'RUSGOV', '043', 1, 2.8, '2025-03-10', 'Aleppo'], // the next week
  ['PERGOV', 'USAGOV', '070', 2, 7, '2025-04-02', 'Lima'],
  ['USAGOV', null, '111', 3, -2, '2025-04', null], // a month only: not in day or week series
  [null, 'PERGOV', '111', 3, -2, null, null], // undated, no source
  ['CHNGOV', 'USAGOV', '010', 1, 0, '2025-W10', null], // a week the dates stage could not pin to a day: in no series
]

// One article per event, so each keeps its own text; the sentence says who did what where.
function doc(row: Row, n: number): Output {
  const [source, target, cameo, quad, goldstein, date, place] = row
  const text = `Item ${n}\n\n${source ?? 'Someone'} acted on ${target ?? 'someone'}${place ? ` in ${place}` : ''}.`
  const start = text.indexOf('\n\n') + 2
  const at = text.indexOf('acted')
  const point = place ? POINTS[place] : undefined
  const event: Event = {
    source: source ? { start, end: start + source.length, text: source, code: source } : null,
    target: target ? { start: at + 9, end: at + 9 + target.length, text: target, code: target } : null,
    cameo,
    cameoName: `code ${cameo}`,
    plover: null,
    goldstein,
    quad,
    negated: false,
    modality: 'asserted',
    date,
    place: place && point ? { name: place, lat: point.lat, lon: point.lon } : null,
    sentence: { start, end: text.length },
    trigger: { start: at, end: at + 5, text: 'acted' },
    rule: 'aggregate-contract',
    confidence: 0.5 + n / 20,
  }
  return {
    id: `aggregate-${n}`,
    article: { title: `Item ${n}`, text, published: null, byline: null, lang: 'en', url: null, paragraphs: [{ start, end: text.length }] },
    places:
      place && point
        ? [
            {
              start: text.indexOf(place),
              end: text.indexOf(place) + place.length,
              text: place,
              name: place,
              id: `test:${place}`,
              ...point,
              admin1: null,
              feature: 'PPL',
            },
          ]
        : [],
    events: [event],
    messages: [],
  }
}

/** The tests every store's dashboard aggregates must pass: series, map cells, countries, dyads and sorted pages. `make` returns a fresh, empty store. */
export function aggregateContract(name: string, make: () => Promise<Store>): void {
  describe(`aggregate contract: ${name}`, () => {
    let store: Store
    before(async () => {
      store = await make()
      await store.migrate()
      for (const [n, row] of ROWS.entries()) await store.save(doc(row, n), 'test')
    })
    after(async () => store.close())

    it('counts events per day, ISO week and month by quad class with their mean Goldstein', async () => {
      assert.deepEqual(await store.eventSeries({}, 'day'), [
        { period: '2025-03-03', quad: 4, count: 1, goldstein: -10 },
        { period: '2025-03-09', quad: 4, count: 1, goldstein: -10 },
        { period: '2025-03-10', quad: 1, count: 1, goldstein: 2.8 },
        { period: '2025-04-02', quad: 2, count: 1, goldstein: 7 },
      ])
      assert.deepEqual(await store.eventSeries({}, 'week'), [
        { period: '2025-03-03', quad: 4, count: 2, goldstein: -10 },
        { period: '2025-03-10', quad: 1, count: 1, goldstein: 2.8 },
        { period: '2025-03-31', quad: 2, count: 1, goldstein: 7 },
      ])
      assert.deepEqual(await store.eventSeries({}, 'month'), [
        { period: '2025-03', quad: 1, count: 1, goldstein: 2.8 },
        { period: '2025-03', quad: 4, count: 2, goldstein: -10 },
        { period: '2025-04', quad: 2, count: 1, goldstein: 7 },
        { period: '2025-04', quad: 3, count: 1, goldstein: -2 },
      ])
      assert.deepEqual(await store.eventSeries({ actor: 'SYR', since: '2025-03-05' }, 'day'), [
        { period: '2025-03-09', quad: 4, count: 1, goldstein: -10 },
        { period: '2025-03-10', quad: 1, count: 1, goldstein: 2.8 },
      ])
    })

    it('groups located events into grid cells, one event by its id, a shared place by its name', async () => {
      const coarse = (await store.eventPlaces({}, 10, 100)).cells
      assert.equal(coarse.length, 2)
      assert.deepEqual(
        coarse.map((c) => [c.count, c.quads, c.name, c.eventId]),
        [
          [3, [1, 0, 0, 2], null, null],
          [1, [0, 1, 0, 0], 'Lima', coarse[1]?.eventId],
        ],
      )
      assert.ok(Number.isInteger(coarse[1]?.eventId))
      assert.deepEqual([coarse[1]?.lat, coarse[1]?.lon], [-12.04, -77.03])
      assert.ok(Math.abs((coarse[0]?.lat ?? 0) - (36.2 * 2 + 35.93) / 3) < 1e-4)
      const fine = (await store.eventPlaces({}, 0.1, 100)).cells
      assert.deepEqual(
        fine.map((c) => [c.name, c.count]),
        [
          ['Aleppo', 2],
          ['Idlib', 1],
          ['Lima', 1],
        ].sort((a, b) => Number(b[1]) - Number(a[1])),
      )
      assert.equal((await store.eventPlaces({}, 0.1, 1)).cells.length, 1)
      assert.deepEqual(
        (await store.eventPlaces({ quad: 4 }, 10, 100)).cells.map((c) => c.count),
        [2],
      )
      await assert.rejects(store.eventPlaces({}, 0, 10), TypeError)
    })

    it('counts events per country of their place', async () => {
      assert.deepEqual((await store.eventPlaces({}, 1, 100)).countries, [
        { country: 'SYR', count: 3, goldstein: -5.733 },
        { country: 'PER', count: 1, goldstein: 7 },
      ])
      assert.deepEqual((await store.eventPlaces({ actor1: 'PER' }, 1, 100)).countries, [{ country: 'PER', count: 1, goldstein: 7 }])
    })

    it('counts dyads by whole actor code or by country, the busiest first', async () => {
      assert.deepEqual(await store.eventNetwork({}, 'country', 10), [
        { source: 'RUS', target: 'SYR', count: 2, goldstein: -10 },
        { source: 'CHN', target: 'USA', count: 1, goldstein: 0 },
        { source: 'PER', target: 'USA', count: 1, goldstein: 7 },
        { source: 'SYR', target: 'RUS', count: 1, goldstein: 2.8 },
      ])
      assert.deepEqual(
        (await store.eventNetwork({}, 'code', 10)).map((e) => `${e.source}>${e.target}:${e.count}`),
        ['CHNGOV>USAGOV:1', 'PERGOV>USAGOV:1', 'RUSGOV>SYRREB:1', 'RUSMIL>SYRREB:1', 'SYRGOV>RUSGOV:1'],
      )
      assert.equal((await store.eventNetwork({}, 'code', 2)).length, 2)
      assert.deepEqual(await store.eventNetwork({ actor1: 'PER', actor2: 'USA' }, 'code', 10), [{ source: 'PERGOV', target: 'USAGOV', count: 1, goldstein: 7 }])
    })

    it('pages a table sorted by any column, missing values last, with the total', async () => {
      const page = await store.eventTable({}, { sort: 'goldstein', descending: true, offset: 0, limit: 2 })
      assert.equal(page.total, 7)
      assert.deepEqual(
        page.events.map((e) => e.goldstein),
        [7, 2.8],
      )
      const rest = await store.eventTable({}, { sort: 'goldstein', descending: true, offset: 2, limit: 10 })
      assert.deepEqual(
        rest.events.map((e) => e.goldstein),
        [0, -2, -2, -10, -10],
      )
      const bySource = await store.eventTable({}, { sort: 'source', descending: false, offset: 0, limit: 10 })
      assert.deepEqual(
        bySource.events.map((e) => e.sourceCode),
        ['CHNGOV', 'PERGOV', 'RUSGOV', 'RUSMIL', 'SYRGOV', 'USAGOV', null],
      )
      const byDate = await store.eventTable({ quad: 3 }, { sort: 'date', descending: true, offset: 0, limit: 10 })
      assert.deepEqual([byDate.total, byDate.events.map((e) => e.date)], [2, ['2025-04', null]])
      const none = await store.eventTable({ actor: 'IND' }, { sort: 'date', descending: false, offset: 0, limit: 10 })
      assert.deepEqual([none.total, none.events.length], [0, 0])
    })
  })
}
