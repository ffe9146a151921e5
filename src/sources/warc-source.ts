import { closeSync, createReadStream, openSync, readSync, realpathSync, statSync } from 'node:fs'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { Input } from '../core/doc.js'
import { decodeText } from './decode-text.js'
import { type Checkpoint, failDocument, type SourceContext, storeDocument } from './documents.js'
import { parseHttpResponse, readWarcRecords } from './warc.js'

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i

/** Whether a file starts like a WARC file, plain or gzipped (read from its first bytes, not its name). */
export function looksLikeWarc(path: string): boolean {
  const head = Buffer.alloc(8)
  const fd = openSync(path, 'r')
  try {
    const n = readSync(fd, head, 0, 8, 0)
    if (head.subarray(0, Math.min(n, 5)).toString('latin1') === 'WARC/') return true
    return head[0] === 0x1f && head[1] === 0x8b && /\.warc(\.gz)?$/i.test(path)
  } finally {
    closeSync(fd)
  }
}

/**
 * Ingests the HTML response records of a WARC or WARC.gz file, streamed record by record;
 * request, metadata and other records are skipped. The offset after each document is saved
 * with it (other records move it every 100 records and at the end), so a run stopped or
 * killed and started again goes on from the record after the last document stored.
 */
export async function ingestWarc(ctx: SourceContext, path: string): Promise<void> {
  const key = `warc:${realpathSync(path)}`
  const st = statSync(path)
  const size = st.size
  // a file read to its end is marked with its size and time, so polling it again costs nothing
  const complete = `complete:${st.size}:${Math.round(st.mtimeMs)}`
  const state = await ctx.ledger.getSourceState(key)
  if (state?.etag === complete) return
  const saved = state?.offset ?? 0
  const gz = isGzip(path)
  let raw = 0
  // plain WARC: seek to the saved offset; gzip has no index, so it is decompressed from the start and the done records skipped unread
  const file = createReadStream(path, gz ? {} : { start: saved })
  file.on('data', (c) => {
    raw += c.length
  })
  const stream: Readable = gz ? file.pipe(createGunzip()) : file
  file.on('error', (e) => stream.destroy(e))
  try {
    let unsaved: number | null = null
    let skipped = 0
    let lastEnd = saved
    for await (const record of readWarcRecords(stream, { startOffset: gz ? 0 : saved })) {
      if (record.offset < saved) continue
      if (ctx.signal?.aborted) break
      lastEnd = record.end
      const checkpoint = { key, state: { etag: null, lastModified: null, offset: record.end } }
      if (await ingestRecord(ctx, path, record.headers, record.block, record.offset, checkpoint)) unsaved = null
      else unsaved = record.end
      // records with no document (requests, metadata, images) move the offset every 100 records: a restart reads at most those again, and skips them again
      if (unsaved !== null && ++skipped % 100 === 0) {
        await ctx.ledger.putSourceState(key, checkpoint.state)
        unsaved = null
      }
      ctx.progress?.update(ctx.stats, size ? (gz ? raw : saved + raw) / size : null)
    }
    if (ctx.signal?.aborted) {
      if (unsaved !== null) await ctx.ledger.putSourceState(key, { etag: null, lastModified: null, offset: unsaved })
    } else await ctx.ledger.putSourceState(key, { etag: complete, lastModified: null, offset: unsaved ?? lastEnd })
  } finally {
    stream.destroy()
    file.destroy()
  }
}

/** Ingests one record; true when it carried a document, whose checkpoint was then saved with it. */
async function ingestRecord(
  ctx: SourceContext,
  path: string,
  headers: Readonly<Record<string, string>>,
  block: Buffer | null,
  offset: number,
  checkpoint: Checkpoint,
): Promise<boolean> {
  const doc = recordDocument(headers, block)
  if (!doc) return false
  if (doc.input === null) {
    await ctx.ledger.putSourceState(checkpoint.key, checkpoint.state)
    failDocument(ctx, path, doc.url, TOO_LARGE, offset)
    return true
  }
  await storeDocument(ctx, path, doc.input, offset, checkpoint)
  return true
}

const TOO_LARGE = 'record over the size cap, skipped'

/**
 * The document of a WARC record: null for a record that holds none (not a response, not a
 * 200, not HTML); `input` null for a response too large to have been kept.
 */
function recordDocument(headers: Readonly<Record<string, string>>, block: Buffer | null): { url: string | null; input: Input | null } | null {
  if ((headers['warc-type'] ?? '').toLowerCase() !== 'response') return null
  const url = headers['warc-target-uri']?.replace(/^<|>$/g, '') ?? null
  if (!block) return { url, input: null }
  const response = parseHttpResponse(block)
  if (response?.status !== 200) return null
  const type = response.headers['content-type'] ?? ''
  if (!HTML_TYPES.test(type)) return null
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(type)?.[1] ?? null
  const day = /^\d{4}-\d{2}-\d{2}/.exec(headers['warc-date'] ?? '')?.[0]
  // the crawl date stands in for the publication date only when the article gives none
  return { url, input: { html: decodeText(response.body, charset), ...(url && { url }), ...(day && { published: day }) } }
}

/**
 * The documents of a WARC or WARC.gz file, streamed record by record, without analysing or
 * storing them (for `ingest … --queue`); a record too large to keep comes with `error`.
 */
export async function* warcDocuments(path: string): AsyncGenerator<{ offset: number; url: string | null; input: Input | null; error?: string }> {
  const file = createReadStream(path)
  const stream: Readable = isGzip(path) ? file.pipe(createGunzip()) : file
  file.on('error', (e) => stream.destroy(e))
  try {
    for await (const record of readWarcRecords(stream)) {
      const doc = recordDocument(record.headers, record.block)
      if (doc) yield { offset: record.offset, ...doc, ...(doc.input === null && { error: TOO_LARGE }) }
    }
  } finally {
    stream.destroy()
    file.destroy()
  }
}

function isGzip(path: string): boolean {
  const head = Buffer.alloc(2)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, 2, 0)
    return head[0] === 0x1f && head[1] === 0x8b
  } finally {
    closeSync(fd)
  }
}
