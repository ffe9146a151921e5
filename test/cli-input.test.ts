import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { MIGRATIONS } from '../src/store/sqlite/migrations.js'

// The input contract and the error messages of the CLI, on hostile or unlucky input.
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const run = (args: string[], input?: string | Buffer) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
const outputs = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>)
const dir = mkdtempSync(join(tmpdir(), 'sitrep-input-'))
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('sitrep analyze --jsonl: the input contract', () => {
  it('skips a UTF-8 byte-order mark before the first line', () => {
    const path = file('bom.jsonl', `\uFEFF${JSON.stringify({ id: 'first', text: 'Russia pledged to help Syria.' })}\n`)
    const r = run(['analyze', '--jsonl', '--stages', 'extract', path])
    assert.equal(r.status, 0, r.stderr)
    const [o] = outputs(r.stdout)
    assert.equal(o?.id, 'first')
    assert.equal(o?.error, undefined)
  })

  it('reports a missing file among the batch files on its own and analyses the others', () => {
    const a = file('a.jsonl', `${JSON.stringify({ id: 'a', text: 'Syria asked Russia for help.' })}\n`)
    const b = file('b.jsonl', `${JSON.stringify({ id: 'b', text: 'Egypt hosted talks.' })}\n`)
    const r = run(['analyze', '--jsonl', '--stages', 'extract', a, join(dir, 'missing.jsonl'), b])
    assert.equal(r.status, 1)
    assert.deepEqual(
      outputs(r.stdout).map((o) => o.id),
      ['a', 'b'],
    )
    assert.match(r.stderr, /missing\.jsonl: cannot read: no such file or folder \(ENOENT\)/)
  })

  it('answers a line over 64 MB with {id, error} and goes on with the next', () => {
    const huge = `{"id": "huge", "text": "${'a'.repeat(65 * 1024 * 1024)}"}`
    const r = run(['analyze', '--jsonl', '--stages', 'extract'], `${huge}\n${JSON.stringify({ id: 'next', text: 'Russia pledged to help Syria.' })}\n`)
    assert.equal(r.status, 0, r.stderr)
    const out = outputs(r.stdout)
    assert.equal(out[0]?.id, 'huge')
    assert.match(String(out[0]?.error), /the line is 65\.0 MB; the limit is 64 MB/)
    assert.equal(out[1]?.id, 'next')
    assert.ok(out[1]?.article)
  })

  it('drops a published date that is no calendar day, with an invalid-published message, exit 0', () => {
    const lines = ['2025-13-45', '2025-02-30'].map((published, i) =>
      JSON.stringify({ id: `d${i}`, text: 'Russia condemned the strikes on Monday.', published }),
    )
    const r = run(['analyze', '--jsonl', '--stages', 'extract'], `${lines.join('\n')}\n`)
    assert.equal(r.status, 0, r.stderr)
    for (const o of outputs(r.stdout)) {
      const article = o.article as { published: string | null }
      assert.equal(article.published, null)
      const messages = o.messages as { ruleId: string; reason: string }[]
      assert.ok(
        messages.some((m) => m.ruleId === 'invalid-published' && /is not a calendar date/.test(m.reason)),
        JSON.stringify(messages),
      )
    }
    const good = run(['analyze', '--jsonl', '--stages', 'extract'], `${JSON.stringify({ id: 'ok', text: 'Text.', published: '2024-02-29' })}\n`)
    assert.equal((outputs(good.stdout)[0]?.article as { published: string } | undefined)?.published, '2024-02-29')
  })
})

describe('sitrep analyze FILE and stdin: the input contract', () => {
  it('refuses more than 64 MB on stdin with one clear line', () => {
    const r = run(['analyze', '-'], Buffer.alloc(65 * 1024 * 1024, 'a'))
    assert.equal(r.status, 1)
    assert.equal(r.stderr, 'sitrep: -: stdin is over 64 MB, the limit\n')
  })

  it('reads UTF-16 without a byte-order mark as text, not as binary data', () => {
    const path = file('utf16.txt', Buffer.from('Russia pledged to help Syria on Thursday.\n', 'utf16le'))
    const r = run(['analyze', '--json', '--date', '2025-07-31', path])
    assert.equal(r.status, 0, r.stderr)
    assert.doesNotMatch(r.stderr, /binary/)
    assert.match(r.stderr, /decoded as utf-16le/)
    assert.match(JSON.parse(r.stdout).article.text, /^Russia pledged to help Syria/)
  })

  it('refuses a date that is no calendar day and a limit that is not decimal as usage errors', () => {
    const date = run(['analyze', '--date', '2025-02-30', '-'], 'text')
    assert.equal(date.status, 2)
    assert.match(date.stderr, /--date expects a calendar date as YYYY-MM-DD, got "2025-02-30"/)
    const limit = run(['query', 'events', '--db', join(dir, 'any.db'), '--limit', '0x10'])
    assert.equal(limit.status, 2)
    assert.match(limit.stderr, /--limit expects a positive whole number, got "0x10"/)
  })
})

describe('sitrep ingest and query: the database', () => {
  it('goes on past a missing batch file and stores the other files', () => {
    const db = join(dir, 'ingest.db')
    const a = file('i1.jsonl', `${JSON.stringify({ id: 'i1', text: 'Syria asked Russia for help.' })}\n`)
    const r = run(['ingest', a, join(dir, 'gone.jsonl'), file('i2.txt', 'Egypt hosted talks with Israel.'), '--db', db])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stderr, /gone\.jsonl: no such file or folder/)
    assert.match(r.stderr, /2 new/)
  })

  it('never creates a database when a query names a missing one', () => {
    const db = join(dir, 'mistyped.db')
    const r = run(['query', 'events', '--db', db])
    assert.equal(r.status, 1)
    assert.equal(r.stderr, `sitrep: no database at ${db}\n`)
    assert.equal(existsSync(db), false)
  })

  it('refuses to write to a database of a newer schema, naming both versions', () => {
    const db = join(dir, 'future.db')
    const raw = new Database(db)
    raw.pragma('user_version = 999')
    raw.close()
    const r = run(['ingest', file('f.txt', 'Egypt hosted talks.'), '--db', db])
    assert.equal(r.status, 1)
    assert.ok(r.stderr.includes(`schema version 999, newer than this sitrep knows (version ${MIGRATIONS.length})`), r.stderr)
  })

  it('says in one line that a file is no database; the stack only with --debug', () => {
    const db = file('not-a.db', 'just some text, not SQLite at all, long enough to have a header of sorts...........')
    const plain = run(['query', 'events', '--db', db])
    assert.equal(plain.status, 1)
    assert.equal(plain.stderr, 'sitrep: the file is not a SQLite database (SQLITE_NOTADB)\n')
    const debug = run(['query', 'events', '--db', db, '--debug'])
    assert.match(debug.stderr, /^sitrep: the file is not a SQLite database \(SQLITE_NOTADB\)\n.*\n\s+at /)
  })
})
