// The API's queue routes (the dashboard's Queue page) over the real Redis: admin tokens only,
// counts and reasons as `sitrep queue status` shows them, retry and clean, Redis down as a 503.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type ApiFixture, apiFixture, withToken } from '../../src/api/test-helpers.js'
import { type Consumer, startConsumer } from '../../src/queue/consumer.js'
import { createProducer } from '../../src/queue/producer.js'
import { openQueueAdmin } from '../../src/queue/queue-admin.js'
import { openQueueMonitor, type QueueMonitor } from '../../src/services/queue-monitor.js'
import { freePort, SHARED_REDIS, uniqueQueue, waitFor } from './queue-helpers.js'

interface QueueBody {
  queue: string
  redis: string
  waiting: number
  active: number
  delayed: number
  completed: number
  failed: number
  dead: number
  deadJobs: { id: string; where: string; reason: string; attempts: number }[]
  failedJobs: { id: string; where: string; reason: string; attempts: number }[]
  scheduled: number
  schedules: { url: string; everyMs: number }[]
}

describe('API: the queue behind the admin token (real Redis)', () => {
  const name = uniqueQueue('api')
  const admin = openQueueAdmin(SHARED_REDIS, name)
  let monitor: QueueMonitor
  let f: ApiFixture
  let consumer: Consumer | null = null

  before(async () => {
    monitor = openQueueMonitor(SHARED_REDIS, name)
    f = await apiFixture({ queue: monitor })
    // one job that works, one that fails each of its two tries, and a feed polled every hour
    const producer = createProducer({ url: SHARED_REDIS, name, attempts: 2, backoffMs: 20 })
    await producer.add({ text: 'A harbour authority reopened the northern pier on Tuesday.' }, 'pier.txt')
    await producer.add({ text: 'A ministry postponed the vote on the port budget.' }, 'budget.txt')
    await producer.schedule('https://feeds.example.org/world.xml', 3_600_000, 'world feed')
    await producer.close()
    // the poll the schedule makes at once is dead on arrival (this worker takes no source jobs)
    consumer = startConsumer({
      url: SHARED_REDIS,
      name,
      lockMs: 5000,
      handle: async (job) => {
        if (job.where === 'budget.txt') throw new Error('the archive refused the write')
      },
    })
    await waitFor(
      'the jobs to finish',
      async () => {
        const s = await admin.status()
        // the scheduler keeps its next poll as a delayed job
        return s.completed === 1 && s.dead === 2 && s.active === 0 && s.waiting === 0
      },
      60_000,
      50,
    )
    await consumer.stop()
    consumer = null
  })
  after(async () => {
    await consumer?.stop()
    await admin.obliterate()
    await admin.close()
    await monitor.close()
    await f.store.close()
  })

  const status = async (): Promise<QueueBody> => {
    const res = await f.app.request('/v1/queue', { headers: withToken(f.tokens.admin, false) })
    assert.equal(res.status, 200, await res.clone().text())
    return (await res.json()) as QueueBody
  }

  it('refuses every queue route without an admin token, changing nothing', async () => {
    const before = JSON.stringify(await admin.status())
    const routes: [string, string, string | undefined][] = [
      ['GET', '/v1/queue', undefined],
      ['POST', '/v1/queue/retry', '{}'],
      ['POST', '/v1/queue/clean', '{"olderThanSeconds":0}'],
    ]
    for (const [method, path, body] of routes) {
      const ask = (token: string | null) => f.app.request(path, { method, headers: withToken(token, body !== undefined), ...(body !== undefined && { body }) })
      for (const [token, code] of [
        [null, 401],
        ['not-a-token', 401],
        [f.tokens.revoked, 401],
        [f.tokens.read, 403],
        [f.tokens.write, 403],
      ] as const) {
        const res = await ask(token)
        assert.equal(
          res.status,
          code,
          `${method} ${path} with ${token === null ? 'no token' : token === f.tokens.read ? 'a read token' : token === f.tokens.write ? 'a write token' : 'a bad token'}`,
        )
        const error = ((await res.json()) as { error: { code: string } }).error
        assert.equal(error.code, code === 401 ? 'unauthorized' : 'forbidden')
      }
    }
    assert.equal(JSON.stringify(await admin.status()), before)
  })

  it('shows the counts, the dead and failed jobs with their reasons, and the polled feed', async () => {
    const s = await status()
    assert.equal(s.queue, name)
    assert.equal(s.redis, SHARED_REDIS)
    assert.deepEqual([s.waiting, s.active, s.delayed, s.completed, s.failed, s.dead], [0, 0, 1, 1, 2, 2])
    const budget = s.deadJobs.find((d) => d.where === 'budget.txt')
    assert.deepEqual([budget?.reason, budget?.attempts], ['the archive refused the write', 2])
    const poll = s.deadJobs.find((d) => d.where !== 'budget.txt')
    assert.match(poll?.reason ?? '', /no source jobs/)
    assert.deepEqual(s.failedJobs.map((j) => j.reason).sort(), ['the archive refused the write', 'this worker takes no source jobs'])
    assert.equal(s.scheduled, 1)
    assert.deepEqual(
      s.schedules.map((p) => [p.url, p.everyMs]),
      [['https://feeds.example.org/world.xml', 3_600_000]],
    )
    // a smaller list when asked
    const one = (await (await f.app.request('/v1/queue?limit=1', { headers: withToken(f.tokens.admin, false) })).json()) as QueueBody
    assert.equal(one.deadJobs.length, 1)
    assert.equal(one.dead, 2)
  })

  it('refuses a malformed limit, an unknown parameter and a malformed clean body with 400', async () => {
    for (const path of ['/v1/queue?limit=many', '/v1/queue?limit=1000', '/v1/queue?state=failed']) {
      const res = await f.app.request(path, { headers: withToken(f.tokens.admin, false) })
      assert.equal(res.status, 400, path)
    }
    const before = JSON.stringify(await admin.status())
    for (const body of ['{}', '{"olderThanSeconds":-1}', '{"olderThanSeconds":"soon"}', '{"olderThanSeconds":0,"state":"all"}', '{not json']) {
      const res = await f.app.request('/v1/queue/clean', { method: 'POST', headers: withToken(f.tokens.admin), body })
      assert.equal(res.status, 400, body)
    }
    assert.equal(JSON.stringify(await admin.status()), before)
  })

  it('puts the dead jobs back with fresh tries, then cleans the finished ones', async () => {
    const retry = await f.app.request('/v1/queue/retry', { method: 'POST', headers: withToken(f.tokens.admin), body: '{}' })
    assert.equal(retry.status, 200)
    assert.deepEqual(await retry.json(), { retried: 2 })
    let s = await status()
    assert.deepEqual([s.dead, s.failed, s.waiting], [0, 0, 2])
    // a grace period longer than the jobs' age keeps them
    const keep = await f.app.request('/v1/queue/clean', { method: 'POST', headers: withToken(f.tokens.admin), body: '{"olderThanSeconds":86400}' })
    assert.deepEqual(await keep.json(), { removed: 0 })
    const clean = await f.app.request('/v1/queue/clean', { method: 'POST', headers: withToken(f.tokens.admin), body: '{"olderThanSeconds":0}' })
    assert.equal(clean.status, 200)
    assert.deepEqual(await clean.json(), { removed: 1 })
    s = await status()
    assert.deepEqual([s.completed, s.waiting], [0, 2])
  })

  it('answers 404 when the server shows no queue, and 503 when its Redis does not answer', async () => {
    const bare = await apiFixture()
    const res = await bare.app.request('/v1/queue', { headers: withToken(bare.tokens.admin, false) })
    assert.equal(res.status, 404)
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'no_queue')
    await bare.store.close()

    // a port nobody listens on
    const away = openQueueMonitor(`redis://127.0.0.1:${await freePort()}`, name, 500)
    const down = await apiFixture({ queue: away })
    try {
      const started = performance.now()
      const r = await down.app.request('/v1/queue', { headers: withToken(down.tokens.admin, false) })
      assert.equal(r.status, 503)
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'queue_unavailable')
      assert.ok(performance.now() - started < 5000, 'refused within the call budget')
      const retry = await down.app.request('/v1/queue/retry', { method: 'POST', headers: withToken(down.tokens.admin), body: '{}' })
      assert.equal(retry.status, 503)
    } finally {
      await away.close()
      await down.store.close()
    }
  })
})
