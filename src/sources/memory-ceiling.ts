/**
 * A ceiling on a long ingest run's resident memory that costs nothing below it. V8 picks how
 * far its heap may grow past what the last full collection kept, up to about four times that
 * when collections look cheap: on real pages (about 140 MB live) the process reached 877 MB
 * before one collection brought the heap back. Bounding that growth for the whole run keeps
 * the process small but collects far more often than needed. Instead, after each document the
 * ceiling reads the process's resident memory and, only when it has reached `bytes` and the
 * heap has grown enough since the last collection it asked for, runs one full collection. Enough
 * is what is left below `limitBytes`, between 16 and 64 MB: the nearer the limit, the sooner the
 * next collection. A process that stays under the ceiling never pays for it.
 */
export interface MemoryCeiling {
  /** Collects when the process is at the ceiling and a collection can free enough; true when it did. */
  readonly check: () => boolean
  /** How many collections the ceiling has run. */
  readonly collections: () => number
}

export interface MemoryCeilingOptions {
  /** Resident memory (bytes) from which a full collection is run. */
  readonly bytes: number
  /** The resident memory the process should stay under; the heap's allowed growth between collections shrinks as it comes nearer. */
  readonly limitBytes: number
  /** Runs one full, blocking garbage collection. */
  readonly collect: () => void
  /**
   * The least the heap must have grown since the last collection the ceiling ran before it runs
   * another, however near the limit: a process held there by what a collection cannot free (a
   * large live heap, memory outside the heap, freed pages not yet given back to the system)
   * then collects once per this much allocation, not after every document. Default 16 MB.
   */
  readonly minGarbageBytes?: number
  /** The most the heap may grow between two collections, far below the limit. Default 64 MB. */
  readonly maxGarbageBytes?: number
  /** The process's resident memory; process.memoryUsage.rss by default. */
  readonly rss?: () => number
  /** The heap's used bytes; process.memoryUsage().heapUsed by default. */
  readonly heapUsed?: () => number
}

const MB = 1024 * 1024

export function memoryCeiling(options: MemoryCeilingOptions): MemoryCeiling {
  const rss = options.rss ?? (() => process.memoryUsage.rss())
  const heapUsed = options.heapUsed ?? (() => process.memoryUsage().heapUsed)
  const minGarbage = options.minGarbageBytes ?? 16 * MB
  const maxGarbage = options.maxGarbageBytes ?? 64 * MB
  // the heap in use right after the last collection the ceiling ran
  let kept = 0
  let collections = 0
  return {
    check() {
      const resident = rss()
      if (resident < options.bytes) return false
      const allowed = Math.max(minGarbage, Math.min(maxGarbage, options.limitBytes - resident))
      if (heapUsed() - kept < allowed) return false
      options.collect()
      collections++
      kept = heapUsed()
      return true
    },
    collections: () => collections,
  }
}
