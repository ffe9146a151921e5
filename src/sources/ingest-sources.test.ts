import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Store } from '../store/store.js'
import type { DocumentLog } from './documents.js'
import { type IngestSourcesOptions, ingestSources } from './index.js'
import { articleHtml, generatedArticle, warcBytes } from './test-articles.js'
import { startTestServer, type TestServer } from './test-server.js'

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
})
