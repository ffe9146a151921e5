import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { ConnectTarget } from '../sources/safe-fetch.js'
import { startTestServer, type TestServer } from '../sources/test-server.js'
import { type ApiFixture, apiFixture, withToken } from './test-helpers.js'

// As in the sources' tests: the fetcher keeps its production checks (no allowPrivate); a
// public-looking address is a name for the local server, and the connector below turns
// exactly that address into 127.0.0.1 and refuses any other, so no packet leaves the machine.
const PUBLIC = '93.184.216.34'
const NAMES: Record<string, string[]> = { 'news.example': [PUBLIC], 'wire.example': [PUBLIC], 'sneaky.example': ['10.1.2.3'] }

const page = (title: string, body: string): string =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`

const STORY = page(
  'Ministers meet on fishing rights',
  'Norway hosted talks with Chile in Oslo on Tuesday about fishing rights in the southern ocean.\nThe two governments agreed to meet again next spring.',
)
const ITEM_1 = page('Harbour closed', 'Peru closed the harbour of Callao to foreign trawlers on Monday.\nOfficials gave no reason.')
const ITEM_2 = page('Grain deal signed', 'Kenya signed a grain agreement with Tanzania in Nairobi on Wednesday.\nThe deal runs for three years.')
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Harbour closed</title><link>http://wire.example/items/1</link><pubDate>Mon, 03 Aug 2026 09:00:00 +0000</pubDate></item>
<item><title>Grain deal signed</title><link>http://wire.example/items/2</link><pubDate>Wed, 05 Aug 2026 09:00:00 +0000</pubDate></item>
</channel></rss>`

interface Ingested {
  source: string
  complete: boolean
  inserted: number
  duplicates: number
  events: number
  documents: { url: string | null; status: string; articleId?: string }[]
}

describe('API: ingesting a URL or a feed through the safe fetcher', () => {
  let server: TestServer
  let f: ApiFixture
  const attempts: ConnectTarget[] = []
  before(async () => {
    server = await startTestServer({
      '/story': (_q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(STORY),
      '/feed.xml': (_q, s) => s.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED),
      '/items/1': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(ITEM_1),
      '/items/2': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(ITEM_2),
      '/to-loopback': (_q, s) => s.writeHead(302, { location: `http://127.0.0.1:${server.port}/story` }).end(),
      '/to-metadata': (_q, s) => s.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
      '/gone': (_q, s) => s.writeHead(410, { 'content-type': 'text/plain' }).end('gone'),
      '/notes.txt': (_q, s) => s.writeHead(200, { 'content-type': 'text/plain' }).end('a shopping list'),
    })
    f = await apiFixture({
      fetcher: {
        resolver: async (host) => {
          const a = NAMES[host]
          if (!a) throw new Error(`no such name in the test resolver: ${host}`)
          return a
        },
        connector: (t: ConnectTarget): Socket => {
          attempts.push(t)
          if (t.address !== PUBLIC) throw new assert.AssertionError({ message: `a connection was attempted to ${t.address}` })
          return connect({ host: '127.0.0.1', port: server.port })
        },
        intervalMs: 0,
        retries: 0,
        sleep: async () => undefined,
      },
    })
  })
  after(async () => {
    await f.store.close()
    await server.close()
  })

  const post = (body: unknown, token = f.tokens.write) =>
    f.app.request('/v1/articles', { method: 'POST', headers: withToken(token), body: JSON.stringify(body) })

  it('fetches a page, stores it once and answers 201, then 200 for the same URL', async () => {
    const res = await post({ url: 'http://news.example/story', published: '2026-08-04' })
    assert.equal(res.status, 201)
    const body = (await res.json()) as Ingested
    assert.deepEqual([body.inserted, body.complete, body.documents[0]?.status], [1, true, 'new'])
    const id = body.documents[0]?.articleId as string
    const stored = (await (await f.app.request(`/v1/articles/${id}`)).json()) as { title: string; url: string }
    assert.equal(stored.title, 'Ministers meet on fishing rights')
    assert.equal(stored.url, 'http://news.example/story')
    const again = await post({ url: 'http://news.example/story' })
    assert.equal(again.status, 200)
    const second = (await again.json()) as Ingested
    assert.deepEqual([second.inserted, second.duplicates, second.documents[0]?.articleId], [0, 1, id])
  })

  it('reads a feed and stores each item once, with the feed dates', async () => {
    const res = await post({ feed: 'http://news.example/feed.xml' })
    assert.equal(res.status, 201)
    const body = (await res.json()) as Ingested
    assert.equal(body.inserted, 2)
    assert.deepEqual(
      body.documents.map((d) => [d.url, d.status]),
      [
        ['http://wire.example/items/1', 'new'],
        ['http://wire.example/items/2', 'new'],
      ],
    )
    const harbour = (await (await f.app.request(`/v1/articles/${body.documents[0]?.articleId}`)).json()) as { published: string }
    assert.equal(harbour.published, '2026-08-03')
    const again = (await (await post({ feed: 'http://news.example/feed.xml' })).json()) as Ingested
    assert.deepEqual([again.inserted, again.duplicates], [0, 2])
  })

  it('refuses a private, loopback or link-local address, named or reached by a redirect, with 422 and stores nothing', async () => {
    const before = await f.snapshot()
    const seen = attempts.length
    const refused = [
      `http://127.0.0.1:${server.port}/story`,
      'http://[::1]/story',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.7/feed.xml',
      'http://2130706433/story',
      'http://sneaky.example/story',
      'http://news.example/to-loopback',
      'http://news.example/to-metadata',
    ]
    for (const url of refused) {
      for (const body of [{ url }, { feed: url }]) {
        const res = await post(body)
        assert.equal(res.status, 422, JSON.stringify(body))
        const err = ((await res.json()) as { error: { code: string; message: string; path: string } }).error
        assert.equal(err.code, 'url_refused', url)
        assert.match(err.message, /refused: .* (loopback|private|link-local|reserved)/, url)
        assert.match(err.message, /--allow-private/)
      }
    }
    // only the two redirecting pages were contacted, at the public address
    assert.ok(attempts.slice(seen).every((t) => t.address === PUBLIC))
    assert.equal(await f.snapshot(), before)
  })

  it('answers a remote error with 502 and a document that is no page or feed with 422', async () => {
    const before = await f.snapshot()
    const gone = await post({ url: 'http://news.example/gone' })
    assert.equal(gone.status, 502)
    assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'upstream_error')
    const notes = await post({ url: 'http://news.example/notes.txt' })
    assert.equal(notes.status, 422)
    assert.equal(((await notes.json()) as { error: { code: string } }).error.code, 'not_a_source')
    assert.equal(await f.snapshot(), before)
  })

  it('refuses a feed with a document, an id with a URL, a read token and a non-http scheme, changing nothing', async () => {
    const before = await f.snapshot()
    const cases: [unknown, number, string | null][] = [
      [{ feed: 'http://news.example/feed.xml', text: 'Some words.' }, 400, null],
      [{ url: 'http://news.example/story', id: 'mine' }, 400, null],
      [{ url: 'file:///etc/passwd' }, 400, null],
      [{ feed: 'ftp://news.example/feed.xml' }, 400, null],
      [{ url: 'http://news.example/story' }, 403, f.tokens.read],
      [{ url: 'http://news.example/story' }, 401, f.tokens.revoked],
    ]
    for (const [body, status, token] of cases) {
      const res = await post(body, token ?? f.tokens.write)
      assert.equal(res.status, status, JSON.stringify(body))
      await res.body?.cancel()
    }
    assert.equal(await f.snapshot(), before)
  })
})
