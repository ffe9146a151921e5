// Store write speed: generated analysed articles saved one transaction per article into a
// new SQLite file and a new PostgreSQL database, then read back as a stream. Each line also
// gives this process's CPU time (steadier than wall time on a loaded machine; PostgreSQL's
// server time is not in it), and a first line the same rows written to SQLite without filing
// them in clusters (what filing costs on top).
//   npm run bench:store [-- ARTICLES [EVENTS_PER_ARTICLE]]   (default 2000 x 20)
// PostgreSQL is the server of SITREP_TEST_PG (default 127.0.0.1:5432); a database
// sitrep_test_<pid>_<n> is created for the run and dropped after it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createPostgresStore } from '../src/store/postgres/pg-store.js'
import { createTestDatabase, dropTestDatabases, serverProblem } from '../src/store/postgres/test-database.js'
import { ARTICLE_COLUMNS, articleRow, EVENT_COLUMNS, eventRows } from '../src/store/rows.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { Store } from '../src/store/store.js'
import { syntheticDoc } from './synthetic-docs.js'

const articles = Number(process.argv[2] ?? 2000)
const perArticle = Number(process.argv[3] ?? 20)
const docs = Array.from({ length: articles }, (_, n) => syntheticDoc(n, perArticle))

const cpuSince = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from)
  return (used.user + used.system) / 1e6
}

// The rows a save writes, in one transaction per article, with no cluster filing (the store's pragmas).
async function rowsOnly(): Promise<void> {
  const path = join(mkdtempSync(join(tmpdir(), 'sitrep-bench-')), 'rows.db')
  const store = createSqliteStore(path)
  await store.migrate()
  await store.close()
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  const insertArticle = db.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')})`)
  const insertEvent = db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`)
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  for (const doc of docs) {
    const article = articleRow(doc, 'bench')
    const rows = eventRows(doc, article[0] as string, 'bench')
    db.transaction(() => {
      insertArticle.run(article)
      for (const row of rows) insertEvent.run(row)
    }).immediate()
  }
  const write = (performance.now() - t0) / 1000
  const cpu = cpuSince(c0)
  db.close()
  console.log(
    `sqlite rows only (no cluster filing): saved ${articles} articles / ${articles * perArticle} events in ${write.toFixed(2)} s (${cpu.toFixed(2)} s CPU) = ${Math.round(articles / write)} articles/s`,
  )
}

async function bench(name: string, store: Store): Promise<void> {
  await store.migrate()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  // batches of 64 articles, as an ingest worker hands them over; one transaction per article
  for (let i = 0; i < docs.length; i += 64) await store.saveMany(docs.slice(i, i + 64), 'bench')
  const write = (performance.now() - t0) / 1000
  const cpu = cpuSince(c0)
  const t1 = performance.now()
  let read = 0
  for await (const _ of store.streamEvents({})) read++
  const readS = (performance.now() - t1) / 1000
  await store.close()
  const events = articles * perArticle
  console.log(
    `${name}: saved ${articles} articles / ${events} events in ${write.toFixed(2)} s (${cpu.toFixed(2)} s CPU) = ${Math.round(articles / write)} articles/s, ${Math.round(events / write)} events/s; streamed ${read} events back at ${Math.round(read / readS)} events/s`,
  )
}

await rowsOnly()
await bench('sqlite', createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-bench-')), 'bench.db')))
const problem = await serverProblem()
if (problem) console.log(`postgres: not measured, ${problem}`)
else {
  await bench('postgres', createPostgresStore(await createTestDatabase()))
  await dropTestDatabases()
}
