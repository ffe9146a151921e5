import { createRoute } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ApiError } from './errors.js'
import { DEFAULT_PAGE, ErrorSchema, EventDetailSchema, EventIdParams, EventSchema, EventsPageSchema, EventsQuerySchema, StreamQuerySchema } from './schemas.js'

const json = <T>(schema: T) => ({ 'application/json': { schema } })
const errors = {
  400: { description: 'A malformed or unknown query parameter', content: json(ErrorSchema) },
  401: { description: 'A bad, revoked or (when reads need one) missing token', content: json(ErrorSchema) },
  429: { description: 'Over the rate limit', content: json(ErrorSchema) },
}

// how many new events one poll of the stream sends at most (the next poll sends the rest)
const STREAM_BATCH = 500
// a comment line now and then keeps proxies from closing a quiet stream
const HEARTBEAT_MS = 15_000

/** GET /v1/events, GET /v1/events/{id} and GET /v1/stream (Server-Sent Events of new events). */
export function eventRoutes(app: ApiApp, deps: RouteDeps): void {
  const read = requireScope('read', deps.readsOpen)
  const security = deps.readsOpen ? [] : BEARER_SECURITY

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events',
      summary: 'Events matching the filters, a page at a time',
      description: "The filters are the CLI's flags (`sitrep query events`); pages follow `next` until it is null.",
      tags: ['events'],
      security,
      middleware: [read] as const,
      request: { query: EventsQuerySchema },
      responses: { 200: { description: 'A page of events', content: json(EventsPageSchema) }, ...errors },
    }),
    async (c) => {
      const { cursor, limit, ...filter } = c.req.valid('query')
      const size = limit ?? DEFAULT_PAGE
      // one more than the page tells whether another page follows
      const rows = await deps.store.queryEvents({ ...filter, limit: size + 1 }, cursor)
      const events = rows.slice(0, size)
      const last = events[events.length - 1]
      return c.json({ events, next: rows.length > size && last ? String(last.id) : null }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events/{id}',
      summary: 'One event with its evidence and its article',
      tags: ['events'],
      security,
      middleware: [read] as const,
      request: { params: EventIdParams },
      responses: {
        200: { description: 'The event', content: json(EventDetailSchema) },
        404: { description: 'No such event', content: json(ErrorSchema) },
        ...errors,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const event = await deps.store.getEvent(id)
      if (!event) throw new ApiError(404, 'not_found', `no event ${id}`)
      const article = await deps.store.getArticle(event.articleId)
      return c.json(
        {
          event: event,
          article: { id: event.articleId, title: article?.title ?? event.articleTitle, url: article?.url ?? null, published: article?.published ?? null },
          evidence: { sentence: event.evidence, start: event.sentenceStart, end: event.sentenceEnd, trigger: event.triggerText, rule: event.rule },
        },
        200,
      )
    },
  )

  let open = 0
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stream',
      summary: 'New events as they are stored (Server-Sent Events)',
      description: `Each message is an \`event\` with the event as JSON and its id; the store is polled every ${deps.streamPollMs} ms.`,
      tags: ['events'],
      security,
      middleware: [read] as const,
      request: { query: StreamQuerySchema },
      responses: {
        200: { description: 'A text/event-stream of events', content: { 'text/event-stream': { schema: EventSchema } } },
        503: { description: 'Too many streams open', content: json(ErrorSchema) },
        ...errors,
      },
    }),
    async (c) => {
      const { after } = c.req.valid('query')
      const lastSeen = c.req.header('last-event-id')
      if (open >= deps.maxStreams)
        throw new ApiError(503, 'too_many_streams', `${deps.maxStreams} streams are open, the most this server keeps: try again later`)
      let last = after ?? (lastSeen && /^\d{1,15}$/.test(lastSeen) ? Number(lastSeen) : await deps.store.latestEventId())
      open++
      return streamSSE(c, async (stream) => {
        let quiet = 0
        try {
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after: last }) })
          while (!stream.aborted && !stream.closed) {
            const events = await deps.store.eventsSince(last, STREAM_BATCH)
            for (const e of events) {
              await stream.writeSSE({ event: 'event', id: String(e.id), data: JSON.stringify(e) })
              last = e.id
            }
            if (events.length === STREAM_BATCH) continue
            quiet += deps.streamPollMs
            if (quiet >= HEARTBEAT_MS) {
              quiet = 0
              await stream.write(': keep-alive\n\n')
            }
            await stream.sleep(deps.streamPollMs)
          }
        } finally {
          open--
        }
      })
    },
  )
}
