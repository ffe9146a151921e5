import { parseArgs } from 'node:util'
import { createStore } from '../store/create-store.js'
import { dbLocation } from './db-option.js'
import { UsageError, writeLine } from './util.js'

/**
 * `sitrep stats [--db …]`: one line `articles=N events=N clusters=N` for scripts and health
 * checks; every stored article counts; clusters are the real-world events the stored events report.
 */
export async function statsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { db: { type: 'string' } } })
  if (positionals.length) throw new UsageError(`stats takes no argument, got "${positionals[0]}"`)
  const store = createStore(dbLocation(values.db), { readOnly: true })
  try {
    // clusters: the stored real-world events, kept up to date as articles are saved
    const { articles, events, clusters } = await store.counts()
    await writeLine(`articles=${articles} events=${events} clusters=${clusters}`)
  } finally {
    await store.close()
  }
  return 0
}
