import type { Output } from '../output.js'
import type { EventFilter } from './event-filter.js'
import type { TokenStore } from './tokens.js'

export type { EventFilter } from './event-filter.js'

/** An event as stored: the event with its article and the evidence sentence text. */
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

/**
 * Where analyses are kept. Every implementation (SQLite now, PostgreSQL later) has this
 * shape and passes the same contract tests (store-contract.ts).
 */
export interface Store extends TokenStore {
  /**
   * Brings the schema up to date in one exclusive transaction, so two processes starting on
   * a new database both succeed; safe to call on every start. Refuses a database written by
   * a newer sitrep (a StoreError naming both schema versions).
   */
  migrate(): Promise<void>
  /** Saves an analysed article once, identified by the hash of its text. */
  save(analysis: Output, pipelineVersion: string): Promise<SaveResult>
  getArticle(id: string): Promise<StoredArticle | null>
  /** Events the filter matches in date, article and position order; with `after` (an event id) only those after it. */
  queryEvents(filter: EventFilter, after?: number): Promise<StoredEvent[]>
  /** One event by its id, or null. */
  getEvent(id: number): Promise<StoredEvent | null>
  /** Events stored after the event `afterId` (by id, the order they were written), at most `limit`: what a stream of new events polls. */
  eventsSince(afterId: number, limit: number): Promise<StoredEvent[]>
  /** The id of the last event written, 0 when there is none. */
  latestEventId(): Promise<number>
  counts(): Promise<{ articles: number; events: number }>
  close(): Promise<void>
}

/** How a store is opened. */
export interface StoreOptions {
  /** Open for queries only: the database must exist and is never written (nor created). */
  readonly readOnly?: boolean
}

/** A problem with the database itself (missing, of a newer schema, not a sitrep database), said in words. */
export class StoreError extends Error {
  override readonly name = 'StoreError'
}
