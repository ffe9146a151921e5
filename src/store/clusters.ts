import { type ClusterOptions, DEFAULT_CLUSTER_OPTIONS, distance, dyadKey, type Seed } from '../cluster/cluster-events.js'
import type { Cell } from './rows.js'

/**
 * One step of cluster upkeep: a statement with `?` placeholders (a store's runner rewrites them
 * for its database) and its parameters, or the dyad keys whose clusters must be locked first
 * (PostgreSQL takes advisory locks so concurrent saves of one event join one cluster; SQLite's
 * write lock already serialises them).
 */
export type ClusterStep = { readonly sql: string; readonly params: readonly Cell[] } | { readonly lock: readonly string[] }

/** A database-neutral piece of cluster upkeep: yields steps, receives each step's rows, returns its result. */
export type ClusterWork<T> = Generator<ClusterStep, T, Record<string, unknown>[]>

/** A stored cluster's first mention as candidates are compared with it. */
interface Candidate extends Seed {
  readonly key: string
}

// The rows clusterArticle reads of an article's events.
interface MentionRow {
  id: number | string
  source_code: string | null
  target_code: string | null
  cameo: string
  date: string | null
  lat: number | null
  lon: number | null
  place_country: string | null
  place_feature: string | null
  is_root: number | boolean | null
  confidence: number
  outlet: string | null
  created_at: string | null
  tone: number | null
}

// A copy's mention prefers the original's clusters to any other (COPY_FIRST) and, among them, the closest (COPY_FAR: beyond the limits).
const COPY_FIRST = 1e9
const COPY_FAR = 1e6

const truthy = (v: unknown): boolean => v === 1 || v === true || v === '1'

const CANDIDATE_COLUMNS = 'id, key, date, lat, lon, place_country, place_feature'

function candidateOf(r: Record<string, unknown>): Candidate {
  return {
    id: Number(r.id),
    key: r.key as string,
    date: (r.date as string | null) ?? null,
    lat: (r.lat as number | null) ?? null,
    lon: (r.lon as number | null) ?? null,
    placeCountry: (r.place_country as string | null) ?? null,
    placeFeature: (r.place_feature as string | null) ?? null,
  }
}

// The condition on clusters.date that keeps every cluster one of these dates could join:
// a full date joins dates within maxDays, a partial date ("2025-07") or none only its equal.
function dateWindow(dates: readonly (string | null)[], options: ClusterOptions): { sql: string; params: Cell[] } {
  const parts: string[] = []
  const params: Cell[] = []
  const reach = Math.ceil(options.maxDays) * 86_400_000
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
  for (const d of new Set(dates)) {
    if (d === null) parts.push('date IS NULL')
    else if (d.length === 10 && Number.isFinite(Date.parse(d))) {
      parts.push('(length(date) = 10 AND date >= ? AND date <= ?)')
      params.push(day(Date.parse(d) - reach), day(Date.parse(d) + reach))
    } else {
      parts.push('date = ?')
      params.push(d)
    }
  }
  return { sql: parts.join(' OR '), params }
}

/**
 * Files the not yet clustered events of one stored article under the real-world events they
 * report, as the article is saved: each mention joins the closest stored cluster of its
 * family and dyad within the day and distance limits (see createClusterer), else starts one;
 * a wire copy's mentions join the clusters of the article it copies (they are more reports
 * of the same events, not new ones) and count under its outlet, not as another source.
 * Updates each touched cluster's counts. Returns how many clusters it started.
 */
export function* clusterArticle(articleId: string, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): ClusterWork<number> {
  const rows = (yield {
    sql: `SELECT e.id, e.source_code, e.target_code, e.cameo, e.date, e.lat, e.lon, e.place_country, e.place_feature, e.is_root, e.confidence,
            a.outlet, a.created_at, a.tone
          FROM events e JOIN articles a ON a.id = e.article_id
          WHERE e.article_id = ? AND NOT EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.event_id = e.id) ORDER BY e.ordinal`,
    params: [articleId],
  }) as unknown as MentionRow[]
  if (!rows.length) return 0
  const copy = (yield {
    sql: 'SELECT c.copy_of, o.outlet FROM article_copies c JOIN articles o ON o.id = c.copy_of WHERE c.article_id = ?',
    params: [articleId],
  })[0] as { copy_of: string; outlet: string | null } | undefined
  const mentions = rows.map((r) => ({
    id: Number(r.id),
    key: dyadKey({ sourceCode: r.source_code, targetCode: r.target_code, cameo: r.cameo }),
    date: r.date,
    lat: r.lat,
    lon: r.lon,
    placeCountry: r.place_country,
    placeFeature: r.place_feature,
    isRoot: truthy(r.is_root),
    confidence: r.confidence,
  }))
  const keys = [...new Set(mentions.map((m) => m.key))].sort()
  yield { lock: keys }

  // the stored clusters each key's mentions could join, and those holding the original's mentions
  const seeds = new Map<string, Candidate[]>()
  // one query per key: each is an index range on (key, date), its statement prepared once
  // (one query OR-ing every key of an article measured slower on SQLite)
  for (const key of keys) {
    const window = dateWindow(
      mentions.filter((m) => m.key === key).map((m) => m.date),
      options,
    )
    const found = yield { sql: `SELECT ${CANDIDATE_COLUMNS} FROM clusters WHERE key = ? AND (${window.sql}) ORDER BY id`, params: [key, ...window.params] }
    seeds.set(key, found.map(candidateOf))
  }
  const original = new Set<number>()
  if (copy) {
    const found = yield {
      sql: `SELECT ${CANDIDATE_COLUMNS} FROM clusters WHERE id IN (SELECT cluster_id FROM cluster_mentions WHERE article_id = ?) ORDER BY id`,
      params: [copy.copy_of],
    }
    for (const c of found.map(candidateOf)) {
      original.add(c.id)
      const list = seeds.get(c.key)
      if (list && !list.some((s) => s.id === c.id)) list.push(c)
    }
  }

  // each mention in the article's order: the closest cluster it can join, else a new one
  const chosen = new Map<number, number>()
  const fresh = new Set<number>()
  let started = 0
  for (const m of mentions) {
    const list = seeds.get(m.key) as Candidate[]
    let best: Candidate | null = null
    let bestScore = Number.POSITIVE_INFINITY
    for (const seed of list) {
      // a copy's mention joins the original's cluster whatever its date says (a copy dated by
      // its own publication day may read "yesterday" as another day)
      const score = original.has(seed.id) ? (distance(seed, m, options) ?? COPY_FAR) - COPY_FIRST : distance(seed, m, options)
      if (score !== null && score < bestScore) {
        best = seed
        bestScore = score
      }
    }
    if (!best) {
      const inserted = yield {
        sql: 'INSERT INTO clusters (seed_id, key, date, lat, lon, place_country, place_feature) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
        params: [m.id, m.key, m.date, m.lat, m.lon, m.placeCountry, m.placeFeature],
      }
      best = { ...m, id: Number(inserted[0]?.id) }
      fresh.add(best.id)
      list.push(best)
      started++
    }
    chosen.set(m.id, best.id)
  }

  // the counts: every mention and article counts; the source is the outlet (a copy's is its original's)
  const first = rows[0] as MentionRow
  const source = copy ? (copy.outlet ?? `article:${copy.copy_of}`) : (first.outlet ?? `article:${articleId}`)
  const touched = [...new Set(chosen.values())]
  const known = new Map<number, { source: boolean; article: boolean }>()
  for (const id of touched) {
    // a cluster this article started holds nothing else yet
    if (fresh.has(id)) {
      known.set(id, { source: false, article: false })
      continue
    }
    const r = (yield {
      sql: `SELECT EXISTS (SELECT 1 FROM cluster_mentions WHERE cluster_id = ? AND source_key = ?) AS has_source,
              EXISTS (SELECT 1 FROM cluster_mentions WHERE cluster_id = ? AND article_id = ?) AS has_article`,
      params: [id, source, id, articleId],
    })[0]
    known.set(id, { source: truthy(r?.has_source), article: truthy(r?.has_article) })
  }
  for (let at = 0; at < mentions.length; at += 100) {
    const chunk = mentions.slice(at, at + 100)
    yield {
      sql: `INSERT INTO cluster_mentions (event_id, cluster_id, article_id, source_key, copy_of) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      params: chunk.flatMap((m) => [m.id, chosen.get(m.id) as number, articleId, source, copy?.copy_of ?? null]),
    }
  }
  for (const id of touched) {
    const mine = mentions.filter((m) => chosen.get(m.id) === id)
    const before = known.get(id) as { source: boolean; article: boolean }
    const newArticle = !before.article
    const tone = newArticle && first.tone !== null ? first.tone : null
    const seen = first.created_at
    yield {
      sql: `UPDATE clusters SET num_mentions = num_mentions + ?, num_articles = num_articles + ?, num_sources = num_sources + ?,
              is_root = CASE WHEN ? = 1 THEN 1 ELSE is_root END, confidence_sum = confidence_sum + ?,
              tone_sum = tone_sum + ?, tone_count = tone_count + ?,
              first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? ELSE first_seen END,
              last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END
            WHERE id = ?`,
      params: [
        mine.length,
        newArticle ? 1 : 0,
        before.source ? 0 : 1,
        mine.some((m) => m.isRoot) ? 1 : 0,
        mine.reduce((s, m) => s + m.confidence, 0),
        tone ?? 0,
        tone === null ? 0 : 1,
        seen,
        seen,
        seen,
        seen,
        id,
      ],
    }
  }
  return started
}

/**
 * Takes an article's mentions out of their clusters (before its events are replaced): a
 * cluster left empty is deleted, the others have their counts summed again and, when their
 * first mention was the article's, the earliest remaining mention as their first.
 */
export function* detachArticle(articleId: string): ClusterWork<void> {
  const found = yield {
    sql: 'SELECT DISTINCT c.id, c.key FROM cluster_mentions m JOIN clusters c ON c.id = m.cluster_id WHERE m.article_id = ? ORDER BY c.id',
    params: [articleId],
  }
  if (!found.length) return
  yield { lock: [...new Set(found.map((r) => r.key as string))].sort() }
  yield { sql: 'DELETE FROM cluster_mentions WHERE article_id = ?', params: [articleId] }
  for (const row of found) {
    const id = Number(row.id)
    const left = (yield {
      sql: `SELECT count(*) AS n, min(event_id) AS first_id,
              EXISTS (SELECT 1 FROM cluster_mentions s WHERE s.event_id = (SELECT seed_id FROM clusters WHERE id = ?)) AS seed_kept
            FROM cluster_mentions WHERE cluster_id = ?`,
      params: [id, id],
    })[0] as { n: number | string; first_id: number | string | null; seed_kept: unknown }
    if (Number(left.n) === 0) {
      yield { sql: 'DELETE FROM clusters WHERE id = ?', params: [id] }
      continue
    }
    if (!truthy(left.seed_kept)) {
      yield {
        sql: `UPDATE clusters SET seed_id = e.id, date = e.date, lat = e.lat, lon = e.lon, place_country = e.place_country, place_feature = e.place_feature
              FROM (SELECT id, date, lat, lon, place_country, place_feature FROM events WHERE id = ?) e WHERE clusters.id = ?`,
        params: [Number(left.first_id), id],
      }
    }
    yield { sql: RESUM, params: [id] }
  }
}

// Sums a cluster's counts again from its mentions (after some were taken out).
const RESUM = `UPDATE clusters SET
  num_mentions = (SELECT count(*) FROM cluster_mentions m WHERE m.cluster_id = clusters.id),
  num_articles = (SELECT count(DISTINCT m.article_id) FROM cluster_mentions m WHERE m.cluster_id = clusters.id),
  num_sources = (SELECT count(DISTINCT m.source_key) FROM cluster_mentions m WHERE m.cluster_id = clusters.id),
  is_root = (SELECT coalesce(max(e.is_root), 0) FROM cluster_mentions m JOIN events e ON e.id = m.event_id WHERE m.cluster_id = clusters.id),
  confidence_sum = (SELECT coalesce(sum(e.confidence), 0) FROM cluster_mentions m JOIN events e ON e.id = m.event_id WHERE m.cluster_id = clusters.id),
  tone_sum = (SELECT coalesce(sum(a.tone), 0) FROM articles a WHERE a.id IN (SELECT m.article_id FROM cluster_mentions m WHERE m.cluster_id = clusters.id)),
  tone_count = (SELECT count(a.tone) FROM articles a WHERE a.id IN (SELECT m.article_id FROM cluster_mentions m WHERE m.cluster_id = clusters.id)),
  first_seen = (SELECT min(a.created_at) FROM articles a WHERE a.id IN (SELECT m.article_id FROM cluster_mentions m WHERE m.cluster_id = clusters.id)),
  last_seen = (SELECT max(a.created_at) FROM articles a WHERE a.id IN (SELECT m.article_id FROM cluster_mentions m WHERE m.cluster_id = clusters.id))
  WHERE id = ?`

/** The articles whose events have no cluster yet (written before schema 5, or by a bulk load), in the order they were stored. */
export function* pendingArticles(): ClusterWork<string[]> {
  const rows = yield {
    sql: `SELECT e.article_id, min(e.id) AS first FROM events e WHERE NOT EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.event_id = e.id)
          GROUP BY e.article_id ORDER BY min(e.id)`,
    params: [],
  }
  return rows.map((r) => r.article_id as string)
}
