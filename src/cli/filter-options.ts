import { type EventFilter, parseEventFilter } from '../store/event-filter.js'
import { UsageError } from './util.js'

/** The event filter flags `query events`, `query dyads` and `export` share, for parseArgs. */
export const FILTER_OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  actor: { type: 'string' },
  actor1: { type: 'string' },
  actor2: { type: 'string' },
  code: { type: 'string' },
  root: { type: 'string' },
  quad: { type: 'string' },
  country: { type: 'string' },
  bbox: { type: 'string' },
  limit: { type: 'string' },
} as const

/** The validated filter of the flags given; a UsageError names every bad flag and what it expects. */
export function filterFromFlags(values: Record<string, unknown>): EventFilter {
  const raw: Record<string, string> = {}
  for (const key of Object.keys(FILTER_OPTIONS)) if (typeof values[key] === 'string') raw[key] = values[key] as string
  const parsed = parseEventFilter(raw)
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => `--${p.path} ${p.message}, got "${raw[p.path] ?? ''}"`).join('; '))
  return parsed.filter
}
