import { createRoute, z } from '@hono/zod-openapi'
import { dyadSeries, type SeriesRow, type SeriesStep } from '../exports/dyad-series.js'
import { csvCell } from '../exports/export-events.js'
import { EventFilterSchema } from '../store/event-filter.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ErrorSchema, json } from './schemas.js'

const STEPS = ['day', 'week', 'month'] as const satisfies readonly SeriesStep[]

/** Query of GET /v1/dyads/series: the shared filters (an actor among them) and `sitrep query dyads`'s --by and --format. */
export const DyadSeriesQuerySchema = EventFilterSchema.extend({
  by: z
    .enum(STEPS, { error: `expects one of ${STEPS.join(', ')}` })
    .optional()
    .openapi({ description: 'The period of a row (default day; a week starts on Monday)', example: 'month' }),
  format: z
    .enum(['json', 'csv'], { error: 'expects json or csv' })
    .optional()
    .openapi({ description: 'json (default) or csv, the columns of `sitrep query dyads`' }),
})
  .strict()
  .refine((q) => q.actor1 !== undefined || q.actor2 !== undefined || q.actor !== undefined, {
    message: 'a dyad series needs actor1 and/or actor2 (or actor)',
    path: ['actor1'],
  })

const SeriesRowSchema = z.object({
  period: z.string().openapi({ description: 'The first day of the period (YYYY-MM-DD), or its month (YYYY-MM)' }),
  events: z.number().int(),
  verbalCooperation: z.number().int(),
  materialCooperation: z.number().int(),
  verbalConflict: z.number().int(),
  materialConflict: z.number().int(),
  goldsteinSum: z.number(),
  goldsteinMean: z.number().nullable(),
  toneMean: z.number().nullable().openapi({ description: "The mean tone of the events' articles" }),
})

/** A dyad series as JSON. */
export const DyadSeriesSchema = z
  .object({
    by: z.enum(STEPS),
    filter: z.record(z.string(), z.unknown()).openapi({ description: 'The filter as understood (actor codes in capitals)' }),
    undated: z.number().int().openapi({ description: 'Matching events left out: no date, or a date coarser than the period' }),
    rows: z.array(SeriesRowSchema),
  })
  .openapi('DyadSeries')

const COLUMNS = Object.keys(SeriesRowSchema.shape) as (keyof SeriesRow)[]

/** GET /v1/dyads/series: what `sitrep query dyads` prints, per day, week or month. */
export function dyadRoutes(app: ApiApp, deps: RouteDeps): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/dyads/series',
      summary: "A dyad's events per day, week or month: counts per quad class, Goldstein sum and mean, mean tone",
      description:
        "The filters are the CLI's flags (`sitrep query dyads --actor1 RUS --actor2 SYR --by week`); actor1 is the source, actor2 the target, actor either.",
      tags: ['events'],
      security: deps.readsOpen ? [] : BEARER_SECURITY,
      middleware: [requireScope('read', deps.readsOpen)] as const,
      request: { query: DyadSeriesQuerySchema },
      responses: {
        200: {
          description: 'The series, oldest period first',
          content: { ...json(DyadSeriesSchema), 'text/csv': { schema: z.string().openapi({ description: 'A header line, then one line per period' }) } },
        },
        400: { description: 'No actor, or a malformed or unknown parameter', content: json(ErrorSchema) },
        401: { description: 'A bad, revoked or (when reads need one) missing token', content: json(ErrorSchema) },
        429: { description: 'Over the rate limit', content: json(ErrorSchema) },
      },
    }),
    async (c) => {
      const { by, format, ...filter } = c.req.valid('query')
      const step = by ?? 'day'
      const { rows, undated } = await dyadSeries(deps.store, filter, step)
      if (format === 'csv') {
        const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((k) => csvCell(r[k])).join(','))]
        return c.body(`${lines.join('\n')}\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'X-Sitrep-Undated': String(undated) })
      }
      return c.json({ by: step, filter: { ...filter }, undated, rows }, 200)
    },
  )
}
