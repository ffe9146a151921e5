import { type ClusterOptions, canStillJoin, createClusterer, DEFAULT_CLUSTER_OPTIONS } from '../cluster/cluster-events.js'
import type { StoredEvent } from '../store/store.js'
import type { EventCounts } from './gdelt.js'

/** One real-world event as an export writes it: its first mention and what its mentions sum to. */
export interface ClusteredEvent {
  readonly event: StoredEvent
  readonly counts: EventCounts
}

/** A mention with the id of the event it reports (the id of that event's first mention). */
export interface ClusteredMention {
  readonly mention: StoredEvent
  readonly eventId: number
}

interface Open {
  seed: StoredEvent
  mentions: number
  articles: Map<string, number | null>
  sources: Set<string>
  isRoot: boolean
}

/**
 * Clusters a stream of stored events in date order (`streamEvents(filter, 'date')`) and yields
 * each event once no later mention can join it: memory holds a window of about `maxDays`, not
 * the whole stream.
 */
export async function* clusteredEvents(events: AsyncIterable<StoredEvent>, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): AsyncGenerator<ClusteredEvent> {
  const clusterer = createClusterer(options)
  const open = new Map<number, Open>()
  let lastDate: string | null | undefined
  const closeBefore = function* (date: string | null | undefined, all: boolean): Generator<ClusteredEvent> {
    const done = new Set<number>()
    for (const [id, c] of open) if (all || !canStillJoin(c.seed.date, date ?? null, options)) done.add(id)
    if (!done.size) return
    clusterer.forget(done)
    for (const id of done) {
      const c = open.get(id) as Open
      open.delete(id)
      const tones = [...c.articles.values()].filter((t): t is number => typeof t === 'number')
      yield {
        event: c.seed,
        counts: {
          mentions: c.mentions,
          sources: c.sources.size,
          articles: c.articles.size,
          isRoot: c.isRoot,
          avgTone: tones.length ? Math.round((tones.reduce((s, t) => s + t, 0) / tones.length) * 1000) / 1000 : null,
        },
      }
    }
  }
  for await (const e of events) {
    if (e.date !== lastDate) {
      yield* closeBefore(e.date, false)
      lastDate = e.date
    }
    const id = clusterer.add(e)
    let c = open.get(id)
    if (!c) {
      c = { seed: e, mentions: 0, articles: new Map(), sources: new Set(), isRoot: false }
      open.set(id, c)
    }
    c.mentions++
    c.articles.set(e.articleId, e.articleTone ?? null)
    c.sources.add(e.articleOutlet ?? `article:${e.articleId}`)
    c.isRoot ||= e.isRoot === true
  }
  yield* closeBefore(null, true)
}

/** Each mention of a date-ordered stream with the id of the event it reports, as it comes. */
export async function* clusteredMentions(
  events: AsyncIterable<StoredEvent>,
  options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS,
): AsyncGenerator<ClusteredMention> {
  const clusterer = createClusterer(options)
  const seedDates = new Map<number, string | null>()
  let lastDate: string | null | undefined
  for await (const e of events) {
    if (e.date !== lastDate) {
      const done = new Set<number>()
      for (const [id, date] of seedDates) if (!canStillJoin(date, e.date, options)) done.add(id)
      if (done.size) {
        clusterer.forget(done)
        for (const id of done) seedDates.delete(id)
      }
      lastDate = e.date
    }
    const eventId = clusterer.add(e)
    if (eventId === e.id) seedDates.set(e.id, e.date)
    yield { mention: e, eventId }
  }
}
