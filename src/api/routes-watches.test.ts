import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { evaluateWatches } from '../watch/engine.js'
import { ruleWithDefaults } from '../watch/rule.js'
import { type ApiFixture, apiFixture, withToken } from './test-helpers.js'

interface AlertsPage {
  alerts: { id: number; watch: string; kind: string; windowStart: string; eventCount: number; events: { evidence: string; articleUrl: string | null }[] }[]
  next: string | null
}

describe('API: watches and alerts', () => {
  let f: ApiFixture
  before(async () => {
    f = await apiFixture()
    // watches added before the fixture's events were stored (cursor 0), so they fire on them
    const watch = (name: string, rule: ReturnType<typeof ruleWithDefaults>, webhookUrl: string | null = null) =>
      f.store.addWatch({
        name,
        rule: JSON.stringify(rule),
        webhookUrl,
        webhookSecret: webhookUrl ? 'secret-never-shown' : null,
        allowPrivate: false,
        afterEventId: 0,
      })
    await watch('russia', ruleWithDefaults({ actor: 'RUS' }, 'any', {}), 'https://hooks.example/sitrep')
    await watch('syria-first', ruleWithDefaults({ actor1: 'SYR', actor2: 'RUS' }, 'first', {}))
    await evaluateWatches(f.store)
  })
  after(async () => f.store.close())

  it('lists the watches with their rules and webhook host, never the secret', async () => {
    const res = await f.app.request('/v1/watches')
    assert.equal(res.status, 200)
    const text = await res.text()
    assert.doesNotMatch(text, /secret-never-shown/)
    const body = JSON.parse(text) as { watches: { name: string; rule: { when: string }; webhook: string | null }[] }
    assert.deepEqual(
      body.watches.map((w) => [w.name, w.rule.when, w.webhook]),
      [
        ['russia', 'any', 'hooks.example'],
        ['syria-first', 'first', null],
      ],
    )
  })

  it('lists alerts newest first with their evidence, by watch, a page at a time', async () => {
    const all = (await (await f.app.request('/v1/alerts')).json()) as AlertsPage
    assert.deepEqual(
      all.alerts.map((a) => [a.watch, a.kind, a.windowStart, a.eventCount]),
      [
        ['syria-first', 'first', '2025-07-31', 1],
        ['russia', 'any', '2025-07-31', 2],
      ],
    )
    assert.match(all.alerts[0]?.events[0]?.evidence ?? '', /^Syria asked Russia/)
    const page = (await (await f.app.request('/v1/alerts?limit=1')).json()) as AlertsPage
    assert.equal(page.alerts.length, 1)
    const next = (await (await f.app.request(`/v1/alerts?limit=1&cursor=${page.next}`)).json()) as AlertsPage
    assert.deepEqual([next.alerts[0]?.watch, next.next], ['russia', null])
    const one = (await (await f.app.request('/v1/alerts?watch=russia')).json()) as AlertsPage
    assert.deepEqual(
      one.alerts.map((a) => a.watch),
      ['russia'],
    )
    assert.equal((await f.app.request('/v1/alerts?limit=0')).status, 400)
    assert.equal((await f.app.request('/v1/alerts?colour=red')).status, 400)
  })

  it("serves a watch's alerts as an Atom feed with the evidence and the article's link", async () => {
    const res = await f.app.request('/v1/watches/russia/alerts.atom')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^application\/atom\+xml/)
    const xml = await res.text()
    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/)
    assert.equal(xml.match(/<entry>/g)?.length, 1)
    assert.match(xml, /<link rel="related" href="https:\/\/example.org\/a"\/>/)
    // the evidence sentence, escaped inside the HTML content
    assert.match(xml, /&lt;q&gt;Moscow condemned the strikes on Damascus on Thursday.&lt;\/q&gt;/)
    assert.equal((await f.app.request('/v1/watches/nobody/alerts.atom')).status, 404)
  })

  it('needs a read token when reads are closed', async () => {
    const closed = await apiFixture({ readsNeedToken: true })
    try {
      assert.equal((await closed.app.request('/v1/alerts')).status, 401)
      assert.equal((await closed.app.request('/v1/watches', { headers: withToken(closed.tokens.read, false) })).status, 200)
    } finally {
      await closed.store.close()
    }
  })
})
