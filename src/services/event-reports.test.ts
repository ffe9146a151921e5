import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import type { Event } from '../core/types.js'
import type { Output } from '../output.js'
import { ARTICLE_COLUMNS, articleRow, EVENT_COLUMNS, eventRows } from '../store/rows.js'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Store } from '../store/store.js'
import { otherReports } from './event-reports.js'

// One hand-coded event per report (the service reads the store, not the analysis).
function report(id: string, text: string, trigger: string, cameo: string, source: string, target: string): Output {
  const at = text.indexOf(trigger)
  const actor = (code: string): NonNullable<Event['source']> => ({ start: 0, end: 3, text: code, code })
  const event: Event = {
    source: actor(source),
    target: actor(target),
    cameo,
    cameoName: cameo,
    plover: null,
    goldstein: -2,
    quad: 3,
    negated: false,
    modality: 'asserted',
    date: '2026-02-10',
    place: { name: 'Port Vale', lat: 5, lon: 6 },
    sentence: { start: 0, end: text.length },
    trigger: { start: at, end: at + trigger.length, text: trigger },
    rule: 'test',
    confidence: 0.7,
  }
  const article = {
    title: null,
    text,
    published: '2026-02-10',
    byline: null,
    lang: 'en',
    url: `https://${id}.example/`,
    paragraphs: [{ start: 0, end: text.length }],
  }
  return { id, article, events: [event], tone: -1, messages: [] }
}

describe('otherReports', () => {
  let store: Store
  before(async () => {
    store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-event-reports-')), 'reports.db'))
    await store.migrate()
    await store.save(report('appeal', 'Lowland asked Highland to reopen the pass.', 'asked', '0251', 'LOW', 'HIG'), 'test')
    await store.save(report('demand', 'Lowland demanded that Highland reopen the pass.', 'demanded', '1051', 'LOWGOV', 'HIG'), 'test')
    await store.save(report('reply', 'Highland rejected the call to reopen the pass.', 'rejected', '1251', 'HIG', 'LOW'), 'test')
  })
  after(async () => store.close())

  it('answers a demand and the appeal for the same content as reports of one event', async () => {
    const events = await store.queryEvents({})
    const [appeal, demand, reply] = ['asked', 'demanded', 'rejected'].map((t) => events.find((e) => e.triggerText === t))
    assert.ok(appeal && demand && reply)
    assert.deepEqual(
      (await otherReports(store, appeal.id))?.others.map((e) => e.triggerText),
      ['demanded'],
    )
    assert.deepEqual(
      (await otherReports(store, demand.id))?.others.map((e) => e.triggerText),
      ['asked'],
    )
    assert.deepEqual((await otherReports(store, reply.id))?.others, [])
  })

  it("answers a filed statement from its cluster's members, reading no event family around it", async () => {
    await store.save(report('remark', 'Lowland said the pass must be reopened.', 'said', '010', 'LOW', 'HIG'), 'test')
    const statement = (await store.queryEvents({ root: '01' }))[0]
    assert.ok(statement && typeof statement.clusterId === 'number')
    let familyReads = 0
    const counting: Store = {
      ...store,
      async queryEvents(filter, after) {
        familyReads++
        return store.queryEvents(filter, after)
      },
    }
    const reports = await otherReports(counting, statement.id)
    assert.equal(familyReads, 0, 'a statement is compared with every family: twenty queries when they are read')
    assert.equal(reports?.clusterId, statement.clusterId)
    const filed = (await store.queryEvents({})).filter((e) => e.clusterId === statement.clusterId && e.id !== statement.id)
    assert.deepEqual(reports?.others, filed)
  })
})

describe('otherReports of events not yet filed', () => {
  it('clusters the events around one stored without a cluster as a save files them', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitrep-event-reports-')), 'bulk.db')
    const migrated = createSqliteStore(path)
    await migrated.migrate()
    await migrated.close()
    // written past save, as a bulk load does: no event has a cluster
    const raw = new Database(path)
    for (const doc of [
      report('appeal', 'Lowland asked Highland to reopen the pass.', 'asked', '0251', 'LOW', 'HIG'),
      report('demand', 'Lowland demanded that Highland reopen the pass.', 'demanded', '1051', 'LOWGOV', 'HIG'),
      report('reply', 'Highland rejected the call to reopen the pass.', 'rejected', '1251', 'HIG', 'LOW'),
    ]) {
      const article = articleRow(doc, 'test')
      raw.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')})`).run(article)
      for (const row of eventRows(doc, article[0] as string, 'test'))
        raw.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`).run(row)
    }
    raw.close()
    const store = createSqliteStore(path)
    const events = await store.queryEvents({})
    assert.ok(events.every((e) => e.clusterId === null))
    const [appeal, reply] = ['asked', 'rejected'].map((t) => events.find((e) => e.triggerText === t))
    assert.ok(appeal && reply)
    assert.deepEqual(
      (await otherReports(store, appeal.id))?.others.map((e) => e.triggerText),
      ['demanded'],
    )
    assert.deepEqual((await otherReports(store, reply.id))?.others, [])
    await store.close()
  })
})
