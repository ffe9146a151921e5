import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { DOC_B } from '../store/store-contract.js'
import { type ApiFixture, apiFixture } from './test-helpers.js'

describe('OpenAPI document and event stream', () => {
  let f: ApiFixture
  before(async () => {
    f = await apiFixture({ streamPollMs: 50 })
  })
  after(async () => f.store.close())

  it('serves /openapi.json that validates as OpenAPI 3.1 and describes every route', async () => {
    const res = await f.app.request('/openapi.json')
    assert.equal(res.status, 200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { security?: unknown[] }>> }
    assert.equal(doc.openapi, '3.1.0')
    const validator = new Validator()
    const result = await validator.validate(doc)
    assert.equal(validator.version, '3.1')
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1))
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/v1/actors',
      '/v1/alerts',
      '/v1/analyze',
      '/v1/articles',
      '/v1/articles/{id}',
      '/v1/dyads/series',
      '/v1/events',
      '/v1/events/{id}',
      '/v1/events/{id}/reports',
      '/v1/export',
      '/v1/health',
      '/v1/network',
      '/v1/places',
      '/v1/queue',
      '/v1/queue/clean',
      '/v1/queue/retry',
      '/v1/series',
      '/v1/stats',
      '/v1/stream',
      '/v1/table',
      '/v1/watches',
      '/v1/watches/{name}/alerts.atom',
    ])
    assert.deepEqual(doc.paths['/v1/articles']?.post?.security, [{ bearer: [] }])
    const params = ((doc.paths['/v1/events']?.get as { parameters?: { name: string }[] } | undefined)?.parameters ?? []).map((p) => p.name)
    for (const flag of ['actor', 'code', 'since', 'until', 'limit', 'cursor']) assert.ok(params.includes(flag), flag)
    // the CLI's filter flags on every route that reads events, with each route's own flags
    const named = (path: string) => ((doc.paths[path]?.get as { parameters?: { name: string }[] } | undefined)?.parameters ?? []).map((p) => p.name)
    const flags = ['actor', 'actor1', 'actor2', 'code', 'root', 'quad', 'country', 'bbox', 'since', 'until']
    for (const [path, own] of [
      ['/v1/dyads/series', ['by', 'format']],
      ['/v1/export', ['format', 'mentions']],
      ['/v1/stream', ['after']],
    ] as const) {
      for (const flag of [...flags, ...own]) assert.ok(named(path).includes(flag), `${path} ${flag}`)
    }
  })

  it('streams events stored after the stream opened, as Server-Sent Events', async () => {
    const controller = new AbortController()
    const res = await f.app.request('/v1/stream', { signal: controller.signal })
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/)
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    const readUntil = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(text)) {
        const chunk = await reader.read()
        if (chunk.done) throw new Error(`the stream ended before ${pattern}: ${text}`)
        text += decoder.decode(chunk.value)
      }
    }
    await readUntil(/event: ready/)
    assert.doesNotMatch(text, /event: event/) // events stored before the stream opened are not sent again
    const text2 = (DOC_B.article?.text ?? '').replace('Cairo', 'Gizah')
    await f.store.save({ ...DOC_B, id: 'stream', article: { ...(DOC_B.article as NonNullable<typeof DOC_B.article>), text: text2 } }, 'test')
    await readUntil(/event: event\n(?:(?:data|id): .*\n){2}\n/)
    const data = /data: (?<json>.*)\n/.exec(text.slice(text.indexOf('event: event')))?.groups?.json ?? ''
    assert.equal((JSON.parse(data) as { cameo: string }).cameo, '043')
    assert.match(text, /\nid: \d+\n/)
    await reader.cancel()
    controller.abort()
  })

  it("filters a stream with the CLI's flags", async () => {
    const res = await f.app.request('/v1/stream?after=0&actor1=egy&code=04')
    assert.equal(res.status, 200)
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    while ((text.match(/event: event/g) ?? []).length < 2) {
      const chunk = await reader.read()
      if (chunk.done) break
      text += decoder.decode(chunk.value)
    }
    await reader.cancel()
    const events = [...text.matchAll(/event: event\ndata: (?<json>.*)\n/g)].map(
      (m) => JSON.parse(m.groups?.json ?? '') as { sourceCode: string; cameo: string },
    )
    assert.deepEqual(
      events.map((e) => [e.sourceCode, e.cameo]),
      [
        ['EGY', '043'],
        ['EGY', '043'],
      ],
    )
    for (const bad of ['limit=5', 'cursor=3', 'colour=red', 'since=2025-02-30']) assert.equal((await f.app.request(`/v1/stream?${bad}`)).status, 400, bad)
  })

  it('resumes a stream after an event id', async () => {
    const res = await f.app.request('/v1/stream?after=0')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    while ((text.match(/event: event/g) ?? []).length < 4) {
      const chunk = await reader.read()
      if (chunk.done) break
      text += decoder.decode(chunk.value)
    }
    assert.equal((text.match(/event: event/g) ?? []).length, 4)
    await reader.cancel()
  })
})
