import type { ClusterOptions } from '../cluster/cluster-events.js'
import type { Output } from '../output.js'
import type { EventAggregates } from './aggregates.js'
import type { EventFilter } from './event-filter.js'
import type { EventOrder } from './paging.js'
import type { TokenStore } from './tokens.js'
import type { WatchStore } from './watches.js'

export type { EventFilter } from './event-filter.js'
export type { EventOrder } from './paging.js'

/** An event as stored: the event with its article and the evidence sentence text (the optional fields are always set by a store). */
export interface StoredEvent {
  readonly id: number
  readonly articleId: string
  readonly articleTitle: string | null
  readonly sourceCode: string | null
  readonly sourceText: string | null
  readonly targetCode: string | null
  readonly targetText: string | null
  readonly cameo: string
  readonly cameoName: string
  readonly plover: string | null
  readonly goldstein: number | null
  readonly quad: number
  readonly negated: boolean
  readonly modality: string
  readonly date: string | null
  readonly placeName: string | null
  readonly lat: number | null
  readonly lon: number | null
  readonly evidence: string
  readonly triggerText: string
  readonly sentenceStart: number
  readonly sentenceEnd: number
  readonly rule: string
  readonly confidence: number
  readonly pipelineVersion: string
  /** The gazetteer id of the event's place ("geonames:170654"), when the place is known. */
  readonly placeId?: string | null
  /** The ISO alpha-3 country of the event's place. */
  readonly placeCountry?: string | null
  /** The GeoNames admin1 code of the event's place. */
  readonly placeAdmin1?: string | null
  /** The GeoNames feature code of the event's place (PCLI, PPLC, ADM1, ...). */
  readonly placeFeature?: string | null
  /** Reported in the article's lead (GDELT's IsRootEvent). */
  readonly isRoot?: boolean
  /** Where the source and target mentions start in the article text (null when the event has none). */
  readonly sourceStart?: number | null
  readonly targetStart?: number | null
  /** The 0-based number of the evidence sentence in the article. */
  readonly sentenceIndex?: number | null
  /** Where the trigger starts in the article text. */
  readonly triggerStart?: number
  /** The article's URL, tone, outlet (URL host), when it was stored (ISO time) and its length in characters. */
  readonly articleUrl?: string | null
  readonly articleTone?: number | null
  readonly articleOutlet?: string | null
  readonly articleAdded?: string | null
  readonly articleLength?: number | null
  /** The id of the stored cluster (the real-world event) this mention reports; null until it is clustered. */
  readonly clusterId?: number | null
}

/**
 * One real-world event as stored (a cluster of mentions, kept up to date as articles are
 * saved): the stored event of its first mention, whose codes, date and place it carries, and
 * GDELT's counts over all its mentions.
 */
export interface StoredCluster {
  readonly id: number
  /** Its first mention. */
  readonly event: StoredEvent
  readonly numMentions: number
  /** Distinct outlets; a wire copy counts under the outlet of the article it copies. */
  readonly numSources: number
  /** Distinct articles, wire copies included. */
  readonly numArticles: number
  /** When its first and last article were stored (ISO time). */
  readonly firstSeen: string | null
  readonly lastSeen: string | null
  /** Reported in the lead of at least one of its articles (GDELT's IsRootEvent). */
  readonly isRoot: boolean
  /** The mean tone of its articles, each counted once; null when none has a tone. */
  readonly avgTone: number | null
  readonly avgConfidence: number
}

/** An article as stored, with its full analysis. */
export interface StoredArticle {
  readonly id: string
  readonly title: string | null
  readonly url: string | null
  readonly published: string | null
  readonly text: string
  readonly analysis: Output
  readonly pipelineVersion: string
}

/** The result of saving an analysis: the article's content id and whether it was new. */
export interface SaveResult {
  readonly articleId: string
  readonly inserted: boolean
}

/** What a source remembers between runs: a feed's validators, how far into a WARC file a run got. */
export interface SourceState {
  readonly etag: string | null
  readonly lastModified: string | null
  readonly offset: number | null
}

/** A stored near-duplicate sketch: the MinHash values of an article's shingles and how many shingles it had. */
export interface StoredSketch {
  readonly articleId: string
  readonly sketch: Uint8Array
  readonly shingles: number
}

/** A copy-of link: the article is a near-duplicate of an earlier one (the same wire story elsewhere). */
export interface CopyLink {
  readonly copyOf: string
  readonly similarity: number
}

/** Everything a source records about a newly stored article, written at once: its URLs, sketch, copy-of link and the source's new state. */
export interface SourceDocumentRecord {
  readonly articleId: string
  readonly urls: readonly string[]
  readonly sketch: StoredSketch | null
  readonly bands: readonly number[]
  readonly copyOf: CopyLink | null
  readonly checkpoint: { readonly key: string; readonly state: SourceState } | null
}

/** What a source records with an analysis it saves: the article's URLs, its near-duplicate sketch and copy-of link, the source's checkpoint. */
export interface SourceSaveRecord {
  readonly urls: readonly string[]
  readonly sketch: { readonly sketch: Uint8Array; readonly shingles: number } | null
  readonly bands: readonly number[]
  readonly copyOf: CopyLink | null
  readonly checkpoint: { readonly key: string; readonly state: SourceState } | null
}

/**
 * Where analyses are kept. Every implementation (SQLite now, PostgreSQL later) has this
 * shape and passes the same contract tests (store-contract.ts).
 */
export interface Store extends TokenStore, WatchStore, EventAggregates {
  /**
   * Brings the schema up to date in one exclusive transaction, so two processes starting on
   * a new database both succeed; safe to call on every start. Refuses a database written by
   * a newer sitrep (a StoreError naming both schema versions). Then does the upkeep a
   * migration marked (the stored events filed in clusters again when their rules changed) in
   * transactions of its own, after the schema has committed: a failure there rejects but
   * leaves the schema migrated and the upkeep marked, and the next call takes it up.
   */
  migrate(): Promise<void>
  /** Saves an analysed article once, identified by the hash of its text. */
  save(analysis: Output, pipelineVersion: string): Promise<SaveResult>
  getArticle(id: string): Promise<StoredArticle | null>
  /** Events the filter matches in date, article and position order; with `after` (an event id) only those after it. */
  queryEvents(filter: EventFilter, after?: number): Promise<StoredEvent[]>
  /** One event by its id, or null. */
  getEvent(id: number): Promise<StoredEvent | null>
  /** The events filed in a stored cluster (its mentions) in date, article and position order, as queryEvents; none for no such cluster. */
  clusterMembers(clusterId: number): Promise<StoredEvent[]>
  /**
   * Events stored after the event `afterId` (by id, the order they were written) that the
   * filter matches (all by default; its limit is not used), at most `limit`: what a stream of
   * new events reads.
   */
  eventsSince(afterId: number, limit: number, filter?: EventFilter): Promise<StoredEvent[]>
  /**
   * Tells `onCommit` of every committed write that added events, with the smallest new event
   * id (a write that commits after a later one has a smaller id than events already seen), or
   * with null when notices may have been lost (the listening connection was lost and opened
   * again): read again then. Resolves once listening, to a function that stops it. Only a
   * store that can be told has it (PostgreSQL, by LISTEN/NOTIFY); the others are polled.
   */
  watchEvents?(onCommit: (firstId: number | null) => void): Promise<() => Promise<void>>
  /** The id of the last event written, 0 when there is none. */
  latestEventId(): Promise<number>
  /** How many articles, events (mentions) and clusters (real-world events) are stored. */
  counts(): Promise<{ articles: number; events: number; clusters: number }>
  /** A source's saved state by its key (`feed:URL`, `warc:PATH`), or null. */
  getSourceState(key: string): Promise<SourceState | null>
  /** Saves a source's state, replacing what was there. */
  putSourceState(key: string, state: SourceState): Promise<void>
  /** The article stored for a canonical URL, or null. */
  findUrl(url: string): Promise<string | null>
  /** The sketches of at most `limit` articles sharing band keys with the given ones, those sharing the most first. */
  sketchesSharingBands(bands: readonly number[], limit: number): Promise<StoredSketch[]>
  /** The copy-of link of an article, or null when it is an original. */
  copyOf(articleId: string): Promise<CopyLink | null>
  /** Records a stored article's URLs, sketch, copy-of link and source checkpoint in one transaction. */
  recordSourceDocument(record: SourceDocumentRecord): Promise<void>
  /**
   * Saves an analysis as `save` does and, in the same transaction, what its source records:
   * the URLs always, the sketch and copy-of link when the article is new, the checkpoint.
   */
  saveFromSource(analysis: Output, pipelineVersion: string, record: SourceSaveRecord): Promise<SaveResult>
  close(): Promise<void>
  /**
   * Saves many analysed articles, each in its own transaction (as `save`), as fast as the
   * database allows: PostgreSQL commits several at once over its connections. Results come
   * in input order; a failure rejects after the other saves have settled.
   */
  saveMany(analyses: readonly Output[], pipelineVersion: string): Promise<SaveResult[]>
  /**
   * Every event a filter matches, read page by page so memory stays flat: in the order they
   * were stored, or with `'date'` by date, article and position (the same order in every store).
   */
  streamEvents(filter: EventFilter, order?: EventOrder): AsyncIterable<StoredEvent>
  /**
   * Every stored cluster whose first mention the filter matches, page by page: in the order
   * its first mention was stored, or with `'date'` by that mention's date, article and position.
   */
  streamClusters(filter: EventFilter, order?: EventOrder): AsyncIterable<StoredCluster>
  /**
   * Files the stored events that have no cluster yet (written before schema version 5, or by
   * a bulk load past `save`) article by article in the order they were stored, as saving them
   * would have; returns how many articles it filed. `migrate()` runs it when it adds the clusters or changes their rules.
   */
  clusterPending(): Promise<number>
  /**
   * Files stored events in clusters afresh, as after a change of the clustering options: every
   * cluster, or with `since` (YYYY-MM-DD) every cluster holding a mention from an article
   * stored on or after it, is taken apart and its events filed again, article by article in
   * the order of their earliest event date, all in one transaction (readers see the old
   * clusters until it commits; saves wait for it). `onProgress` hears (articles filed, articles
   * to file) as it goes.
   */
  recluster(options?: ReclusterOptions): Promise<ReclusterResult>
  /** The ids of the articles whose analysis was made by another pipeline version, stored on or after `since` (YYYY-MM-DD). */
  staleArticles(pipelineVersion: string, since?: string): Promise<string[]>
  /** Replaces an article's analysis and all its events in one transaction; false when no such article is stored. */
  replaceAnalysis(articleId: string, analysis: Output, pipelineVersion: string): Promise<boolean>
}

/** What `recluster` rebuilds and whom it tells how far it is. */
export interface ReclusterOptions {
  readonly since?: string
  readonly onProgress?: (done: number, total: number) => void
}

/** What `recluster` did: clusters taken apart, articles whose events were filed again, clusters they now make. */
export interface ReclusterResult {
  readonly dropped: number
  readonly articles: number
  readonly clusters: number
}

/** How a store is opened. */
export interface StoreOptions {
  /** Open for queries only: the database must exist and is never written (nor created). */
  readonly readOnly?: boolean
  /** How close mentions must be to be filed under one cluster (default DEFAULT_CLUSTER_OPTIONS; the evaluation tries others). */
  readonly clusters?: ClusterOptions
  /**
   * SQLite's page cache in MiB (default 64: the dashboard's aggregates read every event and a
   * second view then reads no file pages). A one-pass reader such as an export gains nothing
   * from it and would hold it all, so it asks for a small one. PostgreSQL ignores it.
   */
  readonly pageCacheMib?: number
  /**
   * Every commit reaches the disk before a save returns (SQLite: `synchronous = FULL`; the
   * default NORMAL may roll back the last commits on a power cut or an OS crash). For a
   * writer that reports a save done to someone who then forgets it, as the queue worker acks
   * a job; an ingest resumes from its own ledger and keeps the default. PostgreSQL ignores it
   * (its commits are durable already).
   */
  readonly durable?: boolean
}

/** A problem with the database itself (missing, of a newer schema, not a sitrep database), said in words. */
export class StoreError extends Error {
  override readonly name = 'StoreError'
}
