// Export memory and speed: 1 million generated events in a new SQLite database, exported
// by a separate process in each format to a file; prints the child's peak resident memory.
//   npm run build && npm run bench:export [-- EVENTS [FORMATS]]   (default 1000000 and all formats; the limit is 300 MB)
// The database is filled directly (rows as a save writes them, articles without their
// analysis JSON to keep the file small), then its events are filed in clusters as saves
// would have (clusterPending, timed apart); only the export is measured for memory.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { ARTICLE_COLUMNS, articleRow, EVENT_COLUMNS, eventRows } from '../src/store/rows.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { syntheticDoc } from './synthetic-docs.js'

const total = Number(process.argv[2] ?? 1_000_000)
const PER_ARTICLE = 50
const LIMIT_MB = 300
const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-export-'))
const path = join(dir, 'bench.db')

const store = createSqliteStore(path)
await store.migrate()
await store.close()
const db = new Database(path)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = OFF')
const insertArticle = db.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')})`)
const insertEvent = db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`)
const t0 = performance.now()
const fill = db.transaction((from: number, to: number) => {
  for (let n = from; n < to; n++) {
    const doc = syntheticDoc(n, PER_ARTICLE)
    const article = articleRow(doc, 'bench')
    article[ARTICLE_COLUMNS.indexOf('analysis')] = '{}'
    insertArticle.run(article)
    for (const row of eventRows(doc, article[0] as string, 'bench')) insertEvent.run(row)
  }
})
const articles = Math.ceil(total / PER_ARTICLE)
for (let n = 0; n < articles; n += 1000) fill(n, Math.min(articles, n + 1000))
db.close()
console.log(`filled ${articles * PER_ARTICLE} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
const t1 = performance.now()
const filing = createSqliteStore(path)
await filing.clusterPending()
const { clusters } = await filing.counts()
await filing.close()
console.log(`filed them in ${clusters} clusters in ${((performance.now() - t1) / 1000).toFixed(1)} s`)

const CHILD = `
import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { createStore } from ${JSON.stringify(new URL('../dist/store/create-store.js', import.meta.url).href)}
import { EXPORT_STORE_OPTIONS, exportEvents } from ${JSON.stringify(new URL('../dist/exports/export-events.js', import.meta.url).href)}
const [db, format, file] = process.argv.slice(1)
const store = createStore(db, EXPORT_STORE_OPTIONS)
const out = createWriteStream(file)
const t0 = performance.now()
const n = await exportEvents(store, {}, { format: format === 'mentions' ? 'gdelt' : format, mentions: format === 'mentions' }, out)
out.end()
await finished(out)
await store.close()
console.log(JSON.stringify({ n, seconds: (performance.now() - t0) / 1000, peakMb: process.resourceUsage().maxRSS / 1024 }))
`
let worst = 0
for (const format of (process.argv[3] ?? 'gdelt,mentions,csv,jsonl,geojson,parquet').split(',')) {
  const file = join(dir, `out.${format}`)
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, path, format, file], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
  })
  if (r.status !== 0) throw new Error(`${format}: ${r.stderr}`)
  const { n, seconds, peakMb } = JSON.parse(r.stdout) as { n: number; seconds: number; peakMb: number }
  worst = Math.max(worst, peakMb)
  console.log(
    `${format}: ${n} rows, ${(statSync(file).size / 1048576).toFixed(0)} MB in ${seconds.toFixed(1)} s (${Math.round(n / seconds)} rows/s), peak RSS ${peakMb.toFixed(0)} MB`,
  )
  rmSync(file)
}
rmSync(dir, { recursive: true, force: true })
console.log(`export of ${total} events: peak RSS ${worst.toFixed(0)} MB (limit ${LIMIT_MB} MB): ${worst < LIMIT_MB ? 'ok' : 'OVER'}`)
process.exitCode = worst < LIMIT_MB ? 0 : 1
