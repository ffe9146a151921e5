import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })

describe('sitrep tokens and sitrep serve (built CLI)', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'sitrep-serve-')), 'serve.db')

  it('adds, lists and revokes tokens; the secret is printed once and never listed', () => {
    const add = run(['tokens', 'add', 'newsroom cms', '--scope', 'write', '--db', db])
    assert.equal(add.status, 0, add.stderr)
    const secret = add.stdout.trim()
    assert.match(secret, /^srt_[A-Za-z0-9_-]{43}$/)
    const id = /token (?<id>tok_[0-9a-f]+)/.exec(add.stderr)?.groups?.id ?? ''
    assert.ok(id, add.stderr)
    const list = run(['tokens', 'list', '--db', db])
    assert.match(list.stdout, new RegExp(`${id}\\s+write .* valid\\s+newsroom cms`))
    assert.equal(list.stdout.includes(secret), false)
    assert.equal(run(['tokens', 'revoke', id, '--db', db]).status, 0)
    assert.match(run(['tokens', 'list', '--db', db]).stdout, /revoked/)
    assert.equal(run(['tokens', 'revoke', id, '--db', db]).status, 1)
    const bad = run(['tokens', 'add', 'x', '--scope', 'root', '--db', db])
    assert.equal(bad.status, 2)
    assert.match(bad.stderr, /--scope expects one of read, write, admin/)
  })

  it('serves on 127.0.0.1 by default and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(stderr)
        if (m?.[1]) resolve(m[1])
      })
      child.once('exit', () => reject(new Error(`serve exited: ${stderr}`)))
    })
    const health = await fetch(`${url}/v1/health`)
    assert.equal(health.status, 200)
    const write = await fetch(`${url}/v1/articles`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"x"}' })
    assert.equal(write.status, 401)
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c))
      child.kill('SIGTERM')
    })
    assert.equal(code, 0, stderr)
  })

  it('refuses bad options with the usage', () => {
    for (const args of [
      ['serve', '--port', '70000'],
      ['serve', '--rate-limit', '-1'],
      ['serve', '--cors', 'not an origin'],
      ['serve', 'extra'],
      ['serve', '--queue-name', 'news'],
      ['serve', '--queue', 'http://127.0.0.1:6379'],
      ['serve', '--queue', 'redis://127.0.0.1:6379', '--queue-name', 'no spaces'],
    ]) {
      const r = run([...args, '--db', db])
      assert.equal(r.status, 2, args.join(' '))
      assert.match(r.stderr, /^sitrep: /)
    }
  })

  it('shows a queue at /v1/queue to an admin token when started with --queue', async () => {
    const issued = run(['tokens', 'add', 'queue-admin', '--scope', 'admin', '--db', db])
    assert.equal(issued.status, 0, issued.stderr)
    const secret = issued.stdout.trim()
    const name = `serve-cli-${process.pid}`
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db, '--queue', 'redis://127.0.0.1:6379', '--queue-name', name], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(stderr)
        if (m?.[1]) resolve(m[1])
      })
      child.once('exit', () => reject(new Error(`serve exited: ${stderr}`)))
    })
    try {
      assert.equal((await fetch(`${url}/v1/queue`)).status, 401)
      const res = await fetch(`${url}/v1/queue`, { headers: { Authorization: `Bearer ${secret}` } })
      assert.equal(res.status, 200, await res.clone().text())
      const body = (await res.json()) as { queue: string; waiting: number; dead: number }
      assert.deepEqual([body.queue, body.waiting, body.dead], [name, 0, 0])
    } finally {
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', (c) => resolve(c))
        child.kill('SIGTERM')
      })
      assert.equal(code, 0, stderr)
    }
  })
})
