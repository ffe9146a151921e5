import { createRoute } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import type { StoredEvent } from '../store/store.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ApiError } from './errors.js'
import {
  DEFAULT_PAGE,
  ErrorSchema,
  EventDetailSchema,
  EventIdParams,
  EventSchema,
  EventsPageSchema,
  EventsQuerySchema,
  json,
  READ_ERRORS,
  StreamQuerySchema,
} from './schemas.js'

// how many new events one poll of the stream sends at most (the next poll sends the rest)
const STREAM_BATCH = 500
// a comment line now and then keeps proxies from closing a quiet stream
const HEARTBEAT_MS = 15_000
// how many sent ids a stream keeps, to send a late-committed event once and only once
const SENT_KEPT = 10_000

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
      responses: { 200: { description: 'A page of events', content: json(EventsPageSchema) }, ...READ_ERRORS },
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
        ...READ_ERRORS,
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
  const watched = deps.store.watchEvents !== undefined
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stream',
      summary: 'New events as they are stored (Server-Sent Events)',
      description: watched
        ? "Each message is an `event` with the event as JSON and its id. The store tells the server of each committed write (PostgreSQL LISTEN/NOTIFY), so events written by workers and other processes arrive at once. The filters are the CLI's flags."
        : `Each message is an \`event\` with the event as JSON and its id; the store is polled every ${deps.streamPollMs} ms. The filters are the CLI's flags.`,
      tags: ['events'],
      security,
      middleware: [read] as const,
      request: { query: StreamQuerySchema },
      responses: {
        200: { description: 'A text/event-stream of events', content: { 'text/event-stream': { schema: EventSchema } } },
        503: { description: 'Too many streams open', content: json(ErrorSchema) },
        ...READ_ERRORS,
      },
    }),
    async (c) => {
      const { after, ...filter } = c.req.valid('query')
      const lastSeen = c.req.header('last-event-id')
      if (open >= deps.maxStreams)
        throw new ApiError(503, 'too_many_streams', `${deps.maxStreams} streams are open, the most this server keeps: try again later`)
      let last = after ?? (lastSeen && /^\d{1,15}$/.test(lastSeen) ? Number(lastSeen) : await deps.store.latestEventId())
      open++
      // woken by the store's notices (PostgreSQL) or by the poll timer (SQLite)
      let wake: (() => void) | null = null
      let told = false
      // the smallest id of a write that committed after later events were sent
      let rewind: number | null = null
      // a late write below where the stream began is not this stream's to send
      const sent = recentIds(SENT_KEPT, last)
      let unwatch: (() => Promise<void>) | null = null
      if (deps.store.watchEvents) {
        try {
          unwatch = await deps.store.watchEvents((first) => {
            if (first !== null && first <= last) rewind = Math.min(rewind ?? first, first)
            told = true
            wake?.()
          })
        } catch (e) {
          open--
          throw e
        }
      }
      const nap = (ms: number): Promise<void> =>
        told
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const timer = setTimeout(done, ms)
              wake = done
              function done(): void {
                clearTimeout(timer)
                wake = null
                resolve()
              }
            })
      return streamSSE(c, async (stream) => {
        stream.onAbort(() => wake?.())
        const send = async (e: StoredEvent): Promise<void> => {
          await stream.writeSSE({ event: 'event', id: String(e.id), data: JSON.stringify(e) })
          sent.add(e.id)
          spoke = Date.now()
        }
        let spoke = Date.now()
        try {
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ after: last }) })
          while (!stream.aborted && !stream.closed) {
            told = false
            if (rewind !== null) {
              // a write committed late: its events have ids below ones already sent
              let from = rewind - 1
              rewind = null
              for (;;) {
                const events = await deps.store.eventsSince(from, STREAM_BATCH, filter)
                for (const e of events) if (e.id <= last && e.id > sent.floor() && !sent.has(e.id)) await send(e)
                const end = events[events.length - 1]
                if (events.length < STREAM_BATCH || !end || end.id >= last) break
                from = end.id
              }
            }
            const events = await deps.store.eventsSince(last, STREAM_BATCH, filter)
            for (const e of events) {
              await send(e)
              last = e.id
            }
            if (events.length === STREAM_BATCH) continue
            // a store that tells of its writes is still read now and then, in case a notice was lost
            const pause = unwatch ? HEARTBEAT_MS : deps.streamPollMs
            if (Date.now() - spoke >= HEARTBEAT_MS) {
              spoke = Date.now()
              await stream.write(': keep-alive\n\n')
            }
            // a client that left while this pass ran is not waited for
            if (!stream.aborted) await nap(pause)
          }
        } finally {
          open--
          await unwatch?.().catch(() => undefined)
        }
      })
    },
  )
}

/** The ids a stream sent lately, at most `keep` of them: those above `floor()` (at first `start`) are known, those below forgotten. */
function recentIds(keep: number, start: number): { add(id: number): void; has(id: number): boolean; floor(): number } {
  const ids = new Set<number>()
  const order: number[] = []
  let floor = start
  return {
    add(id) {
      if (ids.has(id)) return
      ids.add(id)
      order.push(id)
      if (order.length > keep) {
        const dropped = order.splice(0, order.length - keep)
        for (const d of dropped) {
          ids.delete(d)
          floor = Math.max(floor, d)
        }
      }
    },
    has: (id) => ids.has(id),
    floor: () => floor,
  }
}
