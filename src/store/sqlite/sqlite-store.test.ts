import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { aggregateContract } from '../aggregate-contract.js'
import { clusterContract, reclusterContract } from '../cluster-contract.js'
import { createStore } from '../create-store.js'
import { ARTICLE_COLUMNS, articleRow, EVENT_COLUMNS, eventRows } from '../rows.js'
import { sourceStateContract } from '../source-state-contract.js'
import { StoreError } from '../store.js'
import { DOC_A, DOC_B, storeContract } from '../store-contract.js'
import { CLUSTERS_REFILED_VERSION, CLUSTERS_VERSION, MIGRATIONS } from './migrations.js'
import { createSqliteStore, openReadWrite } from './sqlite-store.js'

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'sitrep-')), 'test.db')

// A schema-6 database file holding two articles whose three events are all filed under one
// cluster of a key no rule makes now (as an older rule might have).
function schema6WithOldCluster(): string {
  const path = fresh()
  const raw = new Database(path)
  for (const sql of MIGRATIONS.slice(0, CLUSTERS_REFILED_VERSION - 1)) raw.exec(sql)
  raw.pragma(`user_version = ${CLUSTERS_REFILED_VERSION - 1}`)
  for (const doc of [DOC_A, DOC_B]) {
    const article = articleRow(doc, 'old')
    raw.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')})`).run(article)
    for (const row of eventRows(doc, article[0] as string, 'old'))
      raw.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`).run(row)
  }
  const seed = raw.prepare('SELECT min(id) AS id FROM events').get() as { id: number }
  const cluster = raw.prepare("INSERT INTO clusters (seed_id, key, num_mentions) VALUES (?, 'old|key', 3) RETURNING id").get(seed.id) as { id: number }
  raw.prepare("INSERT INTO cluster_mentions (event_id, cluster_id, article_id, source_key) SELECT id, ?, article_id, 'old' FROM events").run(cluster.id)
  raw.close()
  return path
}

storeContract('sqlite', async () => createSqliteStore(fresh()))
sourceStateContract('sqlite', async () => createSqliteStore(fresh()))
clusterContract('sqlite', async () => createSqliteStore(fresh()))
const reopened = fresh()
reclusterContract('sqlite', async (clusters) => createSqliteStore(reopened, clusters ? { clusters } : {}))
aggregateContract('sqlite', async () => createSqliteStore(fresh()))

describe('sqlite store: schema versions and read-only use', () => {
  it('files the events of a schema-4 database in clusters when it migrates to schema 5', async () => {
    const path = fresh()
    const raw = new Database(path)
    for (const sql of MIGRATIONS.slice(0, CLUSTERS_VERSION - 1)) raw.exec(sql)
    raw.pragma(`user_version = ${CLUSTERS_VERSION - 1}`)
    for (const doc of [DOC_A, DOC_B]) {
      const article = articleRow(doc, 'old')
      raw.prepare(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')})`).run(article)
      for (const row of eventRows(doc, article[0] as string, 'old'))
        raw.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`).run(row)
    }
    raw.close()
    const store = createSqliteStore(path)
    await store.migrate()
    assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 })
    assert.ok((await store.queryEvents({})).every((e) => typeof e.clusterId === 'number'))
    assert.equal(await store.clusterPending(), 0)
    await store.close()
  })

  it('files the clusters of a schema-6 database again when it migrates to schema 7', async () => {
    const path = schema6WithOldCluster()
    const store = createSqliteStore(path)
    await store.migrate()
    assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 })
    assert.equal(new Set((await store.queryEvents({})).map((e) => e.clusterId)).size, 3)
    await store.close()
    const check = new Database(path, { readonly: true })
    assert.deepEqual(check.prepare("SELECT count(*) AS n FROM clusters WHERE key = 'old|key'").get(), { n: 0 }, 'the old cluster is gone')
    assert.deepEqual(check.prepare('SELECT count(*) AS n FROM upkeep').get(), { n: 0 }, 'no upkeep is left')
    check.close()
  })

  it('keeps the migrated schema when filing the clusters again fails, and files them at the next start', async () => {
    const path = schema6WithOldCluster()
    const raw = new Database(path)
    raw.exec("CREATE TRIGGER refuse_clusters BEFORE INSERT ON clusters BEGIN SELECT RAISE(ABORT, 'no new clusters today'); END")
    raw.close()
    const store = createSqliteStore(path)
    await assert.rejects(store.migrate(), /no new clusters today/)
    await store.close()
    const check = new Database(path)
    assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length, 'the schema change committed before the filing')
    assert.deepEqual(check.prepare('SELECT task FROM upkeep').all(), [{ task: 'file-pending' }], 'the filing is left marked')
    check.exec('DROP TRIGGER refuse_clusters')
    check.close()
    const again = createSqliteStore(path)
    await again.migrate()
    assert.deepEqual(await again.counts(), { articles: 2, events: 3, clusters: 3 })
    assert.ok((await again.queryEvents({})).every((e) => typeof e.clusterId === 'number'))
    await again.migrate()
    assert.deepEqual(await again.counts(), { articles: 2, events: 3, clusters: 3 }, 'a later start files nothing again')
    await again.close()
  })

  it('refuses a database of a newer schema, naming both versions, and writes nothing', async () => {
    const path = fresh()
    const raw = new Database(path)
    raw.pragma('user_version = 999')
    raw.close()
    const store = createSqliteStore(path)
    await assert.rejects(
      store.migrate(),
      (e: Error) => e instanceof StoreError && /schema version 999/.test(e.message) && new RegExp(`version ${MIGRATIONS.length}\\b`).test(e.message),
    )
    await store.close()
    assert.throws(() => createSqliteStore(path, { readOnly: true }), new RegExp(`schema version 999.*version ${MIGRATIONS.length}\\b`))
    const check = new Database(path)
    assert.equal((check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n, 0)
    check.close()
  })

  it('opens read-only without creating a database at a mistyped path', () => {
    const path = fresh()
    assert.throws(
      () => createSqliteStore(path, { readOnly: true }),
      (e: Error) => e instanceof StoreError && e.message === `no database at ${path}`,
    )
    assert.equal(existsSync(path), false)
  })

  it('answers queries and refuses writes when read-only', async () => {
    const path = fresh()
    const writer = createSqliteStore(path)
    await writer.migrate()
    await writer.save(DOC_A, 'test')
    await writer.close()
    const reader = createSqliteStore(path, { readOnly: true })
    assert.equal((await reader.queryEvents({})).length, 2)
    await assert.rejects(reader.save(DOC_B, 'test'), /readonly/)
    await reader.close()
  })

  it('says a file without sitrep tables is not a sitrep database', () => {
    const path = fresh()
    new Database(path).close()
    assert.throws(() => createSqliteStore(path, { readOnly: true }), /is not a sitrep database/)
  })
})

describe('sqlite store: durability of commits', () => {
  it('syncs every commit (synchronous FULL) when opened durable, at checkpoints (NORMAL) by default', () => {
    const path = fresh()
    const plain = openReadWrite(path, false)
    assert.equal(plain.pragma('synchronous', { simple: true }), 1)
    assert.equal(plain.pragma('journal_mode', { simple: true }), 'wal')
    plain.close()
    const durable = openReadWrite(path, true)
    assert.equal(durable.pragma('synchronous', { simple: true }), 2)
    durable.close()
  })
})

describe('createStore(url)', () => {
  it('opens SQLite for a path and for sqlite: URLs', async () => {
    for (const url of [fresh(), `sqlite:${fresh()}`, `sqlite://${fresh()}`]) {
      const store = createStore(url)
      await store.migrate()
      assert.deepEqual(await store.counts(), { articles: 0, events: 0, clusters: 0 })
      await store.close()
    }
  })

  it('names an unknown scheme and an empty sqlite: URL', () => {
    assert.throws(
      () => createStore('mysql://user:secret@127.0.0.1/db'),
      (e: Error) => /unknown database scheme "mysql:"/.test(e.message) && !e.message.includes('secret'),
    )
    assert.throws(() => createStore('sqlite:'), /names no file/)
  })
})

// Two processes doing the first ingest into a new database: each migrates and saves its own
// article; both must succeed and both articles must be there, every time.
const CHILD = `
import { createStore } from ${JSON.stringify(new URL('../../../dist/store/create-store.js', import.meta.url).href)}
const [path, doc] = process.argv.slice(1)
const store = createStore(path)
await store.migrate()
await store.save(JSON.parse(doc), 'test')
await store.close()
`

function child(path: string, doc: unknown): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', CHILD, path, JSON.stringify(doc)], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    p.on('close', (code) => resolve({ code, stderr }))
  })
}

describe('sqlite store: concurrent first ingest', () => {
  it('two processes migrating a new database at once both succeed, 20 times, losing no article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-race-'))
    for (let i = 0; i < 20; i++) {
      const path = join(dir, `race-${i}.db`)
      const results = await Promise.all([child(path, DOC_A), child(path, DOC_B)])
      for (const r of results) assert.equal(r.code, 0, `try ${i}: ${r.stderr}`)
      const store = createSqliteStore(path, { readOnly: true })
      assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 }, `try ${i}`)
      await store.close()
    }
  })
})

describe('sqlite store: a database in a read-only folder', () => {
  it('can be queried', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'sitrep-ro-'))
    chmodSync(parent, 0o755)
    const dir = join(parent, 'locked')
    mkdirSync(dir)
    const path = join(dir, 'test.db')
    const writer = createSqliteStore(path)
    await writer.migrate()
    await writer.save(DOC_A, 'test')
    await writer.close()
    chmodSync(dir, 0o555)
    // root writes anywhere: the folder is read-only only to another user
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const script = `import { createStore } from ${JSON.stringify(new URL('../../../dist/store/create-store.js', import.meta.url).href)}
const s = createStore(process.argv[1], { readOnly: true }); console.log((await s.queryEvents({})).length); await s.close()`
      const p = spawn(process.execPath, ['--input-type=module', '-e', script, path], { ...asUser, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString()
      })
      p.stderr.on('data', (d: Buffer) => {
        out += d.toString()
      })
      p.on('close', (code) => resolve({ code, out }))
    })
    chmodSync(dir, 0o755)
    assert.equal(r.code, 0, r.out)
    assert.equal(r.out.trim(), '2')
  })
})
