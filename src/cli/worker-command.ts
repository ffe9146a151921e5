import { parseArgs } from 'node:util'
import { startConsumer } from '../queue/consumer.js'
import { redisHostTurns } from '../queue/host-turns.js'
import { queueName, redactUrl } from '../queue/redis-url.js'
import { queueAnalysis } from '../services/queue-analysis.js'
import { createWatchRunner } from '../services/watch-runner.js'
import { createStore } from '../store/create-store.js'
import { pipelineVersion } from '../version.js'
import type { CommandEnv } from './command.js'
import { errorInWords } from './errors.js'
import { maxSecondsOption, UsageError } from './util.js'

/**
 * `sitrep worker`: takes analysis jobs from a queue, one at a time, and saves each once.
 * SIGTERM or SIGINT stops it after the job in hand; a worker killed outright has its job
 * taken back by another within --lock-seconds.
 */
export async function workerCommand(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      queue: { type: 'string' },
      'queue-name': { type: 'string' },
      db: { type: 'string' },
      'max-seconds': { type: 'string' },
      'lock-seconds': { type: 'string', default: '30' },
      'store-patience': { type: 'string', default: '60' },
      'allow-private': { type: 'boolean', default: false },
      contact: { type: 'string' },
    },
  })
  if (positionals.length) throw new UsageError(`worker takes no FILE (got "${positionals[0]}"): documents come from the queue`)
  if (values.queue === undefined) throw new UsageError('worker needs --queue redis://HOST:PORT')
  if (values.db === undefined) throw new UsageError('worker needs --db (a SQLite path or a database URL): where the analyses are saved')
  if (values.contact !== undefined && !/^(https?:\/\/|mailto:)\S+$/i.test(values.contact)) throw new UsageError('--contact needs an http(s) or mailto: URL')
  const lockMs = secondsOption(values['lock-seconds'], '--lock-seconds', 1) * 1000
  const patienceMs = secondsOption(values['store-patience'], '--store-patience', 0) * 1000
  const name = queueName(values['queue-name'])
  // a job is acked once its save returns: the save must outlast a power cut (see StoreOptions.durable)
  const store = createStore(values.db, { durable: true })
  await store.migrate()
  const say = (line: string): boolean => process.stderr.write(`sitrep worker: ${line}\n`)
  // watches are evaluated after each stored article with events; several workers record each alert once
  const watches = createWatchRunner({ store, log: (line) => void say(line) })
  // source jobs space their requests to a host through the queue's Redis: one request a second per host from all workers together
  let turnsError = { reason: '', at: 0 }
  const hostTurns = redisHostTurns(values.queue, {
    onError: (e) => {
      if (e.message === turnsError.reason && Date.now() - turnsError.at < 30_000) return
      turnsError = { reason: e.message, at: Date.now() }
      say(`host turns: ${e.message} (spacing this worker's own requests meanwhile)`)
    },
  })
  const { handle, handleSource, warm, stats } = queueAnalysis({
    store,
    lexicon: env.lexicon,
    maxSeconds: maxSecondsOption(values['max-seconds']),
    storePatienceMs: patienceMs,
    pipelineVersion: pipelineVersion(env.userActors),
    onStoreError: (e, wait) => say(`the store refused a save (${errorInWords(e)}); trying again in ${wait} ms`),
    watches,
    allowPrivate: values['allow-private'],
    ...(values.contact && { contact: values.contact }),
    onSourceProblem: (line) => say(line),
    hostTurns,
  })
  warm()
  let lastError = { reason: '', at: 0 }
  const consumer = startConsumer({
    url: values.queue,
    name,
    handle,
    handleSource,
    lockMs,
    onEvent: (e) => {
      if (e.kind === 'dead') say(`job ${e.id} is dead (in ${name}.dead): ${e.reason}`)
      else if (e.kind === 'retry') say(`job ${e.id} failed try ${e.attempt}, will be tried again: ${e.reason}`)
      else if (e.kind === 'error' && (e.reason !== lastError.reason || Date.now() - lastError.at > 30_000)) {
        // a lost connection is retried every second or two: said once, then every 30 s
        lastError = { reason: e.reason, at: Date.now() }
        say(`queue: ${e.reason}`)
      }
    },
  })
  try {
    await consumer.ready()
  } catch (e) {
    await consumer.stop()
    await watches.stop()
    await hostTurns.close()
    await store.close()
    throw e
  }
  say(`taking jobs from "${name}" at ${redactUrl(values.queue)}, saving to ${values.db}`)
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      say(`${signal}: finishing the job in hand, then stopping`)
      resolve()
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  })
  await consumer.stop()
  await watches.stop()
  await hostTurns.close()
  await store.close()
  say(
    `stopped: ${stats.inserted} new, ${stats.duplicates} already stored, ${stats.events} new event(s), ${stats.storeRetries} refused save(s) retried, ${stats.sources} source(s) read`,
  )
  return 0
}

/** Reads a whole number of seconds no smaller than `min`. */
function secondsOption(value: string, flag: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag} expects a whole number of seconds (at least ${min}), got "${value}"`)
  return Number(value)
}
