import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { EventFilterSchema } from '../store/event-filter.js'
import { type ApiFixture, apiFixture, withToken } from './test-helpers.js'

interface Page {
  events: { id: number; cameo: string; articleId: string; evidence: string }[]
  next: string | null
}

describe('API reads', () => {
  let f: ApiFixture
  before(async () => {
    f = await apiFixture()
  })
  after(async () => f.store.close())

  it('answers health, stats and a page of events with the shared filters', async () => {
    const health = await f.app.request('/v1/health')
    assert.equal(health.status, 200)
    assert.equal(((await health.json()) as { status: string }).status, 'ok')
    const stats = (await (await f.app.request('/v1/stats')).json()) as { articles: number; events: number }
    assert.deepEqual([stats.articles, stats.events], [2, 3])
    const all = (await (await f.app.request('/v1/events')).json()) as Page
    assert.deepEqual(
      all.events.map((e) => e.cameo),
      ['043', '111', '0233'],
    )
    assert.equal(all.next, null)
    const rus = (await (await f.app.request('/v1/events?actor=rus&since=2025-07-31')).json()) as Page
    assert.deepEqual(
      rus.events.map((e) => e.cameo),
      ['111', '0233'],
    )
  })

  it('pages with a cursor until next is null', async () => {
    const seen: string[] = []
    let url = '/v1/events?limit=1'
    for (let i = 0; i < 10; i++) {
      const page = (await (await f.app.request(url)).json()) as Page
      seen.push(...page.events.map((e) => e.cameo))
      if (!page.next) break
      url = `/v1/events?limit=1&cursor=${page.next}`
    }
    assert.deepEqual(seen, ['043', '111', '0233'])
  })

  it('answers one event with its evidence and article, and 404 for an unknown one', async () => {
    const page = (await (await f.app.request('/v1/events?code=111')).json()) as Page
    const id = page.events[0]?.id
    const res = await f.app.request(`/v1/events/${id}`)
    assert.equal(res.status, 200)
    const body = (await res.json()) as { event: { cameo: string }; article: { title: string; url: string }; evidence: { sentence: string; trigger: string } }
    assert.equal(body.event.cameo, '111')
    assert.equal(body.article.title, 'Strikes condemned')
    assert.equal(body.evidence.trigger, 'condemned')
    assert.match(body.evidence.sentence, /^Moscow condemned/)
    const missing = await f.app.request('/v1/events/999999')
    assert.equal(missing.status, 404)
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'not_found')
  })

  it('answers an article with all its layers or the ones asked for', async () => {
    const page = (await (await f.app.request('/v1/events?code=111')).json()) as Page
    const id = page.events[0]?.articleId
    const full = (await (await f.app.request(`/v1/articles/${id}`)).json()) as { title: string; analysis: Record<string, unknown> }
    assert.equal(full.title, 'Strikes condemned')
    // the layers the store keeps (the events' places among them since the event-place migration)
    for (const layer of ['article', 'events', 'id', 'messages']) assert.ok(layer in full.analysis, layer)
    const some = (await (await f.app.request(`/v1/articles/${id}?layers=events`)).json()) as { analysis: Record<string, unknown> }
    assert.deepEqual(Object.keys(some.analysis).sort(), ['events', 'id'])
    assert.equal((await f.app.request(`/v1/articles/${'0'.repeat(32)}`)).status, 404)
    assert.equal((await f.app.request(`/v1/articles/${id}?layers=secrets`)).status, 400)
  })

  it('looks actors up in the registry by name, with their roles on a day', async () => {
    const res = await f.app.request('/v1/actors?name=United%20Nations%20Security%20Council&date=2025-07-31')
    assert.equal(res.status, 200)
    const body = (await res.json()) as { date: string; organisations: { code: string }[] }
    assert.equal(body.date, '2025-07-31')
    assert.ok(body.organisations.some((o) => o.code.startsWith('IGOUNO')))
    const none = (await (await f.app.request('/v1/actors?name=Nobody%20Atall')).json()) as { people: unknown[]; organisations: unknown[] }
    assert.deepEqual([none.people, none.organisations], [[], []])
    assert.equal((await f.app.request('/v1/actors')).status, 400)
    assert.equal((await f.app.request('/v1/actors?name=UN&date=2025-02-30')).status, 400)
  })

  it('refuses an unknown filter, a malformed one and a repeated one with 400 in the one error shape', async () => {
    for (const query of ['bogus=1', 'actor=S', 'code=abc', 'since=2025-13-01', 'limit=0', 'limit=1001', 'limit=1e3', 'cursor=-1', 'actor=SYR&actor=RUS']) {
      const res = await f.app.request(`/v1/events?${query}`)
      assert.equal(res.status, 400, query)
      const body = (await res.json()) as { error: { code: string; message: string } }
      assert.ok(['invalid_request', 'unknown_field'].includes(body.error.code), query)
      assert.ok(body.error.message.length > 0)
    }
    const unknown = (await (await f.app.request('/v1/events?colour=red')).json()) as { error: { code: string; message: string } }
    assert.deepEqual(unknown.error.code, 'unknown_field')
    assert.match(unknown.error.message, /colour/)
  })

  it('takes a SQL metacharacter in every filter and path without effect: 400 or an empty answer, nothing changed', async () => {
    const before = await f.snapshot()
    const nasty = ["'", "' OR '1'='1", '1; DROP TABLE events; --', '%', '_', '\\', '"', ') OR 1=1 --']
    // every filter of the shared schema, so one added later is covered too
    const filters = [...Object.keys(EventFilterSchema.shape), 'cursor']
    for (const key of filters) {
      for (const value of nasty) {
        const res = await f.app.request(`/v1/events?${key}=${encodeURIComponent(value)}`)
        assert.equal(res.status, 400, `${key}=${value}`)
        await res.body?.cancel()
        // the stream takes the same filters (a limit and a cursor are no stream's: unknown there)
        const stream = await f.app.request(`/v1/stream?${key}=${encodeURIComponent(value)}`)
        assert.equal(stream.status, 400, `stream ${key}=${value}`)
        await stream.body?.cancel()
      }
    }
    for (const value of nasty) {
      const paths = [
        `/v1/events/${encodeURIComponent(value)}`,
        `/v1/articles/${encodeURIComponent(value)}`,
        `/v1/articles/${'a'.repeat(32)}?layers=${encodeURIComponent(value)}`,
      ]
      for (const path of paths) assert.ok([400, 404].includes((await f.app.request(path)).status), path)
      const actors = await f.app.request(`/v1/actors?name=${encodeURIComponent(value)}`)
      assert.equal(actors.status, 200)
      const stream = await f.app.request(`/v1/stream?after=${encodeURIComponent(value)}`)
      assert.equal(stream.status, 400)
    }
    assert.equal(await f.snapshot(), before)
  })

  it('answers an unknown route with 404 in the error shape, and sets security headers', async () => {
    const res = await f.app.request('/v1/nothing-here')
    assert.equal(res.status, 404)
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found')
    const ok = await f.app.request('/v1/events')
    assert.equal(ok.headers.get('x-content-type-options'), 'nosniff')
    assert.equal(ok.headers.get('x-frame-options'), 'SAMEORIGIN')
    assert.match(ok.headers.get('content-security-policy') ?? '', /default-src 'none'/)
    assert.equal(ok.headers.get('access-control-allow-origin'), null)
  })

  it('serves the docs page and its own scripts, and nothing else from disk', async () => {
    const page = await f.app.request('/docs')
    assert.equal(page.status, 200)
    assert.match(await page.text(), /\/docs\/swagger-ui-bundle\.js/)
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/)
    const bundle = await f.app.request('/docs/swagger-ui-bundle.js')
    assert.equal(bundle.status, 200)
    assert.ok((await bundle.text()).length > 100_000)
    assert.equal((await f.app.request('/docs/package.json')).status, 404)
    assert.equal((await f.app.request('/docs/..%2Fpackage.json')).status, 404)
  })

  it('answers an unexpected failure with 500 and no stack trace', async () => {
    const broken = await apiFixture()
    broken.store.queryEvents = async () => {
      throw new Error('disk on fire\n    at secret (/internal/path.js:1:1)')
    }
    const res = await broken.app.request('/v1/events')
    assert.equal(res.status, 500)
    const text = await res.text()
    assert.deepEqual(JSON.parse(text), { error: { code: 'internal', message: 'internal error: the request could not be completed' } })
    await broken.store.close()
  })
})

describe('API writes and analysis', () => {
  let f: ApiFixture
  before(async () => {
    f = await apiFixture()
  })
  after(async () => f.store.close())

  const TEXT = 'Talks resumed\n\nEgypt hosted talks with Israel in Cairo on Monday.'

  it('analyses a text without storing it', async () => {
    const before = await f.snapshot()
    const res = await f.app.request('/v1/analyze', { method: 'POST', headers: withToken(null), body: JSON.stringify({ text: TEXT, published: '2025-07-31' }) })
    assert.equal(res.status, 200)
    const out = (await res.json()) as { article: { text: string }; events: { cameo: string }[] }
    assert.ok(out.article.text.includes('Egypt hosted talks'))
    assert.ok(Array.isArray(out.events))
    const some = (await (
      await f.app.request('/v1/analyze', { method: 'POST', headers: withToken(null), body: JSON.stringify({ text: TEXT, stages: ['entities'] }) })
    ).json()) as Record<string, unknown>
    assert.ok('entities' in some && !('events' in some))
    assert.equal(await f.snapshot(), before)
  })

  it('ingests a text once with a write token: 201, then 200 for the same text', async () => {
    const first = await f.app.request('/v1/articles', {
      method: 'POST',
      headers: withToken(f.tokens.write),
      body: JSON.stringify({ text: TEXT, published: '2025-07-31' }),
    })
    assert.equal(first.status, 201)
    const stored = (await first.json()) as { articleId: string; inserted: boolean }
    assert.equal(stored.inserted, true)
    const again = await f.app.request('/v1/articles', { method: 'POST', headers: withToken(f.tokens.admin), body: JSON.stringify({ text: TEXT }) })
    assert.equal(again.status, 200)
    assert.equal(((await again.json()) as { articleId: string }).articleId, stored.articleId)
    assert.equal((await f.app.request(`/v1/articles/${stored.articleId}`)).status, 200)
  })

  it('refuses a loopback or private URL with the default fetcher, before any connection, and stores nothing', async () => {
    const before = await f.snapshot()
    for (const body of [{ url: 'http://127.0.0.1:1/story' }, { feed: 'http://[fd00::1]/rss' }, { url: 'http://192.168.0.1/' }]) {
      const res = await f.app.request('/v1/articles', { method: 'POST', headers: withToken(f.tokens.write), body: JSON.stringify(body) })
      assert.equal(res.status, 422)
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'url_refused')
    }
    assert.equal(await f.snapshot(), before)
  })

  it('answers an unusable document with 422 and stores nothing', async () => {
    const before = await f.snapshot()
    const res = await f.app.request('/v1/articles', { method: 'POST', headers: withToken(f.tokens.write), body: JSON.stringify({ text: '   ' }) })
    assert.equal(res.status, 422)
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'analysis_failed')
    assert.equal(await f.snapshot(), before)
  })
})
