import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Event } from '../core/types.js'
import type { Output } from '../output.js'
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
})
