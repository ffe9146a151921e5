import { existsSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
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
import { CLUSTERS_REFILED_VERSION, MIGRATIONS } from './migrations.js'
import { runClusterWork } from './run-clusters.js'
import { sourceStateMethods } from './source-state.js'
import { sqliteTokens } from './sqlite-tokens.js'
import { sqliteWatches } from './sqlite-watches.js'

// How many articles clusterPending files in one transaction.
const PENDING_BATCH = 500

// How many articles a re-clustering files between two progress reports.
const PROGRESS_EVERY = 200

// How long a write waits for another process's lock before giving up (ms).
const BUSY_TIMEOUT_MS = 30_000

/**
 * The embedded store: one SQLite file (WAL journal), schema versioned with `user_version`.
 * With `readOnly` the file must exist and is opened for reading only, also in a folder
 * the user cannot write to.
 *
 * @example
 *   const store = createSqliteStore('./sitrep.db')
 *   await store.migrate()
 */
export function createSqliteStore(path: string, options: StoreOptions = {}): Store {
  const db = options.readOnly ? openReadOnly(path) : openReadWrite(path, options.durable ?? false)
  // the dashboard's aggregates read every event: a 64 MiB page cache (the default is 16 MiB)
  // holds the events table of about 200,000 events, so a second view reads no file pages;
  // a one-pass reader (an export) asks for less (see StoreOptions.pageCacheMib)
  db.pragma(`cache_size = ${-1024 * Math.max(1, Math.round(options.pageCacheMib ?? 64))}`)
  const version = (): number => db.pragma('user_version', { simple: true }) as number
  const newer = (v: number): StoreError =>
    new StoreError(`${path} has schema version ${v}, newer than this sitrep knows (version ${MIGRATIONS.length}): upgrade sitrep to use it`)
  if (options.readOnly) {
    const v = version()
    if (v > MIGRATIONS.length) throw newer(v)
    if (v === 0) throw new StoreError(`${path} is not a sitrep database (it has no sitrep tables): ingest into it first`)
  }
  // prepared on first use (the tables exist only after migrate()) and kept: preparing costs more than running
  let articleInsert: Database.Statement | null = null
  let eventInsert: Database.Statement | null = null
  const insertArticle = (): Database.Statement => {
    articleInsert ??= db.prepare(
      `INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT(id) DO NOTHING RETURNING created_at`,
    )
    return articleInsert
  }
  const insertEvent = (): Database.Statement => {
    eventInsert ??= db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`)
    return eventInsert
  }
  // the cluster upkeep's statements, prepared once (the tables exist only after migrate())
  const clusterStatements = new Map<string, Database.Statement>()
  const cluster = (id: string): number => runClusterWork(db, clusterArticle(id, options.clusters), clusterStatements)
  // saves an article and its events, and files them in clusters unless the caller does so later (after a copy-of link)
  const saveArticle = (analysis: Output, pipelineVersion: string, clustered: boolean): SaveResult => {
    const article = articleRow(analysis, pipelineVersion)
    const id = article[0] as string
    const events = eventRows(analysis, id, pipelineVersion)
    const articleStatement = insertArticle()
    const eventStatement = insertEvent()
    const inserted = db
      .transaction(() => {
        const stored = articleStatement.get(article) as { created_at: string } | undefined
        if (!stored) return false
        const saved = events.map((row) => ({ id: Number(eventStatement.run(row).lastInsertRowid), row }))
        // the filing step is handed what was just written rather than reading it back
        if (clustered) runClusterWork(db, clusterArticle(id, options.clusters, { article, createdAt: stored.created_at, events: saved }), clusterStatements)
        return true
      })
      .immediate()
    return { articleId: id, inserted }
  }
  const clusterPending = (): number => {
    const ids = runClusterWork(db, pendingArticles())
    for (let at = 0; at < ids.length; at += PENDING_BATCH) db.transaction(() => ids.slice(at, at + PENDING_BATCH).forEach(cluster)).immediate()
    return ids.length
  }
  // the upkeep a migration marked (see REFILE_CLUSTERS), after it committed: the old clusters
  // taken apart in one transaction, the events filed again PENDING_BATCH articles a transaction;
  // a failure leaves the mark for the next start, the schema stays migrated
  const finishUpkeep = (): void => {
    if (!runClusterWork(db, upkeepMarked())) return
    db.transaction(() => runClusterWork(db, takeClustersApart(), clusterStatements)).immediate()
    if (!runClusterWork(db, upkeepDue(FILE_PENDING))) return
    clusterPending()
    runClusterWork(db, upkeepDone(FILE_PENDING))
  }
  return {
    ...sqliteTokens(db),
    ...sqliteWatches(db),
    async migrate() {
      if (options.readOnly) throw new TypeError('migrate() needs a store opened for writing, not with readOnly')
      // BEGIN IMMEDIATE takes the write lock first, then the version is read again inside:
      // a second process starting on a new database waits, then finds nothing left to do
      db.transaction(() => {
        const v = version()
        if (v > MIGRATIONS.length) throw newer(v)
        for (let next = v; next < MIGRATIONS.length; next++) {
          db.exec(MIGRATIONS[next] as string)
          db.pragma(`user_version = ${next + 1}`)
        }
        // the events stored before clusters were, or before their rules changed: marked to be
        // filed again as their saves would have, once the schema is committed
        if (v > 0 && v < CLUSTERS_REFILED_VERSION) runClusterWork(db, markUpkeep(REFILE_CLUSTERS))
      }).immediate()
      finishUpkeep()
    },

    async save(analysis: Output, pipelineVersion: string): Promise<SaveResult> {
      return saveArticle(analysis, pipelineVersion, true)
    },

    async saveMany(analyses: readonly Output[], pipelineVersion: string): Promise<SaveResult[]> {
      const out: SaveResult[] = []
      for (const analysis of analyses) out.push(await this.save(analysis, pipelineVersion))
      return out
    },

    async getArticle(id: string): Promise<StoredArticle | null> {
      const row = db.prepare('SELECT id, title, url, published, text, analysis, pipeline_version FROM articles WHERE id = ?').get(id) as ArticleRow | undefined
      return row ? toStoredArticle(row) : null
    },

    async queryEvents(filter: EventFilter, after?: number): Promise<StoredEvent[]> {
      const { sql, params } = eventQuery(filter, () => '?', after)
      return (db.prepare(sql).all(params) as EventRow[]).map(toStoredEvent)
    },

    async getEvent(id: number): Promise<StoredEvent | null> {
      const row = db.prepare(`${EVENT_SELECT} WHERE e.id = ?`).get(id) as EventRow | undefined
      return row ? toStoredEvent(row) : null
    },

    async clusterMembers(clusterId: number): Promise<StoredEvent[]> {
      const { sql, params } = clusterMembersQuery(clusterId, () => '?')
      return (db.prepare(sql).all(params) as EventRow[]).map(toStoredEvent)
    },

    async eventsSince(afterId: number, limit: number, filter: EventFilter = {}): Promise<StoredEvent[]> {
      const { sql, params } = eventsSinceQuery(afterId, limit, filter, () => '?')
      // spread-ok: at most 15 SQL parameters (the filter's fields, the id and the limit)
      return (db.prepare(sql).all(...params) as EventRow[]).map(toStoredEvent)
    },

    async latestEventId(): Promise<number> {
      return Number((db.prepare('SELECT coalesce(max(id), 0) AS n FROM events').get() as { n: number }).n)
    },

    async counts() {
      const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
      const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n
      const clusters = (db.prepare('SELECT count(*) AS n FROM clusters').get() as { n: number }).n
      return { articles, events, clusters }
    },

    ...sourceStateMethods(db, {
      saveUnclustered: (analysis, pipelineVersion) => saveArticle(analysis, pipelineVersion, false),
      cluster,
      recluster: (id) => {
        runClusterWork(db, detachArticle(id), clusterStatements)
        cluster(id)
      },
    }),

    ...aggregateMethods(
      {
        param: () => '?',
        weekStart: (day) => `date(${day}, 'weekday 0', '-6 days')`,
        floor: (value) => `CAST(${value} AS INTEGER)`,
        startsAsDate: (value, length) => `${value} GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]${length === 10 ? '-[0-3][0-9]' : ''}*'`,
      },
      async <R>(sql: string, params: (string | number)[]) => db.prepare(sql).all(params) as R[],
    ),

    async close() {
      db.close()
    },

    streamEvents(filter: EventFilter, order: EventOrder = 'stored'): AsyncIterable<StoredEvent> {
      return pagedEvents(
        filter,
        () => '?',
        async (sql, params) => db.prepare(sql).all(params) as EventRow[],
        order,
      )
    },

    streamClusters(filter: EventFilter, order: EventOrder = 'stored'): AsyncIterable<StoredCluster> {
      return pagedClusters(
        filter,
        () => '?',
        async (sql, params) => db.prepare(sql).all(params) as ClusterRow[],
        order,
      )
    },

    async clusterPending(): Promise<number> {
      return clusterPending()
    },

    async recluster(how: ReclusterOptions = {}): Promise<ReclusterResult> {
      // one write transaction: other writers wait for it, readers see the old clusters until it commits
      return db
        .transaction(() => {
          const dropped = runClusterWork(db, dropClusters(how.since), clusterStatements)
          const ids = runClusterWork(db, pendingArticles(true), clusterStatements)
          let clusters = 0
          how.onProgress?.(0, ids.length)
          for (const [i, id] of ids.entries()) {
            clusters += cluster(id)
            if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === ids.length) how.onProgress?.(i + 1, ids.length)
          }
          return { dropped, articles: ids.length, clusters }
        })
        .immediate()
    },

    async staleArticles(pipelineVersion: string, since?: string): Promise<string[]> {
      const sql = `SELECT id FROM articles WHERE pipeline_version <> ? ${since ? 'AND created_at >= ?' : ''} ORDER BY created_at, id`
      return (db.prepare(sql).all(since ? [pipelineVersion, since] : [pipelineVersion]) as { id: string }[]).map((r) => r.id)
    },

    async replaceAnalysis(articleId: string, analysis: Output, pipelineVersion: string): Promise<boolean> {
      const article = articleRow(analysis, pipelineVersion)
      if (article[0] !== articleId) throw new TypeError(`the analysis is of another text (article ${article[0]}), not of article ${articleId}`)
      const events = eventRows(analysis, articleId, pipelineVersion)
      const update = db.prepare('UPDATE articles SET analysis = ?, pipeline_version = ?, tone = ? WHERE id = ?')
      const remove = db.prepare('DELETE FROM events WHERE article_id = ?')
      const eventStatement = insertEvent()
      return db
        .transaction(() => {
          if (update.run(article[8], pipelineVersion, article[10], articleId).changes === 0) return false
          runClusterWork(db, detachArticle(articleId, rowKeys(events)), clusterStatements)
          remove.run(articleId)
          for (const row of events) eventStatement.run(row)
          cluster(articleId)
          return true
        })
        .immediate()
    },
  }
}

/** Opens a database file to write (creating it), in WAL mode; `durable` syncs every commit (see StoreOptions.durable). */
export function openReadWrite(path: string, durable: boolean): Database.Database {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS })
  // the busy timeout comes first: switching a new file to WAL waits for a process doing the
  // same; SQLite answers that switch with SQLITE_BUSY at once in some lock states, without
  // calling its busy handler, so the switch is retried here until the same timeout
  retryWhileBusy(() => db.pragma('journal_mode = WAL'))
  // in WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of sitrep (or of any
  // process) loses nothing committed and the file stays consistent; only a power cut or an OS
  // crash can roll back the last commits before a checkpoint (SQLite's own advice for WAL);
  // a durable store (the queue worker, which acks a job once saved) syncs every commit: FULL
  db.pragma(durable ? 'synchronous = FULL' : 'synchronous = NORMAL')
  // a checkpoint every 10,000 WAL pages (40 MiB) rather than 1,000: filing clusters touches
  // index pages all over (cluster keys are random), and a longer interval writes a page
  // rewritten by many saves back once (bench:store: about a tenth less CPU per save)
  db.pragma('wal_autocheckpoint = 10000')
  db.pragma('foreign_keys = ON')
  return db
}

/** Runs `f` again while SQLite answers SQLITE_BUSY, waiting a little longer each time, up to BUSY_TIMEOUT_MS. */
function retryWhileBusy<T>(f: () => T): T {
  const deadline = Date.now() + BUSY_TIMEOUT_MS
  const pause = new Int32Array(new SharedArrayBuffer(4))
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      return f()
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e
      Atomics.wait(pause, 0, 0, wait)
    }
  }
}

function openReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new StoreError(`no database at ${path}`)
  let db: Database.Database | null = null
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
    db.pragma('user_version') // the first read opens the WAL index (-shm) beside the file
    return db
  } catch (e) {
    db?.close()
    const code = (e as { code?: string }).code ?? ''
    if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) return fromCopy(path)
    throw e
  }
}

// A WAL database needs its -shm file beside it, which a read-only folder cannot hold: read a
// copy in memory instead (no -wal file can exist there either, so the file is complete).
function fromCopy(path: string): Database.Database {
  const bytes = readFileSync(path)
  // bytes 18 and 19 say "WAL" (2); an in-memory database reads the rollback form (1)
  if (bytes.length >= 20) bytes.fill(1, 18, 20)
  return new Database(bytes, { readonly: true })
}
