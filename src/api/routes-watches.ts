import { createRoute, z } from '@hono/zod-openapi'
import type { StoredAlert } from '../store/watches.js'
import { alertsFeed } from '../watch/atom.js'
import { publicWatch, WATCH_NAME } from '../watch/manage.js'
import { WATCH_KINDS } from '../watch/rule.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ApiError } from './errors.js'
import { ErrorSchema, EventSchema, json, PageCursor, pageSize, READ_ERRORS } from './schemas.js'

/** The largest page of alerts one request gets, and the default. */
const MAX_ALERTS = 500
const DEFAULT_ALERTS = 50

/** A watch as listed: its rule and its webhook's host, never the webhook's secret. */
export const WatchSchema = z
  .object({
    name: z.string(),
    rule: z.object({
      match: z.record(z.string(), z.unknown()),
      when: z.enum(WATCH_KINDS),
      windowDays: z.number().int(),
      baselineDays: z.number().int(),
      threshold: z.number(),
      minEvents: z.number().int(),
    }),
    webhook: z.string().nullable().openapi({ description: "The host alerts are posted to (the URL's host only), or null" }),
    createdAt: z.string(),
    afterEventId: z.number().int().openapi({ description: 'The last event the watch has looked at' }),
  })
  .openapi('Watch')

// an event an alert cites: the stored event's fields, its actors by code, and its article's URL
const EvidenceSchema = EventSchema.pick({
  id: true,
  date: true,
  cameo: true,
  cameoName: true,
  goldstein: true,
  evidence: true,
  articleId: true,
  articleTitle: true,
}).extend({ source: z.string().nullable(), target: z.string().nullable(), articleUrl: z.string().nullable() })

/** An alert with the figures and the events that made it fire. */
export const AlertSchema = z
  .object({
    id: z.number().int(),
    watch: z.string(),
    kind: z.enum(WATCH_KINDS),
    key: z.string().openapi({ description: 'What makes it fire once: the window start, or first:ROOT' }),
    windowStart: z.string(),
    windowEnd: z.string(),
    summary: z.string(),
    firedAt: z.string(),
    delivery: z.enum(['none', 'pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    deliveryError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    eventCount: z.number().int(),
    events: z.array(EvidenceSchema.passthrough()),
  })
  .openapi('Alert')

const AlertsQuerySchema = z
  .object({
    watch: z.string().regex(WATCH_NAME, { message: 'expects a watch name' }).optional(),
    limit: pageSize(MAX_ALERTS).openapi({ description: `Alerts per page (default ${DEFAULT_ALERTS})` }),
    cursor: PageCursor,
  })
  .strict()

const WatchNameParams = z.object({
  name: z
    .string()
    .regex(WATCH_NAME, { message: 'expects a watch name' })
    .openapi({ param: { name: 'name', in: 'path' }, example: 'isr-irn' }),
})

/** An alert as the API shows it: the stored alert with its detail (figures, evidence) unfolded. */
export function alertView(a: StoredAlert): z.infer<typeof AlertSchema> {
  const detail = JSON.parse(a.detail) as { figures: Record<string, number | string | null>; eventCount: number; events: z.infer<typeof EvidenceSchema>[] }
  const { detail: _detail, ...rest } = a
  return { ...rest, kind: a.kind as z.infer<typeof AlertSchema>['kind'], figures: detail.figures, eventCount: detail.eventCount, events: detail.events }
}

/** GET /v1/watches, GET /v1/alerts (newest first, a page at a time) and GET /v1/watches/{name}/alerts.atom. */
export function watchRoutes(app: ApiApp, deps: RouteDeps): void {
  const read = requireScope('read', deps.readsOpen)
  const security = deps.readsOpen ? [] : BEARER_SECURITY

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/watches',
      summary: 'The watches (sitrep watch add), with their rules',
      tags: ['watches'],
      security,
      middleware: [read] as const,
      responses: { 200: { description: 'Every watch', content: json(z.object({ watches: z.array(WatchSchema) })) }, ...READ_ERRORS },
    }),
    async (c) => c.json({ watches: (await deps.store.listWatches()).map(publicWatch) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/alerts',
      summary: "Alerts, newest first, with the events that caused them; one watch's with ?watch=",
      description: 'Pages follow `next` until it is null; a dashboard polls the first page for new ids.',
      tags: ['watches'],
      security,
      middleware: [read] as const,
      request: { query: AlertsQuerySchema },
      responses: {
        200: { description: 'A page of alerts', content: json(z.object({ alerts: z.array(AlertSchema), next: z.string().nullable() })) },
        ...READ_ERRORS,
      },
    }),
    async (c) => {
      const { watch, limit, cursor } = c.req.valid('query')
      const size = limit ?? DEFAULT_ALERTS
      const rows = await deps.store.listAlerts({ ...(watch !== undefined && { watch }), ...(cursor !== undefined && { before: cursor }), limit: size + 1 })
      const alerts = rows.slice(0, size)
      const last = alerts[alerts.length - 1]
      return c.json({ alerts: alerts.map(alertView), next: rows.length > size && last ? String(last.id) : null }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/watches/{name}/alerts.atom',
      summary: "A watch's alerts as an Atom feed (the latest 50)",
      tags: ['watches'],
      security,
      middleware: [read] as const,
      request: { params: WatchNameParams },
      responses: {
        200: { description: 'An Atom 1.0 feed', content: { 'application/atom+xml': { schema: z.string() } } },
        404: { description: 'No such watch', content: json(ErrorSchema) },
        ...READ_ERRORS,
      },
    }),
    async (c) => {
      const { name } = c.req.valid('param')
      const watch = await deps.store.getWatch(name)
      if (!watch) throw new ApiError(404, 'not_found', `no watch "${name}" (see GET /v1/watches)`)
      const alerts = await deps.store.listAlerts({ watch: name, limit: DEFAULT_ALERTS })
      return c.body(alertsFeed(watch, alerts, c.req.url), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
    },
  )
}
