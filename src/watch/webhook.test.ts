import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createWatchRunner, webhookFetchers } from '../services/watch-runner.js'
import { type ConnectTarget, createFetcher } from '../sources/safe-fetch.js'
import { startTestServer, type TestServer } from '../sources/test-server.js'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Store } from '../store/store.js'
import { addWatch } from './manage.js'
import { ruleWithDefaults } from './rule.js'
import { streamArticles } from './test-streams.js'
import { ALERT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER, verifyWebhook } from './webhook.js'

// As in the sources' tests: the receiver is named by a public-looking address that the test
// connector turns into 127.0.0.1, so the fetcher's production refusal of loopback stays on.
const PUBLIC = '93.184.216.34'
const resolver = async (host: string): Promise<string[]> => {
  if (host !== 'hooks.example') throw new Error(`no such name in the test resolver: ${host}`)
  return [PUBLIC]
}

interface Received {
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

const EVENT = { source: 'KKKGOV', target: 'LLLGOV', cameo: '036', goldstein: 4, quad: 1 }

describe('webhook delivery', () => {
  let server: TestServer
  let store: Store
  const received: Received[] = []
  let failing = 0
  const collect = (status: number) => (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      if (status >= 500) failing++
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : 'broken')
    })
  }
  const fetcherFor = () =>
    createFetcher({
      resolver,
      connector: (t: ConnectTarget): Socket => {
        assert.equal(t.address, PUBLIC, `a connection was attempted to ${t.address}`)
        return connect({ host: '127.0.0.1', port: server.port })
      },
      retries: 0,
      robots: false,
      intervalMs: 0,
    })

  before(async () => {
    server = await startTestServer({
      '/hook': collect(200),
      '/broken': collect(500),
      '/gone': collect(410),
      '/moved': (_req, res) => res.writeHead(307, { location: '/hook' }).end(),
    })
    store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-hook-')), 'hook.db'))
    await store.migrate()
  })
  after(async () => {
    await store.close()
    await server.close()
  })

  it('posts a signed alert that the receiver verifies with the watch secret', async () => {
    const secret = 'a-secret-the-receiver-shares'
    await addWatch(store, {
      name: 'talks',
      rule: ruleWithDefaults({ actor1: 'KKK' }, 'any', {}),
      webhookUrl: `http://hooks.example:${server.port}/hook`,
      webhookSecret: secret,
    })
    await store.saveMany(streamArticles([{ ...EVENT, date: '2025-03-03' }], 'hook'), 'test')
    const log: string[] = []
    await createWatchRunner({ store, fetcherFor, log: (l) => log.push(l) }).run()
    assert.equal(received.length, 1)
    const got = received[0] as Received
    const timestamp = String(got.headers[TIMESTAMP_HEADER])
    const signature = String(got.headers[SIGNATURE_HEADER])
    assert.ok(verifyWebhook(secret, timestamp, got.body, signature))
    assert.ok(!verifyWebhook('another-secret', timestamp, got.body, signature))
    assert.ok(!verifyWebhook(secret, timestamp, got.body.replace('KKKGOV', 'KKKMIL'), signature))
    assert.equal(got.headers['content-type'], 'application/json')
    const body = JSON.parse(got.body) as { watch: string; alert: { id: number; kind: string; events: { evidence: string; articleUrl: string }[] } }
    assert.equal(body.watch, 'talks')
    assert.equal(body.alert.kind, 'any')
    assert.equal(String(body.alert.id), got.headers[ALERT_HEADER])
    assert.match(body.alert.events[0]?.evidence ?? '', /^The KKKGOV side took step 0/)
    assert.equal(body.alert.events[0]?.articleUrl, 'https://news.example/hook/0')
    const [alert] = await store.listAlerts({ watch: 'talks', limit: 1 })
    assert.deepEqual([alert?.delivery, alert?.attempts, alert?.deliveryError], ['delivered', 1, null])
    assert.match(log.join('\n'), /watch talks fired \(any, 2025-03-03\)/)
  })

  it('retries a failing receiver, then records the failure with the attempts and the reason', async () => {
    await addWatch(store, { name: 'broken', rule: ruleWithDefaults({ actor1: 'KKK' }, 'any', {}), webhookUrl: `http://hooks.example:${server.port}/broken` })
    await store.saveMany(streamArticles([{ ...EVENT, date: '2025-03-04' }], 'broken'), 'test')
    const waits: number[] = []
    const runner = createWatchRunner({
      store,
      fetcherFor,
      delivery: { retries: 3, backoffMs: 100, sleep: async (ms) => void waits.push(ms) },
    })
    failing = 0
    await runner.run()
    assert.equal(failing, 4)
    assert.deepEqual(waits, [100, 200, 400])
    const [alert] = await store.listAlerts({ watch: 'broken', limit: 1 })
    assert.equal(alert?.delivery, 'failed')
    assert.equal(alert?.attempts, 4)
    assert.match(alert?.deliveryError ?? '', /HTTP 500/)
    // the other watch fired on the new day too, and its receiver took it at once
    const [talks] = await store.listAlerts({ watch: 'talks', limit: 1 })
    assert.deepEqual([talks?.windowStart, talks?.delivery], ['2025-03-04', 'delivered'])
  })

  it('gives up at once on a 4xx or a refused address (the fetcher refuses loopback unless the watch allows private addresses)', async () => {
    await addWatch(store, { name: 'gone', rule: ruleWithDefaults({ actor1: 'KKK' }, 'any', {}), webhookUrl: `http://hooks.example:${server.port}/gone` })
    const local = await addWatch(store, { name: 'local', rule: ruleWithDefaults({ actor1: 'KKK' }, 'any', {}), webhookUrl: `${server.origin}/hook` })
    assert.equal(local.allowPrivate, false)
    await store.saveMany(streamArticles([{ ...EVENT, date: '2025-03-05' }], 'gone'), 'test')
    await createWatchRunner({ store, fetcherFor, delivery: { sleep: async () => undefined } }).run()
    const byWatch = new Map((await store.listAlerts({ limit: 20 })).filter((a) => a.windowStart === '2025-03-05').map((a) => [a.watch, a]))
    assert.deepEqual([byWatch.get('gone')?.delivery, byWatch.get('gone')?.attempts], ['failed', 1])
    assert.match(byWatch.get('gone')?.deliveryError ?? '', /HTTP 410/)
    assert.deepEqual([byWatch.get('local')?.delivery, byWatch.get('local')?.attempts], ['failed', 1])
    assert.match(byWatch.get('local')?.deliveryError ?? '', /refused: 127\.0\.0\.1:\d+ is a loopback address/)
    assert.deepEqual([byWatch.get('talks')?.delivery, byWatch.get('broken')?.attempts], ['delivered', 4])
    // the runner's own fetchers: loopback refused by default, let through for a watch added with --allow-private
    const real = webhookFetchers()
    const request = { body: Buffer.from('{}'), contentType: 'application/json' }
    await assert.rejects(real(false).post(`${server.origin}/hook`, request), /refused: 127\.0\.0\.1:\d+ is a loopback address/)
    assert.equal((await real(true).post(`${server.origin}/hook`, request)).status, 200)
  })

  it('a POST never follows a redirect', async () => {
    const before = received.length
    await assert.rejects(
      fetcherFor().post(`http://hooks.example:${server.port}/moved`, { body: Buffer.from('{}'), contentType: 'application/json' }),
      /HTTP 307 \(a POST does not follow redirects\)/,
    )
    assert.equal(received.length, before)
  })

  it('signs the timestamp with the body', () => {
    const sig = signWebhook('s', '100', '{"a":1}')
    assert.match(sig, /^sha256=[0-9a-f]{64}$/)
    assert.ok(verifyWebhook('s', '100', '{"a":1}', sig))
    assert.ok(!verifyWebhook('s', '101', '{"a":1}', sig))
    assert.ok(!verifyWebhook('s', '100', '{"a":1}', 'sha256=00'))
  })
})
