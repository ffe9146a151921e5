// `sitrep ingest --workers N`: the same report, in the same order, and the same store as with one.
import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import Database from 'better-sqlite3'
import { newsJsonl } from './news-batch.js'
import { runCli, tempDir } from './queue-helpers.js'

// Everything stored, in insertion order, without the time of insertion.
function dump(path: string): string {
  const db = new Database(path, { readonly: true })
  try {
    const articles = db.prepare('SELECT id, doc_id, title, url, published, text, analysis FROM articles ORDER BY rowid').all()
    const events = db.prepare('SELECT * FROM events ORDER BY id').all()
    return JSON.stringify({ articles, events })
  } finally {
    db.close()
  }
}

test('ingest --workers 3 reports and stores exactly what --workers 1 does, in the same order', () => {
  const dir = tempDir()
  const docs = join(dir, 'docs.jsonl')
  // a bad line in the middle is reported and skipped alike
  writeFileSync(docs, `${newsJsonl(20)}{"id": "broken"\n${newsJsonl(20, 20)}`)
  const one = runCli(['ingest', docs, '--db', join(dir, 'one.db'), '--report', '--date', '2025-07-31', '--workers', '1'])
  const three = runCli(['ingest', docs, '--db', join(dir, 'three.db'), '--report', '--date', '2025-07-31', '--workers', '3'])
  assert.equal(one.status, 0, one.stderr)
  assert.equal(three.status, 0, three.stderr)
  assert.match(one.stderr, /41 document\(s\): 40 new, 0 already stored, 1 failed/)
  assert.equal(three.stdout, one.stdout)
  assert.equal(three.stderr.replace(/three\.db/g, 'one.db'), one.stderr)
  assert.equal(dump(join(dir, 'three.db')), dump(join(dir, 'one.db')))
})

test('ingest --workers refuses a count that is not a number', () => {
  const db = join(tempDir(), 'never.db')
  const r = runCli(['ingest', 'x.txt', '--db', db, '--workers', 'many'])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /--workers expects a number of threads from 1 to 256, got "many"/)
  assert.ok(!existsSync(db), 'no database is created for a usage error')
})
