// Store write speed: generated analysed articles saved one transaction per article into a
// new SQLite file and a new PostgreSQL database, then read back as a stream.
//   npm run bench:store [-- ARTICLES [EVENTS_PER_ARTICLE]]   (default 2000 x 20)
// PostgreSQL is the server of SITREP_TEST_PG (default 127.0.0.1:5432); a database
// sitrep_test_<pid>_<n> is created for the run and dropped after it.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPostgresStore } from '../src/store/postgres/pg-store.js'
import { createTestDatabase, dropTestDatabases, serverProblem } from '../src/store/postgres/test-database.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { Store } from '../src/store/store.js'
import { syntheticDoc } from './synthetic-docs.js'

const articles = Number(process.argv[2] ?? 2000)
const perArticle = Number(process.argv[3] ?? 20)
const docs = Array.from({ length: articles }, (_, n) => syntheticDoc(n, perArticle))

async function bench(name: string, store: Store): Promise<void> {
  await store.migrate()
  const t0 = performance.now()
  // batches of 64 articles, as an ingest worker hands them over; one transaction per article
  for (let i = 0; i < docs.length; i += 64) await store.saveMany(docs.slice(i, i + 64), 'bench')
  const write = (performance.now() - t0) / 1000
  const t1 = performance.now()
  let read = 0
  for await (const _ of store.streamEvents({})) read++
  const readS = (performance.now() - t1) / 1000
  await store.close()
  const events = articles * perArticle
  console.log(
    `${name}: saved ${articles} articles / ${events} events in ${write.toFixed(2)} s = ${Math.round(articles / write)} articles/s, ${Math.round(events / write)} events/s; streamed ${read} events back at ${Math.round(read / readS)} events/s`,
  )
}

await bench('sqlite', createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-bench-')), 'bench.db')))
const problem = await serverProblem()
if (problem) console.log(`postgres: not measured, ${problem}`)
else {
  await bench('postgres', createPostgresStore(await createTestDatabase()))
  await dropTestDatabases()
}
