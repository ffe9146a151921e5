import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))

// Runs `sitrep start` in a folder until it prints the dashboard's URL; answers the URL, what it wrote to stderr and a way to stop it.
async function start(cwd: string, port: number): Promise<{ url: string; stderr: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, 'start', '--db', join(cwd, 'start.db')], {
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
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c))
      child.kill('SIGTERM')
    })
  return { url, stderr, stop }
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
})
