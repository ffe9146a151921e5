import { gunzipSync } from 'node:zlib'

/** One WARC record: where it starts and ends in the (decompressed) stream, its headers and, unless too large, its block. */
export interface WarcRecord {
  readonly offset: number
  readonly end: number
  /** WARC header names in lower case. */
  readonly headers: Readonly<Record<string, string>>
  /** The record's content; null when it was over the size cap and skipped unread. */
  readonly block: Buffer | null
}

/** Malformed WARC data, with the byte offset where reading stopped. */
export class WarcError extends Error {
  override readonly name = 'WarcError'
}

const HEADER_END = Buffer.from('\r\n\r\n')
const MAX_HEADER_BYTES = 64 * 1024

/**
 * Reads WARC records one at a time from a stream of bytes (already decompressed), never more
 * than one record in memory; `startOffset` is where the stream begins in the file's byte count.
 */
export async function* readWarcRecords(
  chunks: AsyncIterable<Buffer>,
  options: { startOffset?: number; maxBlockBytes?: number } = {},
): AsyncGenerator<WarcRecord> {
  const maxBlock = options.maxBlockBytes ?? 20 * 1024 * 1024
  const it = chunks[Symbol.asyncIterator]()
  let buf: Buffer = Buffer.alloc(0)
  let pos = options.startOffset ?? 0 // stream offset of buf[0]
  let done = false
  const more = async (): Promise<boolean> => {
    if (done) return false
    const next = await it.next()
    if (next.done) {
      done = true
      return false
    }
    buf = buf.length ? Buffer.concat([buf, next.value]) : next.value
    return true
  }
  // gathers at least n bytes with one copy: a chunk at a time would copy a large record once per chunk
  const fill = async (n: number): Promise<boolean> => {
    if (buf.length >= n) return true
    const parts = [buf]
    let have = buf.length
    while (have < n && !done) {
      const next = await it.next()
      if (next.done) done = true
      else {
        parts.push(next.value)
        have += next.value.length
      }
    }
    buf = Buffer.concat(parts, have)
    return have >= n
  }
  const consume = (n: number): Buffer => {
    const out = buf.subarray(0, n)
    buf = buf.subarray(n)
    pos += n
    return out
  }
  for (;;) {
    // blank lines between records are tolerated
    while (buf.length < 2 && (await more()));
    while (buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a) {
      consume(2)
      while (buf.length < 2 && (await more()));
    }
    if (!buf.length && !(await more())) return
    const offset = pos
    let headerEnd = buf.indexOf(HEADER_END)
    while (headerEnd < 0) {
      if (buf.length > MAX_HEADER_BYTES) throw new WarcError(`byte ${offset}: a WARC header longer than ${MAX_HEADER_BYTES} bytes`)
      if (!(await more())) {
        if (buf.toString('latin1').trim() === '') return
        throw new WarcError(`byte ${offset}: the file ends inside a WARC header`)
      }
      headerEnd = buf.indexOf(HEADER_END)
    }
    const head = consume(headerEnd + 4).toString('utf8')
    const lines = head.split('\r\n')
    if (!/^WARC\/\d/.test(lines[0] ?? '')) throw new WarcError(`byte ${offset}: expected a WARC/1.x record, found "${(lines[0] ?? '').slice(0, 40)}"`)
    const headers: Record<string, string> = {}
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':')
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    const length = Number(headers['content-length'])
    if (!Number.isInteger(length) || length < 0) throw new WarcError(`byte ${offset}: a WARC record without a valid Content-Length`)
    let block: Buffer | null = null
    if (length <= maxBlock) {
      if (!(await fill(length))) throw new WarcError(`byte ${offset}: the file ends inside a record`)
      block = Buffer.from(consume(length))
    } else {
      // too large to analyse: stream past it without keeping it
      let left = length
      while (left > 0) {
        if (!buf.length && !(await more())) throw new WarcError(`byte ${offset}: the file ends inside a record`)
        left -= consume(Math.min(left, buf.length)).length
      }
    }
    while (buf.length < 4 && (await more()));
    if (buf.subarray(0, 4).equals(HEADER_END)) consume(4)
    yield { offset, end: pos, headers, block }
  }
}

/** An HTTP response kept in a WARC response record: status, headers in lower case, body (de-chunked and decompressed). */
export interface ArchivedResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer
}

/** Splits a response record's block into status, headers and body; null when it is not an HTTP response. */
export function parseHttpResponse(block: Buffer, maxBodyBytes = 10 * 1024 * 1024): ArchivedResponse | null {
  let end = block.indexOf(HEADER_END)
  let sep = 4
  if (end < 0) {
    end = block.indexOf('\n\n')
    sep = 2
  }
  if (end < 0) return null
  const lines = block.subarray(0, end).toString('latin1').split(/\r?\n/)
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(lines[0] ?? '')?.[1]
  if (!status) return null
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = block.subarray(end + sep)
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body)
  const encoding = (headers['content-encoding'] ?? '').toLowerCase()
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    try {
      body = gunzipSync(body, { maxOutputLength: maxBodyBytes })
    } catch {
      // crawlers often store the body already decoded while keeping the header: keep the bytes as they are
    }
  }
  return { status: Number(status), headers, body }
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at)
    if (lineEnd < 0) break
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16)
    if (!Number.isFinite(size)) return body // not chunked after all: keep what was stored
    if (size === 0) break
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
  return Buffer.concat(parts)
}
