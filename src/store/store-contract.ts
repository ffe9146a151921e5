import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createAnalyzer, isError } from '../analyze.js'
import type { Output } from '../output.js'
import type { Store } from './store.js'

const ARTICLE = {
  id: 'contract-1',
  text: 'Moscow condemned Israel’s airstrikes on Syria on Thursday.\n\nThe Syrian government urged Russia to help.',
  published: '2025-07-31',
}

function analysed(input: typeof ARTICLE): Output {
  const out = createAnalyzer().analyze(input)
  if (isError(out)) throw new Error(out.error)
  return out
}

/**
 * The tests every store implementation must pass: the same article stored once, events
 * with their evidence, filters by actor, code and date. `make` returns a fresh, empty store.
 */
export function storeContract(name: string, make: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store
    before(async () => {
      store = await make()
      await store.migrate()
      await store.migrate() // migrating twice is harmless
    })
    after(async () => store.close())

    it('saves an article once, by the hash of its text', async () => {
      const out = analysed(ARTICLE)
      const first = await store.save(out, 'test')
      const again = await store.save({ ...out, id: 'another-id' }, 'test')
      assert.equal(first.inserted, true)
      assert.equal(again.inserted, false)
      assert.equal(again.articleId, first.articleId)
      const counts = await store.counts()
      assert.equal(counts.articles, 1)
      assert.equal(counts.events, out.events?.length)
    })

    it('returns the stored article with its analysis', async () => {
      const out = analysed(ARTICLE)
      const { articleId } = await store.save(out, 'test')
      const article = await store.getArticle(articleId)
      assert.ok(article)
      assert.equal(article.text, out.article?.text)
      assert.deepEqual(article.analysis.events, out.events)
      assert.equal(await store.getArticle('no-such-id'), null)
    })

    it('keeps each event with its evidence sentence and pipeline version', async () => {
      const events = await store.queryEvents({})
      assert.ok(events.length > 0, 'the contract article has events')
      for (const e of events) {
        assert.equal(e.pipelineVersion, 'test')
        assert.ok(e.evidence.includes(e.triggerText), `evidence "${e.evidence}" holds the trigger "${e.triggerText}"`)
      }
    })

    it('filters by actor prefix, code prefix and dates', async () => {
      const all = await store.queryEvents({})
      const rus = await store.queryEvents({ actor: 'RUS' })
      assert.ok(rus.every((e) => e.sourceCode?.startsWith('RUS') || e.targetCode?.startsWith('RUS')))
      const code = all[0]?.cameo.slice(0, 2) ?? '11'
      const byCode = await store.queryEvents({ code })
      assert.ok(byCode.length > 0 && byCode.every((e) => e.cameo.startsWith(code)))
      assert.equal((await store.queryEvents({ since: '2030-01-01' })).length, 0)
      assert.equal((await store.queryEvents({ until: '2000-01-01' })).length, 0)
      assert.equal((await store.queryEvents({ since: '2025-07-31', until: '2025-07-31' })).length, all.filter((e) => e.date === '2025-07-31').length)
      assert.equal((await store.queryEvents({ limit: 1 })).length, Math.min(1, all.length))
    })
  })
}
