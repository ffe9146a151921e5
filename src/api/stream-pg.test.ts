import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { issueToken } from '../services/api-tokens.js'
import { createPostgresStore, EVENTS_CHANNEL } from '../store/postgres/pg-store.js'
import { createTestDatabase, dropTestDatabases, serverProblem } from '../store/postgres/test-database.js'
import { EVENT_COLUMNS } from '../store/rows.js'
import type { Store } from '../store/store.js'
import { DOC_A, DOC_B } from '../store/store-contract.js'
import { createApp } from './app.js'
import { LEXICON } from './test-helpers.js'

// PostgreSQL runs for real here; in CI a missing server is an error, elsewhere the reason is printed
const problem = await serverProblem()
if (problem && process.env.CI) throw new Error(`${problem}: the stream's PostgreSQL tests cannot run, and CI is set`)
if (problem) process.stderr.write(`skipping the stream's PostgreSQL tests: ${problem}\n`)

interface Message {
  event: string
  id: string | null
  data: string
}

/** Reads Server-Sent Events from a response, one message at a time, failing after `ms`. */
function sse(res: Response) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  return {
    async next(ms = 5000): Promise<Message> {
      const deadline = Date.now() + ms
      for (;;) {
        const end = text.indexOf('\n\n')
        if (end >= 0) {
          const frame = text.slice(0, end)
          text = text.slice(end + 2)
          if (frame.startsWith(':')) continue // keep-alive
          const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(frame)?.[1] ?? null
          return { event: field('event') ?? 'message', id: field('id'), data: field('data') ?? '' }
        }
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no message within ${ms} ms`)
        let timer: NodeJS.Timeout | undefined
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no message within ${ms} ms`)), left)
          }),
        ]).finally(() => clearTimeout(timer))
        if (chunk.done) throw new Error('the stream ended')
        text += decoder.decode(chunk.value)
      }
    },
    close: () => reader.cancel(),
  }
}

// a document like DOC_B with another text, so it is a new article with one EGY→ISR event
const variant = (word: string) => ({
  ...DOC_B,
  id: word,
  article: { ...(DOC_B.article as NonNullable<typeof DOC_B.article>), text: `${DOC_B.article?.text ?? ''} ${word}.` },
})

describe('API stream over PostgreSQL: new events told by LISTEN/NOTIFY', { skip: problem ?? false }, () => {
  let url: string
  let server: Store
  let worker: Store
  let app: ReturnType<typeof createApp>
  before(async () => {
    url = await createTestDatabase()
    server = createPostgresStore(url)
    await server.migrate()
    await issueToken(server, 'reader', 'read')
    // a second store on the same database: a worker process writing
    worker = createPostgresStore(url)
    // a poll so slow that only a notice can bring an event within the test's wait
    app = createApp({ store: server, lexicon: LEXICON, streamPollMs: 600_000, log: () => undefined })
  })
  after(async () => {
    await worker?.close()
    await server?.close()
    await dropTestDatabases()
  })

  it("sends another process's committed events at once, filtered by the CLI's flags", async () => {
    const all = sse(await app.request('/v1/stream'))
    const egypt = sse(await app.request('/v1/stream?actor1=EGY&root=04'))
    assert.equal((await all.next()).event, 'ready')
    assert.equal((await egypt.next()).event, 'ready')
    await worker.save(DOC_A, 'test')
    await worker.save(variant('Thursday'), 'test')
    const seen = [await all.next(), await all.next(), await all.next()].map((m) => (JSON.parse(m.data) as { cameo: string }).cameo)
    assert.deepEqual(seen, ['111', '0233', '043'])
    const first = await egypt.next()
    assert.equal(first.event, 'event')
    assert.deepEqual([(JSON.parse(first.data) as { sourceCode: string }).sourceCode, (JSON.parse(first.data) as { cameo: string }).cameo], ['EGY', '043'])
    await all.close()
    await egypt.close()
  })

  it('sends an event whose write committed after later ones once, and nothing twice', async () => {
    const stream = sse(await app.request('/v1/stream'))
    assert.equal((await stream.next()).event, 'ready')
    const [template] = await server.queryEvents({ code: '043' })
    assert.ok(template)
    // a slow writer takes an event id and holds its transaction open
    const slow = new pg.Client({ connectionString: url })
    await slow.connect()
    await slow.query('BEGIN')
    const columns = EVENT_COLUMNS.join(', ')
    const copied = EVENT_COLUMNS.map((c) => (c === 'ordinal' ? 'ordinal + 100' : c)).join(', ')
    const late = Number(
      (await slow.query<{ id: string }>(`INSERT INTO events (${columns}) SELECT ${copied} FROM events WHERE id = $1 RETURNING id`, [template.id])).rows[0]?.id,
    )
    // meanwhile a fast writer commits events with higher ids, which are sent
    await worker.save(variant('Friday'), 'test')
    const fast = await stream.next()
    assert.ok(Number(fast.id) > late)
    // the slow one commits (with its notice, as the store sends it): its event comes now
    await slow.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(late)])
    await slow.query('COMMIT')
    assert.equal(Number((await stream.next()).id), late)
    // a notice about events already sent sends nothing again: the next message is a new event
    await slow.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(template.id)])
    await slow.end()
    await worker.save(variant('Saturday'), 'test')
    const next = await stream.next()
    assert.ok(Number(next.id) > Number(fast.id), `${next.id} after ${fast.id}`)
    await stream.close()
  })

  it('listens again when its connection is lost, and sends what was written meanwhile', async () => {
    const stream = sse(await app.request('/v1/stream'))
    assert.equal((await stream.next()).event, 'ready')
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'")
    await worker.save(variant('Sunday'), 'test')
    const message = await stream.next(10_000)
    assert.equal((JSON.parse(message.data) as { cameo: string }).cameo, '043')
    const listeners = await admin.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'")
    assert.equal(listeners.rowCount, 1)
    await admin.end()
    await stream.close()
  })

  it('closes the listening connection with the last stream and with the store', async () => {
    const listening = async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      const n = Number(
        (await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'")).rows[0]?.n,
      )
      await c.end()
      return n
    }
    assert.equal(await listening(), 0)
    const stream = sse(await app.request('/v1/stream'))
    await stream.next()
    assert.equal(await listening(), 1)
    await stream.close()
    for (let i = 0; i < 50 && (await listening()) > 0; i++) await new Promise((r) => setTimeout(r, 20))
    assert.equal(await listening(), 0)
    // the store's own close ends a listening connection that streams left open
    const store = createPostgresStore(url)
    const stop = await (store.watchEvents as NonNullable<Store['watchEvents']>)(() => undefined)
    assert.equal(await listening(), 1)
    await store.close()
    assert.equal(await listening(), 0)
    await stop()
  })
})
