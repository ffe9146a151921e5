import type { StoredEvent } from '../store/store.js'

/** What the clusterer reads of a stored event (a mention of a real-world event). */
export type Mention = Pick<StoredEvent, 'id' | 'articleId' | 'sourceCode' | 'targetCode' | 'cameo' | 'date' | 'lat' | 'lon' | 'confidence'> &
  Partial<Pick<StoredEvent, 'articleOutlet' | 'articleTone' | 'articleAdded' | 'isRoot' | 'placeCountry' | 'placeFeature'>>

/** One real-world event: the mentions that report it, with GDELT's counts. */
export interface EventCluster {
  /** The id of its first mention, which also gives the cluster's codes. */
  readonly id: number
  readonly mentionIds: readonly number[]
  readonly numMentions: number
  /** Distinct outlets (an article without an outlet counts as its own). */
  readonly numSources: number
  readonly numArticles: number
  readonly firstSeen: string | null
  readonly lastSeen: string | null
  /** Reported in the lead of at least one article (GDELT's IsRootEvent). */
  readonly isRoot: boolean
  /** The mean tone of its articles, each counted once. */
  readonly avgTone: number | null
  readonly avgConfidence: number
}

/** How close two mentions must be to report the same event. */
export interface ClusterOptions {
  /** The most days between two mention dates. */
  readonly maxDays: number
  /** The most kilometres between two located mentions (a country-level place matches any place in it). */
  readonly maxKm: number
}

/** The thresholds set on the tune half of the evaluation set (test/fixtures/cluster-eval). */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { maxDays: 1, maxKm: 60 }

// CAMEO codes whose two actors play the same part (meet, negotiate, sign, fight): either order is one dyad.
const SYMMETRIC = ['04', '036', '057', '062', '063', '064', '190', '193']

const COUNTRY_FEATURES = new Set(['PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCLIX', 'PCL', 'TERR'])

/** The CAMEO family of a code: its two-digit root. */
export function cameoFamily(code: string): string {
  return code.slice(0, 2)
}

/** Whether the two actors of an event with this code play the same part. */
export function isSymmetric(code: string): boolean {
  return SYMMETRIC.some((p) => code.startsWith(p))
}

// An actor as clusters compare it: its country or group (the first three letters of its code).
const party = (code: string | null): string => (code ? code.slice(0, 3) : '-')

/** The key mentions of one event share: the family and the dyad (sorted when the code is symmetric). */
export function dyadKey(m: Pick<Mention, 'sourceCode' | 'targetCode' | 'cameo'>): string {
  const a = party(m.sourceCode)
  const b = party(m.targetCode)
  const dyad = isSymmetric(m.cameo) && b < a ? `${b}|${a}` : `${a}|${b}`
  return `${cameoFamily(m.cameo)}|${dyad}`
}

interface Open {
  seed: Mention
  members: Mention[]
}

/**
 * Groups mentions into events: the same family and dyad (see dyadKey), dates within
 * `maxDays` and places within `maxKm` of the cluster's first mention. Greedy in the order
 * given (date order works best); each mention joins the closest matching cluster or starts one.
 */
export function clusterMentions(mentions: Iterable<Mention>, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): EventCluster[] {
  const byKey = new Map<string, Open[]>()
  const all: Open[] = []
  for (const m of mentions) {
    const key = dyadKey(m)
    const candidates = byKey.get(key) ?? []
    let best: Open | null = null
    let bestScore = Number.POSITIVE_INFINITY
    for (const c of candidates) {
      const score = distance(c.seed, m, options)
      if (score !== null && score < bestScore) {
        best = c
        bestScore = score
      }
    }
    if (best) best.members.push(m)
    else {
      const open = { seed: m, members: [m] }
      candidates.push(open)
      byKey.set(key, candidates)
      all.push(open)
    }
  }
  return all.map((c) => summarise(c.members))
}

// How far apart two mentions are (days plus a fraction for distance), null when they cannot be one event.
function distance(a: Mention, b: Mention, options: ClusterOptions): number | null {
  const days = dayGap(a.date, b.date)
  if (days === null || days > options.maxDays) return null
  const km = placeGap(a, b)
  if (km !== null && km > options.maxKm) return null
  return days + (km ?? 0) / (options.maxKm + 1)
}

// Days between two dates; partial dates ("2025-07") match only the same partial date; no date matches no date.
function dayGap(a: string | null, b: string | null): number | null {
  if (!a || !b) return a === b ? 0 : null
  if (a.length !== 10 || b.length !== 10) return a === b ? 0 : null
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000
}

// Kilometres between two places; 0 when one is the country the other is in; null when either has no place.
function placeGap(a: Mention, b: Mention): number | null {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null
  const countryLevel = (m: Mention): boolean => COUNTRY_FEATURES.has(m.placeFeature ?? '')
  if ((countryLevel(a) || countryLevel(b)) && a.placeCountry && a.placeCountry === b.placeCountry) return 0
  return haversineKm(a.lat, a.lon, b.lat, b.lon)
}

/** The great-circle distance between two points in kilometres. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)))
}

function summarise(members: readonly Mention[]): EventCluster {
  const articles = new Map<string, Mention>()
  const sources = new Set<string>()
  let confidence = 0
  let first: string | null = null
  let last: string | null = null
  for (const m of members) {
    if (!articles.has(m.articleId)) articles.set(m.articleId, m)
    sources.add(m.articleOutlet ?? `article:${m.articleId}`)
    confidence += m.confidence
    const seen = m.articleAdded ?? null
    if (seen && (!first || seen < first)) first = seen
    if (seen && (!last || seen > last)) last = seen
  }
  const tones = [...articles.values()].map((m) => m.articleTone).filter((t): t is number => typeof t === 'number')
  return {
    id: (members[0] as Mention).id,
    mentionIds: members.map((m) => m.id),
    numMentions: members.length,
    numSources: sources.size,
    numArticles: articles.size,
    firstSeen: first,
    lastSeen: last,
    isRoot: members.some((m) => m.isRoot === true),
    avgTone: tones.length ? tones.reduce((s, t) => s + t, 0) / tones.length : null,
    avgConfidence: confidence / members.length,
  }
}
