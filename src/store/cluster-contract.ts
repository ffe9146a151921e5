import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ClusterOptions } from '../cluster/cluster-events.js'
import type { Event } from '../core/types.js'
import type { Output } from '../output.js'
import type { Store, StoredCluster } from './store.js'

// Hand-built reports (the contract tests the store, not the analysis): each text's first
// paragraph is its lead; each event spec names its sentence, trigger, code, dyad and date.
interface Spec {
  readonly sentence: string
  readonly trigger: string
  readonly cameo: string
  readonly source: string | null
  readonly target: string | null
  readonly date: string | null
  readonly place?: { name: string; lat: number; lon: number }
}

function report(id: string, url: string | null, text: string, specs: readonly Spec[], tone = -2): Output {
  const paragraphs = [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const events: Event[] = specs.map((s) => {
    const start = text.indexOf(s.sentence)
    const at = text.indexOf(s.trigger, start)
    const word = (code: string): NonNullable<Event['source']> => ({ start, end: start + 3, text: code, code })
    return {
      source: s.source === null ? null : word(s.source),
      target: s.target === null ? null : word(s.target),
      cameo: s.cameo,
      cameoName: s.cameo,
      plover: null,
      goldstein: -5,
      quad: 4,
      negated: false,
      modality: 'asserted',
      date: s.date,
      place: s.place ?? null,
      sentence: { start, end: start + s.sentence.length },
      trigger: { start: at, end: at + s.trigger.length, text: s.trigger },
      rule: 'contract',
      confidence: 0.8,
    }
  })
  return {
    id,
    article: { title: null, text, published: '2026-03-02', byline: null, lang: 'en', url, paragraphs },
    events,
    tone,
    messages: [],
  }
}

const HARBOUR = { name: 'Harbour Town', lat: 10, lon: 20 }
const NEARBY = { name: 'Upriver', lat: 10.2, lon: 20.1 } // about 25 km away
const FAR = { name: 'Far Town', lat: 12, lon: 20 } // about 220 km away

const SHELLING = 'Artillery of Arland shelled positions of Borduria near the harbour on Monday.'
const FIRST = report('first', 'https://daily.example/shelling', `${SHELLING}\n\nThe talks were called off.`, [
  { sentence: SHELLING, trigger: 'shelled', cameo: '194', source: 'ARLMIL', target: 'BDR', date: '2026-03-02', place: HARBOUR },
])
const SECOND_TEXT = 'Borduria said its positions upriver came under Arland fire late on Monday.\n\nShells also hit a depot on Tuesday far to the north.'
const SECOND = report('second', 'https://www.herald.example/news/1', SECOND_TEXT, [
  { sentence: 'Borduria said its positions', trigger: 'fire', cameo: '190', source: 'ARL', target: 'BDRMIL', date: '2026-03-03', place: NEARBY },
  { sentence: 'Shells also hit', trigger: 'hit', cameo: '195', source: 'ARL', target: 'BDR', date: '2026-03-03', place: FAR },
])
// the same family and dyad on the same day, but another act: a protest note is family 11, not 19
const NOTE_TEXT = 'Borduria protested to Arland over the shelling on Monday.'
const NOTE = report('note', 'https://daily.example/note', NOTE_TEXT, [
  { sentence: NOTE_TEXT, trigger: 'protested', cameo: '111', source: 'BDR', target: 'ARL', date: '2026-03-02', place: HARBOUR },
])
// a wire copy of the first report on another site, dated a week later (a late reprint)
const COPY_TEXT = `${SHELLING}\n\nThe talks were called off, the agency said.`
const COPY = report('copy', 'https://reprints.example/a', COPY_TEXT, [
  { sentence: SHELLING, trigger: 'shelled', cameo: '194', source: 'ARLMIL', target: 'BDR', date: '2026-03-09', place: HARBOUR },
])

// What a cluster row says, whatever ids the store gave: its first mention (article, position), date and counts.
async function rows(store: Store): Promise<string[]> {
  const out: string[] = []
  for await (const c of store.streamClusters({}, 'date')) {
    const { articleId, triggerStart, date, lat, lon } = c.event
    out.push(JSON.stringify([articleId, triggerStart, date, lat, lon, c.numMentions, c.numArticles, c.numSources, c.isRoot, c.avgTone, c.avgConfidence]))
  }
  return out.sort()
}

// Which events share a cluster, by article and position.
async function grouping(store: Store): Promise<string[][]> {
  const groups = new Map<number, string[]>()
  for (const e of await store.queryEvents({})) {
    const list = groups.get(e.clusterId as number) ?? []
    list.push(`${e.articleId}/${e.triggerText}`)
    groups.set(e.clusterId as number, list)
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0] as string).localeCompare(b[0] as string))
}

// Three reports of one raid from three outlets, dated over two days: the earliest is the first report.
const RAID = 'Arland aircraft struck a Borduria radar post near the harbour.'
const RAID_REPORTS = [
  { id: 'raid-late', url: 'https://late.example/raid', date: '2026-05-11', tone: -3 },
  { id: 'raid-early', url: 'https://early.example/raid', date: '2026-05-10', tone: -1 },
  { id: 'raid-middle', url: 'https://middle.example/raid', date: '2026-05-10', tone: -2 },
].map((r) => {
  const text = `${RAID} The ${r.id.slice(5)} account names the site.`
  return report(r.id, r.url, text, [{ sentence: RAID, trigger: 'struck', cameo: '195', source: 'ARL', target: 'BDR', date: r.date, place: HARBOUR }], r.tone)
})

// A report of many shootings across one dyad: recoded with another's events, it moves to the other dyad.
function crossing(name: string, target: string, events: number): Output {
  const specs: Spec[] = []
  let text = ''
  for (let i = 0; i < events; i++) {
    const sentence = `Report ${name} line ${i}: Arland forces fired on ${target} posts.`
    text += `${sentence}\n\n`
    specs.push({ sentence, trigger: 'fired', cameo: '190', source: 'ARL', target, date: `2026-06-${String(1 + (i % 20)).padStart(2, '0')}` })
  }
  return report(name, null, text, specs)
}

async function clusters(store: Store): Promise<StoredCluster[]> {
  const out: StoredCluster[] = []
  for await (const c of store.streamClusters({}, 'date')) out.push(c)
  return out
}

/**
 * The tests every store passes for stored clusters: mentions of one real-world event filed
 * under one cluster as articles are saved, with GDELT's counts; wire copies; recoding; and
 * concurrent saves. `make` returns a fresh, empty store.
 */
export function clusterContract(name: string, make: () => Promise<Store>): void {
  describe(`cluster contract: ${name}`, () => {
    let store: Store
    before(async () => {
      store = await make()
      await store.migrate()
    })
    after(async () => store.close())

    it('files reports of one event from two outlets under one cluster, and another act apart', async () => {
      await store.save(FIRST, 'test')
      await store.save(SECOND, 'test')
      await store.save(NOTE, 'test')
      const all = await clusters(store)
      assert.deepEqual((await store.counts()).clusters, 3)
      const shelling = all.find((c) => c.event.cameo === '194')
      assert.ok(shelling)
      assert.deepEqual(
        [shelling.numMentions, shelling.numArticles, shelling.numSources, shelling.isRoot, shelling.avgTone, shelling.avgConfidence],
        [2, 2, 2, true, -2, 0.8],
      )
      assert.equal(shelling.event.triggerText, 'shelled', 'the first mention gives the codes')
      assert.ok(shelling.firstSeen && shelling.lastSeen && shelling.firstSeen <= shelling.lastSeen)
      const events = await store.queryEvents({})
      const ids = (trigger: string): (number | null | undefined)[] => events.filter((e) => e.triggerText === trigger).map((e) => e.clusterId)
      assert.deepEqual(ids('shelled'), [shelling.id])
      assert.deepEqual(ids('fire'), [shelling.id], 'a day later, 25 km away, the same family and dyad: the same event')
      assert.notEqual(ids('hit')[0], shelling.id, '220 km away: another event')
      assert.notEqual(ids('protested')[0], shelling.id, 'another family: another event')
      assert.ok(events.every((e) => typeof e.clusterId === 'number'))
    })

    it('reads the events filed in a cluster, in date order, and none of a cluster it does not hold', async () => {
      const shelling = (await clusters(store)).find((c) => c.event.cameo === '194') as StoredCluster
      const members = await store.clusterMembers(shelling.id)
      assert.deepEqual(
        members.map((e) => [e.triggerText, e.date, e.clusterId]),
        [
          ['shelled', '2026-03-02', shelling.id],
          ['fire', '2026-03-03', shelling.id],
        ],
      )
      assert.deepEqual(
        members,
        (await store.queryEvents({})).filter((e) => e.clusterId === shelling.id),
        'as queryEvents gives them',
      )
      assert.deepEqual(await store.clusterMembers(shelling.id + 1000), [])
    })

    it('counts a wire copy as more mentions of the original events, not as another source', async () => {
      const first = (await clusters(store)).find((c) => c.event.cameo === '194') as StoredCluster
      await store.saveFromSource(COPY, 'test', {
        urls: ['https://reprints.example/a'],
        sketch: null,
        bands: [],
        copyOf: { copyOf: (await store.queryEvents({ code: '194' }))[0]?.articleId as string, similarity: 0.9 },
        checkpoint: null,
      })
      const after = (await clusters(store)).find((c) => c.id === first.id) as StoredCluster
      assert.deepEqual([after.numMentions, after.numArticles, after.numSources], [3, 3, 2], 'dated a week later, it still joins')
      assert.equal((await store.counts()).clusters, 3)
    })

    it('streams clusters by their first mention, with the shared filters', async () => {
      const codes = async (filter: Parameters<Store['streamClusters']>[0]): Promise<string[]> => {
        const out: string[] = []
        for await (const c of store.streamClusters(filter, 'date')) out.push(c.event.cameo)
        return out.sort() // events of one day come in their articles' (hash) order
      }
      assert.deepEqual(await codes({}), ['111', '194', '195'])
      assert.deepEqual(await codes({ root: '19' }), ['194', '195'])
      assert.deepEqual(await codes({ actor1: 'BDR' }), ['111'])
      assert.deepEqual(await codes({ since: '2026-03-03' }), ['195'])
      assert.deepEqual(await codes({ bbox: [19, 11, 21, 13] }), ['195'])
      assert.equal((await codes({ limit: 1 })).length, 1)
    })

    it('takes a recoded article out of its clusters and files its new events', async () => {
      const second = (await store.queryEvents({ code: '190' }))[0]
      assert.ok(second)
      const first = (await store.queryEvents({ code: '194' }))[0]?.articleId as string
      // recoded without the far strike: its cluster goes; the shelling keeps the other reports
      assert.equal(await store.replaceAnalysis(second.articleId, { ...SECOND, events: SECOND.events?.slice(0, 1) ?? [] }, 'v2'), true)
      let all = await clusters(store)
      assert.deepEqual(all.map((c) => [c.event.cameo, c.numMentions, c.numArticles]).sort(), [
        ['111', 1, 1],
        ['194', 3, 3],
      ])
      // the first report recoded with no event: the shelling's first mention is gone, the next one leads
      assert.equal(await store.replaceAnalysis(first, { ...FIRST, events: [] }, 'v2'), true)
      all = await clusters(store)
      const shelling = all.find((c) => c.event.cameo !== '111') as StoredCluster
      assert.deepEqual([shelling.numMentions, shelling.numArticles, shelling.numSources], [2, 2, 2])
      assert.notEqual(shelling.event.articleId, first)
    })

    it('gives a cluster the same first mention, date and counts whatever order its reports arrive in', async () => {
      const seen: string[][] = []
      for (const order of [RAID_REPORTS, [...RAID_REPORTS].reverse(), [RAID_REPORTS[1], RAID_REPORTS[0], RAID_REPORTS[2]]]) {
        const fresh = await make()
        try {
          await fresh.migrate()
          for (const r of order) await fresh.save(r as Output, 'test')
          const all = await clusters(fresh)
          assert.equal(all.length, 1)
          const raid = all[0] as StoredCluster
          assert.deepEqual([raid.event.date, raid.numMentions, raid.numArticles, raid.numSources], ['2026-05-10', 3, 3, 3])
          const dayOne = (await fresh.queryEvents({})).filter((e) => e.date === '2026-05-10').map((e) => e.articleId)
          assert.ok(dayOne.includes(raid.event.articleId), 'a report of the first day is the first mention')
          seen.push(await rows(fresh))
        } finally {
          await fresh.close()
        }
      }
      assert.deepEqual(seen[1], seen[0], 'the late report first: the same cluster row')
      assert.deepEqual(seen[2], seen[0])
    })

    it('files every stored event afresh in one re-clustering, with progress, and only recent clusters with since', async () => {
      const fresh = await make()
      try {
        await fresh.migrate()
        for (const r of [NOTE, SECOND, FIRST, ...RAID_REPORTS]) await fresh.save(r, 'test')
        const before = await rows(fresh)
        const groups = await grouping(fresh)
        const heard: [number, number][] = []
        const result = await fresh.recluster({ onProgress: (done, total) => heard.push([done, total]) })
        assert.deepEqual(result, { dropped: before.length, articles: 6, clusters: before.length })
        assert.deepEqual(heard.at(-1), [6, 6])
        assert.deepEqual(await rows(fresh), before, 'the same clusters from the same events and options')
        assert.deepEqual(await grouping(fresh), groups)
        assert.equal(await fresh.clusterPending(), 0)
        assert.deepEqual(await fresh.recluster({ since: '2999-01-01' }), { dropped: 0, articles: 0, clusters: 0 })
        const today = new Date().toISOString().slice(0, 10)
        assert.equal((await fresh.recluster({ since: today })).dropped, before.length, 'every article was stored today')
        assert.deepEqual(await rows(fresh), before)
      } finally {
        await fresh.close()
      }
    })

    it('lets two recodes run at once when their old and new events cross the same dyads', async () => {
      const a = crossing('cross-a', 'BDR', 24)
      const b = crossing('cross-b', 'CSL', 24)
      const ids = [(await store.save(a, 'test')).articleId, (await store.save(b, 'test')).articleId]
      for (let round = 0; round < 6; round++) {
        // each article takes the other's events: its recode holds its old dyad's key and needs the
        // one the other recode holds (taken one after the other, they would deadlock)
        const swap = round % 2 === 0
        await Promise.all([
          store.replaceAnalysis(ids[0] as string, { ...a, events: (swap ? b : a).events ?? [] }, `v${round}`),
          store.replaceAnalysis(ids[1] as string, { ...b, events: (swap ? a : b).events ?? [] }, `v${round}`),
        ])
      }
      const mine = (await store.queryEvents({ actor: 'ARL' })).filter((e) => ids.includes(e.articleId))
      assert.equal(mine.length, 48)
      assert.ok(mine.every((e) => typeof e.clusterId === 'number'))
      assert.equal(await store.clusterPending(), 0)
    })

    it('files concurrent saves of reports of one event under one cluster', async () => {
      const reports = Array.from({ length: 8 }, (_, i) => {
        const text = `Arland troops clashed with Borduria militia at the ford, report ${i + 1} says.`
        return report(`ford-${i}`, `https://outlet${i % 3}.example/${i}`, text, [
          { sentence: text, trigger: 'clashed', cameo: '190', source: 'ARL', target: 'BDR', date: '2026-04-01', place: HARBOUR },
        ])
      })
      await store.saveMany(reports, 'test')
      const ford = (await clusters(store)).filter((c) => c.event.date === '2026-04-01')
      assert.deepEqual(
        ford.map((c) => [c.numMentions, c.numArticles, c.numSources]),
        [[8, 8, 3]],
      )
    })

    it('files a demand with the appeal for the same content and a pledge with the act, in either order', async () => {
      const day = '2026-07-06'
      const filed = (id: string, sentence: string, trigger: string, cameo: string, source: string, target: string): Output =>
        report(id, `https://${id}.example/1`, sentence, [{ sentence, trigger, cameo, source, target, date: day, place: HARBOUR }])
      await store.save(filed('demand', 'Borduria demanded that Arland pull back its guns.', 'demanded', '1056', 'BDRGOV', 'ARL'), 'test')
      await store.save(filed('appeal', 'Borduria urged Arland to pull back its guns.', 'urged', '0256', 'BDR', 'ARL'), 'test')
      await store.save(filed('sent', 'Arland shipped food to the harbour of Borduria.', 'shipped', '073', 'ARL', 'BDR'), 'test')
      await store.save(filed('pledge', 'Arland promised food aid to Borduria.', 'promised', '0333', 'ARLGOV', 'BDR'), 'test')
      await store.save(filed('refused', 'Borduria refused to pull back its guns.', 'refused', '1256', 'BDR', 'ARL'), 'test')
      const groups = new Map<number, string[]>()
      for (const e of await store.queryEvents({ since: day, until: day }))
        groups.set(e.clusterId as number, [...(groups.get(e.clusterId as number) ?? []), e.triggerText])
      assert.deepEqual([...groups.values()].map((g) => g.sort().join(' ')).sort(), ['demanded urged', 'promised shipped', 'refused'])
    })

    it("files a targetless statement with its speaker's event and a one-actor report with its family's", async () => {
      const day = '2026-08-04'
      const filed = (id: string, specs: readonly Omit<Spec, 'date'>[], text: string): Output =>
        report(
          id,
          `https://${id}.example/1`,
          text,
          specs.map((spec) => ({ ...spec, date: day })),
        )
      const names = new Map<string, string>()
      const save = async (output: Output): Promise<void> => {
        names.set((await store.save(output, 'test')).articleId, output.id as string)
      }
      const ousted = 'Borduria expelled two envoys of Arland.'
      await save(filed('expelled', [{ sentence: ousted, trigger: 'expelled', cameo: '161', source: 'BDR', target: 'ARLGOV', place: HARBOUR }], ousted))
      // the statement comes first in its article, with a place far from the event: it still joins, as the article's last mention
      const said = 'Arland said it regretted the move.'
      const ordered = 'Two envoys were ordered out.'
      await save(
        filed(
          'said',
          [
            { sentence: said, trigger: 'said', cameo: '010', source: 'ARL', target: null, place: FAR },
            { sentence: ordered, trigger: 'ordered', cameo: '161', source: null, target: 'BDR' },
          ],
          `${said} ${ordered}`,
        ),
      )
      const other = 'Carpania said it would stay out of the quarrel.'
      await save(filed('other', [{ sentence: other, trigger: 'said', cameo: '010', source: 'CRP', target: null }], other))
      const groups = new Map<number, string[]>()
      for (const e of await store.queryEvents({ since: day, until: day }))
        groups.set(e.clusterId as number, [...(groups.get(e.clusterId as number) ?? []), `${names.get(e.articleId)}/${e.triggerText}`])
      assert.deepEqual([...groups.values()].map((g) => g.sort().join(' ')).sort(), ['expelled/expelled said/ordered said/said', 'other/said'])
      const [joined] = (await clusters(store)).filter((c) => c.event.date === day && c.numMentions === 3)
      assert.deepEqual([joined?.event.cameo, joined?.numArticles, joined?.numSources], ['161', 2, 2], 'the act leads the cluster')
    })

    it("files a targetless statement with its own article's event, not an older one of its speaker that day", async () => {
      const day = '2026-09-15'
      const names = new Map<string, string>()
      const save = async (id: string, specs: readonly Omit<Spec, 'date'>[], text: string): Promise<void> => {
        const output = report(
          id,
          `https://${id}.example/1`,
          text,
          specs.map((spec) => ({ ...spec, date: day })),
        )
        names.set((await store.save(output, 'test')).articleId, id)
      }
      // two events of Arland that day, each from its own article: the older one first
      const struck = 'Arland gunboats struck a Borduria ferry at dawn.'
      await save('ferry', [{ sentence: struck, trigger: 'struck', cameo: '195', source: 'ARL', target: 'BDR', place: HARBOUR }], struck)
      const met = 'Arland envoys met Carpania ministers in the capital.'
      const spoke = 'Arland said the meeting went well.'
      await save(
        'meeting',
        [
          { sentence: met, trigger: 'met', cameo: '040', source: 'ARL', target: 'CRP', place: FAR },
          { sentence: spoke, trigger: 'said', cameo: '010', source: 'ARL', target: null },
        ],
        `${met} ${spoke}`,
      )
      // a later report of the meeting joins its cluster, stored now, with its own statement
      const talks = 'Arland envoys held talks with Carpania.'
      const hoped = 'Arland said it hoped for more.'
      await save(
        'talks',
        [
          { sentence: talks, trigger: 'talks', cameo: '040', source: 'ARL', target: 'CRP', place: FAR },
          { sentence: hoped, trigger: 'said', cameo: '010', source: 'ARL', target: null },
        ],
        `${talks} ${hoped}`,
      )
      const groups = new Map<number, string[]>()
      for (const e of await store.queryEvents({ since: day, until: day }))
        groups.set(e.clusterId as number, [...(groups.get(e.clusterId as number) ?? []), `${names.get(e.articleId)}/${e.triggerText}`])
      assert.deepEqual([...groups.values()].map((g) => g.sort().join(' ')).sort(), ['ferry/struck', 'meeting/met meeting/said talks/said talks/talks'])
    })
  })
}

/**
 * Re-clustering after the clustering options changed: `open` opens one database (the same
 * each call, created empty by the first) with the options given.
 */
export function reclusterContract(name: string, open: (options?: ClusterOptions) => Promise<Store>): void {
  describe(`recluster contract: ${name}`, () => {
    it('files the stored events again under new options, and back', async () => {
      const counts = async (options?: ClusterOptions, recluster = true): Promise<number[]> => {
        const store = await open(options)
        try {
          await store.migrate()
          if (recluster) await store.recluster()
          return (await clusters(store)).map((c) => c.numMentions).sort()
        } finally {
          await store.close()
        }
      }
      const store = await open()
      await store.migrate()
      for (const r of [FIRST, SECOND, NOTE]) await store.save(r, 'test')
      await store.close()
      assert.deepEqual(await counts(undefined, false), [1, 1, 2], 'the report 25 km away joins the shelling')
      assert.deepEqual(await counts({ maxDays: 1, maxKm: 10 }), [1, 1, 1, 1], 'within 10 km only: it is another event')
      assert.deepEqual(await counts(), [1, 1, 2])
    })
  })
}
