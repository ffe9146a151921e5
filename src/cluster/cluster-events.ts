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

/**
 * The CAMEO families whose codes can share a cluster with this code (see matchCode and
 * relation): what to read to find the other reports of an event. A targetless statement (01)
 * may join an event of any family, so every family reads 01, and 01 reads them all.
 */
export function matchFamilies(code: string): string[] {
  if (cameoFamily(code) === STATEMENT) return Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'))
  const family = cameoFamily(matchCode(code))
  const families = new Set([cameoFamily(code), family, STATEMENT])
  if (family === '02') families.add('10')
  if (INTENT_ACTS.some(([, act]) => cameoFamily(act) === family)) families.add('03')
  if (family === '14' || family === '11') families.add('14').add('11')
  return [...families].sort()
}

/** Whether the two actors of an event with this code play the same part. */
export function isSymmetric(code: string): boolean {
  return SYMMETRIC.some((p) => code.startsWith(p))
}

// The family of public statements (CAMEO 01: make statement, comment, deny, ...).
const STATEMENT = '01'
// No actor on that side.
const NONE = '-'

// An actor's country or group: the first three letters of its code.
const country = (code: string): string => code.slice(0, 3)

/**
 * The two parties of a dyad as clusters compare them. Across countries (or groups) an actor
 * is its country: reports name the same party "Russia", "Moscow" or "the Russian government"
 * (RUS, RUSGOV). Within one country the country tells the parties apart no more, and the
 * role does (SDNMIL against SDN or SDNGOV: the army against the country or its government).
 */
function parties(source: string | null, target: string | null): [string, string] {
  if (source && target && country(source) === country(target)) return [source.slice(0, 6), target.slice(0, 6)]
  return [source ? country(source) : NONE, target ? country(target) : NONE]
}

/**
 * The key mentions of one event share: the family and the dyad (sorted when the code is
 * symmetric), both of the code the mention is compared under (see matchCode and parties).
 * A protest (14x) whose source is a state (a country alone or its government) is compared as
 * an official complaint (114): CAMEO keeps 14 for demonstrations and other collective
 * actions, and reports call a government's formal protest either.
 */
export function dyadKey(m: Pick<Mention, 'sourceCode' | 'targetCode' | 'cameo'>): string {
  const code = cameoFamily(m.cameo) === '14' && isState(m.sourceCode) ? '114' : matchCode(m.cameo)
  const [a, b] = parties(m.sourceCode, m.targetCode)
  const dyad = isSymmetric(code) && b < a ? `${b}|${a}` : `${a}|${b}`
  return `${cameoFamily(code)}|${dyad}`
}

// A country alone or its government (RUS, RUSGOV), not a group or a part of its people.
function isState(code: string | null): boolean {
  return !!code && /^[A-Z]{3}(GOV)?$/.test(code) && !/^(IGO|NGO|IMG|MNC|CVL|GOV|MIL|REB|OPP|BUS|MED|COP|JUD|LEG|SPY|ELI|UAF)/.test(code)
}

/** A key's parts: the family and the two parties. */
function keyParts(key: string): [string, string, string] {
  const [family = '', a = NONE, b = NONE] = key.split('|')
  return [family, a, b]
}

/** Whether a key is a statement with no target ("X said ..."): it tells who spoke, not what happened. */
export function isStatementKey(key: string): boolean {
  const [family, a, b] = keyParts(key)
  return family === STATEMENT && b === NONE && a !== NONE
}

/** Whether a key names one actor only (the coder found no source or no target), a statement aside. */
function isOneActorKey(key: string): boolean {
  const [, a, b] = keyParts(key)
  return (a === NONE) !== (b === NONE) && !isStatementKey(key)
}

const hasParty = (key: string, party: string): boolean => {
  const [, a, b] = keyParts(key)
  return (a !== NONE && country(a) === country(party)) || (b !== NONE && country(b) === country(party))
}

/**
 * How a mention filed under `key` may join a cluster filed under `clusterKey`:
 *   - `same`: the same key;
 *   - `partial`: the same family, the mention naming one actor only and that actor a party of
 *     the cluster (either side: a coder that missed one actor may have missed the roles too);
 *     not the other way round: a two-actor mention is not compared with clusters of another
 *     key (it would read five keys' clusters where it reads one), so a cluster started by a
 *     one-actor report keeps its key and later one-actor reports of its family join either;
 *   - `statement`: the mention a statement with no target and the cluster an event (not a
 *     statement) its speaker is a party of: "X said" reports an event, it is not one;
 * else null. What each allows is in joinScore.
 */
export function relation(key: string, clusterKey: string): 'same' | 'partial' | 'statement' | null {
  if (key === clusterKey) return 'same'
  const [family, a, b] = keyParts(key)
  if (isStatementKey(key)) return !isStatementKey(clusterKey) && hasParty(clusterKey, a) ? 'statement' : null
  const [clusterFamily] = keyParts(clusterKey)
  if (family !== clusterFamily) return null
  return isOneActorKey(key) && hasParty(clusterKey, a === NONE ? b : a) ? 'partial' : null
}

/**
 * For a mention that may join clusters of other dyads (a targetless statement, a one-actor
 * mention): the party they must have and the family they must be of (null: any); else null.
 */
export function reachByParty(key: string): { party: string; family: string | null } | null {
  const [family, a, b] = keyParts(key)
  if (isStatementKey(key)) return { party: country(a), family: null }
  if (isOneActorKey(key)) return { party: country(a === NONE ? b : a), family }
  return null
}

/**
 * What a store locks to file mentions of these keys (see src/store/clusters.ts), sorted: the
 * parties' countries (and a key with no party as itself), as a mention may join a cluster of
 * another key that shares a party (see relation); two saves that could file into one cluster
 * hold a name in common.
 */
export function keyLocks(keys: readonly string[]): string[] {
  const names = new Set<string>()
  for (const key of keys) {
    const [, a, b] = keyParts(key)
    if (a === NONE && b === NONE) names.add(key)
    for (const p of [a, b]) if (p !== NONE) names.add(`party:${country(p)}`)
  }
  return [...names].sort()
}

// A cluster reached by a partial or a statement relation ranks after every one of the same key within the limits.
const RELATED_PENALTY = 1e3
// A statement's own article pulls it toward the clusters holding its other mentions: less than a day, so the day gap still leads.
const SAME_ARTICLE_PULL = 0.5

/**
 * The score of a mention (filed under `key`) against a cluster (filed under `clusterKey`,
 * compared through its first mention): lower is closer, null when it cannot join it. Same
 * key and partial: within `maxDays` and `maxKm` (see distance), a partial one ranked after
 * any of the same key. A statement: within `maxDays` of the event whatever its place (the
 * place of "X said" is often where it was said), ranked before a cluster of statements alone
 * and, within a day of the gap, after one that holds a mention of the statement's own
 * article (`sameArticle`: "X said" beside an event reports that event, not another of X's
 * that day).
 */
export function joinScore(
  key: string,
  m: Seed,
  clusterKey: string,
  seed: Seed,
  options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
  sameArticle = false,
): number | null {
  const how = relation(key, clusterKey)
  if (how === null) return null
  if (how === 'statement') {
    const days = dayGap(seed.date, m.date)
    return days !== null && days <= options.maxDays ? days - (sameArticle ? SAME_ARTICLE_PULL : 0) : null
  }
  const score = distance(seed, m, options)
  if (score === null) return null
  return how === 'partial' || isStatementKey(key) ? score + RELATED_PENALTY : score
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

// the articles whose mentions it holds: a statement prefers a cluster of its own article (see joinScore)
type KeyedSeed = Seed & { readonly key: string; readonly articles: Set<string> }

/**
 * A clusterer: a mention joins the event whose first mention scores lowest against it (see
 * joinScore: the same family and dyad, or a related one, within `maxDays` and `maxKm`), else
 * starts one. Greedy in the order given (date order works best).
 */
export function createClusterer(options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): Clusterer {
  const byKey = new Map<string, KeyedSeed[]>()
  const byParty = new Map<string, KeyedSeed[]>()
  let count = 0
  const file = (map: Map<string, KeyedSeed[]>, name: string, seed: KeyedSeed): void => {
    const list = map.get(name)
    if (list) list.push(seed)
    else map.set(name, [seed])
  }
  return {
    add(m: Mention): number {
      const key = dyadKey(m)
      const seeds: KeyedSeed[] = []
      for (const s of byKey.get(key) ?? []) seeds.push(s)
      const reach = reachByParty(key)
      if (reach) for (const s of byParty.get(reach.party) ?? []) if (s.key !== key) seeds.push(s)
      let best: KeyedSeed | null = null
      let bestScore = Number.POSITIVE_INFINITY
      for (const seed of seeds) {
        const score = joinScore(key, m, seed.key, seed, options, seed.articles.has(m.articleId))
        if (score !== null && (score < bestScore || (score === bestScore && best !== null && seed.id < best.id))) {
          best = seed
          bestScore = score
        }
      }
      if (best) {
        best.articles.add(m.articleId)
        return best.id
      }
      const seed: KeyedSeed = {
        id: m.id,
        key,
        articles: new Set([m.articleId]),
        date: m.date,
        lat: m.lat,
        lon: m.lon,
        placeCountry: m.placeCountry ?? null,
        placeFeature: m.placeFeature ?? null,
      }
      file(byKey, key, seed)
      const [, a, b] = keyParts(key)
      for (const p of new Set([a, b])) if (p !== NONE) file(byParty, country(p), seed)
      count++
      return m.id
    },
    get count() {
      return count
    },
    forget(ids: ReadonlySet<number>) {
      for (const map of [byKey, byParty])
        for (const [name, seeds] of map) {
          const kept = seeds.filter((seed) => !ids.has(seed.id))
          if (!kept.length) map.delete(name)
          else if (kept.length !== seeds.length) map.set(name, kept)
        }
    },
  }
}

/**
 * Groups mentions into events with a clusterer (see createClusterer) and sums each event up.
 * A targetless statement is filed after the other mentions of its article (it joins what the
 * article reports rather than the article's events joining it).
 */
export function clusterMentions(mentions: Iterable<Mention>, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): EventCluster[] {
  const clusterer = createClusterer(options)
  const groups = new Map<number, Mention[]>()
  for (const m of statementsLast([...mentions])) {
    const id = clusterer.add(m)
    const group = groups.get(id)
    if (group) group.push(m)
    else groups.set(id, [m])
  }
  return [...groups.values()].map(summarise)
}

/** The mentions in their order, each article's targetless statements moved after its other mentions (see clusterMentions). */
export function statementsLast<T extends Pick<Mention, 'articleId' | 'sourceCode' | 'targetCode' | 'cameo'>>(mentions: readonly T[]): T[] {
  const out: T[] = []
  const held: T[] = []
  let article: string | null = null
  for (const m of mentions) {
    if (m.articleId !== article) {
      for (const h of held) out.push(h)
      held.length = 0
      article = m.articleId
    }
    if (isStatementKey(dyadKey(m))) held.push(m)
    else out.push(m)
  }
  for (const h of held) out.push(h)
  return out
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
