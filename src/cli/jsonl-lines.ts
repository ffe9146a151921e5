/** One line of a JSONL stream: its text, or, for a line over the cap, its size and first bytes. */
export type JsonlLine = { readonly n: number; readonly text: string } | { readonly n: number; readonly tooLong: number; readonly head: string }

const NEWLINE = 0x0a
// How much of an oversize line is kept to find its id.
const HEAD_BYTES = 4096

/**
 * Splits a byte stream into lines (numbered from 1) without ever holding more than
 * `maxLineBytes` of one line: a longer line is skipped to its end and reported by size, so
 * one bad line cannot exhaust memory. A UTF-8 byte-order mark at the start and the "\r" of
 * CRLF endings are dropped.
 */
export async function* jsonlLines(stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<JsonlLine> {
  let parts: Buffer[] = []
  let size = 0
  let skipped = 0 // bytes of an oversize line seen so far; 0 while the line fits
  let head = ''
  let n = 0
  let first = true
  const finish = (): JsonlLine => {
    n++
    let line: JsonlLine
    if (skipped) line = { n, tooLong: skipped, head }
    else {
      let buf = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size)
      if (first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3)
      if (buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1)
      line = { n, text: buf.toString('utf8') }
    }
    first = false
    parts = []
    size = 0
    skipped = 0
    head = ''
    return line
  }
  const take = (piece: Buffer): void => {
    if (skipped) {
      skipped += piece.length
      return
    }
    if (size + piece.length > maxLineBytes) {
      const all = Buffer.concat([...parts, piece.subarray(0, HEAD_BYTES)])
      head = all.subarray(0, HEAD_BYTES).toString('utf8')
      skipped = size + piece.length
      parts = []
      size = 0
      return
    }
    parts.push(piece)
    size += piece.length
  }
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    let from = 0
    for (let at = buf.indexOf(NEWLINE, from); at !== -1; at = buf.indexOf(NEWLINE, from)) {
      take(buf.subarray(from, at))
      yield finish()
      from = at + 1
    }
    if (from < buf.length) take(buf.subarray(from))
  }
  if (size || skipped) yield finish()
}

const LEADING_ID = /^\s*(?:\uFEFF)?\{\s*"id"\s*:\s*(?:"(?<text>(?:[^"\\]|\\.){0,200})"|(?<number>-?\d{1,20}))/

/** The id of an oversize line when it comes first in the object (`{"id": "a1", ...`), else null. */
export function leadingId(head: string): string | null {
  const m = LEADING_ID.exec(head)
  if (m?.groups?.number !== undefined) return m.groups.number
  if (m?.groups?.text === undefined) return null
  try {
    return JSON.parse(`"${m.groups.text}"`) as string
  } catch {
    return null
  }
}
