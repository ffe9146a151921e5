// The queue commands' refusals: an unreachable Redis, a wrong URL, a bad queue name, a missing option.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { promisify } from 'node:util'
import { CLI, freePort, runCli, tempDir } from './queue-helpers.js'

const run = async (args: string[]): Promise<{ code: number; stderr: string }> => {
  try {
    const r = await promisify(execFile)(process.execPath, [CLI, ...args], { encoding: 'utf8' })
    return { code: 0, stderr: r.stderr }
  } catch (e) {
    const err = e as { code: number; stderr: string }
    return { code: err.code, stderr: err.stderr }
  }
}

test('with no Redis at the address, ingest --queue, worker and queue status each fail in one line naming it', async () => {
  const dir = tempDir()
  const doc = join(dir, 'a.txt')
  writeFileSync(doc, 'The minister spoke on Monday.')
  // a port nothing listens on, on this machine only
  const url = `redis://127.0.0.1:${await freePort()}`
  const db = join(dir, 'w.db')
  const [ingest, worker, status] = await Promise.all([
    run(['ingest', doc, '--queue', url]),
    run(['worker', '--queue', url, '--db', db]),
    run(['queue', 'status', '--queue', url]),
  ])
  for (const r of [ingest, worker, status]) {
    assert.equal(r.code, 1, r.stderr)
    assert.match(r.stderr, new RegExp(`^(sitrep worker: .*\\n)*sitrep: cannot reach Redis at ${url.replace(/\./g, '\\.')} \\(no answer in 10 s\\)\\n$`))
  }
})

test('usage errors: a URL that is not Redis (password hidden), a bad queue name, missing options', () => {
  const dir = tempDir()
  const notRedis = runCli(['queue', 'status', '--queue', 'postgres://me:secret@127.0.0.1/db'])
  assert.equal(notRedis.status, 1)
  assert.match(notRedis.stderr, /is not a Redis URL/)
  assert.doesNotMatch(notRedis.stderr, /secret/)
  const badName = runCli(['worker', '--queue', 'redis://127.0.0.1:6379', '--queue-name', 'a:b', '--db', join(dir, 'x.db')])
  assert.match(badName.stderr, /queue name "a:b" is not usable/)
  assert.ok(!existsSync(join(dir, 'x.db')))
  assert.match(runCli(['worker', '--queue', 'redis://127.0.0.1:6379']).stderr, /worker needs --db/)
  assert.match(runCli(['queue', 'flush', '--queue', 'redis://127.0.0.1:6379']).stderr, /queue needs one of: status, retry, clean, unschedule/)
  const every = runCli(['ingest', 'x.txt', '--every', '15m', '--queue', 'redis://127.0.0.1:6379'])
  assert.equal(every.status, 2)
  assert.match(every.stderr, /x\.txt: --every polls URLs, feeds files and OPML files/)
  const period = runCli(['ingest', 'https://example.org/feed.xml', '--every', 'often', '--queue', 'redis://127.0.0.1:6379'])
  assert.equal(period.status, 2)
  assert.match(period.stderr, /--every needs a period such as 30s, 15m or 2h/)
  const both = runCli(['ingest', 'x.txt', '--queue', 'redis://127.0.0.1:6379', '--workers', '2'])
  assert.equal(both.status, 2)
  assert.match(both.stderr, /use one of them/)
})
