import Database from 'better-sqlite3'
import type { Output } from '../../output.js'
import { articleId } from '../article-id.js'
import type { EventFilter, SaveResult, Store, StoredArticle, StoredEvent } from '../store.js'
import { MIGRATIONS } from './migrations.js'
import { sourceStateMethods } from './source-state.js'

interface EventRow {
  id: number
  article_id: string
  title: string | null
  source_code: string | null
  source_text: string | null
  target_code: string | null
  target_text: string | null
  cameo: string
  cameo_name: string
  plover: string | null
  goldstein: number | null
  quad: number
  negated: number
  modality: string
  date: string | null
  place_name: string | null
  lat: number | null
  lon: number | null
  evidence: string
  trigger_text: string
  sentence_start: number
  sentence_end: number
  rule: string
  confidence: number
  pipeline_version: string
}

/**
 * The embedded store: one SQLite file (WAL journal), schema versioned with `user_version`.
 *
 * @example
 *   const store = createSqliteStore('./sitrep.db')
 *   await store.migrate()
 */
export function createSqliteStore(path: string): Store {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return {
    async migrate() {
      const version = db.pragma('user_version', { simple: true }) as number
      for (let v = version; v < MIGRATIONS.length; v++) {
        db.transaction(() => {
          db.exec(MIGRATIONS[v] as string)
          db.pragma(`user_version = ${v + 1}`)
        })()
      }
    },

    async save(analysis: Output, pipelineVersion: string): Promise<SaveResult> {
      const article = analysis.article
      if (!article) throw new TypeError('save() needs an analysis with its article layer: run the extract stage')
      const id = articleId(article.text)
      const insertArticle = db.prepare(
        `INSERT INTO articles (id, doc_id, title, url, published, byline, lang, text, analysis, pipeline_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
      )
      const insertEvent = db.prepare(
        `INSERT INTO events (article_id, ordinal, source_code, source_text, target_code, target_text, cameo, cameo_name, plover,
           goldstein, quad, negated, modality, date, place_name, lat, lon, sentence_start, sentence_end, trigger_start, trigger_end,
           trigger_text, evidence, rule, confidence, pipeline_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      const inserted = db.transaction(() => {
        const info = insertArticle.run(
          id,
          analysis.id,
          article.title,
          article.url,
          article.published,
          article.byline,
          article.lang,
          article.text,
          JSON.stringify(analysis),
          pipelineVersion,
        )
        if (info.changes === 0) return false
        ;(analysis.events ?? []).forEach((e, i) => {
          insertEvent.run(
            id,
            i,
            e.source?.code ?? null,
            e.source?.text ?? null,
            e.target?.code ?? null,
            e.target?.text ?? null,
            e.cameo,
            e.cameoName,
            e.plover,
            e.goldstein,
            e.quad,
            e.negated ? 1 : 0,
            e.modality,
            e.date,
            e.place?.name ?? null,
            e.place?.lat ?? null,
            e.place?.lon ?? null,
            e.sentence.start,
            e.sentence.end,
            e.trigger.start,
            e.trigger.end,
            e.trigger.text,
            article.text.slice(e.sentence.start, e.sentence.end),
            e.rule,
            e.confidence,
            pipelineVersion,
          )
        })
        return true
      })()
      return { articleId: id, inserted }
    },

    async getArticle(id: string): Promise<StoredArticle | null> {
      const row = db.prepare('SELECT id, title, url, published, text, analysis, pipeline_version FROM articles WHERE id = ?').get(id) as
        | { id: string; title: string | null; url: string | null; published: string | null; text: string; analysis: string; pipeline_version: string }
        | undefined
      if (!row) return null
      return {
        id: row.id,
        title: row.title,
        url: row.url,
        published: row.published,
        text: row.text,
        analysis: JSON.parse(row.analysis) as Output,
        pipelineVersion: row.pipeline_version,
      }
    },

    async queryEvents(filter: EventFilter): Promise<StoredEvent[]> {
      const where: string[] = []
      const params: (string | number)[] = []
      if (filter.actor) {
        where.push('(e.source_code LIKE ? OR e.target_code LIKE ?)')
        params.push(`${filter.actor}%`, `${filter.actor}%`)
      }
      if (filter.code) {
        where.push('e.cameo LIKE ?')
        params.push(`${filter.code}%`)
      }
      // "2025-07" and "2024" are partial dates: compare the same number of characters
      if (filter.since) {
        where.push('e.date >= substr(?, 1, length(e.date))')
        params.push(filter.since)
      }
      if (filter.until) {
        where.push('e.date <= ?')
        params.push(filter.until)
      }
      const sql = `SELECT e.*, a.title FROM events e JOIN articles a ON a.id = e.article_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.date, e.article_id, e.ordinal LIMIT ?`
      params.push(filter.limit ?? 1_000_000)
      return (db.prepare(sql).all(...params) as EventRow[]).map(toStoredEvent)
    },

    async counts() {
      const articles = (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
      const events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n
      return { articles, events }
    },

    ...sourceStateMethods(db),

    async close() {
      db.close()
    },
  }
}

function toStoredEvent(r: EventRow): StoredEvent {
  return {
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.title,
    sourceCode: r.source_code,
    sourceText: r.source_text,
    targetCode: r.target_code,
    targetText: r.target_text,
    cameo: r.cameo,
    cameoName: r.cameo_name,
    plover: r.plover,
    goldstein: r.goldstein,
    quad: r.quad,
    negated: r.negated === 1,
    modality: r.modality,
    date: r.date,
    placeName: r.place_name,
    lat: r.lat,
    lon: r.lon,
    evidence: r.evidence,
    triggerText: r.trigger_text,
    sentenceStart: r.sentence_start,
    sentenceEnd: r.sentence_end,
    rule: r.rule,
    confidence: r.confidence,
    pipelineVersion: r.pipeline_version,
  }
}
