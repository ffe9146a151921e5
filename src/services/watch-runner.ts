import { createFetcher, type Fetcher, userAgent } from '../sources/safe-fetch.js'
import type { Store } from '../store/store.js'
import { deliverAlerts, evaluateWatches, type FetcherFor } from '../watch/engine.js'
import type { DeliveryOptions } from '../watch/webhook.js'

/** How a watch runner works. */
export interface WatchRunnerOptions {
  readonly store: Store
  /** The fetchers webhooks go through (default: the safe fetcher, private addresses only for watches added with --allow-private). */
  readonly fetcherFor?: FetcherFor
  readonly delivery?: DeliveryOptions
  /** Told of each alert recorded and each problem, in a line. */
  readonly log?: (line: string) => void
}

/** Evaluates watches and delivers their alerts, one run at a time. */
export interface WatchRunner {
  /**
   * Evaluates every watch on the new events and delivers what fired (the first run also what
   * an earlier process left pending); a call during a run makes one more run after it.
   */
  run(): Promise<void>
  /** Asks for a run without waiting for it (after a save): problems go to the log. */
  kick(): void
  /** Runs every `everyMs` until stop(). */
  start(everyMs: number): void
  /** Stops the timer and waits for the run in hand. */
  stop(): Promise<void>
}

/** The safe fetchers for webhooks: no robots.txt (a webhook is not crawled), no spacing, one fetcher per setting. */
export function webhookFetchers(): FetcherFor {
  const made = new Map<boolean, Fetcher>()
  return (allowPrivate) => {
    const known = made.get(allowPrivate)
    if (known) return known
    const f = createFetcher({ allowPrivate, userAgent: userAgent(), robots: false, intervalMs: 0, retries: 0, totalTimeoutMs: 15_000 })
    made.set(allowPrivate, f)
    return f
  }
}

/**
 * The watches of a long-running process (`sitrep serve`, `sitrep worker`): after new events
 * are stored, every watch is evaluated on them and its alerts posted to its webhook. Runs
 * never overlap; what a run records is recorded once across processes (the store's cursor).
 *
 * @example
 *   const watches = createWatchRunner({ store })
 *   watches.start(10_000)
 */
export function createWatchRunner(options: WatchRunnerOptions): WatchRunner {
  const { store } = options
  const log = options.log ?? (() => undefined)
  const fetcherFor = options.fetcherFor ?? webhookFetchers()
  let running: Promise<void> | null = null
  let again = false
  let timer: NodeJS.Timeout | null = null

  // the first run posts the alerts a process that stopped before posting them left pending
  let leftovers = true
  const once = async (): Promise<void> => {
    if (leftovers) {
      leftovers = false
      const pending = await store.pendingDeliveries(100)
      if (pending.length) await deliverAlerts(store, pending, fetcherFor, options.delivery)
    }
    const alerts = await evaluateWatches(store, (watch, e) => log(`watch ${watch}: ${e instanceof Error ? e.message : String(e)}`))
    for (const a of alerts) log(`watch ${a.watch} fired (${a.kind}, ${a.windowStart}): ${a.summary}`)
    const pending = alerts.filter((a) => a.delivery === 'pending')
    if (pending.length) {
      const delivered = await deliverAlerts(store, pending, fetcherFor, options.delivery)
      if (delivered < pending.length) log(`${pending.length - delivered} alert(s) could not be delivered to their webhook (see sitrep watch alerts)`)
    }
  }
  const run = (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await once()
        } while (again)
      } finally {
        running = null
      }
    })()
    return running
  }
  return {
    run,
    kick() {
      run().catch((e: unknown) => log(`watches: ${e instanceof Error ? e.message : String(e)}`))
    },
    start(everyMs: number) {
      if (timer) return
      timer = setInterval(() => this.kick(), everyMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = null
      while (running) await running.catch(() => undefined)
    },
  }
}
