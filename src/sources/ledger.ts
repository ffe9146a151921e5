import type { Output } from '../output.js'

/** A source's saved state: a feed's validators, how far into a WARC file a run got. */
export interface SourceStateRecord {
  readonly etag: string | null
  readonly lastModified: string | null
  readonly offset: number | null
}

/** A stored near-duplicate sketch. */
export interface LedgerSketch {
  readonly articleId: string
  readonly sketch: Uint8Array
  readonly shingles: number
}

/**
 * What the sources need from a store, by shape (the Store of src/store has these methods;
 * sources do not import the store layer): saving analyses, source state, canonical URLs,
 * sketches and copy-of links.
 */
export interface SourceLedger {
  save(analysis: Output, pipelineVersion: string): Promise<{ readonly articleId: string; readonly inserted: boolean }>
  getSourceState(key: string): Promise<SourceStateRecord | null>
  putSourceState(key: string, state: SourceStateRecord): Promise<void>
  findUrl(url: string): Promise<string | null>
  sketchesSharingBands(bands: readonly number[], limit: number): Promise<LedgerSketch[]>
  copyOf(articleId: string): Promise<{ readonly copyOf: string; readonly similarity: number } | null>
  /** Writes a stored article's URLs, sketch, copy-of link and the source's checkpoint in one transaction. */
  recordSourceDocument(record: {
    readonly articleId: string
    readonly urls: readonly string[]
    readonly sketch: LedgerSketch | null
    readonly bands: readonly number[]
    readonly copyOf: { readonly copyOf: string; readonly similarity: number } | null
    readonly checkpoint: { readonly key: string; readonly state: SourceStateRecord } | null
  }): Promise<void>
  /** Saves an analysis and, in the same transaction, its URLs, its sketch and copy-of link (when new) and the checkpoint. */
  saveFromSource(
    analysis: Output,
    pipelineVersion: string,
    record: {
      readonly urls: readonly string[]
      readonly sketch: { readonly sketch: Uint8Array; readonly shingles: number } | null
      readonly bands: readonly number[]
      readonly copyOf: { readonly copyOf: string; readonly similarity: number } | null
      readonly checkpoint: { readonly key: string; readonly state: SourceStateRecord } | null
    },
  ): Promise<{ readonly articleId: string; readonly inserted: boolean }>
}
