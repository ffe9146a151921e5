import {
  type ClusterOptions,
  DEFAULT_CLUSTER_OPTIONS,
  dyadKey,
  isStatementKey,
  joinScore,
  keyLocks,
  reachByParty,
  relation,
  type Seed,
} from '../cluster/cluster-events.js'
import { ARTICLE_COLUMNS, type Cell, EVENT_COLUMNS } from './rows.js'

/**
 * One step of cluster upkeep: a statement with `?` placeholders (a store's runner rewrites them
 * for its database) and its parameters, or the names to lock first (see keyLocks: the parties
 * of the keys being filed)
 * (PostgreSQL takes advisory locks so concurrent saves of one event join one cluster; SQLite's
 * write lock already serialises them).
 */
export type ClusterStep = { readonly sql: string; readonly params: readonly Cell[] } | { readonly lock: readonly string[] }

/** A database-neutral piece of cluster upkeep: yields steps, receives each step's rows, returns its result. */
export type ClusterWork<T> = Generator<ClusterStep, T, Record<string, unknown>[]>

/** A stored cluster's first mention as candidates are compared with it. */
interface Candidate extends Seed {
  readonly key: string
  readonly seedId: number
}

// The rows clusterArticle reads of an article's events.
interface MentionRow {
  id: number | string
  ordinal: number | string
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
  published: string | null
}

/** A mention being filed: the seed fields, its key and where it ranks among the reports of its event. */
interface Filed extends Seed {
  readonly key: string
  readonly rank: string
  readonly isRoot: boolean
  readonly confidence: number
}

// One cluster an article's mentions may join: a stored one (id) or one the article starts (id null until inserted).
interface Slot {
  id: number | null
  readonly key: string
  readonly stored: Candidate | null
  // what later mentions of the article are compared with: the stored first mention, or the slot's first mention
  readonly compare: Seed
  readonly members: Filed[]
}

// A copy's mention prefers the original's clusters to any other (COPY_FIRST) and, among them, the closest (COPY_FAR: beyond the limits).
const COPY_FIRST = 1e9
const COPY_FAR = 1e6

const truthy = (v: unknown): boolean => v === 1 || v === true || v === '1'

const CANDIDATE_COLUMNS = 'id, seed_id, key, date, lat, lon, place_country, place_feature'

function candidateOf(r: Record<string, unknown>): Candidate {
  return {
    id: Number(r.id),
    seedId: Number(r.seed_id),
    key: r.key as string,
    date: (r.date as string | null) ?? null,
    lat: (r.lat as number | null) ?? null,
    lon: (r.lon as number | null) ?? null,
    placeCountry: (r.place_country as string | null) ?? null,
    placeFeature: (r.place_feature as string | null) ?? null,
  }
}

/**
 * Where a report ranks among the reports of one event, the first being the one that gives the
 * cluster its date, place and first mention: the earliest event date (a dated report before an
 * undated one), then the earliest publication, then the article and sentence order, so the
 * first mention does not depend on the order the reports arrived in.
 */
export function reportRank(date: string | null, published: string | null, articleId: string, ordinal: number): string {
  const last = '\uffff'
  return `${date ?? last}\u0000${published ?? last}\u0000${articleId}\u0000${String(ordinal).padStart(10, '0')}`
}

// Sizes an IN list is padded to (with its last id again), so a handful of statements serve every list.
// (about half again each step: at most a third of a padded list is repeats)
const IN_SIZES = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256]

/**
 * One SQL text per size, made once: a store's runner finds its prepared statement by the text,
 * and the same string object is looked up faster than an equal new one (its hash is kept).
 */
function bySize(make: (n: number) => string): (n: number) => string {
  const made = new Map<number, string>()
  return (n) => {
    let sql = made.get(n)
    if (sql === undefined) {
      sql = make(n)
      made.set(n, sql)
    }
    return sql
  }
}
const placeholders = bySize((n) => `(${Array.from({ length: n }, () => '?').join(', ')})`)

/** Ids in chunks of at most 256, each padded to one of IN_SIZES, with the `(?, ?, …)` each needs. */
export function inLists(ids: readonly number[]): { sql: string; params: number[] }[] {
  const out: { sql: string; params: number[] }[] = []
  const most = IN_SIZES[IN_SIZES.length - 1] as number
  for (let at = 0; at < ids.length; at += most) {
    const chunk = ids.slice(at, at + most)
    const size = IN_SIZES.find((n) => n >= chunk.length) as number
    const params = chunk.concat(Array.from({ length: size - chunk.length }, () => chunk[chunk.length - 1] as number))
    out.push({ sql: placeholders(size), params })
  }
  return out
}

/**
 * The queries that find every stored cluster the mentions could join, as few as possible: one
 * index range on (key, date) per key and date (a day either side of a full date; a partial
 * date or a date-less mention only its equal), joined by UNION ALL and padded to one of a
 * few sizes by repeating a range, so a handful of prepared statements serve every article.
 * Rows may repeat; a partial date in a full date's range is dropped later by distance().
 */
const rangesQuery = bySize((n) =>
  Array.from({ length: n }, () => `SELECT ${CANDIDATE_COLUMNS} FROM clusters WHERE key = ? AND date >= ? AND date <= ?`).join(' UNION ALL '),
)
const undatedQuery = bySize((n) => `SELECT ${CANDIDATE_COLUMNS} FROM clusters WHERE date IS NULL AND key IN ${placeholders(n)}`)

// Clusters of any key in a date range (or undated) whose key names a party (see reachByParty): by the date index.
const byPartyQuery = `SELECT ${CANDIDATE_COLUMNS} FROM clusters WHERE date >= ? AND date <= ? AND key LIKE ? AND key LIKE ?`
const byPartyUndatedQuery = `SELECT ${CANDIDATE_COLUMNS} FROM clusters WHERE date IS NULL AND key LIKE ? AND key LIKE ?`

function candidateQueries(mentions: readonly Pick<Filed, 'key' | 'date'>[], options: ClusterOptions): ClusterStep[] {
  const reach = Math.ceil(options.maxDays) * 86_400_000
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
  const span = (date: string): [string, string] =>
    date.length === 10 && Number.isFinite(Date.parse(date)) ? [day(Date.parse(date) - reach), day(Date.parse(date) + reach)] : [date, date]
  const ranges = new Map<string, Cell[]>()
  const undated = new Set<string>()
  const byParty = new Map<string, ClusterStep>()
  for (const m of mentions) {
    if (m.date === null) undated.add(m.key)
    else ranges.set(`${m.key}\u0000${m.date}`, [m.key, ...span(m.date)])
    // a statement or a one-actor mention: the clusters of the window naming its party (filtered by relation later)
    const party = reachByParty(m.key)
    if (party) {
      const like = [`${party.family ?? '%'}|%`, `%|${party.party}%`]
      const id = `${m.date}\u0000${like.join('\u0000')}`
      if (!byParty.has(id))
        byParty.set(id, m.date === null ? { sql: byPartyUndatedQuery, params: like } : { sql: byPartyQuery, params: [...span(m.date), ...like] })
    }
  }
  const out: ClusterStep[] = []
  const most = IN_SIZES[IN_SIZES.length - 1] as number
  const all = [...ranges.values()]
  for (let at = 0; at < all.length; at += most) {
    const chunk = all.slice(at, at + most)
    const size = IN_SIZES.find((n) => n >= chunk.length) as number
    const padded = chunk.concat(Array.from({ length: size - chunk.length }, () => chunk[chunk.length - 1] as Cell[]))
    out.push({
      sql: rangesQuery(size),
      params: padded.flat(),
    })
  }
  const keys = [...undated]
  for (let at = 0; at < keys.length; at += most) {
    const chunk = keys.slice(at, at + most)
    const size = IN_SIZES.find((n) => n >= chunk.length) as number
    const padded = chunk.concat(Array.from({ length: size - chunk.length }, () => chunk[chunk.length - 1] as string))
    out.push({ sql: undatedQuery(size), params: padded })
  }
  for (const step of byParty.values()) out.push(step)
  return out
}

// The columns a new cluster is inserted with: its first mention and its counts at once.
const NEW_CLUSTER_COLUMNS =
  'seed_id, key, date, lat, lon, place_country, place_feature, num_mentions, num_articles, num_sources, is_root, confidence_sum, tone_sum, tone_count, first_seen, last_seen'
const insertMentions = bySize(
  (n) =>
    `INSERT INTO cluster_mentions (event_id, cluster_id, article_id, source_key, copy_of) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ')}`,
)
const INSERT_CLUSTER = `INSERT INTO clusters (${NEW_CLUSTER_COLUMNS}) VALUES ${placeholders(NEW_CLUSTER_COLUMNS.split(',').length)} RETURNING id`

// What a stored cluster's counts gain from an article's mentions.
const COUNTS_SET = `num_mentions = num_mentions + ?, num_articles = num_articles + ?, num_sources = num_sources + ?,
  is_root = CASE WHEN ? = 1 THEN 1 ELSE is_root END, confidence_sum = confidence_sum + ?,
  tone_sum = tone_sum + ?, tone_count = tone_count + ?,
  first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? ELSE first_seen END,
  last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END`

// Whether each stored cluster an article joins has its source and the article already, and its first mention's rank fields.
const joinedInfo = bySize(
  (n) => `SELECT c.id, e.date, e.ordinal, e.article_id, a.published,
              EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.cluster_id = c.id AND m.source_key = ?) AS has_source,
              EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.cluster_id = c.id AND m.article_id = ?) AS has_article
            FROM clusters c LEFT JOIN events e ON e.id = c.seed_id LEFT JOIN articles a ON a.id = e.article_id
            WHERE c.id IN ${placeholders(n)}`,
)

const UPDATE_COUNTS = `UPDATE clusters SET ${COUNTS_SET} WHERE id = ?`
const UPDATE_RESEEDED = `UPDATE clusters SET ${COUNTS_SET}, seed_id = ?, date = ?, lat = ?, lon = ?, place_country = ?, place_feature = ? WHERE id = ?`

// The earliest-ranked of some mentions.
function firstOf(members: readonly Filed[]): Filed {
  let best = members[0] as Filed
  for (const m of members) if (m.rank < best.rank) best = m
  return best
}

const SOURCE_COLUMN = EVENT_COLUMNS.indexOf('source_code')
const TARGET_COLUMN = EVENT_COLUMNS.indexOf('target_code')
const CAMEO_COLUMN = EVENT_COLUMNS.indexOf('cameo')

/** The keys (see dyadKey) event rows (EVENT_COLUMNS order) are filed under, sorted: what a recode locks (see keyLocks) before it starts. */
export function rowKeys(rows: readonly (readonly Cell[])[]): string[] {
  const keys = rows.map((r) =>
    dyadKey({ sourceCode: r[SOURCE_COLUMN] as string | null, targetCode: r[TARGET_COLUMN] as string | null, cameo: r[CAMEO_COLUMN] as string }),
  )
  return [...new Set(keys)].sort()
}

/**
 * What a save has just written, handed to clusterArticle so it need not read it back: the
 * article's row (ARTICLE_COLUMNS order) with the created_at the database gave it, and its
 * event rows (EVENT_COLUMNS order) with the id each was given.
 */
export interface SavedArticle {
  readonly article: readonly Cell[]
  readonly createdAt: string | null
  readonly events: readonly { readonly id: number; readonly row: readonly Cell[] }[]
}

const column = (name: (typeof EVENT_COLUMNS)[number]): number => EVENT_COLUMNS.indexOf(name)
const EVENT_AT = {
  ordinal: column('ordinal'),
  source: column('source_code'),
  target: column('target_code'),
  cameo: column('cameo'),
  date: column('date'),
  lat: column('lat'),
  lon: column('lon'),
  country: column('place_country'),
  feature: column('place_feature'),
  root: column('is_root'),
  confidence: column('confidence'),
}
const ARTICLE_AT = { outlet: ARTICLE_COLUMNS.indexOf('outlet'), tone: ARTICLE_COLUMNS.indexOf('tone'), published: ARTICLE_COLUMNS.indexOf('published') }

// The rows clusterArticle would read back, from what the save wrote (in ordinal order, as the query gives them).
function savedMentions(saved: SavedArticle): MentionRow[] {
  const a = saved.article
  return saved.events
    .map(({ id, row }) => ({
      id,
      ordinal: row[EVENT_AT.ordinal] as number,
      source_code: row[EVENT_AT.source] as string | null,
      target_code: row[EVENT_AT.target] as string | null,
      cameo: row[EVENT_AT.cameo] as string,
      date: row[EVENT_AT.date] as string | null,
      lat: row[EVENT_AT.lat] as number | null,
      lon: row[EVENT_AT.lon] as number | null,
      place_country: row[EVENT_AT.country] as string | null,
      place_feature: row[EVENT_AT.feature] as string | null,
      is_root: row[EVENT_AT.root] as number | null,
      confidence: row[EVENT_AT.confidence] as number,
      outlet: a[ARTICLE_AT.outlet] as string | null,
      created_at: saved.createdAt,
      tone: a[ARTICLE_AT.tone] as number | null,
      published: a[ARTICLE_AT.published] as string | null,
    }))
    .sort((x, y) => Number(x.ordinal) - Number(y.ordinal))
}

/**
 * Files the not yet clustered events of one stored article under the real-world events they
 * report, as the article is saved: each mention joins the closest stored cluster of its
 * family and dyad within the day and distance limits (see createClusterer), else starts one;
 * a wire copy's mentions join the clusters of the article it copies (they are more reports
 * of the same events, not new ones) and count under its outlet, not as another source.
 * A cluster's first mention (its date, place and codes) is its earliest-ranked report (see
 * reportRank), whichever arrived first. Writes the new clusters with their counts in one
 * statement and updates each stored cluster it touched. Returns how many clusters it started.
 */
export function* clusterArticle(articleId: string, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS, saved?: SavedArticle): ClusterWork<number> {
  const rows = saved
    ? savedMentions(saved)
    : ((yield {
        sql: `SELECT e.id, e.ordinal, e.source_code, e.target_code, e.cameo, e.date, e.lat, e.lon, e.place_country, e.place_feature, e.is_root, e.confidence,
            a.outlet, a.created_at, a.tone, a.published
          FROM events e JOIN articles a ON a.id = e.article_id
          WHERE e.article_id = ? AND NOT EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.event_id = e.id) ORDER BY e.ordinal`,
        params: [articleId],
      }) as unknown as MentionRow[])
  if (!rows.length) return 0
  const copy = (yield {
    sql: 'SELECT c.copy_of, o.outlet FROM article_copies c JOIN articles o ON o.id = c.copy_of WHERE c.article_id = ?',
    params: [articleId],
  })[0] as { copy_of: string; outlet: string | null } | undefined
  const filed: Filed[] = rows.map((r) => ({
    id: Number(r.id),
    key: dyadKey({ sourceCode: r.source_code, targetCode: r.target_code, cameo: r.cameo }),
    rank: reportRank(r.date, r.published, articleId, Number(r.ordinal)),
    date: r.date,
    lat: r.lat,
    lon: r.lon,
    placeCountry: r.place_country,
    placeFeature: r.place_feature,
    isRoot: truthy(r.is_root),
    confidence: r.confidence,
  }))
  // a targetless statement after the article's other mentions: it joins what they report (see relation)
  const mentions = filed.filter((m) => !isStatementKey(m.key)).concat(filed.filter((m) => isStatementKey(m.key)))
  const keys = [...new Set(mentions.map((m) => m.key))].sort()
  yield { lock: keyLocks(keys) }

  // the stored clusters the mentions could join (see relation), and those holding the original's mentions
  const slots: Slot[] = []
  const storedSlot = (c: Candidate): Slot => ({ id: c.id, key: c.key, stored: c, compare: c, members: [] })
  const had = new Set<number>()
  for (const list of candidateQueries(mentions, options)) {
    for (const c of (yield list).map(candidateOf)) {
      if (had.has(c.id)) continue
      had.add(c.id)
      slots.push(storedSlot(c))
    }
  }
  const original = new Set<number>()
  if (copy) {
    const found = yield {
      sql: `SELECT ${CANDIDATE_COLUMNS} FROM clusters WHERE id IN (SELECT cluster_id FROM cluster_mentions WHERE article_id = ?) ORDER BY id`,
      params: [copy.copy_of],
    }
    for (const c of found.map(candidateOf)) {
      original.add(c.id)
      if (!had.has(c.id)) slots.push(storedSlot(c))
      had.add(c.id)
    }
  }
  // compared in id order (a tie goes to the older cluster), the article's new ones after them;
  // by key, so a mention reads only the slots of its own key (a statement or a one-actor
  // mention reads them all, see reachByParty)
  slots.sort((a, b) => (a.id as number) - (b.id as number))
  const byKey = new Map<string, Slot[]>()
  const addSlot = (slot: Slot): void => {
    const list = byKey.get(slot.key)
    if (list) list.push(slot)
    else byKey.set(slot.key, [slot])
  }
  for (const slot of slots) addSlot(slot)

  // each mention in the article's order: the closest cluster it can join, else a new one
  for (const m of mentions) {
    const reach = reachByParty(m.key) !== null
    const related = reach ? slots : (byKey.get(m.key) ?? [])
    let best: Slot | null = null
    let bestScore = Number.POSITIVE_INFINITY
    for (const slot of related) {
      // a copy's mention joins the original's cluster of a related key whatever its date says
      // (a copy dated by its own publication day may read "yesterday" as another day)
      // (its members are this article's mentions: a statement prefers the clusters they joined or started)
      const own = slot.members.length > 0
      const score =
        slot.id !== null && original.has(slot.id)
          ? relation(m.key, slot.key) === null
            ? null
            : (joinScore(m.key, m, slot.key, slot.compare, options, own) ?? COPY_FAR) - COPY_FIRST
          : joinScore(m.key, m, slot.key, slot.compare, options, own)
      if (score !== null && score < bestScore) {
        best = slot
        bestScore = score
      }
    }
    if (!best) {
      best = { id: null, key: m.key, stored: null, compare: m, members: [] }
      slots.push(best)
      addSlot(best)
    }
    best.members.push(m)
  }
  const all = slots.filter((s) => s.members.length)

  // the counts: every mention and article counts; the source is the outlet (a copy's is its original's)
  const first = rows[0] as MentionRow
  const source = copy ? (copy.outlet ?? `article:${copy.copy_of}`) : (first.outlet ?? `article:${articleId}`)
  const tone = first.tone
  const seen = first.created_at
  const summed = (members: readonly Filed[]): { root: number; confidence: number } => ({
    root: members.some((m) => m.isRoot) ? 1 : 0,
    confidence: members.reduce((s, m) => s + m.confidence, 0),
  })

  // the clusters the article starts, each written with its first mention and counts at once
  // (one row a statement: a multi-row INSERT measured no faster on SQLite)
  const fresh = all.filter((s) => s.id === null)
  for (const slot of fresh) {
    const seed = firstOf(slot.members)
    const { root, confidence } = summed(slot.members)
    const inserted = yield {
      sql: INSERT_CLUSTER,
      params: [
        seed.id,
        slot.key,
        seed.date,
        seed.lat,
        seed.lon,
        seed.placeCountry ?? null,
        seed.placeFeature ?? null,
        slot.members.length,
        1,
        1,
        root,
        confidence,
        tone ?? 0,
        tone === null ? 0 : 1,
        seen,
        seen,
      ],
    }
    slot.id = Number(inserted[0]?.id)
  }

  // the stored clusters it joins: whether they have this source and article already, and where their first mention ranks
  const joined = all.filter((s) => s.stored !== null)
  const known = new Map<number, { source: boolean; article: boolean; rank: string | null }>()
  for (const list of inLists(joined.map((s) => s.id as number))) {
    const found = yield {
      sql: joinedInfo(list.params.length),
      params: [source, articleId, ...list.params],
    }
    for (const r of found)
      known.set(Number(r.id), {
        source: truthy(r.has_source),
        article: truthy(r.has_article),
        rank:
          r.article_id == null
            ? null
            : reportRank((r.date as string | null) ?? null, (r.published as string | null) ?? null, r.article_id as string, Number(r.ordinal)),
      })
  }

  for (let at = 0; at < mentions.length; at += 100) {
    const chunk = mentions.slice(at, at + 100)
    const clusterOf = new Map(all.flatMap((s) => s.members.map((m) => [m.id, s.id as number] as const)))
    yield {
      sql: insertMentions(chunk.length),
      params: chunk.flatMap((m) => [m.id, clusterOf.get(m.id) as number, articleId, source, copy?.copy_of ?? null]),
    }
  }
  for (const slot of joined) {
    const before = known.get(slot.id as number) ?? { source: false, article: false, rank: null }
    const newArticle = !before.article
    const added = newArticle && tone !== null ? tone : null
    const { root, confidence } = summed(slot.members)
    // a report ranked before the cluster's first mention becomes its first mention
    const earliest = firstOf(slot.members)
    const reseed = before.rank === null || earliest.rank < before.rank
    const counts: Cell[] = [
      slot.members.length,
      newArticle ? 1 : 0,
      before.source ? 0 : 1,
      root,
      confidence,
      added ?? 0,
      added === null ? 0 : 1,
      seen,
      seen,
      seen,
      seen,
    ]
    // the first mention's columns are written only when they change (date is indexed)
    yield {
      sql: reseed ? UPDATE_RESEEDED : UPDATE_COUNTS,
      params: reseed
        ? counts.concat([earliest.id, earliest.date, earliest.lat, earliest.lon, earliest.placeCountry ?? null, earliest.placeFeature ?? null, slot.id])
        : counts.concat([slot.id]),
    }
  }
  return fresh.length
}

/**
 * Takes an article's mentions out of their clusters (before its events are replaced): a
 * cluster left empty is deleted, the others have their counts summed again and, when their
 * first mention was the article's, the earliest-ranked remaining mention (see reportRank) as
 * their first. `alsoLock` names keys the same transaction will file under next (a recode's
 * new events): they are locked with the old ones, in one order, so two recodes cannot each
 * hold a key the other waits for.
 */
export function* detachArticle(articleId: string, alsoLock: readonly string[] = []): ClusterWork<void> {
  // no key yet: only what keeps a re-clustering out while the article's clusters are read
  yield { lock: [] }
  const found = yield {
    sql: 'SELECT DISTINCT c.id, c.key FROM cluster_mentions m JOIN clusters c ON c.id = m.cluster_id WHERE m.article_id = ? ORDER BY c.id',
    params: [articleId],
  }
  const keys = keyLocks([...found.map((r) => r.key as string), ...alsoLock])
  if (keys.length) yield { lock: keys }
  if (!found.length) return
  yield { sql: 'DELETE FROM cluster_mentions WHERE article_id = ?', params: [articleId] }
  for (const row of found) {
    const id = Number(row.id)
    const left = (yield {
      sql: `SELECT count(*) AS n,
              EXISTS (SELECT 1 FROM cluster_mentions s WHERE s.event_id = (SELECT seed_id FROM clusters WHERE id = ?)) AS seed_kept
            FROM cluster_mentions WHERE cluster_id = ?`,
      params: [id, id],
    })[0] as { n: number | string; seed_kept: unknown }
    if (Number(left.n) === 0) {
      yield { sql: 'DELETE FROM clusters WHERE id = ?', params: [id] }
      continue
    }
    if (!truthy(left.seed_kept)) {
      const members = yield {
        sql: `SELECT e.id, e.date, e.ordinal, e.article_id, a.published FROM cluster_mentions m JOIN events e ON e.id = m.event_id
              JOIN articles a ON a.id = e.article_id WHERE m.cluster_id = ?`,
        params: [id],
      }
      let next = members[0] as Record<string, unknown>
      let nextRank = ''
      for (const r of members) {
        const rank = reportRank((r.date as string | null) ?? null, (r.published as string | null) ?? null, r.article_id as string, Number(r.ordinal))
        if (!nextRank || rank < nextRank) {
          next = r
          nextRank = rank
        }
      }
      yield {
        sql: `UPDATE clusters SET seed_id = e.id, date = e.date, lat = e.lat, lon = e.lon, place_country = e.place_country, place_feature = e.place_feature
              FROM (SELECT id, date, lat, lon, place_country, place_feature FROM events WHERE id = ?) e WHERE clusters.id = ?`,
        params: [Number(next.id), id],
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

/**
 * The articles whose events have no cluster yet (written before schema 5, by a bulk load, or
 * taken out of their clusters by a re-clustering): in the order they were stored, or with
 * `byDate` in the order of their earliest event date (undated last, then by article id), the
 * order that greedy filing groups best and that does not depend on the order of arrival.
 */
export function* pendingArticles(byDate = false): ClusterWork<string[]> {
  const rows = yield {
    sql: `SELECT e.article_id, min(e.id) AS first, min(e.date) AS day FROM events e WHERE NOT EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.event_id = e.id)
          GROUP BY e.article_id ORDER BY ${byDate ? 'CASE WHEN min(e.date) IS NULL THEN 1 ELSE 0 END, min(e.date), e.article_id' : 'min(e.id)'}`,
    params: [],
  }
  return rows.map((r) => r.article_id as string)
}

/**
 * Takes clusters apart so their events can be filed again (sitrep recluster): every cluster,
 * or with `since` (YYYY-MM-DD) those holding a mention from an article stored on or after it;
 * their mentions go with them. Returns how many clusters it deleted.
 */
export function* dropClusters(since?: string): ClusterWork<number> {
  const n = (yield {
    sql: since
      ? 'SELECT count(DISTINCT m.cluster_id) AS n FROM cluster_mentions m JOIN articles a ON a.id = m.article_id WHERE a.created_at >= ?'
      : 'SELECT count(*) AS n FROM clusters',
    params: since ? [since] : [],
  })[0]?.n
  if (since) {
    const doomed = 'SELECT m.cluster_id FROM cluster_mentions m JOIN articles a ON a.id = m.article_id WHERE a.created_at >= ?'
    yield { sql: `DELETE FROM cluster_mentions WHERE cluster_id IN (${doomed})`, params: [since] }
    yield { sql: 'DELETE FROM clusters WHERE NOT EXISTS (SELECT 1 FROM cluster_mentions m WHERE m.cluster_id = clusters.id)', params: [] }
  } else {
    yield { sql: 'DELETE FROM cluster_mentions', params: [] }
    yield { sql: 'DELETE FROM clusters', params: [] }
  }
  return Number(n ?? 0)
}

/**
 * The upkeep a migration leaves for after its transaction (the `upkeep` table, schema 8):
 * every cluster taken apart and every event filed again, as after a change of the clustering
 * rules. Marked inside the migration's transaction; done by the store once it commits.
 */
export const REFILE_CLUSTERS = 'refile-clusters'

/** The second half of REFILE_CLUSTERS, once the old clusters are gone: the events without a cluster filed, batch by batch. */
export const FILE_PENDING = 'file-pending'

/** Records a piece of upkeep to do (once, however often it is marked). */
export function* markUpkeep(task: string): ClusterWork<void> {
  yield { sql: 'INSERT INTO upkeep (task) VALUES (?) ON CONFLICT (task) DO NOTHING', params: [task] }
}

/** Whether any upkeep is marked: read with no lock, so the starts with nothing to do (all but the one after such a migration) take none. */
export function* upkeepMarked(): ClusterWork<boolean> {
  return (yield { sql: 'SELECT 1 AS marked FROM upkeep LIMIT 1', params: [] }).length > 0
}

/** Whether a piece of upkeep is marked and not yet done. */
export function* upkeepDue(task: string): ClusterWork<boolean> {
  return (yield { sql: 'SELECT task FROM upkeep WHERE task = ?', params: [task] }).length > 0
}

/** Records a piece of upkeep as done. */
export function* upkeepDone(task: string): ClusterWork<void> {
  yield { sql: 'DELETE FROM upkeep WHERE task = ?', params: [task] }
}

/**
 * The first half of REFILE_CLUSTERS, in one write transaction with no saves beside it: takes
 * every cluster apart and leaves FILE_PENDING in its place, so a second run (another process,
 * or the next start after a failure) does not take apart what was filed again since. False
 * when no re-filing was marked.
 */
export function* takeClustersApart(): ClusterWork<boolean> {
  const marked = yield { sql: 'DELETE FROM upkeep WHERE task = ? RETURNING task', params: [REFILE_CLUSTERS] }
  if (!marked.length) return false
  yield* dropClusters()
  yield* markUpkeep(FILE_PENDING)
  return true
}
