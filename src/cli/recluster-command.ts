import { parseArgs } from 'node:util'
import { createStore } from '../store/create-store.js'
import type { CommandEnv } from './command.js'
import { dbLocation, shownDb } from './db-option.js'
import { UsageError, validDateOption } from './util.js'

/**
 * `sitrep recluster [--since DATE] [--db …]`: files the stored events in clusters afresh (after
 * the clustering changed): every cluster, or those holding a mention from an article stored on
 * or after DATE, taken apart and their events filed again in date order, in one transaction.
 * Progress goes to standard error; the last line says what it did.
 */
export async function reclusterCommand(argv: string[], _env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { db: { type: 'string' }, since: { type: 'string' } } })
  if (positionals.length) throw new UsageError('recluster takes no file: it files again the events the database holds')
  const since = values.since !== undefined ? validDateOption(values.since, '--since') : undefined
  const store = createStore(dbLocation(values.db))
  try {
    await store.migrate()
    let shown = -1
    const result = await store.recluster({
      ...(since && { since }),
      onProgress: (done, total) => {
        // about every tenth part, and the end
        const step = Math.floor((10 * done) / Math.max(total, 1))
        if (step === shown && done !== total) return
        shown = step
        process.stderr.write(`sitrep: recluster: ${done}/${total} article(s) filed\n`)
      },
    })
    const totals = await store.counts()
    process.stderr.write(
      `sitrep: took ${result.dropped} cluster(s) apart and filed the events of ${result.articles} article(s) in ${result.clusters} cluster(s). ${shownDb(dbLocation(values.db))} holds ${totals.events} event(s) in ${totals.clusters} cluster(s).\n`,
    )
  } finally {
    await store.close()
  }
  return 0
}
