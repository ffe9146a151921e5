import { lookup } from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import { isIP, connect as netConnect, type Socket } from 'node:net'
import type { Readable } from 'node:stream'
import { connect as tlsConnect } from 'node:tls'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { PIPELINE_VERSION } from '../version.js'
import { createHostGate, type HostGate, type HostTurns } from './host-gate.js'
import { blockedReason } from './ip-address.js'
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from './robots.js'

/** Turns a host name into its addresses (every one is checked before any is used). */
export type Resolver = (host: string) => Promise<string[]>
/** Where one connection goes: the checked address, with the name kept for TLS and the Host header. */
export interface ConnectTarget {
  readonly address: string
  readonly port: number
  readonly host: string
  readonly secure: boolean
}
/** Opens the socket of one request, to exactly the address given (so a second DNS answer cannot move it). */
export type Connector = (target: ConnectTarget) => Socket

/** Why a fetch failed: `refused` (address, scheme, robots.txt), `http` (status), `too-large`, `timeout`, `content-type`, `network`. */
export type FetchErrorKind = 'refused' | 'robots' | 'http' | 'too-large' | 'timeout' | 'content-type' | 'network' | 'redirects'

/** A fetch that failed, with a one-line reason; `retryable` for timeouts, dropped connections and 5xx. */
export class FetchError extends Error {
  readonly kind: FetchErrorKind
  readonly retryable: boolean
  readonly status: number | null
  constructor(kind: FetchErrorKind, message: string, options: { retryable?: boolean; status?: number } = {}) {
    super(message)
    this.name = 'FetchError'
    this.kind = kind
    this.retryable = options.retryable ?? false
    this.status = options.status ?? null
  }
}

/** How a fetcher behaves; every field has a safe default. */
export interface FetcherOptions {
  /** Lets private, loopback and other non-public addresses through (intranets and tests); off by default. */
  readonly allowPrivate?: boolean
  readonly userAgent?: string
  /** Largest body accepted, counted after decompression (default 10 MB). */
  readonly maxBytes?: number
  readonly connectTimeoutMs?: number
  readonly totalTimeoutMs?: number
  readonly maxRedirects?: number
  /** Further tries after a timeout, a dropped connection or a 5xx (never after a 4xx). */
  readonly retries?: number
  readonly backoffMs?: number
  /** Least time between two requests to one host (default 1000 ms). */
  readonly intervalMs?: number
  /** Where the hosts' turns are kept: this process by default; shared ones space several workers' requests as one. */
  readonly hostTurns?: HostTurns
  readonly concurrency?: number
  readonly robots?: boolean
  readonly resolver?: Resolver
  readonly connector?: Connector
  readonly sleep?: (ms: number) => Promise<void>
  /** The clock robots.txt rules are kept by (ms since the epoch; tests move it). */
  readonly now?: () => number
}

/** One GET: the content types accepted and the validators of a copy already held. */
export interface FetchRequest {
  /** Media types accepted (`text/html`, `application/*`); a response without a type is let through. */
  readonly accept?: readonly string[]
  readonly etag?: string | null
  readonly lastModified?: string | null
}

/** A response read whole (within the size cap), or `notModified` after a conditional GET. */
export interface FetchResponse {
  /** The URL after redirects. */
  readonly url: string
  readonly status: number
  readonly notModified: boolean
  /** The media type, lower case, without parameters ('' when the server gave none). */
  readonly contentType: string
  readonly charset: string | null
  readonly body: Buffer
  readonly etag: string | null
  readonly lastModified: string | null
}

/** One POST: the body, its media type and any further headers (a signature). */
export interface PostRequest {
  readonly body: Buffer
  readonly contentType: string
  readonly headers?: Readonly<Record<string, string>>
}

/** The answer to a POST: its status and body (within the size cap). */
export interface PostResponse {
  readonly status: number
  readonly body: Buffer
}

/** The one way sitrep reads (and, for webhooks, writes to) the network. */
export interface Fetcher {
  fetch(url: string, request?: FetchRequest): Promise<FetchResponse>
  /**
   * Sends one POST with the same address checks and pinning as a GET, never following a
   * redirect and never retrying (a POST is not idempotent: the caller decides); a status of
   * 300 or more is a FetchError, retryable for 408, 429 and 5xx.
   */
  post(url: string, request: PostRequest): Promise<PostResponse>
}

/** The User-Agent sitrep sends: its name, version and, when given, the user's contact URL. */
export function userAgent(contact?: string): string {
  return contact ? `sitrep/${PIPELINE_VERSION} (+${contact})` : `sitrep/${PIPELINE_VERSION}`
}

// how long a site's robots.txt is kept (RFC 9309 §2.4: no more than a day), how soon a server
// error's refuse-all is asked again, and how many sites' rules are kept at once
const ROBOTS_DAY_MS = 24 * 3600 * 1000
const ROBOTS_RETRY_MS = 10 * 60 * 1000
const ROBOTS_KEPT = 1000

const defaultResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)
const defaultConnector: Connector = (t) =>
  t.secure
    ? tlsConnect({ host: t.address, port: t.port, servername: isIP(t.host) ? '' : t.host, ALPNProtocols: ['http/1.1'] })
    : netConnect({ host: t.address, port: t.port })

interface Hop {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
}

/**
 * Creates the safe fetcher: http(s) only, every address of every hop checked (no private,
 * loopback, link-local, CGNAT, multicast or reserved address unless `allowPrivate`), the
 * socket pinned to the checked address, bodies capped after decompression, time caps,
 * robots.txt, per-host spacing, retries with backoff on timeouts and 5xx, conditional GET.
 *
 * @example
 *   const fetcher = createFetcher({ userAgent: userAgent('https://example.org/about') })
 *   const page = await fetcher.fetch('https://example.org/news/1', { accept: ['text/html'] })
 */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const o = {
    allowPrivate: options.allowPrivate ?? false,
    userAgent: options.userAgent ?? userAgent(),
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
    maxRedirects: options.maxRedirects ?? 5,
    retries: options.retries ?? 2,
    backoffMs: options.backoffMs ?? 1000,
    robots: options.robots ?? true,
    resolver: options.resolver ?? defaultResolver,
    connector: options.connector ?? defaultConnector,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  }
  const gate: HostGate = createHostGate({
    intervalMs: options.intervalMs ?? 1000,
    concurrency: options.concurrency ?? 4,
    sleep: o.sleep,
    ...(options.hostTurns && { turns: options.hostTurns }),
  })
  const clock = options.now ?? Date.now
  // robots.txt by origin, each kept for a while (RFC 9309 §2.4: at most a day) and at most
  // ROBOTS_KEPT origins, so a long-running server or poller neither grows without end nor
  // keeps a rule past its day; a server error's refuse-all is retried sooner
  const robotsCache = new Map<string, { rules: Promise<RobotsRules>; until: number }>()

  const address = async (url: URL): Promise<string> => {
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const addresses = isIP(host)
      ? [host]
      : await o.resolver(host).catch((e: Error) => Promise.reject(new FetchError('network', `${host}: cannot resolve (${e.message})`)))
    if (!addresses.length) throw new FetchError('network', `${host}: no address`)
    for (const a of addresses) {
      const why = blockedReason(a)
      if (why && !o.allowPrivate) {
        const named = a === host ? `${url.host} is` : `${url.host} resolves to ${a}, which is`
        throw new FetchError('refused', `refused: ${named} a ${why} address (use --allow-private for an intranet)`)
      }
    }
    return addresses[0] as string
  }

  const get = async (url: URL, headers: Record<string, string>, maxBytes: number): Promise<Hop> => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new FetchError('refused', `refused: ${url.protocol} URLs are not fetched (http and https only)`)
    for (let attempt = 0; ; attempt++) {
      const pinned = await address(url)
      const leave = await gate.enter(url.host)
      try {
        return await request(url, pinned, headers, maxBytes)
      } catch (e) {
        if (!(e instanceof FetchError) || !e.retryable || attempt >= o.retries) throw e
      } finally {
        leave()
      }
      await o.sleep(o.backoffMs * 2 ** attempt)
    }
  }

  const request = (url: URL, pinned: string, headers: Record<string, string>, maxBytes: number, body?: Buffer): Promise<Hop> =>
    new Promise<Hop>((resolve, reject) => {
      const secure = url.protocol === 'https:'
      const port = Number(url.port) || (secure ? 443 : 80)
      let settled = false
      const finish = (error: FetchError | null, hop?: Hop): void => {
        if (settled) return
        settled = true
        clearTimeout(total)
        if (error) {
          req.destroy()
          reject(error)
        } else resolve(hop as Hop)
      }
      const createConnection = (): Socket => {
        const socket = o.connector({ address: pinned, port, host: url.hostname.replace(/^\[|\]$/g, ''), secure })
        const timer = setTimeout(
          () => finish(new FetchError('timeout', `${url.host}: no connection within ${o.connectTimeoutMs} ms`, { retryable: true })),
          o.connectTimeoutMs,
        )
        socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer))
        socket.once('close', () => clearTimeout(timer))
        return socket
      }
      const req = (secure ? https : http).request({
        method: body ? 'POST' : 'GET',
        host: url.hostname,
        port,
        path: `${url.pathname}${url.search}`,
        headers: { host: url.host, 'user-agent': o.userAgent, 'accept-encoding': 'gzip, deflate, br', ...headers },
        createConnection,
      })
      const total = setTimeout(
        () => finish(new FetchError('timeout', `${url.href}: no complete answer within ${o.totalTimeoutMs} ms`, { retryable: true })),
        o.totalTimeoutMs,
      )
      req.on('error', (e) => finish(new FetchError('network', `${url.host}: ${e.message}`, { retryable: true })))
      req.on('response', (res) => {
        const status = res.statusCode ?? 0
        if (status >= 500) {
          res.resume()
          return finish(new FetchError('http', `${url.href}: HTTP ${status}`, { status, retryable: true }))
        }
        if (status >= 300 || status < 200) {
          res.resume()
          res.on('end', () => finish(null, { status, headers: res.headers, body: Buffer.alloc(0) }))
          return
        }
        const declared = Number(res.headers['content-length'])
        if (declared > maxBytes) return finish(new FetchError('too-large', `${url.href}: ${declared} bytes, over the ${maxBytes}-byte cap`))
        const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase()
        const decoder =
          encoding === 'gzip' || encoding === 'x-gzip'
            ? createGunzip()
            : encoding === 'deflate'
              ? createInflate()
              : encoding === 'br'
                ? createBrotliDecompress()
                : null
        if (!decoder && encoding !== 'identity') return finish(new FetchError('network', `${url.href}: unknown content-encoding "${encoding}"`))
        const body: Readable = decoder ? res.pipe(decoder) : res
        const chunks: Buffer[] = []
        let size = 0
        res.on('error', (e) => finish(new FetchError('network', `${url.host}: ${e.message}`, { retryable: true })))
        body.on('error', (e) => finish(new FetchError('network', `${url.href}: bad ${encoding} body (${e.message})`)))
        body.on('data', (chunk: Buffer) => {
          size += chunk.length
          // counted after decompression: a small gzip bomb stops here, not in memory
          if (size > maxBytes) {
            decoder?.destroy()
            finish(new FetchError('too-large', `${url.href}: body over the ${maxBytes}-byte cap${decoder ? ' once decompressed' : ''}`))
          } else chunks.push(chunk)
        })
        body.on('end', () => finish(null, { status, headers: res.headers, body: Buffer.concat(chunks) }))
      })
      req.end(body)
    })

  const robotsFor = (url: URL): Promise<RobotsRules> => {
    const now = clock()
    const kept = robotsCache.get(url.origin)
    if (kept && kept.until > now) return kept.rules
    robotsCache.delete(url.origin)
    const entry = { rules: Promise.resolve(ALLOW_ALL), until: now + ROBOTS_DAY_MS }
    entry.rules = follow(new URL('/robots.txt', url), {}, 512 * 1024, false).then(
      ({ hop }) => (hop.status >= 200 && hop.status < 300 ? parseRobots(hop.body.toString('utf8'), 'sitrep') : ALLOW_ALL),
      // RFC 9309: an unreachable robots.txt (4xx) allows all, a server error refuses all
      // (an address refused for the robots.txt is refused for the page: that reason is the one to give)
      (e: unknown) => {
        if (e instanceof FetchError && e.kind === 'refused') {
          robotsCache.delete(url.origin)
          throw e
        }
        if (e instanceof FetchError && e.status !== null && e.status < 500) return ALLOW_ALL
        entry.until = clock() + ROBOTS_RETRY_MS
        return DISALLOW_ALL
      },
    )
    robotsCache.set(url.origin, entry)
    // the oldest origin goes first (a Map keeps insertion order)
    if (robotsCache.size > ROBOTS_KEPT) robotsCache.delete(robotsCache.keys().next().value as string)
    return entry.rules
  }

  const follow = async (start: URL, headers: Record<string, string>, maxBytes: number, robots: boolean): Promise<{ url: URL; hop: Hop }> => {
    let url = start
    for (let hops = 0; ; hops++) {
      if (robots && o.robots && !(await robotsFor(url)).allows(`${url.pathname}${url.search}`)) {
        throw new FetchError('robots', `${url.href}: refused by the site's robots.txt`)
      }
      const hop = await get(url, headers, maxBytes)
      const location = hop.headers.location
      if (hop.status >= 300 && hop.status < 400 && hop.status !== 304 && location) {
        if (hops >= o.maxRedirects) throw new FetchError('redirects', `${start.href}: more than ${o.maxRedirects} redirects`)
        url = new URL(location, url)
        continue
      }
      if (hop.status >= 400) throw new FetchError('http', `${url.href}: HTTP ${hop.status}`, { status: hop.status, retryable: false })
      return { url, hop }
    }
  }

  const parse = (href: string): URL => {
    try {
      return new URL(href)
    } catch {
      throw new FetchError('refused', `not a URL: ${href}`)
    }
  }

  return {
    async post(href, req) {
      const url = parse(href)
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new FetchError('refused', `refused: ${url.protocol} URLs are not posted to (http and https only)`)
      const pinned = await address(url)
      const leave = await gate.enter(url.host)
      let hop: Hop
      try {
        const headers = { 'content-type': req.contentType, 'content-length': String(req.body.length), accept: '*/*', ...req.headers }
        hop = await request(url, pinned, headers, 64 * 1024, req.body)
      } finally {
        leave()
      }
      if (hop.status >= 300) {
        const retryable = hop.status === 408 || hop.status === 429 || hop.status >= 500
        const redirect = hop.status < 400 ? ' (a POST does not follow redirects)' : ''
        throw new FetchError('http', `${url.href}: HTTP ${hop.status}${redirect}`, { status: hop.status, retryable })
      }
      return { status: hop.status, body: hop.body }
    },

    async fetch(href, req = {}) {
      const url = parse(href)
      const headers: Record<string, string> = { accept: req.accept?.length ? req.accept.join(', ') : '*/*' }
      if (req.etag) headers['if-none-match'] = req.etag
      if (req.lastModified) headers['if-modified-since'] = req.lastModified
      const { url: final, hop } = await follow(url, headers, o.maxBytes, true)
      const type = String(hop.headers['content-type'] ?? '')
      const contentType = (type.split(';')[0] as string).trim().toLowerCase()
      const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(type)?.[1]?.toLowerCase() ?? null
      const notModified = hop.status === 304
      if (
        !notModified &&
        contentType &&
        req.accept?.length &&
        !req.accept.some((a) => a === contentType || (a.endsWith('/*') && contentType.startsWith(a.slice(0, -1))))
      ) {
        throw new FetchError('content-type', `${final.href}: content type ${contentType}, expected ${req.accept.join(' or ')}`)
      }
      const header = (name: string): string | null => {
        const v = hop.headers[name]
        return typeof v === 'string' ? v : null
      }
      return {
        url: final.href,
        status: hop.status,
        notModified,
        contentType,
        charset,
        body: hop.body,
        etag: header('etag'),
        lastModified: header('last-modified'),
      }
    },
  }
}
