/** Per-host politeness: at most one request to a host every `intervalMs`, and at most `concurrency` requests in flight overall. */
export interface HostGate {
  /** Waits for the host's turn and a free slot; call the returned function when the request is over. */
  enter(host: string): Promise<() => void>
}

/**
 * Creates a gate that spaces requests to one host and bounds the requests in flight.
 *
 * @example
 *   const gate = createHostGate({ intervalMs: 1000, concurrency: 4 })
 *   const leave = await gate.enter('example.org')
 *   try { await get() } finally { leave() }
 */
export function createHostGate(options: { intervalMs: number; concurrency: number; sleep?: (ms: number) => Promise<void> }): HostGate {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const nextAt = new Map<string, number>()
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
      // the host's next turn is reserved before waiting, so two callers never share one turn
      const now = Date.now()
      const at = Math.max(now, nextAt.get(host) ?? 0)
      nextAt.set(host, at + options.intervalMs)
      if (at > now) await sleep(at - now)
      await slot()
      let left = false
      return () => {
        if (left) return
        left = true
        free()
      }
    },
  }
}
