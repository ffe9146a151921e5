import { createReadStream } from 'node:fs'
import { isCalendarDate } from '../core/calendar-date.js'
import { errorInWords } from './errors.js'

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** Checks a YYYY-MM-DD option value: a real calendar day ("2025-02-30" is refused). */
export function validDateOption(value: string, flag: string): string {
  if (!isCalendarDate(value)) throw new UsageError(`${flag} expects a calendar date as YYYY-MM-DD, got "${value}"`)
  return value
}

/** The default of `--max-seconds`: the time one document may take before it is answered with an error. */
export const DEFAULT_MAX_SECONDS = 300

/** Checks a `--max-seconds` value: a number of seconds, 0 for no limit. */
export function maxSecondsOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_SECONDS
  if (!/^\d+(?:\.\d+)?$/.test(value)) throw new UsageError(`--max-seconds expects a number of seconds (0 for no limit), got "${value}"`)
  return Number(value)
}

/** Writes a line to stdout, waiting when the pipe is full. */
export function writeLine(s: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = process.stdout.write(`${s}\n`, (err) => (err ? reject(err) : undefined))
    if (ok) resolve()
    else process.stdout.once('drain', () => resolve())
  })
}

/** Bytes read whole, or why they could not be (too large, unreadable). */
export type CappedRead = { ok: true; bytes: Buffer } | { ok: false; error: string }

const mb = (n: number): string => `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB`

/**
 * Reads a stream whole but stops at `maxBytes`: stdin, a pipe or a device never fills memory.
 * The stream is left unread past the cap.
 */
export async function readStreamCapped(stream: NodeJS.ReadableStream, maxBytes: number, what = 'the input'): Promise<CappedRead> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
      size += buf.length
      if (size > maxBytes) {
        ;(stream as { destroy?: () => void }).destroy?.()
        return { ok: false, error: `${what} is over ${mb(maxBytes)}, the limit` }
      }
      chunks.push(buf)
    }
  } catch (e) {
    return { ok: false, error: `cannot read ${what}: ${errorInWords(e)}` }
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) }
}

/**
 * Reads a file whole, refusing one over `maxBytes` (also a device or FIFO that never ends):
 * for article files and for registry files such as `--actors`.
 *
 * @example
 *   const read = await readFileCapped('my-actors.json', 16 * 1024 * 1024)
 *   if (!read.ok) throw new UsageError(`my-actors.json: ${read.error}`)
 */
export function readFileCapped(path: string, maxBytes: number): Promise<CappedRead> {
  return readStreamCapped(createReadStream(path), maxBytes, 'the file')
}
