import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))

// Runs `sitrep start` in a folder until it prints the dashboard's URL; answers the URL, what it wrote to stderr and a way to stop it.
async function start(
  cwd: string,
  port: number,
  extra: string[] = [],
): Promise<{ url: string; stderr: string; log: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, 'start', '--db', join(cwd, 'start.db'), ...extra], {
    cwd,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const url = await new Promise<string>((resolve, reject) => {
    // the URL is the end of a line on stdout; the lines before it on stderr ('serving ...' is the
    // last) come through another pipe, so both are waited for
    const ready = (): void => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(stdout)
      if (m?.[1] && /sitrep: serving /.test(stderr)) resolve(m[1])
    }
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      ready()
    })
    child.stderr.on('data', ready)
    child.once('exit', () => reject(new Error(`start exited: ${stderr}`)))
  })
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c))
      child.kill(signal)
    })
  return { url, stderr, log: () => stderr, stop }
}

// A port taken by another listener on 127.0.0.1.
function takePort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, server }))
  })
}

describe('sitrep start (npm start)', () => {
  it('stores the example in an empty store, keeps an admin token only its owner reads, and moves past a taken port', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sitrep-start-'))
    const taken = await takePort()
    const first = await start(cwd, taken.port)
    try {
      const port = Number(new URL(first.url).port)
      assert.ok(port > taken.port && port <= taken.port + 20, `${port} after ${taken.port}`)
      assert.match(first.stderr, /stored the example article/)
      const tokenFile = join(cwd, '.sitrep-admin-token')
      assert.match(first.stderr, new RegExp(`made a local admin token in ${tokenFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
      assert.equal(statSync(tokenFile).mode & 0o777, 0o600)
      const secret = readFileSync(tokenFile, 'utf8').trim()
      const stats = (await (await fetch(`${first.url}v1/stats`)).json()) as { articles: number; events: number }
      assert.equal(stats.articles, 1)
      assert.ok(stats.events > 0)
      const page = await fetch(first.url)
      assert.equal(page.status, 200)
      assert.match(await page.text(), /<div id="app">/)
      // the token writes
      const write = await fetch(`${first.url}v1/articles`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
        body: JSON.stringify({ text: 'Officials in Lima said on Monday that talks with Chile would resume.' }),
      })
      assert.equal(write.status, 201)
    } finally {
      assert.equal(await first.stop(), 0)
      taken.server.close()
    }
    // a second start keeps the store and the token
    const again = await start(cwd, 0)
    try {
      assert.doesNotMatch(again.stderr, /stored the example/)
      assert.match(again.stderr, /the local admin token is in /)
    } finally {
      assert.equal(await again.stop(), 0)
    }
  })

  it('runs the watches while it serves: a watch added before fires on the stored example, and SIGINT stops it cleanly', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sitrep-start-watch-'))
    const db = join(cwd, 'start.db')
    // the watch looks at events stored after it was added: the example, stored by start
    const add = spawnSync(process.execPath, [CLI, 'watch', 'add', '--name', 'russia-any', '--actor', 'RUS', '--db', db], { encoding: 'utf8' })
    assert.equal(add.status, 0, add.stderr)
    const run = await start(cwd, 0, ['--watch-every', '1'])
    try {
      let alerts: { watch: string; events: { id: number }[] }[] = []
      for (let i = 0; i < 100 && !alerts.length; i++) {
        alerts = ((await (await fetch(`${run.url}v1/alerts`)).json()) as { alerts: typeof alerts }).alerts
        if (!alerts.length) await new Promise((r) => setTimeout(r, 100))
      }
      assert.equal(alerts.length, 1, 'the watch fired once on the example')
      assert.equal(alerts[0]?.watch, 'russia-any')
      assert.ok((alerts[0]?.events.length ?? 0) > 0)
      assert.match(run.log(), /watch russia-any fired/)
      // a new event is found by a later run of the loop, not only the first
      const secret = readFileSync(join(cwd, '.sitrep-admin-token'), 'utf8').trim()
      const write = await fetch(`${run.url}v1/articles`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
        body: JSON.stringify({ text: 'Russian troops shelled a border village in Ukraine on Friday, officials in Kyiv said.', published: '2025-08-01' }),
      })
      assert.equal(write.status, 201)
      // the text codes a Russian military source (RUSMIL), which the watch's RUS matches
      assert.ok(((await write.clone().json()) as { events: number }).events > 0)
      for (let i = 0; i < 100 && alerts.length < 2; i++) {
        alerts = ((await (await fetch(`${run.url}v1/alerts`)).json()) as { alerts: typeof alerts }).alerts
        if (alerts.length < 2) await new Promise((r) => setTimeout(r, 100))
      }
      assert.equal(alerts.length, 2, 'a second alert for the new article, from a later run of the loop')
    } finally {
      assert.equal(await run.stop('SIGINT'), 0)
    }
  })

  it('refuses a malformed --watch-every, and --queue-name without --queue', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sitrep-start-usage-'))
    for (const args of [
      ['--watch-every', 'often'],
      ['--queue-name', 'news'],
    ]) {
      const r = spawnSync(process.execPath, [CLI, 'start', '--db', join(cwd, 'u.db'), '--port', '0', ...args], { encoding: 'utf8', timeout: 30_000 })
      assert.equal(r.status, 2, r.stderr)
    }
  })
})
