import type Database from 'better-sqlite3'
import type { Output } from '../../output.js'
import type { CopyLink, SaveResult, SourceDocumentRecord, SourceSaveRecord, SourceState, Store, StoredSketch } from '../store.js'

type SourceStateMethods = Pick<
  Store,
  'getSourceState' | 'putSourceState' | 'findUrl' | 'sketchesSharingBands' | 'copyOf' | 'recordSourceDocument' | 'saveFromSource'
>

/**
 * The most articles read for one LSH band when looking for near-duplicates. A crowded band is
 * a story many outlets carry (or shared boilerplate); a copy links to its story's first
 * article, so finding any one stored copy of the story is enough, and reading more of the band
 * costs time without finding more stories (at 200, the look-up took 5% of all the time of
 * bench:sources, where two articles in five are copies).
 */
const BAND_READ = 64
/** The most sketches kept in memory once read (about 600 bytes each). */
const SKETCH_CACHE = 8192
/** How the source methods save an article: without filing its events in clusters, then filing them once its copy-of link is written. */
export interface SqliteSaving {
  readonly saveUnclustered: (analysis: Output, pipelineVersion: string) => SaveResult
  readonly cluster: (articleId: string) => void
  /** Files an article's events again (its copy-of link changed). */
  readonly recluster: (articleId: string) => void
}

/** The SQLite half of what sources remember: validators and offsets, canonical URLs, sketches and copy-of links. */
export function sourceStateMethods(db: Database.Database, saving: SqliteSaving): SourceStateMethods {
  // prepared on first use (the tables exist only after migrate()) and kept: preparing costs more than running
  const statements = new Map<string, Database.Statement>()
  const sql = (text: string): Database.Statement => {
    let st = statements.get(text)
    if (!st) {
      st = db.prepare(text)
      statements.set(text, st)
    }
    return st
  }
  const putState = (key: string, state: SourceState): void => {
    sql(
      `INSERT INTO source_state (key, etag, last_modified, byte_offset) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, byte_offset = excluded.byte_offset,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    ).run(key, state.etag, state.lastModified, state.offset)
  }
  const addUrl = (url: string, articleId: string): void => {
    sql('INSERT INTO article_urls (url, article_id) VALUES (?, ?) ON CONFLICT(url) DO NOTHING').run(url, articleId)
  }
  const saveSketch = (sketch: StoredSketch, bands: readonly number[]): void => {
    sql('INSERT INTO article_sketches (article_id, sketch, shingles) VALUES (?, ?, ?) ON CONFLICT(article_id) DO NOTHING').run(
      sketch.articleId,
      Buffer.from(sketch.sketch),
      sketch.shingles,
    )
    // one statement for all of an article's bands: one insert per band costs several times more
    for (let i = 0; i < bands.length; i += 400) {
      const slice = bands.slice(i, i + 400)
      sql(`INSERT INTO sketch_bands (band, article_id) VALUES ${slice.map(() => '(?, ?)').join(', ')} ON CONFLICT DO NOTHING`).run(
        // spread-ok: at most 800 SQL parameters (400 bands a statement)
        ...slice.flatMap((b) => [b, sketch.articleId]),
      )
    }
  }
  // a stored sketch never changes (its row is written once, with its article), so one read
  // is kept: the articles of crowded bands are candidates for most look-ups
  const sketchCache = new Map<string, { readonly sketch: Uint8Array; readonly shingles: number }>()
  const sketchesOf = (ids: readonly string[]): Map<string, { readonly sketch: Uint8Array; readonly shingles: number }> => {
    const found = new Map<string, { readonly sketch: Uint8Array; readonly shingles: number }>()
    const missing: string[] = []
    for (const id of ids) {
      const s = sketchCache.get(id)
      if (s) found.set(id, s)
      else missing.push(id)
    }
    for (let i = 0; i < missing.length; i += 400) {
      const slice = missing.slice(i, i + 400)
      const rows = sql(`SELECT article_id, sketch, shingles FROM article_sketches WHERE article_id IN (${slice.map(() => '?').join(', ')})`).all(
        // spread-ok: at most 400 SQL parameters (ids a statement)
        ...slice,
      ) as { article_id: string; sketch: Buffer; shingles: number }[]
      for (const r of rows) {
        const s = { sketch: new Uint8Array(r.sketch), shingles: r.shingles }
        found.set(r.article_id, s)
        // oldest first out: bounded memory whatever the store holds
        if (sketchCache.size >= SKETCH_CACHE) sketchCache.delete(sketchCache.keys().next().value as string)
        sketchCache.set(r.article_id, s)
      }
    }
    return found
  }
  const linkCopy = (articleId: string, link: CopyLink): void => {
    sql('INSERT INTO article_copies (article_id, copy_of, similarity) VALUES (?, ?, ?) ON CONFLICT(article_id) DO NOTHING').run(
      articleId,
      link.copyOf,
      link.similarity,
    )
  }
  const writeRecord = (record: SourceDocumentRecord): void => {
    for (const url of record.urls) addUrl(url, record.articleId)
    if (record.sketch) saveSketch(record.sketch, record.bands)
    if (record.copyOf) linkCopy(record.articleId, record.copyOf)
    if (record.checkpoint) putState(record.checkpoint.key, record.checkpoint.state)
  }
  return {
    async getSourceState(key) {
      const row = sql('SELECT etag, last_modified, byte_offset FROM source_state WHERE key = ?').get(key) as
        | { etag: string | null; last_modified: string | null; byte_offset: number | null }
        | undefined
      return row ? { etag: row.etag, lastModified: row.last_modified, offset: row.byte_offset } : null
    },

    async putSourceState(key: string, state: SourceState) {
      putState(key, state)
    },

    async findUrl(url) {
      const row = sql('SELECT article_id FROM article_urls WHERE url = ?').get(url) as { article_id: string } | undefined
      return row?.article_id ?? null
    },

    async sketchesSharingBands(bands, limit) {
      if (!bands.length || limit < 1) return []
      // the articles sharing the most bands first: the more bands shared, the more alike. Each
      // band is read for at most BAND_READ articles: a band that a site's boilerplate (or a story
      // syndicated everywhere) gives to thousands of stored articles would otherwise make every
      // look-up count them all, a cost growing with the store. The bands' articles are counted
      // here, not by a GROUP BY: its temporary b-trees (a group, two sorts) and the join cost
      // more than the band reads themselves
      const perBand = bands.map(() => 'SELECT article_id FROM (SELECT article_id FROM sketch_bands WHERE band = ? LIMIT ?)').join(' UNION ALL ')
      const reads = sql(perBand).pluck()
      // spread-ok: two parameters per LSH band of a sketch (21)
      const ids = reads.all(...bands.flatMap((b) => [b, BAND_READ])) as string[]
      const shared = new Map<string, number>()
      for (const id of ids) shared.set(id, (shared.get(id) ?? 0) + 1)
      // the most shared first, ties in id order; a count is at most the number of bands, so the
      // ids go in one list per count and only the lists the limit reaches are sorted
      const byCount: string[][] = []
      for (const [id, n] of shared) {
        const list = byCount[n]
        if (list) list.push(id)
        else byCount[n] = [id]
      }
      const top: string[] = []
      for (let n = byCount.length - 1; n > 0 && top.length < limit; n--) {
        for (const id of byCount[n]?.sort() ?? []) {
          if (top.length === limit) break
          top.push(id)
        }
      }
      const found = sketchesOf(top)
      const out: StoredSketch[] = []
      for (const id of top) {
        const s = found.get(id)
        // an article with bands but no sketch row is no candidate (as the join it replaces had it)
        if (s) out.push({ articleId: id, sketch: new Uint8Array(s.sketch), shingles: s.shingles })
      }
      return out
    },

    async copyOf(articleId) {
      const row = sql('SELECT copy_of, similarity FROM article_copies WHERE article_id = ?').get(articleId) as
        | { copy_of: string; similarity: number }
        | undefined
      return row ? { copyOf: row.copy_of, similarity: row.similarity } : null
    },

    async recordSourceDocument(record: SourceDocumentRecord) {
      // one transaction, one commit: four separate commits per article cost more than the writes
      db.transaction(() => {
        writeRecord(record)
        // a copy's mentions join the original's clusters and count under its outlet
        if (record.copyOf) saving.recluster(record.articleId)
      })()
    },

    async saveFromSource(analysis: Output, pipelineVersion: string, record: SourceSaveRecord): Promise<SaveResult> {
      // the save's own transaction becomes a savepoint: the article, what its source records and
      // its clusters (filed after the copy-of link, which they read) commit together
      db.exec('BEGIN IMMEDIATE')
      try {
        const saved = saving.saveUnclustered(analysis, pipelineVersion)
        const fresh = saved.inserted
        writeRecord({
          articleId: saved.articleId,
          urls: record.urls,
          sketch: fresh && record.sketch ? { articleId: saved.articleId, ...record.sketch } : null,
          bands: record.bands,
          copyOf: fresh && record.copyOf && record.copyOf.copyOf !== saved.articleId ? record.copyOf : null,
          checkpoint: record.checkpoint,
        })
        if (fresh) saving.cluster(saved.articleId)
        db.exec('COMMIT')
        return saved
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw e
      }
    },
  }
}
