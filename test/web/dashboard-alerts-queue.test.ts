// The dashboard's Alerts and Queue views in Debian's chromium: a badge counts the alerts not yet
// seen, the Alerts view lists them with links to their events' evidence, and the Queue view
// (admin token only) shows a real Redis queue's counts and dead jobs and retries them.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { type Consumer, startConsumer } from '../../src/queue/consumer.js'
import { createProducer } from '../../src/queue/producer.js'
import { openQueueAdmin } from '../../src/queue/queue-admin.js'
import { issueToken } from '../../src/services/api-tokens.js'
import { openQueueMonitor, type QueueMonitor } from '../../src/services/queue-monitor.js'
import type { Store } from '../../src/store/store.js'
import { DOC_A, DOC_B } from '../../src/store/store-contract.js'
import { evaluateWatches } from '../../src/watch/engine.js'
import { ruleWithDefaults } from '../../src/watch/rule.js'
import { SHARED_REDIS, uniqueQueue, waitFor } from '../queue/queue-helpers.js'
import { type Dashboard, openDashboard, outside, SCREENSHOTS, settled, tempStore } from './browser.js'

describe('dashboard: alerts and the queue in chromium', () => {
  const name = uniqueQueue('web')
  const admin = openQueueAdmin(SHARED_REDIS, name)
  let monitor: QueueMonitor
  let store: Store
  let dashboard: Dashboard
  let page: Page
  let base: string
  let tokens: { read: string; admin: string }

  const watch = (watchName: string, rule: ReturnType<typeof ruleWithDefaults>) =>
    store.addWatch({ name: watchName, rule: JSON.stringify(rule), webhookUrl: null, webhookSecret: null, allowPrivate: false, afterEventId: 0 })

  before(async () => {
    ;({ store } = await tempStore('web-alerts'))
    await store.save(DOC_A, 'test')
    await store.save(DOC_B, 'test')
    tokens = { read: (await issueToken(store, 'reader', 'read')).secret, admin: (await issueToken(store, 'admin', 'admin')).secret }
    await watch('moscow-any', ruleWithDefaults({ actor: 'RUS' }, 'any', {}))
    await evaluateWatches(store)
    // a queue with one finished job and one that failed both its tries
    const producer = createProducer({ url: SHARED_REDIS, name, attempts: 2, backoffMs: 20 })
    await producer.add({ text: 'The river ferry resumed its crossings after the repairs.' }, 'ferry.txt')
    await producer.add({ text: 'The council delayed the bridge tender by a month.' }, 'tender.txt')
    await producer.close()
    const consumer: Consumer = startConsumer({
      url: SHARED_REDIS,
      name,
      lockMs: 5000,
      handle: async (job) => {
        if (job.where === 'tender.txt') throw new Error('the tender archive was read-only')
      },
    })
    await waitFor(
      'the jobs to finish',
      async () => {
        const s = await admin.status()
        return s.completed === 1 && s.dead === 1 && s.active === 0 && s.waiting === 0
      },
      60_000,
      50,
    )
    await consumer.stop()
    monitor = openQueueMonitor(SHARED_REDIS, name)
    dashboard = await openDashboard(store, { queue: monitor })
    ;({ page, base } = dashboard)
  })
  after(async () => {
    // the dashboard closes the store; a setup that failed before it closes the store alone
    await (dashboard ? dashboard.close() : store?.close())
    await monitor?.close()
    await admin.obliterate()
    await admin.close()
  })

  const badge = () => page.locator('nav .badge')
  const shot = (file: string) => page.screenshot({ path: join(SCREENSHOTS, `${file}.png`), fullPage: true })

  it('counts the new alerts in a badge, lists them with links to their events, and forgets the badge once seen', async () => {
    const stored = (await store.listAlerts({ limit: 100 })).length
    assert.ok(stored > 0, 'the watch fired on the stored events')
    await page.goto(`${base}/?view=map`)
    await badge().waitFor()
    assert.equal((await badge().textContent())?.replace(/\D+/g, ''), String(stored))
    await page.getByRole('link', { name: /^Alerts/ }).click()
    await page.waitForSelector('.alerts .alert')
    await settled(page)
    assert.equal(await page.locator('.alerts .alert').count(), stored)
    assert.equal(await page.locator('.alerts .alert.new').count(), stored, 'every alert is new on the first visit')
    assert.match((await page.locator('.alerts .alert').first().textContent()) ?? '', /moscow-any/)
    // seen: the badge goes, and a reload shows none new
    await badge().waitFor({ state: 'detached' })
    await shot('alerts')
    await page.reload()
    await page.waitForSelector('.alerts .alert')
    assert.equal(await page.locator('.alerts .alert.new').count(), 0)
    // an alert's event opens in the reader with its sentence chosen
    await page.locator('.alert-events a').first().click()
    await page.waitForURL((u) => u.searchParams.get('view') === 'reader' && Boolean(u.searchParams.get('event')))
    await page.waitForSelector('#chosen-sentence')
  })

  it('shows only the alerts fired since the last visit in the badge', async () => {
    const before = (await store.listAlerts({ limit: 100 })).length
    await watch('moscow-again', ruleWithDefaults({ actor: 'RUS' }, 'any', {}))
    await evaluateWatches(store)
    const fresh = (await store.listAlerts({ limit: 100 })).length - before
    assert.ok(fresh > 0)
    await page.goto(`${base}/?view=events`)
    await badge().waitFor()
    assert.equal((await badge().textContent())?.replace(/\D+/g, ''), String(fresh))
  })

  it('shows the queue to an admin token only: counts, the dead job and its reason; retry puts it back', async () => {
    await page.goto(`${base}/?view=queue`)
    await page.getByText(/admin tokens only/).waitFor()
    // a read token is refused in words
    await page.getByLabel('Admin token').fill(tokens.read)
    await page.getByRole('button', { name: 'Show the queue' }).click()
    await page.locator('[role="alert"]').waitFor()
    assert.match((await page.locator('[role="alert"]').textContent()) ?? '', /admin/)
    await page.getByLabel('Admin token').fill(tokens.admin)
    await page.getByRole('button', { name: 'Show the queue' }).click()
    await page.waitForSelector('.queue-counts')
    const count = async (key: string) => (await page.locator(`.queue-counts .count-${key} dd`).textContent())?.trim()
    assert.equal(await count('completed'), '1')
    assert.equal(await count('dead'), '1')
    assert.equal(await count('failed'), '1')
    const dead = page.locator('section[aria-labelledby="queue-dead-jobs"] tbody tr')
    assert.equal(await dead.count(), 1)
    assert.match((await dead.textContent()) ?? '', /tender\.txt.*the tender archive was read-only/)
    await shot('queue')
    await page.getByRole('button', { name: 'Retry the dead jobs' }).click()
    await page.getByText('1 dead job put back with fresh tries.').waitFor()
    await page.waitForFunction(() => {
      const dd = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('.count-dead dd')
      return dd?.textContent?.trim() === '0'
    })
    assert.equal((await admin.status()).waiting, 1, 'the job is back in the queue')
  })

  it('requested nothing outside 127.0.0.1', () => {
    assert.ok(dashboard.requests.length > 5)
    assert.deepEqual(outside(dashboard.requests), [])
  })
})
