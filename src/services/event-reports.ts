import { type ClusterOptions, createClusterer, DEFAULT_CLUSTER_OPTIONS, matchFamilies } from '../cluster/cluster-events.js'
import type { Store, StoredEvent } from '../store/store.js'

/** The most candidate events read around an event not yet filed (of each CAMEO family it is compared with, within the date window). */
const MAX_CANDIDATES = 20_000

/** An event and the other reports of the same real-world event. */
export interface EventReports {
  readonly event: StoredEvent
  /** The stored cluster's id; for an event not yet filed, the id of the cluster's first report. */
  readonly clusterId: number
  /** The reports of the cluster other than the event, in date order. */
  readonly others: StoredEvent[]
}

const DAY_MS = 86_400_000

// the order queryEvents returns events in: date (undated first), article, place in the article
const inDateOrder = (a: StoredEvent, b: StoredEvent): number =>
  (a.date ?? '').localeCompare(b.date ?? '') || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0) || a.id - b.id

const shift = (day: string, days: number): string => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10)

/**
 * The other reports of the event `id`. An event the store has filed in a cluster (schema 5
 * on, as every save does) is answered from that cluster: its members, read by the cluster's
 * id, as the exports count them. An event not yet filed (stored by a bulk load, before
 * clusterPending runs) is clustered here: the events of the CAMEO families its code is
 * compared with (see matchFamilies) dated near it are clustered as `sitrep` clusters a store
 * (same family and dyad of the compared codes, within `maxDays` and `maxKm` of the cluster's
 * first report), and the members of the event's cluster are returned. The clusterer is
 * greedy in date order, so it is run from four windows before the event on, which gives the
 * cluster a run over the whole store gives unless a chain of reports reaches further back.
 * Null when no such event is stored; an undated event has no other reports.
 */
export async function otherReports(store: Store, id: number, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): Promise<EventReports | null> {
  const event = await store.getEvent(id)
  if (!event) return null
  if (!event.date) return { event, clusterId: event.id, others: [] }
  // the store files each event in its cluster as it is saved: that cluster is the answer, as in the exports
  if (event.clusterId !== undefined && event.clusterId !== null) {
    const filed = event.clusterId
    return { event, clusterId: filed, others: (await store.clusterMembers(filed)).filter((m) => m.id !== event.id) }
  }
  const day = event.date.length === 10 ? event.date : null
  const window = Math.max(1, Math.ceil(options.maxDays))
  // a partial date ("2025-07") matches only the same partial date: its whole month or year is read
  const since = day ? shift(day, -4 * window) : `${event.date}-01-01`.slice(0, 10)
  const until = day ? shift(day, 2 * window) : event.date.length === 7 ? `${event.date}-31` : `${event.date}-12-31`
  // the families the clusterer compares the event's code with (a demand with appeals, an intent with the act; every family for a statement), in date order as one query returns them
  const roots = matchFamilies(event.cameo)
  const candidates: StoredEvent[] = []
  for (const root of roots) for (const m of await store.queryEvents({ root, since, until, limit: MAX_CANDIDATES })) candidates.push(m)
  if (roots.length > 1) candidates.sort(inDateOrder)
  const clusterer = createClusterer(options)
  const members = new Map<number, number>()
  for (const m of candidates) members.set(m.id, clusterer.add(m))
  const clusterId = members.get(event.id) ?? event.id
  const others = candidates.filter((m) => m.id !== event.id && members.get(m.id) === clusterId)
  return { event, clusterId, others }
}
