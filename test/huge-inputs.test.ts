import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAnalyzer, isError } from '../src/analyze.js'
import { eventsTable } from '../src/cli/query-command.js'
import { createDoc, type Doc } from '../src/core/doc.js'
import { defaultStages } from '../src/pipeline.js'
import { stageContext } from '../src/stages/context.js'
import type { StoredEvent } from '../src/store/store.js'

// Shapes that once overflowed the stack by spreading a long array into one call (see
// test/no-call-spread.test.ts for the rule that keeps them out).
describe('huge inputs: no stack overflow', () => {
  it('a sentence of 150k tokens without a full stop (a dump) goes through every stage', () => {
    const words: string[] = []
    for (let i = 0; i < 150_000; i++) words.push(i % 7 ? 'word' : 'Moscow')
    let doc: Doc = createDoc({ text: words.join(' '), clean: false }, 'dump')
    const ctx = stageContext('2025-07-31')
    for (const stage of defaultStages({})) doc = stage.run(doc, ctx)
    assert.equal(doc.layers.tokens?.length, 150_000)
    assert.equal(doc.layers.sentences?.length, 1)
    assert.ok(doc.layers.places && doc.layers.quotes && doc.layers.events)
  })

  it('an HTML page with a JSON-LD array of 200k items', () => {
    const items = `[${Array.from({ length: 200_000 }, () => '{}').join(',')},{"@type":"NewsArticle","headline":"Talks in Cairo"}]`
    const html = `<html><head><script type="application/ld+json">${items}</script></head><body><article><p>Egypt hosted talks with Israel in Cairo on Monday, the ministry said.</p></article></body></html>`
    const out = createAnalyzer({ today: '2025-07-31' }).analyze({ id: 'ld', html })
    assert.ok(!isError(out), isError(out) ? out.error : '')
    assert.match(out.article?.text ?? '', /Egypt hosted talks/)
  })

  // before the depth guard the HTML parser took minutes on these (its open-element list grows
  // from the front): the timeout fails the test long before that
  it('a page of 1M unclosed <i> and one of 200k unclosed <div><span>', { timeout: 60_000 }, () => {
    const analyzer = createAnalyzer({ today: '2025-07-31', stages: ['extract'], maxSeconds: 0 })
    const italics = analyzer.analyze({ id: 'i', html: `<html><body><p>Talks began in Cairo on Monday.</p>${'<i>'.repeat(1_000_000)}text</body></html>` })
    assert.ok(!isError(italics), isError(italics) ? italics.error : '')
    const divs = analyzer.analyze({
      id: 'div',
      html: `<html><body>${'<div><span>'.repeat(200_000)}<p>Egypt hosted talks with Israel in Cairo on Monday, the ministry said in a statement.</p></body></html>`,
    })
    assert.ok(!isError(divs), isError(divs) ? divs.error : '')
    assert.match(divs.article?.text ?? '', /Egypt hosted talks/)
  })

  it('a table of 150k stored events', () => {
    const row: StoredEvent = {
      id: 1,
      articleId: 'a',
      articleTitle: null,
      sourceCode: 'RUS',
      sourceText: 'Russia',
      targetCode: 'SYR',
      targetText: 'Syria',
      cameo: '111',
      cameoName: 'Criticize or denounce',
      plover: null,
      goldstein: -2,
      quad: 3,
      negated: false,
      modality: 'asserted',
      date: '2025-07-31',
      placeName: null,
      lat: null,
      lon: null,
      evidence: 'Russia criticised Syria.',
      triggerText: 'criticised',
      sentenceStart: 0,
      sentenceEnd: 24,
      rule: 'r',
      confidence: 1,
      pipelineVersion: 'test',
    }
    const rows = Array.from({ length: 150_000 }, (_, i) => ({ ...row, id: i, evidence: i === 7 ? 'A longer line of evidence than the rest.' : row.evidence }))
    const table = eventsTable(rows)
    const lines = table.split('\n')
    assert.equal(lines.length, 150_003)
    assert.equal(lines.at(-1), '150000 event(s)')
    assert.match(lines[0] ?? '', /^date +cluster +source +event +target +gold\. +evidence$/)
    // every column as wide as its widest cell, found among all 150k rows
    assert.equal(lines[1]?.length, lines[9]?.length)
    assert.ok((lines[9]?.length ?? 0) > (lines[2]?.length ?? 0))
  })
})
