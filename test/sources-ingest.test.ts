import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { DocumentLog } from '../src/sources/documents.js'
import { type IngestSourcesOptions, ingestSources } from '../src/sources/index.js'
import { articleHtml, generatedArticle, warcBytes } from '../src/sources/test-articles.js'
import { startTestServer, type TestServer } from '../src/sources/test-server.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { Store } from '../src/store/store.js'

const dir = mkdtempSync(join(tmpdir(), 'sitrep-sources-'))
const quiet = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream

function rss(origin: string, from: number, count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const n = from + i
    return `<item><title>${generatedArticle(n).title}</title><link>${origin}/a/${n}?utm_source=feed&amp;utm_medium=rss</link><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate></item>`
  })
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test desk</title>${items.join('')}</channel></rss>`
}

describe('ingest from sources (local server, written WARC files)', () => {
  let server: TestServer
  let store: Store
  const logs: DocumentLog[] = []
  const run = (targets: string[], more: Partial<IngestSourcesOptions> = {}) =>
    ingestSources(targets, {
      ledger: store,
      pipelineVersion: 'test',
      allowPrivate: true,
      stderr: quiet,
      log: (e) => logs.push(e),
      fetcher: { intervalMs: 0 },
      ...more,
    })
  before(async () => {
    store = createSqliteStore(join(dir, 'sources.db'))
    await store.migrate()
    server = await startTestServer({
      '/feed.xml': (q, s) => {
        if (q.headers['if-none-match'] === '"feed-1"') return s.writeHead(304).end()
        s.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-1"' }).end(rss(server.origin, 0, 50))
      },
      '/atom.xml': (_q, s) =>
        s
          .writeHead(200, { 'content-type': 'application/atom+xml' })
          .end(
            `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><link href="/a/60"/><published>2026-12-06T10:00:00Z</published></entry></feed>`,
          ),
      '/feed.json': (_q, s) =>
        s
          .writeHead(200, { 'content-type': 'application/feed+json' })
          .end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: '1', url: `${server.origin}/a/61` }] })),
      '/sitemap-index.xml': (_q, s) =>
        s
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(`<sitemapindex><sitemap><loc>${server.origin}/news-sitemap.xml</loc></sitemap></sitemapindex>`),
      '/news-sitemap.xml': (_q, s) =>
        s
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${server.origin}/a/70</loc><news:news><news:publication_date>2026-12-05</news:publication_date><news:title>T</news:title></news:news></url><url><loc>${server.origin}/a/71</loc></url></urlset>`,
          ),
      // any /a/N page is generated article N
      '/a/*': (q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(Number((q.url ?? '').split('/')[2]?.split('?')[0]))),
      '/moved': (_q, s) => s.writeHead(301, { location: '/a/80' }).end(),
      '/copy/1': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(articleHtml(90, '/a/90')),
      '/latin1': (_q, s) =>
        s
          .writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' })
          .end(
            Buffer.from(
              `<html><body><h1>Caf\xe9 owners in Marlow protest</h1><p>${generatedArticle(95).paragraphs.join('</p><p>')} The caf\xe9 stayed shut.</p></body></html>`,
              'latin1',
            ),
          ),
    })
  })
  after(async () => {
    await server.close()
    await store.close()
  })

  it('reads a 50-item feed once: the second run stores nothing and sends If-None-Match', async () => {
    const first = await run([`${server.origin}/feed.xml`])
    assert.equal(first.inserted, 50, JSON.stringify(logs.filter((l) => l.status === 'failed').slice(0, 3)))
    assert.equal(first.failed, 0)
    const second = await run([`${server.origin}/feed.xml`])
    assert.equal(second.inserted, 0)
    assert.equal(second.seen, 0) // 304: no item read again
    const feedRequests = server.seen.filter((r) => r.path === '/feed.xml')
    assert.equal(feedRequests.at(-1)?.headers['if-none-match'], '"feed-1"')
    // the tracking parameters were dropped: each article is stored under its clean URL
    assert.ok(await store.findUrl(`${server.origin}/a/7`))
  })

  it('reads Atom, JSON Feed, a sitemap index with its news sitemap, and follows redirects', async () => {
    const stats = await run([`${server.origin}/atom.xml`, `${server.origin}/feed.json`, `${server.origin}/sitemap-index.xml`, `${server.origin}/moved`])
    assert.equal(stats.inserted, 5)
    assert.equal(stats.failed + stats.failedSources, 0)
    assert.ok(await store.findUrl(`${server.origin}/a/80`), 'stored under the URL it was redirected to')
    const id = await store.findUrl(`${server.origin}/a/70`)
    assert.equal((await store.getArticle(id ?? ''))?.published, '2026-12-05')
  })

  it('stores a page once by canonical URL: tracking parameters, fragments and rel=canonical', async () => {
    const before = server.seen.length
    const again = await run([`${server.origin}/a/7?utm_campaign=x#top`])
    assert.equal(again.duplicates, 1)
    assert.equal(server.seen.length, before, 'a stored URL is not fetched again')
    const page = await run([`${server.origin}/a/90`])
    assert.equal(page.inserted, 1)
    const copy = await run([`${server.origin}/copy/1`])
    assert.deepEqual([copy.inserted, copy.duplicates], [0, 1])
  })

  it('decodes a page by its declared charset', async () => {
    await run([`${server.origin}/latin1`])
    const id = await store.findUrl(`${server.origin}/latin1`)
    assert.match((await store.getArticle(id ?? ''))?.text ?? '', /The café stayed shut/)
  })

  it('links a near-duplicate (the same story re-headlined and trimmed) as a copy of the first', async () => {
    const story = generatedArticle(200)
    const html = (title: string, paragraphs: string[]) => `<html><body><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`
    const file = join(dir, 'copies.warc')
    writeFileSync(
      file,
      warcBytes(
        [
          { type: 'response', uri: 'https://one.example/story', body: html(story.title, story.paragraphs) },
          { type: 'response', uri: 'https://two.example/story', body: html('A different headline for the same story', story.paragraphs.slice(0, 4)) },
          {
            type: 'response',
            uri: 'https://three.example/other',
            // written apart from the generator, whose shared sentence patterns can make two generated articles look alike
            body: html('Library reopens after repairs', [
              'The city library reopened its doors on Saturday after eighteen months of repairs to the roof and the reading rooms.',
              'Volunteers carried the last boxes of books back onto the shelves on Friday evening, the head librarian said.',
              'A wing for children and a room for local history archives were added during the work, which cost less than planned.',
            ]),
          },
        ],
        false,
      ),
    )
    logs.length = 0
    const stats = await run([file])
    assert.equal(stats.inserted, 3)
    assert.equal(stats.copies, 1)
    const [first, second, third] = logs
    assert.equal(second?.status, 'copy')
    assert.equal(second?.copyOf, first?.id)
    assert.deepEqual(await store.copyOf(second?.id ?? ''), { copyOf: first?.id, similarity: (await store.copyOf(second?.id ?? ''))?.similarity })
    assert.equal(await store.copyOf(third?.id ?? ''), null)
  })

  it('ingests the HTML responses of a WARC.gz, skipping request, metadata and non-HTML records', async () => {
    const file = join(dir, 'crawl.warc.gz')
    writeFileSync(
      file,
      warcBytes(
        [
          { type: 'warcinfo', uri: '', body: 'software: test\r\n' },
          { type: 'request', uri: 'https://news.example/1', body: 'GET /1 HTTP/1.1\r\nHost: news.example\r\n\r\n' },
          { type: 'response', uri: 'https://news.example/1', body: articleHtml(300) },
          { type: 'metadata', uri: 'https://news.example/1', body: 'fetchTimeMs: 12\r\n' },
          { type: 'response', uri: 'https://news.example/logo.png', body: 'PNG', contentType: 'image/png' },
          { type: 'response', uri: 'https://news.example/gone', body: 'gone', status: 404 },
          { type: 'response', uri: 'https://news.example/2', body: articleHtml(301) },
        ],
        true,
      ),
    )
    logs.length = 0
    const stats = await run([file])
    assert.equal(stats.inserted, 2)
    assert.deepEqual(
      logs.map((l) => l.url),
      ['https://news.example/1', 'https://news.example/2'],
    )
    const again = await run([file])
    assert.equal(again.seen, 0, 'the saved offset is past the last record')
  })

  it('reports a failed source in one line and goes on with the others', async () => {
    const lines: string[] = []
    const err = { write: (s: string) => lines.push(s) > 0, isTTY: false } as unknown as NodeJS.WriteStream
    const broken = join(dir, 'broken.warc')
    writeFileSync(broken, 'WARC/1.0\r\nWARC-Type: response\r\n\r\n')
    const stats = await run([`${server.origin}/nothing-here`, broken, `${server.origin}/a/400`, 'http://10.0.0.1/'], { stderr: err, allowPrivate: false })
    assert.equal(stats.failedSources, 4)
    assert.equal(stats.inserted, 0)
    assert.equal(lines.length, 4)
    assert.match(lines[0] ?? '', /nothing-here: refused: 127\.0\.0\.1:\d+ is a loopback address/)
    assert.match(lines[1] ?? '', /broken.warc: byte 0: a WARC record without a valid Content-Length/)
    assert.match(lines[3] ?? '', /refused: 10\.0\.0\.1 is a private address/)
    for (const l of lines) assert.equal(l.trim().split('\n').length, 1)
    const ok = await run([`${server.origin}/nothing-here`, `${server.origin}/a/400`], { stderr: err })
    assert.equal(ok.failedSources, 1)
    assert.match(lines[4] ?? '', /HTTP 404/)
    assert.equal(ok.inserted, 1)
  })
})
