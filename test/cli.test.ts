import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
const jsonl = (rows: unknown[]) => `${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')}\n`
const outputs = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>)

describe('sitrep analyze --jsonl (the batch contract)', () => {
  it('answers one line per input line, in order, with {id, error} for the bad ones', () => {
    const r = run(
      ['analyze', '--jsonl'],
      jsonl([
        { id: 'a', text: 'Moscow condemned Israel on Thursday.', published: '2025-07-31' },
        '{"id": "broken", "text": ',
        { id: 'b' },
        { id: 'c', text: '' },
        { id: 7, text: 'Syria asked Russia for support.' },
        { id: 'bin', text: '\u0000\u0001\u0002binary' },
      ]),
    )
    assert.equal(r.status, 0, r.stderr)
    const out = outputs(r.stdout)
    assert.deepEqual(
      out.map((o) => o.id),
      ['a', 'line:2', 'b', 'c', '7', 'bin'],
    )
    assert.ok(out[0]?.events && !out[0].error)
    assert.match(String(out[1]?.error), /malformed JSON/)
    assert.match(String(out[2]?.error), /needs "text" or "html"/)
    assert.match(String(out[3]?.error), /empty/)
    assert.ok(out[4]?.article)
    assert.match(String(out[5]?.error), /not text/)
  })

  it('keeps "clean": false text byte for byte', () => {
    const text = 'Wait 5 sec.\n\nREAD MORE: something  odd\r\nMoscow.The end “quoted”'
    const r = run(['analyze', '--jsonl', '--stages', 'extract'], jsonl([{ id: 'x', text, clean: false }]))
    const [o] = outputs(r.stdout)
    assert.equal((o?.article as { text: string } | undefined)?.text, text)
  })

  it('runs only the stages asked for and what they need', () => {
    const r = run(['analyze', '--jsonl', '--stages', 'entities'], jsonl([{ id: 'x', text: 'Sergey Lavrov met Asaad al-Shaibani in Moscow.', clean: false }]))
    const [o] = outputs(r.stdout)
    assert.ok(o?.entities && o.tokens)
    assert.equal(o.events, undefined)
  })

  it('refuses a 50 MB document with a clear error and goes on with the next', () => {
    const big = 'word '.repeat(10_000_000)
    const r = run(
      ['analyze', '--jsonl'],
      jsonl([
        { id: 'big', text: big },
        { id: 'small', text: 'Russia pledged to help Syria.' },
      ]),
    )
    const out = outputs(r.stdout)
    assert.match(String(out[0]?.error), /million characters; the limit/)
    assert.ok(out[1]?.article)
  })

  it('rejects an unknown stage with a usage error', () => {
    const r = run(['analyze', '--jsonl', '--stages', 'nonsense'], '')
    assert.equal(r.status, 2)
    assert.match(r.stderr, /unknown stage or layer "nonsense"/)
  })
})

describe('sitrep analyze FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'))
  it('prints a readable table of events with the evidence marked', () => {
    const file = join(dir, 'a.txt')
    writeFileSync(file, 'Moscow condemns strikes\n\nMoscow has condemned Israel’s actions as a violation of Syria’s sovereignty.')
    const r = run(['analyze', '--date', '2025-07-31', file])
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /Moscow condemns strikes — 2025-07-31/)
    assert.match(r.stdout, /RUS\w*\) → 111/)
    assert.match(r.stdout, /\[condemned\]/)
  })

  it('reports an empty file, a binary file and a missing file, and still analyses the good one', () => {
    const empty = join(dir, 'empty.txt')
    const binary = join(dir, 'blob.bin')
    const good = join(dir, 'good.txt')
    writeFileSync(empty, '')
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]))
    writeFileSync(good, 'Russia pledged to help Syria.')
    const r = run(['analyze', empty, binary, join(dir, 'missing.txt'), good])
    assert.equal(r.status, 1)
    assert.match(r.stderr, /empty\.txt: the file is empty/)
    assert.match(r.stderr, /blob\.bin: the input is not text/)
    assert.match(r.stderr, /missing\.txt: cannot read: no such file or folder \(ENOENT\)/)
    assert.match(r.stdout, /Events/)
  })

  it('rejects a bad --date', () => {
    const r = run(['analyze', '--date', '31/07/2025', '-'], 'text')
    assert.equal(r.status, 2)
    assert.match(r.stderr, /--date expects a calendar date as YYYY-MM-DD/)
  })
})

describe('sitrep ingest and query', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-db-'))
  const db = join(dir, 'test.db')
  it('stores an article once however often it is ingested, and queries its events', () => {
    const file = join(dir, 'a.txt')
    writeFileSync(file, 'Strikes condemned\n\nMoscow has condemned Israel’s airstrikes on Syria.')
    const batch = join(dir, 'batch.jsonl')
    writeFileSync(
      batch,
      jsonl([
        { id: 'j1', text: 'Strikes condemned\n\nMoscow has condemned Israel’s airstrikes on Syria.' },
        '{oops',
        { id: 'j2', text: 'Russia pledged to help Syria.' },
      ]),
    )
    const first = run(['ingest', file, '--db', db, '--date', '2025-07-31'])
    assert.equal(first.status, 0, first.stderr)
    const second = run(['ingest', file, batch, '--db', db, '--date', '2025-07-31'])
    assert.match(second.stderr, /4 document\(s\): 1 new, 2 already stored, 1 failed/)
    assert.match(second.stderr, /batch\.jsonl:2: malformed JSON/)
    const q = run(['query', 'events', '--db', db, '--actor', 'RUS', '--format', 'jsonl'])
    const events = outputs(q.stdout)
    assert.ok(events.length >= 1)
    assert.ok(events.every((e) => String(e.sourceCode).startsWith('RUS') || String(e.targetCode).startsWith('RUS')))
    const csv = run(['query', 'events', '--db', db, '--code', '11', '--format', 'csv'])
    assert.match(csv.stdout.split('\n')[0] ?? '', /^date,sourceCode,sourceText,cameo/)
    const table = run(['query', 'events', '--db', db, '--since', '2030-01-01'])
    assert.match(table.stdout, /no events match/)
  })

  it('rejects bad query options', () => {
    assert.equal(run(['query', 'events', '--db', db, '--format', 'xml']).status, 2)
    assert.equal(run(['query', 'events', '--db', db, '--code', 'abc']).status, 2)
    assert.equal(run(['query', 'actors', '--db', db]).status, 2)
  })
})

describe('sitrep --actors FILE (a user registry)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-actors-'))
  const good = join(dir, 'good.json')
  writeFileSync(
    good,
    JSON.stringify({
      people: [
        {
          id: 'test-okafor',
          name: 'Chidinma Okafor',
          aliases: [],
          roles: [{ code: 'NGAMIL', title: 'Chief of Army Staff', from: '2021', to: null, source: 'test' }],
        },
      ],
    }),
  )
  const bad = join(dir, 'bad.json')
  writeFileSync(bad, JSON.stringify({ organisations: [{ id: 'o1', name: 'X', aliases: [], code: 'lowercase', country: null, sector: null, source: 's' }] }))

  it('adds the file to the registry of analyze and actors find', () => {
    const analyzed = run(
      ['analyze', '--jsonl', '--stages', 'actors', '--actors', good],
      jsonl([{ id: 'a', text: 'Chidinma Okafor visited troops.', published: '2025-01-01' }]),
    )
    assert.equal(analyzed.status, 0, analyzed.stderr)
    const actors = (outputs(analyzed.stdout)[0]?.actors ?? []) as { code: string }[]
    assert.ok(actors.some((a) => a.code === 'NGAMIL'))
    const found = run(['actors', 'find', 'Chidinma Okafor', '--date', '2025-01-01', '--actors', good])
    assert.equal(found.status, 0, found.stderr)
    assert.match(found.stdout, /NGAMIL/)
  })

  it('refuses a wrongly shaped file with exit 2, naming the entry and field, before any document', () => {
    for (const args of [
      ['analyze', '--jsonl'],
      ['actors', 'check'],
      ['actors', 'find', 'X'],
    ]) {
      const r = run([...args, '--actors', bad], jsonl([{ id: 'a', text: 'Russia condemned Israel.' }]))
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`)
      assert.match(r.stderr, /organisations\[0\] \("o1"\) field code/)
      assert.doesNotMatch(r.stderr, /\n\s+at /)
      assert.equal(r.stdout, '')
    }
    const missing = run(['analyze', '--jsonl', '--actors', join(dir, 'none.json')], '')
    assert.equal(missing.status, 2)
    assert.match(missing.stderr, /does not exist/)
  })
})

describe('--max-seconds (a time budget per document)', () => {
  it('answers a document that runs past its budget with an error line and goes on with the batch', () => {
    const r = run(
      ['analyze', '--jsonl', '--max-seconds', '0.001'],
      jsonl([
        { id: 'first', text: 'Russia condemned Israel on Monday.' },
        { id: 'second', text: 'Syria asked Russia for support.' },
      ]),
    )
    assert.equal(r.status, 0, r.stderr)
    const out = outputs(r.stdout)
    assert.deepEqual(
      out.map((o) => o.id),
      ['first', 'second'],
    )
    assert.match(String(out[0]?.error), /time budget.*more than 0\.001 s \(--max-seconds/)
  })

  it('0 means no limit, and a malformed value is a usage error', () => {
    const r = run(['analyze', '--jsonl', '--max-seconds', '0'], jsonl([{ id: 'a', text: 'Russia condemned Israel.' }]))
    assert.equal(r.status, 0, r.stderr)
    assert.ok(!outputs(r.stdout)[0]?.error)
    for (const bad of ['-1', 'ten', '0x10', '']) assert.equal(run(['analyze', '--jsonl', '--max-seconds', bad], '').status, 2, bad)
  })
})
