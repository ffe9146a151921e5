import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createRateLimiter } from './rate-limit.js'
import { type ApiFixture, apiFixture, withToken } from './test-helpers.js'

const BODY = JSON.stringify({ text: 'Talks resumed\n\nEgypt hosted talks with Israel in Cairo on Monday.', published: '2025-07-31' })

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const text = await res.text()
  assert.doesNotMatch(text, /\n\s+at /, 'no stack trace')
  const body = JSON.parse(text) as { error: { code: string; message: string } }
  return { status: res.status, code: body.error.code, message: body.error.message }
}

describe('API auth: every write needs a valid token with the write scope', () => {
  let f: ApiFixture
  before(async () => {
    f = await apiFixture()
  })
  after(async () => f.store.close())

  const post = (headers: Record<string, string>, body = BODY) => f.app.request('/v1/articles', { method: 'POST', headers, body })

  it('refuses each bad token with 401 (or 403 for a read token) and stores nothing', async () => {
    const before = await f.snapshot()
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['no token', withToken(null), 401, /needs a bearer token with the write scope/],
      ['an invalid token', withToken(`srt_${'x'.repeat(43)}`), 401, /not valid/],
      ['a token of the wrong shape', withToken('hunter2'), 401, /not valid/],
      ['a revoked token', withToken(f.tokens.revoked), 401, /revoked/],
      ['not a bearer header', { Authorization: `Basic ${Buffer.from('a:b').toString('base64')}`, 'Content-Type': 'application/json' }, 401, /Bearer/],
      ['an empty bearer', { Authorization: 'Bearer ', 'Content-Type': 'application/json' }, 401, /Bearer/],
      ['a read token', withToken(f.tokens.read), 403, /scope is read; this needs write/],
    ]
    for (const [what, headers, status, message] of cases) {
      const res = await post(headers)
      const err = await errorOf(res)
      assert.equal(err.status, status, what)
      assert.equal(err.code, status === 401 ? 'unauthorized' : 'forbidden', what)
      assert.match(err.message, message, what)
      if (status === 401) assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/, what)
    }
    assert.equal(await f.snapshot(), before)
  })

  it('refuses a bad token on an open read too, and lets a read without a token through', async () => {
    assert.equal((await f.app.request('/v1/events', { headers: withToken(f.tokens.revoked, false) })).status, 401)
    assert.equal((await f.app.request('/v1/events', { headers: withToken(`srt_${'y'.repeat(43)}`, false) })).status, 401)
    assert.equal((await f.app.request('/v1/events')).status, 200)
    assert.equal((await f.app.request('/v1/events', { headers: withToken(f.tokens.read, false) })).status, 200)
  })

  it('refuses malformed JSON, an unknown field and a missing document with 400, and stores nothing', async () => {
    const before = await f.snapshot()
    const bad: [string, string, Record<string, string>][] = [
      ['{"text": "Egypt hosted talks', 'malformed_json', withToken(f.tokens.write)],
      ['{"text": "Egypt hosted talks.", "colour": "red"}', 'unknown_field', withToken(f.tokens.write)],
      ['{"published": "2025-07-31"}', 'invalid_request', withToken(f.tokens.write)],
      ['{"text": 42}', 'invalid_request', withToken(f.tokens.write)],
      ['[]', 'invalid_request', withToken(f.tokens.write)],
      ['{"text": "Egypt hosted talks.", "published": "2025-02-30"}', 'invalid_request', withToken(f.tokens.write)],
    ]
    for (const [body, code, headers] of bad) {
      const err = await errorOf(await post(headers, body))
      assert.deepEqual([err.status, err.code], [400, code], body)
    }
    // a body that is not JSON at all is the wrong media type
    const form = await errorOf(await post({ Authorization: `Bearer ${f.tokens.write}`, 'Content-Type': 'application/x-www-form-urlencoded' }, 'text=Egypt'))
    assert.deepEqual([form.status, form.code], [415, 'unsupported_media_type'])
    const untyped = await errorOf(await post({ Authorization: `Bearer ${f.tokens.write}` }, BODY))
    assert.ok([400, 415].includes(untyped.status), String(untyped.status))
    const analyze = await errorOf(await f.app.request('/v1/analyze', { method: 'POST', headers: withToken(null), body: '{"text": ' }))
    assert.deepEqual([analyze.status, analyze.code], [400, 'malformed_json'])
    assert.equal(await f.snapshot(), before)
  })
})

describe('API limits', () => {
  it('answers a body over the limit with 413 and stores nothing', async () => {
    const f = await apiFixture({ bodyLimitBytes: 2048 })
    const before = await f.snapshot()
    const big = JSON.stringify({ text: `Egypt hosted talks with Israel. ${'More talks were held. '.repeat(200)}` })
    for (const path of ['/v1/articles', '/v1/analyze']) {
      const err = await errorOf(await f.app.request(path, { method: 'POST', headers: withToken(f.tokens.write), body: big }))
      assert.deepEqual([err.status, err.code], [413, 'payload_too_large'], path)
    }
    // a body sent without a length (chunked) is counted as it arrives
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big))
        controller.close()
      },
    })
    const chunked = await f.app.request('/v1/articles', { method: 'POST', headers: withToken(f.tokens.write), body: stream, duplex: 'half' } as RequestInit)
    assert.equal(chunked.status, 413)
    assert.equal(await f.snapshot(), before)
    await f.store.close()
  })

  it('answers requests over the per-token rate with 429 and Retry-After, stores nothing, and counts each token apart', async () => {
    const f = await apiFixture({ rateLimitPerMinute: 2 })
    const post = (token: string) => f.app.request('/v1/articles', { method: 'POST', headers: withToken(token), body: BODY })
    assert.equal((await post(f.tokens.write)).status, 201)
    assert.equal((await post(f.tokens.write)).status, 200)
    const before = await f.snapshot()
    const other = BODY.replace('Monday', 'Tuesday')
    const over = await f.app.request('/v1/articles', { method: 'POST', headers: withToken(f.tokens.write), body: other })
    const err = await errorOf(over)
    assert.deepEqual([err.status, err.code], [429, 'rate_limited'])
    assert.ok(Number(over.headers.get('retry-after')) >= 1)
    assert.equal(await f.snapshot(), before)
    // another token has its own budget
    assert.equal((await post(f.tokens.admin)).status, 200)
    await f.store.close()
  })

  it('refills a bucket with time and forgets the oldest keys past its cap', () => {
    let t = 0
    const limiter = createRateLimiter(60, () => t)
    for (let i = 0; i < 60; i++) assert.equal(limiter.take('a'), 0)
    assert.equal(limiter.take('a'), 1)
    t += 1000
    assert.equal(limiter.take('a'), 0)
    assert.equal(limiter.take('b'), 0)
    assert.equal(createRateLimiter(0).take('a'), 0)
  })

  it('answers a request over the time limit with 504 in the error shape', async () => {
    const f = await apiFixture({ timeoutMs: 50 })
    f.store.counts = () => new Promise((resolve) => setTimeout(() => resolve({ articles: 0, events: 0, clusters: 0 }), 500))
    const err = await errorOf(await f.app.request('/v1/stats'))
    assert.deepEqual([err.status, err.code], [504, 'timeout'])
    await f.store.close()
  })

  it('needs a token for reads when the setting says so', async () => {
    const f = await apiFixture({ readsNeedToken: true })
    for (const path of ['/v1/events', '/v1/stats', '/v1/actors?name=UN', '/v1/stream']) {
      const err = await errorOf(await f.app.request(path))
      assert.deepEqual([err.status, err.code], [401, 'unauthorized'], path)
    }
    assert.equal((await f.app.request('/v1/analyze', { method: 'POST', headers: withToken(null), body: BODY })).status, 401)
    assert.equal((await f.app.request('/v1/events', { headers: withToken(f.tokens.read, false) })).status, 200)
    assert.equal((await f.app.request('/v1/health')).status, 200)
    await f.store.close()
  })

  it('keeps CORS closed unless origins are configured', async () => {
    const closed = await apiFixture()
    const pre = { method: 'OPTIONS', headers: { Origin: 'https://dash.example.org', 'Access-Control-Request-Method': 'GET' } }
    assert.equal((await closed.app.request('/v1/events', pre)).headers.get('access-control-allow-origin'), null)
    const open = await apiFixture({ corsOrigins: ['https://dash.example.org'] })
    assert.equal((await open.app.request('/v1/events', pre)).headers.get('access-control-allow-origin'), 'https://dash.example.org')
    const other = { method: 'OPTIONS', headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'GET' } }
    assert.equal((await open.app.request('/v1/events', other)).headers.get('access-control-allow-origin'), null)
    await closed.store.close()
    await open.store.close()
  })
})
