import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { type ConnectTarget, createFetcher, FetchError, type FetcherOptions } from './safe-fetch.js'
import { startTestServer, type TestServer } from './test-server.js'

// The only address a packet may go to. A public-looking address in a test is a name for the
// local server: the connector below turns exactly those into 127.0.0.1 and fails on anything else.
const LOOPBACK = '127.0.0.1'
const PUBLIC = '93.184.216.34'

function guardedConnector(server: () => TestServer, attempts: ConnectTarget[]) {
  return (t: ConnectTarget): Socket => {
    attempts.push(t)
    if (t.address !== LOOPBACK && t.address !== PUBLIC) {
      throw new assert.AssertionError({ message: `a connection was attempted to ${t.address}: only 127.0.0.1 may be contacted` })
    }
    return connect({ host: LOOPBACK, port: server().port })
  }
}

const NAMES: Record<string, string[]> = {
  'news.example': [PUBLIC],
  'sneaky.example': [LOOPBACK],
  'mixed.example': [PUBLIC, '10.0.0.1'],
}
const resolver = async (host: string): Promise<string[]> => {
  const a = NAMES[host]
  if (!a) throw new Error(`no such name in the test resolver: ${host}`)
  return a
}

describe('safe fetcher: refused addresses (SSRF)', () => {
  let server: TestServer
  const attempts: ConnectTarget[] = []
  const base = (): FetcherOptions => ({ resolver, connector: guardedConnector(() => server, attempts), sleep: async () => {}, retries: 0 })
  const REFUSED = [
    '127.0.0.1',
    '[::1]',
    '10.0.0.1',
    '169.254.169.254',
    '[::ffff:127.0.0.1]',
    '2130706433',
    '0x7f.1',
    '0177.0.0.1',
    'sneaky.example',
    'mixed.example',
  ]
  before(async () => {
    server = await startTestServer({
      '/ok': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('<p>public page</p>'),
      ...Object.fromEntries(
        REFUSED.map((host, i) => [
          `/to-${i}`,
          (_q: unknown, s: import('node:http').ServerResponse) => s.writeHead(302, { location: `http://${host}/latest` }).end(),
        ]),
      ),
    })
  })
  after(() => server.close())

  for (const host of REFUSED) {
    it(`refuses http://${host}/ with a clear message, and connects to nothing`, async () => {
      attempts.length = 0
      await assert.rejects(createFetcher(base()).fetch(`http://${host}/latest`), (e: unknown) => {
        assert.ok(e instanceof FetchError)
        assert.equal(e.kind, 'refused')
        assert.match(e.message, /^refused: .*(loopback|private|link-local|IPv4-mapped)/)
        return true
      })
      assert.deepEqual(attempts, [])
    })
  }

  REFUSED.forEach((host, i) => {
    it(`refuses a public-looking URL that redirects to ${host}`, async () => {
      attempts.length = 0
      await assert.rejects(createFetcher(base()).fetch(`http://news.example:${server.port}/to-${i}`), /^FetchError: refused: /)
      assert.deepEqual(
        attempts.map((a) => a.address),
        [PUBLIC, PUBLIC], // robots.txt, then the redirecting page; never the refused address
      )
    })
  })

  it('refuses schemes other than http and https', async () => {
    await assert.rejects(createFetcher(base()).fetch('file:///etc/passwd'), /http and https only/)
    await assert.rejects(createFetcher(base()).fetch('ftp://news.example/x'), /http and https only/)
  })

  it('connects to the address it checked, with the name kept for the Host header (no second lookup)', async () => {
    attempts.length = 0
    let lookups = 0
    const rebinding = async (): Promise<string[]> => (lookups++ === 0 ? [PUBLIC] : [LOOPBACK])
    const f = createFetcher({ ...base(), resolver: rebinding, robots: false })
    const page = await f.fetch(`http://news.example:${server.port}/ok`)
    assert.equal(page.body.toString(), '<p>public page</p>')
    assert.deepEqual(
      attempts.map((a) => [a.address, a.host]),
      [[PUBLIC, 'news.example']],
    )
    assert.equal(server.seen.at(-1)?.headers.host, `news.example:${server.port}`)
  })

  it('lets loopback through with allowPrivate (for intranets and these tests)', async () => {
    const page = await createFetcher({ ...base(), allowPrivate: true }).fetch(`${server.origin}/ok`)
    assert.equal(page.status, 200)
  })
})

describe('safe fetcher: limits, retries, robots.txt, conditional GET', () => {
  let server: TestServer
  let flaky = 0
  before(async () => {
    server = await startTestServer({
      '/robots.txt': (_q, s) => s.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\nAllow: /private/ok\n'),
      '/page': (_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' }).end('<p>caf\xe9</p>'),
      '/private/x': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('secret'),
      '/private/ok': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('fine'),
      '/bomb': (_q, s) => s.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(50 * 1024 * 1024))),
      '/gzip': (_q, s) => s.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync('<p>small</p>')),
      '/endless': (_q, s) => {
        s.writeHead(200, { 'content-type': 'text/html' })
        const timer = setInterval(() => s.write('<p>more</p>'), 20)
        s.on('close', () => clearInterval(timer))
      },
      '/silent': () => {},
      '/flaky': (_q, s) => {
        flaky++
        if (flaky < 3) s.writeHead(503).end()
        else s.writeHead(200, { 'content-type': 'text/html' }).end('third time')
      },
      '/missing': (_q, s) => s.writeHead(404).end(),
      '/image': (_q, s) => s.writeHead(200, { 'content-type': 'image/png' }).end('png'),
      '/loop': (_q, s) => s.writeHead(301, { location: '/loop' }).end(),
      '/feed': (q, s) => {
        if (q.headers['if-none-match'] === '"v1"') return s.writeHead(304).end()
        s.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Mon, 07 Dec 2026 09:00:00 GMT' }).end('<rss/>')
      },
    })
  })
  after(() => server.close())
  const fetcher = (o: FetcherOptions = {}) => createFetcher({ allowPrivate: true, sleep: async () => {}, retries: 0, ...o })

  it('sends the User-Agent with the contact URL, and reports the charset', async () => {
    const page = await fetcher({ userAgent: 'sitrep/9 (+https://example.org/contact)' }).fetch(`${server.origin}/page`)
    assert.equal(page.charset, 'iso-8859-1')
    assert.equal(server.seen.at(-1)?.headers['user-agent'], 'sitrep/9 (+https://example.org/contact)')
  })

  it('stops a gzip bomb at the cap counted on the decompressed body', async () => {
    await assert.rejects(fetcher({ maxBytes: 1024 * 1024 }).fetch(`${server.origin}/bomb`), /over the 1048576-byte cap once decompressed/)
    assert.equal((await fetcher().fetch(`${server.origin}/gzip`)).body.toString(), '<p>small</p>')
  })

  it('gives up on endless and silent responses at the time caps', async () => {
    await assert.rejects(fetcher({ totalTimeoutMs: 300 }).fetch(`${server.origin}/endless`), (e: unknown) => e instanceof FetchError && e.kind === 'timeout')
    await assert.rejects(fetcher({ totalTimeoutMs: 300 }).fetch(`${server.origin}/silent`), (e: unknown) => e instanceof FetchError && e.kind === 'timeout')
  })

  it('retries a 5xx with backoff, never a 4xx', async () => {
    const waits: number[] = []
    const page = await fetcher({ retries: 2, backoffMs: 100, robots: false, intervalMs: 0, sleep: async (ms) => void waits.push(ms) }).fetch(
      `${server.origin}/flaky`,
    )
    assert.equal(page.body.toString(), 'third time')
    assert.deepEqual(waits, [100, 200])
    const before = server.seen.filter((r) => r.path === '/missing').length
    await assert.rejects(fetcher({ retries: 2 }).fetch(`${server.origin}/missing`), /HTTP 404/)
    assert.equal(server.seen.filter((r) => r.path === '/missing').length - before, 1)
  })

  it('honours robots.txt, the longest rule winning', async () => {
    await assert.rejects(fetcher().fetch(`${server.origin}/private/x`), /refused by the site's robots.txt/)
    assert.equal((await fetcher().fetch(`${server.origin}/private/ok`)).body.toString(), 'fine')
  })

  it('keeps a robots.txt for a day at most, and asks again soon after a server error', async () => {
    let robotsAnswer = 503
    let clock = 1_000_000
    const site = await startTestServer({
      '/robots.txt': (_q, s) =>
        robotsAnswer === 200 ? s.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /closed\n') : s.writeHead(robotsAnswer).end(),
      '/open': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('open'),
      '/closed': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('closed'),
    })
    try {
      const f = fetcher({ now: () => clock })
      const asked = () => site.seen.filter((r) => r.path === '/robots.txt').length
      // a server error refuses the whole site, and is kept for a while only
      await assert.rejects(f.fetch(`${site.origin}/open`), /robots/)
      await assert.rejects(f.fetch(`${site.origin}/open`), /robots/)
      assert.equal(asked(), 1)
      robotsAnswer = 200
      clock += 11 * 60 * 1000
      assert.equal((await f.fetch(`${site.origin}/open`)).body.toString(), 'open')
      assert.equal(asked(), 2)
      // a rule read is kept for the day, then read again
      await assert.rejects(f.fetch(`${site.origin}/closed`), /robots/)
      assert.equal(asked(), 2)
      robotsAnswer = 404
      clock += 25 * 3600 * 1000
      assert.equal((await f.fetch(`${site.origin}/closed`)).body.toString(), 'closed')
      assert.equal(asked(), 3)
    } finally {
      await site.close()
    }
  })

  it('checks content types and caps redirects', async () => {
    await assert.rejects(fetcher().fetch(`${server.origin}/image`, { accept: ['text/html'] }), /content type image\/png, expected text\/html/)
    await assert.rejects(fetcher().fetch(`${server.origin}/loop`), /more than 5 redirects/)
  })

  it('sends the validators it is given and reports 304 as not modified', async () => {
    const first = await fetcher().fetch(`${server.origin}/feed`)
    assert.equal(first.etag, '"v1"')
    const second = await fetcher().fetch(`${server.origin}/feed`, { etag: first.etag, lastModified: first.lastModified })
    assert.equal(second.notModified, true)
    const last = server.seen.at(-1)
    assert.equal(last?.headers['if-none-match'], '"v1"')
    assert.equal(last?.headers['if-modified-since'], 'Mon, 07 Dec 2026 09:00:00 GMT')
  })
})
