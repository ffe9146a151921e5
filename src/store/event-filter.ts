import { z } from 'zod'
import { isCalendarDate } from '../core/calendar-date.js'
import { EVENT_SELECT } from './rows.js'

const day = z.string().refine(isCalendarDate, { message: 'expects a calendar date as YYYY-MM-DD' })

// Query strings and CLI flags give numbers as text: only plain decimal digits count
// ("0x10", "1e3" and "16.0" are refused rather than read as something else).
const limit = z.union(
  [
    z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    z
      .string()
      .regex(/^[1-9]\d{0,14}$/)
      .transform(Number),
  ],
  {
    error: 'expects a positive whole number',
  },
)

const actorCode = z
  .string()
  .regex(/^[A-Za-z-]{3,}$/, { message: 'expects an actor code such as SYR or RUSGOV' })
  .transform((s) => s.toUpperCase())

const degrees = (min: number, max: number) => z.number().min(min).max(max)
const bboxTuple = z.tuple([degrees(-180, 180), degrees(-90, 90), degrees(-180, 180), degrees(-90, 90)])
// "W,S,E,N" as text (a flag or a query string) or four numbers; south must not be north of north
const bbox = z
  .union(
    [
      bboxTuple,
      z
        .string()
        .regex(/^\s*-?\d+(\.\d+)?\s*(,\s*-?\d+(\.\d+)?\s*){3}$/)
        .transform((s) => s.split(',').map(Number))
        .pipe(bboxTuple),
    ],
    { error: 'expects west,south,east,north in degrees, such as 35.5,32.3,42.4,37.3' },
  )
  .refine((b) => b[1] <= b[3], { message: 'expects south at or below north' })

/**
 * Which events a query wants, as the CLI and the API receive it; every field narrows the
 * result. Actor and code are prefixes, so they hold no LIKE wildcards by construction.
 * Unknown fields are refused so that a misspelt filter never silently matches everything.
 */
export const EventFilterSchema = z
  .object({
    /** Actor code prefix matched against source or target ("SYR", "RUSGOV"). */
    actor: actorCode.optional(),
    /** Actor code prefix matched against the source (Actor1) only. */
    actor1: actorCode.optional(),
    /** Actor code prefix matched against the target (Actor2) only. */
    actor2: actorCode.optional(),
    /** CAMEO code prefix ("19", "190"). */
    code: z
      .string()
      .regex(/^\d{2,4}$/, { message: 'expects a CAMEO code of 2 to 4 digits' })
      .optional(),
    /** CAMEO root code, the two-digit family ("19"). */
    root: z
      .string()
      .regex(/^\d{2}$/, { message: 'expects a CAMEO root code of 2 digits' })
      .optional(),
    /** Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
    quad: z
      .union(
        [
          z.number().int().min(1).max(4),
          z
            .string()
            .regex(/^[1-4]$/)
            .transform(Number),
        ],
        {
          error: 'expects a quad class from 1 to 4',
        },
      )
      .optional(),
    /** The event's place is in this country (ISO 3166 alpha-3, "SYR"). */
    country: z
      .string()
      .regex(/^[A-Za-z]{3}$/, { message: 'expects an ISO alpha-3 country code such as SYR' })
      .transform((s) => s.toUpperCase())
      .optional(),
    /** The event's place lies in this box, west,south,east,north in degrees (west > east crosses the antimeridian). */
    bbox: bbox.optional(),
    /** First event date included (partial event dates such as "2025-07" compare by prefix). */
    since: day.optional(),
    /** Last event date included. */
    until: day.optional(),
    /** The most events returned. */
    limit: limit.optional(),
  })
  .strict()

/** A validated event filter. */
export type EventFilter = z.output<typeof EventFilterSchema>

/** One problem with a filter: the field and what it expects. */
export interface FilterProblem {
  readonly path: string
  readonly message: string
}

/** Validates a filter from any boundary (CLI flags, a query string); the problems name each field. */
export function parseEventFilter(raw: unknown): { ok: true; filter: EventFilter } | { ok: false; problems: FilterProblem[] } {
  const parsed = EventFilterSchema.safeParse(raw)
  if (parsed.success) return { ok: true, filter: parsed.data }
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({ path: i.path.join('.') || String((i as { keys?: string[] }).keys ?? ''), message: i.message })),
  }
}

/** The default cap on events returned when a filter sets none. */
export const DEFAULT_EVENT_LIMIT = 1_000_000

/**
 * The WHERE clause of a filter (empty, or starting with WHERE) over `events e`, with
 * `param(n)` writing the n-th placeholder (`?` or `$n`) and `first` the number of the first:
 * the shared meaning of a filter, so a store or an export adds no rules. The limit is not in it.
 */
export function eventWhere(filter: EventFilter, param: (n: number) => string, first = 1): { where: string; params: (string | number)[] } {
  const where: string[] = []
  const params: (string | number)[] = []
  const p = (value: string | number): string => {
    params.push(value)
    return param(first - 1 + params.length)
  }
  if (filter.actor) where.push(`(e.source_code LIKE ${p(`${filter.actor}%`)} OR e.target_code LIKE ${p(`${filter.actor}%`)})`)
  if (filter.actor1) where.push(`e.source_code LIKE ${p(`${filter.actor1}%`)}`)
  if (filter.actor2) where.push(`e.target_code LIKE ${p(`${filter.actor2}%`)}`)
  if (filter.code) where.push(`e.cameo LIKE ${p(`${filter.code}%`)}`)
  if (filter.root) where.push(`e.cameo LIKE ${p(`${filter.root}%`)}`)
  if (filter.quad) where.push(`e.quad = ${p(filter.quad)}`)
  if (filter.country) where.push(`e.place_country = ${p(filter.country)}`)
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox
    where.push(`e.lat >= ${p(south)} AND e.lat <= ${p(north)}`)
    // a box whose west edge lies east of its east edge spans the antimeridian
    where.push(west <= east ? `e.lon >= ${p(west)} AND e.lon <= ${p(east)}` : `(e.lon >= ${p(west)} OR e.lon <= ${p(east)})`)
  }
  // "2025-07" and "2024" are partial dates: compare the same number of characters
  if (filter.since) where.push(`e.date >= substr(${p(filter.since)}, 1, length(e.date))`)
  if (filter.until) where.push(`e.date <= ${p(filter.until)}`)
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params }
}

/**
 * The event query in SQL that SQLite and PostgreSQL both read, with `param(n)` writing the
 * n-th placeholder (`?` or `$n`), ordered by date, article and position, limited. With
 * `after` (an event id) it answers the events that come after that event in the query's
 * order: the keyset behind the API's cursor pagination.
 */
export function eventQuery(filter: EventFilter, param: (n: number) => string, after?: number): { sql: string; params: (string | number)[] } {
  const { where, params } = eventWhere(filter, param)
  let clause = where
  if (after !== undefined) {
    // the order's keys compared as one row value; a missing date sorts first, as '' does
    const keyset = `(coalesce(e.date, ''), e.article_id, e.ordinal) > (SELECT coalesce(c.date, ''), c.article_id, c.ordinal FROM events c WHERE c.id = ${param(params.length + 1)})`
    clause = where ? `${where} AND ${keyset}` : `WHERE ${keyset}`
    params.push(after)
  }
  const sql = `${EVENT_SELECT}
    ${clause} ORDER BY coalesce(e.date, ''), e.article_id, e.ordinal LIMIT ${param(params.length + 1)}`
  return { sql, params: [...params, filter.limit ?? DEFAULT_EVENT_LIMIT] }
}

/**
 * The events stored after the event `afterId` that a filter matches, in the order they were
 * written (by id), at most `limit` (the filter's own limit is not used): what a stream of new
 * events reads, in SQL that SQLite and PostgreSQL both read.
 */
export function eventsSinceQuery(
  afterId: number,
  limit: number,
  filter: EventFilter,
  param: (n: number) => string,
): { sql: string; params: (string | number)[] } {
  const { where, params } = eventWhere(filter, param)
  const since = `e.id > ${param(params.length + 1)}`
  const sql = `${EVENT_SELECT}
    ${where ? `${where} AND ${since}` : `WHERE ${since}`} ORDER BY e.id LIMIT ${param(params.length + 2)}`
  return { sql, params: [...params, afterId, limit] }
}

/**
 * The events filed in one stored cluster (its mentions), in the order eventQuery returns
 * events (date, article, position), in SQL that SQLite and PostgreSQL both read: read by the
 * cluster's index on cluster_mentions, whatever the cluster's families and dates.
 */
export function clusterMembersQuery(clusterId: number, param: (n: number) => string): { sql: string; params: number[] } {
  const sql = `${EVENT_SELECT}
    WHERE e.id IN (SELECT m.event_id FROM cluster_mentions m WHERE m.cluster_id = ${param(1)}) ORDER BY coalesce(e.date, ''), e.article_id, e.ordinal`
  return { sql, params: [clusterId] }
}
