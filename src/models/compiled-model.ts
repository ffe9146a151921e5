import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Compiled forms of the committed models, written by `npm run build` under dist/models/:
 * the scoring tables laid out as the loaders build them, so a cold process maps typed arrays
 * onto the file instead of unzipping, parsing and hashing every feature (seconds of a cold
 * start). A compiled file names the content hash of the model file it was made from; a
 * stale, corrupt or missing one is ignored and the model is read as before.
 */
export const COMPILED_DIR = fileURLToPath(new URL('../../dist/models/', import.meta.url))

/** The kinds of compiled file: a LinearModel's file table, a PackedModel's table. */
export type CompiledKind = 'table' | 'packed'

/** The compiled file of a model file. */
export function compiledPath(modelPath: string, kind: CompiledKind): string {
  return join(COMPILED_DIR, `${basename(modelPath).replace(/\.model(\.gz)?$/, '')}.${kind}`)
}

/**
 * The stamp of a model file: what a compiled file must name to be used — a hash of its
 * bytes, so a model replaced by another of the same size and time (`cp -p`, an archive) is
 * never read through the old one's table (about 20 ms for the committed models).
 */
export function sourceStamp(modelPath: string): string {
  return createHash('sha1').update(readFileSync(modelPath)).digest('hex')
}

/** A compiled file: a JSON header and typed arrays, each at an offset that is a multiple of 8. */
export interface Compiled<H> {
  readonly header: H
  /** Each array's bytes, in the order written. */
  readonly parts: readonly Uint8Array[]
}

/** Writes a compiled file for a model, stamped with the model file's size and time. */
export function writeCompiled(modelPath: string, kind: CompiledKind, header: object, arrays: readonly ArrayBufferView[]): string {
  const out = compiledPath(modelPath, kind)
  const head = { ...header, source: sourceStamp(modelPath), lengths: arrays.map((a) => a.byteLength) }
  let json = JSON.stringify(head)
  while ((json.length + 1) % 8 !== 0) json += ' '
  const chunks: Buffer[] = [Buffer.from(`${json}\n`, 'utf8')]
  for (const a of arrays) {
    chunks.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength))
    const pad = (8 - (a.byteLength % 8)) % 8
    if (pad) chunks.push(Buffer.alloc(pad))
  }
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, Buffer.concat(chunks))
  return out
}

/** Reads the compiled file of a model when it exists and matches the model file; null otherwise. */
export function readCompiled<H>(modelPath: string, kind: CompiledKind): Compiled<H> | null {
  const path = compiledPath(modelPath, kind)
  if (!existsSync(path) || !existsSync(modelPath)) return null
  const bytes = readFileSync(path)
  const newline = bytes.indexOf(10)
  if (newline < 0) return null
  let head: H & { source?: string; lengths?: number[] }
  try {
    head = JSON.parse(bytes.subarray(0, newline).toString('utf8'))
  } catch {
    return null
  }
  if (head.source !== sourceStamp(modelPath) || !Array.isArray(head.lengths)) return null
  // typed arrays need offsets that are multiples of their size: the header is padded so that
  // the body starts at one; a buffer that does not start on one is copied once
  let body: Uint8Array = bytes.subarray(newline + 1)
  if (body.byteOffset % 8 !== 0) {
    const aligned = new Uint8Array(body.length)
    aligned.set(body)
    body = aligned
  }
  const parts: Uint8Array[] = []
  let at = 0
  for (const length of head.lengths) {
    // a corrupt header (a negative, fractional or oversized length) means no compiled file
    if (!Number.isInteger(length) || length < 0 || at + length > body.length) return null
    parts.push(body.subarray(at, at + length))
    at += length + ((8 - (length % 8)) % 8)
  }
  return { header: head, parts }
}

/** A typed array over a part of a compiled file (no copy), or null when the part's length does not fit the type. */
export function view<T>(part: Uint8Array | undefined, Kind: new (buffer: ArrayBufferLike, offset: number, length: number) => T, bytesPer: number): T | null {
  if (!part || part.byteLength % bytesPer !== 0) return null
  return new Kind(part.buffer, part.byteOffset, part.byteLength / bytesPer)
}

/** Whether a table size is a power of two, as every open-addressing table here is. */
export const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0
