import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../analyze.js'
import { clusterMentions } from '../cluster/cluster-events.js'
import { EVENT_COLUMNS, eventRows } from './rows.js'

describe('eventRows: one row per mention', () => {
  const out = createAnalyzer({ today: '2025-07-31' }).analyze({
    text: 'Egypt expels Sudanese envoy\n\nEgypt expelled the Sudanese ambassador on Sunday, its foreign ministry said.',
    published: '2025-07-31',
    clean: false,
  })
  if (isError(out)) throw new Error(out.error)
  const rows = eventRows(out, 'a1', 'v1').map((r) => Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, r[i]])))
  const expulsions = rows.filter((r) => String(r.cameo).startsWith('16'))

  it('an event the text reports twice is stored as its two mentions, with the event codes and each its own evidence', () => {
    assert.equal(out.events?.filter((e) => e.cameo.startsWith('16')).length, 1)
    assert.deepEqual(
      expulsions.map((r) => [r.trigger_text, r.source_code, r.target_code, r.date]),
      [
        ['expels', 'EGY', 'SDNGOV', '2025-07-27'],
        ['expelled', 'EGY', 'SDNGOV', '2025-07-27'],
      ],
    )
    assert.notEqual(expulsions[0]?.evidence, expulsions[1]?.evidence)
    assert.deepEqual(
      rows.map((r) => r.ordinal),
      rows.map((_, i) => i),
    )
  })
  it('the clusters count both mentions of the one event (GDELT NumMentions)', () => {
    const mentions = expulsions.map((r, i) => ({
      id: i + 1,
      articleId: 'a1',
      sourceCode: r.source_code as string,
      targetCode: r.target_code as string,
      cameo: r.cameo as string,
      date: r.date as string,
      lat: r.lat as number | null,
      lon: r.lon as number | null,
      confidence: r.confidence as number,
    }))
    const clusters = clusterMentions(mentions)
    assert.deepEqual(
      clusters.map((c) => [c.numMentions, c.numArticles]),
      [[2, 1]],
    )
  })
})
