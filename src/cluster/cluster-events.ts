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

/** The thresholds set on the tune half of the evaluation set (test/cluster-eval). */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { maxDays: 1, maxKm: 60 }

// CAMEO codes whose two actors play the same part (meet, negotiate, sign, fight): either order is one dyad.
const SYMMETRIC = ['04', '036', '057', '062', '063', '064', '190', '193']

const COUNTRY_FEATURES = new Set(['PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCLIX', 'PCL', 'TERR'])

/** The CAMEO family of a code: its two-digit root. */
export function cameoFamily(code: string): string {
  return code.slice(0, 2)
}

// CAMEO's expressed intents (03x) announce the acts of the cooperative families, sub-code for
// sub-code: an intent to cooperate materially (031x) the act of 06x, to give aid (033x) 07x, to
// yield (035x) 08x, to meet or negotiate (036) 04, to mediate (039) 045; a report that a party
// "pledged" an act and one that it did it on the same day are read as one event. The ones
// without an act of their own (030, 037 settle, 038 accept mediation) stay in 03.
const INTENT_ACTS: readonly (readonly [string, string])[] = [
  ['0351', '081'],
  ['0352', '082'],
  ['0353', '084'],
  ['0354', '085'],
  ['0355', '086'],
  ['0356', '087'],
  ['031', '06'],
  ['032', '05'],
  ['033', '07'],
  ['034', '083'],
  ['035', '08'],
  ['036', '04'],
  ['039', '045'],
]

/**
 * The code a mention is compared under: a demand (10x) as the appeal (02x) for the same content
 * (CAMEO numbers the two families' sub-codes alike: 1056 demands and 0256 appeals for
 * de-escalation), an expressed intent as the act it announces (see INTENT_ACTS), any other
 * code as itself.
 */
export function matchCode(code: string): string {
  if (code.startsWith('10')) return `02${code.slice(2)}`
  for (const [intent, act] of INTENT_ACTS) if (code.startsWith(intent)) return act + code.slice(intent.length)
  return code
}

/** The CAMEO families whose codes can be compared under the same family as this code (see matchCode): what to read to cluster it. */
export function matchFamilies(code: string): string[] {
  const family = cameoFamily(matchCode(code))
  const families = new Set([cameoFamily(code), family])
  if (family === '02') families.add('10')
  if (INTENT_ACTS.some(([, act]) => cameoFamily(act) === family)) families.add('03')
  return [...families].sort()
}

/** Whether the two actors of an event with this code play the same part. */
export function isSymmetric(code: string): boolean {
  return SYMMETRIC.some((p) => code.startsWith(p))
}

// An actor as clusters compare it: its country or group (the first three letters of its code).
const party = (code: string | null): string => (code ? code.slice(0, 3) : '-')

/**
 * The key mentions of one event share: the family and the dyad (sorted when the code is
 * symmetric), both of the code the mention is compared under (see matchCode).
 */
export function dyadKey(m: Pick<Mention, 'sourceCode' | 'targetCode' | 'cameo'>): string {
  const code = matchCode(m.cameo)
  const a = party(m.sourceCode)
  const b = party(m.targetCode)
  const dyad = isSymmetric(code) && b < a ? `${b}|${a}` : `${a}|${b}`
  return `${cameoFamily(code)}|${dyad}`
}

/** What a cluster keeps of its first mention to compare the next ones with. */
export type Seed = Pick<Mention, 'id' | 'date' | 'lat' | 'lon' | 'placeCountry' | 'placeFeature'>

/** Assigns mentions to events one at a time, keeping only each event's first mention. */
export interface Clusterer {
  /** The id of the event the mention reports: a known event's, or the mention's own id for a new one. */
  add(mention: Mention): number
  /** How many events so far. */
  readonly count: number
  /** Forgets events no later mention can join (their ids), so a long date-ordered stream keeps a window only. */
  forget(ids: ReadonlySet<number>): void
}

/**
 * A clusterer: mentions of one event share the family and dyad (see dyadKey) and lie within
 * `maxDays` and `maxKm` of the event's first mention. Greedy in the order given (date order
 * works best); each mention joins the closest matching event or starts one.
 */
export function createClusterer(options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): Clusterer {
  const byKey = new Map<string, Seed[]>()
  let count = 0
  return {
    add(m: Mention): number {
      const key = dyadKey(m)
      const seeds = byKey.get(key) ?? []
      let best: Seed | null = null
      let bestScore = Number.POSITIVE_INFINITY
      for (const seed of seeds) {
        const score = distance(seed, m, options)
        if (score !== null && score < bestScore) {
          best = seed
          bestScore = score
        }
      }
      if (best) return best.id
      seeds.push({ id: m.id, date: m.date, lat: m.lat, lon: m.lon, placeCountry: m.placeCountry ?? null, placeFeature: m.placeFeature ?? null })
      byKey.set(key, seeds)
      count++
      return m.id
    },
    get count() {
      return count
    },
    forget(ids: ReadonlySet<number>) {
      for (const [key, seeds] of byKey) {
        const kept = seeds.filter((seed) => !ids.has(seed.id))
        if (!kept.length) byKey.delete(key)
        else if (kept.length !== seeds.length) byKey.set(key, kept)
      }
    },
  }
}

/** Groups mentions into events with a clusterer (see createClusterer) and sums each event up. */
export function clusterMentions(mentions: Iterable<Mention>, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): EventCluster[] {
  const clusterer = createClusterer(options)
  const groups = new Map<number, Mention[]>()
  for (const m of mentions) {
    const id = clusterer.add(m)
    const group = groups.get(id)
    if (group) group.push(m)
    else groups.set(id, [m])
  }
  return [...groups.values()].map(summarise)
}

/** The number of events the stored events of a filter report, streamed (only each event's first mention is kept). */
export async function countClusters(mentions: AsyncIterable<Mention>, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): Promise<number> {
  const clusterer = createClusterer(options)
  for await (const m of mentions) clusterer.add(m)
  return clusterer.count
}

/** How far a mention lies from an event's first mention (days plus a fraction for distance), null when it cannot report that event. */
export function distance(a: Seed, b: Seed, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): number | null {
  const days = dayGap(a.date, b.date)
  if (days === null || days > options.maxDays) return null
  const km = placeGap(a, b)
  if (km !== null && km > options.maxKm) return null
  return days + (km ?? 0) / (options.maxKm + 1)
}

/** Whether a mention dated `later` (or any later date in sort order) can still join an event first dated `seedDate`. */
export function canStillJoin(seedDate: string | null, later: string | null, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): boolean {
  if (seedDate === later) return true
  const days = dayGap(seedDate, later)
  return days !== null && days <= options.maxDays
}

// Days between two dates; partial dates ("2025-07") match only the same partial date; no date matches no date.
function dayGap(a: string | null, b: string | null): number | null {
  if (!a || !b) return a === b ? 0 : null
  if (a.length !== 10 || b.length !== 10) return a === b ? 0 : null
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000
}

// Kilometres between two places; 0 when one is the country the other is in; null when either has no place.
function placeGap(a: Seed, b: Seed): number | null {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null
  const countryLevel = (m: Seed): boolean => COUNTRY_FEATURES.has(m.placeFeature ?? '')
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
