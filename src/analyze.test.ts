import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from './analyze.js'

describe('createAnalyzer({ maxSeconds })', () => {
  it('cuts a document that runs past its budget and analyses the next one', () => {
    // warm: the models load once per process, on first use, which is no document's fault
    assert.ok(!isError(createAnalyzer({ today: '2025-07-31' }).analyze({ text: 'Russia condemned Israel on Monday.' })))
    const analyzer = createAnalyzer({ today: '2025-07-31', maxSeconds: 1 })
    const long = analyzer.analyze({ id: 'long', text: 'Russia condemned Israel on Monday, officials in Moscow said. '.repeat(8000) })
    assert.ok(isError(long))
    assert.match(long.error, /ran past its time budget (?:before|in) the \w+ stage: it took more than 1 s/)
    const next = analyzer.analyze({ text: 'Syria asked Russia for support.' })
    assert.ok(!isError(next) && next.events !== undefined)
  })

  it('without a budget the same document is analysed', () => {
    const out = createAnalyzer({ today: '2025-07-31', stages: ['tone'] }).analyze({ text: 'Russia condemned Israel on Monday. '.repeat(2000) })
    assert.ok(!isError(out))
  })
})
