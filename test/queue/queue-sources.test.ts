// Sources through the queue, with the real Redis and a local HTTP server: a page URL and a
// WARC.gz enqueued (the page fetched by the worker, the WARC's pages read where it lies), and a
// feeds file polled on a schedule (a BullMQ job scheduler) with conditional GETs.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { openQueueAdmin } from '../../src/queue/queue-admin.js'
import { articleHtml, warcBytes } from '../../src/sources/test-articles.js'
import { startTestServer } from '../../src/sources/test-server.js'
import { runCli, SHARED_REDIS, sqliteCounts, startCli, tempDir, uniqueQueue, waitFor } from './queue-helpers.js'

const cleanups: (() => Promise<void> | void)[] = []
after(async () => {
  for (const c of cleanups.reverse()) await c()
})

test('a page URL, a WARC.gz and a feed polled every 2 s go through the queue; the polls are conditional and stop when unscheduled', async () => {
  const FEED_ETAG = '"feed-v1"'
  const server = await startTestServer({
    '/a/*': (q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(Number((q.url ?? '').split('/')[2]))),
    '/feed': (q, s) => {
      if (q.headers['if-none-match'] === FEED_ETAG) return s.writeHead(304).end()
      const items = [301, 302, 303].map((i) => `<item><link>${server.origin}/a/${i}</link></item>`).join('')
      s.writeHead(200, { 'content-type': 'application/rss+xml', etag: FEED_ETAG }).end(`<rss version="2.0"><channel>${items}</channel></rss>`)
    },
  })
  cleanups.push(() => server.close())
  const dir = tempDir()
  const db = join(dir, 'sitrep.db')
  const name = uniqueQueue('sources')
  const admin = openQueueAdmin(SHARED_REDIS, name)
  cleanups.push(async () => {
    await admin.obliterate()
    await admin.close()
  })

  const warc = join(dir, 'pages.warc.gz')
  const records = [201, 202, 203].flatMap((i) => [
    { type: 'request' as const, uri: `https://wire.example/${i}`, body: `GET /${i} HTTP/1.1\r\nHost: wire.example\r\n\r\n` },
    { type: 'response' as const, uri: `https://wire.example/${i}`, body: articleHtml(i) },
  ])
  writeFileSync(warc, warcBytes(records, true))
  const sent = runCli(['ingest', `${server.origin}/a/101`, warc, '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(sent.status, 0, sent.stderr)
  assert.match(sent.stderr, /3 document\(s\) and 1 URL\(s\) for the workers to fetch: 4 job\(s\) sent/)
  // nothing was fetched by the producer
  assert.equal(server.seen.length, 0)

  const feeds = join(dir, 'feeds.txt')
  writeFileSync(feeds, `# the test feed\n${server.origin}/feed\n`)
  const polled = runCli(['ingest', feeds, '--every', '2s', '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(polled.status, 0, polled.stderr)
  assert.match(polled.stderr, /1 URL\(s\) polled every 2s/)
  const status = runCli(['queue', 'status', '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(status.status, 0, status.stderr)
  assert.match(status.stdout, new RegExp(`poll every 2s ${server.origin}/feed`))

  const worker = startCli(['worker', '--queue', SHARED_REDIS, '--queue-name', name, '--db', db, '--allow-private'])
  cleanups.push(() => void worker.child.kill('SIGKILL'))
  // 1 page + 3 WARC pages + 3 feed items
  await waitFor('the seven articles', () => sqliteCounts(db).articles >= 7, 180_000)
  await waitFor('a second poll of the feed', () => server.seen.filter((r) => r.path === '/feed').length >= 2, 60_000)
  const feedReads = server.seen.filter((r) => r.path === '/feed')
  assert.equal(feedReads[0]?.headers['if-none-match'], undefined)
  assert.equal(feedReads[1]?.headers['if-none-match'], FEED_ETAG, 'the second poll is conditional (validators kept in the store)')
  // the feed's pages were fetched once: the later polls got 304
  assert.equal(server.seen.filter((r) => r.path === '/a/301').length, 1)

  const stop = runCli(['queue', 'unschedule', '--all', '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(stop.status, 0, stop.stderr)
  assert.match(stop.stderr, /1 URL\(s\) of ".*" no longer polled/)
  assert.equal((await admin.status()).scheduled, 0)
  await waitFor('the queue to drain', async () => {
    const s = await admin.status()
    return s.active === 0 && s.waiting === 0 && s.delayed === 0
  })
  worker.child.kill('SIGTERM')
  assert.equal(await worker.exited, 0, worker.stderr())
  assert.equal(sqliteCounts(db).articles, 7)
  const s = await admin.status()
  assert.equal(s.failed + s.dead, 0, worker.stderr())
})

test('two workers reading pages of one host keep one request a second between them (the turns kept in Redis)', async () => {
  const arrivals: number[] = []
  const server = await startTestServer({
    '/robots.txt': (_q, s) => {
      arrivals.push(performance.now())
      s.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n')
    },
    '/a/*': (q, s) => {
      arrivals.push(performance.now())
      s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(Number((q.url ?? '').split('/')[2])))
    },
  })
  cleanups.push(() => server.close())
  const dir = tempDir()
  const db = join(dir, 'sitrep.db')
  const name = uniqueQueue('polite')
  const admin = openQueueAdmin(SHARED_REDIS, name)
  cleanups.push(async () => {
    await admin.obliterate()
    await admin.close()
  })
  const workers = [0, 1].map(() => startCli(['worker', '--queue', SHARED_REDIS, '--queue-name', name, '--db', db, '--allow-private']))
  for (const w of workers) cleanups.push(() => void w.child.kill('SIGKILL'))
  // both workers wait for jobs before any is sent, so they take them side by side
  await waitFor('both workers taking jobs', () => workers.every((w) => /taking jobs from/.test(w.stderr())), 120_000)
  const pages = [401, 402, 403, 404, 405, 406]
  const sent = runCli(['ingest', ...pages.map((i) => `${server.origin}/a/${i}`), '--queue', SHARED_REDIS, '--queue-name', name])
  assert.equal(sent.status, 0, sent.stderr)
  await waitFor('the six pages', () => sqliteCounts(db).articles >= pages.length, 180_000)
  for (const w of workers) w.child.kill('SIGTERM')
  const read = await Promise.all(
    workers.map(async (w) => {
      assert.equal(await w.exited, 0, w.stderr())
      return Number(/(\d+) source\(s\) read/.exec(w.stderr())?.[1] ?? 0)
    }),
  )
  const [first = 0, second = 0] = read
  assert.equal(first + second, pages.length)
  assert.ok(first > 0 && second > 0, `each worker read pages: ${read}`)
  // each job reads robots.txt and its page: twelve requests, one a second from both workers together.
  // The next turn is granted a second after the answer to the last came back, so after the server
  // handled it: the gaps hold whatever the load (less at most Redis's whole-millisecond rounding)
  const sorted = [...arrivals].sort((a, b) => a - b)
  const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] as number))
  assert.equal(sorted.length, 2 * pages.length)
  assert.ok(
    gaps.every((g) => g >= 998),
    `requests to the host ${gaps.map((g) => g.toFixed(0)).join(', ')} ms apart`,
  )
})
