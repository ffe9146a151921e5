import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Event } from '../core/types.js'
import type { Output } from '../output.js'
import { articleId } from './article-id.js'
import type { Store } from './store.js'

// Hand-built analysed documents: the contract tests the store, not the analysis, so its
// figures never move when a stage changes.
const TEXT_A = 'Strikes condemned\n\nMoscow condemned the strikes on Damascus on Thursday.\n\nSyria asked Russia for help.'
const TEXT_B = 'Talks in Cairo\n\nEgypt hosted talks with Israel in July.'

function event(text: string, sentence: string, trigger: string, fields: Partial<Event>): Event {
  const start = text.indexOf(sentence)
  const at = text.indexOf(trigger, start)
  return {
    source: null,
    target: null,
    cameo: '010',
    cameoName: 'Make statement',
    plover: null,
    goldstein: 0,
    quad: 0,
    negated: false,
    modality: 'asserted',
    date: null,
    place: null,
    sentence: { start, end: start + sentence.length },
    trigger: { start: at, end: at + trigger.length, text: trigger },
    rule: 'contract',
    confidence: 0.9,
    ...fields,
  }
}

const span = (text: string, word: string): { start: number; end: number; text: string } => {
  const start = text.indexOf(word)
  return { start, end: start + word.length, text: word }
}

// The paragraphs of a text: its runs between blank lines.
const paragraphs = (text: string): { start: number; end: number }[] => {
  const out: { start: number; end: number }[] = []
  for (const m of text.matchAll(/[^\n]+/g)) out.push({ start: m.index, end: m.index + m[0].length })
  return out
}

const party = (text: string, word: string, code: string): NonNullable<Event['source']> => {
  const start = text.indexOf(word)
  return { start, end: start + word.length, text: word, code }
}

/** Document A: two events on 2025-07-31, one Russian source and one Russian target, one placed. */
export const DOC_A: Output = {
  id: 'contract-a',
  article: {
    title: 'Strikes condemned',
    text: TEXT_A,
    published: '2025-07-31',
    byline: null,
    lang: 'en',
    url: 'https://example.org/a',
    paragraphs: paragraphs(TEXT_A),
  },
  places: [
    {
      ...span(TEXT_A, 'Damascus'),
      name: 'Damascus',
      id: 'geonames:170654',
      lat: 33.51,
      lon: 36.29,
      country: 'SYR',
      admin1: '13',
      feature: 'PPLC',
    },
  ],
  events: [
    event(TEXT_A, 'Moscow condemned the strikes on Damascus on Thursday.', 'condemned', {
      source: party(TEXT_A, 'Moscow', 'RUSGOV'),
      cameo: '111',
      cameoName: 'Criticize or denounce',
      plover: 'ACCUSE',
      goldstein: -2,
      quad: 3,
      date: '2025-07-31',
      place: { name: 'Damascus', lat: 33.51, lon: 36.29 },
    }),
    event(TEXT_A, 'Syria asked Russia for help.', 'asked', {
      source: party(TEXT_A, 'Syria', 'SYR'),
      target: party(TEXT_A, 'Russia', 'RUS'),
      cameo: '0233',
      cameoName: 'Appeal for humanitarian aid',
      plover: 'REQUEST',
      goldstein: 3.4,
      quad: 1,
      modality: 'reported',
      date: '2025-07-31',
    }),
  ],
  messages: [],
}

/** Document B: one event dated only by month (2025-07), without a place. */
export const DOC_B: Output = {
  id: 'contract-b',
  article: { title: 'Talks in Cairo', text: TEXT_B, published: null, byline: 'A. Writer', lang: 'en', url: null, paragraphs: paragraphs(TEXT_B) },
  events: [
    event(TEXT_B, 'Egypt hosted talks with Israel in July.', 'hosted', {
      source: party(TEXT_B, 'Egypt', 'EGY'),
      target: party(TEXT_B, 'Israel', 'ISR'),
      cameo: '043',
      cameoName: 'Host a visit',
      plover: 'CONSULT',
      goldstein: 2.8,
      quad: 1,
      negated: true,
      date: '2025-07',
    }),
  ],
  messages: [],
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
      const first = await store.save(DOC_A, 'test')
      const again = await store.save({ ...DOC_A, id: 'another-id' }, 'test')
      assert.equal(first.inserted, true)
      assert.equal(again.inserted, false)
      assert.equal(again.articleId, first.articleId)
      assert.deepEqual(await store.counts(), { articles: 1, events: 2, clusters: 2 })
      assert.equal((await store.save(DOC_B, 'test')).inserted, true)
      assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 })
    })

    it('saves many articles at once, each once, the results in input order', async () => {
      const results = await store.saveMany([DOC_B, DOC_A, DOC_B], 'test')
      assert.deepEqual(
        results.map((r) => r.inserted),
        [false, false, false],
      )
      assert.equal(results[1]?.articleId, (await store.save(DOC_A, 'test')).articleId)
      assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 })
    })

    it('returns the stored article with its analysis', async () => {
      const { articleId } = await store.save(DOC_A, 'test')
      const article = await store.getArticle(articleId)
      assert.ok(article)
      assert.equal(article.text, TEXT_A)
      assert.equal(article.title, 'Strikes condemned')
      assert.equal(article.url, 'https://example.org/a')
      assert.deepEqual(article.analysis, DOC_A)
      assert.equal(await store.getArticle('no-such-id'), null)
    })

    it('keeps each event with its fields, evidence sentence and pipeline version', async () => {
      const events = await store.queryEvents({})
      assert.deepEqual(
        events.map((e) => [e.cameo, e.sourceCode, e.targetCode, e.date, e.negated, e.modality, e.placeName, e.articleTitle, e.pipelineVersion]),
        [
          ['043', 'EGY', 'ISR', '2025-07', true, 'asserted', null, 'Talks in Cairo', 'test'],
          ['111', 'RUSGOV', null, '2025-07-31', false, 'asserted', 'Damascus', 'Strikes condemned', 'test'],
          ['0233', 'SYR', 'RUS', '2025-07-31', false, 'reported', null, 'Strikes condemned', 'test'],
        ],
      )
      const condemned = events[1]
      assert.equal(condemned?.evidence, 'Moscow condemned the strikes on Damascus on Thursday.')
      assert.equal(condemned?.triggerText, 'condemned')
      assert.deepEqual([condemned?.lat, condemned?.lon, condemned?.goldstein, condemned?.quad, condemned?.plover], [33.51, 36.29, -2, 3, 'ACCUSE'])
    })

    it('filters by actor prefix, code prefix and dates, and limits', async () => {
      const codes = async (filter: Parameters<Store['queryEvents']>[0]): Promise<string[]> => (await store.queryEvents(filter)).map((e) => e.cameo)
      assert.deepEqual(await codes({ actor: 'RUS' }), ['111', '0233'])
      assert.deepEqual(await codes({ actor: 'RUSGOV' }), ['111'])
      assert.deepEqual(await codes({ actor: 'ISR' }), ['043'])
      assert.deepEqual(await codes({ code: '02' }), ['0233'])
      assert.deepEqual(await codes({ code: '0233' }), ['0233'])
      assert.deepEqual(await codes({ code: '19' }), [])
      assert.deepEqual(await codes({ since: '2025-07-31' }), ['043', '111', '0233']) // "2025-07" is in July 31's month
      assert.deepEqual(await codes({ since: '2025-08-01' }), [])
      assert.deepEqual(await codes({ until: '2025-07-30' }), ['043'])
      assert.deepEqual(await codes({ since: '2025-07-31', until: '2025-07-31' }), ['043', '111', '0233']) // July overlaps its 31st
      assert.deepEqual(await codes({ since: '2025-07-31', until: '2025-07-31', actor: 'RUS' }), ['111', '0233'])
      assert.deepEqual(await codes({ actor: 'SYR', since: '2025-07-01', code: '02' }), ['0233'])
      assert.deepEqual(await codes({ limit: 1 }), ['043'])
      assert.deepEqual(await codes({ actor1: 'RUS' }), ['111'])
      assert.deepEqual(await codes({ actor2: 'RUS' }), ['0233'])
      assert.deepEqual(await codes({ actor1: 'SYR', actor2: 'RUS' }), ['0233'])
      assert.deepEqual(await codes({ actor1: 'RUS', actor2: 'SYR' }), [])
      assert.deepEqual(await codes({ root: '11' }), ['111'])
      assert.deepEqual(await codes({ root: '04' }), ['043'])
      assert.deepEqual(await codes({ quad: 1 }), ['043', '0233'])
      assert.deepEqual(await codes({ quad: 3 }), ['111'])
      assert.deepEqual(await codes({ country: 'SYR' }), ['111'])
      assert.deepEqual(await codes({ country: 'EGY' }), [])
      assert.deepEqual(await codes({ bbox: [35, 33, 37, 34] }), ['111'])
      assert.deepEqual(await codes({ bbox: [37, 33, 40, 34] }), [])
      assert.deepEqual(await codes({ bbox: [170, 33, 36.5, 34] }), ['111'], 'a box across the antimeridian')
    })

    it('keeps where each event is and whether the lead reports it', async () => {
      const events = await store.queryEvents({})
      const condemned = events[1]
      assert.deepEqual(
        [condemned?.placeId, condemned?.placeCountry, condemned?.placeAdmin1, condemned?.placeFeature, condemned?.isRoot],
        ['geonames:170654', 'SYR', '13', 'PPLC', true],
      )
      assert.deepEqual(
        events.map((e) => e.isRoot),
        [true, true, false],
      )
      assert.deepEqual([condemned?.sourceStart, condemned?.targetStart, condemned?.sentenceIndex], [TEXT_A.indexOf('Moscow'), null, null])
      assert.deepEqual(
        [condemned?.articleUrl, condemned?.articleOutlet, condemned?.articleLength, events[0]?.articleUrl, events[0]?.articleOutlet],
        ['https://example.org/a', 'example.org', TEXT_A.length, null, null],
      )
      assert.match(condemned?.articleAdded ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/)
    })

    it('streams the events a filter matches in the order they were stored', async () => {
      const all: string[] = []
      for await (const e of store.streamEvents({})) all.push(e.cameo)
      assert.deepEqual(all, ['111', '0233', '043'])
      const russian: string[] = []
      for await (const e of store.streamEvents({ actor: 'RUS', limit: 1 })) russian.push(e.cameo)
      assert.deepEqual(russian, ['111'])
      const byDate: string[] = []
      for await (const e of store.streamEvents({}, 'date')) byDate.push(e.cameo)
      assert.deepEqual(byDate, ['043', '111', '0233'])
    })

    it('finds articles of another pipeline version and replaces their events at once', async () => {
      const idA = (await store.save(DOC_A, 'test')).articleId
      assert.deepEqual((await store.staleArticles('test')).length, 0)
      assert.equal((await store.staleArticles('v2')).length, 2)
      assert.deepEqual(await store.staleArticles('v2', '2999-01-01'), [])
      const recoded: Output = { ...DOC_A, events: DOC_A.events?.slice(1) ?? [], tone: -1.5 }
      assert.equal(await store.replaceAnalysis(idA, recoded, 'v2'), true)
      const unsaved: Output = { ...DOC_B, article: { ...(DOC_B.article as NonNullable<Output['article']>), text: `${TEXT_B} More.` } }
      assert.equal(await store.replaceAnalysis(articleId(`${TEXT_B} More.`), unsaved, 'v2'), false, 'no such article is stored')
      await assert.rejects(store.replaceAnalysis(idA, DOC_B, 'v2'), /another text/)
      // the recoded article's first event is gone, and its cluster with it
      assert.deepEqual(await store.counts(), { articles: 2, events: 2, clusters: 2 })
      const stale = await store.staleArticles('v2')
      assert.equal(stale.length, 1)
      assert.notEqual(stale[0], idA)
      const article = await store.getArticle(idA)
      assert.equal(article?.pipelineVersion, 'v2')
      assert.deepEqual(article?.analysis, recoded)
      const events = await store.queryEvents({ actor: 'SYR' })
      assert.deepEqual(
        events.map((e) => [e.cameo, e.pipelineVersion]),
        [['0233', 'v2']],
      )
    })

    it('pages through a query after an event id, and finds one event by id', async () => {
      const all = await store.queryEvents({})
      const pages: string[] = []
      let after: number | undefined
      for (;;) {
        const page = await store.queryEvents({ limit: 1 }, after)
        if (!page.length) break
        for (const e of page) pages.push(e.cameo)
        after = page[page.length - 1]?.id
      }
      assert.deepEqual(
        pages,
        all.map((e) => e.cameo),
      )
      const first = all[0]
      assert.ok(first)
      // the events after the first with a Russian party, in the same order as the whole query
      const russian = all.slice(1).filter((e) => e.sourceCode?.startsWith('RUS') || e.targetCode?.startsWith('RUS'))
      assert.ok(russian.length > 0)
      assert.deepEqual(
        (await store.queryEvents({ actor: 'RUS' }, first.id)).map((e) => e.id),
        russian.map((e) => e.id),
      )
      assert.deepEqual(await store.getEvent(first.id), first)
      assert.equal(await store.getEvent(987654321), null)
      assert.deepEqual(await store.queryEvents({}, 987654321), []) // an unknown cursor event answers nothing
    })

    it('answers the events written after an id, in the order they were written', async () => {
      const latest = await store.latestEventId()
      assert.ok(latest > 0)
      assert.deepEqual(await store.eventsSince(latest, 10), [])
      const all = await store.eventsSince(0, 10)
      assert.equal(all.length, Math.min(10, (await store.counts()).events))
      assert.equal(all[all.length - 1]?.id, latest)
      assert.deepEqual(await store.eventsSince(0, 1), all.slice(0, 1))
      const text = TEXT_B.replace('Cairo', 'Gizah') // another article, the same offsets
      const doc = { ...DOC_B, id: 'contract-c', article: { ...(DOC_B.article as NonNullable<Output['article']>), text } }
      await store.save(doc, 'test')
      assert.deepEqual(
        (await store.eventsSince(latest, 10)).map((e) => e.articleTitle),
        ['Talks in Cairo'],
      )
      assert.ok((await store.latestEventId()) > latest)
      // with a filter: only the matching events after the id, still in written order; the filter's limit is not used
      const egypt = await store.eventsSince(0, 10, { actor1: 'EGY', quad: 1, limit: 1 })
      assert.ok(egypt.length >= 2)
      assert.ok(egypt.every((e) => e.sourceCode === 'EGY' && e.quad === 1))
      assert.deepEqual(
        egypt.map((e) => e.id),
        [...egypt.map((e) => e.id)].sort((a, b) => a - b),
      )
      assert.deepEqual(await store.eventsSince(egypt[0]?.id ?? 0, 10, { actor1: 'EGY' }), egypt.slice(1))
      assert.deepEqual(
        await store.eventsSince(0, 10, { actor: 'RUS', code: '0233' }),
        all.filter((e) => e.cameo === '0233'),
      )
    })

    it('keeps API tokens by the hash of their secret, lists them without it and revokes them', async () => {
      await store.addToken({ id: 'tok-a', name: 'newsroom', scope: 'write', hash: 'a'.repeat(64) })
      await store.addToken({ id: 'tok-b', name: 'notebook', scope: 'read', hash: 'b'.repeat(64) })
      await assert.rejects(store.addToken({ id: 'tok-c', name: 'copy', scope: 'read', hash: 'a'.repeat(64) }))
      const found = await store.findToken('a'.repeat(64))
      assert.equal(found?.id, 'tok-a')
      assert.equal(found?.scope, 'write')
      assert.equal(found?.revokedAt, null)
      assert.equal(await store.findToken('c'.repeat(64)), null)
      assert.deepEqual(
        (await store.listTokens()).map((t) => [t.id, t.name, t.scope]),
        [
          ['tok-a', 'newsroom', 'write'],
          ['tok-b', 'notebook', 'read'],
        ],
      )
      assert.equal(JSON.stringify(await store.listTokens()).includes('a'.repeat(64)), false)
      assert.equal(await store.revokeToken('tok-a'), true)
      assert.equal(await store.revokeToken('tok-a'), false) // already revoked
      assert.equal(await store.revokeToken('no-such-token'), false)
      assert.ok((await store.findToken('a'.repeat(64)))?.revokedAt)
    })
  })
}
