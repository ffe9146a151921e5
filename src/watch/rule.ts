import { z } from 'zod'

/** When a watch fires: on any matching event, a spike in their count, a fall or rise of their mean Goldstein, a first event of a kind. */
export const WATCH_KINDS = ['any', 'spike', 'drop', 'rise', 'first'] as const

/** One of WATCH_KINDS. */
export type WatchKind = (typeof WATCH_KINDS)[number]

// An actor code pattern: letters and "-" (CAMEO's unknown country), "*" standing for any run of them
const actorPattern = z
  .string()
  .regex(/^[A-Za-z*-]+$/, { message: 'expects an actor code prefix such as ISR, RUSGOV or *GOV (letters, "-" and "*")' })
  .refine((s) => s.replace(/\*/g, '').length > 0, { message: 'expects at least one letter besides "*"' })
  .transform((s) => s.toUpperCase())

const degrees = (min: number, max: number) => z.number().min(min).max(max)

/** Which events a watch looks at; every field narrows them, an empty match takes every event. */
export const WatchMatchSchema = z
  .object({
    /** Code prefix matched against either side ("ISR" matches ISRMIL; "*MIL" any military). */
    actor: actorPattern.optional(),
    /** Code prefix of the source (Actor1). */
    actor1: actorPattern.optional(),
    /** Code prefix of the target (Actor2). */
    actor2: actorPattern.optional(),
    /** actor1 and actor2 match in either direction (the dyad, not only actor1 acting on actor2). */
    bothWays: z.boolean().optional(),
    /** The event's place is in one of these countries (ISO alpha-3). */
    countries: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z]{3}$/, { message: 'expects ISO alpha-3 country codes such as SYR' })
          .transform((s) => s.toUpperCase()),
      )
      .min(1)
      .optional(),
    /** The event's place lies in this box: west, south, east, north (west > east crosses the antimeridian). */
    bbox: z
      .tuple([degrees(-180, 180), degrees(-90, 90), degrees(-180, 180), degrees(-90, 90)])
      .refine((b) => b[1] <= b[3], { message: 'expects south at or below north' })
      .optional(),
    /** CAMEO roots, the two-digit families ("19" fight). */
    roots: z
      .array(z.string().regex(/^\d{2}$/, { message: 'expects CAMEO roots of 2 digits' }))
      .min(1)
      .optional(),
    /** QuadClasses: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
    quads: z.array(z.number().int().min(1).max(4)).min(1).optional(),
    /** The least confidence an event must have (0 to 1). */
    minConfidence: z.number().min(0).max(1).optional(),
    /** Negated events ("did not attack") count too; by default they do not. */
    includeNegated: z.boolean().optional(),
  })
  .strict()

/** A validated match. */
export type WatchMatch = z.output<typeof WatchMatchSchema>

/** A watch's rule: which events, when it fires, and the figures the kind uses. */
export const WatchRuleSchema = z
  .object({
    match: WatchMatchSchema,
    when: z.enum(WATCH_KINDS),
    /** Days in one window (a window of 7 starts on Mondays). */
    windowDays: z.number().int().min(1).max(366),
    /** Days before a window that spike, drop and rise compare it with: a whole number of windows. */
    baselineDays: z.number().int().min(1).max(3660),
    /** spike: the least z-score; drop and rise: the least change of mean Goldstein. */
    threshold: z.number().positive(),
    /** spike: the least count in the window; drop and rise: the least events on each side of the comparison. */
    minEvents: z.number().int().min(1),
  })
  .strict()
  .refine((r) => r.baselineDays % r.windowDays === 0, { message: 'the baseline must be a whole number of windows', path: ['baselineDays'] })

/** A validated rule. */
export type WatchRule = z.output<typeof WatchRuleSchema>

/** The figures each kind uses when the user gives none. */
export const KIND_DEFAULTS: Record<WatchKind, Pick<WatchRule, 'windowDays' | 'baselineDays' | 'threshold' | 'minEvents'>> = {
  // one alert a day with that day's events
  any: { windowDays: 1, baselineDays: 1, threshold: 1, minEvents: 1 },
  // a day's count against the 4 weeks before it, 3 standard deviations up, at least 3 events
  spike: { windowDays: 1, baselineDays: 28, threshold: 3, minEvents: 3 },
  // a week's mean Goldstein against the week before, 3 points apart, at least 3 events each
  drop: { windowDays: 7, baselineDays: 7, threshold: 3, minEvents: 3 },
  rise: { windowDays: 7, baselineDays: 7, threshold: 3, minEvents: 3 },
  first: { windowDays: 1, baselineDays: 1, threshold: 1, minEvents: 1 },
}

/** Reads a rule from any boundary; throws a TypeError naming the field at fault. */
export function parseWatchRule(raw: unknown): WatchRule {
  const parsed = WatchRuleSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const path = issue?.path.join('.') ?? ''
  throw new TypeError(`watch rule${path ? ` ${path}` : ''}: ${issue?.message ?? 'invalid'}`)
}

/** The rule of a kind with its defaults, the user's figures over them. */
export function ruleWithDefaults(
  match: WatchMatch,
  when: WatchKind,
  figures: Partial<Pick<WatchRule, 'windowDays' | 'baselineDays' | 'threshold' | 'minEvents'>>,
): WatchRule {
  const defaults = KIND_DEFAULTS[when]
  const windowDays = figures.windowDays ?? defaults.windowDays
  // a baseline left to its default keeps its length in days but stays a whole number of windows
  const baselineDays = figures.baselineDays ?? Math.max(windowDays, Math.ceil(defaults.baselineDays / windowDays) * windowDays)
  return parseWatchRule({
    match,
    when,
    windowDays,
    baselineDays,
    threshold: figures.threshold ?? defaults.threshold,
    minEvents: figures.minEvents ?? defaults.minEvents,
  })
}

const DURATION = /^(?<n>[1-9]\d{0,3})(?<unit>[dw])$/

/** Reads a length of time in days or weeks ("1d", "7d", "4w") as days; throws a TypeError otherwise. */
export function parseDays(value: string, flag: string): number {
  const m = DURATION.exec(value.trim())
  if (!m?.groups) throw new TypeError(`${flag} expects days or weeks such as 1d, 7d or 4w, got "${value}"`)
  return Number(m.groups.n) * (m.groups.unit === 'w' ? 7 : 1)
}
