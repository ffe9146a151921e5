import type pg from 'pg'
import type { Output } from '../../output.js'
import type { CopyLink, SaveResult, SourceDocumentRecord, SourceSaveRecord, SourceState, Store, StoredSketch } from '../store.js'

type SourceStateMethods = Pick<
  Store,
  'getSourceState' | 'putSourceState' | 'findUrl' | 'sketchesSharingBands' | 'copyOf' | 'recordSourceDocument' | 'saveFromSource'
>

/** How the source-state methods reach the database: one query, a transaction, a save inside a transaction. */
export interface PgAccess {
  readonly query: <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>
  readonly transaction: <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>
  readonly saveWith: (client: pg.PoolClient, analysis: Output, pipelineVersion: string, clustered?: boolean) => Promise<SaveResult>
  /** Files a saved article's events in clusters (after its copy-of link is written). */
  readonly cluster: (client: pg.PoolClient, articleId: string) => Promise<unknown>
  /** Files an article's events again (its copy-of link changed). */
  readonly recluster: (client: pg.PoolClient, articleId: string) => Promise<void>
}

// PostgreSQL binds at most 65535 parameters in one statement: bands go in slices.
const BAND_SLICE = 10_000

/**
 * The most articles read for one LSH band when looking for near-duplicates. A crowded band is
 * a story many outlets carry (or shared boilerplate); a copy links to its story's first
 * article, so finding any one stored copy of the story is enough, and reading more of the band
 * costs time without finding more stories (at 200, the look-up took 5% of all the time of
 * bench:sources, where two articles in five are copies).
 */
const BAND_READ = 64

/** The PostgreSQL half of what sources remember: validators and offsets, canonical URLs, sketches and copy-of links. */
export function pgSourceStateMethods(db: PgAccess): SourceStateMethods {
  const putState = async (client: pg.PoolClient, key: string, state: SourceState): Promise<void> => {
    await client.query(
      `INSERT INTO source_state (key, etag, last_modified, byte_offset) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, byte_offset = excluded.byte_offset,
         updated_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      [key, state.etag, state.lastModified, state.offset],
    )
  }
  const saveSketch = async (client: pg.PoolClient, sketch: StoredSketch, bands: readonly number[]): Promise<void> => {
    await client.query('INSERT INTO article_sketches (article_id, sketch, shingles) VALUES ($1, $2, $3) ON CONFLICT (article_id) DO NOTHING', [
      sketch.articleId,
      Buffer.from(sketch.sketch),
      sketch.shingles,
    ])
    for (let i = 0; i < bands.length; i += BAND_SLICE) {
      const slice = bands.slice(i, i + BAND_SLICE)
      // one array parameter for all the bands of a slice
      await client.query('INSERT INTO sketch_bands (band, article_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING', [slice, sketch.articleId])
    }
  }
  const linkCopy = async (client: pg.PoolClient, articleId: string, link: CopyLink): Promise<void> => {
    await client.query('INSERT INTO article_copies (article_id, copy_of, similarity) VALUES ($1, $2, $3) ON CONFLICT (article_id) DO NOTHING', [
      articleId,
      link.copyOf,
      link.similarity,
    ])
  }
  const writeRecord = async (client: pg.PoolClient, record: SourceDocumentRecord): Promise<void> => {
    for (const url of record.urls)
      await client.query('INSERT INTO article_urls (url, article_id) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING', [url, record.articleId])
    if (record.sketch) await saveSketch(client, record.sketch, record.bands)
    if (record.copyOf) await linkCopy(client, record.articleId, record.copyOf)
    if (record.checkpoint) await putState(client, record.checkpoint.key, record.checkpoint.state)
  }
  return {
    async getSourceState(key) {
      const rows = await db.query<{ etag: string | null; last_modified: string | null; byte_offset: string | null }>(
        'SELECT etag, last_modified, byte_offset FROM source_state WHERE key = $1',
        [key],
      )
      const row = rows[0]
      return row ? { etag: row.etag, lastModified: row.last_modified, offset: row.byte_offset === null ? null : Number(row.byte_offset) } : null
    },

    async putSourceState(key: string, state: SourceState) {
      await db.transaction((client) => putState(client, key, state))
    },

    async findUrl(url) {
      const rows = await db.query<{ article_id: string }>('SELECT article_id FROM article_urls WHERE url = $1', [url])
      return rows[0]?.article_id ?? null
    },

    async sketchesSharingBands(bands, limit) {
      if (!bands.length) return []
      // the articles sharing the most bands first: the more bands shared, the more alike. Each
      // band is read for at most BAND_READ articles (as in SQLite): a band shared by thousands
      // of stored articles would otherwise make every look-up count them all
      const rows = await db.query<{ article_id: string; sketch: Buffer; shingles: number }>(
        `SELECT s.article_id, s.sketch, s.shingles FROM
           (SELECT m.article_id, count(*) AS shared FROM unnest($1::bigint[]) AS b(band)
              CROSS JOIN LATERAL (SELECT article_id FROM sketch_bands WHERE band = b.band LIMIT $3) m
            GROUP BY m.article_id ORDER BY shared DESC, m.article_id LIMIT $2) c
         JOIN article_sketches s ON s.article_id = c.article_id ORDER BY c.shared DESC, c.article_id`,
        [bands, limit, BAND_READ],
      )
      return rows.map((r) => ({ articleId: r.article_id, sketch: new Uint8Array(r.sketch), shingles: r.shingles }))
    },

    async copyOf(articleId) {
      const rows = await db.query<{ copy_of: string; similarity: number }>('SELECT copy_of, similarity FROM article_copies WHERE article_id = $1', [articleId])
      const row = rows[0]
      return row ? { copyOf: row.copy_of, similarity: row.similarity } : null
    },

    async recordSourceDocument(record: SourceDocumentRecord) {
      await db.transaction(async (client) => {
        await writeRecord(client, record)
        // a copy's mentions join the original's clusters and count under its outlet
        if (record.copyOf) await db.recluster(client, record.articleId)
      })
    },

    async saveFromSource(analysis: Output, pipelineVersion: string, record: SourceSaveRecord): Promise<SaveResult> {
      // the article, its events and what its source records commit together
      return db.transaction(async (client) => {
        const saved = await db.saveWith(client, analysis, pipelineVersion, false)
        const fresh = saved.inserted
        await writeRecord(client, {
          articleId: saved.articleId,
          urls: record.urls,
          sketch: fresh && record.sketch ? { articleId: saved.articleId, ...record.sketch } : null,
          bands: record.bands,
          copyOf: fresh && record.copyOf && record.copyOf.copyOf !== saved.articleId ? record.copyOf : null,
          checkpoint: record.checkpoint,
        })
        if (fresh) await db.cluster(client, saved.articleId)
        return saved
      })
    },
  }
}
