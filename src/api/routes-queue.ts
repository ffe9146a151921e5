import { createRoute, z } from '@hono/zod-openapi'
import { QueueUnavailableError } from '../services/queue-monitor.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ApiError } from './errors.js'
import { ErrorSchema, json } from './schemas.js'

const errors = {
  401: { description: 'No token, or a bad or revoked one', content: json(ErrorSchema) },
  403: { description: 'A token without the admin scope', content: json(ErrorSchema) },
  404: { description: 'This server shows no queue (started without --queue)', content: json(ErrorSchema) },
  429: { description: 'Over the rate limit', content: json(ErrorSchema) },
  503: { description: 'Redis does not answer', content: json(ErrorSchema) },
}

/** The most jobs of each list one status shows. */
const MAX_LISTED = 100
/** How many of each list a status shows when the request does not say. */
const DEFAULT_LISTED = 20

const JobSchema = z
  .object({
    id: z.string(),
    where: z.string().openapi({ description: 'Where the document came from: a file, a URL, a feed' }),
    reason: z.string().openapi({ description: 'Why its last try failed' }),
    attempts: z.number().int(),
    at: z.string().openapi({ description: 'When it failed (ISO time); empty when not known' }),
  })
  .openapi('QueueJob')

const QueueStatusSchema = z
  .object({
    queue: z.string().openapi({ description: 'The queue name' }),
    redis: z.string().openapi({ description: 'The Redis URL, its password hidden' }),
    waiting: z.number().int(),
    active: z.number().int(),
    delayed: z.number().int().openapi({ description: 'Waiting for a retry' }),
    completed: z.number().int(),
    failed: z.number().int(),
    dead: z.number().int().openapi({ description: 'Jobs that failed every try (the dead-letter queue)' }),
    deadJobs: z.array(JobSchema).openapi({ description: 'The latest dead jobs with their reasons' }),
    failedJobs: z.array(JobSchema).openapi({ description: 'The latest failed jobs with their reasons' }),
    scheduled: z.number().int().openapi({ description: 'How many URLs are polled on a schedule' }),
    schedules: z.array(z.object({ url: z.string(), everyMs: z.number().int(), next: z.string().nullable() })),
  })
  .openapi('QueueStatus')

const QueueQuerySchema = z
  .object({
    limit: z
      .string()
      .regex(/^\d{1,3}$/, { message: `expects a whole number from 0 to ${MAX_LISTED}` })
      .transform(Number)
      .refine((n) => n <= MAX_LISTED, { message: `expects a whole number from 0 to ${MAX_LISTED}` })
      .optional()
      .openapi({ description: `How many dead jobs, failed jobs and polled URLs to list (default ${DEFAULT_LISTED})` }),
  })
  .strict()

const CleanBodySchema = z
  .object({
    olderThanSeconds: z
      .number()
      .int()
      .min(0)
      .max(10 * 365 * 86_400)
      .openapi({ description: 'Only jobs finished at least this long ago go (0: every finished, failed and dead job)' }),
  })
  .strict()
  .openapi('QueueCleanRequest')

/**
 * GET /v1/queue (counts, failed and dead jobs with their reasons, polled URLs), POST
 * /v1/queue/retry (dead jobs back with fresh tries) and POST /v1/queue/clean: the queue of
 * `sitrep serve --queue`, behind an admin token.
 */
export function queueRoutes(app: ApiApp, deps: RouteDeps): void {
  const admin = requireScope('admin', false)
  const monitor = () => {
    if (!deps.queue) throw new ApiError(404, 'no_queue', 'this server shows no queue: start it with --queue redis://HOST:PORT [--queue-name NAME]')
    return deps.queue
  }
  // Redis down is the server's trouble, not the request's: a 503 with the address (its password hidden)
  const reach = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work()
    } catch (e) {
      if (e instanceof QueueUnavailableError) throw new ApiError(503, 'queue_unavailable', e.message)
      throw e
    }
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/queue',
      summary: 'The queue: jobs by state, failed and dead jobs with their reasons, polled URLs',
      tags: ['queue'],
      security: BEARER_SECURITY,
      middleware: [admin] as const,
      request: { query: QueueQuerySchema },
      responses: {
        200: { description: 'The queue now', content: json(QueueStatusSchema) },
        400: { description: 'A malformed or unknown query parameter', content: json(ErrorSchema) },
        ...errors,
      },
    }),
    async (c) => {
      const queue = monitor()
      const { limit } = c.req.valid('query')
      const s = await reach(() => queue.status(limit ?? DEFAULT_LISTED))
      return c.json({ queue: queue.name, redis: queue.where, ...s, deadJobs: [...s.deadJobs], failedJobs: [...s.failedJobs], schedules: [...s.schedules] }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/queue/retry',
      summary: 'Puts every dead job back in the queue with fresh tries',
      tags: ['queue'],
      security: BEARER_SECURITY,
      middleware: [admin] as const,
      responses: {
        200: { description: 'How many went back', content: json(z.object({ retried: z.number().int() }).openapi('QueueRetryResult')) },
        ...errors,
      },
    }),
    async (c) => {
      const queue = monitor()
      return c.json({ retried: await reach(() => queue.retryDead()) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/queue/clean',
      summary: 'Removes finished, failed and dead jobs older than a given age',
      tags: ['queue'],
      security: BEARER_SECURITY,
      middleware: [admin] as const,
      request: { body: { content: json(CleanBodySchema), required: true } },
      responses: {
        200: { description: 'How many went', content: json(z.object({ removed: z.number().int() }).openapi('QueueCleanResult')) },
        400: { description: 'A malformed body', content: json(ErrorSchema) },
        ...errors,
      },
    }),
    async (c) => {
      const queue = monitor()
      const { olderThanSeconds } = c.req.valid('json')
      return c.json({ removed: await reach(() => queue.clean(olderThanSeconds * 1000)) }, 200)
    },
  )
}
