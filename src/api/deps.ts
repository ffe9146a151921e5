import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Lexicon } from '../lexicon/lexicon.js'
import type { AnalysisService } from '../services/analysis-service.js'
import type { QueueMonitor } from '../services/queue-monitor.js'
import type { Fetcher } from '../sources/safe-fetch.js'
import type { Store } from '../store/store.js'
import type { ApiEnv } from './auth.js'

/** The app routes are added to. */
export type ApiApp = OpenAPIHono<ApiEnv>

/** What route handlers use: the store, the lexicon, the analysis service and the settings. */
export interface RouteDeps {
  readonly store: Store
  readonly lexicon: Lexicon
  readonly service: AnalysisService
  /** Reads (GET, analyze) need no token. */
  readonly readsOpen: boolean
  /** How often the stream of new events polls the store (ms). */
  readonly streamPollMs: number
  /** The most streams open at once. */
  readonly maxStreams: number
  /** The one safe fetcher of the server (URL and feed ingestion): its per-host spacing and robots.txt cache are shared by every request. */
  readonly fetcher: Fetcher
  /** Milliseconds a request may take. */
  readonly timeoutMs: number
  /** The queue the server shows (GET /v1/queue and its actions); null when it shows none. */
  readonly queue: QueueMonitor | null
}

/** The OpenAPI security requirement of a route that needs a bearer token. */
export const BEARER_SECURITY = [{ bearer: [] }]
