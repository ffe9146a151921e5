import { parseArgs } from 'node:util'
import { isLoopback, startServer } from '../api/server.js'
import { createWatchRunner } from '../services/watch-runner.js'
import { userAgent } from '../sources/safe-fetch.js'
import { createStore } from '../store/create-store.js'
import type { CommandEnv } from './command.js'
import { queueMonitor } from './queue-option.js'
import { UsageError } from './util.js'

const whole = (value: string | undefined, flag: string, fallback: number, min = 0): number => {
  if (value === undefined) return fallback
  if (!/^\d{1,9}$/.test(value) || Number(value) < min) throw new UsageError(`${flag} expects a whole number${min ? ` of at least ${min}` : ''}, got "${value}"`)
  return Number(value)
}

/** `sitrep serve`: the HTTP API over a store, on 127.0.0.1:8080 unless told otherwise. */
export async function serveCommand(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string', default: 'sitrep.db' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8080' },
      'reads-need-token': { type: 'boolean', default: false },
      'open-reads': { type: 'boolean', default: false },
      cors: { type: 'string', multiple: true },
      'body-limit': { type: 'string' },
      'rate-limit': { type: 'string' },
      timeout: { type: 'string' },
      'poll-ms': { type: 'string' },
      'watch-every': { type: 'string', default: '10' },
      'allow-private': { type: 'boolean', default: false },
      contact: { type: 'string' },
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
    },
  })
  if (positionals.length) throw new UsageError(`serve takes no arguments, got "${positionals[0]}"`)
  const port = whole(values.port, '--port', 8080)
  if (port > 65535) throw new UsageError(`--port expects a port from 0 to 65535, got "${values.port}"`)
  // reads are open on this machine only; bound elsewhere they need a token unless --open-reads says so
  const loopback = isLoopback(values.host)
  const readsNeedToken = values['reads-need-token'] || (!loopback && !values['open-reads'])
  for (const origin of values.cors ?? [])
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new UsageError(`--cors expects an origin such as https://dash.example.org, got "${origin}"`)
  const watchEvery = whole(values['watch-every'], '--watch-every', 10)
  if (values.contact !== undefined && !/^(https?:\/\/|mailto:)\S+$/i.test(values.contact)) throw new UsageError('--contact needs an http(s) or mailto: URL')
  if (values['queue-name'] !== undefined && values.queue === undefined) throw new UsageError('--queue-name needs --queue redis://HOST:PORT')
  // the queue is opened before the store: a malformed URL or name is refused before anything starts
  const queue = values.queue === undefined ? null : queueMonitor(values.queue, values['queue-name'])
  const store = createStore(values.db)
  await store.migrate()
  const server = await startServer({
    store,
    lexicon: env.lexicon,
    host: values.host,
    port,
    readsNeedToken,
    corsOrigins: values.cors ?? [],
    bodyLimitBytes: whole(values['body-limit'], '--body-limit', 1024 * 1024, 1),
    rateLimitPerMinute: whole(values['rate-limit'], '--rate-limit', 600),
    timeoutMs: whole(values.timeout, '--timeout', 30, 1) * 1000,
    streamPollMs: whole(values['poll-ms'], '--poll-ms', 1000, 50),
    allowPrivate: values['allow-private'],
    queue,
    ...(values.contact && { fetcher: { userAgent: userAgent(values.contact) } }),
  })
  // the watches run beside the API: evaluated on new events every --watch-every seconds (0: never), alerts posted to their webhooks
  const watches = createWatchRunner({ store, log: (line) => process.stderr.write(`sitrep serve: ${line}\n`) })
  if (watchEvery > 0) {
    watches.kick()
    watches.start(watchEvery * 1000)
  }
  const shown = server.host.includes(':') ? `[${server.host}]` : server.host
  process.stderr.write(
    `sitrep serve: http://${shown}:${server.port}/v1 (docs /docs, OpenAPI /openapi.json) over ${values.db}; reads ${readsNeedToken ? 'need a token' : 'open'}, writes need a token\n`,
  )
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await watches.stop()
  await server.close()
  await queue?.close()
  await store.close()
  return 0
}
