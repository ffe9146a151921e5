import { Writable } from 'node:stream'
import { createRoute, z } from '@hono/zod-openapi'
import { EXPORT_FORMATS, type ExportFormat, exportEvents } from '../exports/export-events.js'
import { EventFilterSchema } from '../store/event-filter.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ErrorSchema } from './schemas.js'

/** Query of GET /v1/export: the shared filters and `sitrep export`'s --format and --mentions. */
export const ExportQuerySchema = EventFilterSchema.extend({
  format: z.enum(EXPORT_FORMATS, { error: `expects one of ${EXPORT_FORMATS.join(', ')}` }).openapi({ example: 'jsonl' }),
  mentions: z
    .enum(['true', 'false'], { error: 'expects true or false' })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'With format=gdelt: the GDELT Mentions table instead of the Events table' }),
})
  .strict()
  .refine((q) => !q.mentions || q.format === 'gdelt', { message: 'mentions goes with format=gdelt (the GDELT Mentions table)', path: ['mentions'] })

const MEDIA: Record<ExportFormat, string> = {
  gdelt: 'text/tab-separated-values; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
}
const EXTENSION: Record<ExportFormat, string> = { gdelt: 'tsv', csv: 'csv', jsonl: 'jsonl', geojson: 'geojson', parquet: 'parquet' }

/**
 * A Node writable whose chunks are the body of a web response, with backpressure both ways:
 * the writer waits while the client reads slowly, and a client that goes away ends the writer
 * with an error (so an export waiting to write stops instead of waiting for ever).
 */
function responseSink(): { sink: Writable; body: ReadableStream<Uint8Array>; fail: (e: unknown) => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let pending: (() => void) | null = null
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c
      },
      pull: () => {
        const resume = pending
        pending = null
        resume?.()
      },
      cancel: () => {
        sink.destroy(new Error('the client closed the export'))
      },
    },
    { highWaterMark: 4 },
  )
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer | string, _encoding, done) {
      controller.enqueue(typeof chunk === 'string' ? Buffer.from(chunk) : new Uint8Array(chunk))
      if ((controller.desiredSize ?? 0) > 0) done()
      else pending = done
    },
    final(done) {
      controller.close()
      done()
    },
  })
  // an error after the client left has no one to tell; the export sees it through its own wait
  sink.on('error', () => undefined)
  const fail = (e: unknown): void => {
    sink.destroy()
    try {
      controller.error(e)
    } catch {
      // the body was closed or cancelled already
    }
  }
  return { sink, body, fail }
}

/** GET /v1/export: the events a filter matches in a format, streamed as `sitrep export` writes them. */
export function exportRoutes(app: ApiApp, deps: RouteDeps, log: (line: string) => void): void {
  const text = (description: string) => ({ schema: z.string().openapi({ description }) })
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/export',
      summary: 'The matching events as GDELT, CSV, JSON Lines or GeoJSON, streamed',
      description:
        "The filters are the CLI's flags (`sitrep export --format jsonl --actor SYR --since 2025-07-01`). The body is written as the store is read, with flat memory on any number of events; a failure part-way ends the body early (the status is already sent).",
      tags: ['events'],
      security: deps.readsOpen ? [] : BEARER_SECURITY,
      middleware: [requireScope('read', deps.readsOpen)] as const,
      request: { query: ExportQuerySchema },
      responses: {
        200: {
          description: 'The export',
          content: {
            'text/tab-separated-values': text('GDELT 2.0 Events (61 columns) or, with mentions=true, Mentions (16 columns), without a header'),
            'text/csv': text('A header line, then one line per event'),
            'application/x-ndjson': text('One event as JSON a line'),
            'application/geo+json': text('A FeatureCollection of the events that have a place'),
          },
        },
        400: { description: 'A missing or unknown format, or a malformed or unknown filter', content: { 'application/json': { schema: ErrorSchema } } },
        401: { description: 'A bad, revoked or (when reads need one) missing token', content: { 'application/json': { schema: ErrorSchema } } },
        429: { description: 'Over the rate limit', content: { 'application/json': { schema: ErrorSchema } } },
      },
    }),
    (c) => {
      const { format, mentions, ...filter } = c.req.valid('query')
      const { sink, body, fail } = responseSink()
      exportEvents(deps.store, filter, { format, mentions: mentions ?? false }, sink).then(
        () => sink.end(),
        (e: unknown) => {
          // a client that left is no failure; anything else is logged, and the body ends with an
          // error so the client sees a cut transfer rather than a short file
          if (!sink.destroyed) log(`export failed part-way: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
          fail(e)
        },
      )
      const name = `sitrep-events${mentions ? '-mentions' : ''}.${EXTENSION[format]}`
      return c.body(body, 200, { 'Content-Type': MEDIA[format], 'Content-Disposition': `attachment; filename="${name}"` })
    },
  )
}
