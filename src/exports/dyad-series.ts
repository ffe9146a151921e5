import type { EventFilter, Store, StoredEvent } from '../store/store.js'

/** How a series groups event dates. */
export type SeriesStep = 'day' | 'week' | 'month'

/** One period of a dyad series: counts per quad class, the Goldstein sum and mean, the mean article tone. */
export interface SeriesRow {
  /** The period's first day (YYYY-MM-DD; a week starts on Monday) or its month (YYYY-MM). */
  readonly period: string
  readonly events: number
  readonly verbalCooperation: number
  readonly materialCooperation: number
  readonly verbalConflict: number
  readonly materialConflict: number
  readonly goldsteinSum: number
  readonly goldsteinMean: number | null
  readonly toneMean: number | null
}

/** A series and the events it could not place (no date, or a date coarser than the step). */
export interface DyadSeries {
  readonly rows: SeriesRow[]
  readonly undated: number
}

interface Acc {
  events: number
  quads: [number, number, number, number]
  goldstein: number
  goldsteinN: number
  tone: number
  toneN: number
}

/**
 * The events a filter matches (typically `actor1` and `actor2`, a dyad) counted per day, week
 * or month, streamed from the store: memory grows with the number of periods, not events.
 */
export async function dyadSeries(store: Store, filter: EventFilter, step: SeriesStep): Promise<DyadSeries> {
  const periods = new Map<string, Acc>()
  let undated = 0
  for await (const e of store.streamEvents(filter)) {
    const key = periodOf(e, step)
    if (!key) {
      undated++
      continue
    }
    let acc = periods.get(key)
    if (!acc) {
      acc = { events: 0, quads: [0, 0, 0, 0], goldstein: 0, goldsteinN: 0, tone: 0, toneN: 0 }
      periods.set(key, acc)
    }
    acc.events++
    if (e.quad >= 1 && e.quad <= 4) acc.quads[(e.quad - 1) as 0 | 1 | 2 | 3]++
    if (e.goldstein !== null) {
      acc.goldstein += e.goldstein
      acc.goldsteinN++
    }
    if (e.articleTone !== null && e.articleTone !== undefined) {
      acc.tone += e.articleTone
      acc.toneN++
    }
  }
  const round = (n: number): number => Math.round(n * 1000) / 1000
  const rows = [...periods.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, a]) => ({
      period,
      events: a.events,
      verbalCooperation: a.quads[0],
      materialCooperation: a.quads[1],
      verbalConflict: a.quads[2],
      materialConflict: a.quads[3],
      goldsteinSum: round(a.goldstein),
      goldsteinMean: a.goldsteinN ? round(a.goldstein / a.goldsteinN) : null,
      toneMean: a.toneN ? round(a.tone / a.toneN) : null,
    }))
  return { rows, undated }
}

// The period an event's date falls in; null when the date is missing or coarser than the step.
function periodOf(e: StoredEvent, step: SeriesStep): string | null {
  const date = e.date ?? ''
  if (step === 'month') return /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : null
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return null
  if (step === 'day') return date.slice(0, 10)
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000
  return new Date(monday).toISOString().slice(0, 10)
}
