import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createAnalyzer, isError } from '../analyze.js'
import type { Output } from '../output.js'
import type { Store } from './store.js'

function analysed(id: string, text: string): Output {
  const out = createAnalyzer({ stages: ['extract'] }).analyze({ id, text, published: '2025-07-31' })
  if (isError(out)) throw new Error(out.error)
  return out
}

/**
 * The tests every store passes for what sources remember: source state by key, canonical
 * URLs, near-duplicate sketches by band and copy-of links. `make` returns a fresh, empty store.
 */
export function sourceStateContract(name: string, make: () => Promise<Store>): void {
  describe(`source state contract: ${name}`, () => {
    let store: Store
    before(async () => {
      store = await make()
      await store.migrate()
    })
    after(async () => store.close())

    it('keeps and replaces a source state by key', async () => {
      assert.equal(await store.getSourceState('feed:https://example.org/rss'), null)
      await store.putSourceState('feed:https://example.org/rss', { etag: '"a"', lastModified: null, offset: null })
      await store.putSourceState('feed:https://example.org/rss', { etag: '"b"', lastModified: 'Mon, 07 Dec 2026 09:00:00 GMT', offset: null })
      await store.putSourceState('warc:/tmp/x.warc.gz', { etag: null, lastModified: null, offset: 1234 })
      assert.deepEqual(await store.getSourceState('feed:https://example.org/rss'), { etag: '"b"', lastModified: 'Mon, 07 Dec 2026 09:00:00 GMT', offset: null })
      assert.equal((await store.getSourceState('warc:/tmp/x.warc.gz'))?.offset, 1234)
    })

    it('finds an article by canonical URL, links copies and finds sketches by band', async () => {
      const a = await store.save(analysed('a', 'The port reopened on Monday after the storm, officials said.'), 'test')
      const b = await store.save(analysed('b', 'The port reopened on Monday after a storm, officials said.'), 'test')
      const none = { urls: [] as string[], sketch: null, bands: [] as number[], copyOf: null, checkpoint: null }
      await store.recordSourceDocument({ ...none, articleId: a.articleId, urls: ['https://example.org/port'] })
      await store.recordSourceDocument({ ...none, articleId: b.articleId, urls: ['https://example.org/port'] }) // a URL keeps its first article
      assert.equal(await store.findUrl('https://example.org/port'), a.articleId)
      assert.equal(await store.findUrl('https://example.org/other'), null)
      await store.recordSourceDocument({
        ...none,
        articleId: a.articleId,
        sketch: { articleId: a.articleId, sketch: new Uint8Array([1, 2, 3, 4]), shingles: 9 },
        bands: [1, 2],
      })
      assert.deepEqual(await store.sketchesSharingBands([2, 3], 10), [{ articleId: a.articleId, sketch: new Uint8Array([1, 2, 3, 4]), shingles: 9 }])
      assert.deepEqual(await store.sketchesSharingBands([3], 10), [])
      await store.recordSourceDocument({
        ...none,
        articleId: b.articleId,
        sketch: { articleId: b.articleId, sketch: new Uint8Array([5]), shingles: 20 },
        bands: [2, 4, 5],
      })
      assert.deepEqual(
        (await store.sketchesSharingBands([1, 2, 4, 5], 10)).map((s) => s.articleId),
        [b.articleId, a.articleId],
      )
      assert.deepEqual(
        (await store.sketchesSharingBands([1, 2, 4, 5], 1)).map((s) => s.articleId),
        [b.articleId],
      )
      await store.recordSourceDocument({ ...none, articleId: b.articleId, copyOf: { copyOf: a.articleId, similarity: 0.9 } })
      assert.deepEqual(await store.copyOf(b.articleId), { copyOf: a.articleId, similarity: 0.9 })
      assert.equal(await store.copyOf(a.articleId), null)
    })

    it('records the URLs, sketch, copy-of link and checkpoint of an article at once', async () => {
      const a = await store.save(analysed('c', 'Ferry services resumed on Tuesday after the strike ended, the operator said.'), 'test')
      const b = await store.save(analysed('d', 'Ferry services resumed Tuesday after the strike ended, the operator said.'), 'test')
      await store.recordSourceDocument({
        articleId: b.articleId,
        urls: ['https://example.org/ferry', 'https://example.org/ferry-amp'],
        sketch: { articleId: b.articleId, sketch: new Uint8Array([9, 9]), shingles: 13 },
        bands: [6],
        copyOf: { copyOf: a.articleId, similarity: 0.8 },
        checkpoint: { key: 'warc:/tmp/y.warc', state: { etag: null, lastModified: null, offset: 77 } },
      })
      assert.equal(await store.findUrl('https://example.org/ferry-amp'), b.articleId)
      assert.deepEqual(await store.sketchesSharingBands([6], 10), [{ articleId: b.articleId, sketch: new Uint8Array([9, 9]), shingles: 13 }])
      assert.deepEqual(await store.copyOf(b.articleId), { copyOf: a.articleId, similarity: 0.8 })
      assert.equal((await store.getSourceState('warc:/tmp/y.warc'))?.offset, 77)
    })

    it('gives the candidates sharing the most bands first, ties in id order, up to the limit', async () => {
      const none = { urls: [] as string[], copyOf: null, checkpoint: null }
      const ids: string[] = []
      for (const [i, text] of [
        'The ferry to the island ran late on Sunday.',
        'A new school opened in the valley town.',
        'Snow closed the mountain road for a day.',
      ].entries()) {
        const { articleId } = await store.save(analysed(`tie-${i}`, text), 'test')
        ids.push(articleId)
        // the first and the last share two bands with the look-up, the middle one a single band
        const bands = i === 1 ? [900] : [900, 901]
        await store.recordSourceDocument({ ...none, articleId, sketch: { articleId, sketch: new Uint8Array([i]), shingles: 12 + i }, bands })
      }
      const [first, middle, last] = ids as [string, string, string]
      const pair = [first, last].sort()
      assert.deepEqual(
        (await store.sketchesSharingBands([900, 901], 2)).map((s) => s.articleId),
        pair,
      )
      const all = await store.sketchesSharingBands([900, 901], 10)
      assert.deepEqual(
        all.map((s) => s.articleId),
        [...pair, middle],
      )
      // the sketches come with their articles, read again from memory the second time
      assert.deepEqual(all.at(-1), { articleId: middle, sketch: new Uint8Array([1]), shingles: 13 })
      assert.deepEqual(await store.sketchesSharingBands([900], 0), [])
    })

    it('saves an analysis with what its source records, in one transaction', async () => {
      const original = await store.save(analysed('e', 'Grain ships left the harbour on Monday under a new export deal, port officials said.'), 'test')
      const record = (offset: number, url: string) => ({
        urls: [url],
        sketch: { sketch: new Uint8Array([7]), shingles: 14 },
        bands: [70, 71],
        copyOf: { copyOf: original.articleId, similarity: 0.7 },
        checkpoint: { key: 'warc:/tmp/z.warc', state: { etag: null, lastModified: null, offset } },
      })
      const copy = analysed('f', 'Grain ships left the harbour Monday under a new export deal, port officials said.')
      const saved = await store.saveFromSource(copy, 'test', record(10, 'https://example.org/grain'))
      assert.equal(saved.inserted, true)
      assert.deepEqual(await store.copyOf(saved.articleId), { copyOf: original.articleId, similarity: 0.7 })
      assert.equal(await store.findUrl('https://example.org/grain'), saved.articleId)
      // the same text again: stored once; its URL is recorded, no second sketch or link
      const again = await store.saveFromSource({ ...copy, id: 'g' }, 'test', record(20, 'https://example.org/grain-again'))
      assert.deepEqual([again.inserted, again.articleId], [false, saved.articleId])
      assert.equal(await store.findUrl('https://example.org/grain-again'), saved.articleId)
      assert.equal((await store.getSourceState('warc:/tmp/z.warc'))?.offset, 20)
      // a save that fails leaves nothing of its record behind
      const { article: _, ...noArticle } = copy
      await assert.rejects(store.saveFromSource(noArticle, 'test', record(30, 'https://example.org/broken')), TypeError)
      assert.equal(await store.findUrl('https://example.org/broken'), null)
      assert.equal((await store.getSourceState('warc:/tmp/z.warc'))?.offset, 20)
    })
  })
}
