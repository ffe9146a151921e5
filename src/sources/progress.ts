/** Counts of a source run, as the progress line and the summary show them. */
export interface SourceStats {
  seen: number
  inserted: number
  duplicates: number
  copies: number
  failed: number
  failedSources: number
  events: number
}

/** A fresh set of counts. */
export function emptyStats(): SourceStats {
  return { seen: 0, inserted: 0, duplicates: 0, copies: 0, failed: 0, failedSources: 0, events: 0 }
}

/** A one-line progress bar on a terminal: documents/s, new, duplicates, failed and, when the size is known, the ETA. */
export interface Progress {
  update(stats: SourceStats, done: number | null): void
  /** Clears the line so a message can be written on its own line. */
  clear(): void
}

/** A progress line written to a TTY stream at most five times a second; `null` when the stream is not a terminal. */
export function createProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): Progress | null {
  if (!stream.isTTY) return null
  const started = now()
  let last = 0
  let shown = false
  return {
    update(stats, done) {
      const t = now()
      if (t - last < 200) return
      last = t
      const seconds = (t - started) / 1000
      const rate = seconds > 0 ? stats.seen / seconds : 0
      let bar = ''
      if (done !== null && done > 0) {
        const width = 20
        const filled = Math.min(width, Math.round(done * width))
        const eta = done < 1 ? Math.round((seconds / done) * (1 - done)) : 0
        bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(done * 100)}% ETA ${eta >= 60 ? `${Math.floor(eta / 60)}m${eta % 60}s` : `${eta}s`} `
      }
      stream.write(
        `\r\x1b[K${bar}${stats.seen} docs ${rate.toFixed(1)}/s, ${stats.inserted} new, ${stats.duplicates + stats.copies} duplicate, ${stats.failed} failed`,
      )
      shown = true
    },
    clear() {
      if (shown) stream.write('\r\x1b[K')
      shown = false
      last = 0
    },
  }
}
