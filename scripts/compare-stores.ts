// The dev-set news texts (GeoWebNews, GeoVirus, PolNeAR dev, TBAQ) analysed once each and
// stored in a new SQLite file and a new PostgreSQL database; prints both stores' article,
// event and stored cluster counts and whether they agree (exit 1 when not).
//   npm run compare:stores [-- DATA_DIR]   (default ../shared/data; PostgreSQL of SITREP_TEST_PG)
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createAnalyzer, isError } from '../src/analyze.js'
import type { Output } from '../src/output.js'
import { createPostgresStore } from '../src/store/postgres/pg-store.js'
import { createTestDatabase, dropTestDatabases } from '../src/store/postgres/test-database.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { Store } from '../src/store/store.js'

const data = resolve(process.argv[2] ?? '../shared/data')
const SETS = ['geo/gwn.jsonl', 'geo/geovirus.jsonl', 'quotes/polnear-dev.jsonl', 'time/tbaq.jsonl']
const analyzer = createAnalyzer()
const outputs: Output[] = []
for (const set of SETS) {
  for (const line of readFileSync(join(data, set), 'utf8').split('\n')) {
    if (!line.trim()) continue
    const r = JSON.parse(line) as { doc_id: string; text: string; url?: string; dltime?: string; date?: string; dct?: string }
    const day = (r.dct ?? r.date ?? r.dltime ?? '').slice(0, 10)
    const out = analyzer.analyze({
      id: `${set}:${r.doc_id}`,
      text: r.text,
      ...(r.url && { url: r.url }),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(day) && { published: day }),
    })
    if (!isError(out)) outputs.push(out)
  }
}

async function fill(store: Store): Promise<string> {
  await store.migrate()
  // one article after another, as `sitrep ingest` saves them: clusters are filed as articles
  // arrive, so both stores must see them in the same order
  for (const out of outputs) await store.save(out, 'compare')
  const { articles, events, clusters } = await store.counts()
  await store.close()
  return `articles=${articles} events=${events} clusters=${clusters}`
}

const sqlite = await fill(createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sitrep-compare-')), 'dev.db')))
const postgres = await fill(createPostgresStore(await createTestDatabase()))
await dropTestDatabases()
console.log(`${outputs.length} documents analysed`)
console.log(`sqlite:   ${sqlite}`)
console.log(`postgres: ${postgres}`)
console.log(sqlite === postgres ? 'the same counts in both stores' : 'DIFFERENT counts')
process.exitCode = sqlite === postgres ? 0 : 1
