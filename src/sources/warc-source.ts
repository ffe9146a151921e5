import { closeSync, createReadStream, openSync, readSync, realpathSync, statSync } from 'node:fs'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { decodeText } from './decode-text.js'
import { failDocument, type SourceContext, storeDocument } from './documents.js'
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
 * request, metadata and other records are skipped. The offset after each record is saved, so
 * a run stopped (or killed) and started again goes on from the next record.
 */
export async function ingestWarc(ctx: SourceContext, path: string): Promise<void> {
  const key = `warc:${realpathSync(path)}`
  const size = statSync(path).size
  const saved = (await ctx.ledger.getSourceState(key))?.offset ?? 0
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
    for await (const record of readWarcRecords(stream, { startOffset: gz ? 0 : saved })) {
      if (record.offset < saved) continue
      if (ctx.signal?.aborted) break
      await ingestRecord(ctx, path, record.headers, record.block, record.offset)
      await ctx.ledger.putSourceState(key, { etag: null, lastModified: null, offset: record.end })
      ctx.progress?.update(ctx.stats, size ? (gz ? raw : saved + raw) / size : null)
    }
  } finally {
    stream.destroy()
    file.destroy()
  }
}

async function ingestRecord(ctx: SourceContext, path: string, headers: Readonly<Record<string, string>>, block: Buffer | null, offset: number): Promise<void> {
  if ((headers['warc-type'] ?? '').toLowerCase() !== 'response') return
  const url = headers['warc-target-uri']?.replace(/^<|>$/g, '') ?? null
  if (!block) return failDocument(ctx, path, url, 'record over the size cap, skipped', offset)
  const response = parseHttpResponse(block)
  if (response?.status !== 200) return
  const type = response.headers['content-type'] ?? ''
  if (!HTML_TYPES.test(type)) return
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(type)?.[1] ?? null
  const day = /^\d{4}-\d{2}-\d{2}/.exec(headers['warc-date'] ?? '')?.[0]
  // the crawl date stands in for the publication date only when the article gives none
  await storeDocument(ctx, path, { html: decodeText(response.body, charset), ...(url && { url }), ...(day && { published: day }) }, offset)
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
