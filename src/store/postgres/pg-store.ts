import pg from 'pg'
import type { Output } from '../../output.js'
import { aggregateMethods } from '../aggregates.js'
import {
  clusterArticle,
  detachArticle,
  dropClusters,
  FILE_PENDING,
  markUpkeep,
  pendingArticles,
  REFILE_CLUSTERS,
  rowKeys,
  takeClustersApart,
  upkeepDone,
  upkeepDue,
  upkeepMarked,
} from '../clusters.js'
import { clusterMembersQuery, eventQuery, eventsSinceQuery } from '../event-filter.js'
import { pagedClusters, pagedEvents } from '../paging.js'
import {
  ARTICLE_COLUMNS,
  type ArticleRow,
  articleRow,
  type Cell,
  type ClusterRow,
  EVENT_COLUMNS,
  EVENT_SELECT,
  type EventRow,
  eventRows,
  toStoredArticle,
  toStoredEvent,
} from '../rows.js'
import {
  type EventFilter,
  type EventOrder,
  type ReclusterOptions,
  type ReclusterResult,
  type SaveResult,
  type Store,
  type StoredArticle,
  type StoredCluster,
  type StoredEvent,
  StoreError,
  type StoreOptions,
} from '../store.js'
import { CLUSTERS_REFILED_VERSION, PG_MIGRATIONS } from './migrations.js'
import { pgTokens } from './pg-tokens.js'
import { pgWatches } from './pg-watches.js'
import { RECLUSTER_LOCK, runClusterWork } from './run-clusters.js'
import { pgSourceStateMethods } from './source-state.js'

// The advisory lock every migration holds: one number for "sitrep schema" in this database.
const MIGRATION_LOCK = 0x5172e9
// The advisory lock of the upkeep a migration leaves (see REFILE_CLUSTERS), held by one process while it does it.
export const UPKEEP_LOCK = 0x5172eb
// PostgreSQL binds at most 65535 parameters in one statement.
const MAX_PARAMS = 65535
// Connections in the pool: saveMany writes over all of them at once.
const CONNECTIONS = 4
const dollar = (n: number): string => `$${n}`
/** The channel of the notices sent when events are committed (the payload: the smallest new event id). */
export const EVENTS_CHANNEL = 'sitrep_events'
// How many articles a re-clustering files between two progress reports.
const PROGRESS_EVERY = 200
// How long a lost listening connection waits before it is opened again.
const RELISTEN_MS = 1000

/**
 * The shared store: a PostgreSQL database named by a postgres:// URL, schema versioned in a
 * `schema_version` table; migrations run in one transaction under an advisory lock, each
 * article is saved in one transaction with its events in multi-row INSERTs. With `readOnly`
 * every transaction is read-only and the schema must exist.
 *
 * @example
 *   const store = createPostgresStore('postgres://postgres@127.0.0.1:5432/sitrep')
 *   await store.migrate()
 */
export function createPostgresStore(url: string, options: StoreOptions = {}): Store {
  const where = describe(url)
  const pool = new pg.Pool({
    connectionString: url,
    max: CONNECTIONS,
    ...(options.readOnly && { options: '-c default_transaction_read_only=on' }),
  })
  // an idle connection that breaks is dropped by the pool; the error must not end the process
  pool.on('error', () => undefined)
  const newer = (v: number): StoreError =>
    new StoreError(`${where} has schema version ${v}, newer than this sitrep knows (version ${PG_MIGRATIONS.length}): upgrade sitrep to use it`)

  // a connection that breaks while checked out (the server restarts, a proxy cuts it) also
  // emits 'error' on its client: the query in progress fails with it, the process goes on
  const watched = new WeakSet<pg.PoolClient>()
  const connect = async (): Promise<pg.PoolClient> => {
    try {
      const client = await pool.connect()
      if (!watched.has(client)) {
        watched.add(client)
        client.on('error', () => undefined)
      }
      return client
    } catch (e) {
      throw new StoreError(`cannot reach PostgreSQL at ${where}: ${(e as Error).message || (e as { code?: string }).code}`)
    }
  }
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => {
    await checked
    const client = await connect()
    try {
      return (await client.query<R>(sql, params)).rows
    } finally {
      client.release()
    }
  }
  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    await checked
    const client = await connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    } finally {
      client.release()
    }
  }
  // a read-only store checks once, before its first query, that the schema is sitrep's and not newer
  const checked: Promise<void> = options.readOnly ? schemaVersion(connect).then((v) => readable(v, where, newer)) : Promise.resolve()
  checked.catch(() => undefined) // reported by the first query that waits on it

  // inserts events inside a transaction and queues a notice with the smallest new id: PostgreSQL
  // delivers it to the listeners (a server's event stream) only when the transaction commits
  const insertEvents = async (client: pg.PoolClient, rows: Cell[][]): Promise<void> => {
    const width = EVENT_COLUMNS.length
    const perStatement = Math.floor(MAX_PARAMS / width)
    let first = Number.POSITIVE_INFINITY
    for (let at = 0; at < rows.length; at += perStatement) {
      const chunk = rows.slice(at, at + perStatement)
      const values = chunk.map((_, r) => `(${EVENT_COLUMNS.map((_, c) => dollar(r * width + c + 1)).join(', ')})`)
      const r = await client.query<{ id: string }>(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES ${values.join(', ')} RETURNING id`, chunk.flat())
      for (const row of r.rows) first = Math.min(first, Number(row.id))
    }
    if (Number.isFinite(first)) await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, String(first)])
  }
  const watcher = pgEventWatcher(url)

  // saves an article and its events on a client inside a transaction; inserted false when the text is stored already;
  // files the events in clusters unless `clustered` is false (the caller does it after writing a copy-of link)
  const saveWith = async (client: pg.PoolClient, analysis: Output, pipelineVersion: string, clustered = true): Promise<SaveResult> => {
    const article = articleRow(analysis, pipelineVersion)
    const id = article[0] as string
    const events = eventRows(analysis, id, pipelineVersion)
    const placeholders = ARTICLE_COLUMNS.map((_, i) => dollar(i + 1)).join(', ')
    const r = await client.query(`INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${placeholders}) ON CONFLICT (id) DO NOTHING`, article)
    if (r.rowCount === 0) return { articleId: id, inserted: false }
    await insertEvents(client, events)
    if (clustered) await runClusterWork(client, clusterArticle(id, options.clusters))
    return { articleId: id, inserted: true }
  }

  // files the events without a cluster, one transaction per article as a save: concurrent writers wait on the dyad locks only
  const clusterPending = async (): Promise<number> => {
    const ids = await transaction((client) => runClusterWork(client, pendingArticles()))
    for (const id of ids) await transaction((client) => runClusterWork(client, clusterArticle(id, options.clusters)))
    return ids.length
  }
  // the upkeep a migration marked (see REFILE_CLUSTERS), after it committed: one process at a
  // time (another waits, then finds it done); the old clusters taken apart in one transaction
  // that saves wait for, the events filed again an article a transaction; a failure leaves the
  // mark for the next start, the schema stays migrated
  const finishUpkeep = async (): Promise<void> => {
    if (!(await transaction((client) => runClusterWork(client, upkeepMarked())))) return
    const holder = await connect()
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [UPKEEP_LOCK])
      await transaction(async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [RECLUSTER_LOCK])
        return runClusterWork(client, takeClustersApart(), true)
      })
      if (!(await transaction((client) => runClusterWork(client, upkeepDue(FILE_PENDING))))) return
      await clusterPending()
      await transaction((client) => runClusterWork(client, upkeepDone(FILE_PENDING)))
    } finally {
      // a connection that may still hold the session lock must not go back to the pool: closed instead
      const unlocked = await holder.query('SELECT pg_advisory_unlock($1)', [UPKEEP_LOCK]).then(
        () => true,
        () => false,
      )
      holder.release(!unlocked)
    }
  }

  return {
    async migrate() {
      if (options.readOnly) throw new TypeError('migrate() needs a store opened for writing, not with readOnly')
      const client = await connect()
      try {
        await client.query('BEGIN')
        // the lock is held to the end of the transaction: a second process waits, then finds nothing to do
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
        await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
        const v = Number((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0)
        if (v > PG_MIGRATIONS.length) throw newer(v)
        for (let next = v; next < PG_MIGRATIONS.length; next++) {
          await client.query(PG_MIGRATIONS[next] as string)
          await client.query('INSERT INTO schema_version (version) VALUES ($1)', [next + 1])
        }
        // the events stored before clusters were, or before their rules changed: marked to be
        // filed again as their saves would have, once the schema is committed
        if (v > 0 && v < CLUSTERS_REFILED_VERSION) await runClusterWork(client, markUpkeep(REFILE_CLUSTERS))
        await client.query('COMMIT')
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw e
      } finally {
        client.release()
      }
      await finishUpkeep()
    },

    async save(analysis: Output, pipelineVersion: string): Promise<SaveResult> {
      return transaction((client) => saveWith(client, analysis, pipelineVersion))
    },

    ...pgSourceStateMethods({
      query,
      transaction,
      saveWith,
      cluster: (client, id) => runClusterWork(client, clusterArticle(id, options.clusters)),
      recluster: async (client, id) => {
        await runClusterWork(client, detachArticle(id))
        await runClusterWork(client, clusterArticle(id, options.clusters))
      },
    }),

    async saveMany(analyses: readonly Output[], pipelineVersion: string): Promise<SaveResult[]> {
      const out: SaveResult[] = new Array(analyses.length)
      let next = 0
      let failure: unknown = null
      // one worker per connection: each takes the next article; commits overlap on the server
      const worker = async (): Promise<void> => {
        while (next < analyses.length) {
          const i = next++
          try {
            out[i] = await this.save(analyses[i] as Output, pipelineVersion)
          } catch (e) {
            failure ??= e
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(CONNECTIONS, analyses.length) }, worker))
      if (failure) throw failure
      return out
    },

    async getArticle(id: string): Promise<StoredArticle | null> {
      const rows = await query<ArticleRow>('SELECT id, title, url, published, text, analysis, pipeline_version FROM articles WHERE id = $1', [id])
      return rows[0] ? toStoredArticle(rows[0]) : null
    },

    async queryEvents(filter: EventFilter, after?: number): Promise<StoredEvent[]> {
      const { sql, params } = eventQuery(filter, dollar, after)
      return (await query<EventRow>(sql, params)).map(toStoredEvent)
    },

    async getEvent(id: number): Promise<StoredEvent | null> {
      const rows = await query<EventRow>(`${EVENT_SELECT} WHERE e.id = $1`, [id])
      return rows[0] ? toStoredEvent(rows[0]) : null
    },

    async clusterMembers(clusterId: number): Promise<StoredEvent[]> {
      const { sql, params } = clusterMembersQuery(clusterId, dollar)
      return (await query<EventRow>(sql, params)).map(toStoredEvent)
    },

    async eventsSince(afterId: number, limit: number, filter: EventFilter = {}): Promise<StoredEvent[]> {
      const { sql, params } = eventsSinceQuery(afterId, limit, filter, dollar)
      return (await query<EventRow>(sql, params)).map(toStoredEvent)
    },

    async latestEventId(): Promise<number> {
      return Number((await query<{ n: string }>('SELECT coalesce(max(id), 0) AS n FROM events'))[0]?.n ?? 0)
    },

    ...pgTokens(query),

    ...pgWatches({ query, transaction }),
    ...aggregateMethods(
      {
        param: dollar,
        weekStart: (day) => `to_char(date_trunc('week', (${day})::date), 'YYYY-MM-DD')`,
        floor: (value) => `floor(${value})::integer`,
        startsAsDate: (value, length) => `${value} ~ '^[0-9]{4}-[01][0-9]${length === 10 ? '-[0-3][0-9]' : ''}'`,
      },
      <R>(sql: string, params: (string | number)[]) => query<R & pg.QueryResultRow>(sql, params),
    ),

    async counts() {
      const rows = await query<{ articles: string; events: string; clusters: string }>(
        'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM clusters) AS clusters',
      )
      return { articles: Number(rows[0]?.articles ?? 0), events: Number(rows[0]?.events ?? 0), clusters: Number(rows[0]?.clusters ?? 0) }
    },

    watchEvents: watcher.watch,

    async close() {
      await watcher.close()
      await pool.end()
    },

    streamEvents(filter: EventFilter, order: EventOrder = 'stored'): AsyncIterable<StoredEvent> {
      return pagedEvents(filter, dollar, (sql, params) => query<EventRow>(sql, params), order)
    },

    streamClusters(filter: EventFilter, order: EventOrder = 'stored'): AsyncIterable<StoredCluster> {
      return pagedClusters(filter, dollar, (sql, params) => query<ClusterRow>(sql, params), order)
    },

    clusterPending,

    async recluster(how: ReclusterOptions = {}): Promise<ReclusterResult> {
      return transaction(async (client) => {
        // alone: the saves in progress finish first, later ones wait for the commit
        await client.query('SELECT pg_advisory_xact_lock($1)', [RECLUSTER_LOCK])
        const dropped = await runClusterWork(client, dropClusters(how.since), true)
        const ids = await runClusterWork(client, pendingArticles(true), true)
        let clusters = 0
        how.onProgress?.(0, ids.length)
        for (const [i, id] of ids.entries()) {
          clusters += await runClusterWork(client, clusterArticle(id, options.clusters), true)
          if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === ids.length) how.onProgress?.(i + 1, ids.length)
        }
        return { dropped, articles: ids.length, clusters }
      })
    },

    async staleArticles(pipelineVersion: string, since?: string): Promise<string[]> {
      const rows = await query<{ id: string }>(
        `SELECT id FROM articles WHERE pipeline_version <> $1 ${since ? 'AND created_at >= $2' : ''} ORDER BY created_at, id`,
        since ? [pipelineVersion, since] : [pipelineVersion],
      )
      return rows.map((r) => r.id)
    },

    async replaceAnalysis(articleId: string, analysis: Output, pipelineVersion: string): Promise<boolean> {
      const article = articleRow(analysis, pipelineVersion)
      if (article[0] !== articleId) throw new TypeError(`the analysis is of another text (article ${article[0]}), not of article ${articleId}`)
      const events = eventRows(analysis, articleId, pipelineVersion)
      return transaction(async (client) => {
        // the row lock keeps a concurrent recode of the same article waiting until this one is done
        const r = await client.query('UPDATE articles SET analysis = $2, pipeline_version = $3, tone = $4 WHERE id = $1', [
          articleId,
          article[8],
          pipelineVersion,
          article[10],
        ])
        if (r.rowCount === 0) return false
        // the keys of the old clusters and of the new events, locked at once in one order: two
        // recodes each holding one and waiting for the other's would deadlock
        await runClusterWork(client, detachArticle(articleId, rowKeys(events)))
        await client.query('DELETE FROM events WHERE article_id = $1', [articleId])
        await insertEvents(client, events)
        await runClusterWork(client, clusterArticle(articleId, options.clusters))
        return true
      })
    },
  }
}

// The schema version a database holds: 0 without a schema_version table.
async function schemaVersion(connect: () => Promise<pg.PoolClient>): Promise<number> {
  const client = await connect()
  try {
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass('schema_version')::text AS t")
    if (!exists.rows[0]?.t) return 0
    return Number((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version')).rows[0]?.v ?? 0)
  } finally {
    client.release()
  }
}

function readable(v: number, where: string, newer: (v: number) => StoreError): void {
  if (v > PG_MIGRATIONS.length) throw newer(v)
  if (v === 0) throw new StoreError(`${where} is not a sitrep database (it has no sitrep tables): ingest into it first`)
}

// host:port/database of a URL, never its password.
function describe(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`
  } catch {
    throw new StoreError('the PostgreSQL URL cannot be read: write postgres://USER@HOST:PORT/DATABASE')
  }
}

/**
 * One LISTEN connection shared by every watcher of a store, opened with the first and closed
 * with the last; a lost connection is opened again and the watchers told (null) that notices
 * may have been missed.
 */
function pgEventWatcher(url: string): {
  watch: (onCommit: (firstId: number | null) => void) => Promise<() => Promise<void>>
  close: () => Promise<void>
} {
  const listeners = new Set<(firstId: number | null) => void>()
  let client: Promise<pg.Client> | null = null
  let retry: NodeJS.Timeout | null = null
  const tell = (firstId: number | null): void => {
    for (const l of listeners) l(firstId)
  }
  const open = (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url })
    const ready = (async () => {
      c.on('notification', (n) => {
        if (n.channel !== EVENTS_CHANNEL) return
        const id = Number(n.payload)
        tell(Number.isSafeInteger(id) && id > 0 ? id : null)
      })
      c.on('error', () => {
        // the connection is gone: open another while someone watches, and say notices may be lost
        if (client !== ready) return
        client = null
        c.end().catch(() => undefined)
        if (listeners.size && !retry)
          retry = setTimeout(() => {
            retry = null
            if (listeners.size && !client) {
              client = open()
              client.then(() => tell(null)).catch(() => undefined)
            }
          }, RELISTEN_MS)
      })
      try {
        await c.connect()
        await c.query(`LISTEN ${EVENTS_CHANNEL}`)
      } catch (e) {
        await c.end().catch(() => undefined)
        throw new StoreError(`cannot listen for new events on PostgreSQL: ${(e as Error).message || (e as { code?: string }).code}`)
      }
      return c
    })()
    return ready
  }
  const stop = async (): Promise<void> => {
    if (retry) clearTimeout(retry)
    retry = null
    const c = client
    client = null
    if (c) await (await c.catch(() => null))?.end().catch(() => undefined)
  }
  return {
    async watch(onCommit) {
      listeners.add(onCommit)
      client ??= open()
      try {
        await client
      } catch (e) {
        listeners.delete(onCommit)
        client = null
        throw e
      }
      return async () => {
        if (listeners.delete(onCommit) && listeners.size === 0) await stop()
      }
    },
    async close() {
      listeners.clear()
      await stop()
    },
  }
}
