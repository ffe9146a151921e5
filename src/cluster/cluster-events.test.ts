import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bCubed } from './b-cubed.js'
import { clusterMentions, dyadKey, haversineKm, keyLocks, type Mention, matchCode, matchFamilies, relation, statementsLast } from './cluster-events.js'

let next = 1
const mention = (fields: Partial<Mention>): Mention => ({
  id: next++,
  articleId: `a${next}`,
  sourceCode: 'RUS',
  targetCode: 'SYR',
  cameo: '195',
  date: '2025-03-03',
  lat: null,
  lon: null,
  confidence: 0.8,
  ...fields,
})

describe('clusterMentions', () => {
  it('joins reports of one event across articles and outlets, with GDELT counts', () => {
    const a = mention({ articleId: 'x', articleOutlet: 'wire.example', isRoot: true, articleTone: -4, articleAdded: '2025-03-03T10:00:00Z' })
    const b = mention({
      articleId: 'x',
      cameo: '190',
      sourceCode: 'RUSMIL',
      articleOutlet: 'wire.example',
      articleTone: -4,
      articleAdded: '2025-03-03T10:00:00Z',
    })
    const c = mention({ articleId: 'y', date: '2025-03-04', articleOutlet: 'daily.example', articleTone: -2, articleAdded: '2025-03-04T08:00:00Z' })
    const [cluster, ...rest] = clusterMentions([a, b, c])
    assert.equal(rest.length, 0)
    assert.deepEqual(cluster?.mentionIds, [a.id, b.id, c.id])
    assert.deepEqual([cluster?.numMentions, cluster?.numArticles, cluster?.numSources, cluster?.isRoot], [3, 2, 2, true])
    assert.equal(cluster?.avgTone, -3, 'each article counted once')
    assert.deepEqual([cluster?.firstSeen, cluster?.lastSeen], ['2025-03-03T10:00:00Z', '2025-03-04T08:00:00Z'])
  })

  it('keeps apart another family, another dyad, dates over a day apart and places far apart', () => {
    const base = mention({ lat: 36.2, lon: 37.16 })
    const others = [
      mention({ cameo: '111' }),
      mention({ sourceCode: 'SYR', targetCode: 'RUS' }),
      mention({ date: '2025-03-05' }),
      mention({ date: '2025-03' }),
      mention({ lat: 35.93, lon: 36.63 }), // about 55 km away is still close
      mention({ lat: 33.51, lon: 36.29 }), // Damascus, 300 km away
    ]
    const clusters = clusterMentions([base, ...others])
    assert.deepEqual(
      clusters.map((c) => c.mentionIds.length),
      [2, 1, 1, 1, 1, 1],
    )
  })

  it('reads both orders as one dyad for symmetric codes only', () => {
    assert.equal(dyadKey({ sourceCode: 'ISR', targetCode: 'EGY', cameo: '043' }), dyadKey({ sourceCode: 'EGYGOV', targetCode: 'ISR', cameo: '040' }))
    assert.notEqual(dyadKey({ sourceCode: 'ISR', targetCode: 'EGY', cameo: '111' }), dyadKey({ sourceCode: 'EGY', targetCode: 'ISR', cameo: '111' }))
  })

  it('compares a demand with the appeal for the same content and an intent with the act it announces', () => {
    assert.deepEqual(['1056', '100', '106', '0333', '0312', '0353', '036', '039', '034', '037', '190'].map(matchCode), [
      '0256',
      '020',
      '026',
      '073',
      '062',
      '084',
      '04',
      '045',
      '083',
      '037',
      '190',
    ])
    const key = (cameo: string, sourceCode = 'IRQ', targetCode = 'TUR'): string => dyadKey({ sourceCode, targetCode, cameo })
    assert.equal(key('1056'), key('0256'))
    assert.equal(key('103', 'IRQGOV'), key('023'))
    assert.equal(key('0332', 'DEU', 'UKR'), key('072', 'DEUMIL', 'UKR'))
    assert.equal(key('036', 'UKR', 'POL'), key('042', 'POL', 'UKR'), 'an intent to meet is as symmetric as a meeting')
    assert.notEqual(key('033'), key('072', 'TUR', 'IRQ'), 'the dyad still counts')
    assert.notEqual(key('138'), key('190'), 'a threat is not the attack')
    assert.notEqual(key('037'), key('080'), 'an intent without an act of its own stays in 03')
    // every family also reads 01: a targetless statement may join its clusters
    assert.deepEqual(matchFamilies('106'), ['01', '02', '10'])
    assert.deepEqual(matchFamilies('023'), ['01', '02', '10'])
    assert.deepEqual(matchFamilies('0333'), ['01', '03', '07'])
    assert.deepEqual(matchFamilies('073'), ['01', '03', '07'])
    assert.deepEqual(matchFamilies('190'), ['01', '19'])
    assert.deepEqual(matchFamilies('141'), ['01', '11', '14'])
    assert.equal(matchFamilies('010').length, 20)
  })

  it('joins a pledge and a delivery of aid on one day, and keeps aid to another place apart', () => {
    const kyiv = { lat: 50.45, lon: 30.52 }
    const pledge = mention({ sourceCode: 'DEUGOV', targetCode: 'UKR', cameo: '033', ...kyiv })
    const sent = mention({ sourceCode: 'DEU', targetCode: 'UKR', cameo: '070', date: '2025-03-04', ...kyiv })
    const lviv = mention({ sourceCode: 'DEU', targetCode: 'UKR', cameo: '0332', lat: 49.84, lon: 24.03 })
    assert.deepEqual(
      clusterMentions([pledge, sent, lviv]).map((c) => c.mentionIds),
      [[pledge.id, sent.id], [lviv.id]],
    )
  })

  it('lets a country-level place match a town in that country', () => {
    const town = mention({ lat: 54.63, lon: 39.69, placeCountry: 'RUS', placeFeature: 'PPLA' })
    const country = mention({ lat: 60, lon: 100, placeCountry: 'RUS', placeFeature: 'PCLI' })
    assert.equal(clusterMentions([town, country]).length, 1)
    assert.ok(Math.abs(haversineKm(33.51, 36.29, 36.2, 37.16) - 309) < 5)
  })
})

describe('related keys', () => {
  const key = (cameo: string, sourceCode: string | null, targetCode: string | null): string => dyadKey({ sourceCode, targetCode, cameo })

  it('compares parties by country across countries and by role within one', () => {
    assert.equal(key('195', 'RUSGOV', 'SYR'), key('195', 'RUS', 'SYRCVL'))
    assert.equal(key('194', 'SDNMIL', 'SDN'), key('194', 'SDNMIL', 'SDN'))
    assert.notEqual(key('194', 'SDNMIL', 'SDN'), key('194', 'SDNMIL', 'SDNGOV'), 'the army against the country is not the army against the government')
    assert.notEqual(key('173', 'TURCOP', 'TURMED'), key('173', 'TURCOP', 'TUROPP'))
  })

  it("compares a state's protest as an official complaint, and a crowd's as a protest", () => {
    assert.equal(key('141', 'JPN', 'CHN'), key('114', 'JPNGOV', 'CHNGOV'))
    assert.equal(key('140', 'JPNGOV', 'CHN'), key('111', 'JPN', 'CHN'))
    assert.notEqual(key('141', 'JPNCVL', 'CHN'), key('114', 'JPN', 'CHN'))
    assert.notEqual(key('141', 'IGOUNO', 'CHN'), key('114', 'IGOUNO', 'CHN'))
  })

  it('relates a targetless statement to events naming its speaker, and a one-actor mention to its family', () => {
    assert.equal(relation(key('010', 'FRA', null), key('161', 'FRA', 'RUS')), 'statement')
    assert.equal(relation(key('010', 'RUS', null), key('190', 'UKR', 'RUS')), 'statement', 'the speaker on either side')
    assert.equal(relation(key('010', 'DEU', null), key('161', 'FRA', 'RUS')), null)
    assert.equal(relation(key('010', 'FRA', null), key('010', 'FRA', null)), 'same')
    assert.equal(relation(key('010', 'FRA', 'RUS'), key('161', 'FRA', 'RUS')), null, 'a statement with a target is an event')
    assert.equal(relation(key('161', null, 'FRA'), key('161', 'FRA', 'RUS')), 'partial')
    assert.equal(relation(key('161', 'FRA', 'RUS'), key('161', null, 'RUS')), null, 'a two-actor mention is compared with its own key only')
    assert.equal(relation(key('161', null, 'FRA'), key('190', 'FRA', 'RUS')), null, 'another family')
    assert.equal(relation(key('161', null, 'DEU'), key('161', 'FRA', 'RUS')), null, 'another party')
    assert.equal(relation(key('161', 'FRA', 'RUS'), key('161', 'FRA', 'DEU')), null)
  })

  it('files a targetless statement with the event its speaker is party to within a day, wherever it was said', () => {
    const aleppo = { lat: 36.2, lon: 37.16, placeCountry: 'SYR', placeFeature: 'PPLA' }
    const strike = mention({ sourceCode: 'RUS', targetCode: 'SYR', cameo: '195', ...aleppo })
    const said = mention({ sourceCode: 'RUSGOV', targetCode: null, cameo: '010', date: '2025-03-04', lat: 55.75, lon: 37.62 })
    const late = mention({ sourceCode: 'RUS', targetCode: null, cameo: '010', date: '2025-03-06' })
    const other = mention({ sourceCode: 'TUR', targetCode: null, cameo: '010' })
    const clusters = clusterMentions([strike, said, late, other])
    assert.deepEqual(
      clusters.map((c) => c.mentionIds),
      [[strike.id, said.id], [late.id], [other.id]],
    )
  })

  it("files a targetless statement with its own article's event before an older one of its speaker that day", () => {
    const strike = mention({ articleId: 'p', sourceCode: 'RUS', targetCode: 'SYR', cameo: '195' })
    const visit = mention({ articleId: 'q', sourceCode: 'RUS', targetCode: 'TUR', cameo: '040' })
    const said = mention({ articleId: 'q', sourceCode: 'RUS', targetCode: null, cameo: '010' })
    assert.deepEqual(
      clusterMentions([strike, visit, said]).map((c) => c.mentionIds),
      [[strike.id], [visit.id, said.id]],
    )
  })

  it("files an article's statements after its events, so the statement joins the event", () => {
    const said = mention({ articleId: 'p', sourceCode: 'FRA', targetCode: null, cameo: '010' })
    const act = mention({ articleId: 'p', sourceCode: 'FRA', targetCode: 'RUS', cameo: '161' })
    const next = mention({ articleId: 'q', sourceCode: 'DEU', targetCode: null, cameo: '010' })
    assert.deepEqual(
      statementsLast([said, act, next]).map((m) => m.id),
      [act.id, said.id, next.id],
    )
    assert.deepEqual(
      clusterMentions([said, act]).map((c) => c.mentionIds),
      [[act.id, said.id]],
    )
  })

  it('joins a one-actor mention with a two-actor one of its family, the actor on either side', () => {
    const full = mention({ sourceCode: 'FRA', targetCode: 'RUSGOV', cameo: '161' })
    const oneActor = mention({ sourceCode: null, targetCode: 'FRA', cameo: '161' })
    assert.deepEqual(
      clusterMentions([full, oneActor]).map((c) => c.mentionIds),
      [[full.id, oneActor.id]],
    )
    const far = mention({ sourceCode: 'FRA', targetCode: 'RUS', cameo: '161', date: '2025-03-06' })
    assert.equal(clusterMentions([full, far, mention({ sourceCode: null, targetCode: 'FRA', cameo: '161', date: '2025-03-06' })]).length, 2)
    const other = mention({ sourceCode: null, targetCode: 'FRA', cameo: '190' })
    assert.equal(clusterMentions([full, other]).length, 2, 'another family')
  })

  it('locks the parties a key could share a cluster through', () => {
    assert.deepEqual(keyLocks([key('161', 'FRA', 'RUSGOV'), key('010', 'FRA', null), key('010', null, null)]), ['01|-|-', 'party:FRA', 'party:RUS'])
  })
})

describe('bCubed', () => {
  it('scores a perfect, a merged and a split clustering', () => {
    const gold = new Map([
      ['1', 'a'],
      ['2', 'a'],
      ['3', 'b'],
    ])
    assert.deepEqual(bCubed(new Map(gold), gold), { precision: 1, recall: 1, f1: 1 })
    const merged = bCubed(
      new Map([
        ['1', 'x'],
        ['2', 'x'],
        ['3', 'x'],
      ]),
      gold,
    )
    assert.equal(merged.recall, 1)
    assert.ok(Math.abs(merged.precision - 5 / 9) < 1e-9)
    const split = bCubed(new Map(), gold)
    assert.equal(split.precision, 1)
    assert.ok(Math.abs(split.recall - 2 / 3) < 1e-9)
  })
})
