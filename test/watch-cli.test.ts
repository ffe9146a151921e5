import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { startTestServer, type TestServer } from '../src/sources/test-server.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { dailyStream, streamArticles } from '../src/watch/test-streams.js'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../src/watch/webhook.js'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))

// asynchronous, so the receiver in this process can answer while the command runs
const run = (args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, SITREP_DB: '' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    p.on('close', (status) => resolve({ status, stdout, stderr }))
  })

// 60 days of a dyad's consultations from Monday 2025-01-06, 0 to 3 a day, and 10 on day 45 (2025-02-20)
const stream = () =>
  dailyStream(
    '2025-01-06',
    60,
    5,
    (d, r) => (d === 45 ? 10 : Math.floor(r() * 4)),
    (date) => ({ date, source: 'MMMGOV', target: 'NNNGOV', cameo: '043', goldstein: 2.8, quad: 1 }),
  )

describe('sitrep watch', () => {
  let db: string
  let server: TestServer
  const posts: { headers: IncomingMessage['headers']; body: string }[] = []
  before(async () => {
    db = join(mkdtempSync(join(tmpdir(), 'sitrep-watch-cli-')), 'w.db')
    const store = createSqliteStore(db)
    await store.migrate()
    const events = stream()
    // days before the spike are stored first; the rest arrive after the watch is added
    await store.saveMany(
      streamArticles(
        events.filter((e) => e.date < '2025-02-18'),
        'cli',
      ),
      'test',
    )
    await store.close()
    server = await startTestServer({
      '/hook': (req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          posts.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
          res.writeHead(204).end()
        })
      },
    })
  })
  after(() => server.close())

  it('adds a watch, lists it, refuses a duplicate name and bad flags', async () => {
    const added = await run(['watch', 'add', '--name', 'mmm-spike', '--actor1', 'MMM', '--actor2', 'nnn', '--when', 'spike', '--db', db])
    assert.equal(added.status, 0, added.stderr)
    assert.match(added.stdout, /^added watch mmm-spike: MMM -> NNN; fires on spike: z >= 3 against 28 days/)
    const plain = await run(['watch', 'add', '--name', 'mmm-any', '--actor', 'MMM*', '--db', db])
    assert.match(plain.stdout, /fires on any event \(1-day windows\)/)
    const again = await run(['watch', 'add', '--name', 'mmm-any', '--actor', 'MMM', '--db', db])
    assert.equal(again.status, 1)
    assert.match(again.stderr, /a watch named "mmm-any" exists already/)
    for (const [flags, message] of [
      [['--when', 'sometimes'], /--when expects one of any, spike, drop, rise, first/],
      [['--root', '1'], /--root.*2 digits/],
      [['--country', 'XX'], /--country expects an ISO country code/],
      [['--window', '7d', '--baseline', '10d', '--when', 'spike'], /whole number of windows/],
      [['--both-ways'], /--both-ways needs --actor1 and --actor2/],
    ] as const) {
      const r = await run(['watch', 'add', '--name', 'bad', ...flags, '--db', db])
      assert.equal(r.status, 2, `${flags.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, message)
    }
    const list = await run(['watch', 'list', '--db', db])
    assert.deepEqual(
      list.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('  ')[0]),
      ['mmm-any', 'mmm-spike'],
    )
  })

  it('test replays the stored events and prints a "fired" line each time the watch would have fired', async () => {
    const r = await run(['watch', 'test', 'mmm-spike', '--since', '2025-01-06', '--db', db])
    assert.equal(r.status, 0, r.stderr)
    // the spike day is not stored yet
    assert.doesNotMatch(r.stdout, /fired/)
    const store = createSqliteStore(db)
    await store.saveMany(
      streamArticles(
        stream().filter((e) => e.date >= '2025-02-18'),
        'cli-late',
      ),
      'test',
    )
    await store.close()
    const later = await run(['watch', 'test', 'mmm-spike', '--since', '2025-01-06', '--db', db])
    const fired = later.stdout.split('\n').filter((l) => /\bfired\b/.test(l))
    assert.equal(fired.length, 1, later.stdout)
    assert.match(fired[0] as string, /^fired 2025-02-20 spike: 10 events on 2025-02-20/)
    assert.match(later.stdout, /\n {4}2025-02-20 MMMGOV -> NNNGOV 043: The MMMGOV side took step/)
    assert.match(later.stderr, /would have fired 1 time\(s\)/)
    assert.equal((await run(['watch', 'test', 'nobody', '--since', '2025-01-06', '--db', db])).status, 1)
    assert.equal((await run(['watch', 'test', 'mmm-spike', '--db', db])).status, 2)
  })

  it('run records the alerts once and posts them, signed, to the webhook; alerts lists them', async () => {
    const added = await run([
      'watch',
      'add',
      '--name',
      'hooked',
      '--actor1',
      'MMM',
      '--when',
      'spike',
      '--webhook',
      `${server.origin}/hook`,
      '--allow-private',
      '--db',
      db,
    ])
    assert.equal(added.status, 0, added.stderr)
    const secret = /signing secret ([0-9a-f]{64})/.exec(added.stdout)?.[1] as string
    // the watch was added after the spike was stored: move its cursor back so that the run sees the spike as new
    const store = createSqliteStore(db)
    const watch = await store.getWatch('hooked')
    assert.ok(watch)
    await store.recordEvaluation('hooked', watch.afterEventId, 0, [])
    await store.close()
    const r = await run(['watch', 'run', '--db', db])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /watch hooked fired \(spike, 2025-02-20\)/)
    assert.equal(posts.length, 1)
    const post = posts[0] as (typeof posts)[number]
    assert.ok(verifyWebhook(secret, String(post.headers[TIMESTAMP_HEADER]), post.body, String(post.headers[SIGNATURE_HEADER])))
    assert.equal((JSON.parse(post.body) as { alert: { eventCount: number } }).alert.eventCount, 10)
    const again = await run(['watch', 'run', '--db', db])
    assert.match(again.stdout, /no watch fired/)
    assert.equal(posts.length, 1)
    const alerts = await run(['watch', 'alerts', 'hooked', '--db', db])
    assert.match(alerts.stdout, /hooked 2025-02-20 spike: 10 events .*\[delivered, 1 attempt\(s\)\]/)
    const removed = await run(['watch', 'remove', 'hooked', '--db', db])
    assert.match(removed.stdout, /removed watch hooked/)
    assert.match((await run(['watch', 'alerts', 'hooked', '--db', db])).stdout, /no alerts/)
  })
})
