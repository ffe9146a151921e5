import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { timeout } from 'hono/timeout'
import type { Lexicon } from '../lexicon/lexicon.js'
import { createAnalysisService } from '../services/analysis-service.js'
import type { QueueMonitor } from '../services/queue-monitor.js'
import { createFetcher, type FetcherOptions } from '../sources/safe-fetch.js'
import type { Store } from '../store/store.js'
import { PIPELINE_VERSION } from '../version.js'
import { type ApiEnv, identify } from './auth.js'
import { dashboardAssets } from './dashboard-assets.js'
import type { RouteDeps } from './deps.js'
import { docsRoutes } from './docs.js'
import { ApiError, answerError, errorBody, validationHook } from './errors.js'
import { createRateLimiter } from './rate-limit.js'
import { articleRoutes } from './routes-articles.js'
import { dashboardRoutes } from './routes-dashboard.js'
import { dyadRoutes } from './routes-dyads.js'
import { eventRoutes } from './routes-events.js'
import { exportRoutes } from './routes-export.js'
import { metaRoutes } from './routes-meta.js'
import { queueRoutes } from './routes-queue.js'
import { watchRoutes } from './routes-watches.js'

/** Settings of the API; every limit has a default. */
export interface ApiOptions {
  readonly store: Store
  readonly lexicon: Lexicon
  /** Reads (GET, POST /v1/analyze) need a token too (default false: open, as on 127.0.0.1). */
  readonly readsNeedToken?: boolean
  /** The largest request body in bytes (default 1 MiB); a larger one is answered 413. */
  readonly bodyLimitBytes?: number
  /** Requests a minute per token, or per address without one (default 600; 0: no limit). */
  readonly rateLimitPerMinute?: number
  /** Milliseconds a request may take (default 30 s); the analysis of one document gets the same budget. */
  readonly timeoutMs?: number
  /** Origins allowed to call the API from a browser (default none: CORS closed). */
  readonly corsOrigins?: readonly string[]
  /** How often the event stream polls the store (default 1000 ms). */
  readonly streamPollMs?: number
  /** The most event streams open at once (default 100). */
  readonly maxStreams?: number
  /** Lets URL and feed ingestion read private, loopback and link-local addresses (an intranet); off by default. */
  readonly allowPrivate?: boolean
  /**
   * Overrides for the safe fetcher of URL and feed ingestion (tests give a resolver and a
   * connector that lead to a local server; the contact URL of the User-Agent).
   */
  readonly fetcher?: FetcherOptions
  /** The queue shown and managed at /v1/queue (admin tokens only); the caller opens and closes it. Default none. */
  readonly queue?: QueueMonitor | null
  /** Where a line about an unexpected error goes (default stderr). */
  readonly log?: (line: string) => void
}

/** The API's defaults. */
export const API_DEFAULTS = { bodyLimitBytes: 1024 * 1024, rateLimitPerMinute: 600, timeoutMs: 30_000, streamPollMs: 1000, maxStreams: 100 } as const

/**
 * Builds the HTTP API (Hono) over a store: routes under /v1, the OpenAPI 3.1 document at
 * /openapi.json and a docs page at /docs. Serve it with `startServer`, or test it with
 * `app.request`.
 *
 * @example
 *   const app = createApp({ store, lexicon: createLexicon() })
 *   const res = await app.request('/v1/events?actor=SYR&limit=10')
 */
export function createApp(options: ApiOptions): OpenAPIHono<ApiEnv> {
  const log = options.log ?? ((line: string) => process.stderr.write(`sitrep serve: ${line}\n`))
  const timeoutMs = options.timeoutMs ?? API_DEFAULTS.timeoutMs
  const deps: RouteDeps = {
    store: options.store,
    lexicon: options.lexicon,
    service: createAnalysisService({ store: options.store, lexicon: options.lexicon, maxSeconds: timeoutMs / 1000 }),
    readsOpen: !options.readsNeedToken,
    streamPollMs: options.streamPollMs ?? API_DEFAULTS.streamPollMs,
    maxStreams: options.maxStreams ?? API_DEFAULTS.maxStreams,
    // one request's fetches fit in its time budget: a short total time and one retry
    fetcher: createFetcher({
      allowPrivate: options.allowPrivate ?? false,
      totalTimeoutMs: Math.max(1000, Math.floor(timeoutMs / 4)),
      retries: 1,
      ...options.fetcher,
    }),
    timeoutMs,
    queue: options.queue ?? null,
  }
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook })
  app.onError((err, c) => answerError(err, c, log))
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404))

  app.use(secureHeaders({ strictTransportSecurity: false, crossOriginResourcePolicy: 'same-origin' }))
  app.use(async (c, next) => {
    await next()
    // JSON needs no scripts, frames or anything else; the docs page sets its own policy
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'")
  })
  if (options.corsOrigins?.length) {
    app.use('/v1/*', cors({ origin: [...options.corsOrigins], allowHeaders: ['Authorization', 'Content-Type'], allowMethods: ['GET', 'POST'], maxAge: 600 }))
  }
  const limit = options.bodyLimitBytes ?? API_DEFAULTS.bodyLimitBytes
  app.use(
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `the request body is over ${limit} bytes, the limit`)
      },
    }),
  )
  app.use('/v1/*', identify(options.store, createRateLimiter(options.rateLimitPerMinute ?? API_DEFAULTS.rateLimitPerMinute)))
  // the stream stays open by design; every other request has a time limit
  app.use('/v1/*', async (c, next) => (c.req.path === '/v1/stream' ? next() : timeout(timeoutMs)(c, next)))

  metaRoutes(app, deps)
  eventRoutes(app, deps)
  articleRoutes(app, deps)
  watchRoutes(app, deps)
  queueRoutes(app, deps)
  dyadRoutes(app, deps)
  exportRoutes(app, deps, log)
  dashboardRoutes(app, deps)
  docsRoutes(app)
  dashboardAssets(app)

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token made with `sitrep tokens add NAME --scope read|write|admin`',
  })
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'sitrep API',
      version: PIPELINE_VERSION,
      description: 'News articles to explainable event data: events with their evidence, articles with their layers, analysis on demand.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    servers: [{ url: '/' }],
  })
  return app
}
