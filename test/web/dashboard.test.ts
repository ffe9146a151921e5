// The dashboard end to end in Debian's chromium: over a store of dev-set news texts, filter by
// a dyad, open an event from the map, read its evidence; every view is screenshotted at 1280
// and 390 px; no request leaves 127.0.0.1.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { createAnalyzer, isError } from '../../src/analyze.js'
import type { Output } from '../../src/output.js'
import { type Dashboard, openDashboard, outside, type PageGlobals, SCREENSHOTS, settled, tempStore } from './browser.js'

const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url))
// the first documents of two dev sets: dated political news (PolNeAR) and world-wide outbreak reports (GeoVirus)
const SETS: [file: string, take: number][] = [
  ['quotes/polnear-dev.jsonl', 45],
  ['geo/geovirus.jsonl', 35],
]

// an article (written for this test) that tells one expulsion twice: one event, two mentions
const TOLD_TWICE_TITLE = 'Norway expels Chilean envoy'
const TOLD_TWICE = {
  published: '2025-07-29',
  text:
    `${TOLD_TWICE_TITLE}\n\nNorway expelled the Chilean ambassador on Monday, officials in Oslo said. ` +
    'The ambassador left the country within hours. Norway expelled the Chilean envoy after a spying inquiry, the ministry added.',
}

function devOutputs(): Output[] {
  if (!existsSync(DATA)) throw new Error(`the dev data is not at ${DATA}: the browser test loads its news texts from ../shared/data`)
  const analyzer = createAnalyzer()
  const out: Output[] = []
  for (const [file, take] of SETS) {
    const lines = readFileSync(join(DATA, file), 'utf8').split('\n').filter(Boolean).slice(0, take)
    for (const line of lines) {
      const r = JSON.parse(line) as { doc_id: string; text: string; title?: string | null; url?: string | null; date?: string }
      const day = (r.date ?? '').slice(0, 10)
      const analysed = analyzer.analyze({
        id: `${file}:${r.doc_id}`,
        text: r.text,
        ...(r.url && { url: r.url }),
        ...(/^\d{4}-\d\d-\d\d$/.test(day) && { published: day }),
      })
      if (!isError(analysed)) out.push(analysed)
    }
  }
  const told = analyzer.analyze(TOLD_TWICE)
  if (!isError(told)) out.push(told)
  return out
}

describe('dashboard in chromium over dev-set news', () => {
  let dashboard: Dashboard
  let page: Page
  let base: string

  before(async () => {
    const { store } = await tempStore('web')
    await store.saveMany(devOutputs(), 'test')
    dashboard = await openDashboard(store)
    ;({ page, base } = dashboard)
  })
  after(async () => {
    await dashboard?.close()
    console.log(`dashboard screenshots: ${SCREENSHOTS}`)
  })

  // the whole page, but a long article is shot as the window shows it (the chosen sentence scrolled into view)
  const shot = (name: string, fullPage = true): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage })

  it('draws the map over the country outlines with points for the located events', async () => {
    await page.goto(`${base}/`)
    await page.waitForSelector('path.country')
    await page.waitForSelector('path.cell')
    await settled(page)
    assert.ok((await page.locator('path.country').count()) > 150, 'the country outlines of world-atlas')
    assert.match(await page.title(), /Map/)
    await shot('map')
  })

  it('filters by a dyad from the form: the URL keeps it and the table shows only that dyad', async () => {
    const busiest = (await (await fetch(`${base}/v1/network?limit=1`)).json()) as { edges: { source: string; target: string; count: number }[] }
    const dyad = busiest.edges[0]
    assert.ok(dyad, 'the dev-set store has at least one dyad')
    await page.getByLabel('Source actor').fill(dyad.source)
    await page.getByLabel('Target actor').fill(dyad.target)
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.waitForURL((u) => u.searchParams.get('actor1') === dyad.source && u.searchParams.get('actor2') === dyad.target)
    await settled(page)
    await page.getByRole('link', { name: 'Events', exact: true }).click()
    await page.waitForSelector('.events-table tbody tr')
    await settled(page)
    const sources = await page.locator('.events-table tbody tr td:nth-child(2)').allTextContents()
    const targets = await page.locator('.events-table tbody tr td:nth-child(3)').allTextContents()
    assert.ok(sources.length > 0)
    assert.ok(sources.every((s) => s.startsWith(dyad.source)))
    assert.ok(targets.every((t) => t.startsWith(dyad.target)))
    assert.match((await page.locator('.events-view .muted').first().textContent()) ?? '', new RegExp(`^${dyad.count} events`))
    // sorting by a column is kept in the URL
    await page.getByRole('button', { name: /^Goldstein/ }).click()
    await page.waitForURL((u) => u.searchParams.get('sort') === 'goldstein')
    await settled(page)
    await shot('events')
  })

  it('opens an event from the map and its evidence in the reader', async () => {
    // back to the map without the dyad, so there are points to choose from
    await page.goto(`${base}/?view=map`)
    await page.waitForSelector('path.cell')
    await settled(page)
    // a point holding several events zooms in; one holding a single event opens it
    for (let tries = 0; tries < 8 && !(await page.locator('.event-card').count()); tries++) {
      const single = page.locator('path.cell-event')
      const target = (await single.count()) ? single.first() : page.locator('path.cell').first()
      await target.click({ force: true })
      await page.waitForTimeout(400)
      await settled(page)
    }
    await page.waitForSelector('.event-card blockquote')
    await shot('map-event')
    await page.getByRole('link', { name: 'Open the evidence' }).click()
    await page.waitForSelector('#chosen-sentence')
    await settled(page)
    await page.waitForSelector('.why')
    const why = await page.locator('.why').textContent()
    assert.match(why ?? '', /Rule/)
    assert.match(why ?? '', /Confidence/)
    assert.match(why ?? '', /Modality/)
    assert.match(why ?? '', /Negated/)
    // the chosen sentence holds the event's trigger, and the sentence is in view
    assert.ok(await page.locator('.chosen-trigger').count())
    assert.ok(await page.locator('#chosen-sentence').isVisible())
    assert.ok((await page.locator('.article-text .m-actor').count()) > 0, 'actors are marked')
    await page.locator('#reports-title').waitFor()
    await shot('reader', false)
  })

  it('marks every mention of the chosen event and steps from one to the other', async () => {
    // a stored event is one mention: open the later one, as a link from the map or the table would
    const page1 = (await (await fetch(`${base}/v1/events?actor1=NOR&limit=500`)).json()) as {
      events: { id: number; articleTitle: string | null; triggerText: string; sentenceStart: number }[]
    }
    const told = page1.events
      .filter((e) => e.articleTitle === TOLD_TWICE_TITLE && e.triggerText === 'expelled')
      .sort((a, b) => a.sentenceStart - b.sentenceStart)
    assert.equal(told.length, 2, 'the expulsion told twice is stored as two mentions')
    await page.goto(`${base}/?view=reader&event=${told[1]?.id}`)
    await page.waitForSelector('#chosen-sentence')
    await settled(page)
    const steps = page.getByRole('navigation', { name: 'Mentions of this event' })
    const sentence = async (): Promise<string> => (await page.locator('.article-text .chosen-sentence').allTextContents()).join('')
    const other = async (): Promise<string> => (await page.locator('.article-text .mention-sentence').allTextContents()).join('')
    // the later mention is the chosen sentence; the earlier one is marked as a mention of the same event
    await steps.getByText('Mention 2 of 2').waitFor()
    assert.match(await sentence(), /spying inquiry/)
    assert.match(await other(), /on Monday/)
    assert.equal(await page.locator('.article-text .mention-trigger').textContent(), 'expelled')
    assert.ok(await steps.getByRole('button', { name: 'Next mention' }).isDisabled())
    // stepping back brings the earlier one into view and marks the later one
    await steps.getByRole('button', { name: 'Previous mention' }).click()
    await steps.getByText('Mention 1 of 2').waitFor()
    assert.match(await sentence(), /on Monday/)
    assert.match(await other(), /spying inquiry/)
    assert.ok(await page.locator('#chosen-sentence').isVisible())
    assert.ok(await steps.getByRole('button', { name: 'Previous mention' }).isDisabled())
    await steps.getByRole('button', { name: 'Next mention' }).click()
    await steps.getByText('Mention 2 of 2').waitFor()
    assert.match(await sentence(), /spying inquiry/)
    await shot('reader-mentions', false)
  })

  it('brushes the timeline to a date range that every view then uses', async () => {
    await page.goto(`${base}/?view=timeline&bucket=month`)
    await page.waitForSelector('.timeline-chart rect')
    await settled(page)
    await shot('timeline')
    const box = await page.locator('.timeline-chart').boundingBox()
    assert.ok(box)
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await page.waitForURL((u) => Boolean(u.searchParams.get('since') && u.searchParams.get('until')))
    const url = new URL(page.url())
    assert.ok((url.searchParams.get('since') ?? '') <= (url.searchParams.get('until') ?? ''))
    await page.getByRole('link', { name: 'Events', exact: true }).click()
    await settled(page)
    assert.match(page.url(), /since=/)
  })

  it('shows the actor network and opens a dyad from it', async () => {
    await page.goto(`${base}/?view=network`)
    await page.waitForSelector('.network .edge')
    await settled(page)
    await shot('network')
    await page.locator('table.data button').first().click()
    await page.waitForURL((u) => u.searchParams.get('view') === 'events' && Boolean(u.searchParams.get('actor1')))
  })

  it('asks for a token before ingesting and says what the server answered', async () => {
    await page.goto(`${base}/?view=ingest`)
    await page.getByLabel('Article text').fill('The foreign minister of Peru met his Chilean counterpart in Lima on Monday.')
    await page.getByRole('button', { name: 'Add' }).click()
    await page.waitForSelector('[role="status"].error')
    assert.match((await page.locator('[role="status"]').textContent()) ?? '', /token/i)
    await shot('ingest')
  })

  it('stays readable at 390 px: nothing wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    for (const view of ['map', 'events', 'reader', 'network']) {
      const event =
        view === 'reader' ? `&event=${((await (await fetch(`${base}/v1/table?limit=1`)).json()) as { events: { id: number }[] }).events[0]?.id}` : ''
      await page.goto(`${base}/?view=${view}${event}`)
      await settled(page)
      const wide = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)
      assert.ok(wide <= 392, `${view} is ${wide} px wide at 390`)
      await shot(`${view}-390`, view !== 'reader')
    }
  })

  it('requested nothing outside 127.0.0.1', () => {
    assert.ok(dashboard.requests.length > 20)
    assert.deepEqual(outside(dashboard.requests), [])
  })
})
