import { z } from 'zod'
import { isCalendarDate } from '../core/calendar-date.js'

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

/**
 * Which events a query wants, as the CLI and the API receive it; every field narrows the
 * result. Actor and code are prefixes, so they hold no LIKE wildcards by construction.
 * Unknown fields are refused so that a misspelt filter never silently matches everything.
 */
export const EventFilterSchema = z
  .object({
    /** Actor code prefix matched against source or target ("SYR", "RUSGOV"). */
    actor: z
      .string()
      .regex(/^[A-Za-z-]{3,}$/, { message: 'expects an actor code such as SYR or RUSGOV' })
      .transform((s) => s.toUpperCase())
      .optional(),
    /** CAMEO code prefix ("19", "190"). */
    code: z
      .string()
      .regex(/^\d{2,4}$/, { message: 'expects a CAMEO code of 2 to 4 digits' })
      .optional(),
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
 * The event query in SQL that SQLite and PostgreSQL both read, with `param(n)` writing the
 * n-th placeholder (`?` or `$n`): the shared meaning of a filter, so a store adds no rules.
 * With `after` (an event id) it answers the events that come after that event in the
 * query's order: the keyset behind the API's cursor pagination.
 */
export function eventQuery(filter: EventFilter, param: (n: number) => string, after?: number): { sql: string; params: (string | number)[] } {
  const where: string[] = []
  const params: (string | number)[] = []
  const p = (value: string | number): string => {
    params.push(value)
    return param(params.length)
  }
  if (filter.actor) where.push(`(e.source_code LIKE ${p(`${filter.actor}%`)} OR e.target_code LIKE ${p(`${filter.actor}%`)})`)
  if (filter.code) where.push(`e.cameo LIKE ${p(`${filter.code}%`)}`)
  // "2025-07" and "2024" are partial dates: compare the same number of characters
  if (filter.since) where.push(`e.date >= substr(${p(filter.since)}, 1, length(e.date))`)
  if (filter.until) where.push(`e.date <= ${p(filter.until)}`)
  // the order's keys compared as one row value; a missing date sorts first, as '' would
  if (after !== undefined) {
    where.push(
      `(coalesce(e.date, ''), e.article_id, e.ordinal) > (SELECT coalesce(c.date, ''), c.article_id, c.ordinal FROM events c WHERE c.id = ${p(after)})`,
    )
  }
  const sql = `SELECT e.*, a.title FROM events e JOIN articles a ON a.id = e.article_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.date NULLS FIRST, e.article_id, e.ordinal LIMIT ${p(filter.limit ?? DEFAULT_EVENT_LIMIT)}`
  return { sql, params }
}
