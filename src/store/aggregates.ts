import { type EventFilter, eventWhere } from './event-filter.js'
import { EVENT_SELECT, type EventRow, toStoredEvent } from './rows.js'
import type { StoredEvent } from './store.js'

/** The periods a time series counts by: a day, an ISO week (starting Monday) or a calendar month. */
export const SERIES_BUCKETS = ['day', 'week', 'month'] as const
export type SeriesBucket = (typeof SERIES_BUCKETS)[number]

/** Events of one quad class in one period: how many and their mean Goldstein score. */
export interface SeriesPoint {
  /** The period's first day (day, week) or its month (YYYY-MM). */
  readonly period: string
  readonly quad: number
  readonly count: number
  readonly goldstein: number | null
}

/** The located events of one grid cell: how many of each quad class, their mean point and, when they are one event, its id. */
export interface PlaceCell {
  readonly lat: number
  readonly lon: number
  readonly count: number
  /** Counts of quad classes 1 to 4. */
  readonly quads: readonly [number, number, number, number]
  /** The place's name when every event of the cell has the same one. */
  readonly name: string | null
  /** The event when the cell holds one. */
  readonly eventId: number | null
}

/** Events placed in one country (ISO alpha-3). */
export interface CountryCount {
  readonly country: string
  readonly count: number
  readonly goldstein: number | null
}

/** One directed dyad: how many events its source did to its target and their mean Goldstein score. */
export interface DyadEdge {
  readonly source: string
  readonly target: string
  readonly count: number
  readonly goldstein: number | null
}

/** The columns an events table sorts by. */
export const EVENT_SORTS = ['date', 'goldstein', 'confidence', 'cameo', 'source', 'target', 'quad', 'place'] as const
export type EventSort = (typeof EVENT_SORTS)[number]

/** A page of a sorted events table and how many events the filter matches in all. */
export interface EventTablePage {
  readonly events: StoredEvent[]
  readonly total: number
}

/** How a table page is asked for. */
export interface TablePageRequest {
  readonly sort: EventSort
  readonly descending: boolean
  readonly offset: number
  readonly limit: number
}

/** How actors are grouped in a network: by their whole code, or by their first three letters (the country or group). */
export type NetworkLevel = 'code' | 'country'

/**
 * What the dashboard reads of a store: aggregates computed by the database, so a view over
 * 100,000 events moves a few hundred rows, never the events.
 */
export interface EventAggregates {
  /** Events per period and quad class, with their mean Goldstein score; events whose date is coarser than the period are left out. */
  eventSeries(filter: EventFilter, bucket: SeriesBucket): Promise<SeriesPoint[]>
  /** Located events in grid cells of `cellDegrees` (the fullest `limit` cells first) and per country of their place (the most first), in one pass. */
  eventPlaces(filter: EventFilter, cellDegrees: number, limit: number): Promise<{ cells: PlaceCell[]; countries: CountryCount[] }>
  /** Dyads with both actors known, the `limit` busiest first. */
  eventNetwork(filter: EventFilter, level: NetworkLevel, limit: number): Promise<DyadEdge[]>
  /** One page of the events the filter matches, sorted by a column, and their total. */
  eventTable(filter: EventFilter, page: TablePageRequest): Promise<EventTablePage>
}

/** The parts of SQL in which SQLite and PostgreSQL differ for the aggregates. */
export interface AggregateDialect {
  /** The n-th placeholder. */
  param(n: number): string
  /** The Monday starting the ISO week of a YYYY-MM-DD text, as YYYY-MM-DD. */
  weekStart(day: string): string
  /** The whole number at or below a non-negative number. */
  floor(value: string): string
  /** Whether a text starts as a calendar date of the period's length: YYYY-MM-DD (day) or YYYY-MM (month). */
  startsAsDate(value: string, length: 7 | 10): string
}

/** Runs one query and returns its rows. */
export type RunQuery = <R>(sql: string, params: (string | number)[]) => Promise<R[]>

// the filter's WHERE with more conditions added
function whereWith(filter: EventFilter, dialect: AggregateDialect, extra: string[]): { where: string; params: (string | number)[] } {
  const { where, params } = eventWhere(filter, dialect.param)
  const parts = [where.replace(/^WHERE /, ''), ...extra].filter(Boolean)
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

const num = (v: unknown): number => Number(v)
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits

// One group of the places query: a cell and a country, with sums the cell and the country add up.
type PlaceGroupRow = Record<'cy' | 'cx' | 'n' | 'lat' | 'lon' | 'q1' | 'q2' | 'q3' | 'q4' | 'lo' | 'hi' | 'id' | 'g' | 'scored', unknown> & {
  country: string | null
}

// A cell's sums while its groups are added up.
interface CellSum {
  n: number
  lat: number
  lon: number
  quads: [number, number, number, number]
  lo: string | null
  hi: string | null
  id: number
}
const mean = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000)

// a partial date ("2025-07") has fewer characters than the period needs
const PERIOD_LENGTH: Record<SeriesBucket, 7 | 10> = { day: 10, week: 10, month: 7 }

const SORT_COLUMNS: Record<EventSort, string> = {
  date: "coalesce(e.date, '')",
  goldstein: 'e.goldstein',
  confidence: 'e.confidence',
  cameo: 'e.cameo',
  source: 'e.source_code',
  target: 'e.target_code',
  quad: 'e.quad',
  place: 'e.place_name',
}

/** The aggregate queries over a dialect and a way to run SQL: what both stores share. */
export function aggregateMethods(dialect: AggregateDialect, run: RunQuery): EventAggregates {
  return {
    async eventSeries(filter, bucket) {
      const day = 'substr(e.date, 1, 10)'
      const period = bucket === 'day' ? day : bucket === 'month' ? 'substr(e.date, 1, 7)' : dialect.weekStart(day)
      // a date the dates stage could not pin down ("2025-W10", "XXXX-07-31") is in no period
      const { where, params } = whereWith(filter, dialect, [dialect.startsAsDate('e.date', PERIOD_LENGTH[bucket])])
      const rows = await run<{ period: string; quad: number; n: unknown; g: unknown }>(
        `SELECT ${period} AS period, e.quad AS quad, count(*) AS n, avg(e.goldstein) AS g FROM events e ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
        params,
      )
      return rows.map((r) => ({ period: r.period, quad: num(r.quad), count: num(r.n), goldstein: mean(r.g) }))
    },

    async eventPlaces(filter, cellDegrees, limit) {
      if (!(cellDegrees > 0 && cellDegrees <= 180))
        throw new TypeError(`eventPlaces() expects a cell size in degrees above 0 and at most 180, got ${cellDegrees}`)
      const { where, params } = whereWith(filter, dialect, ['e.lat IS NOT NULL', 'e.lon IS NOT NULL'])
      // shifted to be non-negative, so the floor is the cell on every side of the equator and the meridian
      const cy = dialect.floor(`(e.lat + 90) / ${Number(cellDegrees)}`)
      const cx = dialect.floor(`(e.lon + 180) / ${Number(cellDegrees)}`)
      const quad = (q: number): string => `sum(CASE WHEN e.quad = ${q} THEN 1 ELSE 0 END) AS q${q}`
      // one pass over the events, by cell and country: the countries' counts come from the same groups
      const rows = await run<PlaceGroupRow>(
        `SELECT ${cy} AS cy, ${cx} AS cx, e.place_country AS country, count(*) AS n, sum(e.lat) AS lat, sum(e.lon) AS lon,
           ${[1, 2, 3, 4].map(quad).join(', ')}, min(e.place_name) AS lo, max(e.place_name) AS hi, min(e.id) AS id,
           sum(e.goldstein) AS g, count(e.goldstein) AS scored
         FROM events e ${where} GROUP BY 1, 2, 3`,
        params,
      )
      const cells = new Map<string, CellSum>()
      const countries = new Map<string, { n: number; g: number; scored: number }>()
      for (const r of rows) {
        const key = `${r.cy}:${r.cx}`
        const cell = cells.get(key) ?? { n: 0, lat: 0, lon: 0, quads: [0, 0, 0, 0], lo: null, hi: null, id: Number.POSITIVE_INFINITY }
        cell.n += num(r.n)
        cell.lat += num(r.lat)
        cell.lon += num(r.lon)
        cell.quads = [cell.quads[0] + num(r.q1), cell.quads[1] + num(r.q2), cell.quads[2] + num(r.q3), cell.quads[3] + num(r.q4)]
        const lo = r.lo === null ? null : String(r.lo)
        const hi = r.hi === null ? null : String(r.hi)
        if (lo !== null && (cell.lo === null || lo < cell.lo)) cell.lo = lo
        if (hi !== null && (cell.hi === null || hi > cell.hi)) cell.hi = hi
        cell.id = Math.min(cell.id, num(r.id))
        cells.set(key, cell)
        if (r.country) {
          const country = countries.get(r.country) ?? { n: 0, g: 0, scored: 0 }
          country.n += num(r.n)
          country.g += num(r.g ?? 0)
          country.scored += num(r.scored)
          countries.set(r.country, country)
        }
      }
      return {
        cells: [...cells.values()]
          .sort((a, b) => b.n - a.n || a.id - b.id)
          .slice(0, limit)
          .map((c) => ({
            lat: round(c.lat / c.n, 5),
            lon: round(c.lon / c.n, 5),
            count: c.n,
            quads: c.quads,
            // a name only when every event of the cell is at a place of that name
            name: c.lo !== null && c.lo === c.hi ? c.lo : null,
            eventId: c.n === 1 ? c.id : null,
          })),
        countries: [...countries.entries()]
          .map(([country, c]) => ({ country, count: c.n, goldstein: c.scored ? round(c.g / c.scored, 3) : null }))
          .sort((a, b) => b.count - a.count || (a.country < b.country ? -1 : 1)),
      }
    },

    async eventNetwork(filter, level, limit) {
      const code = (column: string): string => (level === 'country' ? `substr(${column}, 1, 3)` : column)
      const { where, params } = whereWith(filter, dialect, ['e.source_code IS NOT NULL', 'e.target_code IS NOT NULL'])
      const rows = await run<{ source: string; target: string; n: unknown; g: unknown }>(
        `SELECT ${code('e.source_code')} AS source, ${code('e.target_code')} AS target, count(*) AS n, avg(e.goldstein) AS g
         FROM events e ${where} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ${dialect.param(params.length + 1)}`,
        [...params, limit],
      )
      return rows.map((r) => ({ source: r.source, target: r.target, count: num(r.n), goldstein: mean(r.g) }))
    },

    async eventTable(filter, page) {
      const { where, params } = whereWith(filter, dialect, [])
      const direction = page.descending ? 'DESC' : 'ASC'
      // events without a value go last either way; the id breaks ties so pages never overlap
      const order =
        page.sort === 'date'
          ? `coalesce(e.date, '') ${direction}, e.article_id ${direction}, e.ordinal ${direction}`
          : `${SORT_COLUMNS[page.sort]} ${direction} NULLS LAST, e.id ${direction}`
      const at = params.length
      const [rows, total] = await Promise.all([
        run<EventRow>(`${EVENT_SELECT} ${where} ORDER BY ${order} LIMIT ${dialect.param(at + 1)} OFFSET ${dialect.param(at + 2)}`, [
          ...params,
          page.limit,
          page.offset,
        ]),
        run<{ n: unknown }>(`SELECT count(*) AS n FROM events e ${where}`, params),
      ])
      return { events: rows.map(toStoredEvent), total: num(total[0]?.n ?? 0) }
    },
  }
}
