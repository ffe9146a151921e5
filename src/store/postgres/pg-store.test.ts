import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { after, describe, it } from 'node:test'
import pg from 'pg'
import { aggregateContract } from '../aggregate-contract.js'
import { clusterContract, reclusterContract } from '../cluster-contract.js'
import { createStore } from '../create-store.js'
import { ARTICLE_COLUMNS, articleRow, EVENT_COLUMNS, eventRows } from '../rows.js'
import { sourceStateContract } from '../source-state-contract.js'
import { StoreError } from '../store.js'
import { DOC_A, DOC_B, storeContract } from '../store-contract.js'
import { CLUSTERS_VERSION, PG_MIGRATIONS } from './migrations.js'
import { createPostgresStore } from './pg-store.js'
import { createTestDatabase, dropTestDatabases, serverProblem } from './test-database.js'

// In CI PostgreSQL must be there: an unreachable server fails the run. Elsewhere the tests
// are skipped with the reason, so a laptop without PostgreSQL still runs the rest.
const problem = await serverProblem()
if (problem && process.env.CI) throw new Error(`${problem}: the PostgreSQL store tests cannot run, and CI is set`)
if (problem) process.stderr.write(`skipping the PostgreSQL store tests: ${problem} (set CI=true to make this an error)\n`)
const skip = problem ?? false

after(async () => {
  if (!problem) await dropTestDatabases()
})

if (!problem) {
  storeContract('postgres', async () => createPostgresStore(await createTestDatabase()))
  sourceStateContract('postgres', async () => createPostgresStore(await createTestDatabase()))
  clusterContract('postgres', async () => createPostgresStore(await createTestDatabase()))
  let reopened: Promise<string> | null = null
  reclusterContract('postgres', async (clusters) => {
    reopened ??= createTestDatabase()
    return createPostgresStore(await reopened, clusters ? { clusters } : {})
  })
  aggregateContract('postgres', async () => createPostgresStore(await createTestDatabase()))
}

const CHILD = `
import { createStore } from ${JSON.stringify(new URL('../../../dist/store/create-store.js', import.meta.url).href)}
const [url, doc] = process.argv.slice(1)
const store = createStore(url)
await store.migrate()
await store.save(JSON.parse(doc), 'test')
await store.close()
`

function child(url: string, doc: unknown): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', CHILD, url, JSON.stringify(doc)], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    p.on('close', (code) => resolve({ code, stderr }))
  })
}

describe('postgres store: schema versions', { skip }, () => {
  it('files the events of a schema-4 database in clusters when it migrates to schema 5', async () => {
    const url = await createTestDatabase()
    const client = new pg.Client(url)
    await client.connect()
    await client.query('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
    for (const [i, sql] of PG_MIGRATIONS.slice(0, CLUSTERS_VERSION - 1).entries()) {
      await client.query(sql)
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [i + 1])
    }
    for (const doc of [DOC_A, DOC_B]) {
      const article = articleRow(doc, 'old')
      await client.query(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, article)
      for (const row of eventRows(doc, article[0] as string, 'old'))
        await client.query(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, row)
    }
    await client.end()
    const store = createPostgresStore(url)
    await store.migrate()
    assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 })
    assert.ok((await store.queryEvents({})).every((e) => typeof e.clusterId === 'number'))
    assert.equal(await store.clusterPending(), 0)
    await store.close()
  })

  it('records each migration in schema_version', async () => {
    const url = await createTestDatabase()
    const store = createPostgresStore(url)
    await store.migrate()
    await store.close()
    const client = new pg.Client(url)
    await client.connect()
    const rows = (await client.query('SELECT version FROM schema_version ORDER BY version')).rows.map((r) => r.version)
    await client.end()
    assert.deepEqual(
      rows,
      PG_MIGRATIONS.map((_, i) => i + 1),
    )
  })

  it('refuses a database of a newer schema, naming both versions, and writes nothing', async () => {
    const url = await createTestDatabase()
    const client = new pg.Client(url)
    await client.connect()
    await client.query('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
    await client.query('INSERT INTO schema_version (version) VALUES (999)')
    const store = createPostgresStore(url)
    await assert.rejects(
      store.migrate(),
      (e: Error) => e instanceof StoreError && /schema version 999/.test(e.message) && new RegExp(`version ${PG_MIGRATIONS.length}\\b`).test(e.message),
    )
    await store.close()
    const reader = createPostgresStore(url, { readOnly: true })
    await assert.rejects(reader.counts(), new RegExp(`schema version 999.*version ${PG_MIGRATIONS.length}\\b`))
    await reader.close()
    const tables = (await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n
    await client.end()
    assert.equal(tables, 1, 'only schema_version is there')
  })

  it('says an empty database is not a sitrep database when opened read-only', async () => {
    const reader = createPostgresStore(await createTestDatabase(), { readOnly: true })
    await assert.rejects(reader.queryEvents({}), /is not a sitrep database/)
    await reader.close()
  })

  it('answers queries and refuses writes when read-only', async () => {
    const url = await createTestDatabase()
    const writer = createStore(url)
    await writer.migrate()
    await writer.save(DOC_A, 'test')
    await writer.close()
    const reader = createStore(url, { readOnly: true })
    assert.equal((await reader.queryEvents({})).length, 2)
    await assert.rejects(reader.save(DOC_B, 'test'), /read-only transaction/)
    await assert.rejects(reader.migrate(), /readOnly/)
    await reader.close()
  })
})

describe('postgres store: an unreachable server', () => {
  it('says where it could not connect, without the password', async () => {
    // port 1 on the loopback: nothing listens there, and no packet leaves the machine
    const store = createStore('postgres://sitrep:secret@127.0.0.1:1/sitrep')
    await assert.rejects(
      store.migrate(),
      (e: Error) => e instanceof StoreError && /cannot reach PostgreSQL at 127\.0\.0\.1:1\/sitrep/.test(e.message) && !e.message.includes('secret'),
    )
    await store.close()
  })
})

describe('postgres store: concurrent first ingest', { skip }, () => {
  it('two processes migrating a new database at once both succeed, 10 times, losing no article', async () => {
    for (let i = 0; i < 10; i++) {
      const url = await createTestDatabase()
      const results = await Promise.all([child(url, DOC_A), child(url, DOC_B)])
      for (const r of results) assert.equal(r.code, 0, `try ${i}: ${r.stderr}`)
      const store = createStore(url, { readOnly: true })
      assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 }, `try ${i}`)
      await store.close()
    }
  })
})
