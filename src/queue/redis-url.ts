/** How a queue reaches Redis: the options BullMQ hands to its Redis client. */
export interface RedisConnection {
  readonly host: string
  readonly port: number
  readonly db: number
  readonly username?: string
  readonly password?: string
  readonly tls?: Record<string, never>
  /** BullMQ's workers need commands to wait for a reconnect rather than fail after N tries. */
  readonly maxRetriesPerRequest: null
}

/** A queue address that cannot be used, said in words. */
export class QueueUrlError extends Error {
  override readonly name = 'QueueUrlError'
}

const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/

/** The default queue name when --queue-name is not given. */
export const DEFAULT_QUEUE_NAME = 'sitrep'

/** Checks a queue name: letters, digits, `_`, `.` and `-`, at most 100 (Redis keys are built from it). */
export function queueName(name: string | undefined): string {
  const n = name ?? DEFAULT_QUEUE_NAME
  if (!QUEUE_NAME.test(n)) throw new QueueUrlError(`queue name "${n}" is not usable: use up to 100 letters, digits, "_", "." or "-"`)
  return n
}

/**
 * Reads `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS) into connection
 * options; anything else is refused with the form that works.
 *
 * @example
 *   redisConnection('redis://127.0.0.1:6379/0')
 */
export function redisConnection(url: string): RedisConnection {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new QueueUrlError(`"${redactUrl(url)}" is not a URL: write redis://HOST:PORT`)
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new QueueUrlError(`"${redactUrl(url)}" is not a Redis URL: write redis://HOST:PORT (or rediss:// for TLS)`)
  }
  const port = u.port ? Number(u.port) : 6379
  const dbText = u.pathname.replace(/^\//, '')
  if (dbText && !/^\d{1,2}$/.test(dbText)) throw new QueueUrlError(`"${redactUrl(url)}" names database "${dbText}": write a number, as in redis://HOST:PORT/0`)
  const host = u.hostname.replace(/^\[|\]$/g, '')
  if (!host) throw new QueueUrlError(`"${redactUrl(url)}" names no host: write redis://HOST:PORT`)
  return {
    host,
    port,
    db: dbText ? Number(dbText) : 0,
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
    maxRetriesPerRequest: null,
  }
}

/** A URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@')
}
