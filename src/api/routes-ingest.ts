import { z } from '@hono/zod-openapi'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ingestWebSource, type WebIngestResult } from '../services/web-ingest.js'
import { PIPELINE_VERSION } from '../version.js'
import type { RouteDeps } from './deps.js'
import { ApiError } from './errors.js'

/** What reading a URL or a feed stored: the counts and one entry per document. */
export const SourceIngestResultSchema = z
  .object({
    source: z.string().openapi({ description: 'The URL read' }),
    complete: z.boolean().openapi({ description: 'false when the time budget ran out first: post the same URL again to go on (stored items are skipped)' }),
    seen: z.number().int(),
    inserted: z.number().int(),
    duplicates: z.number().int(),
    copies: z.number().int().openapi({ description: 'New articles that are near-duplicates of stored ones (the same story elsewhere)' }),
    failed: z.number().int(),
    events: z.number().int().openapi({ description: 'Events the new articles brought' }),
    documents: z.array(
      z.object({
        url: z.string().nullable(),
        status: z.enum(['new', 'duplicate', 'copy', 'failed']),
        articleId: z.string().optional(),
        copyOf: z.string().optional(),
        events: z.number().int().optional(),
        error: z.string().optional(),
      }),
    ),
    problems: z.array(z.string()).openapi({ description: 'Lists or documents that could not be read; the rest was read' }),
  })
  .openapi('SourceIngestResult')

type SourceIngestResult = z.infer<typeof SourceIngestResultSchema>

// Why the URL itself could not be read, as an HTTP answer: the client's URL (4xx) or the remote site (5xx).
const FAILURES: Record<NonNullable<WebIngestResult['failure']>['kind'], [ContentfulStatusCode, string]> = {
  refused: [422, 'url_refused'],
  robots: [422, 'robots_disallowed'],
  'content-type': [422, 'not_a_source'],
  'not-a-source': [422, 'not_a_source'],
  'too-large': [422, 'too_large'],
  http: [502, 'upstream_error'],
  network: [502, 'upstream_error'],
  redirects: [502, 'upstream_error'],
  timeout: [504, 'upstream_timeout'],
}

/**
 * POST /v1/articles with a `url` (and no text or html) or a `feed`: the page or list is read
 * through the app's one safe fetcher (private addresses refused unless the server allows
 * them), within half the request's time budget. Throws an ApiError when nothing could be read.
 */
export async function ingestFromWeb(deps: RouteDeps, url: string, published: string | undefined): Promise<{ status: 200 | 201; body: SourceIngestResult }> {
  const result = await ingestWebSource(url, {
    store: deps.store,
    analyzer: deps.service.analyzer(),
    fetcher: deps.fetcher,
    pipelineVersion: PIPELINE_VERSION,
    budgetMs: Math.max(1000, Math.floor(deps.timeoutMs / 2)),
    ...(published && { published }),
  })
  if (result.failure) {
    const [status, code] = FAILURES[result.failure.kind]
    // the fetcher speaks to the CLI user; the server's own switch has the same name
    const message = result.failure.message.replace('(use --allow-private for an intranet)', '(a server started with --allow-private reads intranets)')
    throw new ApiError(status, code, message, 'url')
  }
  const { stats } = result
  if (stats.inserted + stats.duplicates === 0 && stats.failed > 0) {
    throw new ApiError(422, 'analysis_failed', `nothing could be stored from ${url}: ${result.problems[0] ?? 'every document failed'}`)
  }
  const body: SourceIngestResult = {
    source: url,
    complete: result.complete,
    seen: stats.seen,
    inserted: stats.inserted,
    duplicates: stats.duplicates,
    copies: stats.copies,
    failed: stats.failed,
    events: stats.events,
    documents: result.documents.map((d) => ({
      url: d.url,
      status: d.status,
      ...(d.id !== undefined && { articleId: d.id }),
      ...(d.copyOf !== undefined && { copyOf: d.copyOf }),
      ...(d.events !== undefined && { events: d.events }),
      ...(d.error !== undefined && { error: d.error }),
    })),
    problems: [...result.problems],
  }
  return { status: stats.inserted > 0 ? 201 : 200, body }
}
