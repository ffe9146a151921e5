// Faults inside one worker, with the real Redis: a store that refuses for 10 s, jobs that
// fail every try (dead letters, `queue retry`, `queue clean`), malformed jobs.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { Queue } from 'bullmq'
import { createLexicon } from '../../src/lexicon/lexicon.js'
import { type Consumer, startConsumer } from '../../src/queue/consumer.js'
import { createProducer } from '../../src/queue/producer.js'
import { openQueueAdmin } from '../../src/queue/queue-admin.js'
import { redisConnection } from '../../src/queue/redis-url.js'
import { queueAnalysis } from '../../src/services/queue-analysis.js'
import { createStore } from '../../src/store/create-store.js'
import type { Store } from '../../src/store/store.js'
import { newsDocument } from './news-batch.js'
import { SHARED_REDIS, storeIntegrity, tempDir, uniqueQueue, waitFor } from './queue-helpers.js'

const cleanups: (() => Promise<void>)[] = []
after(async () => {
  for (const c of cleanups.reverse()) await c()
})

function adminFor(name: string) {
  const admin = openQueueAdmin(SHARED_REDIS, name)
  cleanups.push(async () => {
    await admin.obliterate()
    await admin.close()
  })
  return admin
}

const finished = (admin: ReturnType<typeof openQueueAdmin>, n: number) => async () => {
  const s = await admin.status()
  return s.completed + s.failed >= n && s.active === 0 && s.waiting === 0 && s.delayed === 0
}

test('a store that refuses every save for 10 s: the worker waits and nothing is lost', async () => {
  const name = uniqueQueue('store-down')
  const admin = adminFor(name)
  const db = join(tempDir(), 'sitrep.db')
  const real = createStore(db)
  await real.migrate()
  let downUntil = 0
  let refused = 0
  let saves = 0
  // the first save starts a 10-second outage
  const flaky: Store = {
    ...real,
    async save(analysis, version) {
      saves++
      if (saves === 3) downUntil = Date.now() + 10_000
      if (Date.now() < downUntil) {
        refused++
        throw new Error('connection refused (simulated outage)')
      }
      return real.save(analysis, version)
    },
  }
  const producer = createProducer({ url: SHARED_REDIS, name })
  for (let i = 0; i < 40; i++) await producer.add(newsDocument(9000 + i), `doc ${i}`)
  await producer.close()
  const { handle, stats } = queueAnalysis({ store: flaky, lexicon: createLexicon(), storePatienceMs: 4000 })
  let handedBack = 0
  const consumer = startConsumer({ url: SHARED_REDIS, name, handle, lockMs: 5000, onEvent: (e) => void (e.kind === 'retry' && handedBack++) })
  cleanups.push(() => consumer.stop())
  await waitFor('every job to finish', finished(admin, 40), 240_000)
  await consumer.stop()
  await real.close()
  assert.ok(refused > 0, 'the store refused saves')
  const s = await admin.status()
  // the outage outlasts one job's patience (4 s): some jobs went back to the queue and came again
  assert.deepEqual({ completed: s.completed, failed: s.failed, dead: s.dead }, { completed: 40, failed: 0, dead: 0 })
  assert.ok(handedBack > 0, 'a job whose save outlasted its patience went back to the queue')
  assert.equal(stats.inserted, 40)
  const store = storeIntegrity(db)
  assert.equal(store.articles, 40)
  assert.equal(store.repeatedEvents, 0)
  assert.equal(store.events, store.eventsInAnalyses)
})

test('a job failing every try lands in the dead-letter queue with its reason; retry puts it back; clean removes the finished', async () => {
  const name = uniqueQueue('dead')
  const admin = adminFor(name)
  const producer = createProducer({ url: SHARED_REDIS, name, attempts: 3, backoffMs: 20 })
  await producer.add({ text: 'first document' }, 'a.txt')
  await producer.add({ text: 'second document, always failing' }, 'b.txt')
  await producer.close()
  const tries = new Map<string, number>()
  let healed = false
  const start = (): Consumer =>
    startConsumer({
      url: SHARED_REDIS,
      name,
      lockMs: 5000,
      handle: async (job) => {
        tries.set(job.where, (tries.get(job.where) ?? 0) + 1)
        if (job.where === 'b.txt' && !healed) throw new Error('the store said no')
      },
    })
  let consumer = start()
  await waitFor('both jobs to finish', finished(admin, 2), 60_000, 50)
  await consumer.stop()
  let s = await admin.status()
  assert.deepEqual({ completed: s.completed, failed: s.failed, dead: s.dead }, { completed: 1, failed: 1, dead: 1 })
  assert.equal(tries.get('b.txt'), 3, 'tried as many times as its attempts')
  assert.equal(s.deadJobs[0]?.where, 'b.txt')
  assert.equal(s.deadJobs[0]?.reason, 'the store said no')
  assert.equal(s.deadJobs[0]?.attempts, 3)

  healed = true
  assert.equal(await admin.retryDead(), 1)
  consumer = start()
  await waitFor('the retried job to finish', finished(admin, 2), 60_000, 50)
  await consumer.stop()
  s = await admin.status()
  assert.deepEqual({ completed: s.completed, failed: s.failed, dead: s.dead }, { completed: 2, failed: 0, dead: 0 })

  assert.equal(await admin.clean(0), 2)
  s = await admin.status()
  assert.equal(s.completed, 0)
})

test('a malformed job is dead at once with the schema problem; an analysis error is not retried', async () => {
  const name = uniqueQueue('malformed')
  const admin = adminFor(name)
  const raw = new Queue(name, { connection: redisConnection(SHARED_REDIS) })
  await raw.add('article', { v: 1, where: 'x', input: { published: '2025-01-01' } }, { jobId: 'bad-1', attempts: 5 })
  await raw.close()
  const producer = createProducer({ url: SHARED_REDIS, name })
  // whitespace only: the analyzer refuses it as unusable input, a permanent failure
  await producer.add({ text: '   ' }, 'blank.txt')
  await producer.close()
  const db = join(tempDir(), 'sitrep.db')
  const store = createStore(db)
  await store.migrate()
  const { handle } = queueAnalysis({ store, lexicon: createLexicon() })
  const consumer = startConsumer({ url: SHARED_REDIS, name, handle, lockMs: 5000 })
  await waitFor('both jobs to fail', finished(admin, 2), 120_000, 50)
  await consumer.stop()
  await store.close()
  const s = await admin.status()
  assert.equal(s.dead, 2)
  const reasons = s.deadJobs.map((d) => `${d.attempts} ${d.reason}`).sort()
  assert.match(reasons.join('\n'), /^1 not a sitrep analysis job: input: needs "text" or "html"$/m)
  assert.match(reasons.join('\n'), /^1 blank\.txt: /m)
})
