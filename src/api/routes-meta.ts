import { createRoute } from '@hono/zod-openapi'
import { rolesAt } from '../lexicon/actors.js'
import { nameKey } from '../lexicon/load.js'
import { PIPELINE_VERSION } from '../version.js'
import { requireScope } from './auth.js'
import { type ApiApp, BEARER_SECURITY, type RouteDeps } from './deps.js'
import { ActorQuerySchema, ActorResultSchema, ErrorSchema, HealthSchema, json, StatsSchema } from './schemas.js'

/** GET /v1/health, GET /v1/stats and GET /v1/actors (registry search). */
export function metaRoutes(app: ApiApp, deps: RouteDeps): void {
  const read = requireScope('read', deps.readsOpen)
  const security = deps.readsOpen ? [] : BEARER_SECURITY

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/health',
      summary: 'Whether the server answers',
      tags: ['meta'],
      responses: { 200: { description: 'Up', content: json(HealthSchema) } },
    }),
    (c) => c.json({ status: 'ok' as const, version: PIPELINE_VERSION }, 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/stats',
      summary: 'What the store holds',
      tags: ['meta'],
      security,
      middleware: [read] as const,
      responses: { 200: { description: 'Counts', content: json(StatsSchema) }, 401: { description: 'A bad or missing token', content: json(ErrorSchema) } },
    }),
    async (c) => {
      const counts = await deps.store.counts()
      return c.json({ ...counts, latestEventId: await deps.store.latestEventId(), pipelineVersion: PIPELINE_VERSION }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/actors',
      summary: 'People and organisations of the actor registry known by a name, with their roles on a day',
      tags: ['actors'],
      security,
      middleware: [read] as const,
      request: { query: ActorQuerySchema },
      responses: {
        200: { description: 'Matches (empty lists when none)', content: json(ActorResultSchema) },
        400: { description: 'A missing name or a malformed date', content: json(ErrorSchema) },
        401: { description: 'A bad or missing token', content: json(ErrorSchema) },
      },
    }),
    (c) => {
      const { name, date } = c.req.valid('query')
      const day = date ?? new Date().toISOString().slice(0, 10)
      const registry = deps.lexicon.actors
      // a full name or alias, then a surname alone ("Lavrov"), as `sitrep actors find` does
      const people = [...new Set([...registry.lookupPeople(name), ...(registry.peopleBySurname.get(nameKey(name)) ?? [])])]
      const role = (r: { code: string; title: string; from: string | null; to: string | null; source: string }) => ({
        code: r.code,
        title: r.title,
        from: r.from,
        to: r.to,
        source: r.source,
      })
      return c.json(
        {
          date: day,
          people: people.map((p) => ({ id: p.id, name: p.name, aliases: [...p.aliases], roles: p.roles.map(role), rolesOnDate: rolesAt(p, day).map(role) })),
          organisations: registry.lookupOrganisations(name).map((o) => ({
            id: o.id,
            name: o.name,
            aliases: [...o.aliases],
            code: o.code,
            country: o.country,
            sector: o.sector,
            from: o.from ?? null,
            to: o.to ?? null,
            source: o.source,
          })),
        },
        200,
      )
    },
  )
}
