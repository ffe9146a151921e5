import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createLexicon } from '../lexicon/lexicon.js'
import { articleJob } from '../queue/job-schema.js'
import { createSqliteStore } from '../store/sqlite/sqlite-store.js'
import { addWatch } from '../watch/manage.js'
import { ruleWithDefaults } from '../watch/rule.js'
import { queueAnalysis } from './queue-analysis.js'
import { createWatchRunner } from './watch-runner.js'

describe('queue worker: watches after a stored article', () => {
  it('evaluates the watches once an article with events is stored, and records the alert once', async () => {
    const store = createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-worker-watch-')), 'w.db'))
    await store.migrate()
    await addWatch(store, { name: 'everything', rule: ruleWithDefaults({}, 'any', {}) })
    const watches = createWatchRunner({ store })
    const { handle, stats } = queueAnalysis({ store, lexicon: createLexicon(), watches })
    const text =
      'Border clash\n\nTroops of Norway attacked a patrol of Sweden near the border on Monday, officials said.\n\nNorway condemned Sweden on Tuesday.'
    await handle(articleJob({ text, published: '2025-05-07' }, 'clash.txt'))
    // the same article again is a duplicate: nothing new to evaluate
    await handle(articleJob({ text, published: '2025-05-07' }, 'clash-again.txt'))
    await watches.stop()
    assert.deepEqual([stats.inserted, stats.duplicates], [1, 1])
    assert.ok(stats.events > 0)
    const alerts = await store.listAlerts({ limit: 10 })
    // one alert a day with events: Monday's attack, Tuesday's condemnation
    assert.deepEqual(alerts.map((a) => [a.watch, a.windowStart]).sort(), [
      ['everything', '2025-05-05'],
      ['everything', '2025-05-06'],
    ])
    assert.match(alerts.find((a) => a.windowStart === '2025-05-06')?.detail ?? '', /"evidence":"Norway condemned Sweden on Tuesday."/)
    await store.close()
  })
})
