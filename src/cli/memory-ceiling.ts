import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { type MemoryCeiling, memoryCeiling } from '../sources/index.js'

/**
 * The resident memory (MB) from which `ingest` runs full collections after documents, and the
 * limit it keeps under, nearer which they come sooner. A WARC file of any size is to be read in
 * under 600 MB; the check comes between documents, so the limit leaves room for one large page's
 * analysis, and freed pages the system takes back late, above it (bench:sources real, README).
 */
export const INGEST_MEMORY_CEILING_MB = 496
export const INGEST_MEMORY_LIMIT_MB = 584

/**
 * V8's full, blocking garbage collection as a function, without starting node with
 * `--expose-gc`: the flag is set just long enough for a new context to be given `gc`, then unset
 * again, so neither the main context nor any context made later sees it. Null when V8 refuses.
 */
export function fullCollection(): (() => void) | null {
  const own = (globalThis as { gc?: () => void }).gc
  if (typeof own === 'function') return () => own()
  setFlagsFromString('--expose-gc')
  try {
    const gc = runInNewContext('gc') as unknown
    return typeof gc === 'function' ? () => gc() : null
  } catch {
    return null
  } finally {
    setFlagsFromString('--no-expose-gc')
  }
}

/** The memory ceiling `ingest` reads sources under; none when no collection can be asked for. */
export function ingestMemoryCeiling(mb: number = INGEST_MEMORY_CEILING_MB, limitMb: number = INGEST_MEMORY_LIMIT_MB): MemoryCeiling | undefined {
  const collect = fullCollection()
  return collect ? memoryCeiling({ bytes: mb * 1024 * 1024, limitBytes: Math.max(mb, limitMb) * 1024 * 1024, collect }) : undefined
}
