import { type Analyzer, isError } from '../analyze.js'
import type { Input } from '../core/doc.js'
import type { Output } from '../output.js'
import { canonicalUrl, declaredCanonical } from './canonical-url.js'
import type { SourceLedger, SourceStateRecord } from './ledger.js'
import type { MemoryCeiling } from './memory-ceiling.js'
import { bandKeys, isNearDuplicate, MIN_SHINGLES, similarity, sketchBytes, sketchFromBytes, sketchText } from './near-duplicates.js'
import type { Progress, SourceStats } from './progress.js'

/** One line of `--log json`: what happened to one document. */
export interface DocumentLog {
  readonly source: string
  readonly url: string | null
  readonly status: 'new' | 'duplicate' | 'copy' | 'failed'
  readonly id?: string
  readonly copyOf?: string
  readonly events?: number
  readonly offset?: number
  readonly error?: string
}

/** Everything a source run shares: the analyzer, the ledger (store), counts, and where messages go. */
export interface SourceContext {
  readonly analyzer: Analyzer
  readonly ledger: SourceLedger
  readonly pipelineVersion: string
  readonly stats: SourceStats
  /** The date used for an article that states none and whose source gives none. */
  readonly published?: string
  readonly report?: (out: Output) => Promise<void>
  readonly log?: (entry: DocumentLog) => void
  readonly progress?: Progress | null
  /** Writes a one-line problem report (the CLI prefixes `sitrep: `). */
  readonly warn: (line: string) => void
  /** Set when the run should stop after the current document (Ctrl-C). */
  readonly signal?: AbortSignal
  /** Checked after each document: a collection when the process has reached its memory ceiling. */
  readonly memory?: MemoryCeiling
}

/** Counts and reports a document that could not be read or analysed. */
export function failDocument(ctx: SourceContext, source: string, url: string | null, error: string, offset?: number): void {
  ctx.stats.seen++
  ctx.stats.failed++
  ctx.progress?.clear()
  ctx.warn(`${url ?? source}: ${error}`)
  ctx.log?.({ source, url, status: 'failed', error, ...(offset !== undefined && { offset }) })
}

/** Counts a document skipped because its canonical URL is already stored (nothing fetched or analysed). */
export function knownDocument(ctx: SourceContext, source: string, url: string, id: string): void {
  ctx.stats.seen++
  ctx.stats.duplicates++
  ctx.log?.({ source, url, status: 'duplicate', id })
}

/** A source's state to save with a document, so the two are written together (a WARC file's offset after the record). */
export interface Checkpoint {
  readonly key: string
  readonly state: SourceStateRecord
}

/**
 * Analyses one document from a source and stores it once: by canonical URL (the page's
 * `<link rel=canonical>` too), by content hash, and, when it is a near-duplicate of a stored
 * article, linked to that article as a copy. The checkpoint, when given, is saved whatever
 * becomes of the document. The memory ceiling, when the context has one, is checked after it.
 */
export async function storeDocument(ctx: SourceContext, source: string, input: Input, offset?: number, checkpoint?: Checkpoint): Promise<void> {
  try {
    await storeOne(ctx, source, input, offset, checkpoint)
  } finally {
    ctx.memory?.check()
  }
}

async function storeOne(ctx: SourceContext, source: string, input: Input, offset?: number, checkpoint?: Checkpoint): Promise<void> {
  const urls = new Set<string>()
  const own = input.url ? canonicalUrl(input.url) : null
  if (own) urls.add(own)
  const declared = input.html && input.url ? declaredCanonical(input.html, input.url) : null
  if (declared && !urls.has(declared)) {
    urls.add(declared)
    const known = await ctx.ledger.findUrl(declared)
    if (known) {
      await ctx.ledger.recordSourceDocument({ articleId: known, urls: [...urls], sketch: null, bands: [], copyOf: null, checkpoint: checkpoint ?? null })
      return knownDocument(ctx, source, input.url ?? declared, known)
    }
  }
  const withDate = ctx.published && !input.published ? { ...input, published: ctx.published } : input
  const out = ctx.analyzer.analyze(withDate)
  if (isError(out)) {
    if (checkpoint) await ctx.ledger.putSourceState(checkpoint.key, checkpoint.state)
    return failDocument(ctx, source, input.url ?? null, out.error, offset)
  }
  ctx.stats.seen++
  if (ctx.report) await ctx.report(out)
  const near = await nearDuplicate(ctx, out.article?.text ?? '')
  // the article, its URLs, sketch, copy-of link and the checkpoint are written in one transaction
  const saved = await ctx.ledger.saveFromSource(out, ctx.pipelineVersion, {
    urls: [...urls],
    sketch: near?.sketch ?? null,
    bands: near?.bands ?? [],
    copyOf: near?.copyOf ?? null,
    checkpoint: checkpoint ?? null,
  })
  const at = offset !== undefined ? { offset } : {}
  if (!saved.inserted) {
    ctx.stats.duplicates++
    ctx.log?.({ source, url: input.url ?? null, status: 'duplicate', id: saved.articleId, ...at })
    return
  }
  ctx.stats.inserted++
  ctx.stats.events += out.events?.length ?? 0
  const copyOf = near?.copyOf && near.copyOf.copyOf !== saved.articleId ? near.copyOf.copyOf : undefined
  if (copyOf) ctx.stats.copies++
  const events = out.events?.length ?? 0
  ctx.log?.({ source, url: input.url ?? null, status: copyOf ? 'copy' : 'new', id: saved.articleId, events, ...(copyOf && { copyOf }), ...at })
}

// a site's boilerplate can make many stored articles share a band with a new one; those sharing the most are compared
const MAX_CANDIDATES = 50

interface NearDuplicate {
  readonly sketch: { readonly sketch: Uint8Array; readonly shingles: number }
  readonly bands: readonly number[]
  readonly copyOf: { readonly copyOf: string; readonly similarity: number } | null
}

/** A text's sketch and, when a stored article is the same story, the copy-of link to that story's original. */
async function nearDuplicate(ctx: SourceContext, text: string): Promise<NearDuplicate | null> {
  const sketch = sketchText(text)
  if (sketch.shingles < MIN_SHINGLES) return null
  const bands = bandKeys(sketch)
  let best: { id: string; score: number } | null = null
  for (const c of await ctx.ledger.sketchesSharingBands(bands, MAX_CANDIDATES)) {
    const other = sketchFromBytes(c.sketch, c.shingles)
    if (!isNearDuplicate(sketch, other)) continue
    const s = similarity(sketch, other)
    const score = Math.max(s.resemblance, s.containment)
    if (!best || score > best.score) best = { id: c.articleId, score }
  }
  // a copy of a copy is linked to the original, so one story has one root
  const copyOf = best ? { copyOf: (await ctx.ledger.copyOf(best.id))?.copyOf ?? best.id, similarity: Math.round(best.score * 1000) / 1000 } : null
  return { sketch: { sketch: sketchBytes(sketch), shingles: sketch.shingles }, bands, copyOf }
}
