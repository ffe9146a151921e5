import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { createPostgresStore } from '../store/postgres/pg-store.js'
import { createTestDatabase, dropTestDatabases, serverProblem } from '../store/postgres/test-database.js'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Store } from '../store/store.js'
import { evaluateWatches, replayWatch } from './engine.js'
import { addWatch } from './manage.js'
import { ruleWithDefaults, type WatchKind, type WatchMatch } from './rule.js'
import { dailyStream, type StreamEvent, streamArticles } from './test-streams.js'
import { dayDate, dayNumber } from './windows.js'

const problem = await serverProblem()
if (problem && process.env.CI) throw new Error(`${problem}: the PostgreSQL watch tests cannot run, and CI is set`)
after(async () => {
  if (!problem) await dropTestDatabases()
})

// 2025-01-06 is a Monday: weekly windows line up with the stream's weeks
const START = '2025-01-06'
const day = (n: number): string => dayDate(dayNumber(START) + n)

// A dyad's daily background (0 to 4 consultations a day) for 70 days, with 12 on day 50 (the shift).
const spikeStream = (): StreamEvent[] =>
  dailyStream(
    START,
    70,
    7,
    (d, r) => (d === 50 ? 12 : Math.floor(r() * 5)),
    (date) => ({ date, source: 'AAAGOV', target: 'BBBMIL', cameo: '042', goldstein: 1.9, quad: 1 }),
  )

// Another dyad, 3 events a day for 12 weeks: Goldstein about +3 for 6 weeks, about -5 for 3 (the drop), then +3 again (the rise).
const toneStream = (): StreamEvent[] =>
  dailyStream(
    START,
    84,
    11,
    () => 3,
    (date, d, r) => {
      const low = d >= 42 && d < 63
      return { date, source: 'CCCGOV', target: 'DDDGOV', cameo: low ? '112' : '051', goldstein: (low ? -5 : 3) + (r() - 0.5) * 2, quad: low ? 3 : 1 }
    },
  )

// A third dyad that consults daily for 30 days; its first fight (root 19) is reported on day 20, from the target's side.
const firstStream = (): StreamEvent[] => [
  ...dailyStream(
    START,
    30,
    3,
    () => 1,
    (date) => ({ date, source: 'EEEGOV', target: 'FFFMIL', cameo: '040', goldstein: 1, quad: 1 }),
  ),
  { date: day(20), source: 'FFFMIL', target: 'EEEGOV', cameo: '190', goldstein: -10, quad: 4 },
  { date: day(24), source: 'EEEGOV', target: 'FFFMIL', cameo: '193', goldstein: -10, quad: 4 },
  { date: day(27), source: 'FFFMIL', target: 'EEEGOV', cameo: '190', goldstein: -10, quad: 4 },
]

// Sparse events of one actor, placed in a country: days 3 (twice) and 10.
const sparseStream = (): StreamEvent[] => [
  { date: day(3), source: 'GGGREB', target: 'HHH', cameo: '180', goldstein: -9, quad: 4, country: 'HHH' },
  { date: day(3), source: 'GGGREB', target: 'HHH', cameo: '180', goldstein: -9, quad: 4, country: 'HHH' },
  { date: day(10), source: 'GGGREB', target: 'HHH', cameo: '180', goldstein: -9, quad: 4, country: 'HHH' },
  { date: day(12), source: 'GGGREB', target: 'HHH', cameo: '180', goldstein: -9, quad: 4, country: 'JJJ' },
]

const rule = (match: WatchMatch, when: WatchKind, figures: Parameters<typeof ruleWithDefaults>[2] = {}) => ruleWithDefaults(match, when, figures)

async function seeded(make: () => Promise<Store>): Promise<Store> {
  const store = await make()
  await store.migrate()
  const all = [...spikeStream(), ...toneStream(), ...firstStream(), ...sparseStream()]
  await store.saveMany(streamArticles(all, 'mixed'), 'test')
  return store
}

function watchSuite(name: string, make: () => Promise<Store>): void {
  describe(`watches on generated streams: ${name}`, () => {
    let store: Store
    after(async () => store?.close())

    it('a spike rule fires on the day of the shift and nowhere else', async () => {
      store = await seeded(make)
      const fired = await replayWatch(store, rule({ actor1: 'AAA', actor2: 'BBB' }, 'spike'), START)
      assert.deepEqual(
        fired.map((f) => f.windowStart),
        [day(50)],
      )
      assert.equal(fired[0]?.events.length, 12)
      assert.ok((fired[0]?.figures.z as number) >= 3)
      // another dyad's steady stream never spikes
      assert.deepEqual(await replayWatch(store, rule({ actor1: 'CCC' }, 'spike'), START), [])
    })

    it('drop and rise rules fire in the week the mean Goldstein turns, and nowhere else', async () => {
      const dyad = { actor1: 'CCCGOV', actor2: 'DDD' }
      const drops = await replayWatch(store, rule(dyad, 'drop'), START)
      assert.deepEqual(
        drops.map((f) => [f.windowStart, f.windowEnd]),
        [[day(42), day(48)]],
      )
      assert.ok((drops[0]?.figures.change as number) < -6)
      const rises = await replayWatch(store, rule(dyad, 'rise'), START)
      assert.deepEqual(
        rises.map((f) => f.windowStart),
        [day(63)],
      )
      // the spike dyad's Goldstein never moves
      assert.deepEqual(await replayWatch(store, rule({ actor1: 'AAA' }, 'drop'), START), [])
    })

    it('a first rule fires on the first event of a kind between two actors, either way or one way', async () => {
      const both = await replayWatch(store, rule({ actor1: 'EEE', actor2: 'FFF', bothWays: true, roots: ['19'] }, 'first'), START)
      assert.deepEqual(
        both.map((f) => [f.key, f.windowStart, f.events[0]?.sourceCode]),
        [['first:19', day(20), 'FFFMIL']],
      )
      const oneWay = await replayWatch(store, rule({ actor1: 'EEE', actor2: 'FFF', roots: ['19'] }, 'first'), START)
      assert.deepEqual(
        oneWay.map((f) => f.windowStart),
        [day(24)],
      )
      // without roots every kind counts, but the consultations began before --since
      const later = await replayWatch(store, rule({ actor1: 'EEE', actor2: 'FFF', bothWays: true }, 'first'), day(10))
      assert.deepEqual(
        later.map((f) => f.key),
        ['first:19'],
      )
    })

    it('an any rule fires once per window with events, and a country or a pattern narrows it', async () => {
      const fired = await replayWatch(store, rule({ actor: 'GGG' }, 'any'), START)
      assert.deepEqual(
        fired.map((f) => [f.windowStart, f.events.length]),
        [
          [day(3), 2],
          [day(10), 1],
          [day(12), 1],
        ],
      )
      assert.deepEqual(
        (await replayWatch(store, rule({ actor: '*REB', countries: ['HHH'] }, 'any'), START)).map((f) => f.windowStart),
        [day(3), day(10)],
      )
      assert.deepEqual(
        (await replayWatch(store, rule({ actor: 'GGG' }, 'any', { windowDays: 7 }), day(7))).map((f) => f.windowStart),
        [day(7)],
      )
      assert.deepEqual(await replayWatch(store, rule({ actor: 'GGG', minConfidence: 0.95 }, 'any'), START), [])
    })

    it('the store keeps watches by name, removes one with its alerts, and tracks deliveries', async () => {
      const w = {
        rule: JSON.stringify(rule({ actor: 'GGG' }, 'any')),
        webhookUrl: 'https://hooks.example/x',
        webhookSecret: 's',
        allowPrivate: true,
        afterEventId: 0,
      }
      assert.equal(await store.addWatch({ name: 'kept', ...w }), true)
      assert.equal(await store.addWatch({ name: 'kept', ...w }), false)
      assert.deepEqual(
        [(await store.getWatch('kept'))?.allowPrivate, (await store.getWatch('kept'))?.webhookUrl, await store.getWatch('nobody')],
        [true, 'https://hooks.example/x', null],
      )
      const fired = await evaluateWatches(store)
      assert.deepEqual(
        fired.map((a) => [a.watch, a.windowStart, a.delivery]),
        [
          ['kept', day(3), 'pending'],
          ['kept', day(10), 'pending'],
          ['kept', day(12), 'pending'],
        ],
      )
      assert.deepEqual(
        (await store.pendingDeliveries(10)).map((a) => a.id),
        fired.map((a) => a.id),
      )
      await store.recordDelivery(fired[0]?.id as number, 'delivered', 2, null)
      await store.recordDelivery(fired[1]?.id as number, 'failed', 4, 'HTTP 500')
      const [, failed, delivered] = await store.listAlerts({ watch: 'kept', limit: 10 })
      assert.deepEqual([delivered?.delivery, delivered?.attempts, typeof delivered?.deliveredAt], ['delivered', 2, 'string'])
      assert.deepEqual([failed?.delivery, failed?.deliveryError, failed?.deliveredAt], ['failed', 'HTTP 500', null])
      assert.deepEqual(
        (await store.listAlerts({ watch: 'kept', before: fired[2]?.id as number, limit: 1 })).map((a) => a.id),
        [fired[1]?.id],
      )
      // a stale cursor records nothing
      assert.equal(await store.recordEvaluation('kept', 0, 5, []), null)
      assert.equal(await store.removeWatch('kept'), true)
      assert.equal(await store.removeWatch('kept'), false)
      assert.deepEqual(await store.listAlerts({ watch: 'kept', limit: 10 }), [])
      assert.equal(await store.firstEventDate(), START)
    })

    it('live: fires as events arrive, once per window, and a restart (a new store object) changes nothing', async () => {
      const live = await make()
      await live.migrate()
      const events = spikeStream()
      const byDay = (d: number) => events.filter((e) => e.date === day(d))
      // the first 40 days are history when the watch is added
      await live.saveMany(
        streamArticles(
          events.filter((e) => e.date < day(40)),
          'live',
        ),
        'test',
      )
      await addWatch(live, { name: 'dyad-spike', rule: rule({ actor1: 'AAA', actor2: 'BBB' }, 'spike') })
      await addWatch(live, { name: 'dyad-any', rule: rule({ actor1: 'AAA' }, 'any', { windowDays: 7 }) })
      const fired: string[] = []
      for (let d = 40; d < 70; d++) {
        const batch = streamArticles(byDay(d), `live-${d}`)
        await live.saveMany(batch, 'test')
        for (const a of await evaluateWatches(live)) fired.push(`${a.watch} ${a.windowStart}`)
        // evaluating again with nothing new records nothing
        assert.deepEqual(await evaluateWatches(live), [])
      }
      const anyWeeks = [
        ...new Set(events.filter((e) => e.date >= day(40)).map((e) => dayDate(dayNumber(START) + Math.floor((dayNumber(e.date) - dayNumber(START)) / 7) * 7))),
      ]
      assert.deepEqual(
        fired.filter((f) => f.startsWith('dyad-spike')),
        [`dyad-spike ${day(50)}`],
      )
      assert.deepEqual(
        fired.filter((f) => f.startsWith('dyad-any')),
        anyWeeks.map((w) => `dyad-any ${w}`),
      )
      const alerts = await live.listAlerts({ limit: 100 })
      assert.equal(alerts.length, fired.length)
      const spike = alerts.find((a) => a.watch === 'dyad-spike')
      const detail = JSON.parse(spike?.detail ?? '{}') as { eventCount: number; events: { evidence: string; articleUrl: string }[] }
      assert.equal(detail.eventCount, 12)
      assert.match(detail.events[0]?.evidence ?? '', /^The AAAGOV side took step/)
      assert.match(detail.events[0]?.articleUrl ?? '', /^https:\/\/news\.example\/live-50\//)
      assert.equal(spike?.delivery, 'none')
      // more events in a window that fired already: no second alert for it
      await live.saveMany(
        streamArticles(
          byDay(50).map((e) => ({ ...e, cameo: '043' })),
          'late',
        ),
        'test',
      )
      assert.deepEqual(await evaluateWatches(live), [])
      assert.equal((await live.listAlerts({ watch: 'dyad-spike', limit: 10 })).length, 1)
      await live.close()
    })
  })
}

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'sitrep-watch-')), 'watch.db')
{
  const path = fresh()
  watchSuite('sqlite', async () => createSqliteStore(path.replace('watch.db', `watch-${Math.random().toString(36).slice(2)}.db`)))
}
if (!problem) watchSuite('postgres', async () => createPostgresStore(await createTestDatabase()))

describe('watches survive a restart', () => {
  it('a reopened SQLite file keeps the watch, its cursor and its alerts, and fires nothing twice', async () => {
    const path = fresh()
    let store = createSqliteStore(path)
    await store.migrate()
    const events = sparseStream()
    await addWatch(store, { name: 'rebels', rule: rule({ actor: 'GGG' }, 'any') })
    await store.saveMany(streamArticles(events.slice(0, 2), 'restart'), 'test')
    assert.equal((await evaluateWatches(store)).length, 1)
    await store.close()
    store = createSqliteStore(path)
    await store.migrate()
    assert.deepEqual(await evaluateWatches(store), [])
    await store.saveMany(streamArticles(events.slice(2), 'restart-2'), 'test')
    assert.deepEqual(
      (await evaluateWatches(store)).map((a) => a.windowStart),
      [day(10), day(12)],
    )
    assert.equal((await store.listAlerts({ watch: 'rebels', limit: 10 })).length, 3)
    await store.close()
  })

  it('two evaluators on one store record each alert once', async () => {
    const path = fresh()
    const a = createSqliteStore(path)
    await a.migrate()
    const b = createSqliteStore(path)
    await addWatch(a, { name: 'rebels', rule: rule({ actor: 'GGG' }, 'any') })
    await a.saveMany(streamArticles(sparseStream(), 'two'), 'test')
    const [x, y] = await Promise.all([evaluateWatches(a), evaluateWatches(b)])
    assert.equal(x.length + y.length, 3)
    assert.equal((await a.listAlerts({ limit: 10 })).length, 3)
    await a.close()
    await b.close()
  })
})
