// Per-host politeness across workers, against the machine's real Redis: two fetchers, each
// with its own Redis connection as two worker processes would have, read pages of one local
// host at once; their requests leave spaced by the interval between them all.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, describe, it } from 'node:test'
import { Redis } from 'ioredis'
import { createFetcher } from '../sources/safe-fetch.js'
import { startTestServer, type TestServer } from '../sources/test-server.js'
import { hostTurnKey, redisHostTurns } from './host-turns.js'

const REDIS = 'redis://127.0.0.1:6379'
const INTERVAL = 400
// a turn is granted an interval after the request before was over, by Redis's clock (whole
// milliseconds): the gaps are the interval or more, less at most that rounding
const LATENESS = 2
const prefix = `test-host-turn-${process.pid}-${Date.now().toString(36)}:`

type Options = Parameters<typeof createFetcher>[0]

/** Two fetchers (two workers) each reading `n` pages of the server at the same time; when each request's socket was opened. */
async function twoWorkers(server: TestServer, options: [Options, Options], n: number): Promise<number[]> {
  const opened: number[] = []
  const read = async (o: Options, who: string): Promise<void> => {
    const fetcher = createFetcher({
      ...o,
      allowPrivate: true,
      robots: false,
      intervalMs: INTERVAL,
      retries: 0,
      connector: (t) => {
        opened.push(performance.now())
        return connect({ host: t.address, port: t.port })
      },
    })
    for (let i = 0; i < n; i++) await fetcher.fetch(`${server.origin}/p/${who}${i}`, { accept: ['text/html'] })
  }
  await Promise.all([read(options[0], 'a'), read(options[1], 'b')])
  assert.equal(server.seen.length, 2 * n)
  return opened
}

const pageServer = (): Promise<TestServer> => startTestServer({ '/p/*': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('<p>a page</p>') })

const gaps = (times: readonly number[]): number[] => {
  const sorted = [...times].sort((a, b) => a - b)
  return sorted.slice(1).map((t, i) => t - (sorted[i] as number))
}

describe('host turns shared through Redis', () => {
  const cleanups: (() => Promise<void>)[] = []
  after(async () => {
    for (const c of cleanups) await c()
  })

  it('spaces two workers’ requests to one host by the interval between them', async () => {
    const server = await pageServer()
    cleanups.push(() => server.close())
    const one = redisHostTurns(REDIS, { prefix })
    const two = redisHostTurns(REDIS, { prefix })
    cleanups.push(one.close, two.close)
    const opened = await twoWorkers(server, [{ hostTurns: one }, { hostTurns: two }], 4)
    for (const g of gaps(opened)) assert.ok(g >= INTERVAL - LATENESS, `requests ${g.toFixed(0)} ms apart: ${gaps(opened).map((x) => x.toFixed(0))}`)
    // the turns are kept under the host (with its port), and expire
    const redis = new Redis(REDIS)
    try {
      const key = hostTurnKey(prefix, `127.0.0.1:${server.port}`)
      // the last turn is given back (the time its request was over) a moment after the fetch resolves
      for (let i = 0; i < 50 && (await redis.get(key)) === 'busy'; i++) await new Promise((r) => setTimeout(r, 20))
      assert.ok(Number(await redis.get(key)) > 0)
      assert.ok((await redis.pttl(key)) > 0)
    } finally {
      redis.disconnect()
    }
  })

  it('without shared turns the two workers are each polite alone, and not together (the case above guards)', async () => {
    const server = await pageServer()
    cleanups.push(() => server.close())
    const opened = await twoWorkers(server, [{}, {}], 4)
    assert.ok(
      gaps(opened).some((g) => g < INTERVAL / 2),
      `expected two requests close together: ${gaps(opened).map((x) => x.toFixed(0))}`,
    )
  })

  it('keeps spacing this worker’s own requests when Redis does not answer', async () => {
    const errors: string[] = []
    // a port nothing listens on
    const turns = redisHostTurns('redis://127.0.0.1:1', { prefix, onError: (e) => errors.push(e.message) })
    cleanups.push(turns.close)
    const first = await turns.reserve('down.example', INTERVAL)
    const second = await turns.reserve('down.example', INTERVAL)
    assert.equal(first, 0)
    assert.ok(second > INTERVAL - LATENESS && second <= INTERVAL, String(second))
    assert.ok(errors.length > 0)
  })
})
