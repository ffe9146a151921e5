import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { type NewsRelationsScore, scoreNewsRelations } from './news-relations.js'

describe('news relations (test/news-relations.jsonl)', () => {
  let score: NewsRelationsScore | undefined

  it('names only words of their sentences, in well-formed arcs', () => {
    // the scorer throws on a word that is not a token of its sentence or a malformed arc
    assert.doesNotThrow(() => {
      score = scoreNewsRelations()
    })
  })

  it('keeps the parse of news-style sentences from falling far below the committed parser (uas 0.894)', () => {
    const s = score ?? scoreNewsRelations()
    assert.ok(s.uas >= 0.85, `news-syntax uas ${s.uas.toFixed(3)}`)
  })

  it('refuses a case that names a word its sentence does not have, or a malformed arc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-news-'))
    try {
      const file = join(dir, 'cases.jsonl')
      writeFileSync(file, `${JSON.stringify({ text: 'Putin met Erdogan in Sochi.', arcs: 'Ankara>met:obl' })}\n`)
      assert.throws(() => scoreNewsRelations(file), /"Ankara" is not a token/)
      writeFileSync(file, `${JSON.stringify({ text: 'Putin met Erdogan in Sochi.', arcs: 'Sochi-met' })}\n`)
      assert.throws(() => scoreNewsRelations(file), /malformed arc/)
      writeFileSync(file, `${JSON.stringify({ text: 'Putin met Erdogan in Sochi.' })}\n`)
      assert.throws(() => scoreNewsRelations(file), /needs "text" and "arcs"/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
