/** Per-host politeness: at most one request to a host every `intervalMs`, and at most `concurrency` requests in flight overall. */
export interface HostGate {
  /** Waits for the host's turn and a free slot; call the returned function when the request is over. */
  enter(host: string): Promise<() => void>
}

/**
 * Where the hosts' turns are kept: in this process by default, or somewhere several processes
 * share (the queue's Redis), so that workers on several machines space their requests to one
 * host as one process would.
 */
export interface HostTurns {
  /**
   * Takes the host's next turn, at least `intervalMs` after the turn before; resolves to how
   * long to wait for it (ms): 0 when the turn is now (a shared keeper may have waited for it).
   */
  reserve(host: string, intervalMs: number): Promise<number>
  /** Told when the request of a turn is over (a shared keeper spaces the next one from then). */
  release?(host: string, intervalMs: number): void
}

/** Turns kept in this process's memory: one run, one job, one worker process. */
export function localHostTurns(): HostTurns {
  const nextAt = new Map<string, number>()
  return {
    async reserve(host, intervalMs) {
      // the host's next turn is reserved before waiting, so two callers never share one turn
      const now = Date.now()
      const at = Math.max(now, nextAt.get(host) ?? 0)
      // a host whose next turn has passed waits for nothing: forgetting it changes no wait, and
      // keeps a long-running server's map to the hosts of the last interval
      if (nextAt.size >= 1000) for (const [h, next] of nextAt) if (next <= now) nextAt.delete(h)
      nextAt.set(host, at + intervalMs)
      return at - now
    },
  }
}

/**
 * Creates a gate that spaces requests to one host and bounds the requests in flight. The
 * spacing is kept by `turns` (this process's memory unless given); the bound is this process's.
 *
 * @example
 *   const gate = createHostGate({ intervalMs: 1000, concurrency: 4 })
 *   const leave = await gate.enter('example.org')
 *   try { await get() } finally { leave() }
 */
export function createHostGate(options: { intervalMs: number; concurrency: number; sleep?: (ms: number) => Promise<void>; turns?: HostTurns }): HostGate {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const turns = options.turns ?? localHostTurns()
  let inFlight = 0
  const waiting: (() => void)[] = []
  const slot = async (): Promise<void> => {
    if (inFlight < options.concurrency) {
      inFlight++
      return
    }
    await new Promise<void>((resolve) => waiting.push(resolve))
  }
  const free = (): void => {
    const next = waiting.shift()
    if (next) next()
    else inFlight--
  }
  return {
    async enter(host) {
      const key = host.toLowerCase()
      const spaced = options.intervalMs > 0
      if (spaced) {
        const wait = await turns.reserve(key, options.intervalMs)
        if (wait > 0) await sleep(wait)
      }
      await slot()
      let left = false
      return () => {
        if (left) return
        left = true
        free()
        if (spaced) turns.release?.(key, options.intervalMs)
      }
    },
  }
}
