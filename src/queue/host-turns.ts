import { Redis } from 'ioredis'
import { localHostTurns } from '../sources/host-gate.js'
import { redisConnection } from './redis-url.js'

/**
 * Grants a host's turn on the Redis server, in one step. The key holds `busy` while a request
 * to the host is in flight, else the time (ms, by the Redis server's clock, so the workers'
 * clocks need not agree) at which the last one was over. When nothing is in flight and an
 * interval has passed since, the turn is granted (the key says `busy`); otherwise the answer
 * is how long to wait before asking again. The next request is thus let go an interval after
 * the answer to the one before came back, which is after the host received it: the host sees
 * its requests spaced by at least the interval, however late a busy worker sends its own.
 * KEYS[1] the host's key; ARGV[1] the interval, ARGV[2] how long a grant may stay unreturned
 * (a worker killed mid-request). Returns 0 (go) or the wait (ms).
 */
const GRANT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local held = redis.call('GET', KEYS[1])
if held == 'busy' then return math.max(1, math.min(interval, 100)) end
local last = tonumber(held or '-1')
if last >= 0 and now < last + interval then return last + interval - now end
redis.call('SET', KEYS[1], 'busy', 'PX', tonumber(ARGV[2]))
return 0
`

/** Marks the host's request over, now by the Redis server's clock. KEYS[1] the host's key; ARGV[1] the interval. */
const RETURN = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[1], now, 'PX', tonumber(ARGV[1]) + 60000)
return 0
`

/** How long a granted turn may stay unreturned before the host is free again (a worker killed mid-request): above the fetcher's 30 s cap on a whole answer. */
const GRANT_EXPIRES_MS = 60_000

/** How long the turns stay in this process after Redis failed to answer. */
const RETRY_REDIS_MS = 10_000

/** Hosts' turns shared through Redis by every worker of a queue: the shape of the sources' HostTurns, with a close. */
export interface SharedHostTurns {
  /** Waits until the host may be sent a request, then takes the turn; resolves to 0 (nothing left to wait). */
  reserve(host: string, intervalMs: number): Promise<number>
  /** Gives the turn back once the request is over: the host's next request waits an interval from now. */
  release(host: string, intervalMs: number): void
  /** Disconnects from Redis. */
  close(): Promise<void>
}

/** Where the turns of one host live in Redis (one key per host, shared by every queue on that Redis: politeness is owed to the site, not the queue). */
export const hostTurnKey = (prefix: string, host: string): string => `${prefix}${host}`

/**
 * Keeps the hosts' turns in Redis, so workers in several processes or on several machines
 * send one host at most one request per interval between them. When Redis does not answer,
 * the turn is kept in this process instead (still one request per interval from this worker)
 * and `onError` is told.
 *
 * @example
 *   const turns = redisHostTurns('redis://127.0.0.1:6379')
 *   const fetcher = createFetcher({ hostTurns: turns })
 */
export function redisHostTurns(
  url: string,
  options: { prefix?: string; onError?: (e: Error) => void; sleep?: (ms: number) => Promise<void> } = {},
): SharedHostTurns {
  const prefix = options.prefix ?? 'sitrep:host-turn:'
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  // its own connection: a BullMQ worker's connection blocks while it waits for jobs. A command
  // fails after one reconnect try rather than waiting for Redis with the request held
  const redis = new Redis({ ...redisConnection(url), maxRetriesPerRequest: 1, lazyConnect: true })
  redis.on('error', (e: Error) => options.onError?.(e))
  // this process's own turns, for when Redis does not answer
  const local = localHostTurns()
  // after a failed call Redis is left alone for a while: each try costs a connection attempt
  let downUntil = 0
  return {
    async reserve(host, intervalMs) {
      const interval = String(Math.max(0, Math.round(intervalMs)))
      for (;;) {
        if (Date.now() < downUntil) return local.reserve(host, intervalMs)
        let wait: number
        try {
          wait = Number(await redis.eval(GRANT, 1, hostTurnKey(prefix, host), interval, String(GRANT_EXPIRES_MS)))
        } catch (e) {
          options.onError?.(e as Error)
          downUntil = Date.now() + RETRY_REDIS_MS
          return local.reserve(host, intervalMs)
        }
        if (!(wait > 0)) return 0
        await sleep(wait)
      }
    },
    release(host, intervalMs) {
      if (Date.now() < downUntil) return
      // in order on this connection: this worker's next grant is asked after it
      redis.eval(RETURN, 1, hostTurnKey(prefix, host), String(Math.max(0, Math.round(intervalMs)))).catch((e: Error) => options.onError?.(e))
    },
    async close() {
      redis.disconnect()
    },
  }
}
