import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { articleHtml, warcBytes } from '../src/sources/test-articles.js'
import { startTestServer, type TestServer } from '../src/sources/test-server.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
// asynchronous: the test server answers from this process, so the CLI must not block it
const run = (args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => {
      stdout += c
    })
    child.stderr.on('data', (c) => {
      stderr += c
    })
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
const dir = mkdtempSync(join(tmpdir(), 'sitrep-sources-cli-'))

async function articles(db: string): Promise<number> {
  const store = createSqliteStore(db)
  const n = (await store.counts()).articles
  await store.close()
  return n
}

describe('sitrep ingest: pages, OPML files, WARC files', () => {
  let server: TestServer
  before(async () => {
    server = await startTestServer({
      '/a/*': (q, s) => s.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(Number((q.url ?? '').split('/')[2]))),
      '/rss': (_q, s) =>
        s
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(`<rss version="2.0"><channel><item><link>${server.origin}/a/11</link></item><item><link>${server.origin}/a/12</link></item></channel></rss>`),
      '/news-sitemap.xml': (_q, s) => {
        const url = (i: number) =>
          `<url><loc>${server.origin}/a/${i}</loc><news:news><news:publication><news:name>Desk</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-11-30</news:publication_date><news:title>Story ${i}</news:title></news:news></url>`
        s.writeHead(200, { 'content-type': 'application/xml' }).end(
          `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${url(21)}${url(22)}</urlset>`,
        )
      },
    })
  })
  after(() => server.close())

  it('ingests a page URL (with --allow-private for the local server), and refuses it without', async () => {
    const db = join(dir, 'page.db')
    const refused = await run(['ingest', `${server.origin}/a/10`, '--db', db])
    assert.equal(refused.status, 1)
    assert.match(refused.stderr, /refused: 127\.0\.0\.1:\d+ is a loopback address \(use --allow-private for an intranet\)/)
    const r = await run(['ingest', `${server.origin}/a/10`, '--db', db, '--allow-private', '--contact', 'https://example.org/contact'])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stderr, /1 new, 0 already stored, 0 failed/)
    assert.match(String(server.seen.at(-1)?.headers['user-agent']), /^sitrep\/\d+\.\d+\.\d+ \(\+https:\/\/example\.org\/contact\)$/)
  })

  it('ingests a feed URL and a news sitemap URL: every page they name', async () => {
    const db = join(dir, 'lists.db')
    const feed = await run(['ingest', `${server.origin}/rss`, '--db', db, '--allow-private'])
    assert.equal(feed.status, 0, feed.stderr)
    assert.match(feed.stderr, /2 new, 0 already stored, 0 failed/)
    const sitemap = await run(['ingest', `${server.origin}/news-sitemap.xml`, '--db', db, '--allow-private'])
    assert.equal(sitemap.status, 0, sitemap.stderr)
    assert.match(sitemap.stderr, /2 new, 0 already stored, 0 failed/)
    assert.equal(await articles(db), 4)
  })

  it('ingests the feeds of an OPML file, one JSON line per document with --log json', async () => {
    const db = join(dir, 'opml.db')
    const opml = join(dir, 'subscriptions.opml')
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><body><outline text="desk" xmlUrl="${server.origin}/rss"/></body></opml>`)
    const r = await run(['ingest', opml, '--db', db, '--allow-private', '--log', 'json'])
    assert.equal(r.status, 0, r.stderr)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; url: string })
    assert.deepEqual(
      lines.map((l) => [l.status, l.url]),
      [
        ['new', `${server.origin}/a/11`],
        ['new', `${server.origin}/a/12`],
      ],
    )
  })

  it('ingests a WARC.gz file', async () => {
    const db = join(dir, 'warc.db')
    const file = join(dir, 'small.warc.gz')
    writeFileSync(
      file,
      warcBytes(
        [1, 2, 3].map((i) => ({ type: 'response' as const, uri: `https://news.example/${i}`, body: articleHtml(500 + i) })),
        true,
      ),
    )
    const r = await run(['ingest', file, '--db', db])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stderr, /3 document\(s\): 3 new/)
    assert.equal(await articles(db), 3)
  })

  it('polls a feeds file with --every until Ctrl-C, then exits cleanly with the summary', async () => {
    const db = join(dir, 'poll.db')
    const feeds = join(dir, 'feeds.txt')
    writeFileSync(feeds, `# the desk's feeds\n${server.origin}/rss\n`)
    const polls = () => server.seen.filter((r) => r.path === '/rss').length
    const before = polls()
    const child = spawn(process.execPath, [CLI, 'ingest', feeds, '--db', db, '--allow-private', '--every', '1s'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c) => {
      stderr += c
    })
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    while (polls() < before + 2) await new Promise((r) => setTimeout(r, 100))
    child.kill('SIGINT')
    assert.equal(await exited, 0, stderr)
    assert.match(stderr, /stopping after the current document/)
    assert.match(stderr, /: 2 new, [1-9]\d* already stored, 0 failed/)
  })

  it('refuses a bad --every and a bad --log', async () => {
    assert.equal((await run(['ingest', `${server.origin}/a/1`, '--every', 'soon'])).status, 2)
    assert.equal((await run(['ingest', `${server.origin}/a/1`, '--log', 'xml'])).status, 2)
  })
})

describe('sitrep ingest: a run killed mid-WARC and started again', () => {
  it('stores every record exactly once and goes on from where it stopped', async () => {
    const total = 40
    const db = join(dir, 'resume.db')
    const file = join(dir, 'resume.warc.gz')
    writeFileSync(
      file,
      warcBytes(
        Array.from({ length: total }, (_, i) => ({ type: 'response' as const, uri: `https://news.example/r/${i}`, body: articleHtml(1000 + i) })),
        true,
      ),
    )
    // the first run is killed with SIGKILL once it has stored a few records
    const child = spawn(process.execPath, [CLI, 'ingest', file, '--db', db, '--log', 'json'], { stdio: ['ignore', 'pipe', 'ignore'] })
    const firstUrls: string[] = []
    for await (const line of createInterface({ input: child.stdout })) {
      firstUrls.push((JSON.parse(line) as { url: string }).url)
      if (firstUrls.length === 8) {
        child.kill('SIGKILL')
        break
      }
    }
    await new Promise((resolve) => child.once('exit', resolve))
    const storedAfterKill = await articles(db)
    assert.ok(storedAfterKill >= 8 && storedAfterKill < total, `killed mid-file: ${storedAfterKill} stored`)
    const second = await run(['ingest', file, '--db', db, '--log', 'json'])
    assert.equal(second.status, 0, second.stderr)
    const secondLogs = second.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { url: string; status: string })
    // the restart reads from the saved offset: at most the record in flight at the kill is seen again
    assert.ok(secondLogs.length <= total - storedAfterKill + 1, `${secondLogs.length} records read again`)
    assert.equal(secondLogs.filter((l) => l.status === 'new' || l.status === 'copy').length, total - storedAfterKill)
    assert.equal(await articles(db), total)
    const urls = new Set([...firstUrls, ...secondLogs.map((l) => l.url)])
    assert.equal(urls.size, total)
  })
})
