// The queue end to end with the real Redis: 1,000 documents enqueued, a worker killed with
// SIGKILL mid-run and another started; a private Redis killed and restarted mid-run.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { openQueueAdmin } from '../../src/queue/queue-admin.js'
import { newsJsonl } from './news-batch.js'
import { freePort, runCli, SHARED_REDIS, sqliteCounts, startCli, startRedis, storeIntegrity, tempDir, uniqueQueue, waitFor } from './queue-helpers.js'

const cleanups: (() => Promise<void> | void)[] = []
after(async () => {
  for (const c of cleanups.reverse()) await c()
})

test('1,000 documents, a worker killed with SIGKILL mid-run, another started: every document stored once, no event twice', async () => {
  const dir = tempDir()
  const name = uniqueQueue('kill')
  const docs = join(dir, 'docs.jsonl')
  const db = join(dir, 'sitrep.db')
  writeFileSync(docs, newsJsonl(1000))
  const admin = openQueueAdmin(SHARED_REDIS, name)
  cleanups.push(async () => {
    await admin.obliterate()
    await admin.close()
  })

  const first = runCli(['ingest', docs, '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(first.status, 0, first.stderr)
  assert.match(first.stderr, /1000 document\(s\): 1000 job\(s\) sent/)
  // the same documents again make no new job: ids are content hashes
  const again = runCli(['ingest', docs, '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(again.status, 0, again.stderr)
  assert.equal((await admin.status()).waiting, 1000)

  const workerArgs = ['worker', '--queue', SHARED_REDIS, '--queue-name', name, '--db', db, '--lock-seconds', '3']
  const a = startCli(workerArgs)
  cleanups.push(() => void a.child.kill('SIGKILL'))
  await waitFor('the first worker to store some documents', () => sqliteCounts(db).articles >= 20)
  a.child.kill('SIGKILL')
  await a.exited
  const atKill = sqliteCounts(db).articles
  assert.ok(atKill > 0 && atKill < 1000, `killed mid-run (${atKill} stored)`)

  const b = startCli(workerArgs)
  cleanups.push(() => void b.child.kill('SIGKILL'))
  await waitFor('every job to finish', async () => {
    const s = await admin.status()
    return s.completed + s.failed + s.dead >= 1000 && s.active === 0 && s.waiting === 0 && s.delayed === 0
  })
  b.child.kill('SIGTERM')
  assert.equal(await b.exited, 0, b.stderr())
  assert.match(b.stderr(), /SIGTERM: finishing the job in hand/)

  const s = await admin.status()
  assert.deepEqual({ completed: s.completed, failed: s.failed, dead: s.dead }, { completed: 1000, failed: 0, dead: 0 })
  const store = storeIntegrity(db)
  assert.equal(store.articles, 1000)
  assert.ok(store.uniqueIndex, 'events carry a unique (article_id, ordinal) constraint')
  assert.equal(store.repeatedEvents, 0)
  assert.equal(store.events, store.eventsInAnalyses)
  assert.ok(store.events >= 1000, `events were found (${store.events})`)
})

test('Redis killed and restarted mid-run (append-only file): the run finishes with every document stored once', async () => {
  const dir = tempDir()
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let redis = await startRedis(dir, port)
  cleanups.push(() => void redis.kill('SIGKILL'))
  const name = uniqueQueue('redis-restart')
  const docs = join(dir, 'docs.jsonl')
  const db = join(dir, 'sitrep.db')
  writeFileSync(docs, newsJsonl(150, 5000))
  const sent = runCli(['ingest', docs, '--queue', url, '--queue-name', name])
  assert.equal(sent.status, 0, sent.stderr)

  const w = startCli(['worker', '--queue', url, '--queue-name', name, '--db', db, '--lock-seconds', '3'])
  cleanups.push(() => void w.child.kill('SIGKILL'))
  await waitFor('some documents stored', () => sqliteCounts(db).articles >= 10)
  const stopped = new Promise((r) => redis.once('exit', r))
  redis.kill('SIGKILL')
  await stopped
  const atKill = sqliteCounts(db).articles
  await new Promise((r) => setTimeout(r, 1500))
  redis = await startRedis(dir, port)

  const admin = openQueueAdmin(url, name)
  cleanups.push(() => admin.close())
  await waitFor('every job to finish after the restart', async () => {
    const s = await admin.status()
    return s.completed + s.failed + s.dead >= 150 && s.active === 0 && s.waiting === 0 && s.delayed === 0
  })
  w.child.kill('SIGTERM')
  assert.equal(await w.exited, 0, w.stderr())
  assert.ok(atKill < 150, `Redis went down mid-run (${atKill} stored)`)
  const s = await admin.status()
  assert.equal(s.failed + s.dead, 0)
  const store = storeIntegrity(db)
  assert.equal(store.articles, 150)
  assert.equal(store.repeatedEvents, 0)
  assert.equal(store.events, store.eventsInAnalyses)
})
