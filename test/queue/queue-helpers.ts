// Helpers of the queue tests: the built CLI as a child process, a private redis-server, polling.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

/** The built CLI. */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))

/** The shared Redis of this machine (never restarted by a test). */
export const SHARED_REDIS = 'redis://127.0.0.1:6379'

/** A queue name no other test or run uses. */
export const uniqueQueue = (what: string): string => `test-${what}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'sitrep-queue-'))

/** Runs the CLI to the end. */
export const runCli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })

/** A running CLI process with its stderr collected. */
export function startCli(args: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
  let err = ''
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    err += s
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, stderr: () => err, exited }
}

/** Waits until `check` answers true, polling; fails with `what` after `ms`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 240_000, every = 200): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, every))
  }
}

/** Articles and events in a SQLite store, read without locking out its writers; zeros when not created yet. */
export function sqliteCounts(path: string): { articles: number; events: number } {
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch {
    return { articles: 0, events: 0 }
  }
  try {
    const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n
    return { articles: n('SELECT count(*) AS n FROM articles'), events: n('SELECT count(*) AS n FROM events') }
  } catch {
    return { articles: 0, events: 0 }
  } finally {
    db.close()
  }
}

/** Checks a finished store: no event twice (by its unique key), and as many events as the stored analyses hold. */
export function storeIntegrity(path: string): { articles: number; events: number; eventsInAnalyses: number; repeatedEvents: number; uniqueIndex: boolean } {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n
    const indexes = db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND type IN ('index', 'table')").all() as { sql: string | null }[]
    return {
      articles: n('SELECT count(*) AS n FROM articles'),
      events: n('SELECT count(*) AS n FROM events'),
      eventsInAnalyses: n("SELECT coalesce(sum(json_array_length(analysis, '$.events')), 0) AS n FROM articles"),
      repeatedEvents: n('SELECT count(*) AS n FROM (SELECT article_id, ordinal FROM events GROUP BY article_id, ordinal HAVING count(*) > 1)'),
      uniqueIndex: indexes.some((x) => /UNIQUE\s*\(\s*article_id\s*,\s*ordinal\s*\)/i.test(x.sql ?? '')),
    }
  } finally {
    db.close()
  }
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Starts a private redis-server with append-only persistence (fsync on every write) in `dir`; resolves once it answers. */
export async function startRedis(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    {
      stdio: 'ignore',
    },
  )
  await waitFor(
    `redis-server on port ${port}`,
    () => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG',
    20_000,
    100,
  )
  return child
}
