import type { StoredEvent } from '../store/store.js'
import type { WatchRule } from './rule.js'
import { dayDate, dayNumber, windowStart } from './windows.js'

/** The most events an alert carries as its evidence (its figures count them all). */
export const EVIDENCE_LIMIT = 20

/** What a rule found: the key that makes it fire once, the window, a line for people, the figures and the events behind it. */
export interface Firing {
  readonly key: string
  readonly kind: WatchRule['when']
  readonly windowStart: string
  readonly windowEnd: string
  readonly summary: string
  readonly figures: Record<string, number | string | null>
  readonly events: readonly StoredEvent[]
}

const round = (n: number): number => Math.round(n * 100) / 100

/** The events of a list grouped by the start (a day number) of the window holding each. */
export function byWindow(events: readonly StoredEvent[], windowDays: number): Map<number, StoredEvent[]> {
  const groups = new Map<number, StoredEvent[]>()
  for (const e of events) {
    const w = windowStart(dayNumber(e.date as string), windowDays)
    const group = groups.get(w)
    if (group) group.push(e)
    else groups.set(w, [e])
  }
  return groups
}

/**
 * Evaluates the windows `windows` (their first days) of a windowed rule (any, spike, drop,
 * rise) over `events`: every matching event from the start of the earliest baseline to the
 * end of the latest window. `historyStart` (a day number) is where the store's events begin:
 * a spike needs its whole baseline inside the history, or an empty past would look quiet.
 */
export function evaluateWindows(rule: WatchRule, events: readonly StoredEvent[], windows: Iterable<number>, historyStart: number | null): Firing[] {
  const groups = byWindow(events, rule.windowDays)
  const firings: Firing[] = []
  const span = (w: number) => ({ windowStart: dayDate(w), windowEnd: dayDate(w + rule.windowDays - 1) })
  const baselineWindows = rule.baselineDays / rule.windowDays
  for (const w of [...new Set(windows)].sort((a, b) => a - b)) {
    const inWindow = groups.get(w) ?? []
    const { windowStart, windowEnd } = span(w)
    const when = windowStart === windowEnd ? `on ${windowStart}` : `from ${windowStart} to ${windowEnd}`
    const key = windowStart
    if (rule.when === 'any') {
      if (inWindow.length >= rule.minEvents) {
        firings.push({
          key,
          kind: 'any',
          windowStart,
          windowEnd,
          summary: `${inWindow.length} matching event(s) ${when}`,
          figures: { count: inWindow.length },
          events: inWindow,
        })
      }
      continue
    }
    const before = Array.from({ length: baselineWindows }, (_, i) => w - (i + 1) * rule.windowDays)
    if (rule.when === 'spike') {
      if (inWindow.length < rule.minEvents) continue
      const baselineStart = w - rule.baselineDays
      if (historyStart === null || historyStart > baselineStart) continue
      const counts = before.map((b) => groups.get(b)?.length ?? 0)
      const mean = counts.reduce((s, c) => s + c, 0) / counts.length
      const sd = Math.sqrt(counts.reduce((s, c) => s + (c - mean) ** 2, 0) / counts.length)
      // a flat baseline (sd 0) would make any rise infinite: one event of spread is the least assumed
      const z = (inWindow.length - mean) / Math.max(sd, 1)
      if (z >= rule.threshold) {
        firings.push({
          key,
          kind: 'spike',
          windowStart,
          windowEnd,
          summary: `${inWindow.length} events ${when} against ${round(mean)} a window (sd ${round(sd)}) over the ${rule.baselineDays} days before: z ${round(z)}`,
          figures: { count: inWindow.length, baselineMean: round(mean), baselineSd: round(sd), z: round(z) },
          events: inWindow,
        })
      }
      continue
    }
    // drop and rise: the mean Goldstein of the window against the baseline's
    const scored = (list: readonly StoredEvent[]) => list.filter((e) => e.goldstein !== null)
    const now = scored(inWindow)
    const past = scored(before.flatMap((b) => groups.get(b) ?? []))
    if (now.length < rule.minEvents || past.length < rule.minEvents) continue
    const mean = (list: readonly StoredEvent[]) => list.reduce((s, e) => s + (e.goldstein as number), 0) / list.length
    const change = mean(now) - mean(past)
    const fired = rule.when === 'drop' ? change <= -rule.threshold : change >= rule.threshold
    if (fired) {
      firings.push({
        key,
        kind: rule.when,
        windowStart,
        windowEnd,
        summary: `mean Goldstein ${rule.when === 'drop' ? 'fell' : 'rose'} from ${round(mean(past))} (${past.length} events, the ${rule.baselineDays} days before) to ${round(mean(now))} (${now.length} events ${when}): ${change > 0 ? '+' : ''}${round(change)}`,
        figures: { before: round(mean(past)), beforeEvents: past.length, after: round(mean(now)), afterEvents: now.length, change: round(change) },
        events: now,
      })
    }
  }
  return firings
}

/**
 * The first event of each kind (CAMEO root) among `events`, in date then store order, for the
 * roots `roots` only: what a `first` rule fires on. The caller passes every matching event up
 * to the latest date it considers.
 */
export function firstOfEachRoot(events: readonly StoredEvent[], roots: ReadonlySet<string>): Map<string, StoredEvent> {
  const firsts = new Map<string, StoredEvent>()
  for (const e of events) {
    const root = e.cameo.slice(0, 2)
    if (!roots.has(root)) continue
    const seen = firsts.get(root)
    if (!seen || (e.date as string) < (seen.date as string) || (e.date === seen.date && e.id < seen.id)) firsts.set(root, e)
  }
  return firsts
}

/** The firing of a first event of its kind. */
export function firstFiring(e: StoredEvent): Firing {
  const root = e.cameo.slice(0, 2)
  const date = e.date as string
  const who = `${e.sourceCode ?? '?'} → ${e.targetCode ?? '?'}`
  return {
    key: `first:${root}`,
    kind: 'first',
    windowStart: date,
    windowEnd: date,
    summary: `first event of root ${root} (${e.cameoName}) between the watched actors on ${date}: ${who}, CAMEO ${e.cameo}`,
    figures: { root, cameo: e.cameo },
    events: [e],
  }
}
