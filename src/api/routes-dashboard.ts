import { createRequire } from 'node:module'
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi'
import { otherReports } from '../services/event-reports.js'
import { EVENT_SORTS, SERIES_BUCKETS } from '../store/aggregates.js'
import { EventFilterSchema } from '../store/event-filter.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ApiError } from './errors.js'
import { ErrorSchema, EventIdParams, EventSchema, json, READ_ERRORS } from './schemas.js'

// a whole number from a query string within [min, max]
const whole = (min: number, max: number, description: string) =>
  z
    .string()
    .regex(/^\d{1,6}$/, { message: `expects a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `expects a whole number from ${min} to ${max}` })
    .optional()
    .openapi({ description })

// the aggregates take the event filters of the CLI and GET /v1/events; their own limit means cells, edges or rows
const filters = EventFilterSchema.omit({ limit: true })

/** Query of GET /v1/series. */
export const SeriesQuerySchema = filters
  .extend({
    bucket: z.enum(SERIES_BUCKETS).optional().openapi({ description: 'Count per day (default), ISO week (from Monday) or month' }),
  })
  .strict()

/** Query of GET /v1/places. */
export const PlacesQuerySchema = filters
  .extend({
    zoom: whole(0, 18, 'The map zoom the points are for: cells are about 40 screen pixels wide (default 2)'),
    limit: whole(1, 10_000, 'The most cells, the fullest first (default 5000)'),
  })
  .strict()

/** Query of GET /v1/network. */
export const NetworkQuerySchema = filters
  .extend({
    level: z.enum(['code', 'country']).optional().openapi({ description: 'Actors by whole code (default) or by their first three letters' }),
    limit: whole(1, 1000, 'The most dyads, the busiest first (default 60)'),
  })
  .strict()

/** Query of GET /v1/table. */
export const TableQuerySchema = filters
  .extend({
    sort: z.enum(EVENT_SORTS).optional().openapi({ description: 'The column sorted by (default date)' }),
    order: z.enum(['asc', 'desc']).optional().openapi({ description: 'Ascending or descending (default desc)' }),
    offset: whole(0, 999_999, 'Rows skipped (default 0)'),
    limit: whole(1, 500, 'Rows per page (default 50)'),
  })
  .strict()

const SeriesSchema = z
  .object({
    bucket: z.enum(SERIES_BUCKETS),
    points: z.array(z.object({ period: z.string(), quad: z.number().int(), count: z.number().int(), goldstein: z.number().nullable() })),
  })
  .openapi('Series')

const PlacesSchema = z
  .object({
    cellDegrees: z.number(),
    cells: z.array(
      z.object({
        lat: z.number(),
        lon: z.number(),
        count: z.number().int(),
        quads: z.array(z.number().int()).openapi({ description: 'Events of quad classes 1 to 4' }),
        name: z.string().nullable(),
        eventId: z.number().int().nullable(),
      }),
    ),
    countries: z.array(z.object({ country: z.string(), count: z.number().int(), goldstein: z.number().nullable() })),
  })
  .openapi('Places')

const NetworkSchema = z
  .object({
    nodes: z.array(z.object({ code: z.string(), count: z.number().int(), goldstein: z.number().nullable() })),
    edges: z.array(z.object({ source: z.string(), target: z.string(), count: z.number().int(), goldstein: z.number().nullable() })),
  })
  .openapi('Network')

const TableSchema = z.object({ events: z.array(EventSchema), total: z.number().int(), offset: z.number().int() }).openapi('EventTable')

const ReportsSchema = z.object({ event: EventSchema, clusterId: z.number().int(), others: z.array(EventSchema) }).openapi('EventReports')

/** What a dashboard route says of itself; the method, tags, security and error answers are the same for all. */
type DashboardRoute = Pick<RouteConfig, 'path' | 'summary' | 'description' | 'request' | 'responses'>

/** A map zoom's grid cell in degrees: about 40 pixels of a 256-pixel tile. */
export function cellForZoom(zoom: number): number {
  return 360 / 2 ** zoom / (256 / 40)
}

/**
 * What the dashboard reads, computed by the store: GET /v1/series, /v1/places, /v1/network,
 * /v1/table, /v1/events/{id}/reports and /v1/shapes/countries (the world's country outlines).
 */
export function dashboardRoutes(app: ApiApp, deps: RouteDeps): void {
  const read = requireScope('read', deps.readsOpen)
  const security = deps.readsOpen ? [] : BEARER_SECURITY
  // every dashboard route is a read: a GET with the read scope and the same error answers
  const readRoute = <R extends DashboardRoute>(route: R) =>
    createRoute({ tags: ['dashboard'], security, middleware: [read] as const, method: 'get', ...route, responses: { ...route.responses, ...READ_ERRORS } })

  app.openapi(
    readRoute({
      path: '/v1/series',
      summary: 'Events per day, week or month by quad class, with their mean Goldstein score',
      description: 'Events dated more coarsely than the period (a month only, for a daily series) are left out.',
      request: { query: SeriesQuerySchema },
      responses: { 200: { description: 'The series', content: json(SeriesSchema) } },
    }),
    async (c) => {
      const { bucket = 'day', ...filter } = c.req.valid('query')
      return c.json({ bucket, points: await deps.store.eventSeries(filter, bucket) }, 200)
    },
  )

  app.openapi(
    readRoute({
      path: '/v1/places',
      summary: 'Located events in grid cells for a map zoom, and events per country',
      request: { query: PlacesQuerySchema },
      responses: { 200: { description: 'Cells and countries', content: json(PlacesSchema) } },
    }),
    async (c) => {
      const { zoom = 2, limit = 5000, ...filter } = c.req.valid('query')
      const cellDegrees = cellForZoom(zoom)
      const { cells, countries } = await deps.store.eventPlaces(filter, cellDegrees, limit)
      return c.json({ cellDegrees, cells: cells.map((cell) => ({ ...cell, quads: [...cell.quads] })), countries }, 200)
    },
  )

  app.openapi(
    readRoute({
      path: '/v1/network',
      summary: 'Actors and the dyads between them, with event counts and mean Goldstein scores',
      description: 'Only events with both a source and a target count; a node sums the dyads shown that it is in.',
      request: { query: NetworkQuerySchema },
      responses: { 200: { description: 'Nodes and edges', content: json(NetworkSchema) } },
    }),
    async (c) => {
      const { level = 'code', limit = 60, ...filter } = c.req.valid('query')
      const edges = await deps.store.eventNetwork(filter, level, limit)
      const nodes = new Map<string, { code: string; count: number; sum: number; scored: number }>()
      for (const edge of edges) {
        for (const code of new Set([edge.source, edge.target])) {
          const node = nodes.get(code) ?? { code, count: 0, sum: 0, scored: 0 }
          node.count += edge.count
          if (edge.goldstein !== null) {
            node.sum += edge.goldstein * edge.count
            node.scored += edge.count
          }
          nodes.set(code, node)
        }
      }
      const shown = [...nodes.values()].map((n) => ({
        code: n.code,
        count: n.count,
        goldstein: n.scored ? Math.round((n.sum / n.scored) * 1000) / 1000 : null,
      }))
      return c.json({ nodes: shown, edges }, 200)
    },
  )

  app.openapi(
    readRoute({
      path: '/v1/table',
      summary: 'A page of the events the filters match, sorted by a column, with their total',
      request: { query: TableQuerySchema },
      responses: { 200: { description: 'A page of events', content: json(TableSchema) } },
    }),
    async (c) => {
      const { sort = 'date', order = 'desc', offset = 0, limit = 50, ...filter } = c.req.valid('query')
      const page = await deps.store.eventTable(filter, { sort, descending: order === 'desc', offset, limit })
      return c.json({ ...page, offset }, 200)
    },
  )

  app.openapi(
    readRoute({
      path: '/v1/events/{id}/reports',
      summary: 'Other reports of the same real-world event (its cluster)',
      description: 'Events of the same CAMEO family and dyad close in date and place, as `sitrep` clusters them.',
      request: { params: EventIdParams },
      responses: {
        200: { description: 'The event and the other reports', content: json(ReportsSchema) },
        404: { description: 'No such event', content: json(ErrorSchema) },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const reports = await otherReports(deps.store, id)
      if (!reports) throw new ApiError(404, 'not_found', `no event ${id}`)
      return c.json(reports, 200)
    },
  )

  let shapes: string | null = null
  app.get('/v1/shapes/countries', (c) => {
    shapes ??= JSON.stringify(countryShapes())
    return c.body(shapes, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=86400' })
  })
}

interface Topology {
  objects: { countries: { geometries: { id?: string; properties?: Record<string, unknown> }[] } }
}

// The world's countries at 1:110m (Natural Earth via the world-atlas package) as TopoJSON, each
// outline with its ISO alpha-3 code (from world-countries), the code events carry.
function countryShapes(): Topology {
  const require = createRequire(import.meta.url)
  const topology = structuredClone(require('world-atlas/countries-110m.json') as Topology)
  const countries = require('world-countries') as { ccn3: string; cca3: string }[]
  const alpha3 = new Map(countries.map((c) => [c.ccn3, c.cca3]))
  for (const g of topology.objects.countries.geometries) g.properties = { ...g.properties, iso3: (g.id && alpha3.get(g.id)) ?? null }
  return topology
}
