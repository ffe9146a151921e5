import { createRoute, z } from '@hono/zod-openapi'
import type { Input } from '../core/doc.js'
import type { Output } from '../output.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ApiError } from './errors.js'
import { ingestFromWeb, SourceIngestResultSchema } from './routes-ingest.js'
import {
  AnalysisSchema,
  AnalyzeBodySchema,
  ArticleIdParams,
  ArticleQuerySchema,
  ArticleSchema,
  ErrorSchema,
  IngestBodySchema,
  IngestResultSchema,
  json,
} from './schemas.js'

const refusals = {
  400: { description: 'Malformed JSON or an invalid field', content: json(ErrorSchema) },
  401: { description: 'A missing, bad or revoked token', content: json(ErrorSchema) },
  413: { description: 'The body is over the size limit', content: json(ErrorSchema) },
  422: {
    description: 'The document could not be analysed (empty, not text, over the time budget), or a URL was refused or is not a page or feed',
    content: json(ErrorSchema),
  },
  429: { description: 'Over the rate limit', content: json(ErrorSchema) },
}

// the output model's TypeScript type is readonly and exact; the schema describes it as JSON
const asJson = (analysis: Output | Record<string, unknown>): z.infer<typeof AnalysisSchema> => analysis as unknown as z.infer<typeof AnalysisSchema>

/** The document fields of a request as a pipeline input (absent fields stay absent). */
function inputOf(body: {
  id?: string | undefined
  text?: string | undefined
  html?: string | undefined
  url?: string | undefined
  published?: string | undefined
  clean?: boolean | undefined
}): Input {
  return Object.fromEntries(
    Object.entries({ id: body.id, text: body.text, html: body.html, url: body.url, published: body.published, clean: body.clean }).filter(
      ([, v]) => v !== undefined,
    ),
  )
}

/** POST /v1/analyze (nothing stored), POST /v1/articles (ingest) and GET /v1/articles/{id}. */
export function articleRoutes(app: ApiApp, deps: RouteDeps): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/analyze',
      summary: 'Analyse a text or an HTML page without storing it',
      tags: ['analysis'],
      security: deps.readsOpen ? [] : BEARER_SECURITY,
      middleware: [requireScope('read', deps.readsOpen)] as const,
      request: { body: { required: true, content: json(AnalyzeBodySchema) } },
      responses: { 200: { description: 'The output model (DESIGN §2)', content: json(AnalysisSchema) }, ...refusals },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const result = deps.service.analyze(inputOf(body), body.stages)
      if (!result.ok) throw new ApiError(422, 'analysis_failed', result.error)
      return c.json(asJson(result.output), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/articles',
      summary: 'Analyse a text, an HTML page, a URL or a feed and store it once',
      description:
        'With `text` or `html` the document is analysed as sent (`url` is kept as metadata). A `url` alone, or a `feed`, is read through the safe fetcher: a page is stored once; a feed, sitemap or OPML file has its items fetched and stored, each once. Private, loopback and link-local addresses are refused (422 `url_refused`) unless the server was started with --allow-private. Reading stops starting new items at half the request time limit (`complete: false`): post the same URL again to go on.',
      tags: ['articles'],
      security: BEARER_SECURITY,
      middleware: [requireScope('write', deps.readsOpen)] as const,
      request: { body: { required: true, content: json(IngestBodySchema) } },
      responses: {
        201: { description: 'Stored (for a URL or a feed: at least one new article)', content: json(z.union([IngestResultSchema, SourceIngestResultSchema])) },
        200: { description: 'The same text, or every item, was stored before', content: json(z.union([IngestResultSchema, SourceIngestResultSchema])) },
        403: { description: 'The token may not write', content: json(ErrorSchema) },
        502: { description: 'The remote site answered an error or could not be reached', content: json(ErrorSchema) },
        504: { description: 'The remote site did not answer in time', content: json(ErrorSchema) },
        ...refusals,
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const target = body.feed ?? (body.text === undefined && body.html === undefined ? body.url : undefined)
      if (target !== undefined) {
        if (body.feed !== undefined && (body.text !== undefined || body.html !== undefined || body.url !== undefined))
          throw new ApiError(400, 'invalid_request', '"feed" goes alone: its items are fetched (send "text" or "html" with "url" for one page)', 'feed')
        if (body.id !== undefined || body.clean !== undefined)
          throw new ApiError(
            400,
            'invalid_request',
            '"id" and "clean" go with "text" or "html", not with a page or feed to fetch',
            body.id !== undefined ? 'id' : 'clean',
          )
        const fetched = await ingestFromWeb(deps, target, body.published)
        return c.json(fetched.body, fetched.status)
      }
      const result = await deps.service.ingest(inputOf(body))
      if (!result.ok) throw new ApiError(422, 'analysis_failed', result.error)
      const { ok: _, ...stored } = result
      return c.json(stored, stored.inserted ? 201 : 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/articles/{id}',
      summary: 'A stored article with its layers',
      tags: ['articles'],
      security: deps.readsOpen ? [] : BEARER_SECURITY,
      middleware: [requireScope('read', deps.readsOpen)] as const,
      request: { params: ArticleIdParams, query: ArticleQuerySchema },
      responses: {
        200: { description: 'The article', content: json(ArticleSchema) },
        404: { description: 'No such article', content: json(ErrorSchema) },
        400: refusals[400],
        401: refusals[401],
        429: refusals[429],
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { layers } = c.req.valid('query')
      const article = await deps.store.getArticle(id)
      if (!article) throw new ApiError(404, 'not_found', `no article ${id}`)
      const wanted = layers ? new Set(['id', ...layers.split(',')]) : null
      const analysis = wanted ? Object.fromEntries(Object.entries(article.analysis).filter(([k]) => wanted.has(k))) : article.analysis
      return c.json(
        {
          id: article.id,
          title: article.title,
          url: article.url,
          published: article.published,
          pipelineVersion: article.pipelineVersion,
          analysis: asJson(analysis),
        },
        200,
      )
    },
  )
}
