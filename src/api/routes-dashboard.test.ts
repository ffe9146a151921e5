import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { ApiEnv } from './auth.js'
import { dashboardAssets } from './dashboard-assets.js'
import { type ApiFixture, apiFixture, withToken } from './test-helpers.js'

describe('dashboard routes', () => {
  let f: ApiFixture
  before(async () => {
    f = await apiFixture()
  })
  after(async () => f.store.close())

  const get = async (path: string, token: string | null = null): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await f.app.request(path, { headers: withToken(token, false) })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  it('counts events per day, week or month by quad class, with the shared filters', async () => {
    const day = await get('/v1/series')
    assert.equal(day.status, 200)
    assert.deepEqual(day.body, {
      bucket: 'day',
      points: [
        { period: '2025-07-31', quad: 1, count: 1, goldstein: 3.4 },
        { period: '2025-07-31', quad: 3, count: 1, goldstein: -2 },
      ],
    })
    const month = await get('/v1/series?bucket=month&actor=RUS')
    assert.deepEqual(
      (month.body.points as { count: number }[]).map((p) => p.count),
      [1, 1],
    )
    const bad = await get('/v1/series?bucket=year&actr=RUS')
    assert.equal(bad.status, 400)
  })

  it('answers map cells for a zoom and the countries, within limits', async () => {
    const places = await get('/v1/places?zoom=4')
    assert.equal(places.status, 200)
    const cells = places.body.cells as { name: string; count: number; eventId: number | null; quads: number[] }[]
    assert.deepEqual(
      cells.map((c) => [c.name, c.count, c.quads]),
      [['Damascus', 1, [0, 0, 1, 0]]],
    )
    assert.ok(Number.isInteger(cells[0]?.eventId))
    assert.deepEqual(places.body.countries, [{ country: 'SYR', count: 1, goldstein: -2 }])
    assert.equal((await get('/v1/places?zoom=19')).status, 400)
    assert.equal((await get('/v1/places?limit=0')).status, 400)
    assert.equal((await get('/v1/places?country=SY')).status, 400)
  })

  it('answers the dyads as edges and the actors as nodes', async () => {
    const net = await get('/v1/network')
    assert.equal(net.status, 200)
    assert.deepEqual(net.body.edges, [
      { source: 'EGY', target: 'ISR', count: 1, goldstein: 2.8 },
      { source: 'SYR', target: 'RUS', count: 1, goldstein: 3.4 },
    ])
    assert.deepEqual((net.body.nodes as { code: string }[]).map((n) => n.code).sort(), ['EGY', 'ISR', 'RUS', 'SYR'])
    assert.equal((await get('/v1/network?level=sector')).status, 400)
  })

  it('pages a sorted table with its total', async () => {
    const page = await get('/v1/table?sort=goldstein&order=asc&limit=2')
    assert.equal(page.status, 200)
    assert.equal(page.body.total, 3)
    assert.deepEqual(
      (page.body.events as { goldstein: number }[]).map((e) => e.goldstein),
      [-2, 2.8],
    )
    const next = await get('/v1/table?sort=goldstein&order=asc&limit=2&offset=2')
    assert.deepEqual(
      (next.body.events as { goldstein: number }[]).map((e) => e.goldstein),
      [3.4],
    )
    assert.equal((await get('/v1/table?sort=title')).status, 400)
  })

  it('answers the other reports of an event, and 404 for no event', async () => {
    const [first] = await f.store.queryEvents({ actor1: 'SYR' })
    assert.ok(first)
    const reports = await get(`/v1/events/${first.id}/reports`)
    assert.equal(reports.status, 200)
    assert.equal(reports.body.clusterId, first.clusterId ?? first.id)
    assert.deepEqual(reports.body.others, [])
    assert.equal((await get('/v1/events/999999/reports')).status, 404)
  })

  it('needs a token for every aggregate when reads need one', async () => {
    const closed = await apiFixture({ readsNeedToken: true })
    for (const path of ['/v1/series', '/v1/places', '/v1/network', '/v1/table']) {
      assert.equal((await closed.app.request(path)).status, 401, path)
      assert.equal((await closed.app.request(path, { headers: withToken(closed.tokens.read, false) })).status, 200, path)
    }
    await closed.store.close()
  })

  it('serves the country outlines with their ISO alpha-3 codes', async () => {
    const res = await f.app.request('/v1/shapes/countries')
    assert.equal(res.status, 200)
    const topology = (await res.json()) as { type: string; objects: { countries: { geometries: { properties: { iso3: string | null; name: string } }[] } } }
    assert.equal(topology.type, 'Topology')
    const syria = topology.objects.countries.geometries.find((g) => g.properties.name === 'Syria')
    assert.equal(syria?.properties.iso3, 'SYR')
  })
})

describe('dashboard assets', () => {
  it('serves the built page and its files with a policy that allows this server only, and nothing outside the folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sitrep-web-assets-'))
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>t</title>')
    mkdirSync(join(folder, 'assets'))
    writeFileSync(join(folder, 'assets', 'app-1a2b.js'), 'console.log(1)')
    const app = new OpenAPIHono<ApiEnv>()
    dashboardAssets(app, folder)
    const page = await app.request('/')
    assert.equal(page.status, 200)
    assert.equal(await page.text(), '<!doctype html><title>t</title>')
    const csp = page.headers.get('content-security-policy') ?? ''
    assert.match(csp, /default-src 'none'/)
    assert.match(csp, /connect-src 'self'/)
    const script = await app.request('/assets/app-1a2b.js')
    assert.equal(script.status, 200)
    assert.match(script.headers.get('content-type') ?? '', /javascript/)
    for (const path of ['/assets/..%2Findex.html', '/assets/missing.js', '/assets/app-1a2b.exe', '/assets/.hidden.js'])
      assert.equal((await app.request(path)).status, 404, path)
    const unbuilt = new OpenAPIHono<ApiEnv>()
    dashboardAssets(unbuilt, join(folder, 'nothing-here'))
    const missing = await unbuilt.request('/')
    assert.equal(missing.status, 503)
    assert.match(await missing.text(), /npm run build/)
  })
})
