// Workers writing to one PostgreSQL, with the real Redis and the real PostgreSQL: two `sitrep
// worker` processes save into one database through a TCP proxy this test owns; one worker is
// killed with SIGKILL mid-run, and the proxy refuses every connection (and drops the open ones)
// for 10 seconds. Every document is stored exactly once and no event twice.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { after, test } from 'node:test'
import pg from 'pg'
import { openQueueAdmin } from '../../src/queue/queue-admin.js'
import { createStore } from '../../src/store/create-store.js'
import { createTestDatabase, dropTestDatabases, serverProblem } from '../../src/store/postgres/test-database.js'
import { newsJsonl } from './news-batch.js'
import { freePort, runCli, SHARED_REDIS, startCli, tempDir, uniqueQueue, waitFor } from './queue-helpers.js'

const cleanups: (() => Promise<void> | void)[] = []
after(async () => {
  for (const c of cleanups.reverse()) await c()
  await dropTestDatabases()
})

/**
 * A TCP proxy on 127.0.0.1 to the PostgreSQL server. `refuse()` closes its port (new
 * connections get ECONNREFUSED) and cuts every open connection; `accept()` opens it again.
 */
function pgProxy(port: number, target: URL): { refuse(): Promise<void>; accept(): Promise<void>; close(): Promise<void>; accepted: () => number } {
  const open = new Set<Socket>()
  let server: Server | null = null
  let accepted = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        accepted++
        const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) })
        open.add(client)
        open.add(upstream)
        const drop = () => {
          client.destroy()
          upstream.destroy()
          open.delete(client)
          open.delete(upstream)
        }
        client.on('error', drop).on('close', drop)
        upstream.on('error', drop).on('close', drop)
        client.pipe(upstream)
        upstream.pipe(client)
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        server = s
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of open) s.destroy()
      open.clear()
      if (!server) return resolve()
      server.close(() => resolve())
      server = null
    })
  return { refuse: stop, accept: listen, close: stop, accepted: () => accepted }
}

test('two workers on one PostgreSQL, one killed with SIGKILL, PostgreSQL refusing for 10 s: every document stored once, no event twice', async () => {
  // like Redis, PostgreSQL must be there (`.ci/run` starts it): an unreachable server fails the test
  const problem = await serverProblem()
  if (problem) assert.fail(problem)
  const direct = await createTestDatabase()
  const port = await freePort()
  const proxy = pgProxy(port, new URL(direct))
  await proxy.accept()
  cleanups.push(() => proxy.close())
  const viaProxy = new URL(direct)
  viaProxy.port = String(port)
  const db = new pg.Client({ connectionString: direct })
  await db.connect()
  cleanups.push(() => db.end())
  const count = async (sql: string): Promise<number> => Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0)

  const total = 160
  const dir = tempDir()
  const docs = join(dir, 'docs.jsonl')
  writeFileSync(docs, newsJsonl(total, 20_000))
  const name = uniqueQueue('pg')
  const admin = openQueueAdmin(SHARED_REDIS, name)
  cleanups.push(async () => {
    await admin.obliterate()
    await admin.close()
  })
  // the schema first, so the two workers start on a migrated database
  const store = createStore(direct)
  await store.migrate()
  await store.close()
  const sent = runCli(['ingest', docs, '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(sent.status, 0, sent.stderr)

  const args = ['worker', '--queue', SHARED_REDIS, '--queue-name', name, '--db', viaProxy.toString(), '--lock-seconds', '4', '--store-patience', '3']
  const a = startCli(args)
  const b = startCli(args)
  cleanups.push(() => void a.child.kill('SIGKILL'))
  cleanups.push(() => void b.child.kill('SIGKILL'))

  await waitFor('the workers to store some documents', async () => (await count('SELECT count(*) AS n FROM articles')) >= 20)
  a.child.kill('SIGKILL')
  await a.exited
  const atKill = await count('SELECT count(*) AS n FROM articles')
  assert.ok(atKill < total, `killed mid-run (${atKill} stored)`)

  await proxy.refuse()
  const atOutage = await count('SELECT count(*) AS n FROM articles')
  await new Promise((r) => setTimeout(r, 10_000))
  // nothing reached the database while it refused
  assert.equal(await count('SELECT count(*) AS n FROM articles'), atOutage)
  assert.match(b.stderr(), /the store refused a save/)
  await proxy.accept()

  await waitFor('every job to finish', async () => {
    const s = await admin.status()
    return s.completed + s.failed + s.dead >= total && s.active === 0 && s.waiting === 0 && s.delayed === 0
  })
  b.child.kill('SIGTERM')
  assert.equal(await b.exited, 0, b.stderr())

  const s = await admin.status()
  assert.deepEqual({ completed: s.completed, failed: s.failed, dead: s.dead }, { completed: total, failed: 0, dead: 0 })
  assert.equal(await count('SELECT count(*) AS n FROM articles'), total)
  assert.equal(await count('SELECT count(DISTINCT text) AS n FROM articles'), total)
  assert.equal(await count('SELECT count(*) AS n FROM (SELECT article_id, ordinal FROM events GROUP BY article_id, ordinal HAVING count(*) > 1) x'), 0)
  const events = await count('SELECT count(*) AS n FROM events')
  assert.ok(events >= total, `events were found (${events})`)
  assert.equal(events, await count("SELECT coalesce(sum(json_array_length((analysis::json)->'events')), 0) AS n FROM articles"))
})
