// The README's screenshots of the dashboard: a store of the example article and generated
// reports (scripts/synthetic-docs.ts, not news), served and shot in Debian's chromium.
//   node --import tsx scripts/dashboard-screenshots.ts [OUT_DIR]   (default docs/screenshots; needs npm run build)
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createAnalyzer, isError } from '../src/analyze.js'
import { evaluateWatches } from '../src/watch/engine.js'
import { ruleWithDefaults } from '../src/watch/rule.js'
import { openDashboard, type PageGlobals, settled, tempStore } from '../test/web/browser.js'
import { syntheticDoc } from './synthetic-docs.js'

const out = resolve(process.argv[2] ?? 'docs/screenshots')
mkdirSync(out, { recursive: true })
const { store } = await tempStore('shots')
// a watch on everything Russia does, added before the reports arrive, so the Alerts view has alerts
await store.addWatch({
  name: 'russia',
  rule: JSON.stringify(ruleWithDefaults({ actor: 'RUS' }, 'any', {})),
  webhookUrl: null,
  webhookSecret: null,
  allowPrivate: false,
  afterEventId: 0,
})
const example = createAnalyzer().analyze({ id: 'example', text: readFileSync('examples/syria-russia-support.txt', 'utf8'), published: '2025-07-31' })
if (isError(example)) throw new Error(example.error)
const { articleId } = await store.save(example, 'screenshots')
await store.saveMany(
  Array.from({ length: 300 }, (_, n) => syntheticDoc(n, 12)),
  'screenshots',
)
await evaluateWatches(store)
const dashboard = await openDashboard(store)
const { page, base } = dashboard
const shot = async (name: string, path: string, fullPage = true): Promise<void> => {
  await page.goto(`${base}/${path}`)
  await page.waitForSelector('main')
  await settled(page)
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(out, `${name}.png`), fullPage })
}
// the example was stored first: its events are the first ids; one with both actors shows best
const exampleEvents = (await store.eventsSince(0, 200)).filter((e) => e.articleId === articleId)
const first = exampleEvents.find((e) => e.sourceCode && e.targetCode) ?? exampleEvents[0]
await shot('map-event', `?view=map${first ? `&event=${first.id}` : ''}`)
await shot('timeline', '?view=timeline&bucket=week')
await shot('network', '?view=network')
await shot('events', '?view=events&actor1=RUS&sort=goldstein&order=desc')
await shot('reader', `?view=reader&event=${first?.id ?? ''}`, false)
await shot('ingest', '?view=ingest')
await shot('alerts', '?view=alerts', false)
await page.setViewportSize({ width: 390, height: 844 })
await shot('map-390', '?view=map')
const wide = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth)
await dashboard.close()
console.log(`dashboard screenshots in ${out} (the map at 390 px is ${wide} px wide)`)
