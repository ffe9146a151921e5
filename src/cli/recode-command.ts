import { parseArgs } from 'node:util'
import { createAnalyzer, isError } from '../analyze.js'
import { createStore } from '../store/create-store.js'
import { pipelineVersion } from '../version.js'
import type { CommandEnv } from './command.js'
import { dbLocation, shownDb } from './db-option.js'
import { errorInWords } from './errors.js'
import { maxSecondsOption, UsageError, validDateOption } from './util.js'

/**
 * `sitrep recode [--since DATE] [--db …]`: analyses again every stored article whose pipeline
 * version (package, lexicon, models, user registry) differs from this one, replacing its
 * analysis and events in one transaction per article; a failed article keeps its old events.
 */
export async function recodeCommand(argv: string[], env: CommandEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, since: { type: 'string' }, 'max-seconds': { type: 'string' } },
  })
  if (positionals.length) throw new UsageError('recode takes no file: it re-analyses what the database holds')
  const since = values.since !== undefined ? validDateOption(values.since, '--since') : undefined
  const version = pipelineVersion(env.userActors)
  const analyzer = createAnalyzer({ lexicon: env.lexicon, maxSeconds: maxSecondsOption(values['max-seconds']) })
  const store = createStore(dbLocation(values.db))
  let recoded = 0
  let failed = 0
  let vanished = 0
  try {
    await store.migrate()
    for (const id of await store.staleArticles(version, since)) {
      const article = await store.getArticle(id)
      if (!article) {
        vanished++
        continue
      }
      // the stored text is the clean article: analysed again byte for byte, it keeps its id
      const out = analyzer.analyze({
        id: article.analysis.id,
        text: article.text,
        clean: false,
        ...(article.url && { url: article.url }),
        ...(article.published && { published: article.published }),
      })
      try {
        if (isError(out)) throw new Error(out.error)
        if (await store.replaceAnalysis(id, out, version)) recoded++
        else vanished++
      } catch (e) {
        failed++
        process.stderr.write(`sitrep: article ${id}: ${errorInWords(e)}; its events are kept as they were\n`)
      }
    }
    const totals = await store.counts()
    process.stderr.write(
      `sitrep: recoded ${recoded} article(s) to pipeline ${version}, ${failed} failed${vanished ? `, ${vanished} gone meanwhile` : ''}. ${shownDb(dbLocation(values.db))} holds ${totals.articles} article(s), ${totals.events} event(s).\n`,
    )
  } finally {
    await store.close()
  }
  return failed && !recoded ? 1 : 0
}
