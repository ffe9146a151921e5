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
import { CLUSTERS_REFILED_VERSION, CLUSTERS_VERSION, PG_MIGRATIONS } from './migrations.js'
import { createPostgresStore, UPKEEP_LOCK } from './pg-store.js'
import { RECLUSTER_LOCK } from './run-clusters.js'
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

// A new database at schema 6 holding two articles whose three events are all filed under one
// cluster of a key no rule makes now (as an older rule might have); returns its URL.
async function schema6WithOldCluster(): Promise<string> {
  const url = await createTestDatabase()
  const client = new pg.Client(url)
  await client.connect()
  await client.query('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
  for (const [i, sql] of PG_MIGRATIONS.slice(0, CLUSTERS_REFILED_VERSION - 1).entries()) {
    await client.query(sql)
    await client.query('INSERT INTO schema_version (version) VALUES ($1)', [i + 1])
  }
  for (const doc of [DOC_A, DOC_B]) {
    const article = articleRow(doc, 'old')
    await client.query(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, article)
    for (const row of eventRows(doc, article[0] as string, 'old'))
      await client.query(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, row)
  }
  const cluster = await client.query("INSERT INTO clusters (seed_id, key, num_mentions) SELECT min(id), 'old|key', 3 FROM events RETURNING id")
  await client.query("INSERT INTO cluster_mentions (event_id, cluster_id, article_id, source_key) SELECT id, $1, article_id, 'old' FROM events", [
    cluster.rows[0].id,
  ])
  await client.end()
  return url
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

  it('files the clusters of a schema-6 database again when it migrates to schema 7', async () => {
    const url = await schema6WithOldCluster()
    const store = createPostgresStore(url)
    await store.migrate()
    assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 })
    assert.equal(new Set((await store.queryEvents({})).map((e) => e.clusterId)).size, 3)
    await store.close()
    const client = new pg.Client(url)
    await client.connect()
    assert.equal((await client.query("SELECT count(*)::int AS n FROM clusters WHERE key = 'old|key'")).rows[0].n, 0, 'the old cluster is gone')
    assert.equal((await client.query('SELECT count(*)::int AS n FROM upkeep')).rows[0].n, 0, 'no upkeep is left')
    await client.end()
  })

  it('keeps the migrated schema when filing the clusters again fails, and files them at the next start', async () => {
    const url = await schema6WithOldCluster()
    const client = new pg.Client(url)
    await client.connect()
    await client.query("CREATE FUNCTION refuse_clusters() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no new clusters today'; END $$")
    await client.query('CREATE TRIGGER refuse_clusters BEFORE INSERT ON clusters FOR EACH ROW EXECUTE FUNCTION refuse_clusters()')
    const store = createPostgresStore(url)
    await assert.rejects(store.migrate(), /no new clusters today/)
    await store.close()
    const version = (await client.query('SELECT max(version) AS v FROM schema_version')).rows[0].v
    assert.equal(version, PG_MIGRATIONS.length, 'the schema change committed before the filing')
    assert.deepEqual((await client.query('SELECT task FROM upkeep')).rows, [{ task: 'file-pending' }], 'the filing is left marked')
    await client.query('DROP TRIGGER refuse_clusters ON clusters')
    await client.end()
    const again = createPostgresStore(url)
    await again.migrate()
    assert.deepEqual(await again.counts(), { articles: 2, events: 3, clusters: 3 })
    assert.ok((await again.queryEvents({})).every((e) => typeof e.clusterId === 'number'))
    await again.migrate()
    assert.deepEqual(await again.counts(), { articles: 2, events: 3, clusters: 3 }, 'a later start files nothing again')
    await again.close()
  })

  it('starts beside a save in progress when no upkeep is marked, taking no upkeep lock', async () => {
    const url = await createTestDatabase()
    const first = createPostgresStore(url)
    await first.migrate()
    await first.close()
    // a save holds the store-wide lock shared to its commit; the re-clustering lock would wait for it
    const saving = new pg.Client(url)
    await saving.connect()
    await saving.query('BEGIN')
    await saving.query('SELECT pg_advisory_xact_lock_shared($1)', [RECLUSTER_LOCK])
    const store = createPostgresStore(url)
    let timer: NodeJS.Timeout | undefined
    const waited = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('still waiting'), 3000)
    })
    const outcome = await Promise.race([store.migrate().then(() => 'started'), waited])
    clearTimeout(timer)
    await saving.query('COMMIT')
    await saving.end()
    await store.close()
    assert.equal(outcome, 'started')
  })

  it('closes the connection that held the upkeep lock when releasing it fails', async () => {
    const url = await schema6WithOldCluster()
    const client = new pg.Client(url)
    await client.connect()
    // a pg_advisory_unlock of our own, found before the built-in one by the store's connections, refuses
    await client.query(`ALTER DATABASE ${new URL(url).pathname.slice(1)} SET search_path = public, pg_catalog`)
    await client.query("CREATE FUNCTION public.pg_advisory_unlock(bigint) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no unlocking'; END $$")
    const store = createPostgresStore(url)
    await store.migrate()
    assert.deepEqual(await store.counts(), { articles: 2, events: 3, clusters: 3 }, 'the upkeep was done')
    const held = async (): Promise<number> =>
      (await client.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND granted", [UPKEEP_LOCK]))
        .rows[0].n
    let n = await held()
    for (let tries = 0; n > 0 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      n = await held()
    }
    // with the store still open: the lock is not kept by a connection back in its pool
    assert.equal(n, 0, 'no connection holds the upkeep lock')
    await store.close()
    await client.end()
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
