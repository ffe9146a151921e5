import type { Output } from '../output.js'

/** Which events a query wants; every field narrows the result. */
export interface EventFilter {
  /** Actor code prefix matched against source or target ("SYR", "RUSGOV"). */
  readonly actor?: string
  /** CAMEO code prefix ("19", "190"). */
  readonly code?: string
  /** First event date included (YYYY-MM-DD; partial event dates compare by prefix). */
  readonly since?: string
  /** Last event date included. */
  readonly until?: string
  readonly limit?: number
}

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
export interface Store {
  /** Brings the schema up to date; safe to call on every start. */
  migrate(): Promise<void>
  /** Saves an analysed article once, identified by the hash of its text. */
  save(analysis: Output, pipelineVersion: string): Promise<SaveResult>
  getArticle(id: string): Promise<StoredArticle | null>
  queryEvents(filter: EventFilter): Promise<StoredEvent[]>
  counts(): Promise<{ articles: number; events: number }>
  close(): Promise<void>
}
