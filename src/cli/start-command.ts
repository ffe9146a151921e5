import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { type RunningServer, startServer } from '../api/server.js'
import { checkSecret, issueToken } from '../services/api-tokens.js'
import type { QueueMonitor } from '../services/queue-monitor.js'
import { createWatchRunner } from '../services/watch-runner.js'
import { createStore } from '../store/create-store.js'
import type { Store } from '../store/store.js'
import type { CommandEnv } from './command.js'
import { dbLocation, shownDb } from './db-option.js'
import { ingestPaths } from './ingest-command.js'
import { queueMonitor } from './queue-option.js'
import { UsageError } from './util.js'

/** The article stored when the store is empty, and the day it was published. */
const EXAMPLE = fileURLToPath(new URL('../../examples/syria-russia-support.txt', import.meta.url))
const EXAMPLE_DATE = '2025-07-31'

/** How many ports after the first one `start` tries when a port is taken. */
const PORT_TRIES = 20

/** The default file of the local admin token: beside the database, readable by its owner only. */
export const TOKEN_FILE = '.sitrep-admin-token'

/**
 * `sitrep start` (what `npm start` runs): the dashboard and the API on this machine. Stores the
 * example article when the store is empty, makes a local admin token (kept in a file only the
 * user can read) unless that file holds a valid one, then serves on PORT or 8080, or the next
 * free port, and prints the URL at the end of its last line. The watches are evaluated every
 * `--watch-every` seconds (10; 0: never) while it serves; `--queue` shows a queue on the Queue page.
 */
export async function startCommand(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'token-file': { type: 'string' },
      'watch-every': { type: 'string', default: '10' },
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
    },
  })
  if (positionals.length) throw new UsageError(`start takes no arguments, got "${positionals[0]}"`)
  const watchText = values['watch-every']
  if (!/^\d{1,6}$/.test(watchText)) throw new UsageError(`--watch-every expects a whole number of seconds (0: never), got "${watchText}"`)
  const watchEvery = Number(watchText)
  if (values['queue-name'] !== undefined && values.queue === undefined) throw new UsageError('--queue-name needs --queue redis://HOST:PORT')
  const portText = values.port ?? process.env.PORT ?? '8080'
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError(`the port (--port or PORT) must be from 0 to 65535, got "${portText}"`)
  // the queue is opened first: a malformed URL or name is refused before the store is touched
  const queue = values.queue === undefined ? null : queueMonitor(values.queue, values['queue-name'])
  const db = dbLocation(values.db)
  const store = createStore(db)
  await store.migrate()
  if ((await store.counts()).articles === 0) {
    const stats = await ingestPaths(store, [EXAMPLE], { lexicon: env.lexicon, userActors: env.userActors, published: EXAMPLE_DATE })
    process.stderr.write(`sitrep: the store was empty: stored the example article with ${stats.events} event(s)\n`)
  }
  const tokenFile = resolve(values['token-file'] ?? TOKEN_FILE)
  const made = await ensureAdminToken(store, tokenFile)
  process.stderr.write(
    `sitrep: ${made ? 'made a local admin token' : 'the local admin token is'} in ${tokenFile} (readable by you only): paste it into the Ingest or Queue view\n`,
  )
  const server = await listenFromPort(store, env, Number(portText), queue)
  // the watches run beside the dashboard: evaluated every --watch-every seconds, so alerts appear while it is open
  const watches = createWatchRunner({ store, log: (line) => process.stderr.write(`sitrep: ${line}\n`) })
  if (watchEvery > 0) {
    watches.kick()
    watches.start(watchEvery * 1000)
  }
  // the signal handlers are in place before the URL is shown: whoever reads the URL may stop it at once
  const stopped = new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      done()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  process.stderr.write(`sitrep: serving ${shownDb(db)}; API docs at /docs; Ctrl-C stops.\n`)
  process.stdout.write(`sitrep: the dashboard is at http://127.0.0.1:${server.port}/\n`)
  await stopped
  // the run in hand finishes (its alerts recorded once) before the store closes
  await watches.stop()
  await server.close()
  await queue?.close()
  await store.close()
  return 0
}

/** Keeps a valid admin token in `file` (mode 600): the one there when the store still accepts it, else a new one. True when it made one. */
export async function ensureAdminToken(store: Store, file: string): Promise<boolean> {
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim()
    const check = await checkSecret(store, secret)
    if (check.ok && check.token.scope === 'admin') {
      chmodSync(file, 0o600)
      return false
    }
  }
  const token = await issueToken(store, 'local dashboard (sitrep start)', 'admin')
  writeFileSync(file, `${token.secret}\n`, { mode: 0o600 })
  // the mode of writeFileSync applies to a new file only: an older file is narrowed too
  chmodSync(file, 0o600)
  return true
}

/** Serves on 127.0.0.1 at `first`, or the next free port after it (a taken port is skipped, up to PORT_TRIES). */
async function listenFromPort(store: Store, env: CommandEnv, first: number, queue: QueueMonitor | null): Promise<RunningServer> {
  for (let port = first; ; port++) {
    try {
      return await startServer({ store, lexicon: env.lexicon, host: '127.0.0.1', port, queue })
    } catch (e) {
      const code = (e as { code?: string }).code
      if (first === 0 || (code !== 'EADDRINUSE' && code !== 'EACCES') || port >= Math.min(65535, first + PORT_TRIES)) throw e
      process.stderr.write(`sitrep: port ${port} is taken, trying ${port + 1}\n`)
    }
  }
}
